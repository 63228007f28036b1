"""Launching the UI from the command line: the short path that skips building the Typer app.

``udpeg``, ``udpeg tui`` and the same with global options open the UI straight away
(``registry.cli.app.ui_launch``); every other command line goes through Typer. The two must agree:
the same options, the same environment variables, and Typer's messages for anything wrong.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from registry.cli import app as cli


@pytest.fixture
def opened(monkeypatch):
    """Replace the UI by a recorder of the State it would have been opened with."""
    seen = []
    monkeypatch.setattr(cli, "open_tui", seen.append)
    monkeypatch.delenv("UDPEG_USER", raising=False)
    return seen


@pytest.mark.parametrize("args", [
    [], ["tui"], ["--db", "x.db"], ["--db=x.db", "tui"], ["--lang", "da", "--db", "x.db", "--as", "Ann", "tui"],
    ["--as=Ann", "--lang=en"],
])
def test_a_plain_ui_launch_skips_typer(args):
    assert cli.ui_launch(args) is not None


@pytest.mark.parametrize("args", [
    ["--help"], ["-h"], ["tui", "--help"], ["boards"], ["--version"], ["--lang", "xx"], ["--lang=DA"],
    ["--db"], ["--db="], ["--db", "a.db", "--db", "b.db"], ["--db", "-x"], ["tui", "--db", "x.db"],
    ["tui", "tui"], ["--bogus"], ["--db", "x.db", "--", "tui"],
])
def test_anything_else_goes_through_typer(args):
    assert cli.ui_launch(args) is None


@pytest.mark.parametrize("args", [[], ["tui"], ["--db", "x.db", "--lang", "da", "--as", "Ann", "tui"], ["--lang=da"]])
@pytest.mark.parametrize("env", [{}, {"UDPEG_USER": "env-user", "UDPEG_DB": "env.db", "UDPEG_LANG": "da"}])
def test_the_short_path_opens_the_ui_as_typer_would(opened, monkeypatch, args, env):
    from registry.i18n import set_language

    for k, v in env.items():
        monkeypatch.setenv(k, v)
    try:
        assert cli.run(args) == 0
        cli._register()
        cli.app(args=args, prog_name="udpeg", standalone_mode=False)
    finally:
        set_language("en")
    short, typer_ = opened
    assert (short.db, short.lang, short.actor) == (typer_.db, typer_.lang, typer_.actor)


def test_root_options_match_the_typer_callback():
    from typer.main import get_command

    cli._register()
    params = {p.opts[0]: p.envvar for p in get_command(cli.app).params if p.envvar}
    assert params == {option: env for option, (_name, env) in cli.ROOT_OPTIONS.items()}


def test_a_bad_value_reads_as_typer_says_it(udpeg, monkeypatch):
    r = udpeg("--lang", "xx", "tui")
    assert r.code == 2 and "Invalid value for --lang" in r.err
    monkeypatch.setenv("UDPEG_LANG", "fr")
    r = udpeg("tui")
    assert r.code == 2 and "'fr': use da or en" in r.err


def test_a_registry_that_cannot_work_is_refused_before_the_ui_starts(udpeg, tmp_path):
    r = udpeg("--db", str(tmp_path), "tui")
    assert r.code == 2 and "is a folder" in r.err
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("hello")
    r = udpeg("--db", str(not_sqlite))
    assert r.code == 2 and "not a Udpeg registry" in r.err
    r = udpeg("--db", str(tmp_path / "missing" / "x.db"), "tui")
    assert r.code == 2 and "does not exist" in r.err


_FIRST_PAINT = """
import sys
from textual.app import App
import tui.screens.boards as boards

boards.BoardsScreen.reload = lambda self, append=False: None   # no worker: what the first paint needs

async def auto_pilot(pilot):
    await pilot.pause()
    heavy = ('sqlalchemy', 'sqlmodel', 'pydantic', 'registry.service', 'tui.screens.appoint')
    print(type(pilot.app.screen).__name__, sorted(m for m in heavy if m in sys.modules))
    pilot.app.exit()

run = App.run
App.run = lambda self, **kw: run(self, headless=True, size=(120, 40), auto_pilot=auto_pilot)
from tui.launch import main
main(['--db', sys.argv[1], 'tui'])
"""


def test_the_first_paint_imports_no_database_code_nor_typers_parser(sample_db):
    """The Boards screen paints before SQLAlchemy, SQLModel or pydantic are imported (quality.md P4)."""
    out = subprocess.run([sys.executable, "-c", _FIRST_PAINT, str(sample_db)], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "BoardsScreen []"
