"""structure: seat-overfilled, seat-vacant, board-size, board-size-odd, seat-share."""

import dataclasses

from registry.findings import ERROR, WARNING
from registry.rules import structure

from .builders import D, H, P, alloc, comp, erhvervshus_2022, nt_2023, seat, snap
from .helpers import none, one


def _drop(s, appointment):
    return dataclasses.replace(s, history=tuple(h for h in s.history if h.appointment != appointment))


def test_nt_with_one_municipal_member_too_many():
    fs = structure.check(nt_2023())
    f = one(fs, "seat-overfilled", seat="municipal")
    assert f.severity == ERROR and dict(f.details) == {"count": 6, "members": 7, "over": 1}
    assert f.legal_basis == "Lov om trafikselskaber § 2"
    size = one(fs, "board-size")
    assert size.severity == ERROR and size.details["voting"] == 10 and size.details["max"] == 9
    odd = one(fs, "board-size-odd")
    assert odd.severity == ERROR and odd.details["voting"] == 10
    none(fs, "seat-share")
    none(fs, "seat-vacant")


def test_nt_at_nine_is_silent():
    fs = structure.check(_drop(nt_2023(), "nt-k7"))
    for rule in structure.RULES:
        none(fs, rule)


def test_erhvervshus_2022_is_fully_and_correctly_seated():
    fs = structure.check(erhvervshus_2022())
    assert fs == []


def test_seat_vacant_counts_the_open_seats():
    f = one(structure.check(_drop(erhvervshus_2022(), "eh-bus-lf")), "seat-vacant", seat="business")
    assert f.severity == WARNING
    assert dict(f.details) == {"count": 4, "members": 3, "open": 1, "council_group": None}
    assert "Landbrug & Fødevarer" in f.remedy_text("en")     # the entitled nominators are named


def test_seat_vacant_names_the_allotted_council_group():
    s = dataclasses.replace(_drop(erhvervshus_2022(), "eh-pol-3"),
                            allocations=(alloc("political", "blaa-2022", "Blå gruppe [b]"),))
    f = one(structure.check(s), "seat-vacant", seat="political")
    assert f.details["council_group"] == "blaa-2022"
    assert "Blå gruppe [b]" in f.text("en") and "Blå gruppe [b]" in f.remedy_text("da")
    assert "[b]" not in f.message          # the name is a parameter, not part of the template


def test_an_allotment_already_named_is_not_reported_as_pending():
    s = erhvervshus_2022()
    hist = tuple(dataclasses.replace(h, council_group="blaa-2022") if h.appointment == "eh-pol-1" else h
                 for h in s.history if h.appointment != "eh-pol-3")
    s = dataclasses.replace(s, history=hist, allocations=(alloc("political", "blaa-2022", "Blå gruppe"),))
    assert one(structure.check(s), "seat-vacant", seat="political").details["council_group"] is None


def test_board_size_below_min_only_for_a_full_board():
    c = comp(seat("a", 2), size=(5, 7))
    full = snap(H("a", P("x", "woman")), H("a", P("y", "man")), compositions=c)
    f = one(structure.check(full), "board-size")
    assert f.severity == ERROR and f.details == {"voting": 2, "min": 5, "max": 7}
    vacant = snap(H("a", P("x", "woman")), compositions=c)
    none(structure.check(vacant), "board-size")


def test_board_size_counts_voting_members_only():
    c = comp(seat("a", 3), seat("obs", 2, voting=False), size=(3, 3))
    s = snap(*(H("a", P(f"p{i}", "man")) for i in range(3)), *(H("obs", P(f"o{i}", "woman")) for i in range(2)),
             compositions=c)
    none(structure.check(s), "board-size")


def test_board_size_odd_silent_when_not_demanded():
    c = comp(seat("a", 4), size=(None, None), odd=False)
    s = snap(*(H("a", P(f"p{i}", "man")) for i in range(4)), compositions=c)
    none(structure.check(s), "board-size-odd")


def test_board_size_odd_waits_for_a_full_board():
    c = comp(seat("a", 5), odd=True)
    s = snap(*(H("a", P(f"p{i}", "man")) for i in range(4)), compositions=c)
    none(structure.check(s), "board-size-odd")


def test_seat_share_fires_when_a_group_holds_a_majority():
    c = comp(seat("region", 2, "Regionsrådet", max_share=0.5), seat("muni", 1))
    s = snap(H("region", P("r1", "woman")), H("region", P("r2", "man")), H("muni", P("k", "man")), compositions=c)
    f = one(structure.check(s), "seat-share", seat="region")
    assert f.severity == ERROR and f.details == {"members": 2, "voting": 3, "max_share": 0.5}
    assert "50%" in f.text("en")


