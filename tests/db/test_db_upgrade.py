"""`udpeg db upgrade` with a next schema revision (written here, in a copy of the migrations):
a good one upgrades after a checked backup and loses nothing; a failing one leaves the
registry exactly as it was, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import registry
from registry.db import HEAD as CUR
from registry.db import known_revisions as _known

#: the revision this test writes: the one after today's head
NXT = f"{int(CUR) + 1:04d}"

GOOD = f'''
from alembic import op
import sqlalchemy as sa

revision = "{NXT}"
down_revision = "{CUR}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("nickname", sa.String(), nullable=True))
'''

BROKEN = GOOD + '''
    op.create_table("half_done", sa.Column("x", sa.Integer(), primary_key=True))
    op.execute("INSERT INTO half_done (x) VALUES (1)")
    raise RuntimeError("this migration breaks half-way")
'''


@pytest.fixture
def next_revision(tmp_path, monkeypatch):
    """install(body): make the migrations a copy with a next revision (NXT) of ``body``, known as HEAD."""
    import registry.db as dbm

    def install(body: str) -> None:
        folder = tmp_path / "migrations"
        shutil.copytree(Path(registry.__file__).parent / "migrations", folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
        (folder / "versions" / f"{NXT}_next.py").write_text(body, encoding="utf-8")
        real = dbm._alembic_config

        def config(engine):
            cfg = real(engine)
            cfg.set_main_option("script_location", str(folder))
            return cfg

        monkeypatch.setattr(dbm, "_alembic_config", config)
        monkeypatch.setattr(dbm, "HEAD", NXT)
        monkeypatch.setattr(dbm, "known_revisions", lambda: [*_known(), NXT])

    return install


def _columns(reg, table):
    from sqlalchemy import inspect

    return {c["name"] for c in inspect(reg.engine()).get_columns(table)}


def _tables(reg):
    from sqlalchemy import inspect

    return set(inspect(reg.engine()).get_table_names())


def test_upgrade_backs_up_first_and_loses_nothing(sample_reg, udpeg, next_revision, tmp_path):
    before = json.loads(udpeg("export", "--format", "json", db=sample_reg.db).out)
    counts = sample_reg.counts()
    next_revision(GOOD)
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    args = ["db", "upgrade"] + (["--backup-dir", str(dumps)] if sample_reg.backend == "postgresql" else [])
    r = udpeg(*args, db=sample_reg.db)
    assert r.code == 0, r.err
    assert f"from {CUR} to {NXT}" in r.err and "Backed up" in r.err
    assert sample_reg.scalar("SELECT version_num FROM alembic_version") == NXT
    assert "nickname" in _columns(sample_reg, "person")
    assert sample_reg.counts() == counts
    assert json.loads(udpeg("export", "--format", "json", db=sample_reg.db).out) == before
    con = sample_reg.raw()
    with pytest.raises(Exception, match="append-only"):
        con.execute("DELETE FROM audit_event")
    con.close()
    if sample_reg.backend == "sqlite":
        copies = list(tmp_path.glob("*.before-upgrade-*.db"))
        assert len(copies) == 1
        from registry.admin import check_sqlite_file

        assert check_sqlite_file(copies[0]) == CUR
    else:  # a pg_dump archive that pg_restore can read, holding the old schema
        import subprocess

        copies = list(dumps.glob("*.before-upgrade-*.dump"))
        assert len(copies) == 1
        listing = subprocess.run(["pg_restore", "--list", str(copies[0])], capture_output=True, text=True)
        assert listing.returncode == 0 and "TABLE public person" in listing.stdout
    r = udpeg("db", "upgrade", db=sample_reg.db)
    assert r.code == 0 and "nothing to do" in r.err


def test_a_failing_upgrade_leaves_the_registry_as_it_was(sample_reg, udpeg, next_revision):
    before = json.loads(udpeg("export", "--format", "json", db=sample_reg.db).out)
    counts = sample_reg.counts()
    tables = _tables(sample_reg)
    next_revision(BROKEN)
    r = udpeg("db", "upgrade", "--no-backup", db=sample_reg.db)
    assert r.code == 4, r.err
    assert "rolled back" in r.err and "breaks half-way" in r.err and "Traceback" not in r.err
    assert sample_reg.scalar("SELECT version_num FROM alembic_version") == CUR
    assert "nickname" not in _columns(sample_reg, "person")
    assert _tables(sample_reg) == tables  # no half_done, no _alembic_tmp_ leftovers
    assert sample_reg.counts() == counts
    con = sample_reg.raw()
    with pytest.raises(Exception, match="append-only"):
        con.execute("DELETE FROM audit_event")
    con.close()
    import registry.db as dbm

    dbm.HEAD = CUR  # read the registry with today's code (monkeypatch restores it anyway)
    assert json.loads(udpeg("export", "--format", "json", db=sample_reg.db).out) == before


def test_postgresql_upgrade_without_pg_dump_is_refused(postgres_only, sample_reg, udpeg, next_revision, monkeypatch):
    import registry.admin as admin

    next_revision(GOOD)
    monkeypatch.setattr(admin, "pg_dump_path", lambda: None)
    r = udpeg("db", "upgrade", db=sample_reg.db)
    assert r.code == 2 and "pg_dump" in r.err and "--no-backup" in r.err
    assert sample_reg.scalar("SELECT version_num FROM alembic_version") == CUR


def test_upgrade_backup_dir_must_exist(sample_reg, udpeg, tmp_path):
    r = udpeg("db", "upgrade", "--backup-dir", str(tmp_path / "nowhere"), db=sample_reg.db)
    assert r.code == 2 and "--backup-dir" in r.err
