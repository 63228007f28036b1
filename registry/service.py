"""Use cases: the one path for writes, and the reads that the CLI, the UI and reports share.

Every write runs in one transaction (``db.write_session``): validate → build the board snapshot
→ run the rules on the board as it would be → refuse what adds an error unless an override
reason is given → write → audit. Reads return plain data (dataclasses, dicts), never live ORM
objects, so the UI can hand them between threads.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from sqlalchemy import func, or_, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from registry.actor import default_actor  # noqa: F401 - re-exported
from registry.db import ConflictError, RegistryError, read_session, write_session
from registry.findings import ERROR, Diff, Finding, diff, sort_findings, summary, worst
from registry.i18n import _, _n, format_day
from registry.snapshot import BoardSnapshot, Holding
from registry.snapshot_sql import load_people, load_snapshot, load_snapshots, paused_gc
from registry.terms import default_end, parse_pattern, period_containing


class _Model:
    """``registry.model``, imported when first used.

    Reads (check, the boards list, vacancies, what-if) go through ``registry.tables`` and never
    need SQLModel or pydantic (~0.17 s to import); writes and the ORM reads import the model here.
    """

    def __getattr__(self, name: str):
        from registry import model

        return getattr(model, name)


m = _Model()


class NotFound(RegistryError):
    exit_code = 2


class Refused(RegistryError):
    """The change would add an error and no override reason was given (exit 1, nothing written)."""

    exit_code = 1

    def __init__(self, message: str, findings: Sequence[Finding] = ()):
        super().__init__(message)
        self.findings = list(findings)




class Invalid(RegistryError):
    """A value a dataset load would refuse (exit 2, nothing written): the loader's own sentence,
    after the field's name, as ``place: problem`` in a load."""

    exit_code = 2

    def __init__(self, field: str, problem: str):
        super().__init__(f"{field}: {problem}")
        self.field, self.problem = field, problem


def check_id(field: str, value: Any, optional: bool = False) -> None:
    """Refuse ``value`` as an id as a dataset load would (``optional``: None is allowed)."""
    from registry.dataset.schema import id_problem

    if value is None and optional:
        return
    why = id_problem(value)
    if why:
        raise Invalid(field, why)


def check_text(field: str, value: Any, optional: bool = True, allow_empty: bool = True) -> None:
    from registry.dataset.schema import text_problem

    if value is None and optional:
        return
    why = text_problem(value, allow_empty)
    if why:
        raise Invalid(field, why)


def check_date(field: str, value: Any, optional: bool = False) -> None:
    from registry.dataset.schema import read_date

    if value is None and optional:
        return
    _d, why = read_date(value)
    if why:
        raise Invalid(field, why)


def check_int(field: str, value: Any, minimum: int, maximum: int) -> None:
    from registry.dataset.schema import int_problem

    why = int_problem(value, minimum, maximum)
    if why:
        raise Invalid(field, why)


def check_person_fields(person_id: str, fields: dict) -> None:
    """A person's id and fields, checked as a dataset's ``[[people]]`` (the UI form checks before it closes)."""
    check_id("person.id", person_id)
    if "name" in fields:
        check_text("person.name", fields["name"], optional=False, allow_empty=False)
    if fields.get("party") is not None:
        check_text("person.party", fields["party"])
    if fields.get("municipality"):
        check_id("person.municipality", str(fields["municipality"]).strip())
    for i, skill in enumerate(fields.get("skills") or []):
        check_text(f"person.skills[{i}]", skill)


def check_nomination_fields(n: "NominationInput") -> None:
    """A nomination's values, checked as a dataset's ``[[nominations]]``."""
    from registry.dataset.schema import MAX_SEATS

    check_id("nomination.id", n.id, optional=True)
    check_id("nomination.board", n.board)
    check_id("nomination.seat", n.seat)
    check_date("nomination.round", n.round)
    for i, org in enumerate(n.organisations):
        check_id(f"nomination.organisations[{i}]", org)
    for i, c in enumerate(n.candidates):
        check_id(f"nomination.candidates[{i}]", c)
    check_int("nomination.seats", n.seats, 1, MAX_SEATS)
    check_text("nomination.reasons", n.reasons)
    check_date("nomination.received", n.received, optional=True)
    check_date("nomination.deadline", n.deadline, optional=True)


def check_proposal_fields(p: "Proposal") -> None:
    """An appointment's values, checked as a dataset's ``[[appointments]]``."""
    for key in ("board", "seat", "person"):
        check_id(f"appointment.{key}", getattr(p, key))
    for key in ("deputy_for", "nomination", "council_group", "ending"):
        check_id(f"appointment.{key}", getattr(p, key), optional=True)
    check_id("appointment.decision.meeting", p.decision_meeting, optional=True)
    for i, org in enumerate(p.nominated_by):
        check_id(f"appointment.nominated_by[{i}]", org)
    check_date("appointment.start", p.start)
    check_date("appointment.end", p.end, optional=True)
    check_text("appointment.decision.item", p.decision_item)
    check_text("appointment.decision.case", p.decision_case)
    check_text("appointment.override_reason", p.override_reason)


@dataclass
class Context:
    """Who acts on which registry."""

    engine: Engine
    actor: str = field(default_factory=default_actor)


def _touch(session: Session, boards: Iterable[str] = (), people: Iterable[str | None] = ()) -> None:
    """What this write changes, for the store of board findings (:func:`registry.readmodel.store.touch`)."""
    from registry.readmodel.store import touch

    touch(session, boards, people)


def audit(session: Session, actor: str, action: str, entity: str, entity_id: str, *,
          board: str | None = None, before: dict | None = None, after: dict | None = None,
          reason: str | None = None) -> m.AuditEvent:
    """Append one event, sealed to the one before it (:mod:`registry.audit_chain`)."""
    from registry import audit_chain

    event = {"at": datetime.now(timezone.utc).replace(microsecond=0), "actor": actor, "action": action,
             "entity": entity, "entity_id": entity_id, "board": board, "before": audit_chain.plain(_plain(before)),
             "after": audit_chain.plain(_plain(after)), "reason": reason,
             "authenticated_as": authenticated_identity(session)}
    digest, chain = audit_chain.seal(_last_link(session), event)
    row = m.AuditEvent(**event, digest=digest, chain=chain)
    session.add(row)
    session.flush()
    return row


def _last_link(session: Session) -> str:
    """The chain of the newest event, with the log locked against other writers until commit."""
    from registry import audit_chain

    if session.get_bind().dialect.name == "postgresql":  # SQLite writers already hold BEGIN IMMEDIATE
        session.execute(text("SELECT pg_advisory_xact_lock(7310)"))
    E = m.AuditEvent
    last = session.execute(select(E.chain).order_by(E.pk.desc()).limit(1)).scalar()
    return last if last is not None else audit_chain.GENESIS


