"""Open seats, the one answer every face gives (issue 11, rules 3 and 4): ``registry.seats``.

Rule 4: a seat whose member's eligibility lapsed is open from the finding's ``vacant_from``.
Rule 3: a seat belongs to the council group allotted for the period in which it is vacant.
Figures by hand from domain.md §2: an office ending 31 December of an election year counts as held
until 31 March; any other office end counts from the day after.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from registry import service
from registry.rules import eligibility, evaluate
from registry.seats import LAPSED, TERM_ENDS, VACANT, falling_vacant, open_count, open_seats

from tests.rules.builders import D, H, P, alloc, comp, council, seat, snap

POL = comp(seat("pol", 1, "Politisk", eligibility=("council-member-in-kkr",)), valid_from=D(2000, 1, 1))
POL3 = comp(seat("pol", 3, "Politisk", eligibility=("council-member-in-kkr",)), valid_from=D(2000, 1, 1))


def left_council(pid: str, on: date) -> object:
    return P(pid, "woman", offices=(council("aalborg", D(2022, 1, 1), on),))


def test_a_lapsed_member_s_seat_is_open_from_vacant_from():
    # she left Aalborg's council on 30-06-2023 (no grace: 2023 is no election year)
    h = H("pol", left_council("k", D(2023, 6, 30)), D(2022, 4, 1), D(2026, 3, 31), id="a-k")
    s = snap(h, on=D(2024, 1, 1), compositions=POL)
    assert service.open_seats(s) == 1                       # was 0: the seat is held
    [o] = open_seats(s)
    assert (o.seat, o.open, o.since, o.reason, o.holder.appointment) == ("pol", 1, D(2023, 7, 1), LAPSED, "a-k")
    f = [f for f in evaluate(s) if f.rule == "eligibility-lapsed"]
    assert len(f) == 1 and f[0].details["vacant_from"] == o.since
    assert not [f for f in evaluate(s) if f.rule == "seat-vacant"]


def test_the_grace_to_31_march_keeps_the_seat_filled_until_then():
    p = P("x", "man", offices=(council("aalborg", D(2022, 1, 1), D(2025, 12, 31)),))
    h = H("pol", p, D(2022, 4, 1), D(2026, 12, 31))
    assert open_count(snap(h, on=D(2026, 3, 31), compositions=POL)) == 0
    [o] = open_seats(snap(h, on=D(2026, 4, 1), compositions=POL))
    assert o.since == D(2026, 4, 1) and o.reason == LAPSED


def test_a_group_with_a_plain_vacancy_and_a_lapse_has_two_open_seats():
    ok = P("ok", "man", offices=(council("aalborg", D(2022, 1, 1), None),))
    s = snap(H("pol", ok), H("pol", left_council("k", D(2023, 6, 30))), on=D(2024, 1, 1), compositions=POL3)
    rows = open_seats(s)
    assert [(o.reason, o.open, o.since) for o in rows] == [(VACANT, 1, D(2024, 1, 1)), (LAPSED, 1, D(2023, 7, 1))]
    assert open_count(s) == 2 == service.open_seats(s)


def test_a_lapsed_member_already_succeeded_leaves_no_open_seat():
    successor = P("n", "man", offices=(council("aalborg", D(2022, 1, 1), None),))
    s = snap(H("pol", left_council("k", D(2023, 6, 30))), H("pol", successor, D(2023, 9, 1), D(2026, 3, 31)),
             on=D(2024, 1, 1), compositions=POL)
    assert open_count(s) == 0


def test_a_deputy_s_lapse_does_not_open_the_member_s_seat():
    ok = P("ok", "man", offices=(council("aalborg", D(2022, 1, 1), None),))
    s = snap(H("pol", ok, id="m1"), H("pol", left_council("d", D(2023, 6, 30)), role="deputy", deputy_for="m1"),
             on=D(2024, 1, 1), compositions=POL)
    assert [f.person for f in eligibility.check(s) if f.rule == "eligibility-lapsed"] == ["d"]
    assert open_count(s) == 0


def test_a_lapse_ahead_is_a_seat_falling_vacant():
    h = H("pol", left_council("k", D(2023, 6, 30)), D(2022, 4, 1), D(2026, 3, 31))
    s = snap(h, on=D(2023, 6, 20), compositions=POL, allocations=(alloc("pol", "blaa", "Blå gruppe"),))
    assert open_seats(s) == ()
    [o] = falling_vacant(s, D(2023, 7, 20))
    assert (o.since, o.reason, o.allocation.council_group) == (D(2023, 7, 1), LAPSED, "blaa")
    assert falling_vacant(s, D(2023, 6, 30)) == ()          # not yet within the window


def test_a_seat_falling_vacant_belongs_to_the_next_period_s_group():
    ok = P("ok", "woman", offices=(council("aalborg", D(2022, 1, 1), D(2025, 12, 31)),))
    blaa = alloc("pol", "blaa-2022", "Blå gruppe", D(2022, 4, 1), D(2026, 3, 31))
    roed = alloc("pol", "roed-2026", "Rød gruppe", D(2026, 4, 1), D(2030, 3, 31))
    s = snap(H("pol", ok, D(2022, 4, 1), D(2026, 3, 31)), on=D(2026, 3, 27), compositions=POL,
             allocations=(blaa,), later_allocations=(roed,))
    [o] = falling_vacant(s, D(2026, 4, 6))
    assert (o.since, o.reason, o.allocation.council_group) == (D(2026, 4, 1), TERM_ENDS, "roed-2026")
    # on the 27th itself the seat is held, and it is blå gruppe's seat
    assert s.allocations_on(D(2026, 3, 27)) == (blaa,)
    assert s.allocations_on(D(2026, 4, 1)) == (roed,)


@settings(max_examples=60, deadline=None)
@given(end=st.dates(date(2022, 4, 1), date(2026, 2, 1)), gap=st.integers(-400, 400))
def test_open_seat_and_eligibility_lapsed_are_one_answer(end, gap):
    """For any office end during the appointment and any day checked: the seat is open exactly
    when eligibility-lapsed is reported, from its vacant_from."""
    on = end + timedelta(days=gap)
    h = H("pol", left_council("k", end), D(2022, 4, 1), D(2026, 3, 31))
    if not (h.start <= on <= h.end):
        return
    s = snap(h, on=on, compositions=POL)
    lapsed = [f for f in eligibility.check(s) if f.rule == "eligibility-lapsed"]
    rows = open_seats(s)
    assert len(rows) == len(lapsed) == open_count(s)
    if lapsed:
        assert rows[0].since == lapsed[0].details["vacant_from"] == eligibility.effective_end(
            council("aalborg", D(2022, 1, 1), end)) + timedelta(days=1)
