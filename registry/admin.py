"""Administration: backup, restore, schema upgrade, reader roles (PostgreSQL) and retention.

The CLI in :mod:`registry.cli.admin` is a thin layer over these functions. Every function
either does its whole job or leaves the registry as it was, and raises :class:`RegistryError`
(exit 2) with a sentence saying what is wrong and what to do.
"""

from __future__ import annotations

import os
import re
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import and_, delete, exists, null, or_, select, text, update
from sqlalchemy.engine import Engine

from registry import model as m
from registry.i18n import N_, _, _n
from registry.db import (BUSY_TIMEOUT_MS, RegistryError, backup_sqlite, current_version, make_engine, sqlite_path,
                         upgrade, url_for_humans, write_session)

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_BACKUP_HINT = N_(
    "On PostgreSQL take backups with the server's own tools: `pg_dump --format=custom --file=FILE DBNAME` "
    "(consistent while others write), and put one back with `pg_restore --clean --if-exists --dbname=DBNAME FILE`.")


# --- backup ------------------------------------------------------------------------------------


def check_sqlite_file(path: Path) -> str:
    """Check that ``path`` is a sound Udpeg registry; returns its schema revision.

    Raises RegistryError when the file is missing, not SQLite, damaged, fails the foreign key
    check, or has a schema this Udpeg does not know (restores refuse while unsure).
    """
    path = Path(path)
    if not path.is_file():
        raise RegistryError(_("There is no file {path}.", path=str(path)))
    with open(path, "rb") as fh:
        if fh.read(16) != SQLITE_MAGIC:
            raise RegistryError(_("{path} is not a SQLite database, so it cannot be a Udpeg backup.", path=str(path)))
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise RegistryError(_("{path} cannot be opened: {problem}.", path=str(path), problem=str(exc))) from None
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            raise RegistryError(_("{path} is damaged (integrity check: {problem}); it was not used.", path=str(path),
                                  problem="; ".join(rows[:3])))
        bad = con.execute("PRAGMA foreign_key_check").fetchall()
        if bad:
            raise RegistryError(_n("{path} has {n} broken reference (in table {table}); it was not used.",
                                   "{path} has {n} broken references (first in table {table}); it was not used.",
                                   len(bad), path=str(path), n=len(bad), table=bad[0][0]))
        has = con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone()
        version = con.execute("SELECT version_num FROM alembic_version").fetchone() if has else None
    except sqlite3.DatabaseError as exc:
        raise RegistryError(_("{path} is damaged ({problem}); it was not used.", path=str(path), problem=str(exc))) from None
    finally:
        con.close()
    if version is None:
        raise RegistryError(_("{path} is a SQLite file but not a Udpeg registry (it has no schema version).", path=str(path)))
    from registry import db as dbm

    if version[0] not in dbm.known_revisions():
        raise RegistryError(_("{path} has schema version {version}, which this Udpeg does not know (it knows {known}); it may come "
                              "from a newer Udpeg. Nothing was changed.", path=str(path), version=version[0],
                              known=", ".join(dbm.known_revisions())))
    return version[0]


def backup(engine: Engine, target: Path, force: bool = False) -> dict:
    """A consistent copy of a live SQLite registry (online backup API), checked before it is kept."""
    source = sqlite_path(str(engine.url))
    if source is None:
        raise RegistryError(_("`udpeg backup` copies SQLite registries.") + " " + _(PG_BACKUP_HINT))
    target = Path(target).expanduser().resolve()
    if target == source.resolve():
        raise RegistryError(_("The backup file must be another file than the registry itself."))
    if target.exists() and not force:
        raise RegistryError(_("{path} already exists; choose another name or add --force to replace it.", path=str(target)))
    if not target.parent.is_dir():
        raise RegistryError(_("The folder {path} does not exist.", path=str(target.parent)))
    try:
        backup_sqlite(engine, target)
    except sqlite3.Error as exc:
        raise RegistryError(_("The backup could not be taken: {problem}. Nothing was written to {path}.", problem=str(exc),
                              path=str(target))) from None
    version = check_sqlite_file(target)
    return {"file": str(target), "bytes": target.stat().st_size, "schema": version}