def authenticated_identity(session: Session) -> str:
    """Who the system says is acting, whatever name was claimed (quality.md S9): the database
    role on PostgreSQL (``current_user``, as the server authenticated the connection), the OS
    user of this process on SQLite (its uid looked up in the user database, not the environment's
    ``USER``/``LOGNAME``, which anyone sets)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy import text

        return str(session.execute(text("SELECT current_user")).scalar())
    return os_user()


def os_user() -> str:
    import os

    try:
        import pwd
    except ImportError:           # Windows: no uid database; the login name the OS reports
        try:
            return os.getlogin()
        except OSError:
            return "unknown"
    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:              # a uid without a passwd entry (containers)
        return f"uid {uid}"


def _plain(d: dict | None) -> dict | None:
    if d is None:
        return None
    return {k: (v.isoformat() if isinstance(v, (date, datetime)) else v) for k, v in d.items()
            if not k.startswith("_")}


def _row(obj: Any) -> dict:
    return {c.name: getattr(obj, c.name) for c in obj.__table__.columns}


# --- load / export -----------------------------------------------------------------------------


def load(ctx: Context, paths: Sequence[Path], replace: bool = False,
         progress: Callable[[int, int], None] | None = None, source: str | None = None) -> dict[str, int]:
    """Load dataset files whole or not at all (exit 2 with every problem if anything is wrong).

    ``source`` names the load in the audit log (default: the paths as given).
    """
    return _load(ctx, paths, replace, progress, source).counts


@dataclass(frozen=True)
class LoadResult:
    """What a checked load did: the rows per kind, and the errors and warnings the data adds."""

    counts: dict[str, int]
    on: date                    # the date the registry was judged on, before and after
    added: list[Finding]        # errors and warnings found after the load and not before
    written: bool               # False when ``strict`` refused the load (nothing was written)

    @property
    def adds_error(self) -> bool:
        return any(f.severity == ERROR for f in self.added)

    def by_rule(self) -> dict[str, dict[str, int]]:
        """{rule: {"error": n, "warning": n}} for the added findings, rules in catalogue order."""
        from registry.findings import RULES

        out: dict[str, dict[str, int]] = {}
        for f in sorted(self.added, key=lambda f: RULES.index(f.rule)):
            out.setdefault(f.rule, {ERROR: 0, "warning": 0})[f.severity] += 1
        return out


def load_checked(ctx: Context, paths: Sequence[Path], on: date, replace: bool = False, strict: bool = False,
                 progress: Callable[[int, int], None] | None = None, source: str | None = None) -> LoadResult:
    """Load as :func:`load`, and say which errors and warnings the data adds on ``on``.

    The whole registry is judged on ``on`` before and after the data is written, in the same
    transaction; a finding is added when its identity (:attr:`Finding.key`) was not there before.
    With ``strict``, a load that would add an error is rolled back: nothing is written (not even
    to the audit log) and the result says ``written=False``.
    """
    return _load(ctx, paths, replace, progress, source, judge_on=on, strict=strict)


class _RollBack(Exception):
    """Raised inside the write session to undo a strict load that would add an error."""

    def __init__(self, result: LoadResult):
        super().__init__("strict load refused")
        self.result = result


def _judge(s: Session, on: date) -> list[Finding]:
    """The errors and warnings of every board on ``on``, as the session sees the registry."""
    from registry import tables as t
    from registry.rules import evaluate_unsorted

    ids = sorted(s.execute(select(t.board.c.id)).scalars())
    out: list[Finding] = []
    with paused_gc():
        for i in range(0, len(ids), 500):    # a bounded number of boards in memory at once
            for snap in load_snapshots(s, on, ids[i:i + 500], history="recent").values():
                out += [f for f in evaluate_unsorted(snap) if f.severity != "info"]
    return out


def _load(ctx: Context, paths: Sequence[Path], replace: bool, progress: Callable[[int, int], None] | None,
          source: str | None, judge_on: date | None = None, strict: bool = False,
          build: Callable[[Session], tuple[Any, Callable[[list], list]]] | None = None, action: str | None = None,
          dry_run: bool = False) -> LoadResult:
    """The one write path of datasets. ``build`` (an import) makes the dataset inside the write
    session from what the registry holds, and words its problems (their rows); ``dry_run``
    undoes everything after judging, as a refused ``strict`` load."""
    from registry.dataset.load import DatasetError, clear_registry, parse_files, resolve, total_rows, write

    ds = parse_files(paths) if build is None else None
    total = total_rows(ds) if ds is not None else 0
    done = [0]
    place = lambda problems: problems  # noqa: E731

    def tick(n: int) -> None:
        done[0] += n
        if progress:
            progress(done[0], total)

    try:
        with write_session(ctx.engine) as s:
            if build is not None:
                ds, place = build(s)
                total = total_rows(ds)
            problems = resolve(ds, s, replace=replace)
            if problems:
                raise DatasetError(place(problems))
            before = _judge(s, judge_on) if judge_on is not None else []
            if replace:
                clear_registry(s)
            try:
                counts = write(s, ds, tick)
                added = []
                if judge_on is not None:
                    s.flush()
                    added = diff(before, _judge(s, judge_on)).new
            except IntegrityError as exc:
                from registry.dataset.schema import Problem

                raise DatasetError([Problem("", f"the database refused the data: {exc.orig}")]) from None
            result = LoadResult(counts, judge_on or date.today(), added, written=True)
            if dry_run or strict and result.adds_error:
                raise _RollBack(dataclasses.replace(result, written=False))
            audit(s, ctx.actor, action or ("replace" if replace else "load"), "dataset", source or ",".join(str(p) for p in paths),
                  after={k: v for k, v in counts.items() if v})
    except _RollBack as refused:
        return refused.result
    return result


@dataclass
class ImportResult:
    """An import's plan (what it matched, made, read loosely) and the load's result (``written``
    is False for a dry run)."""

    plan: Any
    result: LoadResult
    columns: dict[str, int]
    header: list[str]
    sheet: Any
    remembered: bool = False


def import_sheet(ctx: Context, path: Path, on: date, overrides: dict[str, str] | None = None, sheet: str | None = None,
                 dry_run: bool = False, progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Import a spreadsheet's people and appointments, through the dataset loader.

    The rows become a ``udpeg/1`` dataset matched against the registry inside the write session,
    then checked and written exactly as ``load`` does (every value validated, all or nothing, one
    ``import`` audit event), judged on ``on`` before and after. Any problem raises
    :class:`~registry.dataset.load.DatasetError` naming its row and column; a dry run writes
    nothing. Overrides of the column mapping are remembered for the layout after a written import.
    """
    from registry.dataset.load import DatasetError
    from registry.dataset.schema import validate
    from registry.importing import NotImported, build, columns, known, locate
    from registry.importing.sheet import read

    given = dict(overrides or {})
    sh = read(path, lambda texts: columns.looks_like_header(texts, given), sheet)
    stored = columns.remembered(sh.header)
    cols = columns.resolve(sh.header, {**stored, **given})
    made: list = []

    def make(s: Session):
        plan = build(sh, cols, known(s))
        made.append(plan)
        if plan.problems:
            raise NotImported(plan.problems)
        ds, problems = validate(plan.tree)
        if problems:
            raise NotImported(locate(problems, plan))
        return ds, lambda found: locate(found, plan)

    try:
        result = _load(ctx, [], False, progress, f"import:{Path(path).name}", judge_on=on, build=make,
                       action="import", dry_run=dry_run)
    except DatasetError as exc:
        if isinstance(exc, NotImported):
            raise
        raise NotImported(exc.problems) from None    # the loader's own (references, the database)
    if result.written and given:
        columns.remember(sh.header, {**stored, **given})
    return ImportResult(made[0], result, cols, sh.header, sh, remembered=bool(stored))


