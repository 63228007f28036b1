"""backup, restore, db upgrade, purge (S6), person --export (S6), and the same data on both backends."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from backends import tiny_tree


# --- backup and restore ------------------------------------------------------------------------


def test_backup_then_restore_puts_the_registry_back(sqlite_only, sample_reg, udpeg, tmp_path):
    copy = tmp_path / "copy.db"
    r = udpeg("backup", str(copy), db=sample_reg.db)
    assert r.code == 0, r.err
    before = udpeg("export", "--format", "json", db=sample_reg.db).out
    assert udpeg("load", "--replace", str(_tiny(tmp_path)), db=sample_reg.db).code == 0
    assert udpeg("export", "--format", "json", db=sample_reg.db).out != before
    r = udpeg("restore", str(copy), db=sample_reg.db)
    assert r.code == 0, r.err
    assert udpeg("export", "--format", "json", db=sample_reg.db).out == before
    kept = list(tmp_path.glob("*.before-restore-*.db"))
    assert len(kept) == 1 and "kept in" in r.err
    assert sqlite3.connect(sample_reg.path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _tiny(tmp_path):
    p = tmp_path / "tiny.json"
    p.write_text(json.dumps(tiny_tree()), encoding="utf-8")
    return p


def test_backup_refuses_to_overwrite_without_force(sqlite_only, sample_reg, udpeg, tmp_path):
    target = tmp_path / "exists.db"
    target.write_text("keep me")
    r = udpeg("backup", str(target), db=sample_reg.db)
    assert r.code == 2 and "--force" in r.err
    assert target.read_text() == "keep me"
    assert udpeg("backup", str(target), "--force", db=sample_reg.db).code == 0
    assert sqlite3.connect(target).execute("SELECT count(*) FROM board").fetchone()[0] > 0


@pytest.mark.parametrize("kind", ["missing", "text", "truncated", "not-registry", "future-schema", "broken-fk"])
def test_restore_refuses_a_doubtful_file_and_changes_nothing(sqlite_only, sample_reg, udpeg, tmp_path, kind):
    bad = tmp_path / f"{kind}.db"
    if kind == "text":
        bad.write_text("hello")
    elif kind == "truncated":
        data = sample_reg.path.read_bytes()
        udpeg("backup", str(tmp_path / "full.db"), db=sample_reg.db)
        data = (tmp_path / "full.db").read_bytes()
        bad.write_bytes(data[: len(data) // 2])
    elif kind == "not-registry":
        sqlite3.connect(bad).execute("CREATE TABLE t (x)").connection.commit()
    elif kind in ("future-schema", "broken-fk"):
        udpeg("backup", str(bad), db=sample_reg.db)
        con = sqlite3.connect(bad)
        if kind == "future-schema":
            con.execute("UPDATE alembic_version SET version_num = '9999'")
        else:
            con.execute("PRAGMA foreign_keys=OFF")
            con.execute("UPDATE appointment SET person = 'nobody'")
        con.commit()
        con.close()
    before = udpeg("export", "--format", "json", db=sample_reg.db).out
    r = udpeg("restore", str(bad), db=sample_reg.db)
    assert r.code == 2, (kind, r.err)
    assert "Traceback" not in r.err and r.err.strip()
    assert udpeg("export", "--format", "json", db=sample_reg.db).out == before
    assert not list(tmp_path.glob("*.before-restore-*"))


def test_postgresql_backup_and_restore_point_to_pg_dump(postgres_only, sample_reg, udpeg, tmp_path):
    for args in (["backup", str(tmp_path / "x.db")], ["restore", str(tmp_path / "x.db")]):
        r = udpeg(*args, db=sample_reg.db)
        assert r.code == 2 and "pg_dump" in r.err


# --- db upgrade --------------------------------------------------------------------------------


def test_db_upgrade_at_head_does_nothing(sample_reg, udpeg):
    r = udpeg("db", "upgrade", db=sample_reg.db)
    assert r.code == 0 and "nothing to do" in r.err


def test_db_upgrade_refuses_a_schema_from_a_newer_udpeg(sample_reg, udpeg):
    con = sample_reg.raw()
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.close()
    r = udpeg("db", "upgrade", db=sample_reg.db)
    assert r.code == 2 and "newer Udpeg" in r.err


def test_db_upgrade_on_no_registry(udpeg, tmp_path):
    r = udpeg("db", "upgrade", db=tmp_path / "none.db")
    assert r.code == 2 and "udpeg init" in r.err


# --- retention and data-subject access ----------------------------------------------------------


def _retention_tree():
    t = tiny_tree(boards=2, people=6)
    t["people"].append({"id": "mayor", "name": "Mayor M", "sex": "man", "municipality": "aalborg",
                        "offices": [{"office": "mayor", "body": "aalborg", "start": "2022-01-01"}]})
    t["nominations"] = [
        {"id": "old-unused", "board": "b0", "seat": "member", "round": "2022-04-01",
         "organisations": ["kkr-nordjylland"], "candidates": ["p2", "p3", "mayor"], "reasons": "confidential"},
        {"id": "old-used", "board": "b1", "seat": "member", "round": "2022-04-01",
         "organisations": ["kkr-nordjylland"], "candidates": ["p1", "p4"], "reasons": "why not"},
        {"id": "new", "board": "b0", "seat": "member", "round": "2026-04-01",
         "organisations": ["kkr-nordjylland"], "candidates": ["p3", "p5"]},
    ]
    t["appointments"] = [{"id": "a1", "board": "b1", "seat": "member", "person": "p1", "start": "2022-05-01",
                          "nomination": "old-used"}]
    return t


def test_purge_removes_unappointed_candidates_of_old_rounds(make_registry, udpeg):
    reg = make_registry(sample=False, tree=_retention_tree())
    r = udpeg("purge", "--before", "2023-01-01", "--dry-run", "--format", "json", db=reg.db)
    assert r.code == 0, r.err
    planned = r.json()
    assert reg.scalar("SELECT count(*) FROM nomination") == 3  # a dry run writes nothing
    r = udpeg("--as", "dpo", "purge", "--before", "2023-01-01", "--format", "json", db=reg.db)
    assert r.code == 0, r.err
    done = r.json()
    assert {k: v for k, v in done.items() if k != "dry_run"} == {k: v for k, v in planned.items() if k != "dry_run"}
    assert done["nominations_deleted"] == 1 and done["nominations_trimmed"] == 1
    assert done["candidates_removed"] == 4 and done["people_deleted"] == 2  # p2 and p4
    ids = {x for (x,) in reg.raw().execute("SELECT id FROM person").fetchall()}
    assert ids == {"p0", "p1", "p3", "p5", "mayor"}   # p3 is still a candidate of a later round; the mayor holds an office
    assert reg.scalar("SELECT count(*) FROM nomination WHERE id = 'old-unused'") == 0
    kept = reg.scalar("SELECT candidates FROM nomination WHERE id = 'old-used'")
    assert (json.loads(kept) if isinstance(kept, str) else kept) == ["p1"]
    assert reg.scalar("SELECT reasons FROM nomination WHERE id = 'old-used'") == ""
    event = [e for e in json.loads(udpeg("audit", "--format", "json", db=reg.db).out) if e["action"] == "purge"]
    assert len(event) == 1 and event[0]["actor"] == "dpo" and event[0]["after"]["people_deleted"] == 2
    assert "p2" not in json.dumps(event[0]) and "p4" not in json.dumps(event[0])
    assert udpeg("person", "p2", "--export", db=reg.db).code == 2
    again = udpeg("purge", "--before", "2023-01-01", "--format", "json", db=reg.db).json()
    assert again["nominations_deleted"] == again["people_deleted"] == again["candidates_removed"] == 0


def test_purge_needs_a_date(tiny_reg, udpeg):
    r = udpeg("purge", db=tiny_reg.db)
    assert r.code == 2 and "--before" in r.err
    r = udpeg("purge", "--before", "31-02-2020", db=tiny_reg.db)
    assert r.code == 2 and "--before" in r.err


def test_person_export_gives_everything_held(make_registry, udpeg):
    reg = make_registry(sample=False, tree=_retention_tree())
    udpeg("end", "a1", "--date", "2023-01-01", "--reason", "resigned", db=reg.db)
    r = udpeg("person", "p1", "--export", db=reg.db)
    assert r.code == 0, r.err
    d = r.json()
    assert d["person"]["id"] == "p1" and d["person"]["name"] == "Person 1"
    assert [a["id"] for a in d["appointments"]] == ["a1"]
    assert [n["id"] for n in d["nominations"]] == ["old-used"]
    assert [e["action"] for e in d["audit_events"]] == ["end"]
    r = udpeg("person", "p0", "--export", db=reg.db)
    assert r.json()["person"]["contact"] == {"email": "p0@example.dk", "phone": "+45 12 34 56 78"}
    assert [n["id"] for n in udpeg("person", "p3", "--export", db=reg.db).json()["nominations"]] == ["old-unused", "new"]
    assert [o["office"] for o in udpeg("person", "mayor", "--export", db=reg.db).json()["offices"]] == ["mayor"]
    r = udpeg("person", "nobody", "--export", db=reg.db)
    assert r.code == 2 and "no person" in r.err


# --- both backends hold the same data -------------------------------------------------------------


def test_load_and_export_are_the_same_on_every_backend(sample_reg, udpeg, tmp_path):
    from backends import drop_reg, make_reg

    ref = make_reg("sqlite", tmp_path, udpeg, name="reference")
    try:
        want = json.loads(udpeg("export", "--format", "json", db=ref.db).out)
    finally:
        drop_reg(ref)
    out = udpeg("export", "--format", "json", db=sample_reg.db).out
    assert json.loads(out) == want
    p = tmp_path / "again.json"
    p.write_text(out, encoding="utf-8")
    assert udpeg("load", "--replace", str(p), db=sample_reg.db).code == 0
    assert json.loads(udpeg("export", "--format", "json", db=sample_reg.db).out) == want


def test_a_registry_from_a_newer_udpeg_is_refused_not_crashed(sample_reg, udpeg):
    con = sample_reg.raw()
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.close()
    r = udpeg("boards", db=sample_reg.db)
    assert r.code == 2 and "newer Udpeg" in r.err and "internal error" not in r.err
    assert sample_reg.scalar("SELECT version_num FROM alembic_version") == "9999"
