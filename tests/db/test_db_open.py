"""Opening a registry (issue 11 "Outputs and writes that must be safe"; issue 13 points 2–5 and 9).

A registry is made only by ``udpeg init`` (and the first run of the default one); anything that
is not a Udpeg registry is refused with exit 2 and left byte for byte as it was; a read-only
registry can be read; an internal error says "nothing was written" only when that is true.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backends import TABLES, conninfo, pg_create_database, pg_drop_database
from registry.errors import RegistryError

NOMINATE = ("nominate", "--board", "erhvervshus-nordjylland", "--seat", "business", "--org", "di",
            "--candidate", "rikke-gandrup")
READING = (("boards", "--on", "2022-06-01", "--format", "json"), ("check", "--on", "2022-06-01", "--format", "json"),
           ("board", "erhvervshus-nordjylland", "--on", "2022-06-01", "--format", "json"),
           ("vacancies", "--on", "2022-06-01", "--format", "json"), ("export", "--format", "json"),
           ("people", "--format", "json"), ("person", "mogens-christen-gade", "--format", "json"),
           ("audit", "--format", "json"),
           ("whatif", "--board", "erhvervshus-nordjylland", "--seat", "business", "--person", "rikke-gandrup",
            "--start", "2026-04-01", "--format", "json"))


def _files(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` with its bytes (journal files beside a database included)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _pg_tables(url: str) -> list[str]:
    import psycopg

    with psycopg.connect(conninfo(url), autocommit=True) as c:
        return sorted(r[0] for r in c.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))


@contextmanager
def _pg_database():
    url = pg_create_database()
    try:
        yield url
    finally:
        pg_drop_database(url)


# --- 1. a registry is made only by init ------------------------------------------------------


@pytest.mark.parametrize("args", [("boards",), ("check",), ("load", "people.toml"), NOMINATE + ("--round", "2026-04-01"),
                                  ("export",), ("backup", "copy.db"), ("db", "upgrade")])
def test_a_missing_registry_is_not_created(udpeg, tmp_path, args):
    for db in (tmp_path / "x.db", tmp_path / "no-folder" / "x.db"):
        r = udpeg(*args, db=db)
        assert r.code == 2, (args, r.err)
        assert "There is no registry at" in r.err and "udpeg init" in r.err, r.err
        assert "Traceback" not in r.err
        assert not db.exists() and not db.parent.with_name("no-folder").exists()
        assert not list(tmp_path.glob("x.db*"))


def test_load_into_a_missing_registry_points_at_init_empty(udpeg, tmp_path):
    data = tmp_path / "people.toml"
    data.write_text('format = "udpeg/1"\n[[people]]\nid = "x"\nname = "X"\n', encoding="utf-8")
    r = udpeg("load", data, db=tmp_path / "new.db")
    assert r.code == 2 and "udpeg init --empty" in r.err
    assert not (tmp_path / "new.db").exists()
    assert udpeg("init", "--empty", db=tmp_path / "new.db").code == 0
    assert udpeg("load", data, db=tmp_path / "new.db").code == 0
    assert [p["id"] for p in udpeg("people", "--format", "json", db=tmp_path / "new.db").json()] == ["x"]


def test_an_empty_file_counts_as_no_registry_and_init_fills_it(udpeg, tmp_path):
    """0 bytes, or an SQLite database without a table: nothing to read, nothing of anyone's to lose."""
    zero = tmp_path / "zero.db"
    zero.touch()
    blank = tmp_path / "blank.db"
    sqlite3.connect(blank).execute("VACUUM").connection.close()
    for db in (zero, blank):
        before = db.read_bytes()
        r = udpeg("boards", db=db)
        assert r.code == 2 and "There is no registry" in r.err
        assert db.read_bytes() == before
        assert udpeg("init", db=db).code == 0
        assert len(udpeg("boards", "--on", "2022-06-01", "--format", "json", db=db).json()) == 9


def test_the_ui_on_a_missing_registry_is_refused_before_it_starts(udpeg, tmp_path):
    r = udpeg("--db", str(tmp_path / "x.db"), "tui")
    assert r.code == 2 and "There is no registry" in r.err
    assert not (tmp_path / "x.db").exists()


def test_the_ui_on_a_foreign_or_unversioned_database_is_refused_before_it_starts(udpeg, sample_db, tmp_path):
    """The UI's precheck (stdlib only, before the first paint) judges the file as open_registry does."""
    foreign = _browser_history(tmp_path / "places.sqlite")
    con = sqlite3.connect(sample_db)
    con.execute("DROP TABLE alembic_version")
    con.close()
    for db, says in ((foreign, "not a Udpeg registry"), (sample_db, "no schema version")):
        before = db.read_bytes()
        for args in (("--db", str(db)), ("--db", str(db), "tui")):
            r = udpeg(*args)
            assert r.code == 2 and says in r.err, r.err
        assert db.read_bytes() == before


