"""The interval of validity (registry.readmodel.intervals): on every day inside a board's
interval, a fresh evaluation (snapshot read anew from the database for that day, every rule run)
gives the findings of the day the interval was worked out for — finding by finding, as
``check --format json`` prints them. Over a synthetic registry at random dates, at the edges of
the intervals and inside them."""

from __future__ import annotations

import contextlib
import io
import random
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from registry import service
from registry.db import make_engine, read_session
from registry.readmodel.intervals import breakpoints, evaluate_with_validity, interval
from registry.rules import evaluate

LOW, HIGH = date(2000, 1, 1), date(2034, 12, 31)


@pytest.fixture(scope="module")
def synth_ctx(tmp_path_factory):
    from registry.cli import main

    db = tmp_path_factory.mktemp("synth") / "national.db"
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["synth", "--boards", "80", "--years", "20", "--seed", "5", "--db", str(db)])
    assert code == 0, err.getvalue()
    return service.Context(make_engine(f"sqlite:///{db}"))


def _fresh(ctx, on: date) -> dict[str, list[dict]]:
    return {b: [f.to_dict() for f in evaluate(snap)]
            for b, snap in service.snapshots(ctx, on, history="recent").items()}


def test_interval_between_breakpoints():
    pts = [date(2022, 1, 1), date(2022, 1, 2), date(2022, 4, 1)]
    assert interval(pts, date(2022, 2, 10)) == (date(2022, 1, 2), date(2022, 3, 31))
    assert interval(pts, date(2022, 4, 1)) == (date(2022, 4, 1), date.max)
    assert interval(pts, date(2021, 5, 5)) == (date.min, date(2021, 12, 31))
    assert interval(pts, date(2022, 1, 1)) == (date(2022, 1, 1), date(2022, 1, 1))


def test_a_date_comparison_either_way_changes_only_across_a_breakpoint(synth_ctx):
    with read_session(synth_ctx.engine) as s:
        from registry.snapshot_sql import load_snapshots
        snap = next(iter(load_snapshots(s, date(2026, 11, 1), history="full").values()))
    pts = breakpoints(snap)
    for h in snap.history:
        assert h.start in pts and h.start + timedelta(days=1) in pts
        if h.end is not None:
            assert h.end + timedelta(days=1) in pts


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(on=st.dates(min_value=date(2004, 1, 1), max_value=date(2030, 12, 31)), seed=st.integers(0, 10**6))
def test_findings_are_the_same_on_every_day_of_the_interval(synth_ctx, on, seed):
    with read_session(synth_ctx.engine) as s:
        stored = evaluate_with_validity(s, on)
    at_on = {b: [f.to_dict() for f in fs] for b, (_lo, _hi, fs) in stored.items()}
    assert at_on == _fresh(synth_ctx, on)
    rnd = random.Random(seed)
    boards = sorted(stored)
    days = set()
    for b in rnd.sample(boards, 3):
        lo, hi, _ = stored[b]
        lo, hi = max(lo, LOW), min(hi, HIGH)
        days |= {lo, hi, lo + timedelta(days=rnd.randint(0, (hi - lo).days))}
    compared = 0
    for day in sorted(days):
        fresh = _fresh(synth_ctx, day)
        for b, (lo, hi, _fs) in stored.items():
            if lo <= day <= hi:
                assert fresh[b] == at_on[b], (b, on, day, (lo, hi))
                compared += 1
    assert compared >= 3


