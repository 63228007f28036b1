"""nominator-not-entitled, joint-nomination, nomination-missing, nomination-both-sexes (§ 10 a)."""

import dataclasses

import pytest

from registry.findings import ERROR, INFO, WARNING
from registry.rules import nominations

from .builders import (BUSINESS, D, H, P, erhvervshus_2022, erhvervshus_composition, nom, raad_nominations,
                       seat, comp, snap)
from .helpers import none, one


def _replace_holding(s, appointment, **kw):
    return dataclasses.replace(s, history=tuple(dataclasses.replace(h, **kw) if h.appointment == appointment else h
                                                for h in s.history))


# --- nominator-not-entitled -------------------------------------------------------------------

def test_a_nominator_outside_the_list_is_not_entitled():
    s = _replace_holding(erhvervshus_2022(), "eh-bus-lf", nominated_by=("nord",))
    f = one(nominations.check(s), "nominator-not-entitled", seat="business")
    assert f.severity == ERROR and f.person == "hanne-kvist" and f.appointment == "eh-bus-lf"
    assert f.details["not_entitled"] == ["nord"] and list(f.details["entitled"]) == list(BUSINESS)
    remedy = f.remedy_text("en")
    for name in ("DI", "Dansk Erhverv", "SMVdanmark", "Tekniq", "Landbrug & Fødevarer", "HORESTA"):
        assert name in remedy
    assert "Foreningen [Nord]" in f.text("en") and "[Nord]" not in f.message
    assert f.legal_basis.startswith("Lov om erhvervsfremme § 13")


def test_entitled_nominators_give_nothing():
    fs = nominations.check(erhvervshus_2022())
    none(fs, "nominator-not-entitled")
    none(fs, "nomination-missing")


def test_entitlement_follows_the_composition_in_force_when_the_appointment_started():
    old = erhvervshus_composition()
    new_seats = tuple(dataclasses.replace(s, nominated_by=s.nominated_by + ("finans",)) if s.id == "business" else s
                      for s in old.seats)
    new = dataclasses.replace(old, valid_from=D(2026, 4, 1), valid_to=None, seats=new_seats)
    p = P("fd", "woman")
    later = snap(H("business", p, D(2026, 4, 1), D(2030, 3, 31), nominated_by=("finans",)), on=D(2026, 5, 1),
                 compositions=(old, new))
    none(nominations.check(later), "nominator-not-entitled")
    earlier = snap(H("business", p, D(2025, 4, 1), D(2030, 3, 31), nominated_by=("finans",)), on=D(2026, 5, 1),
                   compositions=(old, new))
    one(nominations.check(earlier), "nominator-not-entitled")


# --- joint-nomination -------------------------------------------------------------------------

def test_labour_seat_nominated_by_fh_alone_is_not_joint():
    f = one(nominations.check(erhvervshus_2022()), "joint-nomination")
    assert f.severity == ERROR and f.seat == "labour" and f.person == "jan-o-gregersen"
    assert f.details == {"nominated_by": ["fh"], "required": ["fh", "ac"], "missing": ["ac"]}
    assert "Akademikerne" in f.remedy_text("en")


def test_a_joint_nomination_by_both_is_fine():
    s = _replace_holding(erhvervshus_2022(), "eh-labour", nominated_by=("fh", "ac"))
    none(nominations.check(s), "joint-nomination")


# --- nomination-missing -----------------------------------------------------------------------

def test_a_nominated_seat_without_a_recorded_nominator():
    s = _replace_holding(erhvervshus_2022(), "eh-know", nominated_by=())
    fs = nominations.check(s)
    f = one(fs, "nomination-missing", seat="knowledge")
    assert f.severity == WARNING and f.details == {"entitled": ["aau"]}
    none(fs, "nominator-not-entitled")


def test_a_seat_without_nominators_needs_none():
    none(nominations.check(erhvervshus_2022()), "nomination-missing", seat="chair")