def export(ctx: Context, fmt: str = "toml", public: bool = False) -> str:
    from registry.dataset.export import export_tree, to_json, to_toml

    with read_session(ctx.engine) as s:
        tree = export_tree(s, public=public)
    if fmt == "json":
        return to_json(tree)
    if fmt == "toml":
        return to_toml(tree)
    if fmt == "popolo":
        from registry.reports.popolo import to_popolo

        return to_popolo(tree)
    raise RegistryError(_("Unknown export format {fmt}: use toml, json or popolo.", fmt=fmt))


# --- reading boards ----------------------------------------------------------------------------


def evaluate(snap: BoardSnapshot) -> list[Finding]:
    from registry.rules import evaluate as run_rules

    return run_rules(snap)


def snapshot(ctx: Context, board: str, on: date) -> BoardSnapshot:
    with read_session(ctx.engine) as s:
        snap = load_snapshot(s, board, on)
    if snap is None:
        raise NotFound(_("There is no board with id {id}. `udpeg boards` lists them.", id=board))
    return snap


def snapshots(ctx: Context, on: date, boards: Sequence[str] | None = None,
              history: str | date = "full") -> dict[str, BoardSnapshot]:
    with read_session(ctx.engine) as s:
        return load_snapshots(s, on, boards, history)


@dataclass(frozen=True)
class Counts:
    counted: int
    women: int
    men: int
    undisclosed: int


def counts(snap: BoardSnapshot) -> Counts:
    """Counted members (seat groups that count for balance; never observers or deputies)."""
    comp = snap.composition
    counting = {s.id for s in comp.seats if s.counts_for_balance} if comp else set()
    people = [h.person for h in snap.members if h.seat in counting]
    w = sum(p.sex == "woman" for p in people)
    mn = sum(p.sex == "man" for p in people)
    return Counts(len(people), w, mn, len(people) - w - mn)


def open_seats(snap: BoardSnapshot) -> int:
    """Seats open on the snapshot's date: vacant, or held by a member whose eligibility lapsed
    (``registry.seats``, the one count every face shows)."""
    from registry.seats import open_count

    return open_count(snap)


def next_term_end(snap: BoardSnapshot) -> date | None:
    ends = [h.last_day for h in snap.members if h.last_day is not None and h.last_day >= snap.on]
    if ends:
        return min(ends)
    period = period_containing(snap.board.term, snap.on)
    return period.end if period else None


STATUS = {ERROR: "error", "warning": "warning", "info": "ok", None: "ok"}


def board_summaries(ctx: Context, on: date, search: str | None = None) -> list[dict]:
    """One row per board: the ``udpeg boards`` JSON shape of cli.md."""
    # counts, open seats, next term end and the rules' findings need no more than the recent history
    snaps = snapshots(ctx, on, board_ids_matching(ctx, search) if search else None, history="recent")
    rows = []
    for bid in sorted(snaps, key=lambda b: snaps[b].board.name.lower()):
        snap = snaps[bid]
        c = counts(snap)
        findings = evaluate(snap)
        rows.append({"id": bid, "name": snap.board.name, "status": STATUS[worst(findings)],
                     "counted": c.counted, "women": c.women, "men": c.men, "undisclosed": c.undisclosed,
                     "open_seats": open_seats(snap), "next_term_end": next_term_end(snap),
                     "summary": summary(findings)})
    return rows


def board_ids_matching(ctx: Context, search: str) -> list[str]:
    like = f"%{search.lower()}%"
    with read_session(ctx.engine) as s:
        return list(s.execute(select(m.Board.id).where(
            or_(func.lower(m.Board.name).like(like), m.Board.id.like(like)))).scalars())


def check(ctx: Context, on: date, board: str | None = None, severity: str | None = None) -> list[Finding]:
    from registry.findings import SEVERITY_RANK

    if board is not None:
        snaps = {board: snapshot(ctx, board, on)}
    else:
        snaps = snapshots(ctx, on, history="recent")   # the rules' findings need no more
    out: list[Finding] = []
    from registry.rules import evaluate_unsorted

    with paused_gc():     # thousands of findings, no cycles
        for snap in snaps.values():
            out += evaluate_unsorted(snap)     # sorted together below
    if severity:
        out = [f for f in out if SEVERITY_RANK[f.severity] <= SEVERITY_RANK[severity]]
    return sort_findings(out)


def check_rows(ctx: Context, on: date, board: str | None = None, severity: str | None = None) -> list[dict]:
    """:func:`check`'s findings, each as ``check --format json`` prints it, read from the store of
    board findings (:mod:`registry.readmodel.store`) and filled there for the boards it lacks."""
    from registry.findings import SEVERITY_RANK
    from registry.readmodel.store import stored_findings

    rows = stored_findings(ctx.engine, on, board)
    if rows is None:
        raise NotFound(_("There is no board with id {id}. `udpeg boards` lists them.", id=board))
    if severity:
        rows = [f for f in rows if SEVERITY_RANK[f["severity"]] <= SEVERITY_RANK[severity]]
    return rows


# --- what-if and appointing --------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    board: str
    seat: str
    person: str
    start: date
    end: date | None = None
    role: str = "member"
    deputy_for: str | None = None
    nominated_by: tuple[str, ...] = ()
    nomination: str | None = None
    council_group: str | None = None
    decision_meeting: str | None = None
    decision_item: str | None = None
    decision_case: str | None = None
    ending: str | None = None          # an appointment ended the day before ``start``
    override_reason: str | None = None