def test_intervals_are_wide_where_nothing_happens(synth_ctx):
    """Not every interval is one day: most boards keep their findings for weeks or more."""
    with read_session(synth_ctx.engine) as s:
        stored = evaluate_with_validity(s, date(2026, 11, 1))
    widths = sorted((hi - lo).days for lo, hi, _ in stored.values())
    assert widths[len(widths) // 2] >= 14


@pytest.mark.parametrize("on", [date(2026, 11, 2), date(2022, 4, 2), date(2018, 7, 27)])
def test_a_board_read_alone_has_the_findings_it_has_in_the_whole_registry(synth_ctx, on):
    """The store fills the boards it lacks by reading only those: their seats held (plurality)
    must count as in a registry-wide read, also for a member who sits on after the term."""
    from registry.snapshot_sql import load_snapshots

    whole = _fresh(synth_ctx, on)
    with read_session(synth_ctx.engine) as s:
        boards = sorted(whole)
        alone = {}
        for i in range(0, len(boards), 7):      # a few boards at a time, as the store reads them
            for b, snap in load_snapshots(s, on, boards[i:i + 7], history="full").items():
                alone[b] = [f.to_dict() for f in evaluate(snap)]
    assert alone == whole


def test_a_holdover_member_read_alone_counts_the_seats_held_elsewhere(tmp_path):
    """Someone who sits on after the term on a holdover board, and holds six seats elsewhere:
    read alone, the board gives the plurality finding a registry-wide read gives."""
    from registry.cli import main
    from registry.service import Proposal
    from registry.snapshot_sql import load_snapshots

    db = tmp_path / "h.db"
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        assert main(["synth", "--boards", "40", "--years", "8", "--seed", "2", "--db", str(db)]) == 0
    ctx = service.Context(make_engine(f"sqlite:///{db}"))
    on = date(2026, 11, 2)
    person = service.save_person(ctx, "test-many-seats", {"name": "Many Seats", "sex": "woman"}, create=True)["id"]
    snaps = service.snapshots(ctx, on)
    holdover = [b for b, s in sorted(snaps.items()) if s.board.holdover and s.composition]
    others = [b for b, s in sorted(snaps.items()) if not s.board.holdover and s.composition][:6]
    assert holdover and len(others) == 6
    for b in others:
        seat = snaps[b].composition.seats[0].id
        service.appoint(ctx, Proposal(board=b, seat=seat, person=person, start=date(2026, 1, 1),
                                      end=date(2029, 12, 31), override_reason="test"))
    for b in holdover:     # a seat no one takes over from the new holder afterwards
        seat = snaps[b].composition.seats[0].id
        service.appoint(ctx, Proposal(board=b, seat=seat, person=person, start=date(2026, 10, 1),
                                      end=date(2026, 10, 31), override_reason="test"))
        whole = service.snapshots(ctx, on, history="recent")[b]
        if any(h.person.id == person and h.status == "holdover" for h in whole.members):
            break
    else:
        pytest.fail("no holdover board kept the member on")
    with read_session(ctx.engine) as s:
        alone = load_snapshots(s, on, [b], history="full")[b]
    fresh = [f.to_dict() for f in evaluate(whole)]
    assert any(f["rule"] == "plurality" and f["person"] == person for f in fresh)
    assert [f.to_dict() for f in evaluate(alone)] == fresh


def test_a_seat_taken_or_left_on_another_board_bounds_the_interval(tmp_path):
    """Plurality counts seats on every board: someone on board X with five seats, who took a
    sixth elsewhere until 20 days before the date and takes one again 20 days after it — X's
    interval lies between, and X's findings differ on both sides."""
    from registry.cli import main
    from registry.service import Proposal

    db = tmp_path / "p.db"
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        assert main(["synth", "--boards", "40", "--years", "8", "--seed", "4", "--db", str(db)]) == 0
    ctx = service.Context(make_engine(f"sqlite:///{db}"))
    on = date(2026, 11, 1)
    person = service.save_person(ctx, "test-five-seats", {"name": "Five Seats", "sex": "man"}, create=True)["id"]
    snaps = service.snapshots(ctx, on)
    plain = [b for b, s in sorted(snaps.items()) if not s.board.holdover and s.composition]
    x, five, y = plain[0], plain[1:5], plain[5]

    def appoint(board, start, end):
        service.appoint(ctx, Proposal(board=board, seat=snaps[board].composition.seats[0].id, person=person,
                                      start=start, end=end, override_reason="test"))

    for b in (x, *five):
        appoint(b, date(2026, 1, 1), date(2029, 12, 31))
    appoint(y, date(2026, 6, 1), on - timedelta(days=20))
    appoint(y, on + timedelta(days=20), date(2029, 12, 31))
    with read_session(ctx.engine) as s:
        lo, hi, _fs = evaluate_with_validity(s, on, [x])[x]
    assert on - timedelta(days=19) <= lo <= on <= hi <= on + timedelta(days=19)
    plurality = lambda day: [f for f in _fresh(ctx, day)[x] if f["rule"] == "plurality"]   # noqa: E731
    assert plurality(on) == []
    assert plurality(on + timedelta(days=20)) and plurality(on - timedelta(days=20))
