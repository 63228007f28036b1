"""Gender rule sets (domain.md §5) and the § 10 a nomination rule."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from registry.rules.rulesets import (
    BUILTIN, NOMINATION_RULES, BalanceVerdict, RuleSet, UnknownRuleSet, attainable,
    evaluate_balance, evaluate_nomination, get_ruleset, required_each,
)

R = {rid: BUILTIN[rid] for rid in BUILTIN}
counts = st.integers(min_value=0, max_value=40)
builtin_ids = st.sampled_from(sorted(BUILTIN))


# --- worked figures (domain.md §5) -------------------------------------------------------------

@pytest.mark.parametrize("n, ligelig, parity, eu40, norway", [
    (9, 4, 4, 4, 4),
    (11, 5, 5, 4, 5),
    (13, 6, 6, 5, 6),
    (4, 2, 2, 1, 2),
    (3, 1, 1, 1, 1),
])
def test_worked_figures(n, ligelig, parity, eu40, norway):
    assert required_each(R["dk-ligelig"], n) == ligelig
    assert required_each(R["parity"], n) == parity
    assert required_each(R["eu-40"], n) == eu40
    assert required_each(R["no"], n) == norway


def test_strict_40_unattainable_at_1_and_3_only():
    rs = R["strict-40"]
    assert required_each(rs, 3) == 2
    assert not attainable(rs, 3)
    assert not attainable(rs, 1)
    assert [n for n in range(0, 200) if not attainable(rs, n)] == [1, 3]
    v = evaluate_balance(rs, 1, 2)
    assert v.status == "unattainable" and v.required_each == 2 and v.short == {}
    # unattainable takes precedence even with undisclosed members
    assert evaluate_balance(rs, 0, 0, 3).status == "unattainable"


def test_erhvervshus_2022():
    """KKR's own 10 seats: 4 women, 6 men pass; the whole board of 11 with 4/7 fails."""
    rs = get_ruleset("dk-ligelig")
    assert required_each(rs, 10) == 4
    assert evaluate_balance(rs, 4, 6).status == "pass"
    v = evaluate_balance(rs, 4, 7)
    assert v == BalanceVerdict("fail", "dk-ligelig", 11, 4, 7, 0, 5, {"woman": 1})


def test_exact_arithmetic_at_multiples_of_five():
    # float: math.ceil(0.4 * 10) is 4, but Fraction(0.4) * 10 > 4 -- both traps avoided
    for n in range(0, 101, 5):
        assert required_each(R["strict-40"], n) == 2 * n // 5
        if n >= 10:
            assert required_each(R["no"], n) == 2 * n // 5
    assert required_each(R["eu-33"], 100) == 33
    assert required_each(R["eu-33"], 3) == 1          # 0.99 → 1
    assert required_each(R["eu-40"], 5) == 2          # exactly 40 %
    assert required_each(R["eu-40"], 2) == 0          # 1 of 2 is 50 % > 49 %: step down


def test_eu_nearest_tie_goes_up_then_capped():
    # share 0.5 with nearest: n=5 → 2.5 → 3 (tie up) → 60 % > 49 % → 2
    rs = RuleSet("half-nearest", share=0.5, rounding="nearest", max_share=0.49)
    assert required_each(rs, 5) == 2
    # tie up without the 49 % limit
    rs = RuleSet("quarter", share=0.25, rounding="nearest", cap_half=False)
    assert required_each(rs, 2) == 1                  # 0.5 → 1
    assert required_each(rs, 6) == 2                  # 1.5 → 2


def test_norway_table():
    expected = {0: 0, 1: 0, 2: 1, 3: 1, 4: 2, 5: 2, 6: 3, 7: 3, 8: 3, 9: 4, 10: 4, 11: 5,
                12: 5, 15: 6, 20: 8}
    assert {n: required_each(R["no"], n) for n in expected} == expected


def test_none_and_zero():
    for n in range(0, 30):
        assert required_each(R["none"], n) == 0
    for rid in BUILTIN:
        assert required_each(R[rid], 0) == 0
        assert evaluate_balance(R[rid], 0, 0).status == "pass"
    assert evaluate_balance(R["none"], 0, 13).status == "pass"


def test_parity():
    rs = R["parity"]
    assert evaluate_balance(rs, 5, 6).status == "pass"
    assert evaluate_balance(rs, 4, 7).short == {"woman": 1}
    assert evaluate_balance(rs, 6, 6).status == "pass"
    assert evaluate_balance(rs, 7, 5).short == {"man": 1}


# --- custom rule sets ---------------------------------------------------------------------------

def test_custom_share_with_and_without_cap():
    capped = RuleSet("kkr-40", "40 % af hvert køn", share=0.4, cap_half=True)
    uncapped = RuleSet("kkr-40-u", share=0.4, cap_half=False)
    assert required_each(capped, 3) == 1 and attainable(capped, 3)
    assert required_each(uncapped, 3) == 2 and not attainable(uncapped, 3)
    assert required_each(capped, 10) == 4


