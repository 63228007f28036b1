"""Migrations: head matches the models, and HEAD in db.py names the newest revision."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from registry import model
from registry.db import HEAD, current_version, make_engine, open_registry, to_url

VERSIONS = Path(__file__).resolve().parents[1] / "registry" / "migrations" / "versions"


def test_head_constant_is_the_newest_revision():
    revisions = sorted(p.name.split("_")[0] for p in VERSIONS.glob("*.py"))
    assert revisions[-1] == HEAD


def test_empty_database_upgraded_to_head_matches_the_models(tmp_path):
    engine = open_registry(to_url(tmp_path / "m.db"), sample=False)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), model.metadata)
    assert diff == []
    assert current_version(engine) == HEAD


def test_sqlite_connections_have_foreign_keys_wal_and_busy_timeout(tmp_path):
    engine = open_registry(to_url(tmp_path / "p.db"), sample=False)
    for _ in range(3):  # every pooled connection, not just the first
        with engine.connect() as c:
            assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert c.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_audit_log_refuses_update_and_delete(tmp_path):
    import sqlite3

    import pytest

    path = tmp_path / "a.db"
    open_registry(to_url(path), sample=True).dispose()
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM audit_event").fetchone()[0] >= 1
    for sql in ("UPDATE audit_event SET actor='x'", "DELETE FROM audit_event"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            con.execute(sql)
    con.close()
