"""What a ``--db`` names, looked at without changing a byte of it; the stdlib half of
:mod:`registry.db`, so the UI's precheck can refuse a foreign file before the first paint
without importing SQLAlchemy (quality.md P4)."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from registry.errors import RegistryError
from registry.i18n import _

BUSY_TIMEOUT_S = 15.0
#: tables every Udpeg schema since 0001 has: a database holding none of them is someone else's
CORE_TABLES = frozenset({"registry_info", "board", "person", "audit_event"})


@dataclass(frozen=True)
class Found:
    """What a ``--db`` names, looked at without changing a byte of it.

    ``kind`` is ``missing`` (no file, an empty file, a database without tables), ``registry``
    (Udpeg's tables and a schema version), ``unversioned`` (Udpeg's tables, no schema version)
    or ``foreign`` (a database of something else)."""

    kind: str
    version: str | None = None
    tables: tuple[str, ...] = ()


def _classify(tables: set[str], version: str | None) -> Found:
    names = tuple(sorted(tables))
    if not tables:
        return Found("missing")
    if version is not None and (CORE_TABLES <= tables or (version in _revisions() and tables & CORE_TABLES)):
        return Found("registry", version, names)
    if tables & CORE_TABLES:
        return Found("unversioned", None, names)
    return Found("foreign", version, names)


def _revisions() -> list[str]:
    folder = Path(__file__).parent / "migrations" / "versions"
    return sorted(p.name.split("_", 1)[0] for p in folder.glob("[0-9][0-9][0-9][0-9]_*.py"))


def _connect_ro(path: Path, timeout: float = BUSY_TIMEOUT_S) -> sqlite3.Connection:
    """A read-only stdlib connection that cannot change the file (``mode=ro``).

    A WAL database in a folder we cannot write to has no ``-shm`` file to share and cannot
    make one; it is then opened ``immutable`` (nobody can write there, we assume nobody does)."""
    uri = f"file:{quote(path.as_posix())}?mode=ro"
    con = sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return con
    except sqlite3.OperationalError:
        con.close()
        if os.access(path.parent, os.W_OK) or path.with_name(path.name + "-shm").exists():
            raise
    return sqlite3.connect(uri + "&immutable=1", uri=True, timeout=timeout, check_same_thread=False)


def _connect_to_look(path: Path) -> sqlite3.Connection:
    """A stdlib connection that reads and cannot write (``query_only``; ``mode=ro`` when the file
    may not be written). A read-write open is used when it may: then SQLite removes the ``-wal``
    and ``-shm`` files it makes for a WAL database when it closes, and nothing is left beside it."""
    if not sqlite_writable(path):
        return _connect_ro(path)
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
    con.execute("PRAGMA query_only=1")
    return con


def sqlite_writable(path: Path) -> bool:
    """Can this process change the file (and make the journal files beside it)?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def inspect_sqlite_file(path: Path) -> Found:
    """Look at the SQLite file ``path`` without writing to it (``query_only``, or ``mode=ro``)."""
    where = str(path)
    if path.is_dir():
        raise RegistryError(_("{path} is a folder; --db wants a registry file or a database URL.", path=where))
    if not path.exists() or path.stat().st_size == 0:
        return Found("missing")
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise RegistryError(_("Cannot open the database {where}: {problem}", where=where,
                              problem=exc.strerror or str(exc))) from None
    if head != b"SQLite format 3\x00":
        raise RegistryError(_("{path} is not a Udpeg registry (not an SQLite database).", path=where))
    try:
        con = _connect_to_look(path)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            version = None
            if "alembic_version" in tables:
                got = con.execute("SELECT version_num FROM alembic_version").fetchone()
                version = got[0] if got else None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise RegistryError(_("Cannot open the database {where}: {problem}", where=where, problem=str(exc))) from None
    return _classify(tables, version)


def not_a_registry(url: str, found: Found) -> RegistryError:
    """The sentence for a ``--db`` that is not a Udpeg registry one can use (exit 2)."""
    where = where_for_humans(url)
    if found.kind == "missing":
        return RegistryError(_("There is no registry at {where}. Create one with `udpeg init` (the KKR Nordjylland "
                               "sample) or `udpeg init --empty` (then `udpeg load FILE`); nothing was created.",
                               where=where))
    if found.kind == "unversioned":
        return RegistryError(_("{where} holds Udpeg's tables but no schema version (its alembic_version table is "
                               "missing), so Udpeg cannot tell which schema it has and changes nothing. Run `udpeg db "
                               "stamp`, which checks that the tables are exactly this Udpeg's schema and then records "
                               "its version, or put back a backup with `udpeg restore FILE`.", where=where))
    shown = ", ".join(found.tables[:5]) + (", …" if len(found.tables) > 5 else "")
    return RegistryError(_("{where} is a database of something else (tables: {tables}), not a Udpeg registry; Udpeg "
                           "leaves it as it is. Give a registry file, or a new one to `udpeg init`.",
                           where=where, tables=shown))


def where_for_humans(url: str) -> str:
    """A URL as the messages show it: a SQLite file's path, a server's URL without its password."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///"):]
    from registry.db import url_for_humans

    return url_for_humans(url)