def test_the_nomination_record_supplies_the_nominator():
    s = _replace_holding(erhvervshus_2022(), "eh-know", nominated_by=(), nomination="n-aau")
    s = dataclasses.replace(s, nominations=(nom("n-aau", "knowledge", ["aau"], [P("w", "woman"), P("m", "man")],
                                                round=D(2022, 4, 1)),))
    none(nominations.check(s), "nomination-missing")


# --- nomination-both-sexes --------------------------------------------------------------------

@pytest.mark.parametrize("nid,severity", [("n-men-only", ERROR), ("n-pending", WARNING), ("n-accepted", INFO),
                                          ("n-unequal", ERROR), ("n-rejected", ERROR)])
def test_the_10a_severity_ladder(nid, severity):
    f = one(nominations.check(raad_nominations()), "nomination-both-sexes", nomination=nid)
    assert f.severity == severity
    assert f.legal_basis == "Ligestillingsloven § 10 a, stk. 1–2"
    assert f.seat == "members" and f.board == "raad"


@pytest.mark.parametrize("nid", ["n-ok", "n-two-ok"])
def test_complying_nominations_give_nothing(nid):
    none(nominations.check(raad_nominations()), "nomination-both-sexes", nomination=nid)


def test_men_only_nomination_details_and_remedy():
    f = one(nominations.check(raad_nominations()), "nomination-both-sexes", nomination="n-men-only")
    assert f.details["need"] == {"woman": 1}
    assert (f.details["seats"], f.details["women"], f.details["men"]) == (1, 0, 1)
    assert f.remedy_text("en") == ("Ask Foreningen [Nord] to also nominate a woman, or to state special reasons "
                                   "(ligestillingsloven § 10 a, stk. 2)")
    assert f.remedy_text("da") == ("Bed Foreningen [Nord] om også at indstille en kvinde, eller om at angive særlige "
                                   "grunde (ligestillingsloven § 10 a, stk. 2)")


def test_two_women_one_man_for_two_seats_lacks_a_man():
    f = one(nominations.check(raad_nominations()), "nomination-both-sexes", nomination="n-unequal")
    assert f.details["need"] == {"man": 1}


def _one_nomination(*candidates, **kw):
    c = comp(seat("members", 3, nominated_by=("org-a",)), valid_from=D(2026, 4, 1))
    return snap(on=D(2026, 3, 1), compositions=c, nominations=(nom("n", "members", ["org-a"], candidates, **kw),))


def test_undisclosed_sex_makes_it_a_warning():
    f = one(nominations.check(_one_nomination(P("m", "man"), P("u"))), "nomination-both-sexes")
    assert f.severity == WARNING and f.details["undisclosed"] == 1 and f.details["need"] == {}


def test_undetermined_with_accepted_reasons_is_info():
    s = _one_nomination(P("m", "man"), P("u"), reasons="Særlige grunde", reasons_accepted="yes")
    assert one(nominations.check(s), "nomination-both-sexes").severity == INFO


def test_a_nomination_without_candidates_yet_is_not_judged():
    none(nominations.check(_one_nomination()), "nomination-both-sexes")


def test_strict_variant_needs_k_of_each():
    c = comp(seat("members", 3), valid_from=D(2026, 4, 1), nomination_rule="dk-10a-strict")
    n = nom("n", "members", ["org-a"], [P("w1", "woman"), P("m1", "man")], seats=2)
    f = one(nominations.check(snap(on=D(2026, 3, 1), compositions=c, nominations=(n,))), "nomination-both-sexes")
    assert f.details["need"] == {"woman": 1, "man": 1} and f.details["rule"] == "dk-10a-strict"
    assert "also nominate a woman and a man" in f.remedy_text("en")


def test_nomination_rule_none_never_fires():
    c = comp(seat("members", 3), valid_from=D(2026, 4, 1), nomination_rule="none")
    n = nom("n", "members", ["org-a"], [P("m1", "man")])
    assert nominations.check(snap(on=D(2026, 3, 1), compositions=c, nominations=(n,))) == []
