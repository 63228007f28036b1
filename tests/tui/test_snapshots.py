"""Snapshot tests: every screen at 80×24 and 200×60, fixed "today", no blinking cursor.

Goldens live in ``snapshots/`` (plain text compared, SVG kept beside it for people).
``UDPEG_UPDATE_SNAPSHOTS=1`` rewrites them.
"""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from tui_helpers import assert_snapshot, make_app, run_async, settle

SIZES = {"80x24": (80, 24), "200x60": (200, 60)}

# screen name → keys to reach it from the Boards screen ("#key" moves the seats cursor to a row key)
JOURNEYS = {
    "boards": [],
    "board-seats": list("erhvervshus") + ["enter"],
    "board-findings": list("erhvervshus") + ["enter", "2"],
    "board-gender": list("erhvervshus") + ["enter", "3"],
    "board-history": list("erhvervshus") + ["enter", "4"],
    "board-next": list("erhvervshus") + ["enter", "5"],
    "appoint": list("dialogforum") + ["enter", "#v:political:0", "a", "ctrl+f", *"birthe", "down"],
    "override-dialog": list("dialogforum") + ["enter", "#v:political:0", "a", "ctrl+f", *"birthe", "down", "ctrl+s"],
    "end-dialog": list("erhvervshus") + ["enter", "#m:eh-2022-business-di", "e"],
    "nominations": ["down", "o"],
    "nomination-dialog": ["down", "o", "ctrl+n"],
    "picker-organisations": ["down", "o", "ctrl+n", "enter"],
    "person-dialog": ["down", "p", "ctrl+n"],
    "people": ["down", "p"],
    "vacancies": ["down", "v"],
    "audit": ["down", "u"],
    "help": ["down", "f1"],
    "planner": ["down", "o", "l"],
    "reports": ["down", "r"],
}


async def walk(app, pilot, keys) -> None:
    await settle(pilot)
    for key in keys:
        if key.startswith("#"):
            table = app.screen.query_one("#seats", DataTable)
            table.move_cursor(row=table.get_row_index(key[1:]))
        else:
            await pilot.press(key)
        await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", JOURNEYS)
@run_async
async def test_screen(sample_db, screen, size):
    app = make_app(sample_db)
    async with app.run_test(size=SIZES[size]) as pilot:
        await walk(app, pilot, JOURNEYS[screen])
        assert_snapshot(app, f"{screen}-{size}")


@pytest.mark.parametrize("screen", ["boards", "board-seats", "board-findings", "appoint", "vacancies"])
@run_async
async def test_screen_in_danish(sample_db, screen):
    from registry.i18n import set_language

    set_language("da")
    try:
        app = make_app(sample_db)
        async with app.run_test(size=(80, 24)) as pilot:
            await walk(app, pilot, JOURNEYS[screen])
            assert_snapshot(app, f"{screen}-80x24-da")
    finally:
        set_language("en")
