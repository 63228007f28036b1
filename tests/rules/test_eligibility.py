"""eligibility and eligibility-lapsed (domain.md §2–§3)."""

from registry.findings import ERROR, WARNING
from registry.rules import eligibility
from registry.rules.eligibility import effective_end, holds

from .builders import CUSTOM, D, H, P, board, comp, council, erhvervshus_2022, nt_2023, office, seat, snap
from .helpers import none, one

KKR_SEAT = comp(seat("pol", 1, "Politisk [repræsentant]", eligibility=("council-member-in-kkr",)), valid_from=D(2000, 1, 1))


def test_erhvervshus_and_nt_holders_are_eligible():
    assert eligibility.check(erhvervshus_2022()) == []
    assert eligibility.check(nt_2023()) == []


def test_no_council_office_fails_council_member_in_kkr():
    s = snap(H("pol", P("per-moller", "man", "Per Møller")), compositions=KKR_SEAT)
    f = one(eligibility.check(s), "eligibility")
    assert f.severity == ERROR and f.details == {"predicate": "council-member-in-kkr"}
    assert f.legal_basis == "KKR's forretningsorden 2026–2030"
    assert f.person == "per-moller" and f.seat == "pol"
    none(eligibility.check(s), "eligibility-lapsed")


def test_a_council_outside_the_kkr_does_not_count():
    p = P("x", "woman", offices=(council("koebenhavn"),))
    f = one(eligibility.check(snap(H("pol", p), compositions=KKR_SEAT)), "eligibility")
    assert f.details["predicate"] == "council-member-in-kkr"


def test_council_member_of_a_named_municipality():
    c = comp(seat("aalborg", 1, eligibility=("council-member-of:aalborg",)))
    wrong = P("k", "man", offices=(council("hjorring"),))
    f = one(eligibility.check(snap(H("aalborg", wrong, D(2022, 1, 1), D(2025, 12, 31)), compositions=c)), "eligibility")
    assert f.details == {"predicate": "council-member-of:aalborg"}
    assert "aalborg" in f.text("en")
    right = P("a", "man", offices=(council("aalborg"),))
    assert eligibility.check(snap(H("aalborg", right, D(2022, 1, 1), D(2025, 12, 31)), compositions=c)) == []


def test_mayor_elected_and_regional_predicates():
    c = comp(seat("s", 1, eligibility=("mayor", "elected", "regional-council-member")))
    p = P("x", "woman", offices=(council("aalborg"),))
    preds = {f.details["predicate"] for f in eligibility.check(snap(H("s", p), compositions=c))}
    assert preds == {"mayor", "regional-council-member"}      # a council member is elected
    nobody = P("y", "woman")
    preds = {f.details["predicate"] for f in eligibility.check(snap(H("s", nobody), compositions=c))}
    assert preds == {"mayor", "elected", "regional-council-member"}


def test_deputies_are_checked_too():
    s = snap(H("pol", P("m", "man", offices=(council("aalborg"),)), id="m1"),
             H("pol", P("d", "woman"), role="deputy", deputy_for="m1"), compositions=KKR_SEAT)
    assert one(eligibility.check(s), "eligibility").person == "d"


def test_office_ending_mid_appointment_is_a_lapse_not_an_error():
    p = P("x", "man", offices=(council("aalborg", D(2022, 1, 1), D(2023, 6, 30)),))
    s = snap(H("pol", p, D(2022, 4, 1), D(2026, 3, 31)), on=D(2023, 9, 1), compositions=KKR_SEAT)
    fs = eligibility.check(s)
    f = one(fs, "eligibility-lapsed")
    assert f.severity == WARNING
    assert f.details["predicate"] == "council-member-in-kkr"
    assert f.details["office_end"] == D(2023, 6, 30) and f.details["vacant_from"] == D(2023, 7, 1)
    none(fs, "eligibility")
    assert "01-07-2023" in f.text("da") and "2023-07-01" in f.text("en")


def test_an_office_ending_31_december_of_an_election_year_is_held_until_31_march():
    assert effective_end(council("aalborg", D(2022, 1, 1), D(2025, 12, 31))) == D(2026, 3, 31)
    assert effective_end(council("aalborg", D(2022, 1, 1), D(2024, 12, 31))) == D(2024, 12, 31)
    p = P("x", "man", offices=(council("aalborg", D(2022, 1, 1), D(2025, 12, 31)),))
    running = H("pol", p, D(2022, 4, 1), D(2026, 6, 30))
    assert eligibility.check(snap(running, on=D(2026, 2, 15), compositions=KKR_SEAT)) == []
    assert eligibility.check(snap(running, on=D(2026, 3, 31), compositions=KKR_SEAT)) == []
    f = one(eligibility.check(snap(running, on=D(2026, 4, 15), compositions=KKR_SEAT)), "eligibility-lapsed")
    assert f.details["office_end"] == D(2026, 3, 31) and f.details["vacant_from"] == D(2026, 4, 1)


