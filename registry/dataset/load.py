"""Read ``udpeg/1`` files, check them whole, and write them in one transaction.

A file is loaded whole or not at all: parse → validate every record → resolve every reference
(against the files and the database) → insert with bulk Core statements inside one transaction,
with one audit event for the load. Any problem raises :class:`DatasetError` listing them all,
and nothing is written.
"""

from __future__ import annotations

import gc
import json
import tomllib
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from registry import model as m
from registry.dataset.locate import locate_line
from registry.dataset.schema import KINDS, Dataset, Problem, validate
from registry.db import RegistryError
from registry.i18n import N_, _, _n
from registry.terms import default_end, parse_pattern


class DatasetError(RegistryError):
    """The dataset cannot be loaded; ``problems`` says where and why."""

    exit_code = 2

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        shown = "\n".join(f"  {p}" for p in self.problems[:50])
        n = len(self.problems)
        more = "\n  " + _("… and {n} more", n=n - 50) if n > 50 else ""
        super().__init__(_n("The dataset was not loaded ({n} problem; nothing was written):",
                            "The dataset was not loaded ({n} problems; nothing was written):", n, n=n) + f"\n{shown}{more}")


def read_file(path: Path) -> tuple[Any, str]:
    """Parse a TOML or JSON file into a tree; the text is kept to find line numbers."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DatasetError([Problem("", _("file not found"), file=str(path))]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError([Problem("", _("cannot read the file: {problem}", problem=exc), file=str(path))]) from None
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            return tomllib.loads(text), text
        if suffix == ".json":
            return json.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        raise DatasetError([Problem("", _("not valid TOML: {problem}", problem=exc), file=str(path))]) from None
    except json.JSONDecodeError as exc:
        raise DatasetError([Problem("", _("not valid JSON: {problem}", problem=exc.msg), line=exc.lineno, file=str(path))]) from None
    except RecursionError:
        raise DatasetError([Problem("", _("is nested too deeply to read (a dataset nests a few levels, not thousands)"),
                                    file=str(path))]) from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        why = _("holds a whole number of more than 4,300 digits") if "digits" in str(exc) else str(exc)[:200]
        raise DatasetError([Problem("", why, file=str(path))]) from None
    raise DatasetError([Problem("", _("unknown file type: use .toml or .json"), file=str(path))])


@contextmanager
def _gc_paused():
    """No cyclic garbage collection meanwhile: a big dataset is millions of acyclic dicts, lists
    and strings, and every full collection while reading, checking or writing them walked them all
    (about a quarter of a big load's time). What they leave is collected after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_gc_paused()
def parse_files(paths: Iterable[Path]) -> Dataset:
    """Validate several files into one dataset (later files may refer to earlier ones)."""
    merged = Dataset()
    problems: list[Problem] = []
    for path in paths:
        tree, text = read_file(Path(path))
        ds, found = validate(tree)
        for p in found:
            p.file = str(path)
            if path.suffix.lower() == ".toml":
                p.line = locate_line(text, p.place)
        problems += found
        merged.registry.update(ds.registry)
        for kind in KINDS:
            for r in ds.records[kind]:
                r["_file"] = str(path)
            merged.records[kind] += ds.records[kind]
    if problems:
        raise DatasetError(problems)
    return merged


# --- references -------------------------------------------------------------------------------


def _existing(session: Session | None, table, ids: set[str]) -> set[str]:
    if session is None or not ids:
        return set()
    if session.execute(select(table.c.id).limit(1)).first() is None:   # an empty table holds none of them
        return set()
    found: set[str] = set()
    ids_l = sorted(ids)
    for i in range(0, len(ids_l), 900):
        chunk = ids_l[i:i + 900]
        found |= set(session.execute(select(table.c.id).where(table.c.id.in_(chunk))).scalars())
    return found


@_gc_paused()
def resolve(ds: Dataset, session: Session | None, replace: bool = False) -> list[Problem]:
    """Every reference must point at a record in the files or already in the database."""
    problems: list[Problem] = []
    db = None if replace else session
    tables = {"municipalities": m.Municipality, "organisations": m.Organisation, "council_groups": m.CouncilGroup,
              "people": m.Person, "meetings": m.Meeting, "boards": m.Board, "rulesets": m.CustomRuleSet,
              "appointments": m.Appointment, "nominations": m.Nomination}
    in_files = {k: ds.ids(k) for k in tables}
    wanted: dict[str, set[str]] = {k: set() for k in tables}   # ids referred to that the files do not hold
    refs: list[tuple[str, str, dict, str, str]] = []  # kind, id, record, its place and the key's (joined if reported)

    def ref(kind: str, value: Any, rec: dict, place: str, key: str) -> None:
        if value and value not in in_files[kind]:
            wanted[kind].add(value)
            refs.append((kind, value, rec, place, key))

    for r in ds.records["people"]:
        ref("municipalities", r.get("municipality"), r, r["_place"], ".municipality")
    for r in ds.records["meetings"]:
        ref("organisations", r.get("body"), r, r["_place"], ".body")
    for b in ds.records["boards"]:
        for comp in b["compositions"]:
            for rs in comp["balance"] or []:
                if rs not in ("dk-ligelig", "parity", "eu-40", "eu-33", "no", "strict-40", "none"):
                    ref("rulesets", rs, b, comp["_place"], ".balance")
            for s in comp["seats"]:
                ref("organisations", s.get("appointed_by"), b, s["_place"], ".appointed_by")
                for j, o in enumerate(s.get("nominated_by") or []):
                    ref("organisations", o, b, s["_place"], f".nominated_by[{j}]")
                for j, e in enumerate(s.get("eligibility") or []):
                    if e.startswith("council-member-of:"):
                        ref("municipalities", e.split(":", 1)[1], b, s["_place"], f".eligibility[{j}]")
    for kind in ("appointments", "allocations", "nominations"):
        for r in ds.records[kind]:
            p = r["_place"]
            ref("boards", r.get("board"), r, p, ".board")
            if kind == "appointments":
                ref("people", r.get("person"), r, p, ".person")
                ref("appointments", r.get("deputy_for"), r, p, ".deputy_for")
                ref("nominations", r.get("nomination"), r, p, ".nomination")
                for j, o in enumerate(r.get("nominated_by") or []):
                    ref("organisations", o, r, p, f".nominated_by[{j}]")
            if kind in ("appointments", "allocations"):
                ref("council_groups", r.get("council_group"), r, p, ".council_group")
                ref("meetings", r.get("decision_meeting"), r, p, ".decision.meeting")
            if kind == "nominations":
                for j, o in enumerate(r.get("organisations") or []):
                    ref("organisations", o, r, p, f".organisations[{j}]")
                for j, c in enumerate(r.get("candidates") or []):
                    ref("people", c, r, p, f".candidates[{j}]")

    known = {k: _existing(db, tables[k].__table__, wanted[k]) for k in tables}
    singular = {"municipalities": N_("municipality"), "organisations": N_("organisation"), "council_groups": N_("council group"),
                "people": N_("person"), "meetings": N_("meeting"), "boards": N_("board"), "rulesets": N_("rule set"),
                "appointments": N_("appointment"), "nominations": N_("nomination")}
    for kind, value, rec, place, key in refs:
        if value not in known[kind]:
            problems.append(Problem(place + key, _("refers to {kind} {value}, which is neither in the file nor in the registry", kind=_(singular[kind]), value=repr(value)), file=rec.get("_file") or None))

    # seat ids must exist in the board's compositions (file or database)
    seats_by_board: dict[str, set[str]] = {}
    for b in ds.records["boards"]:
        seats_by_board[b["id"]] = {s["seat"] for c in b["compositions"] for s in c["seats"]}
    missing = {r["board"] for k in ("appointments", "allocations", "nominations") for r in ds.records[k]} - set(seats_by_board)
    if db is not None and missing:
        C, S = m.Composition.__table__.c, m.SeatGroup.__table__.c
        q = select(C.board, S.seat).join(m.Composition.__table__, C.pk == S.composition).where(C.board.in_(sorted(missing)))
        for board, seat in db.execute(q):
            seats_by_board.setdefault(board, set()).add(seat)
    for kind in ("appointments", "allocations", "nominations"):
        for r in ds.records[kind]:
            seats = seats_by_board.get(r["board"])
            if seats is not None and r["seat"] not in seats:
                problems.append(Problem(f"{r['_place']}.seat", _("board {board} has no seat group {seat} (it has: {seats})", board=repr(r["board"]), seat=repr(r["seat"]), seats=", ".join(sorted(seats)) or _("none")), file=r.get("_file")))

    # ids already taken in the database (a load adds; --replace starts afresh)
    if db is not None:
        for kind, table in tables.items():
            taken = _existing(db, table.__table__, in_files[kind])
            for r in ds.records[kind] if taken else ():
                if r.get("id") in taken:
                    problems.append(Problem(f"{r['_place']}.id", _("{kind} {id} is already in the registry (use --replace to load afresh)", kind=_(singular[kind]), id=repr(r["id"])), file=r.get("_file")))
    return problems


# --- writing ----------------------------------------------------------------------------------


def _strip(r: dict, drop: Iterable[str] = ()) -> dict:
    return {k: r[k] for k in _kept(tuple(r), tuple(drop))}


@lru_cache(maxsize=256)
def _kept(keys: tuple[str, ...], drop: tuple[str, ...]) -> tuple[str, ...]:
    """The keys ``_strip`` keeps (records of one kind share their keys: worked out once per kind)."""
    return tuple(k for k in keys if not k.startswith("_") and k not in drop)


class _Ids:
    """Makes ids for appointments, allocations and nominations that came without one."""

    def __init__(self, session: Session, prefix: str):
        self.prefix = prefix
        self.used: set[str] = set()
        self.n = 0

    def make(self, *parts: str) -> str:
        base = "-".join(p for p in parts if p)
        candidate = base
        while candidate in self.used:
            self.n += 1
            candidate = f"{base}-{self.n}"
        self.used.add(candidate)
        return candidate


def clear_registry(session: Session) -> None:
    """Empty every table but the audit log (which is append-only)."""
    for table in (m.Nomination, m.Allocation, m.Appointment, m.SeatGroup, m.Composition, m.Board,
                  m.Meeting, m.Office, m.Person, m.CouncilGroup, m.CustomRuleSet, m.Organisation,
                  m.Municipality, m.RegistryInfo):
        if table is m.Appointment:  # deputies refer to members
            session.execute(delete(table).where(table.role == "deputy"))
        session.execute(delete(table))


@contextmanager
def _sqlite_page_cache(session: Session, kib: int = 256 * 1024):
    """On SQLite, a page cache big enough for the tables and indexes a load fills (the default
    is 2 MB, and a big load then evicts and rereads index pages all along: ~0.3 s of national-5k's
    writing). The connection's own setting is put back after."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{kib}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before)}")


@_gc_paused()
def write(session: Session, ds: Dataset, progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Insert a validated, resolved dataset. Returns counts by kind."""
    with _sqlite_page_cache(session):
        return _write(session, ds, progress)


def _write(session: Session, ds: Dataset, progress: Callable[[int], None] | None) -> dict[str, int]:
    tick = progress or (lambda n: None)
    counts: dict[str, int] = {}
    if ds.registry:
        info = session.get(m.RegistryInfo, 1)
        if info is None:
            session.execute(insert(m.RegistryInfo).values(id=1, **ds.registry))
        else:
            for k, v in ds.registry.items():
                setattr(info, k, v)
            session.flush()
    info = session.get(m.RegistryInfo, 1)
    registry_kkr = (info.kkr if info else "") or "nordjylland"

    def bulk(model, rows: list[dict]) -> None:
        # one executemany per chunk (the ORM's bulk path runs many more statements)
        table = model.__table__
        for i in range(0, len(rows), 5000):
            part = rows[i:i + 5000]
            if part:
                insert_rows(session, table, part)
                tick(len(part))

    # records go in as they are: insert_rows takes the table's columns from them and no other key
    R = ds.records
    bulk(m.Municipality, R["municipalities"])
    bulk(m.Organisation, R["organisations"])
    bulk(m.CouncilGroup, R["council_groups"])
    bulk(m.Person, R["people"])
    bulk(m.Office, [{**o, "person": r["id"]} for r in R["people"] for o in r["offices"]])
    bulk(m.Meeting, R["meetings"])
    bulk(m.CustomRuleSet, R["rulesets"])
    boards = [{**r, "kkr": r.get("kkr") or registry_kkr} for r in R["boards"]]
    bulk(m.Board, boards)
    terms = {b["id"]: parse_pattern(b["term"], b["term_anchor"]) for b in boards}
    comps = [(b["id"], comp) for b in R["boards"] for comp in b["compositions"]]
    C = m.Composition.__table__
    for i in range(0, len(comps), 1000):   # compositions in bulk, their generated keys in order, then their seats
        part = comps[i:i + 1000]
        pks = session.execute(insert(C).returning(C.c.pk, sort_by_parameter_order=True),
                              [{"board": bid, **_strip(comp, ("seats",))} for bid, comp in part]).scalars().all()
        seats = [{**s, "composition": pk} for pk, (_bid, comp) in zip(pks, part) for s in comp["seats"]]
        if seats:
            insert_rows(session, m.SeatGroup.__table__, seats)
    if any(r["board"] not in terms for k in ("appointments",) for r in R[k]):
        for bid, term, anchor in session.execute(select(m.Board.id, m.Board.term, m.Board.term_anchor)):
            terms.setdefault(bid, parse_pattern(term, anchor))

    ids = _Ids(session, "")
    taken_app = ds.ids("appointments")
    ids.used |= taken_app | ds.ids("allocations") | ds.ids("nominations")
    appts = []
    for r in R["appointments"]:
        row = dict(r)
        if not row.get("id"):
            row["id"] = ids.make(r["board"], r["seat"], r["person"], r["start"].isoformat())
        if not r["end_given"]:
            row["end"] = default_end(terms[r["board"]], r["start"])
        appts.append(row)
    appts.sort(key=lambda a: a["role"] != "member")  # members before the deputies that point at them
    bulk(m.Appointment, appts)
    allocs = []
    for r in R["allocations"]:
        row = dict(r)
        row["id"] = row.get("id") or ids.make("alloc", r["board"], r["seat"], r["council_group"], r["start"].isoformat())
        allocs.append(row)
    bulk(m.Allocation, allocs)
    noms = []
    for r in R["nominations"]:
        row = dict(r)
        row["id"] = row.get("id") or ids.make("nom", r["board"], r["seat"], r["round"].isoformat(), *r["organisations"])
        noms.append(row)
    bulk(m.Nomination, noms)
    for kind in KINDS:
        counts[kind] = len(R[kind])
    return counts


def insert_rows(session: Session, table, rows: list[dict]) -> None:
    """``session.execute(insert(table), rows)``, with each distinct value converted once.

    The same statement and the same conversions (the dialect's own bind processors: dates to
    text on SQLite, lists and tables to JSON), but applied a column at a time and memoised per
    distinct value, then handed to the driver's ``executemany``: SQLAlchemy's per-row, per-value
    parameter processing was most of a big load's time. Columns the rows leave out take their
    scalar Python default, as they would through ``insert(table)``.
    """
    conn = session.connection()
    dialect = conn.dialect
    first = rows[0]
    columns: dict[str, list] = {}
    for col in table.columns:
        if col.key in first:
            values = [r[col.key] for r in rows]
        elif col.default is None:
            continue            # NULL, a server default or a generated key, as through insert(table)
        elif col.default.is_scalar:
            values = [col.default.arg] * len(rows)
        else:                   # a Python function as default: leave it to SQLAlchemy
            session.execute(insert(table), [{k: r[k] for k in table.columns.keys() if k in r} for r in rows])
            return
        columns[col.key] = _converted(values, col.type.dialect_impl(dialect).bind_processor(dialect))
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    if compiled.positional:
        params: list = list(zip(*(columns[k] for k in compiled.positiontup)))
    else:
        names = list(columns)
        params = [dict(zip(names, t)) for t in zip(*columns.values())]
    conn.exec_driver_sql(compiled.string, params)


def _converted(values: list, process: Callable[[Any], Any] | None) -> list:
    """``process`` applied to each value, once per distinct value (lists of text included)."""
    if process is None:
        return values
    if set(map(type, values)) <= {str, date, type(None)}:   # the values can be their own keys
        done = {v: process(v) for v in set(values)}
        return [done[v] for v in values]
    done = {}
    out = []
    for v in values:
        t = type(v)
        if t is list:
            key = (list, *v) if all(type(x) is str for x in v) else None
        else:
            key = (t, v) if t is not dict else None
        if key is None:
            out.append(process(v))
        elif key in done:
            out.append(done[key])
        else:
            out.append(done.setdefault(key, process(v)))
    return out


def total_rows(ds: Dataset) -> int:
    return sum(len(v) for v in ds.records.values()) + sum(len(p["offices"]) for p in ds.records["people"])
