"""The queries that build :class:`registry.snapshot.BoardSnapshot` s.

The loader reads with a fixed number of queries whether it builds one snapshot or thousands
(``load_snapshots``): one query per kind of record, filtered by board when boards are given,
never one query per board.
"""

from __future__ import annotations

import gc
import json
from collections import Counter, defaultdict
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from typing import Iterable, Mapping, NamedTuple, Sequence

from sqlalchemy import String, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from registry import tables as t     # Core: reading needs no SQLModel
from registry.rules._common import nomination_exists_on
from registry.rules.rulesets import RuleSet
from registry.snapshot import (AllocationFact, BoardFact, BoardSnapshot, CompositionRule, Holding, NominationFact,
                               OfficeFact, PersonFact, SeatRule, not_recorded_holder)
from registry.terms import TermPattern, next_period, parse_pattern, period_containing


def _raw(column):
    """The column as the database returns it, without SQLAlchemy's result conversion."""
    return type_coerce(column, String).label(column.name)


@lru_cache(maxsize=65536)
def _parse_day(text: str) -> date:
    return date.fromisoformat(text)


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return _parse_day(value)


@lru_cache(maxsize=65536)
def _parse_list(text: str) -> tuple:
    return tuple(json.loads(text) or ())


def _list(value) -> tuple:
    """A JSON list column as a tuple (``None``/``null`` → empty)."""
    if value is None:
        return ()
    if isinstance(value, str):
        return _parse_list(value)
    return tuple(value)


def _text(value):
    """A JSON column as text, so that it can key a cache (PostgreSQL's driver returns it parsed)."""
    return value if value is None or isinstance(value, str) else json.dumps(value)


class _AppointmentRow(NamedTuple):
    id: str
    board: str
    seat: str
    person: str | None           # None: holder not recorded
    role: str
    deputy_for: str | None
    start: date
    end: date | None
    ended_date: date | None
    ended_reason: str | None
    nominated_by: tuple
    nomination: str | None
    council_group: str | None
    override_reason: str | None
    version: int | None


class _NominationRow(NamedTuple):
    id: str
    board: str
    seat: str
    round: date
    organisations: tuple
    seats: int
    candidates: tuple
    received: date | None
    deadline: date | None
    reasons: str | None
    reasons_accepted: str | None


def _chunks(items: Sequence[str], n: int = 900) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _in(column, ids: Sequence[str] | None):
    return True if ids is None else column.in_(ids)


def load_people(session: Session, ids: Iterable[str]) -> dict[str, PersonFact]:
    """People with their offices, two queries per chunk of ids."""
    ids = sorted(set(ids))
    offices: dict[str, list[OfficeFact]] = defaultdict(list)
    out: dict[str, PersonFact] = {}
    P, O = t.person.c, t.office.c
    for chunk in _chunks(ids):
        for r in session.execute(select(O.person, O.office, O.body, _raw(O.start), _raw(O.end)).where(O.person.in_(chunk))).all():
            offices[r.person].append(OfficeFact(r.office, r.body, _day(r.start), _day(r.end)))
        for r in session.execute(select(P.id, P.name, P.sex, P.party, P.municipality, _raw(P.skills)).where(P.id.in_(chunk))).all():
            out[r.id] = PersonFact(r.id, r.name, r.sex, r.party, r.municipality, _list(r.skills),
                                   tuple(sorted(offices.get(r.id, ()), key=lambda o: (o.start, o.office))))
    return out


@lru_cache(maxsize=16384)   # boards of one kind repeat the same seat groups: build each once
def _seat_rule(seat, name, count, appointed_by, nominated_by, joint, eligibility, voting, counts_for_balance,
               deputies, collective, spread, max_share) -> SeatRule:
    voting = bool(voting)
    return SeatRule(
        id=seat, name=name, count=count, appointed_by=appointed_by,
        nominated_by=_list(nominated_by), joint=bool(joint),
        eligibility=_list(eligibility), voting=voting,
        counts_for_balance=voting if counts_for_balance is None else bool(counts_for_balance),
        deputies=deputies or "none",
        collective=tuple((c["skill"], int(c.get("min", 1))) for c in _list(collective)),
        spread=spread, max_share=max_share,
    )


