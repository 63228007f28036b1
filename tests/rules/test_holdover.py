"""Holdover after a partial renewal (issue 11, rule 1): a member's own re-appointment is not a
successor for another member of the same seat group.

Hand-worked figures. One seat group of 3, terms 01-04-2022 – 31-03-2026, on a holdover board
checked by dk-ligelig. A and B (men) are re-appointed from 01-04-2026; C (a woman) is not, and
her successor is not named:

* on 15-04-2026 the members are A', B' and C in holdover: n = 3, W = 1, M = 2. dk-ligelig for
  n = 3 asks min(ceil(1.2), floor(1.5)) = 1 of each: met. 3 of 3 seats: no seat-vacant.
  (Counting the re-appointments as C's successor gave n = 2, W = 0: a false gender warning
  and a false vacancy.)
* D (a woman, new to the group) is appointed from 01-05-2026: on 15-05-2026 the members are A',
  B', D — C has left. n = 3, W = 1, M = 2: still met, still no vacancy, no holdover.
* on 01-03-2026 (30 days before the term end, inside the 90-day window) only C's term ends
  with nobody to take over: one term-ending, for C; A and B are their own successors.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from registry.rules import gender, structure, terms
from registry.snapshot import board_on
from tests.rules.builders import CUSTOM, D, H, P, board, comp, seat, snap

A, B, C, DD = P("a", "man"), P("b", "man"), P("c", "woman"), P("d", "woman")
OLD, NEW = (D(2022, 4, 1), D(2026, 3, 31)), (D(2026, 4, 1), D(2030, 3, 31))
COMP = comp(seat("m", 3, "Medlemmer"), valid_from=D(2022, 4, 1), balance=("dk-ligelig",))


def _history(with_d: bool = False) -> list:
    # the ids put C's appointment first, so that matching by id order cannot hide the flaw
    hist = [H("m", C, *OLD, id="x1-c"), H("m", A, *OLD, id="x2-a"), H("m", B, *OLD, id="x3-b"),
            H("m", A, *NEW, id="y1-a"), H("m", B, *NEW, id="y2-b")]
    if with_d:
        hist.append(H("m", DD, D(2026, 5, 1), NEW[1], id="z1-d"))
    return hist


def _snap(on, with_d=False, **kw):
    return snap(*_history(with_d), on=on, compositions=COMP, b=board(holdover=True, **kw))


def _rules(s) -> list[str]:
    return sorted(f.rule for f in (*structure.check(s), *gender.check(s), *terms.check(s)))


def test_the_member_not_reappointed_sits_on_and_is_counted():
    s = _snap(D(2026, 4, 15))
    assert sorted((h.person.id, h.status) for h in s.members) == [("a", "active"), ("b", "active"),
                                                                   ("c", "holdover")]
    assert [h.appointment for h in s.members if h.status == "holdover"] == ["x1-c"]
    assert _rules(s) == ["holdover"]          # no seat-vacant, no gender-balance
    f = next(f for f in terms.check(s) if f.rule == "holdover")
    assert f.person == "c" and f.details["days_over"] == 15


def test_a_newcomer_takes_over_from_the_member_sitting_on():
    s = _snap(D(2026, 5, 15), with_d=True)
    assert sorted(h.person.id for h in s.members) == ["a", "b", "d"]
    assert all(h.status == "active" for h in s.members)
    assert _rules(s) == ["term-pattern"]      # D starts mid-term (info); no holdover, vacancy or balance
    # the day before D starts, C still sits on
    before = _snap(D(2026, 4, 30), with_d=True)
    assert sorted(h.person.id for h in before.members) == ["a", "b", "c"]


def test_without_holdover_the_third_seat_is_vacant():
    s = snap(*_history(), on=D(2026, 4, 15), compositions=COMP, b=board(holdover=False))
    assert sorted(h.person.id for h in s.members) == ["a", "b"]
    vacant = [f for f in structure.check(s) if f.rule == "seat-vacant"]
    assert len(vacant) == 1 and vacant[0].details["members"] == 2


def test_term_ending_is_for_the_member_nobody_takes_over_from():
    s = _snap(D(2026, 3, 1))
    ending = [f for f in terms.check(s) if f.rule == "term-ending"]
    assert [(f.person, f.details["days_left"]) for f in ending] == [("c", 30)]
    # once D is appointed, nobody's term ends without a successor
    assert [f for f in terms.check(_snap(D(2026, 3, 1), with_d=True)) if f.rule == "term-ending"] == []


def test_a_reappointment_after_a_gap_is_still_the_holders_own():
    # C re-appointed only from 01-06-2026: C sits on until then, then continues
    hist = [*_history(), H("m", C, D(2026, 6, 1), NEW[1], id="z2-c")]
    on_may = snap(*hist, on=D(2026, 5, 15), compositions=COMP, b=board(holdover=True))
    assert sorted((h.person.id, h.status) for h in on_may.members) == [
        ("a", "active"), ("b", "active"), ("c", "holdover")]
    on_june = snap(*hist, on=D(2026, 6, 15), compositions=COMP, b=board(holdover=True))
    assert sorted((h.person.id, h.status) for h in on_june.members) == [
        ("a", "active"), ("b", "active"), ("c", "active")]
    # D appointed from 01-05 as well: with nobody else to take over from, D is C's successor, and
    # C's return a fourth holder for three seats — an overfill the data states, shown, not hidden
    hist4 = [*_history(with_d=True), H("m", C, D(2026, 6, 1), NEW[1], id="z2-c")]
    on_june4 = snap(*hist4, on=D(2026, 6, 15), compositions=COMP, b=board(holdover=True))
    assert "seat-overfilled" in _rules(on_june4)


def test_a_newcomer_takes_over_from_the_holder_not_coming_back():
    # A's re-appointment starts only on 01-06-2026; D (new from 01-05) takes over from C, not
    # from A, although A's old term sorts first
    hist = [H("m", A, *OLD, id="x0-a"), H("m", B, *OLD, id="x3-b"), H("m", C, *OLD, id="x9-c"),
            H("m", A, D(2026, 6, 1), NEW[1], id="y1-a"), H("m", B, *NEW, id="y2-b"),
            H("m", DD, D(2026, 5, 1), NEW[1], id="z1-d")]
    s = snap(*hist, on=D(2026, 5, 15), compositions=COMP, b=board(holdover=True))
    assert sorted((h.person.id, h.status) for h in s.members) == [
        ("a", "holdover"), ("b", "active"), ("d", "active")]


# --- property -------------------------------------------------------------------------------

START = D(2022, 4, 1)


@st.composite
def renewals(draw):
    """A seat group of n seats whose n terms end on one day; k of the holders re-appointed
    (some after a gap), and up to n - k newcomers on later days."""
    n = draw(st.integers(1, 6))
    k = draw(st.integers(0, n))
    end = START + timedelta(days=draw(st.integers(300, 2000)))
    people = [P(f"p{i}", draw(st.sampled_from(["woman", "man"]))) for i in range(n)]
    order = draw(st.permutations(range(n)))
    hist = [H("m", people[i], START, end, id=f"a{order[i]:02d}") for i in range(n)]
    for j, i in enumerate(sorted(draw(st.permutations(range(n)))[:k])):
        gap = draw(st.integers(1, 40))
        hist.append(H("m", people[i], end + timedelta(days=gap), end + timedelta(days=1500), id=f"r{j:02d}"))
    newcomers = draw(st.integers(0, n - k))
    days = sorted(draw(st.lists(st.integers(1, 400), min_size=newcomers, max_size=newcomers)))
    for j, d in enumerate(days):
        hist.append(H("m", P(f"n{j}", "woman"), end + timedelta(days=d), end + timedelta(days=1500), id=f"n{j:02d}"))
    return n, k, end, hist


@settings(max_examples=300, deadline=None)
@given(renewals(), st.integers(1, 500))
def test_holdover_never_overfills_and_keeps_everyone_until_taken_over(case, after):
    n, k, end, hist = case
    on = end + timedelta(days=after)
    members, _ = board_on(hist, on, holdover=True)
    assert len(members) <= n
    started = [h for h in hist if h.start <= on and h.person.id.startswith("n")]
    # nobody has left but those a newcomer took over from: n seats held, less none
    assert len(members) == n
    assert {h.person.id for h in members} >= {h.person.id for h in started}
    assert len([h for h in members if h.status == "holdover"]) <= n - len(started)
    # no newcomer at all: every one of the n holders is counted, re-appointed or not
    if not started:
        assert sorted(h.person.id for h in members) == sorted(f"p{i}" for i in range(n))


@settings(max_examples=200, deadline=None)
@given(renewals(), st.integers(1, 500))
def test_snapshot_counts_what_board_on_counts(case, after):
    n, k, end, hist = case
    on = end + timedelta(days=after)
    s = snap(*hist, on=on, compositions=comp(seat("m", n), valid_from=START, balance=("none",)),
             b=board(holdover=True, term=CUSTOM))
    assert not [f for f in structure.check(s) if f.rule in ("seat-vacant", "seat-overfilled")]


@st.composite
def histories(draw):
    """Any history of one seat group of ``count`` seats whose running appointments never
    exceed the count and where nobody holds it twice at once: terms ending, early ends,
    re-appointments (with or without a gap) and newcomers, in any order of ids."""
    count = draw(st.integers(1, 4))
    people = [P(f"p{i}", "woman") for i in range(draw(st.integers(1, 7)))]
    hist: list = []
    for j in range(draw(st.integers(0, 12))):
        person = draw(st.sampled_from(people))
        start = START + timedelta(days=draw(st.integers(0, 3000)))
        end = start + timedelta(days=draw(st.integers(0, 1500)))
        ended = start + timedelta(days=draw(st.integers(0, 1500))) if draw(st.booleans()) else None
        h = H("m", person, start, end, id=f"h{draw(st.integers(0, 99)):02d}-{j}", ended_date=ended)
        last = h.last_day
        clash = [o for o in hist if o.start <= last and h.start <= o.last_day]
        if any(o.person.id == person.id for o in clash):
            continue
        # the running appointments on each day of h's run (checked where some run starts)
        if any(sum(1 for o in clash if o.active_on(d)) + 1 > count for d in {h.start, *(o.start for o in clash)}
               if h.active_on(d)):
            continue
        hist.append(h)
    return count, hist


@settings(max_examples=400, deadline=None)
@given(histories(), st.integers(0, 5000))
def test_members_never_outnumber_the_seats_whatever_the_history(case, days):
    count, hist = case
    on = START + timedelta(days=days)
    members, _ = board_on(hist, on, holdover=True)
    assert len(members) <= count
    # and never fewer than the running appointments: holdovers only add
    assert len(members) >= sum(1 for h in hist if h.active_on(on))
    assert len({h.person.id for h in members}) == len(members)