def test_custom_table_then_share():
    rs = RuleSet("t", share=0.4, table={"2": 1, "3": 1, "4": 2})   # as read from TOML
    assert rs.table == ((2, 1), (3, 1), (4, 2))
    assert [required_each(rs, n) for n in range(2, 5)] == [1, 1, 2]
    assert required_each(rs, 10) == 4                 # above the table: share
    assert required_each(RuleSet("t2", table=((2, 1),)), 7) == 0   # no share: no requirement
    hash(rs)                                          # still hashable


def test_custom_share_is_exact():
    rs = RuleSet("third", share=Fraction(1, 3), cap_half=False)
    assert required_each(rs, 9) == 3
    assert required_each(RuleSet("s", share="0.4", cap_half=False), 10) == 4


@pytest.mark.parametrize("kwargs", [
    {"share": 1.5}, {"share": -0.1}, {"rounding": "up"}, {"table": ((2, -1),)},
    {"table": ((2, 1), (2, 0))}, {"max_share": 2}, {"table": (("x", 1),)},
])
def test_custom_validation(kwargs):
    with pytest.raises(ValueError):
        RuleSet("bad", **kwargs)


def test_get_ruleset():
    assert get_ruleset("parity") is BUILTIN["parity"]
    mine = RuleSet("kkr-40", share=0.4)
    assert get_ruleset("kkr-40", {"kkr-40": mine}) is mine
    with pytest.raises(KeyError) as exc:
        get_ruleset("dk-ligeligt")
    assert isinstance(exc.value, UnknownRuleSet)
    assert "unknown gender rule set 'dk-ligeligt'" in str(exc.value)
    assert "dk-ligelig" in str(exc.value)
    with pytest.raises(ValueError, match="built in"):
        get_ruleset("parity", {"parity": RuleSet("parity", share=0.3)})
    assert set(BUILTIN) == {"dk-ligelig", "parity", "eu-40", "eu-33", "no", "strict-40", "none"}
    assert all(rs.legal_basis for rid, rs in BUILTIN.items() if rid != "none")


def test_negative_counts_rejected():
    with pytest.raises(ValueError):
        required_each(R["parity"], -1)
    with pytest.raises(ValueError):
        evaluate_balance(R["parity"], -1, 3)
    with pytest.raises(TypeError):
        evaluate_balance(R["parity"], 1.0, 3)


# --- undisclosed --------------------------------------------------------------------------------

def test_undisclosed_pass_fail_undetermined():
    rs = R["dk-ligelig"]
    # n=11, required 5: 5 W, 5 M, 1 undisclosed passes whatever the last one is
    assert evaluate_balance(rs, 5, 5, 1).status == "pass"
    # 4 W, 6 M, 1 undisclosed: passes only if a woman
    v = evaluate_balance(rs, 4, 6, 1)
    assert v.status == "undetermined" and v.short == {} and v.n == 11
    # 2 W, 8 M, 1 undisclosed: fails whatever; shortfall with the undisclosed as a woman
    v = evaluate_balance(rs, 2, 8, 1)
    assert v.status == "fail" and v.required_each == 5 and v.short == {"woman": 2}


def _reference_balance(rs, w, m, u):
    n = w + m + u
    req = required_each(rs, n)
    if req > n // 2:
        return "unattainable"
    ok = [w + k >= req and m + u - k >= req for k in range(u + 1)]
    return "pass" if all(ok) else "fail" if not any(ok) else "undetermined"


@given(builtin_ids, counts, counts, st.integers(0, 6))
def test_status_matches_definition(rid, w, m, u):
    v = evaluate_balance(R[rid], w, m, u)
    assert v.status == _reference_balance(R[rid], w, m, u)
    assert (v.short == {}) == (v.status != "fail")
    assert all(x > 0 for x in v.short.values())


@given(builtin_ids, counts, counts)
def test_no_undisclosed_never_undetermined(rid, w, m):
    v = evaluate_balance(R[rid], w, m, 0)
    assert v.status != "undetermined"
    if v.status == "fail":
        assert v.short == {s: v.required_each - c for s, c in (("woman", w), ("man", m))
                           if c < v.required_each}


@given(builtin_ids, st.integers(0, 300))
def test_required_at_most_half_except_strict_40(rid, n):
    if rid != "strict-40":
        assert required_each(R[rid], n) <= n // 2
        assert attainable(R[rid], n)


@given(st.sampled_from(["dk-ligelig", "parity", "no"]), st.integers(0, 300))
def test_required_non_decreasing(rid, n):
    assert required_each(R[rid], n) <= required_each(R[rid], n + 1)


@given(builtin_ids, counts, counts, st.integers(0, 4))
def test_adding_a_woman_never_increases_womens_shortfall(rid, w, m, u):
    before = evaluate_balance(R[rid], w, m, u).short.get("woman", 0)
    after = evaluate_balance(R[rid], w + 1, m, u).short.get("woman", 0)
    assert after <= before


