"""Database backends for the database and fault tests: a SQLite file always, PostgreSQL when a
server answers (``UDPEG_TEST_PG``, else 127.0.0.1:5432).

Each PostgreSQL registry is a fresh database made for the test and dropped after it. In CI
(``CI=true``) a missing server is a failure, not a skip: R6 must not pass by not running.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pytest

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BACKENDS = ("sqlite", "postgresql")
TABLES = ("registry_info", "municipality", "organisation", "council_group", "person", "office", "meeting", "board",
          "composition", "seat_group", "ruleset", "appointment", "allocation", "nomination", "audit_event")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def pg_admin_url() -> str | None:
    """The URL of a maintenance database on the test server, or None when there is none."""
    url = os.environ.get("UDPEG_TEST_PG")
    if url:
        return url
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=0.5).close()
    except OSError:
        return None
    return PG_DEFAULT


def conninfo(url: str) -> str:
    """A psycopg connection string from a SQLAlchemy URL."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@lru_cache(maxsize=1)
def pg_problem() -> str | None:
    """Why PostgreSQL cannot be used, or None when it can."""
    url = pg_admin_url()
    if url is None:
        return "no PostgreSQL server (set UDPEG_TEST_PG or start one on 127.0.0.1:5432)"
    try:
        import psycopg

        with psycopg.connect(conninfo(url), autocommit=True, connect_timeout=5) as c:
            c.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001
        return f"PostgreSQL at {url} does not answer: {exc}"
    return None


def require_pg() -> str:
    problem = pg_problem()
    if problem:
        if in_ci():
            pytest.fail(f"CI=true and {problem}: the PostgreSQL tests must run in CI (source .ci/pg.sh).")
        pytest.skip(problem)
    return pg_admin_url()  # type: ignore[return-value]


_pool: list[str] = []      # databases made this session, free for reuse
_made: list[str] = []


