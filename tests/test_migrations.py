"""Migrations: head matches the models, and HEAD in db.py names the newest revision."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from registry import model
from registry.db import HEAD, current_version, make_engine, open_registry, to_url
from registry.sample import open_registry as open_sample

VERSIONS = Path(__file__).resolve().parents[1] / "registry" / "migrations" / "versions"


def test_head_constant_is_the_newest_revision():
    revisions = sorted(p.name.split("_")[0] for p in VERSIONS.glob("*.py"))
    assert revisions[-1] == HEAD


def test_empty_database_upgraded_to_head_matches_the_models(tmp_path):
    engine = open_registry(to_url(tmp_path / "m.db"), create=True)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), model.metadata)
    assert diff == []
    assert current_version(engine) == HEAD


def test_sqlite_connections_have_foreign_keys_wal_and_busy_timeout(tmp_path):
    engine = open_registry(to_url(tmp_path / "p.db"), create=True)
    for _ in range(3):  # every pooled connection, not just the first
        with engine.connect() as c:
            assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert c.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_audit_log_refuses_update_and_delete(tmp_path):
    import sqlite3

    import pytest

    path = tmp_path / "a.db"
    open_sample(to_url(path), create=True).dispose()
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM audit_event").fetchone()[0] >= 1
    for sql in ("UPDATE audit_event SET actor='x'", "DELETE FROM audit_event"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            con.execute(sql)
    con.close()


def test_a_registry_of_schema_0001_upgrades_to_hold_a_holder_not_recorded(tmp_path):
    """0001 had appointment.person NOT NULL; 0002 lets a filled seat have no recorded holder.
    The rows of the old registry survive and a not-recorded holder can then be stored."""
    import shutil
    import sqlite3

    from registry import model as m
    from registry.db import write_session

    db = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent / "faults" / "schemas" / "schema-0001.db", db)
    con = sqlite3.connect(db)
    before = con.execute("SELECT id, person FROM appointment ORDER BY id").fetchall()
    con.close()
    engine = open_registry(to_url(db))
    assert current_version(engine) == HEAD
    with write_session(engine) as s:
        s.add(m.Appointment(id="filled-by-someone", board="b0", seat="member", person=None,
                            start=__import__("datetime").date(2022, 4, 1)))
    engine.dispose()
    con = sqlite3.connect(db)
    rows = con.execute("SELECT id, person FROM appointment ORDER BY id").fetchall()
    con.close()
    assert [r for r in rows if r[0] != "filled-by-someone"] == before
    assert ("filled-by-someone", None) in rows
