"""Pilot journeys through the main tasks of the secretariat (no sleeps: wait on workers)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from registry import model as m
from registry import service
from registry.db import open_registry, read_session, to_url
from textual.widgets import DataTable, Input, OptionList, Select, Static

from tui_helpers import TODAY, make_app, run_async, screen_text, settle
from tui.screens.appoint import AppointScreen
from tui.screens.board import BoardScreen
from tui.screens.dialogs import NominationDialog, OverrideReasonDialog
from tui.screens.nominations import NominationsScreen
from tui.screens.vacancies import VacanciesScreen


def ctx_for(path):
    return service.Context(open_registry(to_url(str(path))), actor="setup")


def select_row(table: DataTable, key: str) -> None:
    table.move_cursor(row=table.get_row_index(key))


async def open_board_at(pilot, app, name: str, row: str):
    """Find the board by typing ``name``, open it and select ``row`` of its seats; the board screen."""
    await settle(pilot)
    await pilot.press(*name, "enter")
    await settle(pilot)
    board = app.screen
    select_row(board.query_one("#seats", DataTable), row)
    return board


def static_text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


@run_async
async def test_find_a_board_by_typing_and_open_it(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(DataTable).row_count == 9
        await pilot.press(*"erhvervshus")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        text = screen_text(app)
        assert "Erhvervshus Nordjylland" in text
        assert "Birthe Dyrberg" in text


@run_async
async def test_as_of_date_re_evaluates(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        on = app.screen.query_one("#on", Input)
        on.value = "2026-04-01"
        on.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.on_date == date(2026, 4, 1)
        row = next(r for r in app.screen.rows if r["id"] == "erhvervshus-nordjylland")
        assert row["counted"] < 11          # the 2022 terms ended on 2026-03-31


@run_async
async def test_appoint_nominated_woman_fixes_gender_shortfall(sample_db):
    ctx = ctx_for(sample_db)
    # A man and a woman leave the business seats: 3 women, 6 men of 9 counted → dk-ligelig needs 4.
    service.end_appointment(ctx, "eh-2022-business-di", date(2026, 3, 27), "resigned")
    service.end_appointment(ctx, "eh-2022-business-dansk-erhverv", date(2026, 3, 27), "resigned")
    service.nominate(ctx, service.NominationInput(board="erhvervshus-nordjylland", seat="business",
                                                  round=date(2026, 4, 1), organisations=("di",),
                                                  candidates=("anna-aaen", "asger-andersen")))
    app = make_app(sample_db, today=date(2026, 3, 28))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*"erhvervshus", "enter")
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert any(f.rule == "gender-balance" for f in board.view.findings)
        table = board.query_one("#seats", DataTable)
        select_row(table, "v:business:0")
        await pilot.press("a")
        await settle(pilot)
        appoint = app.screen
        assert isinstance(appoint, AppointScreen)
        options = appoint.query_one("#candidates", OptionList)
        first = options.get_option_at_index(0)
        assert "Anna Aaen" in str(first.prompt) and "★" in str(first.prompt)   # nominated first
        options.highlighted = 0
        await settle(pilot)
        result = appoint.result[1]
        assert any(f.rule == "gender-balance" for f in result.diff.resolved)
        assert "Resolved" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is board
        await settle(pilot)
        assert not any(f.rule == "gender-balance" for f in board.view.findings)
        assert "Anna Aaen" in screen_text(app)


@run_async
async def test_appointment_breaking_eligibility_needs_a_reason_in_the_audit(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        board = await open_board_at(pilot, app, "dialogforum", "v:political:0")
        await pilot.press("a")
        await settle(pilot)
        appoint = app.screen
        assert isinstance(appoint, AppointScreen)
        await pilot.press("ctrl+f", *"birthe")
        await settle(pilot)
        options = appoint.query_one("#candidates", OptionList)
        options.focus()
        options.highlighted = 0
        await settle(pilot)
        assert appoint.chosen.person == "birthe-dyrberg"
        assert appoint.result[1].diff.adds_error
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, OverrideReasonDialog)
        await pilot.press("enter")           # no reason: still blocked
        await settle(pilot)
        assert app.screen is dialog
        with read_session(app.ctx.engine) as s:
            assert s.execute(select(m.Appointment).where(m.Appointment.person == "birthe-dyrberg",
                                                         m.Appointment.board == "dialogforum-retssikkerhed")).first() is None
        await pilot.press(*"Formand for [KKR] udpeger [/] midlertidigt", "enter")
        await settle(pilot)
        assert app.screen is board
        await settle(pilot)
        with read_session(app.ctx.engine) as s:
            events = s.execute(select(m.AuditEvent).where(m.AuditEvent.action == "appoint")).scalars().all()
        assert [e.reason for e in events] == ["Formand for [KKR] udpeger [/] midlertidigt"]
        await pilot.press("u")
        await settle(pilot)
        assert "Formand for [KKR] udpeger [/] midlertidigt" in screen_text(app)


@run_async
async def test_register_nomination_with_only_men_shows_10a(sample_db):
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
        dialog.query_one("#board").set("erhvervshus-nordjylland", "Erhvervshus Nordjylland")
        await settle(pilot)
        dialog.query_one("#seat").set("business", "Virksomhedsrepræsentanter")
        dialog.query_one("#round", Input).value = "2026-04-01"
        dialog.query_one("#orgs").add("di", "DI – Dansk Industri")
        dialog.query_one("#cands").add("richard-fynbo", "Richard Fynbo")
        dialog.query_one("#cands").add("asger-andersen", "Asger Andersen")
        await pilot.press("ctrl+s")
        await settle(pilot)
        if isinstance(app.screen, NominationDialog):      # DI already nominated for this round: flagged first
            assert "already nominated" in str(dialog.query_one("#form-error", Static).render())
            await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NominationsScreen)
        text = screen_text(app)
        assert "§ 10 a" in text and "men: 2" in text


@run_async
async def test_vacancies_for_blue_group(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "v")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, VacanciesScreen)
        screen.query_one("#group", Select).value = "blaa-2022"
        await settle(pilot)
        assert [r["board"] for r in screen.rows] == ["dialogforum-retssikkerhed"]
        assert "Blå gruppe" in screen_text(app)


@run_async
async def test_end_appointment_early_from_the_board(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        board = await open_board_at(pilot, app, "erhvervshus", "m:eh-2022-business-di")
        await pilot.press("e")
        await settle(pilot)
        await pilot.click("#ok")
        await settle(pilot)
        assert app.screen is board
        keys = [r.key.value for r in board.query_one("#seats", DataTable).rows.values()]
        assert "m:eh-2022-business-di" not in keys and "v:business:0" in keys


@run_async
async def test_ending_an_appointment_someone_else_changed_meanwhile_is_refused(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        board = await open_board_at(pilot, app, "erhvervshus", "m:eh-2022-business-di")
        await pilot.press("e")
        await settle(pilot)
        # while the dialog is open, someone else records the council group of that appointment
        with __import__("registry.db", fromlist=["write_session"]).write_session(ctx_for(sample_db).engine) as s:
            a = s.get(m.Appointment, "eh-2022-business-di")
            a.council_group, a.version = "blaa-2022", a.version + 1
        await pilot.click("#ok")
        await settle(pilot)
        assert any("Someone else changed appointment eh-2022-business-di" in str(n.message) for n in app._notifications)
        with read_session(ctx_for(sample_db).engine) as s:
            assert s.get(m.Appointment, "eh-2022-business-di").ended_date is None


@run_async
async def test_markup_in_names_is_shown_literally(sample_db):
    ctx = ctx_for(sample_db)
    with __import__("registry.db", fromlist=["write_session"]).write_session(ctx.engine) as s:
        s.get(m.Board, "hospice-vangen").name = "Foreningen [Nord] [/] [b]fed"
        s.get(m.Person, "anna-aaen").name = "Anna [/] Aaen"
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Foreningen [Nord] [/] [b]fed" in screen_text(app)
        await pilot.press(*"foreningen", "enter")
        await settle(pilot)
        assert "Foreningen [Nord] [/] [b]fed" in screen_text(app)
        await pilot.press("escape", "down", "p")
        await settle(pilot)
        assert "Anna [/] Aaen" in screen_text(app)


@run_async
async def test_command_palette_offers_noun_verb_commands(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        from tui.app import UdpegCommands

        provider = UdpegCommands(app.screen)
        await provider.startup()
        titles = [t for t, _a, _h in provider.commands()]
        assert "vacancies: show" in titles and "board: open Erhvervshus Nordjylland" in titles
        assert all(": " in t for t in titles)


@run_async
async def test_people_edit_and_a_colliding_edit_is_refused(sample_db):
    from tui.screens.dialogs import PersonDialog
    from tui.screens.people import PeopleScreen

    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "p")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)
        await pilot.press(*"anna aaen", "down")
        await settle(pilot)
        assert app.screen.current["id"] == "anna-aaen"
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PersonDialog)
        dialog.query_one("#skills", Input).value = "international, jura"
        await pilot.click("#ok")
        await settle(pilot)
        assert service.person(app.ctx, "anna-aaen")["skills"] == ["international", "jura"]
        # Someone else edits while the dialog is open: saving is refused, nothing overwritten.
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        service.save_person(ctx_for(sample_db), "anna-aaen", {"party": "F"})
        dialog.query_one("#party", Input).value = "V"
        await pilot.click("#ok")
        await settle(pilot)
        assert service.person(app.ctx, "anna-aaen")["party"] == "F"
        assert app.screen is dialog                                  # the dialog keeps what was typed
        assert dialog.query_one("#party", Input).value == "V"
        assert "Someone else changed person anna-aaen" in str(dialog.query_one("#err-form", Static).render())


@run_async
async def test_add_a_person_with_undisclosed_sex(sample_db):
    from tui.screens.dialogs import PersonDialog

    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "p")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PersonDialog)
        dialog.query_one("#pid", Input).value = "kim-nord"
        dialog.query_one("#name", Input).value = "Kim [Nord]"
        await pilot.click("#ok")
        await settle(pilot)
        p = service.person(app.ctx, "kim-nord")
        assert p["name"] == "Kim [Nord]" and p["sex"] == "undisclosed"
        assert "Kim [Nord]" in screen_text(app)


@run_async
async def test_planner_for_a_round(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "o")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        text = screen_text(app)
        assert "compliant board is possible" in text and "Women needed" in text


@run_async
async def test_a_bad_date_is_a_sentence_not_a_crash(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        on = app.screen.query_one("#on", Input)
        on.value = "31-02-2026"
        on.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.on_date == TODAY
        assert any("is not a date" in str(n.message) for n in app._notifications)


@run_async
async def test_write_a_vacancy_report_from_the_reports_screen(sample_db, tmp_path):
    from tui.screens.reports import ReportsScreen

    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReportsScreen)
        screen.query_one("#kind", Select).value = "vacancies"
        screen.query_one("#fmt", Select).value = "csv"
        await settle(pilot)
        out = tmp_path / "ledige.csv"
        screen.query_one("#path", Input).value = str(out)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Dialogforum" in out.read_text(encoding="utf-8")
        assert "Wrote" in screen_text(app)


@run_async
async def test_palette_opens_vacancies_for_a_council_group(sample_db):
    from tui.app import UdpegCommands

    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        provider = UdpegCommands(app.screen)
        await provider.startup()
        action = next(a for t, a, _h in provider.commands() if t == "vacancies: show for Blå gruppe")
        action()
        await settle(pilot)
        assert isinstance(app.screen, VacanciesScreen)
        assert [r["board"] for r in app.screen.rows] == ["dialogforum-retssikkerhed"]


@run_async
async def test_accept_stated_special_reasons(sample_db):
    ctx = ctx_for(sample_db)
    nid, findings = service.nominate(ctx, service.NominationInput(
        board="erhvervshus-nordjylland", seat="business", round=date(2026, 4, 1), organisations=("di",),
        candidates=("richard-fynbo",), reasons="Ingen kvindelige kandidater med den krævede [særlige] baggrund"))
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "o")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(nid))
        await settle(pilot)
        assert "[særlige]" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        with read_session(app.ctx.engine) as s:
            assert s.get(m.Nomination, nid).reasons_accepted == "yes"
        assert "accepted" in screen_text(app)