def test_an_empty_postgresql_database_is_not_filled_but_by_init(postgres_only, udpeg):
    with _pg_database() as url:
        for args in (("boards",), ("load", "x.toml"), NOMINATE + ("--round", "2026-04-01")):
            r = udpeg(*args, db=url)
            assert r.code == 2 and "There is no registry" in r.err, (args, r.err)
        assert _pg_tables(url) == []
        assert udpeg("init", "--empty", db=url).code == 0
        assert set(TABLES) <= set(_pg_tables(url))


# --- 2. every check runs before the commit; the internal-error message tells the truth ----------


def test_a_nomination_for_an_impossible_round_is_refused_and_nothing_is_kept(sample_reg, udpeg):
    before = sample_reg.counts()
    for day in ("9999-12-31", "0001-01-01", "2200-01-01"):
        r = udpeg(*NOMINATE, "--round", day, db=sample_reg.db)
        assert r.code == 2, r.err
        assert "--round" in r.err and "outside the dates" in r.err
        assert sample_reg.counts() == before


def test_a_failure_while_judging_a_nomination_rolls_it_back(sample_reg, udpeg, monkeypatch):
    """The findings are worked out inside the transaction: if they cannot be, nothing is kept,
    and the internal error's "nothing was written" is then true."""
    from registry import service

    def broken(*_a, **_k):
        raise ValueError("year 10002 is out of range")

    monkeypatch.setattr(service, "evaluate", broken)
    before = sample_reg.counts()
    r = udpeg(*NOMINATE, "--round", "2026-04-01", db=sample_reg.db)
    assert r.code == 4
    assert "nothing was written" in r.err
    assert sample_reg.counts() == before


def test_an_internal_error_after_a_commit_does_not_claim_nothing_was_written(sample_reg, udpeg, monkeypatch):
    from registry.cli import changes

    def broken(*_a, **_k):
        raise RuntimeError("printing failed")

    monkeypatch.setattr(changes, "print_findings", broken)
    before = sample_reg.counts()
    r = udpeg(*NOMINATE, "--round", "2026-04-01", db=sample_reg.db)
    assert r.code == 4
    assert sample_reg.counts()["nomination"] == before["nomination"] + 1  # it was written …
    assert "nothing was written" not in r.err                              # … and the message says so
    assert "may have been written" in r.err and "udpeg audit" in r.err
    again = udpeg("boards", "--format", "json", db=sample_reg.db, env={"UDPEG_TODAY": "2026-02-30"})
    assert again.code == 2  # a later command in the same process is judged on its own commits


# --- 3. a database that is not a Udpeg registry is refused and left as it was -----------------


def _browser_history(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.executescript("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT, title TEXT);"
                      "CREATE TABLE moz_historyvisits (id INTEGER PRIMARY KEY, place_id INTEGER, visit_date INTEGER);"
                      "INSERT INTO moz_places (url, title) VALUES ('https://kl.dk', 'KL');")
    con.close()
    return path


@pytest.mark.parametrize("args", [("boards",), ("init",), ("init", "--empty"), ("load", "x.toml"), ("check",),
                                  ("db", "upgrade"), ("db", "stamp"), NOMINATE + ("--round", "2026-04-01")])
def test_a_foreign_sqlite_file_is_refused_unchanged(udpeg, tmp_path, args):
    folder = tmp_path / "profile"
    folder.mkdir()
    db = _browser_history(folder / "places.sqlite")
    before = _files(folder)
    r = udpeg(*args, db=db)
    assert r.code == 2, (args, r.err)
    assert "not a Udpeg registry" in r.err and "moz_places" in r.err, r.err
    assert _files(folder) == before  # byte for byte, and no journal files left beside it


def test_a_file_that_is_not_sqlite_is_refused_unchanged(udpeg, tmp_path):
    db = tmp_path / "notes.db"
    db.write_text("my notes\n")
    for args in (("boards",), ("init",)):
        r = udpeg(*args, db=db)
        assert r.code == 2 and "not a Udpeg registry" in r.err
        assert db.read_text() == "my notes\n"


def test_a_foreign_postgresql_database_is_refused_unchanged(postgres_only, udpeg):
    import psycopg

    with _pg_database() as url:
        with psycopg.connect(conninfo(url), autocommit=True) as c:
            c.execute("CREATE TABLE orders (id int PRIMARY KEY, total numeric)")
            c.execute("INSERT INTO orders VALUES (1, 9.5)")
        for args in (("boards",), ("init",), ("load", "x.toml")):
            r = udpeg(*args, db=url)
            assert r.code == 2 and "not a Udpeg registry" in r.err and "orders" in r.err, (args, r.err)
        assert _pg_tables(url) == ["orders"]


# --- 4. a read-only registry can be read ---------------------------------------------------------


@contextmanager
def _read_only(folder: Path):
    """Make ``folder`` and its files unwritable for this process, root included.

    Not root: chmod. Root passes over permission bits, so the files and the folder are made
    immutable (``chattr +i``), which binds root too and is what a read-only share looks like
    to the process (``access(W_OK)`` fails, opening for writing fails)."""
    files = [p for p in folder.iterdir() if p.is_file()]
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [*files, folder]}
        for p in files:
            p.chmod(0o444)
        folder.chmod(0o555)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    done = subprocess.run(["chattr", "+i", *map(str, files), str(folder)], capture_output=True, text=True)
    assert done.returncode == 0, f"running as root, the test needs chattr +i to make a read-only registry: {done.stderr}"
    try:
        assert not os.access(files[0], os.W_OK)
        yield
    finally:
        subprocess.run(["chattr", "-i", *map(str, files), str(folder)], check=True)