def pg_create_database(prefix: str = "udpeg_t") -> str:
    """An empty database on the test server; returns its SQLAlchemy URL.

    Creating a database costs most of a second (it is written through to disk), so databases
    are made once per session and emptied for reuse (every schema dropped); they are dropped
    when the session ends. Commits need not wait for the disk in these throwaway databases.
    """
    import psycopg
    from sqlalchemy.engine import make_url

    admin = require_pg()
    if not _made:
        _drop_strays(admin)
    if _pool:
        url = _pool.pop()
        with psycopg.connect(conninfo(url), autocommit=True) as c:
            c.execute("DROP SCHEMA IF EXISTS udpeg_reader CASCADE")
            c.execute("DROP SCHEMA public CASCADE")
            c.execute("CREATE SCHEMA public")
        return url
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(conninfo(admin), autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
        c.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    url = make_url(admin).set(database=name).render_as_string(hide_password=False)
    _made.append(url)
    return url


def _drop_strays(admin: str, prefix: str = "udpeg_t") -> None:
    """Drop test databases left by runs that were killed (their process is gone)."""
    import psycopg

    with psycopg.connect(conninfo(admin), autocommit=True) as c:
        names = [r[0] for r in c.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", (prefix + "\\_%",))]
        for name in names:
            parts = name.split("_")
            pid = int(parts[2]) if len(parts) > 3 and parts[2].isdigit() else None
            if pid is None or pid == os.getpid():
                continue
            try:
                os.kill(pid, 0)
                continue  # still running: another session's
            except ProcessLookupError:
                pass
            except PermissionError:
                continue
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_drop_database(url: str) -> None:
    """Give a test database back (it is emptied before its next use)."""
    import psycopg

    with psycopg.connect(conninfo(pg_admin_url()), autocommit=True) as c:  # no one may stay connected
        from sqlalchemy.engine import make_url

        c.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                  (make_url(url).database,))
    _pool.append(url)


def pg_drop_all() -> None:
    """Drop every database this session made (called at the end of the session)."""
    if not _made:
        return
    import psycopg
    from sqlalchemy.engine import make_url

    with psycopg.connect(conninfo(pg_admin_url()), autocommit=True) as c:
        for url in _made:
            c.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
    _made.clear()
    _pool.clear()


@dataclass
class Reg:
    """One registry under test."""

    backend: str
    url: str
    path: Path | None = None
    _engines: list = field(default_factory=list, repr=False)

    @property
    def db(self) -> str:
        """What to pass to ``--db``."""
        return str(self.path) if self.path is not None else self.url

    def engine(self):
        from registry.db import make_engine

        e = make_engine(self.url)
        self._engines.append(e)
        return e

    def context(self, actor: str = "tester"):
        from registry.service import Context

        return Context(self.engine(), actor=actor)

    def raw(self):
        """A plain DBAPI connection, as any SQL client would have (autocommit)."""
        if self.backend == "sqlite":
            con = sqlite3.connect(self.path, timeout=15, isolation_level=None)
            return con
        import psycopg

        return psycopg.connect(conninfo(self.url), autocommit=True)

    def scalar(self, sql: str, *params):
        con = self.raw()
        try:
            if self.backend == "postgresql":
                sql = sql.replace("?", "%s")
            row = con.execute(sql, params).fetchone()
            return row[0] if row else None
        finally:
            con.close()

    def counts(self) -> dict[str, int]:
        return {t: self.scalar(f"SELECT count(*) FROM {t}") for t in TABLES}

    def close(self) -> None:
        while self._engines:
            self._engines.pop().dispose()


def make_reg(backend: str, tmp_path: Path, udpeg, *, sample: bool = True, dataset: Path | None = None,
             name: str | None = None) -> Reg:
    """Create a registry (the sample, or empty, then optionally a dataset) on ``backend``."""
    if backend == "sqlite":
        path = tmp_path / f"{name or uuid.uuid4().hex[:8]}.db"
        reg = Reg("sqlite", f"sqlite:///{path}", path)
    else:
        reg = Reg("postgresql", pg_create_database())
    r = udpeg("init", *([] if sample else ["--empty"]), db=reg.db)
    assert r.code == 0, r.err
    if dataset is not None:
        r = udpeg("load", str(dataset), db=reg.db)
        assert r.code == 0, r.err
    return reg


def drop_reg(reg: Reg) -> None:
    reg.close()
    if reg.backend == "postgresql":
        pg_drop_database(reg.url)


# --- small datasets ----------------------------------------------------------------------------


def tiny_tree(boards: int = 1, people: int = 4, seats: int = 1) -> dict:
    """A udpeg/1 dataset: ``boards`` boards of one seat group of ``seats`` seats, no balance rule,
    ``people`` people (the first has contact details), and a nomination naming everyone."""
    ppl = [{"id": f"p{i}", "name": f"Person {i}", "sex": "woman" if i % 2 else "man", "municipality": "aalborg"}
           for i in range(people)]
    ppl[0]["contact"] = {"email": "p0@example.dk", "phone": "+45 12 34 56 78"}
    return {
        "format": "udpeg/1",
        "registry": {"name": "Test", "kkr": "nordjylland"},
        "municipalities": [{"id": "aalborg", "name": "Aalborg Kommune", "kkr": "nordjylland"}],
        "organisations": [{"id": "kkr-nordjylland", "name": "KKR Nordjylland", "kind": "kkr"}],
        "people": ppl,
        "boards": [{"id": f"b{i}", "name": f"Board {i}", "kkr": "nordjylland", "term": "kkr",
                    "compositions": [{"valid_from": "2022-01-01", "balance": ["none"],
                                      "seats": [{"id": "member", "name": "Member", "count": seats,
                                                 "appointed_by": "kkr-nordjylland"}]}]}
                   for i in range(boards)],
        "nominations": [{"id": f"n{i}", "board": f"b{i}", "seat": "member", "round": "2026-04-01",
                         "organisations": ["kkr-nordjylland"], "candidates": [p["id"] for p in ppl]}
                        for i in range(boards)],
    }


def write_tree(tree: dict, path: Path) -> Path:
    path.write_text(json.dumps(tree, ensure_ascii=False), encoding="utf-8")
    return path
