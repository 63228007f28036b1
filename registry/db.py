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
from typing import Iterator

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from registry.errors import ConflictError, RegistryError  # noqa: F401 - re-exported
from registry.i18n import _

HEAD = "0003"  # keep equal to the newest file in migrations/versions (a test checks it)
BUSY_TIMEOUT_MS = 15_000




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


def sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def make_engine(url: str, echo: bool = False) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        engine = create_engine(url, echo=echo, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):  # noqa: ANN001
            dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):  # noqa: ANN001
            mode = conn.get_execution_options().get("sqlite_begin", "BEGIN")
            conn.exec_driver_sql(mode)

        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as s:
        yield s


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One transaction for one user action: commit on success, roll back on any error."""
    if engine.dialect.name == "sqlite":
        engine = engine.execution_options(sqlite_begin="BEGIN IMMEDIATE")
    with Session(engine, expire_on_commit=False) as s:
        with s.begin():
            yield s


# --- schema version -------------------------------------------------------------------------


def current_version(engine: Engine) -> str | None:
    """The Alembic revision stored in the database, or None for an empty database."""
    path = sqlite_path(str(engine.url))
    if path is not None:  # cheap: stdlib sqlite3, no Alembic import
        if not path.exists():
            return None
        con = sqlite3.connect(path)
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


def open_registry(url: str, *, create: bool = True, sample: bool = True) -> Engine:
    """Open (and if needed create and fill) the registry at ``url``; schema upgraded to head."""
    path = sqlite_path(url)
    is_new = path is not None and not path.exists()
    if is_new:
        if not create:
            raise RegistryError(_("No registry at {path}. Create one with `udpeg init`.", path=str(path)))
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    try:
        version = current_version(engine)
    except Exception as exc:  # noqa: BLE001 - e.g. not a database, server down
        raise RegistryError(_("Cannot open the database {where}: {problem}", where=url_for_humans(url), problem=str(exc))) from exc
    if version is not None and version not in known_revisions():
        engine.dispose()
        raise RegistryError(_("The registry {where} has schema version {version}, which this Udpeg does not know: it was "
                              "made by a newer Udpeg. Upgrade Udpeg to open it; nothing was changed.",
                              where=url_for_humans(url), version=version))
    if version is not None and version != HEAD and path is None:
        # A shared server is upgraded on purpose, with a backup, by whoever runs `udpeg db upgrade`,
        # not by the first colleague who happens to start a newer Udpeg.
        engine.dispose()
        raise RegistryError(_("The registry {where} has schema version {version}; this Udpeg needs {head}. Run "
                              "`udpeg db upgrade` (it takes a backup first); nothing was changed.",
                              where=url_for_humans(url), version=version, head=HEAD))
    if version != HEAD:
        upgrade(engine, backup=True)
        if version is None and sample:
            from registry.sample import load_sample

            load_sample(engine)
    return engine


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
    src = sqlite3.connect(src_path, timeout=BUSY_TIMEOUT_MS / 1000)
    dst = sqlite3.connect(tmp)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()
    shutil.move(tmp, target)