@dataclass(frozen=True)
class WhatIf:
    snapshot: BoardSnapshot           # the board as it would be
    before: list[Finding]
    after: list[Finding]
    diff: Diff
    holding: Holding


def _validate_proposal(s: Session, p: Proposal) -> Proposal:
    check_proposal_fields(p)
    board = s.get(m.Board, p.board)
    if board is None:
        raise NotFound(_("There is no board with id {id}. `udpeg boards` lists them.", id=p.board))
    if s.get(m.Person, p.person) is None:
        raise NotFound(_("There is no person with id {id}. `udpeg people --search NAME` finds people.", id=p.person))
    if p.role not in ("member", "deputy"):
        raise RegistryError(_("The role must be member or deputy, not {role}.", role=p.role))
    seats = set(s.execute(select(m.SeatGroup.seat).join(m.Composition, m.Composition.pk == m.SeatGroup.composition)
                          .where(m.Composition.board == p.board)).scalars())
    if p.seat not in seats:
        raise NotFound(_("Board {board} has no seat group {seat} (it has: {seats}).", board=p.board, seat=p.seat,
                         seats=", ".join(sorted(seats)) or "-"))
    end = p.end
    if end is None and not (p.deputy_for and p.role == "deputy"):
        end = default_end(parse_pattern(board.term, board.term_anchor), p.start)
    if p.role == "deputy":
        if not p.deputy_for:
            raise RegistryError(_("A deputy must name the member appointment it stands in for."))
        member = s.get(m.Appointment, p.deputy_for)
        if member is None:
            raise NotFound(_("There is no appointment with id {id}.", id=p.deputy_for))
        if end is None:
            end = member.ended_date or member.end
    check_date("appointment.end", end, optional=True)
    if end is not None and end < p.start:
        raise RegistryError(_("The end date {end} is before the start date {start}.", end=format_day(end),
                              start=format_day(p.start)))
    for org in p.nominated_by:
        if s.get(m.Organisation, org) is None:
            raise NotFound(_("There is no organisation with id {id}.", id=org))
    if p.nomination and s.get(m.Nomination, p.nomination) is None:
        raise NotFound(_("There is no nomination with id {id}.", id=p.nomination))
    if p.council_group and s.get(m.CouncilGroup, p.council_group) is None:
        raise NotFound(_("There is no council group with id {id}.", id=p.council_group))
    if p.decision_meeting and s.get(m.Meeting, p.decision_meeting) is None:
        raise NotFound(_("There is no meeting with id {id}.", id=p.decision_meeting))
    if p.ending:
        ending = s.get(m.Appointment, p.ending)
        if ending is None or ending.board != p.board:
            raise NotFound(_("Board {board} has no appointment {id}.", board=p.board, id=p.ending))
    return dataclasses.replace(p, end=end)


def _whatif(s: Session, p: Proposal, new_id: str) -> WhatIf:
    p = _validate_proposal(s, p)
    # the rules judge the recent history (the cost stays that of the board now, however long its
    # past); a proposal that names an older appointment, or a new member's earlier terms on a
    # term-limited board, needs the whole history
    snap = load_snapshots(s, p.start, [p.board], history="recent")[p.board]
    named = {a for a in (p.deputy_for, p.ending) if a}
    if named - {h.appointment for h in snap.history} or (snap.board.max_consecutive_terms and p.role == "member"):
        snap = load_snapshot(s, p.board, p.start)
    before = evaluate(snap)
    person = load_people(s, [p.person])[p.person]
    held = s.execute(select(func.count()).select_from(m.Appointment).where(
        m.Appointment.person == p.person, m.Appointment.role == "member", m.Appointment.start <= p.start,
        or_(m.Appointment.end.is_(None), m.Appointment.end >= p.start),
        or_(m.Appointment.ended_date.is_(None), m.Appointment.ended_date >= p.start))).scalar_one()
    h = Holding(appointment=new_id, seat=p.seat, person=person, role=p.role, deputy_for=p.deputy_for,
                start=p.start, end=p.end, nominated_by=p.nominated_by, nomination=p.nomination,
                council_group=p.council_group, override_reason=p.override_reason)
    proposed = snap
    if p.ending:
        proposed = proposed.with_ended(p.ending, p.start - timedelta(days=1), "replaced")
    proposed = proposed.with_appointment(h, seats_held=held + (1 if p.role == "member" else 0))
    after = evaluate(proposed)
    return WhatIf(proposed, before, after, diff(before, after), h)


def whatif(ctx: Context, p: Proposal) -> WhatIf:
    """The findings as they would be with the proposed appointment, and the difference from now."""
    with read_session(ctx.engine) as s:
        return _whatif(s, p, _new_id(s, p))  # the id appoint would give it, so findings match exactly


def _new_id(s: Session, p: Proposal) -> str:
    base = f"{p.board}-{p.seat}-{p.person}-{p.start.isoformat()}"
    candidate, n = base, 1
    while s.get(m.Appointment, candidate) is not None:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _lock_board(s: Session, board: str) -> None:
    """Serialise writers on one board (PostgreSQL row lock; SQLite already holds BEGIN IMMEDIATE)."""
    if s.get_bind().dialect.name != "sqlite":
        s.execute(select(m.Board.id).where(m.Board.id == board).with_for_update())


def appoint(ctx: Context, p: Proposal) -> WhatIf:
    """Make an appointment, refused (nothing written) if it adds an error without an override reason."""
    with write_session(ctx.engine) as s:
        _lock_board(s, p.board)
        new_id = _new_id(s, p)
        result = _whatif(s, p, new_id)
        errors = [f for f in result.diff.new if f.severity == ERROR]
        if errors and not (p.override_reason or "").strip():
            raise Refused(_n("The appointment was refused: it would add {n} error. Give --override-reason to make it anyway.",
                             "The appointment was refused: it would add {n} errors. Give --override-reason to make it anyway.",
                             len(errors), n=len(errors)), errors)
        q = result.holding
        if p.ending:
            _end_in_session(s, ctx.actor, p.ending, p.start - timedelta(days=1), "replaced", None, None)
        row = m.Appointment(
            id=new_id, board=p.board, seat=p.seat, person=p.person, role=p.role, deputy_for=p.deputy_for,
            start=p.start, end=q.end, nominated_by=list(p.nominated_by), nomination=p.nomination,
            council_group=p.council_group, decision_meeting=p.decision_meeting, decision_item=p.decision_item,
            decision_case=p.decision_case, override_reason=(p.override_reason or None) if errors else None)
        s.add(row)
        _touch(s, [p.board], [p.person])
        s.execute(update(m.Board).where(m.Board.id == p.board).values(version=m.Board.version + 1))
        s.flush()
        audit(s, ctx.actor, "appoint", "appointment", new_id, board=p.board, after=_row(row),
              reason=p.override_reason if errors else None)
    return result