def restore(engine: Engine, source_file: Path) -> dict:
    """Put a backup back in place of the live SQLite registry, atomically.

    The file is checked first (integrity, foreign keys, known schema). The current registry is
    copied aside, then the backup is written into it with SQLite's backup API, which replaces
    the whole database in one write transaction (WAL and other connections stay consistent).
    A backup made by an older schema is upgraded afterwards.
    """
    target = sqlite_path(str(engine.url))
    if target is None:
        raise RegistryError(_("`udpeg restore` puts back SQLite registries.") + " " + _(PG_BACKUP_HINT))
    source_file = Path(source_file).expanduser().resolve()
    if source_file == target.resolve():
        raise RegistryError(_("That file is the registry itself; name a backup file."))
    from registry import db as dbm

    version = check_sqlite_file(source_file)
    saved = None
    if target.exists() and target.stat().st_size > 0:
        saved = target.with_name(f"{target.stem}.before-restore-{datetime.now():%Y%m%d-%H%M%S}{target.suffix}")
        backup_sqlite(engine, saved)
    src = sqlite3.connect(f"file:{source_file}?mode=ro", uri=True)
    dst = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dst.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        src.backup(dst)
        ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":  # pragma: no cover - the source was checked
            raise RegistryError(_("The restored registry failed its integrity check ({problem}); the previous one is in {path}.",
                                  problem=ok, path=str(saved)))
    except sqlite3.Error as exc:
        raise RegistryError(_("The restore failed ({problem}); the registry is unchanged.", problem=str(exc))) from None
    finally:
        dst.close()
        src.close()
    upgraded = False
    if version != dbm.HEAD:
        upgrade(engine, backup=False)
        upgraded = True
    return {"restored": str(source_file), "schema": version, "upgraded": upgraded,
            "previous_copy": str(saved) if saved else None}


# --- schema upgrade ----------------------------------------------------------------------------


class UpgradeFailed(RegistryError):
    """A migration failed; its transaction was rolled back (exit 4: a bug to report)."""

    exit_code = 4


def pg_dump_path() -> str | None:
    """The newest pg_dump on this machine (PATH first, then Debian's versioned folders)."""
    import glob
    import shutil

    found = shutil.which("pg_dump")
    if found:
        return found
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"),
                      key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return versions[-1] if versions else None


def pg_backup(url: str, folder: Path) -> Path:
    """``pg_dump --format=custom`` of the database at ``url`` into ``folder`` (consistent while others write)."""
    import subprocess

    from sqlalchemy.engine import make_url

    exe = pg_dump_path()
    if exe is None:
        raise RegistryError(_("Found no pg_dump to back up the PostgreSQL database first. Install the PostgreSQL "
                              "client tools, or take a backup yourself and add --no-backup."))
    u = make_url(url)
    target = Path(folder).expanduser().resolve() / f"{u.database}.before-upgrade-{datetime.now():%Y%m%d-%H%M%S}.dump"
    env = dict(os.environ)
    if u.password:
        env["PGPASSWORD"] = str(u.password)
    args = [exe, "--format=custom", f"--file={target}", f"--dbname={u.database}", "--no-password"]
    if u.host:
        args.append(f"--host={u.host}")
    if u.port:
        args.append(f"--port={u.port}")
    if u.username:
        args.append(f"--username={u.username}")
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        target.unlink(missing_ok=True)
        problem = (done.stderr.strip().splitlines() or ["pg_dump failed"])[-1]
        raise RegistryError(_("The backup before the upgrade failed ({problem}); nothing was changed.", problem=problem))
    return target


