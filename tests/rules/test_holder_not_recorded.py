"""A seat filled, holder not recorded: counted as filled, sex undisclosed, never guessed."""

from registry.rules import evaluate
from registry.snapshot import not_recorded_holder

from .builders import D, H, P, comp, seat, snap


def _rules(s):
    return sorted((f.rule, f.severity, f.appointment) for f in evaluate(s))


def test_two_not_recorded_holders_fill_a_seat_group_and_leave_balance_undetermined():
    # 3 seats: 1 woman + 2 unknown. dk-ligelig at n = 3 needs 1 woman and 1 man: the 2 unknown
    # could both be women (fail) or include a man (pass) → undetermined, not a guess
    s = snap(H("s", P("w", "woman"), id="w"), H("s", not_recorded_holder("x"), id="x"),
             H("s", not_recorded_holder("y"), id="y"), compositions=comp(seat("s", 3)), on=D(2023, 1, 1))
    rules = _rules(s)
    assert ("holder-not-recorded", "info", "x") in rules and ("holder-not-recorded", "info", "y") in rules
    assert [r for r, _s, _a in rules if r not in ("holder-not-recorded",)] == ["gender-undetermined"]


def test_balance_that_fails_whatever_the_unknown_holder_is_still_fails():
    # 3 seats: 2 women + 1 unknown; dk-ligelig at n = 3 needs 1 man: the unknown may be a man → undetermined;
    # with 3 women named and 1 unknown of 4 seats, 1 man at most < 2 needed → fails for certain
    s = snap(*(H("s", P(f"w{i}", "woman"), id=f"w{i}") for i in range(3)), H("s", not_recorded_holder("x"), id="x"),
             compositions=comp(seat("s", 4)), on=D(2023, 1, 1))
    assert "gender-balance" in [r for r, _s, _a in _rules(s)]


def test_unknown_holders_are_not_taken_for_one_person_nor_judged_on_offices_skills_or_place():
    s = snap(H("s", not_recorded_holder("x"), id="x"), H("s", not_recorded_holder("y"), id="y"),
             compositions=comp(seat("s", 2, eligibility=("council-member-in-kkr",), spread=2, collective=(("intl", 1),))),
             on=D(2023, 1, 1))
    rules = {r for r, _s, _a in _rules(s)}
    assert not rules & {"term-overlap", "eligibility", "spread", "collective-skill", "seat-vacant"}
