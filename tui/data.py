"""Reads the UI needs beyond ``registry.service``: one page of boards, the audit log, lists.

Every function takes the service Context, runs a few SQL queries and returns plain data
(dicts, dataclasses), so the UI's thread workers can hand the result to the event loop.
Nothing here writes: writes go through ``registry.service`` only.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from typing import Any

from sqlalchemy import func, or_, select

from registry import tables as t     # Core: the UI's lists need no SQLModel
from registry import service
from registry.db import read_session
from registry.findings import worst

PAGE = 100


def summary_row(snap) -> dict:
    """The ``service.board_summaries`` row for one snapshot (plus the findings)."""
    c = service.counts(snap)
    findings = service.evaluate(snap)
    return {"id": snap.board.id, "name": snap.board.name, "status": service.STATUS[worst(findings)],
            "counted": c.counted, "women": c.women, "men": c.men, "undisclosed": c.undisclosed,
            "open_seats": service.open_seats(snap), "next_term_end": service.next_term_end(snap),
            "errors": sum(f.severity == "error" for f in findings),
            "warnings": sum(f.severity == "warning" for f in findings)}


def board_page(ctx: service.Context, on: date, search: str = "", offset: int = 0,
               limit: int = PAGE) -> tuple[int, list[dict]]:
    """(number of matching boards, one page of summary rows) — filtered and paged in SQL."""
    B = t.board.c
    where = True
    if search.strip():
        like = f"%{search.strip().lower()}%"
        where = or_(func.lower(B.name).like(like), func.lower(B.id).like(like))
    with read_session(ctx.engine) as s:
        total = s.execute(select(func.count()).select_from(t.board).where(where)).scalar_one()
        ids = list(s.execute(select(B.id).where(where).order_by(func.lower(B.name), B.id)
                             .limit(limit).offset(offset)).scalars())
    if not ids:
        return total, []
    snaps = service.snapshots(ctx, on, ids)
    return total, [summary_row(snaps[i]) for i in ids if i in snaps]


def board_choices(ctx: service.Context, limit: int = 500) -> list[tuple[str, str]]:
    """(id, name) of boards, for the command palette."""
    B = t.board.c
    with read_session(ctx.engine) as s:
        return [(r.id, r.name) for r in s.execute(select(B.id, B.name).order_by(func.lower(B.name)).limit(limit))]


def council_groups(ctx: service.Context) -> list[tuple[str, str]]:
    G = t.council_group.c
    with read_session(ctx.engine) as s:
        return [(r.id, r.name) for r in s.execute(select(G.id, G.name).order_by(G.period_start.desc(), G.name))]


def org_names(ctx: service.Context, ids: list[str]) -> dict[str, str]:
    O = t.organisation.c
    with read_session(ctx.engine) as s:
        return {r.id: r.name for r in s.execute(select(O.id, O.name).where(O.id.in_(ids)))}


def audit_log(ctx: service.Context, board: str | None = None, since: date | None = None,
              limit: int = PAGE, offset: int = 0) -> list[dict]:
    """Audit events newest first (the same name and signature as ``service.audit_log``)."""
    own = getattr(service, "audit_log", None)
    if own is not None and offset == 0:
        try:
            rows = own(ctx, board=board, since=since, limit=limit)
            return [r if isinstance(r, dict) else _row(r) for r in rows]
        except TypeError:
            pass
    from registry import model as m     # audit_event.at is a SQLModel type: read through the model

    A = m.AuditEvent.__table__.c
    q = select(A.pk, A.at, A.actor, A.action, A.entity, A.entity_id, A.board, A.reason, A.before, A.after)
    if board:
        q = q.where(A.board == board)
    if since:
        q = q.where(A.at >= datetime.combine(since, time.min))
    q = q.order_by(A.at.desc(), A.pk.desc()).limit(limit).offset(offset)
    with read_session(ctx.engine) as s:
        return [dict(r._mapping) for r in s.execute(q)]


def _row(obj: Any) -> dict:
    return {c.name: getattr(obj, c.name) for c in obj.__table__.columns}


def nominations(ctx: service.Context, board: str | None = None, search: str = "",
                limit: int = PAGE, offset: int = 0) -> list[dict]:
    """Nominations newest round first, with board names and candidate names."""
    N, B, P = t.nomination.c, t.board.c, t.person.c
    q = select(N.id, N.board, B.name.label("board_name"), N.seat, N.round, N.organisations, N.seats,
               N.candidates, N.reasons, N.reasons_accepted, N.version).join(t.board, B.id == N.board)
    if board:
        q = q.where(N.board == board)
    if search.strip():
        like = f"%{search.strip().lower()}%"
        q = q.where(or_(func.lower(B.name).like(like), func.lower(N.id).like(like)))
    q = q.order_by(N.round.desc(), func.lower(B.name), N.seat, N.id).limit(limit).offset(offset)
    with read_session(ctx.engine) as s:
        rows = [dict(r._mapping) for r in s.execute(q)]
        people = {c for r in rows for c in (r["candidates"] or [])}
        orgs = {o for r in rows for o in (r["organisations"] or [])}
        names = {r.id: (r.name, r.sex) for r in s.execute(select(P.id, P.name, P.sex).where(P.id.in_(people)))} if people else {}
        onames = org_names(ctx, sorted(orgs)) if orgs else {}
    for r in rows:
        r["candidate_facts"] = [(c, *names.get(c, (c, "undisclosed"))) for c in r["candidates"] or []]
        r["org_names"] = [onames.get(o, o) for o in r["organisations"] or []]
    return rows


def seat_choices(ctx: service.Context, board: str) -> list[tuple[str, str]]:
    """(seat id, seat name) of a board's seat groups, any composition."""
    S, C = t.seat_group.c, t.composition.c
    with read_session(ctx.engine) as s:
        seen: dict[str, str] = {}
        for r in s.execute(select(S.seat, S.name).join(t.composition, C.pk == S.composition).where(C.board == board)):
            seen.setdefault(r.seat, r.name)
    return list(seen.items())


def plan(ctx: service.Context, board: str, on: date, round_: date | None = None) -> dict | None:
    """The planner's result for a board's round, or None when the planner is not available."""
    try:
        from registry import planner
    except ImportError:
        return None
    snap = service.snapshot(ctx, board, on)
    rnd = round_ or min((n.round for n in snap.nominations), default=on)
    try:
        result = planner.plan(snap, rnd, 5)
    except TypeError:
        result = planner.plan(snap, rnd)
    return result.to_dict() if hasattr(result, "to_dict") else dict(result)