def _end_in_session(s: Session, actor: str, appointment: str, on: date, reason: str, expected_version: int | None,
                    note: str | None) -> m.Appointment:
    a = s.get(m.Appointment, appointment)
    if a is None:
        raise NotFound(_("There is no appointment with id {id}.", id=appointment))
    if on < a.start:
        raise RegistryError(_("An appointment cannot end ({on}) before it starts ({start}).", on=format_day(on),
                              start=format_day(a.start)))
    if a.end is not None and on > a.end:
        raise RegistryError(_("The appointment already ends on {end}; an early end must be before that.",
                              end=format_day(a.end)))
    if a.ended_date is not None:
        raise ConflictError(_("Appointment {id} was already ended on {on}.", id=appointment, on=format_day(a.ended_date)))
    before = _row(a)
    version = a.version if expected_version is None else expected_version
    res = s.execute(update(m.Appointment).where(m.Appointment.id == appointment, m.Appointment.version == version)
                    .values(ended_date=on, ended_reason=reason, version=version + 1))
    if res.rowcount != 1:
        raise ConflictError(_("Someone else changed appointment {id} first; nothing was written. Reload and try again.",
                              id=appointment))
    s.refresh(a)
    _touch(s, [a.board], [a.person])
    audit(s, actor, "end", "appointment", appointment, board=a.board, before=before, after=_row(a), reason=note or reason)
    return a


END_REASONS = ("resigned", "left-council", "deceased", "replaced", "other")


def end_appointment(ctx: Context, appointment: str, on: date, reason: str, expected_version: int | None = None,
                    note: str | None = None) -> list[Finding]:
    """End an appointment early; returns the board's findings afterwards."""
    if reason not in END_REASONS:
        raise RegistryError(_("The reason must be one of {reasons}, not {reason}.", reasons=", ".join(END_REASONS),
                              reason=reason))
    check_id("appointment.id", appointment)
    check_date("appointment.ended.date", on)
    check_text("note", note)
    with write_session(ctx.engine) as s:
        a = _end_in_session(s, ctx.actor, appointment, on, reason, expected_version, note)
        board = a.board
    return evaluate(snapshot(ctx, board, on + timedelta(days=1)))


# --- nominations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NominationInput:
    board: str
    seat: str
    round: date
    organisations: tuple[str, ...]
    candidates: tuple[str, ...]
    seats: int = 1
    reasons: str = ""
    reasons_accepted: str = ""
    received: date | None = None
    deadline: date | None = None
    id: str | None = None


def nominate(ctx: Context, n: NominationInput) -> tuple[str, list[Finding]]:
    """Register a nomination; returns its id and its § 10 a findings."""
    check_nomination_fields(n)
    if n.seats < 1:
        raise RegistryError(_("A nomination is for at least one seat."))
    if not n.organisations:
        raise RegistryError(_("Name the nominating organisation(s) with --org."))
    if not n.candidates:
        raise RegistryError(_("Name at least one candidate with --candidate."))
    with write_session(ctx.engine) as s:
        board = s.get(m.Board, n.board)
        if board is None:
            raise NotFound(_("There is no board with id {id}. `udpeg boards` lists them.", id=n.board))
        _lock_board(s, n.board)  # concurrent nominations for one board take ids one after the other
        seats = set(s.execute(select(m.SeatGroup.seat).join(m.Composition, m.Composition.pk == m.SeatGroup.composition)
                              .where(m.Composition.board == n.board)).scalars())
        if n.seat not in seats:
            raise NotFound(_("Board {board} has no seat group {seat} (it has: {seats}).", board=n.board, seat=n.seat,
                             seats=", ".join(sorted(seats)) or "-"))
        for org in n.organisations:
            if s.get(m.Organisation, org) is None:
                raise NotFound(_("There is no organisation with id {id}.", id=org))
        for c in n.candidates:
            if s.get(m.Person, c) is None:
                raise NotFound(_("There is no person with id {id}. `udpeg people --search NAME` finds people.", id=c))
        if n.id and s.get(m.Nomination, n.id) is not None:
            raise ConflictError(_("There is already a nomination with id {id}; nothing was written.", id=n.id))
        from registry.dataset.schema import MAX_ID

        nid = n.id or f"n-{n.board}-{n.seat}-{n.round.isoformat()}-{'-'.join(n.organisations)}"[:MAX_ID - 4].rstrip("-")
        base, k = nid, 1
        while s.get(m.Nomination, nid) is not None:
            k += 1
            nid = f"{base}-{k}"
        row = m.Nomination(id=nid, board=n.board, seat=n.seat, round=n.round, organisations=list(n.organisations),
                           seats=n.seats, candidates=list(n.candidates), received=n.received, deadline=n.deadline,
                           reasons=n.reasons, reasons_accepted=n.reasons_accepted)
        s.add(row)
        try:
            s.flush()
        except IntegrityError:  # the same id taken meanwhile by a nomination for another board
            raise ConflictError(_("Someone else registered a nomination with id {id} first; nothing was written. "
                                  "Try again.", id=nid)) from None
        _touch(s, [n.board])
        audit(s, ctx.actor, "nominate", "nomination", nid, board=n.board, after=_row(row))
        # judged before the commit: a nomination its findings cannot be worked out for is not kept
        findings = _nomination_findings(s, nid)
    return nid, findings


def nomination_findings(ctx: Context, nomination: str) -> list[Finding]:
    """The findings about one nomination, judged on the day before its round starts, or on the
    day it comes to exist if that is later (a nomination received after its round began:
    :func:`registry.rules._common.nomination_exists_from`), so that it is never judged on a day
    it did not exist yet and silently passes."""
    with read_session(ctx.engine) as s:
        return _nomination_findings(s, nomination)


def _nomination_findings(s: Session, nomination: str) -> list[Finding]:
    from registry.rules._common import nomination_exists_from

    row = s.get(m.Nomination, nomination)
    if row is None:
        raise NotFound(_("There is no nomination with id {id}.", id=nomination))
    on = row.round - timedelta(days=1)
    snap = load_snapshot(s, row.board, on)
    fact = _nomination_fact(row)
    exists = nomination_exists_from(fact, snap.board.term) if snap is not None else on
    if exists > on:
        on = exists
        snap = load_snapshot(s, row.board, on)
    return [f for f in evaluate(snap) if f.nomination == nomination]


