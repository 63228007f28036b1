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
        shown = [str(n.message) for n in app._notifications]
        assert f"person.id: {LOADER_ID_SENTENCE}" in shown, shown
        # put right, it saves
        dialog.query_one("#pid", Input).value = "kim-nord"
        dialog.query_one("#ok", Button).press()      # (the notice may cover the button: press it)
        await settle(pilot)
        assert app.screen is not dialog
    assert _people_ids(sample_db) == before | {"kim-nord"}


@run_async
async def test_nomination_form_refuses_a_bad_organisation_id_and_stays_open(sample_db):
    from tui.screens.dialogs import NominationDialog
    from tui.screens.nominations import NominationsScreen

    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "o")
        await settle(pilot)
        assert isinstance(app.screen, NominationsScreen)
        await pilot.press("ctrl+n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NominationDialog)
        dialog.query_one("#board", Input).value = "erhvervshus-nordjylland"
        dialog.query_one("#seat").value = "business"
        dialog.query_one("#round", Input).value = "2026-04-01"
        dialog.query_one("#orgs", Input).value = "Bad Id"
        dialog.query_one("#cands", Input).value = "richard-fynbo"
        await pilot.click("#ok")
        await settle(pilot)
        assert app.screen is dialog
        assert dialog.query_one("#orgs", Input).value == "Bad Id"
        shown = [str(n.message) for n in app._notifications]
        assert f"nomination.organisations[0]: {LOADER_ID_SENTENCE}" in shown, shown
        dialog.query_one("#round", Input).value = "9999-12-31"
        dialog.query_one("#orgs", Input).value = "di"
        dialog.query_one("#ok", Button).press()
        await settle(pilot)
        assert app.screen is dialog
        shown = [str(n.message) for n in app._notifications]
        assert "'9999-12-31' is outside the dates Udpeg keeps (1900-01-01 to 2199-12-31)" in shown, shown


@run_async
async def test_person_form_opens_again_with_what_was_typed_when_the_registry_refuses_it(sample_db):
    """An unknown municipality is refused by the registry itself (not by the form): the form opens again."""
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
        dialog.query_one("#pid", Input).value = "kim-nord"
        dialog.query_one("#name", Input).value = "Kim Nord"
        dialog.query_one("#municipality", Input).value = "atlantis"
        await pilot.click("#ok")
        await settle(pilot)
        again = app.screen
        assert isinstance(again, PersonDialog)
        assert [again.query_one(f"#{w}", Input).value for w in ("pid", "name", "municipality")] == \
            ["kim-nord", "Kim Nord", "atlantis"]
        assert any("There is no municipality with id atlantis." in str(n.message) for n in app._notifications)
    assert _people_ids(sample_db) == before


@run_async
async def test_nomination_form_opens_again_with_what_was_typed_when_the_registry_refuses_it(sample_db):
    from tui.screens.dialogs import NominationDialog

    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "o")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#board", Input).value = "erhvervshus-nordjylland"
        dialog.query_one("#seat").value = "business"
        dialog.query_one("#round", Input).value = "2026-04-01"
        dialog.query_one("#orgs", Input).value = "no-such-org"
        dialog.query_one("#cands", Input).value = "richard-fynbo"
        dialog.query_one("#reasons", Input).value = "ingen kvinder"
        await pilot.click("#ok")
        await settle(pilot)
        again = app.screen
        assert isinstance(again, NominationDialog)
        assert [again.query_one(f"#{w}", Input).value for w in ("board", "orgs", "cands", "reasons")] == \
            ["erhvervshus-nordjylland", "no-such-org", "richard-fynbo", "ingen kvinder"]
        assert str(again.query_one("#seat").value) == "business"
        assert any("There is no organisation with id no-such-org." in str(n.message) for n in app._notifications)
