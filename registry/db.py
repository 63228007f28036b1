"""Engine factory, sessions, schema version check and upgrade, backup.

Every SQLite connection gets foreign keys, WAL, a busy timeout and ``synchronous=NORMAL`` from
a ``connect`` listener (a one-off PRAGMA would be lost on the next pooled connection). The
stdlib driver's own transaction handling is switched off and we emit ``BEGIN`` ourselves, so a
transaction really starts where SQLAlchemy thinks it does (SQLAlchemy's documented recipe for
Python 3.11). Write sessions use ``BEGIN IMMEDIATE`` so two writers queue up instead of
failing half-way.
"""

from __future__ import annotations

import os
import sqlite3
import shutil
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session

from registry.dbfile import (CORE_TABLES, Found, _classify, _connect_ro, _connect_to_look, inspect_sqlite_file,  # noqa: F401
                             not_a_registry, sqlite_writable)
from registry.errors import ConflictError, RegistryError  # noqa: F401 - re-exported
from registry.i18n import _

HEAD = "0006"  # keep equal to the newest file in migrations/versions (a test checks it)
BUSY_TIMEOUT_MS = 15_000

_commits = [0]  # transactions committed in this process (any engine): see commit_count()


@event.listens_for(Engine, "commit")
def _count_commit(_conn) -> None:  # noqa: ANN001
    _commits[0] += 1


def commit_count() -> int:
    """How many transactions this process has committed so far, on any registry.

    The CLI compares it before and after a command, so that an internal error says "nothing was
    written" only when that is true."""
    return _commits[0]



def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("udpeg", appauthor=False) / "registry.db"


def to_url(db: str | os.PathLike | None) -> str:
    """``--db`` accepts a file path or a SQLAlchemy URL."""
    if db is None or str(db) == "":
        db = default_db_path()
    s = str(db)
    if "://" in s:
        return s
    return f"sqlite:///{Path(s).expanduser().resolve()}"


def check_url(url: str):
    """The parsed URL of a database Udpeg can keep a registry in, else a RegistryError (exit 2)."""
    try:
        u = make_url(url)
    except ArgumentError:
        raise RegistryError(_("{url} is neither a file path nor a database URL; give a registry file, or a URL such as "
                              "postgresql+psycopg://user@host/db.", url=url)) from None
    backend = u.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise RegistryError(_("Udpeg keeps its registry in SQLite or PostgreSQL, not {backend}: give a registry file, or "
                              "a URL such as postgresql+psycopg://user@host/db.", backend=backend))
    if backend == "sqlite" and (not u.database or u.database == ":memory:"):
        raise RegistryError(_("{url} is a database in memory, gone when the command ends; give a registry file.",
                              url=url))
    return u


def sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def make_engine(url: str, echo: bool = False, readonly: bool = False) -> Engine:
    """An engine for ``url``; ``readonly`` (SQLite) opens the file ``mode=ro`` and changes nothing,
    not even the journal mode, and every write session on it is refused with a sentence."""
    u = check_url(url)
    if u.get_backend_name() == "sqlite":
        kwargs: dict = {"connect_args": {"timeout": BUSY_TIMEOUT_MS / 1000}}
        if readonly:
            path = Path(u.database)
            kwargs = {"creator": lambda: _connect_to_look(path)}
        engine = create_engine(url, echo=echo, **kwargs)
        if readonly:
            engine.update_execution_options(udpeg_readonly=True)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):  # noqa: ANN001
            dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            if not readonly:  # both write to the file
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):  # noqa: ANN001
            mode = conn.get_execution_options().get("sqlite_begin", "BEGIN")
            conn.exec_driver_sql(mode)

        return engine
    try:
        return create_engine(url, echo=echo, pool_pre_ping=True)
    except (ModuleNotFoundError, NoSuchModuleError) as exc:
        raise RegistryError(_("The PostgreSQL driver is not installed ({problem}); install it with "
                              "`pip install 'udpeg[postgres]'`.", problem=str(exc))) from None


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as s:
        yield s


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One transaction for one user action: commit on success, roll back on any error."""
    if engine.get_execution_options().get("udpeg_readonly"):
        raise RegistryError(_("The registry {where} is read-only here (this user may not write the file or its folder), "
                              "so this command, which changes it, did not run; nothing was written. Reading commands "
                              "work on it.", where=url_for_humans(str(engine.url))))
    if engine.dialect.name == "sqlite":
        engine = engine.execution_options(sqlite_begin="BEGIN IMMEDIATE")
    with Session(engine, expire_on_commit=False) as s:
        with s.begin():
            yield s
            from registry.readmodel.store import invalidate

            invalidate(s)    # the stored findings are a cache of what this write may change


# --- schema version -------------------------------------------------------------------------


def current_version(engine: Engine) -> str | None:
    """The Alembic revision stored in the database, or None for an empty database."""
    path = sqlite_path(str(engine.url))
    if path is not None:  # cheap: stdlib sqlite3, no Alembic import
        if not path.exists() or path.stat().st_size == 0:
            return None
        con = _connect_to_look(path)
        try:
            row = con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not row:
                return None
            got = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return got[0] if got else None
        finally:
            con.close()
    with engine.connect() as c:
        if not engine.dialect.has_table(c, "alembic_version"):
            return None
        return c.execute(text("SELECT version_num FROM alembic_version")).scalar()


def inspect_database(url: str) -> Found:
    """Look at ``url`` read-only: SQLite through a ``mode=ro`` connection, PostgreSQL by its catalogue."""
    check_url(url)
    path = sqlite_path(url)
    if path is not None:
        return inspect_sqlite_file(path)
    where = url_for_humans(url)
    engine = make_engine(url)
    try:
        from sqlalchemy import inspect

        with engine.connect() as c:
            tables = set(inspect(c).get_table_names())
            version = None
            if "alembic_version" in tables:
                version = c.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except RegistryError:
        raise
    except Exception as exc:  # noqa: BLE001 - server down, wrong password, no such database
        raise RegistryError(_("Cannot open the database {where}: {problem}", where=where,
                              problem=_first_line(exc))) from None
    finally:
        engine.dispose()
    return _classify(tables, version)


def _first_line(exc: BaseException) -> str:
    """A driver's error as one readable line (no SQL, no "Background on this error" link)."""
    inner = getattr(exc, "orig", None) or exc
    lines = [ln.strip() for ln in str(inner).splitlines() if ln.strip() and not ln.startswith("(Background")]
    return " ".join(lines)[:300] or type(inner).__name__


