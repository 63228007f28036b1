"""R4: a database made by each released schema upgrades with `udpeg db upgrade` without loss.

tests/faults/schemas/ keeps one fixture database per schema revision (made by
make_schema_fixture.py when the revision was released) with its row counts and export.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from registry.db import known_revisions
from registry.db import HEAD

SCHEMAS = Path(__file__).parent / "schemas"
TABLES = ("registry_info", "municipality", "organisation", "council_group", "person", "office", "meeting", "board",
          "composition", "seat_group", "ruleset", "appointment", "allocation", "nomination", "audit_event")


def test_every_released_schema_has_a_fixture_database():
    missing = [rev for rev in known_revisions() if not (SCHEMAS / f"schema-{rev}.db").exists()
               or not (SCHEMAS / f"schema-{rev}.json").exists()]
    assert not missing, (f"no R4 fixture for schema(s) {missing}: run `.venv/bin/python "
                         "tests/faults/make_schema_fixture.py` right after adding the migration, and commit the files")
    assert known_revisions()[-1] == HEAD


@pytest.mark.parametrize("rev", known_revisions())
def test_upgrade_from_each_released_schema_loses_nothing(rev, tmp_path, udpeg):
    fixture = SCHEMAS / f"schema-{rev}.db"
    if not fixture.exists():
        pytest.fail(f"no fixture for schema {rev}")
    record = json.loads((SCHEMAS / f"schema-{rev}.json").read_text(encoding="utf-8"))
    db = tmp_path / "old.db"
    shutil.copy(fixture, db)
    con = sqlite3.connect(db)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == rev
    con.close()

    r = udpeg("db", "upgrade", db=db)
    assert r.code == 0, r.err
    if rev != HEAD:
        assert list(tmp_path.glob("old.before-upgrade-*.db")), "db upgrade must back up first"
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES if t in record["counts"]}
        triggers = {n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    finally:
        con.close()
    assert counts == record["counts"], "rows were lost or added by the upgrade"
    assert {"audit_event_no_update", "audit_event_no_delete"} <= triggers, "the upgrade dropped the audit triggers"

    # the export after the upgrade is the export that schema gave; compared through the current
    # code's loader so that a field added to exports later does not count as a loss
    after = json.loads(udpeg("export", "--format", "json", db=db).out)
    if rev == HEAD:
        assert after == record["export"]
    before_file = tmp_path / "before.json"
    before_file.write_text(json.dumps(record["export"], ensure_ascii=False), encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    assert udpeg("init", "--empty", db=fresh).code == 0
    r = udpeg("load", str(before_file), db=fresh)
    assert r.code == 0, r.err
    assert json.loads(udpeg("export", "--format", "json", db=fresh).out) == after

    # the upgraded registry still refuses to rewrite its audit log
    con = sqlite3.connect(db)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("DELETE FROM audit_event")
    con.close()