def test_seat_share_uses_the_planned_board_while_seats_are_vacant():
    # NT before the municipal members are chosen: the region's two are not yet "a majority"
    s = _drop(_drop(nt_2023(), "nt-k1"), "nt-k2")
    s = dataclasses.replace(s, history=tuple(h for h in s.history if h.seat != "municipal" and h.seat != "aalborg"))
    none(structure.check(s), "seat-share")


def test_members_of_a_seat_group_the_composition_lacks_overfill_it():
    s = erhvervshus_2022()
    s = s.with_appointment(H("ghost", P("g", "woman", "Foreningen [Nord]")))
    f = one(structure.check(s), "seat-overfilled", seat="ghost")
    assert f.details == {"count": 0, "members": 1, "over": 1}


def test_no_composition_in_force_no_structure_findings():
    s = erhvervshus_2022(on=D(2026, 6, 1))   # the 2022 composition ended 2026-03-31
    assert s.composition is None
    assert structure.check(s) == []


def test_holdovers_are_counted():
    b = dataclasses.replace(nt_2023().board, holdover=True)
    s = dataclasses.replace(_drop(nt_2023(), "nt-k7"), board=b, on=D(2026, 2, 1))
    assert all(h.status == "holdover" for h in s.members)
    fs = structure.check(s)
    none(fs, "seat-vacant")
    none(fs, "board-size")


def test_board_size_odd_asks_for_other_seat_counts_not_one_more_appointment():
    # issue 11, rule 7: an even full board is fixed in the composition's seat counts; adding or
    # ending an appointment would overfill or empty a seat group instead
    c = comp(seat("a", 2), seat("b", 2), odd=True, valid_from=D(2022, 1, 1))
    s = snap(*(H(g, P(f"{g}{i}", "woman" if i else "man")) for g in "ab" for i in range(2)), compositions=c)
    f = one(structure.check(s), "board-size-odd")
    for lang in ("en", "da"):
        text = f.remedy_text(lang).lower()
        assert "appointment" not in text and "udpegning" not in text
    assert "seat counts of the composition" in f.remedy_text("en")
    assert "pladsantallene i sammensætningen" in f.remedy_text("da")


# issue 11, rule 7: a remedy fits who appoints the seat. The KKR fills its own seats (or allots
# them to a council group); a seat another body appoints is asked of that body, and the holder
# recorded.

def test_a_vacant_seat_the_region_appoints_is_asked_of_the_region():
    f = one(structure.check(_drop(erhvervshus_2022(), "eh-region")), "seat-vacant", seat="region")
    en, da = f.remedy_text("en"), f.remedy_text("da")
    assert en == "Ask Regionsrådet, Region Nordjylland whom it appoints to Regionsrådet, and record the holder"
    assert da == "Spørg Regionsrådet, Region Nordjylland, hvem der udpeges til Regionsrådet, og registrér navnet"
    assert "council group" not in en and "gruppe" not in da


def test_a_vacant_observer_seat_is_asked_of_the_ministry():
    f = one(structure.check(_drop(erhvervshus_2022(), "eh-observer")), "seat-vacant", seat="observer")
    assert f.remedy_text("en") == "Ask Erhvervsministeriet whom it appoints to Observatør, and record the holder"


def test_vacant_nt_seats_are_asked_of_the_body_that_appoints_each():
    s = nt_2023()
    names = {"aalborg-kommune": "Aalborg Kommune", "nt-repraesentantskab": "NT's repræsentantskab"}
    s = dataclasses.replace(s, owner_orgs=frozenset({"kkr-nordjylland"}), org_names=names,
                            history=tuple(h for h in s.history if h.appointment not in ("nt-a1", "nt-k6", "nt-k7")))
    fs = structure.check(s)
    assert one(fs, "seat-vacant", seat="aalborg").remedy_text("en") == (
        "Ask Aalborg Kommune whom it appoints to Største tilskudsyder, and record the holder")
    assert one(fs, "seat-vacant", seat="municipal").remedy_text("en") == (
        "Ask NT's repræsentantskab whom it appoints to Kommunale medlemmer, and record the holder")


def test_a_vacant_kkr_seat_still_gets_the_kkr_remedies():
    s = _drop(erhvervshus_2022(), "eh-pol-3")
    assert "allot the seat to a council group" in one(structure.check(s), "seat-vacant", seat="political").remedy_text("en")
    # with no KKR organisation known, every seat counts as the KKR's own (as in the planner)
    s = dataclasses.replace(_drop(erhvervshus_2022(), "eh-region"), owner_orgs=frozenset())
    assert "allot the seat" in one(structure.check(s), "seat-vacant", seat="region").remedy_text("en")