@given(builtin_ids, counts, counts)
def test_symmetric_in_sex(rid, w, m):
    a, b = evaluate_balance(R[rid], w, m), evaluate_balance(R[rid], m, w)
    assert a.status == b.status
    assert a.short.get("woman", 0) == b.short.get("man", 0)


# --- § 10 a nominations -------------------------------------------------------------------------

def test_nomination_rules_listed():
    assert NOMINATION_RULES == ("dk-10a", "dk-10a-strict", "none")


@pytest.mark.parametrize("seats, w, m, status, need", [
    (1, 1, 1, "pass", {}),
    (1, 2, 1, "pass", {}),
    (1, 0, 2, "fail", {"woman": 1}),
    (1, 1, 0, "fail", {"man": 1}),
    (1, 0, 0, "fail", {"woman": 1, "man": 1}),
    (2, 1, 1, "pass", {}),
    (2, 2, 2, "pass", {}),
    (2, 2, 1, "fail", {"man": 1}),
    (2, 3, 0, "fail", {"man": 3}),
    (3, 2, 2, "pass", {}),
    (3, 1, 1, "fail", {"woman": 1, "man": 1}),
    (4, 2, 2, "pass", {}),
    (5, 3, 3, "pass", {}),
])
def test_dk_10a(seats, w, m, status, need):
    v = evaluate_nomination("dk-10a", seats, w, m)
    assert (v.status, v.need) == (status, need)


def test_repealed_odd_number_clause_not_implemented():
    """Before 1 Sept 2009 '2 women + 1 man for 3 seats' complied; it no longer does."""
    v = evaluate_nomination("dk-10a", 3, 2, 1)
    assert v.status == "fail"
    assert v.need == {"man": 1}
    assert evaluate_nomination("dk-10a", 3, 1, 2).status == "fail"


def test_dk_10a_strict_and_none():
    assert evaluate_nomination("dk-10a-strict", 2, 2, 2).status == "pass"
    v = evaluate_nomination("dk-10a-strict", 2, 1, 1)
    assert v.status == "fail" and v.need == {"woman": 1, "man": 1}
    assert evaluate_nomination("dk-10a-strict", 1, 3, 1).status == "pass"
    assert evaluate_nomination("none", 4, 0, 0).status == "pass"
    assert evaluate_nomination("none", 1, 0, 0, 2).status == "pass"


def test_nomination_undisclosed():
    # 1 seat, a man and an undisclosed: complies only if the undisclosed is a woman
    v = evaluate_nomination("dk-10a", 1, 0, 1, 1)
    assert v.status == "undetermined" and v.need == {}
    # 1 seat, a man and a woman plus undisclosed: complies whatever
    assert evaluate_nomination("dk-10a", 1, 1, 1, 1).status == "pass"
    # 2 seats, 1 W, 1 M, 1 undisclosed: never W == M
    v = evaluate_nomination("dk-10a", 2, 1, 1, 1)
    assert v.status == "fail" and sum(v.need.values()) == 1
    # 2 seats, 3 men + 1 undisclosed: best reading is a woman, need 2 more women
    v = evaluate_nomination("dk-10a", 2, 0, 3, 1)
    assert v.status == "fail" and v.need == {"woman": 2}


def test_nomination_errors():
    with pytest.raises(KeyError, match="unknown nomination rule"):
        evaluate_nomination("dk-10", 1, 1, 1)
    with pytest.raises(ValueError):
        evaluate_nomination("dk-10a", 0, 1, 1)
    with pytest.raises(ValueError):
        evaluate_nomination("dk-10a", 1, -1, 1)


def _complies(rule, k, w, m):
    if rule == "none":
        return True
    if rule == "dk-10a-strict":
        return w >= k and m >= k
    return (w >= 1 and m >= 1) if k == 1 else (w == m and w + m >= k)


small = st.integers(0, 8)


@given(st.sampled_from(NOMINATION_RULES), st.integers(1, 7), small, small, st.integers(0, 3))
def test_nomination_status_and_minimal_need(rule, k, w, m, u):
    v = evaluate_nomination(rule, k, w, m, u)
    oks = [_complies(rule, k, w + i, m + u - i) for i in range(u + 1)]
    expected = "pass" if all(oks) else "fail" if not any(oks) else "undetermined"
    assert v.status == expected
    assert (v.need == {}) == (v.status != "fail")
    if v.status == "fail":
        a, b = v.need.get("woman", 0), v.need.get("man", 0)
        # the need is enough for some reading of the undisclosed …
        assert any(_complies(rule, k, w + i + a, m + u - i + b) for i in range(u + 1))
        # … and nothing smaller is
        for x, y in itertools.product(range(20), repeat=2):
            if x + y < a + b:
                assert not any(_complies(rule, k, w + i + x, m + u - i + y)
                               for i in range(u + 1))