def db_upgrade(url: str, backup_dir: Path | None = None, backup: bool = True) -> dict:
    """Upgrade the schema to HEAD: a checked backup first (SQLite: beside the file, or in
    ``backup_dir``; PostgreSQL: pg_dump into ``backup_dir`` or the current folder), then one
    transaction for all DDL."""
    from registry import db as dbm

    found = dbm.inspect_database(url)
    if found.kind != "registry":
        raise dbm.not_a_registry(url, found)
    engine = make_engine(url)
    try:
        try:
            version = current_version(engine)
        except Exception as exc:  # noqa: BLE001 - not a database, server down
            raise RegistryError(_("Cannot open the database {where}: {problem}", where=url_for_humans(url), problem=str(exc))) from None
        path = sqlite_path(url)
        if version is None:
            raise RegistryError(_("{where} is not a Udpeg registry yet; create one with `udpeg init`.", where=url_for_humans(url)))
        if version not in dbm.known_revisions():
            raise RegistryError(_("The registry has schema version {version}, which this Udpeg does not know; it was made by a "
                                  "newer Udpeg. Upgrade Udpeg instead. Nothing was changed.", version=version))
        if version == dbm.HEAD:
            return {"from": version, "to": version, "changed": False, "backup": None}
        copy = None
        if path is not None:
            check_sqlite_file(path)
            if backup:
                name = f"{path.stem}.before-upgrade-{datetime.now():%Y%m%d-%H%M%S}{path.suffix}"
                copy = (Path(backup_dir).expanduser().resolve() / name) if backup_dir else path.with_name(name)
                backup_sqlite(engine, copy)
                check_sqlite_file(copy)
        elif backup:
            copy = pg_backup(url, Path(backup_dir) if backup_dir else Path.cwd())
        try:
            upgrade(engine, backup=False)
        except Exception as exc:  # noqa: BLE001 - the migration's transaction is rolled back
            raise UpgradeFailed(_("The schema upgrade from {old} failed ({problem}) and was rolled back: the registry is as "
                                  "it was. Please report this.", old=version, problem=f"{type(exc).__name__}: {exc}")) from exc
        return {"from": version, "to": current_version(engine), "changed": True,
                "backup": str(copy) if copy else None}
    finally:
        engine.dispose()


