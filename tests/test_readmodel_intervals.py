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
        from registry.snapshot import load_snapshots
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
