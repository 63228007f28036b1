"""Issue 16 items 8 and 9 in the UI: names and translated labels, keys that never type or run the
wrong thing, focus after Escape, the command palette, and layout at 80×24."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Static

from registry import service
from registry.db import open_registry, to_url
from registry.i18n import set_language
from tui_helpers import make_app, run_async, screen_text, settle
from tui.screens.board import BoardScreen
from tui.screens.boards import BoardsScreen
from tui.screens.dialogs import HelpScreen


def ctx_for(path):
    return service.Context(open_registry(to_url(str(path))), actor="setup")


@run_async
async def test_question_mark_and_slash_work_from_the_first_screen(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        filt = app.screen.query_one("#filter", Input)
        assert app.screen.focused is filt
        await pilot.press("slash")
        assert filt.value == ""                   # "/" means "filter", it types nothing
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert filt.value == ""


@run_async
async def test_letters_typed_after_setting_the_date_filter_and_run_no_command(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "d")
        date_field = app.screen.query_one("#on", Input)
        assert app.screen.focused is date_field
        date_field.value = "2026-03-01"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*"erhverv")             # "v" is Vacancies outside a field
        await settle(pilot)
        assert isinstance(app.screen, BoardsScreen)
        assert app.screen.query_one("#filter", Input).value == "erhverv"
        assert date_field.value == "2026-03-01"


@run_async
async def test_escape_from_a_board_returns_focus_where_it_was(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("escape")
        await settle(pilot)
        boards = app.screen
        assert boards.focused is boards.query_one(DataTable)
        await pilot.press("d")                    # the As-of key focuses the date; it does not replace it
        assert boards.query_one("#on", Input).value == "2026-03-27"


@run_async
async def test_palette_has_appoint_end_planner_and_person_commands(sample_db):
    from tui.app import UdpegCommands
    from tui.widgets.picker import PickerDialog

    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        provider = UdpegCommands(app.screen)
        await provider.startup()
        titles = {t: a for t, a, _h in provider.commands()}
        for wanted in ("board: appoint", "board: end appointment", "nominations: planner", "person: edit",
                       "person: add"):
            assert wanted in titles
        titles["board: appoint"]()
        await settle(pilot)
        assert isinstance(app.screen, PickerDialog)
        await pilot.press(*"erhvervshus", "enter")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen) and app.screen.board_id == "erhvervshus-nordjylland"


@run_async
async def test_nominations_show_seat_group_names_not_ids(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await pilot.press("down", "o")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        seats = {str(table.get_cell_at((i, 2))) for i in range(table.row_count)}
        assert "Virksomhedsrepræsentanter" in seats and "business" not in seats


@run_async
async def test_person_offices_and_end_reasons_are_translated_labels(sample_db):
    ctx = ctx_for(sample_db)
    service.end_appointment(ctx, "eh-2022-business-di", date(2026, 3, 27), "resigned")
    holder = service.person(ctx, next(a["person"] for a in service.board_members(
        ctx, "erhvervshus-nordjylland", date(2026, 3, 1), "business") if a["appointment"] == "eh-2022-business-di"))
    set_language("da")
    try:
        app = make_app(sample_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("down", "p")
            await settle(pilot)
            await pilot.press(*holder["name"].lower(), "down")
            await settle(pilot)
            text = str(app.screen.query_one("#detail", Static).render())
            assert "udtrådt" in text and "resigned" not in text
            assert "Virksomhedsrepræsentanter" in text
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("down", "p")
            await settle(pilot)
            await pilot.press(*"mikael klitgaard", "down")
            await settle(pilot)
            text = str(app.screen.query_one("#detail", Static).render())
            assert "Kommunalbestyrelsesmedlem, " in text and "council-member" not in text
    finally:
        set_language("en")


@run_async
async def test_audit_details_are_readable_lines_not_a_python_dict(sample_db):
    ctx = ctx_for(sample_db)
    service.save_person(ctx, "anna-aaen", {"party": "F"})
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "u")
        await settle(pilot)
        app.screen.query_one(DataTable).move_cursor(row=0)
        await settle(pilot)
        text = str(app.screen.query_one("#detail", Static).render())
        assert "edited person anna-aaen" in text
        assert "party: " in text and " → F" in text
        assert "{" not in text and "=" not in text and "version" not in text


@run_async
async def test_boards_at_80x24_long_names_end_in_ellipsis_and_the_name_takes_the_width(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = screen_text(app).splitlines()
        row = next(line for line in lines if "Business Region" in line)
        assert "…" in row
        cut = row.split("…")[0].strip(" ✓⚠✗")
        assert len(cut) >= 30                     # today: 23 characters and no "…"
    async with make_app(sample_db).run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        assert "Business Region North Denmark (BRN) – bestyrelse" in screen_text(pilot.app) or "…" not in \
            next(line for line in screen_text(pilot.app).splitlines() if "Business Region" in line)


@run_async
async def test_footer_never_cuts_a_key_in_danish_at_80_columns(sample_db):
    set_language("da")
    try:
        app = make_app(sample_db)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press(*"erhvervshus", "enter")
            await settle(pilot)
            footer = screen_text(app).splitlines()[-1]
            shown = footer.split("▏")[0]
            for b in app.screen.active_bindings.values():
                desc = b.binding.description
                if desc and desc[:3] in shown:
                    assert desc in shown, (desc, footer)
            assert "Genindlæ " not in footer and "Genindlæ▏" not in footer
    finally:
        set_language("en")


@run_async
async def test_appoint_candidate_box_shows_six_rows_at_80x24(sample_db):
    from textual.widgets import OptionList

    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"dialogforum", "enter")
        await settle(pilot)
        table = app.screen.query_one("#seats", DataTable)
        table.move_cursor(row=table.get_row_index("v:political:0"))
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("ctrl+f", *"a")           # every person with an "a": more hits than fit
        await settle(pilot)
        box = app.screen.query_one("#candidates", OptionList)
        assert box.option_count > 6
        assert box.scrollable_content_region.height >= 6      # today: 3 rows


@run_async
async def test_vacancy_headers_are_whole_words_in_danish_at_80x24(sample_db):
    set_language("da")
    try:
        app = make_app(sample_db)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("down", "v")
            await settle(pilot)
            header = next(line for line in screen_text(app).splitlines() if line.startswith(" Fra "))
            for word in ("Bestyrelse", "Pladskategori", "Ledige", "Valggruppe", "Periodens udløb"):
                assert word in header, header
            rows = [line for line in screen_text(app).splitlines() if "Dialogforum" in line]
            assert rows and "…" in rows[0]
    finally:
        set_language("en")