@lru_cache(maxsize=16384)
def _composition_rule(valid_from, valid_to, size_min, size_max, size_odd, balance, balance_scopes,
                      balance_severity, nomination_rule, source, seats: tuple[SeatRule, ...]) -> CompositionRule:
    return CompositionRule(
        _day(valid_from), _day(valid_to), size_min, size_max, bool(size_odd),
        _list(balance) or ("dk-ligelig",), _list(balance_scopes) or ("board",),
        balance_severity or "warning", nomination_rule or "dk-10a", source, seats,
    )


def load_compositions(session: Session, board_ids: Sequence[str] | None) -> dict[str, list[CompositionRule]]:
    C, S = t.composition.c, t.seat_group.c
    seats: dict[int, list[SeatRule]] = defaultdict(list)
    q = select(S.composition, S.seat, S.name, S.count, S.appointed_by, _raw(S.nominated_by), S.joint,
               _raw(S.eligibility), S.voting, S.counts_for_balance, S.deputies, _raw(S.collective), S.spread,
               S.max_share) \
        .join(t.composition, C.pk == S.composition).where(_in(C.board, board_ids)) \
        .order_by(S.composition, S.position, S.pk)
    for r in session.execute(q).all():
        seats[r[0]].append(_seat_rule(r[1], r[2], r[3], r[4], _text(r[5]), r[6], _text(r[7]), r[8], r[9], r[10],
                                      _text(r[11]), r[12], r[13]))
    out: dict[str, list[CompositionRule]] = defaultdict(list)
    q = select(C.pk, C.board, _raw(C.valid_from), _raw(C.valid_to), C.size_min, C.size_max, C.size_odd,
               _raw(C.balance), _raw(C.balance_scopes), C.balance_severity, C.nomination_rule, C.source) \
        .where(_in(C.board, board_ids)).order_by(C.board, C.valid_from)
    for r in session.execute(q).all():
        out[r[1]].append(_composition_rule(r[2], r[3], r[4], r[5], r[6], _text(r[7]), _text(r[8]), r[9], r[10], r[11],
                                           tuple(seats.get(r[0], ()))))
    return out


@lru_cache(maxsize=4096)   # a registry has few term patterns, and a check asks for one date
def nomination_rounds(term: TermPattern, on: date) -> tuple[date | None, date | None]:
    """The round in progress and the next round on ``on`` (their term starts)."""
    cur, nxt = period_containing(term, on), next_period(term, on)
    return (cur.start if cur else None), (nxt.start if nxt else None)


def _appointment_row(r) -> _AppointmentRow:
    return _AppointmentRow(r[0], r[1], r[2], r[3], r[4], r[5], _day(r[6]), _day(r[7]), _day(r[8]), r[9],
                           _list(r[10]), r[11], r[12], r[13], r[14])


def _more_appointments(session: Session, cols, where, appts: list, have: set, wanted) -> None:
    """Add the appointments matching ``where`` that ``wanted(row)`` and ``appts`` lacks."""
    for r in session.execute(select(*cols).where(*where)).all():
        if r[0] not in have and wanted(r):
            have.add(r[0])
            appts.append(_appointment_row(r))


@contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while building many acyclic objects.

    A registry-wide check builds 100,000s of snapshots, facts and findings, none of them in a
    reference cycle; the collector would walk the growing heap again and again for nothing
    (about a quarter of the time of building national-5k's snapshots).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def load_snapshots(session: Session, on: date, board_ids: Sequence[str] | None = None,
                   history: str | date = "full") -> dict[str, BoardSnapshot]:
    """Snapshots of the given boards (all boards when None) on ``on``; one query per kind.

    ``history="full"`` (the default) puts every appointment of a board in its snapshot, for the
    views and reports that show history. ``history="recent"`` keeps only what the rules judge on
    ``on`` — for ``check``, whose findings are the same either way: appointments that have not
    ended by ``on`` or start after it, the members that kept deputies stand in for, on holdover
    boards every member appointment up to ``on`` (who sits on follows from the order in which
    holders were taken over from), and on term-limited boards the earlier terms of their
    members. A date as
    ``history`` keeps that and also every appointment running on or after the date or starting
    then or later (reports of a year's changes).
    """
    if not isinstance(history, date) and history not in ("full", "recent"):
        raise ValueError(f"history must be 'full', 'recent' or a date, not {history!r}")
    with paused_gc():
        return _load_snapshots(session, on, board_ids, history)


