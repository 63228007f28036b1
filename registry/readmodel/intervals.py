"""The interval of validity of a board's findings: the dates around a day on which nothing the
rules judge can change.

A board's findings at one data version are piecewise constant in time: every comparison a rule
(or the snapshot reading, :func:`registry.snapshot.load_snapshots`) makes with the date is
against a date the data names — an appointment's start, end or early end, an office's start and
end (and the 31 March a KKR office counts as held until), a composition's ``valid_from`` and
``valid_to``, an allotment's period, a nomination's round, received date and deadline (and the
year before its round), the board's term period, the start of term-ending's window
(``term_warning_days`` before a member's last day), and the start and end of every appointment
of the people sitting on the board on other boards (``seats_held``, the plurality rule).

Each such date ``d`` is taken as a *breakpoint* twice, ``d`` and ``d + 1``, so that a comparison
either way round (``d <= on`` or ``on <= d``) changes only across a breakpoint. The interval
around ``on`` runs from the last breakpoint on or before ``on`` to the day before the first one
after it. Findings that count days from the date (``term-ending``'s ``days_left``,
``holdover``'s ``days_over``) change every day: a board with one has the interval ``[on, on]``.

Pure functions over plain data; ``extra`` carries the dates the snapshot does not hold (the
board's nominations that do not exist yet on ``on``, the sitting people's other appointments).
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from typing import TYPE_CHECKING, Iterable

from dateutil.relativedelta import relativedelta

from registry.rules._common import minus_lead
from registry.terms import period_containing

if TYPE_CHECKING:   # pragma: no cover
    from registry.findings import Finding
    from registry.snapshot import BoardSnapshot

__all__ = ["DAY_COUNTING_RULES", "breakpoints", "interval", "validity"]

_DAY = timedelta(days=1)
_LEAD = relativedelta(years=1)

#: rules whose findings carry a count of days from the date asked: valid one day only
DAY_COUNTING_RULES = frozenset({"term-ending", "holdover"})


def _march_31_after(d: date) -> date:
    """The first 31 March on or after ``d`` (KKR offices count as held until then)."""
    m31 = date(d.year, 3, 31)
    return m31 if d <= m31 else date(d.year + 1, 3, 31)


def _dates(snap: "BoardSnapshot") -> Iterable[date | None]:
    window = timedelta(days=snap.term_warning_days or 0)
    for h in snap.history:
        yield h.start
        yield h.end
        yield h.ended_date
        last = h.last_day
        if last is not None:
            yield last - window
    people = [h.person for h in snap.history]
    for n in snap.nominations:
        yield n.round
        yield n.received
        yield n.deadline
        yield minus_lead(n.round)
        people += n.candidates
    for p in people:
        for o in p.offices:
            yield o.start
            yield o.end
            if o.end is not None:
                yield _march_31_after(o.end)
    for c in snap.compositions:
        yield c.valid_from
        yield c.valid_to
    for a in (*snap.allocations, *snap.later_allocations):
        yield a.start
        yield a.end
    period = period_containing(snap.board.term, snap.on)
    if period is not None:
        yield period.start
        yield period.end


def breakpoints(snap: "BoardSnapshot", extra: Iterable[date | None] = ()) -> list[date]:
    """Every day on which the board's findings may differ from the day before, sorted."""
    out: set[date] = set()
    for d in (*_dates(snap), *extra):
        if d is None:
            continue
        out.add(d)
        if d < date.max:
            out.add(d + _DAY)
    return sorted(out)


def interval(points: list[date], on: date) -> tuple[date, date]:
    """The days around ``on`` between two breakpoints: ``[last ≤ on, first > on − 1]``."""
    i = bisect_right(points, on)
    lo = points[i - 1] if i > 0 else date.min
    hi = points[i] - _DAY if i < len(points) else date.max
    return lo, hi


def validity(snap: "BoardSnapshot", findings: Iterable["Finding"] = (),
             extra: Iterable[date | None] = ()) -> tuple[date, date]:
    """The interval ``[from, to]`` around ``snap.on`` in which the board's findings (``findings``,
    those of ``snap``) are the same as on ``snap.on``."""
    if any(f.rule in DAY_COUNTING_RULES for f in findings):
        return snap.on, snap.on
    return interval(breakpoints(snap, extra), snap.on)


def extra_dates(session, snaps: dict[str, "BoardSnapshot"], on: date) -> dict[str, list[date | None]]:
    """Per board, the dates :func:`validity` needs that its snapshot (read with
    ``history="recent"``) does not hold: every nomination of the board (one that does not exist
    yet on ``on`` is not in the snapshot); the last end and early end before ``on`` of the
    board's appointments that ended before it (not in the snapshot); and, for the people sitting
    on it, the nearest start, end and early end on either side of ``on`` of their member
    appointments on any board (their seats held)."""
    from sqlalchemy import case, func, literal, select

    from registry import tables as t
    from registry.snapshot_sql import _chunks, _day

    ids = sorted(snaps)
    out: dict[str, list[date | None]] = {b: [] for b in ids}
    N, A = t.nomination.c, t.appointment.c
    every = len(ids) > 900 * 4        # most of the registry: read it all rather than by board
    chunks = [None] if every else list(_chunks(ids))
    for chunk in chunks:
        where = [] if chunk is None else [N.board.in_(chunk)]
        for b, rnd, rec, dl in session.execute(select(N.board, N.round, N.received, N.deadline).where(*where)):
            if b in out:
                rnd = _day(rnd)
                out[b] += [rnd, _day(rec), _day(dl), minus_lead(rnd)]
        where = [A.start <= on] + ([] if chunk is None else [A.board.in_(chunk)])
        for b, e, ed in session.execute(
                select(A.board, func.max(case((A.end < on, A.end))), func.max(case((A.ended_date < on, A.ended_date))))
                .where(*where).group_by(A.board)):
            if b in out:
                out[b] += [_day(e), _day(ed)]
    sitting: dict[str, set[str]] = {}
    for b, snap in snaps.items():
        for h in (*snap.members, *snap.deputies):
            if h.person.recorded:
                sitting.setdefault(h.person.id, set()).add(b)
    cols = [A.person]
    for c in (A.start, A.end, A.ended_date):
        cols += [func.max(case((c < on, c))), func.min(case((c > on, c))), func.max(case((c == on, literal(1)), else_=0))]
    for chunk in ([None] if len(sitting) > 900 * 4 else list(_chunks(sorted(sitting)))):
        where = [A.role == "member"] + ([] if chunk is None else [A.person.in_(chunk)])
        for r in session.execute(select(*cols).where(*where).group_by(A.person)):
            boards = sitting.get(r[0])
            if not boards:
                continue
            days = [_day(r[1]), _day(r[2]), _day(r[4]), _day(r[5]), _day(r[7]), _day(r[8])]
            if r[3] or r[6] or r[9]:
                days.append(on)
            for b in boards:
                out[b] += days
    return out


def evaluate_with_validity(session, on: date, board_ids=None) -> dict[str, tuple[date, date, list["Finding"]]]:
    """Per board: the interval of validity around ``on`` and the findings (sorted) on ``on``."""
    from registry.rules import evaluate
    from registry.snapshot_sql import load_snapshots, paused_gc

    snaps = load_snapshots(session, on, board_ids, history="recent")
    extra = extra_dates(session, snaps, on)
    out = {}
    with paused_gc():
        for b, snap in snaps.items():
            fs = evaluate(snap)
            lo, hi = validity(snap, fs, extra[b])
            out[b] = (lo, hi, fs)
    return out
