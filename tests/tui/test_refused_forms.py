"""A form whose input a dataset load would refuse stays open with what was typed, and says why
in the loader's own words (issue 11, "Every write validates like a dataset load")."""

from __future__ import annotations

from textual.widgets import Button, Input

from tui_helpers import make_app, run_async, settle

LOADER_ID_SENTENCE = "'Bad Id' is not a valid id (lowercase letters, digits and '-')"


def _people_ids(db) -> set[str]:
    from registry import service
    from registry.db import open_registry, to_url

    engine = open_registry(to_url(str(db)))
    try:
        return {p["id"] for p in service.people(service.Context(engine, actor="test"))}
    finally:
        engine.dispose()


@run_async
async def test_person_form_refuses_a_bad_id_and_stays_open(sample_db):
    from tui.screens.dialogs import PersonDialog

    before = _people_ids(sample_db)
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "p")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PersonDialog)
        dialog.query_one("#pid", Input).value = "Bad Id"
        dialog.query_one("#name", Input).value = "Kim Nord"
        await pilot.click("#ok")
        await settle(pilot)
        assert app.screen is dialog                                   # still open …
        assert dialog.query_one("#pid", Input).value == "Bad Id"      # … with what was typed
        assert dialog.query_one("#name", Input).value == "Kim Nord"
        # the loader's sentence, beside the form (no longer a passing notification)
        shown = " ".join(str(w.render()) for w in dialog.query(".field-error"))
        assert LOADER_ID_SENTENCE in shown, shown
        # put right, it saves
        dialog.query_one("#pid", Input).value = "kim-nord"
        dialog.query_one("#ok", Button).press()      # (the notice may cover the button: press it)
        await settle(pilot)
        assert app.screen is not dialog
    assert _people_ids(sample_db) == before | {"kim-nord"}


