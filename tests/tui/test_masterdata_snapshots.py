"""Snapshots of the master data screens and forms (issue 16) at 80×24 and 200×60."""

from __future__ import annotations

import pytest

from test_snapshots import SIZES, walk
from tui_helpers import assert_snapshot, make_app, run_async

JOURNEYS = {
    "organisations": ["down", "g"],
    "organisation-form": ["down", "g", "ctrl+n"],
    "board-form": ["ctrl+n"],
    "retire-form": [*"hospice", "down", "x"],
    "seat-group-form": [*"hospice", "down", "c"],
    "offices-dialog": ["down", "p", *"anna aaen", "down", "ctrl+o"],
    "meetings": ["down", "t"],
    "meeting-form": ["down", "t", "ctrl+n"],
    "council-groups": ["down", "k"],
    "council-group-form": ["down", "k", "ctrl+n"],
    "allot-dialog": ["down", "k", "h"],
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", JOURNEYS)
@run_async
async def test_masterdata_screen(sample_db, screen, size):
    app = make_app(sample_db)
    async with app.run_test(size=SIZES[size]) as pilot:
        await walk(app, pilot, JOURNEYS[screen])
        assert_snapshot(app, f"md-{screen}-{size}")


@pytest.mark.parametrize("screen", ["organisations", "meetings", "council-groups", "board-form", "offices-dialog", "seat-group-form"])
@run_async
async def test_masterdata_screen_in_danish(sample_db, screen):
    from registry.i18n import set_language

    set_language("da")
    try:
        app = make_app(sample_db)
        async with app.run_test(size=(80, 24)) as pilot:
            await walk(app, pilot, JOURNEYS[screen])
            assert_snapshot(app, f"md-{screen}-80x24-da")
    finally:
        set_language("en")