def db_stamp(url: str) -> dict:
    """Put back the schema version of a registry that lost it (its ``alembic_version`` table was
    dropped), after checking that every table and column is exactly this Udpeg's schema (HEAD).
    Nothing else is changed; anything but such a registry is refused with a sentence."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from registry import db as dbm

    found = dbm.inspect_database(url)
    where = url_for_humans(url)
    if found.kind == "registry":
        raise RegistryError(_("The registry {where} already has schema version {version}; nothing to do.",
                              where=where, version=found.version))
    if found.kind != "unversioned":
        raise dbm.not_a_registry(url, found)
    path = sqlite_path(url)
    engine = make_engine(url, readonly=path is not None)
    try:
        with engine.connect() as c:
            diffs = compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}), m.metadata)
    finally:
        engine.dispose()
    if diffs:
        raise RegistryError(_n("The tables of {where} are not those of schema {head} ({n} difference, {first}), "
                               "so Udpeg will not guess its version; put back a backup with `udpeg restore FILE`. "
                               "Nothing was changed.",
                               "The tables of {where} are not those of schema {head} ({n} differences, e.g. {first}), "
                               "so Udpeg will not guess its version; put back a backup with `udpeg restore FILE`. "
                               "Nothing was changed.", len(diffs), where=where, head=dbm.HEAD, n=len(diffs),
                               first=str(diffs[0])[:120]))
    from alembic import command

    engine = make_engine(url)
    try:
        command.stamp(dbm._alembic_config(engine), dbm.HEAD)
    finally:
        engine.dispose()
    return {"version": dbm.HEAD}


# --- reader role (PostgreSQL) ------------------------------------------------------------------

READER_SCHEMA = "udpeg_reader"
_ROLE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

# What a reader sees: boards and their rules, appointments (no override reasons or notes),
# allotments, and only the people who hold or held a seat, without contact details or sex (sex
# is published only as counts, quality.md S7). No nominations, no candidates, no audit log.
# Every view is a security_barrier view: the view's own conditions run before any function of
# the reader's query, so a reader's cheap "leaky" function never sees a row the view leaves out.
READER_VIEWS = {
    "board": "SELECT id, name, kkr, legal_basis, url, term, term_anchor, statutory, decision_making, holdover, "
             "max_consecutive_terms FROM public.board",
    "composition": "SELECT pk, board, valid_from, valid_to, size_min, size_max, size_odd, balance, balance_scopes, "
                   "balance_severity, source FROM public.composition",
    "seat_group": "SELECT pk, composition, position, seat, name, count, appointed_by, nominated_by, joint, "
                  "eligibility, voting, counts_for_balance, deputies, spread, max_share FROM public.seat_group",
    "appointment": 'SELECT id, board, seat, person, role, deputy_for, start, "end", nominated_by, council_group, '
                   "decision_meeting, decision_item, decision_case, ended_date, ended_reason FROM public.appointment",
    "allocation": "SELECT * FROM public.allocation",
    "municipality": "SELECT * FROM public.municipality",
    "organisation": "SELECT * FROM public.organisation",
    "council_group": "SELECT * FROM public.council_group",
    "meeting": "SELECT * FROM public.meeting",
    "person": "SELECT p.id, p.name, p.party, p.municipality FROM public.person p "
              "WHERE EXISTS (SELECT 1 FROM public.appointment a WHERE a.person = p.id)",
    "vacancy": (
        "SELECT c.board, b.name AS board_name, g.seat, g.name AS seat_name, g.count, "
        "g.count - count(a.id) AS open FROM public.composition c "
        "JOIN public.board b ON b.id = c.board "
        "JOIN public.seat_group g ON g.composition = c.pk "
        "LEFT JOIN public.appointment a ON a.board = c.board AND a.seat = g.seat AND a.role = 'member' "
        "AND a.start <= current_date AND (a.\"end\" IS NULL OR a.\"end\" >= current_date) "
        "AND (a.ended_date IS NULL OR a.ended_date >= current_date) "
        "WHERE c.valid_from <= current_date AND (c.valid_to IS NULL OR c.valid_to >= current_date) "
        "GROUP BY c.board, b.name, g.seat, g.name, g.count HAVING count(a.id) < g.count"),
}


def grant_reader(engine: Engine, role: str, login: bool = True) -> dict:
    """Create or update ``role`` so it reads boards, seats, appointments and vacancies only.

    The role gets no privilege on the registry's tables; it reads views in the schema
    ``udpeg_reader`` (its search_path), which leave out nominations, candidates who were never
    appointed, contact details, reasons texts and the audit log.
    """
    if engine.dialect.name != "postgresql":
        raise RegistryError(_("`udpeg db grant` works on PostgreSQL; a SQLite file has no roles — share a copy made with "
                              "`udpeg export --public` instead."))
    if not _ROLE.match(role):
        raise RegistryError(_("{role} is not a usable role name: use lowercase letters, digits and _, starting with a letter.",
                              role=repr(role)))
    with _granting(engine) as c:
        created = _make_role(c, role, login)
        db = c.execute(text("SELECT current_database()")).scalar()
        c.execute(text(f"CREATE SCHEMA IF NOT EXISTS {READER_SCHEMA}"))
        for name, body in READER_VIEWS.items():
            c.execute(text(f"DROP VIEW IF EXISTS {READER_SCHEMA}.{name}"))
            c.execute(text(f"CREATE VIEW {READER_SCHEMA}.{name} WITH (security_barrier) AS {body}"))
        c.execute(text(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{role}"'))
        c.execute(text(f'REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM "{role}"'))
        c.execute(text(f'REVOKE CREATE ON SCHEMA public FROM "{role}"'))
        c.execute(text(f'GRANT CONNECT ON DATABASE "{db}" TO "{role}"'))
        c.execute(text(f'GRANT USAGE ON SCHEMA {READER_SCHEMA} TO "{role}"'))
        c.execute(text(f'GRANT SELECT ON ALL TABLES IN SCHEMA {READER_SCHEMA} TO "{role}"'))
        c.execute(text(f'ALTER ROLE "{role}" IN DATABASE "{db}" SET search_path = {READER_SCHEMA}'))
    return {"role": role, "created": created, "schema": READER_SCHEMA, "views": sorted(READER_VIEWS)}


@contextmanager
def _granting(engine: Engine):
    """One grant at a time, in one transaction; PostgreSQL's refusals become sentences."""
    from sqlalchemy.exc import ProgrammingError

    try:
        with engine.begin() as c:
            c.execute(text("SELECT pg_advisory_xact_lock(74217)"))
            yield c
    except ProgrammingError as exc:
        who = _connected_as(engine)
        if getattr(exc.orig, "sqlstate", "") == "42501":  # insufficient_privilege
            raise RegistryError(_("The role Udpeg connects as ({who}) may not do this: granting needs a role that owns "
                                  "the registry's tables and may create roles (CREATEROLE). Nothing was changed.",
                                  who=who)) from None
        raise