@pytest.fixture
def read_only_copy(sqlite_only, sample_reg, tmp_path):
    """A copy of the sample registry (as left by a command: in WAL mode, no -wal/-shm files) in a
    folder this process may not write to, and the writable original to compare with."""
    folder = tmp_path / "share"
    folder.mkdir()
    copy = folder / "registry.db"
    shutil.copy(sample_reg.path, copy)
    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()  # the last connection: SQLite removes the -wal and -shm files
    assert [p.name for p in folder.iterdir()] == ["registry.db"]
    with _read_only(folder):
        yield copy, sample_reg.path


def test_a_read_only_registry_can_be_read(read_only_copy, udpeg):
    copy, original = read_only_copy
    before = _files(copy.parent)
    for args in READING:
        r = udpeg(*args, db=copy)
        want = udpeg(*args, db=original)
        assert r.code == want.code and r.code in (0, 1), (args, r.err)
        assert r.json() == want.json(), args
    out = copy.parent.parent
    r = udpeg("backup", str(out / "copy.db"), db=copy)
    assert r.code == 0, r.err
    assert udpeg("boards", "--on", "2022-06-01", "--format", "json", db=out / "copy.db").json() == \
        udpeg("boards", "--on", "2022-06-01", "--format", "json", db=original).json()
    r = udpeg("report", "annual", "-o", str(out / "annual.html"), db=copy)
    assert r.code == 0, r.err
    assert _files(copy.parent) == before


def test_writing_to_a_read_only_registry_says_why_not(read_only_copy, udpeg, tmp_path):
    copy, _original = read_only_copy
    data = tmp_path / "people.toml"
    data.write_text('format = "udpeg/1"\n[[people]]\nid = "x"\nname = "X"\n', encoding="utf-8")
    before = _files(copy.parent)
    for args in (NOMINATE + ("--round", "2026-04-01"), ("load", str(data)), ("purge", "--before", "2023-01-01")):
        r = udpeg(*args, db=copy)
        assert r.code == 2, (args, r.err)
        assert "read-only" in r.err and "nothing was written" in r.err, r.err
    assert _files(copy.parent) == before


# --- 5. bad environment and bad URLs are bad input, not internal errors ------------------------


@pytest.mark.parametrize("value", ["garbage", "2026-02-30", "9999-12-31", "0001-01-01"])
def test_a_bad_udpeg_today_is_bad_input(sample_db, udpeg, value):
    for args in (("boards",), ("vacancies",), ("check",)):
        r = udpeg(*args, db=sample_db, env={"UDPEG_TODAY": value})
        assert r.code == 2, (value, args, r.err)
        assert f"UDPEG_TODAY={value}" in r.err and "internal error" not in r.err


def test_udpeg_today_still_works(sample_db, udpeg):
    a = udpeg("boards", "--format", "json", db=sample_db, env={"UDPEG_TODAY": "27-03-2026"})
    b = udpeg("boards", "--on", "2026-03-27", "--format", "json", db=sample_db)
    assert a.code == 0 and a.out == b.out


@pytest.mark.parametrize("url, says", [("mysql://u:p@localhost/reg", "SQLite or PostgreSQL, not mysql"),
                                       ("://", "neither a file path nor a database URL"),
                                       ("oracle+cx://x/y", "SQLite or PostgreSQL, not oracle"),
                                       ("sqlite://", "in memory")])