def _nomination_fact(row: Any):
    """The dates of a nomination row as the rules read them (enough for ``nomination_exists_from``)."""
    from registry.snapshot import NominationFact

    return NominationFact(row.id, row.seat, row.round, tuple(row.organisations or ()), row.seats, (),
                          received=row.received, deadline=row.deadline)


def decide_reasons(ctx: Context, nomination: str, accepted: bool, expected_version: int | None = None) -> list[Finding]:
    """Record whether the appointing body accepts the stated special reasons (særlige grunde)."""
    check_id("nomination.id", nomination)
    with write_session(ctx.engine) as s:
        row = s.get(m.Nomination, nomination)
        if row is None:
            raise NotFound(_("There is no nomination with id {id}.", id=nomination))
        before = _row(row)
        version = row.version if expected_version is None else expected_version
        res = s.execute(update(m.Nomination).where(m.Nomination.id == nomination, m.Nomination.version == version)
                        .values(reasons_accepted="yes" if accepted else "no", version=version + 1))
        if res.rowcount != 1:
            raise ConflictError(_("Someone else changed nomination {id} first; nothing was written. Reload and try again.",
                                  id=nomination))
        s.refresh(row)
        _touch(s, [row.board])
        audit(s, ctx.actor, "decide-reasons", "nomination", nomination, board=row.board, before=before, after=_row(row))
    return nomination_findings(ctx, nomination)


# --- vacancies ---------------------------------------------------------------------------------


def vacancies(ctx: Context, on: date, within: int | None = None, group: str | None = None,
              board: str | None = None, municipality: str | None = None) -> list[dict]:
    """Open seats on ``on`` (and, with ``within``, seats that fall vacant within that many days).

    The cli.md shape: {board, seat, seat_name, open, from, council_group, term_end}, plus the
    board's name and the council group's name for people.
    """
    from registry.dataset.schema import MAX_WITHIN_DAYS

    check_date("on", on)
    if within is not None:
        check_int("within", within, 0, MAX_WITHIN_DAYS)
    _known(ctx, group=group, municipality=municipality)
    snaps = snapshots(ctx, on, [board] if board else None, history="recent")   # members and successors
    if board and not snaps:
        raise NotFound(_("There is no board with id {id}. `udpeg boards` lists them.", id=board))
    horizon = on + timedelta(days=within) if within else None
    rows: list[dict] = []
    for snap in snaps.values():
        rows += board_vacancies(snap, on, horizon)
    if group:
        rows = [r for r in rows if r["council_group"] == group]
    if municipality:
        rows = [r for r in rows if municipality in r["municipalities"] or _board_in_municipality(snaps[r["board"]], municipality)]
    rows.sort(key=lambda r: (r["from"], r["board_name"].lower(), r["seat"]))
    return rows


def board_vacancies(snap: BoardSnapshot, on: date, horizon: date | None = None) -> list[dict]:
    """The vacancies of one board (the rows of :func:`vacancies`, unsorted): open on ``on`` and,
    with ``horizon``, falling vacant before it (the one answer of :mod:`registry.seats`: vacant,
    or held by a member whose eligibility lapsed; successors from :mod:`registry.succession`).
    ``snap`` needs the recent history (successors)."""
    from registry.seats import LAPSED, falling_vacant, open_seats as open_now

    rows: list[dict] = []
    if snap.composition is None:
        return rows
    period = period_containing(snap.board.term, on)
    found = list(open_now(snap)) + (list(falling_vacant(snap, horizon)) if horizon else [])
    for o in found:
        a, h = o.allocation, o.holder
        row = {"board": snap.board.id, "board_name": snap.board.name, "seat": o.seat, "seat_name": o.seat_name,
               "open": o.open, "from": o.since,
               "council_group": a.council_group if a else None,
               "council_group_name": a.council_group_name if a else None,
               "term_end": period.end if period else None, "reason": o.reason,
               "appointment": h.appointment if h is not None else None,
               "municipalities": [h.person.municipality] if h is not None and h.person.municipality else []}
        if h is not None and o.reason != LAPSED:
            row["term_end"] = h.last_day     # falls vacant when this member's term ends
        rows.append(row)
    return rows


def _known(ctx: Context, group: str | None = None, municipality: str | None = None) -> None:
    """Refuse a filter naming a council group or municipality the registry does not hold (exit 2),
    rather than answering an empty list that reads as "no vacancies"."""
    if not group and not municipality:
        return
    from registry import tables as t

    with read_session(ctx.engine) as s:
        if group:
            groups = set(s.execute(select(t.council_group.c.id)).scalars())
            if group not in groups:
                raise NotFound(_("There is no council group with id {id} (known: {known}).", id=group,
                                 known=", ".join(sorted(groups)) or "-"))
        if municipality and s.execute(select(t.municipality.c.id)
                                      .where(t.municipality.c.id == municipality)).first() is None:
            raise NotFound(_("There is no municipality with id {id}.", id=municipality))


def _board_in_municipality(snap: BoardSnapshot, municipality: str) -> bool:
    return municipality in snap.kkr_municipalities


# --- people ------------------------------------------------------------------------------------


def people(ctx: Context, search: str | None = None, limit: int | None = None, offset: int = 0) -> list[dict]:
    P = m.Person.__table__.c
    q = select(P.id, P.name, P.sex, P.party, P.municipality).order_by(func.lower(P.name), P.id)
    if search:
        like = f"%{search.lower()}%"
        q = q.where(or_(func.lower(P.name).like(like), P.id.like(like)))
    if limit:
        q = q.limit(limit).offset(offset)
    with read_session(ctx.engine) as s:
        return [dict(r._mapping) for r in s.execute(q)]


def person(ctx: Context, person_id: str) -> dict:
    """One person with offices and every seat across boards, past and present."""
    with read_session(ctx.engine) as s:
        p = s.get(m.Person, person_id)
        if p is None:
            events = _events_mentioning(s, person_id, set())
            if not events:
                raise NotFound(_("The registry holds nothing about {id}: there is no person with that id, and no "
                                 "audit event names them.", id=person_id))
            return {"person": None, "offices": [], "appointments": [], "nominations": [], "audit_events": events,
                    "exported_at": datetime.now(timezone.utc).replace(microsecond=0)}
        offices = [dict(office=o.office, body=o.body, start=o.start, end=o.end) for o in
                   s.execute(select(m.Office).where(m.Office.person == person_id).order_by(m.Office.start)).scalars()]
        A, B = m.Appointment, m.Board
        seats = [dict(appointment=a.id, board=a.board, board_name=name, seat=a.seat, role=a.role, start=a.start,
                      end=a.end, ended=a.ended_date, ended_reason=a.ended_reason, nominated_by=a.nominated_by)
                 for a, name in s.execute(select(A, B.name).join(B, B.id == A.board)
                                          .where(A.person == person_id).order_by(A.start, A.board))]
        return {"id": p.id, "name": p.name, "sex": p.sex, "party": p.party, "municipality": p.municipality,
                "skills": list(p.skills or []), "offices": offices, "seats": seats, "version": p.version}