def _connected_as(engine: Engine) -> str:
    try:
        with engine.connect() as c:
            return c.execute(text("SELECT current_user")).scalar()
    except Exception:  # noqa: BLE001 - only for the message
        return "?"


def _make_role(c, role: str, login: bool) -> bool:
    """Create ``role`` if it does not exist (True when created); refuse superusers and the role in use."""
    me = c.execute(text("SELECT current_user")).scalar()
    if role in (me, c.execute(text("SELECT session_user")).scalar()):
        raise RegistryError(_("{role} is the role Udpeg is connected as: it owns the registry, so limiting it would "
                              "lock Udpeg out. Name another role.", role=role))
    is_super = c.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar()
    if is_super:
        raise RegistryError(_("{role} is a superuser; a superuser reads everything. Choose another role.", role=role))
    if is_super is None:
        c.execute(text(f'CREATE ROLE "{role}" {"LOGIN" if login else "NOLOGIN"}'))
        return True
    return False


#: the audit log's columns a purge empties (a redaction, which the trigger allows and nothing else)
REDACTABLE = ("entity_id", "before", "after", "reason", "redacted")


def grant_writer(engine: Engine, role: str, login: bool = True) -> dict:
    """Create or update ``role`` for daily work: it reads and writes the registry's data, but it owns
    nothing, so it cannot switch the audit log's triggers off; on the audit log it may only read,
    append, and redact (a purge). The role that ran ``init`` and ``db upgrade`` stays the owner."""
    if engine.dialect.name != "postgresql":
        raise RegistryError(_("`udpeg db grant` works on PostgreSQL; a SQLite file has no roles — share a copy made with "
                              "`udpeg export --public` instead."))
    if not _ROLE.match(role):
        raise RegistryError(_("{role} is not a usable role name: use lowercase letters, digits and _, starting with a letter.",
                              role=repr(role)))
    with _granting(engine) as c:
        created = _make_role(c, role, login)
        db = c.execute(text("SELECT current_database()")).scalar()
        tables = [t for t in m.SQLModel.metadata.tables if t != "audit_event"]
        c.execute(text(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{role}"'))
        c.execute(text(f'GRANT CONNECT ON DATABASE "{db}" TO "{role}"'))
        c.execute(text(f'GRANT USAGE ON SCHEMA public TO "{role}"'))
        c.execute(text(f'REVOKE CREATE ON SCHEMA public FROM "{role}"'))
        for t in [*tables, "alembic_version"]:
            c.execute(text(f'GRANT SELECT, INSERT, UPDATE, DELETE ON public.{t} TO "{role}"'))
        c.execute(text(f'GRANT SELECT, INSERT ON public.audit_event TO "{role}"'))
        c.execute(text(f'GRANT UPDATE ({", ".join(REDACTABLE)}) ON public.audit_event TO "{role}"'))
        c.execute(text(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{role}"'))
        c.execute(text(f'ALTER ROLE "{role}" IN DATABASE "{db}" SET search_path = public'))
    return {"role": role, "created": created}


# --- retention ---------------------------------------------------------------------------------


@dataclass
class PurgeResult:
    before: date
    nominations_deleted: int = 0
    nominations_trimmed: int = 0
    candidates_removed: int = 0
    people_deleted: int = 0
    events_redacted: int = 0
    dry_run: bool = False

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def purge(ctx, before: date, dry_run: bool = False) -> PurgeResult:
    """Delete the data of candidates who were not appointed, for rounds decided before ``before``.

    A nomination of such a round whose candidates were none of them appointed to that board is
    deleted; one that led to an appointment keeps only the appointed candidates. A person who
    was nothing but a candidate (no appointment, no office, named in no remaining nomination)
    is deleted. The audit events about those nominations and people are redacted (their payload
    emptied, their seal kept: :mod:`registry.audit_chain`). One audit event records the counts and
    which events it redacted — not the names, which is the point.
    """
    from registry.service import audit

    from registry.db import read_session

    if dry_run:
        with read_session(ctx.engine) as s:
            result, deletes, trims, doomed = _purge_plan(s, before, dry_run=True)
            result.events_redacted = len(_events_about(s, nominations=[*deletes, *trims], people=doomed))
            return result
    with write_session(ctx.engine) as s:
        result, deletes, trims, doomed = _purge_plan(s, before)
        if not (deletes or trims or doomed):
            return result
        N, P = m.Nomination, m.Person
        if deletes:
            s.execute(delete(N).where(N.id.in_(deletes)))
        for nid, keep in trims.items():
            s.execute(update(N).where(N.id == nid).values(candidates=keep, reasons="", version=N.version + 1))
        if doomed:
            s.execute(delete(P).where(P.id.in_(doomed)))
        redact = _events_about(s, nominations=[*deletes, *trims], people=doomed)
        result.events_redacted = len(redact)
        event = audit(s, ctx.actor, "purge", "retention", before.isoformat(),
                      after={**{k: v for k, v in result.as_dict().items() if k not in ("before", "dry_run")},
                             "redacted_events": redact},
                      reason=f"retention: unappointed candidates of rounds before {before.isoformat()}")
        if redact:
            E = m.AuditEvent
            s.execute(update(E).where(E.pk.in_(redact)).values(entity_id="", before=null(), after=null(),
                                                                reason=null(), redacted=event.pk))
    return result


def _events_about(s, nominations: list[str], people: list[str]) -> list[int]:
    """The audit events whose payload is about the purged nominations or people (to redact)."""
    E = m.AuditEvent
    about = or_(and_(E.entity == "nomination", E.entity_id.in_(nominations)),
                and_(E.entity == "person", E.entity_id.in_(people)))
    return list(s.execute(select(E.pk).where(about, E.redacted.is_(None)).order_by(E.pk)).scalars())


def _purge_plan(s, before: date, dry_run: bool = False):
    result = PurgeResult(before=before, dry_run=dry_run)
    N, A, P, O = m.Nomination, m.Appointment, m.Person, m.Office
    old = list(s.execute(select(N).where(N.round < before).order_by(N.id)).scalars())
    deletes: list[str] = []
    trims: dict[str, list] = {}
    if not old:
        return result, deletes, trims, []
    appointed = {(b, p) for b, p in s.execute(select(A.board, A.person))}
    referenced = set(s.execute(select(A.nomination).where(A.nomination.is_not(None))).scalars())
    dropped: set[str] = set()
    for n in old:
        cands = list(n.candidates or [])
        keep = [c for c in cands if (n.board, c) in appointed]
        gone = [c for c in cands if (n.board, c) not in appointed]
        dropped.update(gone)
        result.candidates_removed += len(gone)
        if not keep and n.id not in referenced:
            deletes.append(n.id)
        elif gone:
            trims[n.id] = keep
    result.nominations_deleted, result.nominations_trimmed = len(deletes), len(trims)
    remaining: set[str] = set()
    for cands in s.execute(select(N.candidates).where(N.round >= before)).scalars():
        remaining.update(cands or [])
    doomed = []
    for pid in sorted(dropped - remaining):
        busy = s.execute(select(exists().where(A.person == pid))).scalar() or \
            s.execute(select(exists().where(O.person == pid))).scalar()
        if not busy and s.get(P, pid) is not None:
            doomed.append(pid)
    result.people_deleted = len(doomed)
    return result, deletes, trims, doomed