def test_a_database_url_udpeg_cannot_use_is_bad_input(udpeg, url, says):
    for args in (("init",), ("boards",), ("db", "upgrade")):
        r = udpeg(*args, db=url)
        assert r.code == 2, (url, args, r.err)
        assert says in r.err and "internal error" not in r.err


def test_a_postgresql_server_that_refuses_the_connection_is_bad_input(postgres_only, udpeg):
    """The test server trusts every connection from 127.0.0.1, so a wrong password cannot be
    tried on it; an unknown role, an unknown database and a closed port fail at the same
    place (psycopg's connect) as a wrong password does."""
    for url, says in (("postgresql+psycopg://no_such_role:secret@127.0.0.1:5432/postgres", 'role "no_such_role"'),
                      ("postgresql+psycopg://postgres@127.0.0.1:5432/no_such_database_here", "no_such_database_here"),
                      ("postgresql+psycopg://postgres@127.0.0.1:1/x", "port 1")):
        for args in (("init",), ("init", "--empty"), ("boards",)):
            r = udpeg(*args, db=url)
            assert r.code == 2, (url, args, r.err)
            assert "Cannot open the database" in r.err and says in r.err, r.err
            assert "secret" not in r.err and "Background on this error" not in r.err


# --- 9. a registry without its schema version -----------------------------------------------------


def _drop_version(reg) -> None:
    con = reg.raw()
    con.execute("DROP TABLE alembic_version")
    con.close()


def _snapshot(reg):
    return _files(reg.path.parent) if reg.backend == "sqlite" else (_pg_tables(reg.url), reg.counts())


def test_a_registry_without_its_schema_version_is_refused_not_rebuilt(sample_reg, udpeg):
    _drop_version(sample_reg)
    before = _snapshot(sample_reg)
    for args in (("boards",), ("check",), ("init",), ("load", "x.toml"), ("db", "upgrade")):
        r = udpeg(*args, db=sample_reg.db)
        assert r.code == 2, (args, r.err)
        assert "no schema version" in r.err and "udpeg db stamp" in r.err, r.err
        assert "already exists" not in r.err
    assert _snapshot(sample_reg) == before


def test_db_stamp_puts_back_the_version_of_a_registry_that_lost_it(sample_reg, udpeg):
    want = udpeg("boards", "--on", "2022-06-01", "--format", "json", db=sample_reg.db).json()
    _drop_version(sample_reg)
    r = udpeg("db", "stamp", db=sample_reg.db)
    assert r.code == 0, r.err
    from registry.db import HEAD

    assert sample_reg.scalar("SELECT version_num FROM alembic_version") == HEAD
    assert udpeg("boards", "--on", "2022-06-01", "--format", "json", db=sample_reg.db).json() == want
    r = udpeg("db", "stamp", db=sample_reg.db)
    assert r.code == 2 and "already has schema version" in r.err


def test_db_stamp_refuses_tables_that_are_not_this_schema(sample_reg, udpeg):
    _drop_version(sample_reg)
    con = sample_reg.raw()
    con.execute("ALTER TABLE person ADD COLUMN nickname TEXT")
    con.close()
    before = _snapshot(sample_reg)
    r = udpeg("db", "stamp", db=sample_reg.db)
    assert r.code == 2 and "not those of schema" in r.err and "nickname" in r.err, r.err
    assert _snapshot(sample_reg) == before


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_udpeg_today_and_date_options_take_exactly_the_days_udpeg_keeps(monkeypatch, day):
    """1900-01-01 to 2199-12-31 (docs/dataset.md), in either accepted spelling; every other day is bad input."""
    import typer

    from registry.cli.app import parse_day, today

    inside = date(1900, 1, 1) <= day <= date(2199, 12, 31)
    for text in (day.isoformat(), f"{day.day:02d}-{day.month:02d}-{day.year:04d}"):
        monkeypatch.setenv("UDPEG_TODAY", text)
        if inside:
            assert today() == day and parse_day(text) == day
        else:
            with pytest.raises(RegistryError, match="UDPEG_TODAY"):
                today()
            with pytest.raises(typer.BadParameter, match="outside the dates"):
                parse_day(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=12))
def test_any_udpeg_today_is_a_day_or_a_sentence(monkeypatch, text):
    from registry.cli.app import today

    if "\x00" in text:
        return  # an environment variable cannot hold NUL
    monkeypatch.setenv("UDPEG_TODAY", text)
    try:
        got = today()
    except RegistryError as exc:
        from registry.i18n import shown

        assert str(exc).startswith(f"UDPEG_TODAY={shown(text)} ")   # control characters shown escaped
    else:
        assert not text.strip() or date(1900, 1, 1) <= got <= date(2199, 12, 31)