# --- audit log, data-subject access (issue 6) ----------------------------------------------------


def _as_start(since: date | datetime | None) -> datetime | None:
    if since is None:
        return None
    if isinstance(since, datetime):
        return since if since.tzinfo else since.replace(tzinfo=timezone.utc)
    return datetime(since.year, since.month, since.day, tzinfo=timezone.utc)


def _event_row(e: m.AuditEvent) -> dict:
    return {"pk": e.pk, "at": e.at, "actor": e.actor, "authenticated_as": e.authenticated_as, "action": e.action,
            "entity": e.entity, "entity_id": e.entity_id, "board": e.board, "before": e.before, "after": e.after,
            "reason": e.reason, "redacted": e.redacted}


def verify_audit(ctx: Context, head: str | None = None):
    """Check the audit log's hash chain from the first event (:func:`registry.audit_chain.verify`)."""
    from registry import audit_chain

    E = m.AuditEvent
    with read_session(ctx.engine) as s:
        events = [{**_event_row(e), "digest": e.digest, "chain": e.chain}
                  for e in s.execute(select(E).order_by(E.pk)).scalars()]
    return audit_chain.verify(events, head)


def audit_log(ctx: Context, board: str | None = None, since: date | datetime | None = None,
              limit: int | None = None) -> list[dict]:
    """Audit events, newest first: who, when, what (before/after) and why, as plain dicts."""
    E = m.AuditEvent
    q = select(E).order_by(E.at.desc(), E.pk.desc())
    if board:
        q = q.where(E.board == board)
    start = _as_start(since)
    if start is not None:
        q = q.where(E.at >= start)
    if limit:
        q = q.limit(limit)
    with read_session(ctx.engine) as s:
        return [_event_row(e) for e in s.execute(q).scalars()]


def person_export(ctx: Context, person_id: str) -> dict:
    """Everything the registry holds about one person (data-subject access, quality.md S6)."""
    from sqlalchemy import String, cast

    with read_session(ctx.engine) as s:
        p = s.get(m.Person, person_id)
        if p is None:
            events = _events_mentioning(s, person_id, set())
            if not events:
                raise NotFound(_("The registry holds nothing about {id}: there is no person with that id, and no "
                                 "audit event names them.", id=person_id))
            return {"person": None, "offices": [], "appointments": [], "nominations": [], "audit_events": events,
                    "exported_at": datetime.now(timezone.utc).replace(microsecond=0)}
        offices = [{k: v for k, v in _row(o).items() if k not in ("pk", "person")}
                   for o in s.execute(select(m.Office).where(m.Office.person == person_id)
                                      .order_by(m.Office.start, m.Office.pk)).scalars()]
        appointments = [_row(a) for a in s.execute(select(m.Appointment).where(m.Appointment.person == person_id)
                                                   .order_by(m.Appointment.start, m.Appointment.id)).scalars()]
        N = m.Nomination
        maybe = s.execute(select(N).where(cast(N.candidates, String).like(f"%{person_id}%"))
                          .order_by(N.round, N.id)).scalars()
        nominations = [_row(n) for n in maybe if person_id in (n.candidates or [])]
        ids = {person_id} | {a["id"] for a in appointments} | {n["id"] for n in nominations}
        events = _events_mentioning(s, person_id, ids)
        record = _row(p)
    return {"person": record, "offices": offices, "appointments": appointments,
            "nominations": nominations, "audit_events": events,
            "exported_at": datetime.now(timezone.utc).replace(microsecond=0)}


def _events_mentioning(s: Session, person_id: str, ids: set[str]) -> list[dict]:
    """Audit events about ``ids`` or whose payload names the person (a redacted one names nobody)."""
    from sqlalchemy import String, cast

    E = m.AuditEvent
    like = f"%{person_id}%"
    rows = s.execute(select(E).where(or_(E.entity_id.in_(ids | {person_id}), cast(E.before, String).like(like),
                                         cast(E.after, String).like(like)))
                     .order_by(E.at, E.pk)).scalars()
    return [_event_row(e) for e in rows if e.entity_id in ids | {person_id} or _names(e.before, person_id)
            or _names(e.after, person_id)]


def _names(value: Any, person_id: str) -> bool:
    if isinstance(value, dict):
        return any(_names(v, person_id) for v in value.values())
    if isinstance(value, list):
        return any(_names(v, person_id) for v in value)
    return value == person_id


# --- people: add and edit (the UI's People screen) -----------------------------------------------

SEXES = ("woman", "man", "undisclosed")


def save_person(ctx: Context, person_id: str, fields: dict, expected_version: int | None = None,
                create: bool = False) -> dict:
    """Add a person (``create``) or edit one; refuses an edit someone else changed first (exit 3).

    ``fields`` may hold name, sex (woman | man | undisclosed, as declared), party, municipality
    and skills (a list). Returns :func:`person` afterwards. The change is audited.
    """
    allowed = {"name", "sex", "party", "municipality", "skills"}
    values = {k: v for k, v in fields.items() if k in allowed}
    check_person_fields(person_id, values)
    if "name" in values and not str(values["name"] or "").strip():
        raise RegistryError(_("A person needs a name."))
    if "sex" in values and values["sex"] not in SEXES:
        raise RegistryError(_("Sex must be woman, man or undisclosed (as declared), not {sex}.", sex=values["sex"]))
    if "skills" in values:
        values["skills"] = [str(s).strip() for s in values["skills"] or [] if str(s).strip()]
    for k in ("party", "municipality"):
        if k in values:
            values[k] = (str(values[k]).strip() or None) if values[k] is not None else None
    if not person_id.strip():
        raise RegistryError(_("A person needs an id (letters, digits and dashes)."))
    with write_session(ctx.engine) as s:
        if values.get("municipality") and s.get(m.Municipality, values["municipality"]) is None:
            raise NotFound(_("There is no municipality with id {id}.", id=values["municipality"]))
        row = s.get(m.Person, person_id)
        if create:
            if row is not None:
                raise ConflictError(_("There is already a person with id {id}; nothing was written.", id=person_id))
            if not values.get("name"):
                raise RegistryError(_("A person needs a name."))
            row = m.Person(id=person_id, **values)
            s.add(row)
            s.flush()
            _touch(s, people=[person_id])
            audit(s, ctx.actor, "add", "person", person_id, after=_row(row))
        else:
            if row is None:
                raise NotFound(_("There is no person with id {id}. `udpeg people --search NAME` finds people.", id=person_id))
            before = _row(row)
            version = row.version if expected_version is None else expected_version
            res = s.execute(update(m.Person).where(m.Person.id == person_id, m.Person.version == version)
                            .values(**values, version=version + 1))
            if res.rowcount != 1:
                raise ConflictError(_("Someone else changed person {id} first; nothing was written. Reload and try again.",
                                      id=person_id))
            s.refresh(row)
            _touch(s, people=[person_id])
            audit(s, ctx.actor, "edit", "person", person_id, before=before, after=_row(row))
    return person(ctx, person_id)