def _load_snapshots(session: Session, on: date, board_ids: Sequence[str] | None,
                    history: str | date) -> dict[str, BoardSnapshot]:
    since: date | None = None
    if isinstance(history, date):
        since, history = history, "recent"
    ids = None if board_ids is None else sorted(set(board_ids))
    if ids is not None and len(ids) > 900:
        out: dict[str, BoardSnapshot] = {}
        for chunk in _chunks(ids):
            out.update(_load_snapshots(session, on, chunk, since or history))
        return out
    B, A = t.board.c, t.appointment.c
    boards = session.execute(select(B).where(_in(B.id, ids)).order_by(B.id)).all()
    if not boards:
        return {}
    I = t.registry_info.c      # Core, like every read here: no ORM mapper set-up before the first page
    info = session.execute(select(I.plurality_threshold, I.term_warning_days).where(I.id == 1)).first()
    plurality_threshold, term_warning_days = info if info is not None else (
        I.plurality_threshold.default.arg, I.term_warning_days.default.arg)
    comps = load_compositions(session, ids)

    appt_cols = (A.id, A.board, A.seat, A.person, A.role, A.deputy_for, _raw(A.start), _raw(A.end), _raw(A.ended_date),
                 A.ended_reason, _raw(A.nominated_by), A.nomination, A.council_group, A.override_reason, A.version)
    appt_where = [_in(A.board, ids)]
    if history == "recent":
        # what the rules look at beyond the board on ``on``: the past holders a holdover board's
        # members sit on for, and the past terms of a term-limited board's members
        holds = {b.id: bool(b.holdover) for b in boards}
        limited = {b.id for b in boards if (b.max_consecutive_terms or 0) > 0}
        recent = or_(
            (A.end.is_(None) | (A.end >= on)) & (A.ended_date.is_(None) | (A.ended_date >= on)),
            A.start > on,
        )
        if since is not None:
            recent = or_(recent, A.start >= since,
                         (A.end.is_(None) | (A.end >= since)) & (A.ended_date.is_(None) | (A.ended_date >= since)))
        appt_where.append(recent)
    appts = [_appointment_row(r) for r in session.execute(select(*appt_cols).where(*appt_where)).all()]
    if history == "recent":
        have = {a.id for a in appts}
        # a holdover board's every member appointment: who sits on is worked out from the whole
        # history of each seat group (registry.succession: who took over from whom, in order);
        # and every earlier term of the people on the other term-limited boards
        terms_of = {(a.board, a.person) for a in appts
                    if a.board in limited and a.role == "member" and a.person is not None}
        everyone = sorted(b for b, h in holds.items() if h)
        terms_of = {(b, p) for b, p in terms_of if not holds[b]}
        limited_board = select(B.id).where(B.max_consecutive_terms > 0).scalar_subquery()
        for where in ([A.board.in_(chunk), A.role == "member", A.start <= on] for chunk in _chunks(everyone)):
            _more_appointments(session, appt_cols, where, appts, have, lambda r: True)
        for chunk in _chunks(sorted({p for _b, p in terms_of})):
            _more_appointments(session, appt_cols, [A.person.in_(chunk), A.board.in_(limited_board), A.role == "member",
                                                    A.start <= on],
                               appts, have, lambda r: (r[1], r[3]) in terms_of)
        # the members that kept deputies stand in for, wherever their own terms are
        wanted = {(a.deputy_for, a.board) for a in appts if a.deputy_for and a.deputy_for not in have}
        for chunk in _chunks(sorted({i for i, _ in wanted})):
            _more_appointments(session, appt_cols, [A.id.in_(chunk)], appts, have, lambda r: (r[0], r[1]) in wanted)

    N = t.nomination.c
    nom_where = [_in(N.board, ids)]
    if history == "recent":
        # a snapshot keeps the rounds in progress or next on ``on`` (or, without rounds, those from
        # ``on``): no board keeps a round before the earliest of these
        earliest = on
        for b in boards:
            rounds = [r for r in nomination_rounds(parse_pattern(b.term, b.term_anchor), on) if r is not None]
            earliest = min(earliest, *rounds) if rounds else earliest
        nom_where.append(N.round >= earliest)
    noms = [_NominationRow(r[0], r[1], r[2], _day(r[3]), _list(r[4]), r[5], _list(r[6]), _day(r[7]), _day(r[8]), r[9], r[10])
            for r in session.execute(select(
                N.id, N.board, N.seat, _raw(N.round), _raw(N.organisations), N.seats, _raw(N.candidates),
                _raw(N.received), _raw(N.deadline), N.reasons, N.reasons_accepted,
            ).where(*nom_where)).all()]
    people_ids = {a.person for a in appts if a.person is not None} | {c for n in noms for c in (n.candidates or ())}
    people = load_people(session, people_ids)

    # seats held on ``on`` across all boards, for the people who sit on these boards now
    active = [a.person for a in appts if a.role == "member" and a.person is not None and a.start <= on
              and (a.end is None or on <= a.end) and (a.ended_date is None or on <= a.ended_date)]
    seats_held: dict[str, int] = {}
    if ids is None:   # every board's appointments running on ``on`` are here already: count them
        seats_held = dict(Counter(active))
        active = []
    else:   # and for the members who sit on after their term (holdover boards): any member so far
        active = [a.person for a in appts if a.role == "member" and a.person is not None and a.start <= on]
    for chunk in _chunks(sorted(set(active))):
        q = select(A.person, func.count()).where(
            A.person.in_(chunk), A.role == "member", A.start <= on,
            or_(A.end.is_(None), A.end >= on), or_(A.ended_date.is_(None), A.ended_date >= on),
        ).group_by(A.person)
        seats_held.update({p: n for p, n in session.execute(q)})

    L, G = t.allocation.c, t.council_group.c
    allocs = list(session.execute(
        select(L.id, L.board, L.seat, L.council_group, G.name, L.start, L.end)
        .join(t.council_group, G.id == L.council_group)
        .where(_in(L.board, ids), or_(L.end.is_(None), L.end >= on))
    ))
    Mu, Org = t.municipality.c, t.organisation.c
    kkrs = {b.kkr for b in boards}
    municipalities: dict[str, set[str]] = defaultdict(set)
    for mid, kkr in session.execute(select(Mu.id, Mu.kkr).where(Mu.kkr.in_(kkrs))):
        municipalities[kkr].add(mid)
    owners: dict[str, set[str]] = defaultdict(set)
    for oid, kkr in session.execute(select(Org.id, Org.kkr).where(Org.kind == "kkr", Org.kkr.in_(kkrs))):
        owners[kkr].add(oid)
    org_ids = {o for cs in comps.values() for c in cs for s in c.seats for o in (*s.nominated_by, s.appointed_by) if o}
    org_ids |= {o for a in appts for o in (a.nominated_by or ())} | {o for n in noms for o in (n.organisations or ())}
    org_names: dict[str, str] = {}
    for chunk in _chunks(sorted(org_ids)):
        org_names.update({i: n for i, n in session.execute(select(Org.id, Org.name).where(Org.id.in_(chunk)))})
    R = t.ruleset.c
    rulesets = {r.id: RuleSet(r.id, r.name, r.share, bool(r.cap_half),
                              tuple(sorted((int(k), int(v)) for k, v in (r.table or {}).items())))
                for r in session.execute(select(R))}

    by_board_appts: dict[str, list[Holding]] = defaultdict(list)
    for a in appts:
        by_board_appts[a.board].append(Holding(   # positional, in Holding's field order: 20,000s of them
            a.id, a.seat, _holder(people, a), a.role, a.deputy_for, a.start,
            a.end, a.ended_date, a.ended_reason, a.nominated_by, a.nomination, a.council_group, a.override_reason,
            version=a.version,
        ))
    noms_by_board: dict[str, list] = defaultdict(list)
    for n in noms:
        noms_by_board[n.board].append(n)
    by_board_allocs: dict[str, list[AllocationFact]] = defaultdict(list)
    later_allocs: dict[str, list[AllocationFact]] = defaultdict(list)
    for r in allocs:
        start = _day(r.start)
        (by_board_allocs if start <= on else later_allocs)[r.board].append(
            AllocationFact(r.id, r.seat, r.council_group, r.name, start, _day(r.end)))

    kkr_municipalities = {k: frozenset(v) for k, v in municipalities.items()}
    kkr_owners = {k: frozenset(v) for k, v in owners.items()}
    out = {}
    for b in boards:
        term = parse_pattern(b.term, b.term_anchor)
        current, upcoming = nomination_rounds(term, on)
        rounds = {r for r in (current, upcoming) if r is not None}
        board_noms = tuple(sorted((
            f for n in noms_by_board.get(b.id, ()) if n.round in rounds or (not rounds and n.round >= on)
            if nomination_exists_on(f := NominationFact(
                n.id, n.seat, n.round, tuple(n.organisations or ()), n.seats,
                tuple(people[c] for c in (n.candidates or ()) if c in people),
                n.received, n.deadline, n.reasons or "", n.reasons_accepted or ""), term, on)
        ), key=lambda n: (n.round, n.seat, n.id)))
        out[b.id] = BoardSnapshot(
            board=BoardFact(b.id, b.name, b.kkr, b.legal_basis, term, bool(b.statutory),
                            bool(b.decision_making), bool(b.holdover), b.max_consecutive_terms or 0),
            on=on,
            compositions=tuple(comps.get(b.id, ())),
            history=tuple(sorted(by_board_appts.get(b.id, ()), key=lambda h: (h.start, h.appointment))),
            allocations=tuple(sorted(by_board_allocs.get(b.id, ()), key=lambda x: (x.seat, x.start, x.id))),
            later_allocations=tuple(sorted(later_allocs.get(b.id, ()), key=lambda x: (x.seat, x.start, x.id))),
            nominations=board_noms,
            kkr_municipalities=kkr_municipalities.get(b.kkr, frozenset()),
            owner_orgs=kkr_owners.get(b.kkr, frozenset()),
            org_names=org_names,
            custom_rulesets=rulesets,
            seats_held=seats_held,
            plurality_threshold=plurality_threshold,
            term_warning_days=term_warning_days,
        )
    return out


def _holder(people: Mapping[str, PersonFact], a: _AppointmentRow) -> PersonFact:
    if a.person is None:
        return not_recorded_holder(a.id)
    return people.get(a.person) or PersonFact(a.person, a.person)


def load_snapshot(session: Session, board_id: str, on: date) -> BoardSnapshot | None:
    return load_snapshots(session, on, [board_id]).get(board_id)