def test_a_future_office_end_is_not_a_lapse():
    p = P("x", "man", offices=(council("aalborg", D(2022, 1, 1), D(2024, 6, 30)),))
    s = snap(H("pol", p, D(2022, 4, 1), D(2026, 3, 31)), on=D(2023, 6, 1), compositions=KKR_SEAT)
    assert eligibility.check(s) == []


def test_an_office_that_ended_before_the_appointment_is_plain_ineligibility():
    p = P("x", "man", offices=(council("aalborg", D(2018, 1, 1), D(2020, 6, 30)),))
    s = snap(H("pol", p, D(2022, 4, 1), D(2026, 3, 31)), on=D(2023, 1, 1), compositions=KKR_SEAT)
    fs = eligibility.check(s)
    one(fs, "eligibility")
    none(fs, "eligibility-lapsed")


def test_holds_on_open_ended_office_and_unknown_predicates():
    p = P("x", offices=(office("mayor", "aalborg", D(2022, 1, 1), None),))
    assert holds(p, "mayor", D(2040, 1, 1))
    assert holds(p, "some-future-predicate", D(2040, 1, 1))


def test_lapse_on_a_custom_board_with_open_appointment():
    p = P("x", "woman", offices=(office("regional-council-member", "region-nordjylland", D(2022, 1, 1), D(2023, 2, 28)),))
    c = comp(seat("reg", 1, eligibility=("regional-council-member",)))
    s = snap(H("reg", p, D(2022, 1, 1), None), on=D(2023, 5, 1), compositions=c, b=board(term=CUSTOM))
    assert one(eligibility.check(s), "eligibility-lapsed").details["vacant_from"] == D(2023, 3, 1)


def test_a_lapse_states_the_office_s_real_end_and_the_grace_apart():
    # issue 11, rule 7: an office ending 31-12-2025 (election year) counts until 31-03-2026
    p = P("x", "man", offices=(council("aalborg", D(2022, 1, 1), D(2025, 12, 31)),))
    running = H("pol", p, D(2022, 4, 1), D(2026, 6, 30))
    f = one(eligibility.check(snap(running, on=D(2026, 4, 15), compositions=KKR_SEAT)), "eligibility-lapsed")
    assert f.details["office_ended"] == D(2025, 12, 31) and f.details["office_end"] == D(2026, 3, 31)
    assert "ended on 2025-12-31" in f.text("en") and "held until 2026-03-31" in f.text("en")
    assert "31-12-2025" in f.text("da") and "31-03-2026" in f.text("da")
    # without a grace the two are the same day, said once
    q = P("y", "man", offices=(council("aalborg", D(2022, 1, 1), D(2023, 6, 30)),))
    g = one(eligibility.check(snap(H("pol", q, D(2022, 4, 1), D(2026, 3, 31)), on=D(2023, 8, 1),
                                   compositions=KKR_SEAT)), "eligibility-lapsed")
    assert g.details["office_ended"] == D(2023, 6, 30) and "held until" not in g.text("en")


def _region_holder(offices):
    """Erhvervshus 2022 with the regional council's member replaced (the seat Region Nordjylland appoints)."""
    import dataclasses

    s = erhvervshus_2022()
    md = P("mads-duedal", "man", "Mads Duedal", offices=offices)
    hist = tuple(dataclasses.replace(h, person=md) if h.appointment == "eh-region" else h for h in s.history)
    return dataclasses.replace(s, history=hist)


def test_an_ineligible_holder_of_a_seat_another_body_appoints_is_asked_of_that_body():
    # issue 11 rule 7: the region appoints its seat; the remedy asks the region, never "appoint someone"
    f = one(eligibility.check(_region_holder(())), "eligibility")
    assert f.seat == "region"
    en, da = f.remedy_text("en"), f.remedy_text("da")
    assert en.startswith("Ask Regionsrådet, Region Nordjylland to appoint someone to Regionsrådet who meets")
    assert da.startswith("Bed Regionsrådet, Region Nordjylland om at udpege")
    # the KKR's own seat keeps the KKR's remedy
    s = snap(H("pol", P("per-moller", "man", "Per Møller")), compositions=KKR_SEAT)
    assert one(eligibility.check(s), "eligibility").remedy_text("en").startswith("Appoint someone to")


def test_a_lapsed_holder_of_a_seat_another_body_appoints_is_reported_to_that_body():
    import dataclasses

    # the regional office ended 30-04-2022, inside the term: on 01-06-2023 the seat's requirement has lapsed
    s = dataclasses.replace(_region_holder((office("regional-council-member", "region-nordjylland",
                                                    D(2018, 1, 1), D(2022, 4, 30)),)), on=D(2023, 6, 1))
    f = one(eligibility.check(s), "eligibility-lapsed")
    assert f.remedy_text("en").startswith("Tell Regionsrådet, Region Nordjylland that Mads Duedal no longer meets")