# --- pickers: find records by name (the UI's searchable lists) ---------------------------------


def _like(search: str | None) -> str | None:
    return f"%{search.strip().lower()}%" if search and search.strip() else None


def find_organisations(ctx: Context, search: str | None = None, limit: int = 50) -> list[dict]:
    """Organisations whose name (or id) contains ``search``: id, name, kind; by name."""
    O = m.Organisation.__table__.c
    q = select(O.id, O.name, O.kind).order_by(func.lower(O.name), O.id).limit(limit)
    like = _like(search)
    if like:
        q = q.where(or_(func.lower(O.name).like(like), O.id.like(like)))
    with read_session(ctx.engine) as s:
        return [dict(r._mapping) for r in s.execute(q)]


def find_boards(ctx: Context, search: str | None = None, limit: int = 50) -> list[dict]:
    """Boards whose name (or id) contains ``search``: id, name; by name."""
    B = m.Board.__table__.c
    q = select(B.id, B.name).order_by(func.lower(B.name), B.id).limit(limit)
    like = _like(search)
    if like:
        q = q.where(or_(func.lower(B.name).like(like), B.id.like(like)))
    with read_session(ctx.engine) as s:
        return [dict(r._mapping) for r in s.execute(q)]


def find_meetings(ctx: Context, search: str | None = None, limit: int = 50) -> list[dict]:
    """Meetings newest first: id, body, body_name, date, place; ``search`` matches the body's name,
    the place or the date as written (2026-03-27 or 27-03-2026)."""
    M, O = m.Meeting.__table__.c, m.Organisation.__table__.c
    q = (select(M.id, M.body, O.name.label("body_name"), M.date, M.place)
         .join(m.Organisation.__table__, O.id == M.body, isouter=True).order_by(M.date.desc(), M.id))
    with read_session(ctx.engine) as s:
        rows = [dict(r._mapping) for r in s.execute(q)]
    like = (search or "").strip().lower()
    out = []
    for r in rows:
        r["body_name"] = r["body_name"] or r["body"]
        hay = " ".join([r["body_name"], r["place"] or "", r["date"].isoformat(), r["date"].strftime("%d-%m-%Y"),
                        format_day(r["date"])]).lower()
        if not like or like in hay:
            out.append(r)
    return out[:limit]


def find_seat_groups(ctx: Context, board: str, on: date | None = None) -> list[dict]:
    """A board's seat groups (the composition in force on ``on``, else every one): seat, name."""
    S, C = m.SeatGroup.__table__.c, m.Composition.__table__.c
    with read_session(ctx.engine) as s:
        rows = list(s.execute(select(S.seat, S.name, C.valid_from).join(m.Composition.__table__, C.pk == S.composition)
                              .where(C.board == board).order_by(C.valid_from.desc())))
    if on is not None:
        in_force = [r for r in rows if r.valid_from <= on]
        if in_force:
            newest = in_force[0].valid_from
            rows = [r for r in in_force if r.valid_from == newest]
    seen: dict[str, str] = {}
    for r in rows:
        seen.setdefault(r.seat, r.name)
    return [{"seat": k, "name": v} for k, v in seen.items()]


def board_members(ctx: Context, board: str, on: date, seat: str | None = None) -> list[dict]:
    """Member appointments of a board current on ``on`` (a deputy is tied to one of these):
    appointment, seat, person, name."""
    A, P = m.Appointment.__table__.c, m.Person.__table__.c
    q = (select(A.id.label("appointment"), A.seat, A.person, P.name).join(m.Person.__table__, P.id == A.person)
         .where(A.board == board, A.role == "member", A.start <= on, or_(A.end.is_(None), A.end >= on),
                or_(A.ended_date.is_(None), A.ended_date >= on)).order_by(func.lower(P.name)))
    if seat:
        q = q.where(A.seat == seat)
    with read_session(ctx.engine) as s:
        return [dict(r._mapping) for r in s.execute(q)]


def same_round_nominations(ctx: Context, board: str, round_: date, organisations: Sequence[str],
                           seat: str | None = None) -> list[dict]:
    """Nominations already registered for ``board``'s round ``round_`` (and ``seat``, if given) by any
    of ``organisations``: the answer to "does one exist" before a second one is saved.
    Each: id, seat, organisations (the overlap), candidates."""
    wanted = set(organisations)
    if not wanted:
        return []
    N = m.Nomination.__table__.c
    q = select(N.id, N.seat, N.organisations, N.candidates).where(N.board == board, N.round == round_)
    if seat:
        q = q.where(N.seat == seat)
    with read_session(ctx.engine) as s:
        rows = list(s.execute(q.order_by(N.id)))
    return [{"id": r.id, "seat": r.seat, "organisations": sorted(wanted & set(r.organisations or [])),
             "candidates": list(r.candidates or [])} for r in rows if wanted & set(r.organisations or [])]


def seat_names(ctx: Context, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """{(board, seat): the seat group's name} (the newest composition's name), for showing seats by name."""
    wanted = set(pairs)
    if not wanted:
        return {}
    S, C = m.SeatGroup.__table__.c, m.Composition.__table__.c
    boards = {b for b, _s in wanted}
    with read_session(ctx.engine) as s:
        rows = s.execute(select(C.board, S.seat, S.name).join(m.Composition.__table__, C.pk == S.composition)
                         .where(C.board.in_(boards)).order_by(C.valid_from.desc()))
        out: dict[tuple[str, str], str] = {}
        for r in rows:
            if (r.board, r.seat) in wanted:
                out.setdefault((r.board, r.seat), r.name)
    return out


def body_names(ctx: Context, ids: Iterable[str]) -> dict[str, str]:
    """{id: name} of municipalities and organisations (the bodies of offices, meetings, nominators)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    Mu, O = m.Municipality.__table__.c, m.Organisation.__table__.c
    with read_session(ctx.engine) as s:
        out = {r.id: r.name for r in s.execute(select(O.id, O.name).where(O.id.in_(wanted)))}
        out.update({r.id: r.name for r in s.execute(select(Mu.id, Mu.name).where(Mu.id.in_(wanted)))})
    return out
