"""The Import screen (issue 19): a sheet run dry, its report read, then imported, all or nothing."""

from __future__ import annotations

import sqlite3

from textual.widgets import Button, Input, Static

from tests.test_import import malformed_csv, realistic
from tui_helpers import make_app, run_async, settle


@run_async
async def test_import_a_sheet_dry_run_first(sample_db, tmp_path, monkeypatch):
    from tui.screens.importing import ImportScreen

    monkeypatch.setenv("UDPEG_IMPORT_MAPPINGS", str(tmp_path / "mappings.json"))
    sheet = realistic(tmp_path / "udpegninger.xlsx")
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_import_sheet()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        screen.query_one("#path", Input).value = str(sheet)
        await settle(pilot)
        await pilot.press("ctrl+s")            # not before a dry run
        await settle(pilot)
        with sqlite3.connect(sample_db) as c:
            assert c.execute("select count(*) from person where name='Karen Testrup'").fetchone() == (0,)
        await pilot.press("ctrl+d")
        await app.workers.wait_for_complete()
        await settle(pilot)
        text = str(screen.query_one("#result", Static).render())
        assert "Would create: 1 board, 2 seat groups, 3 people, 4 appointments." in text
        assert "similarity 0.96; not merged" in text
        assert not screen.query_one("#run", Button).disabled
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert "Created: 1 board, 2 seat groups, 3 people, 4 appointments." in str(screen.query_one("#result", Static).render())
    with sqlite3.connect(sample_db) as c:
        assert c.execute("select count(*) from person where name='Karen Testrup'").fetchone() == (1,)
        assert c.execute("select count(*) from audit_event where action='import'").fetchone() == (1,)


@run_async
async def test_a_malformed_sheet_shows_its_problems_and_cannot_be_imported(sample_db, tmp_path):
    sheet = malformed_csv(tmp_path / "fejl.csv")
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_import_sheet()
        await settle(pilot)
        screen = app.screen
        screen.query_one("#path", Input).value = str(sheet)
        await pilot.press("ctrl+d")
        await app.workers.wait_for_complete()
        await settle(pilot)
        text = str(screen.query_one("#result", Static).render())
        assert "row 2, column Fra: '31-02-2026' is not a date" in text
        assert screen.query_one("#run", Button).disabled