def known_revisions() -> list[str]:
    """Schema revisions this Udpeg knows, oldest first (the files in migrations/versions)."""
    folder = Path(__file__).parent / "migrations" / "versions"
    return sorted(p.name.split("_", 1)[0] for p in folder.glob("[0-9][0-9][0-9][0-9]_*.py"))


def _alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, backup: bool = True) -> Path | None:
    """Bring the schema to head. Takes a backup first when the database already has data."""
    from alembic import command

    copy = None
    if backup and current_version(engine) not in (None, HEAD):
        path = sqlite_path(str(engine.url))
        if path is not None:
            copy = path.with_name(f"{path.stem}.before-upgrade-{datetime.now():%Y%m%d-%H%M%S}{path.suffix}")
            backup_sqlite(engine, copy)
    command.upgrade(_alembic_config(engine), "head")
    return copy


def is_empty(engine: Engine) -> bool:
    with engine.connect() as c:
        return c.execute(text("SELECT count(*) FROM board")).scalar() == 0 and \
            c.execute(text("SELECT count(*) FROM person")).scalar() == 0


def open_registry(url: str, *, create: bool = False, fill: Callable[[Engine], None] | None = None) -> Engine:
    """Open the registry at ``url``, its schema upgraded to head (SQLite; a server is upgraded
    with ``udpeg db upgrade``). Only with ``create`` (``udpeg init``, a first run of the default
    registry) is a missing one made, then handed to ``fill`` if given (the layers above fill it:
    :func:`registry.sample.open_registry` with the sample; this module only opens and migrates). Anything
    but a Udpeg registry is refused with a sentence and left byte for byte as it was; a file this
    process may not write is opened read-only (writes are then refused, reads work)."""
    found = inspect_database(url)
    path = sqlite_path(url)
    if found.kind == "missing":
        if not create:
            raise not_a_registry(url, found)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = make_engine(url)
        upgrade(engine, backup=False)
        if fill is not None:
            fill(engine)
        return engine
    if found.kind != "registry":
        raise not_a_registry(url, found)
    version = found.version
    if version not in known_revisions():
        raise RegistryError(_("The registry {where} has schema version {version}, which this Udpeg does not know: it was "
                              "made by a newer Udpeg. Upgrade Udpeg to open it; nothing was changed.",
                              where=url_for_humans(url), version=version))
    if version != HEAD and path is None:
        # A shared server is upgraded on purpose, with a backup, by whoever runs `udpeg db upgrade`,
        # not by the first colleague who happens to start a newer Udpeg.
        raise RegistryError(_("The registry {where} has schema version {version}; this Udpeg needs {head}. Run "
                              "`udpeg db upgrade` (it takes a backup first); nothing was changed.",
                              where=url_for_humans(url), version=version, head=HEAD))
    readonly = path is not None and not sqlite_writable(path)
    if version != HEAD:
        if readonly:
            raise RegistryError(_("The registry {where} has schema version {version}; this Udpeg needs {head}, and it "
                                  "is read-only here, so it cannot be upgraded. Open it with the Udpeg that made it, "
                                  "or upgrade a copy you may write; nothing was changed.",
                                  where=url_for_humans(url), version=version, head=HEAD))
        engine = make_engine(url)
        upgrade(engine, backup=True)
        return engine
    return make_engine(url, readonly=readonly)


def url_for_humans(url: str) -> str:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return str(u.database)
    return u.render_as_string(hide_password=True)


def backup_sqlite(engine: Engine, target: Path) -> None:
    """A consistent copy of a live SQLite database (online backup API)."""
    src_path = sqlite_path(str(engine.url))
    if src_path is None:
        raise RegistryError("Backups with `udpeg backup` work on SQLite; on PostgreSQL use pg_dump.")
    target = Path(target)
    tmp = target.with_name(target.name + ".part")
    if tmp.exists():
        tmp.unlink()
    src = _connect_to_look(src_path)  # a read-only registry can be backed up too
    dst = sqlite3.connect(tmp)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()
    shutil.move(tmp, target)
