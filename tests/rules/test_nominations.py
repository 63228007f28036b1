"""nominator-not-entitled, joint-nomination, nomination-missing, nomination-both-sexes (§ 10 a)."""

import dataclasses

import pytest
from hypothesis import given, strategies as st

from registry.findings import ERROR, INFO, WARNING
from registry.rules import data as _data, nominations
from registry.rules._common import nomination_exists_from

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


# --- a nomination exists from its received date (domain.md §1) ------------------------------

_C10 = comp(seat("members", 4, "Medlemmer", nominated_by=("org-b",)), valid_from=D(2022, 1, 1))


def _men_only(**kw):
    return nom("n-men", "members", ["org-b"], [P("m-only", "man")], **kw)


def test_a_check_before_the_received_date_does_not_judge_the_nomination():
    n = _men_only(received=D(2026, 2, 25), deadline=D(2026, 2, 27))
    before = snap(on=D(2022, 6, 1), compositions=_C10, nominations=(n,))
    none(nominations.check(before), "nomination-both-sexes")
    none(nominations.check(before.at(D(2026, 2, 24))), "nomination-both-sexes")
    f = one(nominations.check(before.at(D(2026, 2, 25))), "nomination-both-sexes")
    assert f.severity == ERROR and f.nomination == "n-men"


def test_without_a_received_date_the_deadline_dates_the_nomination():
    n = _men_only(deadline=D(2026, 2, 27))
    s = snap(on=D(2026, 2, 26), compositions=_C10, nominations=(n,))
    none(nominations.check(s), "nomination-both-sexes")
    one(nominations.check(s.at(D(2026, 2, 27))), "nomination-both-sexes")


def test_a_deadline_that_does_not_fit_the_round_cannot_date_it():
    # the 2026 agenda's "27. februar 2030": from a year before its round, not from 2030
    n = nom("n-2026-eh-di", "members", ["org-b"], [], deadline=D(2030, 2, 27))
    s = snap(on=D(2022, 6, 1), compositions=_C10, nominations=(n,))
    none(_data.check(s), "date-implausible")
    none(_data.check(s.at(D(2025, 3, 31))), "date-implausible")
    one(_data.check(s.at(D(2025, 4, 1))), "date-implausible", nomination="n-2026-eh-di")
    one(_data.check(s.at(D(2026, 3, 27))), "date-implausible", nomination="n-2026-eh-di")


def test_the_nominator_of_a_holder_is_not_read_from_a_nomination_not_yet_received():
    h = H("members", P("w", "woman"), D(2026, 4, 1), D(2030, 3, 31), nomination="n-late")
    n = nom("n-late", "members", ["org-b"], [P("w", "woman")], received=D(2026, 5, 1))
    s = snap(h, on=D(2026, 4, 15), compositions=_C10, nominations=(n,))
    one(nominations.check(s), "nomination-missing")
    none(nominations.check(s.at(D(2026, 5, 1))), "nomination-missing")


_day = st.dates(min_value=D(2018, 1, 1), max_value=D(2034, 12, 31))


@given(on=_day, received=st.none() | _day, deadline=st.none() | _day)
def test_a_nomination_is_judged_exactly_from_the_day_it_exists(on, received, deadline):
    n = _men_only(received=received, deadline=deadline)
    s = snap(on=on, compositions=_C10, nominations=(n,))
    judged = bool([f for f in nominations.check(s) + _data.check(s) if f.nomination == "n-men"])
    start = nomination_exists_from(n, s.board.term)
    # by hand: the received date unless after the term (2026-04-01 – 2030-03-31) has ended; else a
    # deadline between a year before the round and the round; else a year before the round
    if received is not None and received <= D(2030, 3, 31):
        assert start == received
    elif deadline is not None and D(2025, 4, 1) <= deadline <= D(2026, 4, 1):
        assert start == deadline
    else:
        assert start == D(2025, 4, 1)
    if on < start:
        assert not judged
    else:
        assert judged      # men only for one seat: § 10 a fails whenever it is seen
