"""Pilot tests of the forms picked by name (issue 16 items 6–8): the picker, the nomination
dialog, the Appoint decision fields, and forms that keep their input when a save is refused."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from textual.widgets import Input, OptionList, Static

from registry import model as m
from registry import service
from registry.db import open_registry, read_session, to_url
from tui_helpers import make_app, run_async, screen_text, settle
from tui.screens.dialogs import NominationDialog, PersonDialog
from tui.screens.nominations import NominationsScreen
from tui.widgets.picker import PickerDialog, organisations_source, people_source


def ctx_for(path):
    return service.Context(open_registry(to_url(str(path))), actor="setup")


async def pick(pilot, app, field: str, text: str) -> None:
    """Focus the form field ``field``, open its picker with Enter, type ``text``, Enter picks the first hit."""
    app.screen.query_one(field).focus()
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, PickerDialog)
    await pilot.press(*text)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


@run_async
async def test_picker_filters_by_name_shows_six_rows_and_returns_the_id(sample_db):
    app = make_app(sample_db)
    answers = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(PickerDialog("Organisation", organisations_source), answers.append)
        await settle(pilot)
        ol = app.screen.query_one("#picker-list", OptionList)
        # the sample holds 20+ organisations: at 80×24 the list shows at least 6 of them at once
        assert ol.option_count >= 6
        assert ol.scrollable_content_region.height >= 6
        text = screen_text(app)
        assert "Dansk Erhverv" in text and "dansk-erhverv" not in text     # names, never ids
        await pilot.press(*"dansk erh")
        await settle(pilot)
        assert ol.option_count == 1
        await pilot.press("enter")
        await settle(pilot)
    assert answers == [("dansk-erhverv", "Dansk Erhverv")]


@run_async
async def test_picker_lists_people_by_name_with_translated_sex(sample_db):
    from registry.i18n import set_language

    app = make_app(sample_db)
    answers = []
    set_language("da")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.push_screen(PickerDialog("Person", people_source), answers.append)
            await settle(pilot)
            await pilot.press(*"anna", "down", "enter")
            await settle(pilot)
    finally:
        set_language("en")
    assert answers == [("anna-aaen", "Anna Aaen")]


async def open_nomination_dialog(pilot, app):
    await settle(pilot)
    await pilot.press("down", "o")
    await settle(pilot)
    assert isinstance(app.screen, NominationsScreen)
    await pilot.press("ctrl+n")
    await settle(pilot)
    assert isinstance(app.screen, NominationDialog)
    return app.screen


async def fill_nomination(pilot, app, org: str = "dansk erhverv"):
    dialog = app.screen
    await pick(pilot, app, "#board", "erhvervshus")
    await pick(pilot, app, "#seat", "virksomhed")
    dialog.query_one("#round", Input).value = "2026-09-01"
    await pick(pilot, app, "#orgs", org)
    await pick(pilot, app, "#cands", "anna aaen")
    await pick(pilot, app, "#cands", "asger")
    assert app.screen is dialog


@run_async
async def test_nomination_with_organisation_and_candidates_picked_by_name(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_nomination_dialog(pilot, app)
        await fill_nomination(pilot, app)
        text = screen_text(app)
        assert "Dansk Erhverv" in text and "Anna Aaen, Asger Andersen" in text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NominationsScreen), str(dialog.query_one("#form-error", Static).render())
    with read_session(app.ctx.engine) as s:
        row = s.execute(select(m.Nomination).where(m.Nomination.board == "erhvervshus-nordjylland",
                                                   m.Nomination.round == date(2026, 9, 1))).scalar_one()
        assert (row.seat, row.organisations, row.candidates) == ("business", ["dansk-erhverv"],
                                                                 ["anna-aaen", "asger-andersen"])


@run_async
async def test_second_nomination_from_the_same_organisation_is_flagged_before_saving(sample_db):
    service.nominate(ctx_for(sample_db), service.NominationInput(
        board="erhvervshus-nordjylland", seat="business", round=date(2026, 9, 1), organisations=("dansk-erhverv",),
        candidates=("richard-fynbo",)))
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_nomination_dialog(pilot, app)
        await fill_nomination(pilot, app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog                          # flagged, not saved
        flag = str(dialog.query_one("#form-error", Static).render())
        assert "Dansk Erhverv already nominated for this round" in flag
        with read_session(app.ctx.engine) as s:
            assert len(s.execute(select(m.Nomination)).scalars().all()) == 1 + _sample_nominations(s)
        await pilot.press("ctrl+s")                          # again: saved anyway
        await settle(pilot)
        assert isinstance(app.screen, NominationsScreen)
    with read_session(app.ctx.engine) as s:
        assert len(s.execute(select(m.Nomination).where(m.Nomination.round == date(2026, 9, 1))).scalars().all()) == 2


def _sample_nominations(s) -> int:
    return len(s.execute(select(m.Nomination).where(m.Nomination.round != date(2026, 9, 1))).scalars().all())


def test_same_round_nominations_answers_does_one_exist(sample_db):
    ctx = ctx_for(sample_db)
    rnd = date(2026, 9, 1)
    assert service.same_round_nominations(ctx, "erhvervshus-nordjylland", rnd, ("di",)) == []
    nid, _f = service.nominate(ctx, service.NominationInput(board="erhvervshus-nordjylland", seat="business", round=rnd,
                                                            organisations=("di", "dansk-erhverv"),
                                                            candidates=("anna-aaen",)))
    found = service.same_round_nominations(ctx, "erhvervshus-nordjylland", rnd, ("dansk-erhverv", "tekniq"))
    assert [(f["id"], f["organisations"]) for f in found] == [(nid, ["dansk-erhverv"])]
    assert service.same_round_nominations(ctx, "erhvervshus-nordjylland", date(2026, 5, 1), ("di",)) == []
    assert service.same_round_nominations(ctx, "erhvervshus-nordjylland", rnd, ("tekniq",)) == []


@run_async
async def test_a_refused_nomination_keeps_the_form_and_says_why(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_nomination_dialog(pilot, app)
        await pick(pilot, app, "#board", "erhvervshus")
        await pick(pilot, app, "#seat", "virksomhed")
        dialog.query_one("#round", Input).value = "1. april"
        await pick(pilot, app, "#orgs", "tekniq")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert "is not a date" in str(dialog.query_one("#form-error", Static).render())
        assert dialog.focused is dialog.query_one("#round", Input)
        assert dialog.query_one("#orgs").values == ("tekniq",)           # input kept


@run_async
async def test_a_new_person_is_created_inline_as_a_candidate(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_nomination_dialog(pilot, app)
        dialog.query_one("#cands").focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*"Mette Vestergaard Nørby")
        await settle(pilot)
        ol = app.screen.query_one("#picker-list", OptionList)
        assert "New person: Mette Vestergaard Nørby" in str(ol.get_option_at_index(ol.option_count - 1).prompt)
        ol.highlighted = ol.option_count - 1
        await pilot.press("down", "enter")
        await settle(pilot)
        person = app.screen
        assert isinstance(person, PersonDialog)
        assert person.query_one("#pid", Input).value == "mette-vestergaard-noerby"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog, [str(w.render()) for w in person.query(".field-error")]
        assert dialog.query_one("#cands").chosen == [("mette-vestergaard-noerby", "Mette Vestergaard Nørby")]
    assert service.person(app.ctx, "mette-vestergaard-noerby")["name"] == "Mette Vestergaard Nørby"


@run_async
async def test_add_person_refused_stays_open_with_input_and_message_beside_the_field(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "p")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PersonDialog)
        await pilot.press(*"Kim Nord")
        dialog.query_one("#municipality", Input).value = "atlantis"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert dialog.query_one("#name", Input).value == "Kim Nord"
        assert "There is no municipality with id atlantis" in str(dialog.query_one("#err-municipality", Static).render())
        dialog.query_one("#municipality", Input).value = "aalborg"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not dialog
    assert service.person(app.ctx, "kim-nord")["municipality"] == "aalborg"


async def open_appoint(pilot, app, board: str, row: str):
    from textual.widgets import DataTable

    from tui.screens.appoint import AppointScreen

    await settle(pilot)
    await pilot.press(*board, "enter")
    await settle(pilot)
    table = app.screen.query_one("#seats", DataTable)
    table.move_cursor(row=table.get_row_index(row))
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(app.screen, AppointScreen)
    return app.screen


@run_async
async def test_appoint_records_decision_nominating_organisation_and_nomination(sample_db):
    ctx = ctx_for(sample_db)
    service.end_appointment(ctx, "eh-2022-business-di", date(2026, 3, 27), "resigned")
    nid, _f = service.nominate(ctx, service.NominationInput(board="erhvervshus-nordjylland", seat="business",
                                                            round=date(2026, 4, 1), organisations=("di",),
                                                            candidates=("anna-aaen",)))
    app = make_app(sample_db, today=date(2026, 3, 28))
    async with app.run_test(size=(80, 24)) as pilot:
        appoint = await open_appoint(pilot, app, "erhvervshus", "v:business:0")
        options = appoint.query_one("#candidates", OptionList)
        options.highlighted = 0
        await settle(pilot)
        assert appoint.chosen.person == "anna-aaen"
        assert "DI – Dansk Industri" in screen_text(app)          # the nomination's organisation, by name
        await pick(pilot, app, "#meeting", "27-03-2026")
        assert appoint.query_one("#meeting").value == "kkr-2026-03-27"
        assert "2026-03-27 KKR Nordjylland" in screen_text(app)
        appoint.query_one("#item", Input).value = "7"
        appoint.query_one("#case", Input).value = "26/00123"
        await pick(pilot, app, "#orgs", "dansk erhverv")           # a second nominating organisation
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, type(appoint))
    with read_session(app.ctx.engine) as s:
        a = s.execute(select(m.Appointment).where(m.Appointment.person == "anna-aaen",
                                                  m.Appointment.board == "erhvervshus-nordjylland")).scalar_one()
        assert (a.decision_meeting, a.decision_item, a.decision_case) == ("kkr-2026-03-27", "7", "26/00123")
        assert a.nominated_by == ["di", "dansk-erhverv"] and a.nomination == nid


@run_async
async def test_a_deputy_is_tied_to_its_member_by_picking_the_member(sample_db):
    from textual.widgets import Select

    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        appoint = await open_appoint(pilot, app, "erhvervshus", "m:eh-2022-business-di")
        assert not appoint.query_one("#deputy-row").display
        appoint.query_one("#role", Select).value = "deputy"
        await settle(pilot)
        assert appoint.query_one("#deputy-row").display
        await pilot.press("ctrl+f", *"anna aaen")
        await settle(pilot)
        options = appoint.query_one("#candidates", OptionList)
        options.focus()
        options.highlighted = 0
        await settle(pilot)
        # opened from DI's member row: that member is proposed; pick another member by name instead
        assert appoint.query_one("#deputy-for").value == "eh-2022-business-di"
        members = service.board_members(app.ctx, "erhvervshus-nordjylland", date(2026, 3, 27), "business")
        target = next(r for r in members if r["appointment"] != "eh-2022-business-di")
        await pick(pilot, app, "#deputy-for", target["name"])
        assert appoint.query_one("#deputy-for").value == target["appointment"]
        assert target["name"] in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        if not isinstance(app.screen, type(appoint)) and hasattr(app.screen, "findings"):   # an override asked
            await pilot.press(*"test", "enter")
            await settle(pilot)
    with read_session(app.ctx.engine) as s:
        a = s.execute(select(m.Appointment).where(m.Appointment.person == "anna-aaen",
                                                  m.Appointment.role == "deputy")).scalar_one()
        assert a.deputy_for == target["appointment"]
