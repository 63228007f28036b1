"""Rule set ``no`` checks the deputies as a set of their own (domain.md §5; issue 11, rule 2).

The Norwegian table (allmennaksjeloven § 6-11a): n 2–3: 1 of each, 4–5: 2, 6–8: 3, 9: 4, from
10 ceil(0.4·n). Members and deputies are never pooled. Hand-worked figures:

* 4 members, 2 women and 2 men: n = 4 needs 2 of each — met. Their 4 deputies, 3 women and 1
  man: n = 4 needs 2 of each, 1 man — not met, 1 man short. (Pooled, 5 women and 3 men of
  n = 8 needing 3 of each would pass: pooling hides it.)
* 4 members, 1 woman and 3 men: not met, 1 woman short; deputies 2 and 2: met. (Pooled, 3 women
  and 5 men of n = 8 would pass.)
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from registry.rules import gender
from registry.rules.rulesets import BUILTIN, required_each
from tests.rules.builders import D, H, P, comp, seat, snap


def _board(member_sexes, deputy_sexes, balance=("no",), observer_deputy=None, **kw):
    hist = []
    for i, (ms, ds) in enumerate(zip(member_sexes, deputy_sexes)):
        m = H("m", P(f"m{i}", ms), id=f"mem-{i}")
        hist.append(m)
        if ds is not None:
            hist.append(H("m", P(f"d{i}", ds), id=f"dep-{i}", role="deputy", deputy_for=m.appointment))
    seats = [seat("m", len(member_sexes), "Medlemmer", deputies="required", appointed_by="kkr-nordjylland")]
    if observer_deputy:
        seats.append(seat("obs", 1, "Observatør", voting=False, counts_for_balance=False, deputies="optional"))
        hist += [H("obs", P("o", "man"), id="obs"),
                 H("obs", P("od", observer_deputy), id="obs-dep", role="deputy", deputy_for="obs")]
    return snap(*hist, on=D(2023, 1, 1), compositions=comp(*seats, balance=balance, **kw))


def _found(s):
    return [(f.rule, f.details.get("set", "members"), f.details["n"], f.details["women"], f.details["men"],
             dict(f.details["short"])) for f in gender.check(s)]


def test_deputies_are_checked_on_their_own_and_fail_where_pooling_would_pass():
    s = _board(["woman", "woman", "man", "man"], ["woman", "woman", "woman", "man"])
    assert _found(s) == [("gender-balance", "deputies", 4, 3, 1, {"man": 1})]
    f = gender.check(s)[0]
    assert f.details["required_each"] == 2 and f.details["ruleset"] == "no"
    assert "deputies" in f.message and "deput" in f.remedy


def test_members_are_judged_without_their_deputies():
    s = _board(["woman", "man", "man", "man"], ["woman", "woman", "man", "man"])
    assert _found(s) == [("gender-balance", "members", 4, 1, 3, {"woman": 1})]


def test_only_a_rule_set_that_says_so_checks_deputies():
    s = _board(["woman", "woman", "man", "man"], ["woman", "woman", "woman", "man"], balance=("dk-ligelig",))
    assert _found(s) == []
    assert BUILTIN["no"].deputies and not any(rs.deputies for k, rs in BUILTIN.items() if k != "no")


def test_undisclosed_deputies_make_the_deputies_verdict_undetermined():
    # deputies: 1 woman, 2 men, 1 undisclosed; n = 4 needs 2 of each: met only if a woman
    s = _board(["woman", "woman", "man", "man"], ["woman", "man", "man", "undisclosed"])
    assert [(f.rule, f.details["set"], f.details["undisclosed"]) for f in gender.check(s)] == [
        ("gender-undetermined", "deputies", 1)]


def test_deputies_of_seats_not_counted_are_not_counted():
    # the counted seats' deputies are 2 men: n = 2 needs 1 of each — not met. The observer's
    # deputy, a woman, would make it met (1 woman, 2 men of n = 3), but is not one of them.
    s = _board(["woman", "man"], ["man", "man"], observer_deputy="woman")
    assert _found(s) == [("gender-balance", "deputies", 2, 0, 2, {"woman": 1})]


def test_each_scope_checks_its_own_deputies():
    # KKR's 2 seats have 2 men as deputies; the region's 2 seats 2 women. Board: 2 and 2, met;
    # controlled (KKR's own): n = 2 needs 1 woman — not met.
    people = iter(range(100))
    hist = []
    for seat_id, msex, dsex in [("k", "woman", "man"), ("k", "man", "man"), ("r", "woman", "woman"),
                                ("r", "man", "woman")]:
        i = next(people)
        m = H(seat_id, P(f"m{i}", msex), id=f"mem-{i}")
        hist += [m, H(seat_id, P(f"d{i}", dsex), id=f"dep-{i}", role="deputy", deputy_for=m.appointment)]
    c = comp(seat("k", 2, appointed_by="kkr-nordjylland", deputies="required"),
             seat("r", 2, appointed_by="region-nordjylland", deputies="required"),
             balance=("no",), scopes=("board", "controlled"))
    found = [(f.details["scope"], f.details.get("set"), f.details["women"], f.details["men"])
             for f in gender.check(snap(*hist, on=D(2023, 1, 1), compositions=c))]
    assert found == [("controlled", "deputies", 0, 2)]


@given(st.lists(st.sampled_from(["woman", "man"]), min_size=2, max_size=12),
       st.lists(st.sampled_from(["woman", "man"]), min_size=2, max_size=12))
def test_members_and_deputies_are_each_judged_by_the_table_alone(members, deputies):
    deputies = (deputies * 12)[:len(members)]
    s = _board(members, deputies)
    verdict = {f.details.get("set", "members"): f for f in gender.check(s)}
    for which, sexes in (("members", members), ("deputies", deputies)):
        n, w = len(sexes), sexes.count("woman")
        need = required_each(BUILTIN["no"], n)
        assert (which in verdict) == (min(w, n - w) < need), (which, sexes)
