"""Pilot tests of the master data forms (issue 16): each saves, keeps its input beside a refusal,
and shows a conflict when someone else changed the record first."""

from __future__ import annotations

from datetime import date

from textual.widgets import Checkbox, DataTable, Input, Select, Static

from registry import masterdata as md
from registry import service
from registry.db import open_registry, to_url
from tui_helpers import make_app, run_async, screen_text, settle
from tui.screens.masterdata import (AllotDialog, CouncilGroupsScreen, FormDialog, MeetingsScreen, OfficesDialog,
                                    OrganisationsScreen)


def ctx_for(path):
    return service.Context(open_registry(to_url(str(path))), actor="setup")


def fill(dialog, **values) -> None:
    for key, value in values.items():
        w = dialog.query_one(f"#f-{key}")
        if isinstance(w, Checkbox):
            w.value = bool(value)
        else:
            w.value = value


def error_of(dialog) -> str:
    return str(dialog.query_one("#form-error", Static).render())


async def press(pilot, *keys) -> None:
    for k in keys:
        await pilot.press(k)
        await settle(pilot)


async def save(pilot) -> None:
    await press(pilot, "ctrl+s")


# --- organisations -------------------------------------------------------------------------------


@run_async
async def test_organisation_form_saves_refuses_and_keeps_input_and_sees_a_conflict(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "down", "g")
        assert isinstance(app.screen, OrganisationsScreen)
        await press(pilot, "ctrl+n")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        fill(dialog, name="Dansk Skovforening")
        await save(pilot)
        assert app.screen is dialog                               # no kind chosen: refused, still open
        assert error_of(dialog) == "Kind: choose one."
        assert dialog.query_one("#f-name", Input).value == "Dansk Skovforening"
        fill(dialog, kind="business")
        await save(pilot)
        assert isinstance(app.screen, OrganisationsScreen)
        assert any(o["name"] == "Dansk Skovforening" for o in md.organisations(ctx_for(sample_db), "skov"))
        # the list shows it by name, with its kind translated
        await press(pilot, *"skov")
        assert "Dansk Skovforening" in screen_text(app) and "Business" in screen_text(app)
        # edit while someone else renames it: a conflict, shown in the form that stays open
        await press(pilot, "down", "e")
        dialog = app.screen
        md.save_organisation(ctx_for(sample_db), "dansk-skovforening", {"name": "Skovforeningen"})
        fill(dialog, kind="knowledge")
        await save(pilot)
        assert app.screen is dialog
        assert "Someone else changed organisation dansk-skovforening first" in error_of(dialog)
        assert md.organisations(ctx_for(sample_db), "skov")[0]["kind"] == "business"


@run_async
async def test_organisation_name_refused_with_the_loaders_sentence(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "down", "g", "ctrl+n")
        dialog = app.screen
        fill(dialog, name="   ", kind="other")
        await save(pilot)
        assert app.screen is dialog and error_of(dialog) == "Name: must not be empty"


# --- boards ------------------------------------------------------------------------------------


@run_async
async def test_new_board_form_refuses_a_term_pattern_then_saves(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+n")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        fill(dialog, name="Nordjysk Skovråd", legal_basis="Skovloven § 3", term="every four years", statutory=True)
        await save(pilot)
        assert app.screen is dialog and error_of(dialog).startswith("Term pattern (kkr, municipal, custom or years:N): ")
        assert dialog.query_one("#f-legal_basis", Input).value == "Skovloven § 3"
        fill(dialog, term="years:4", term_anchor="01-04-2026")
        await save(pilot)
        assert not isinstance(app.screen, FormDialog)
        b = md.board_record(ctx_for(sample_db), "nordjysk-skovraad")
        assert (b["term"], b["term_anchor"], b["statutory"], b["legal_basis"]) == ("years:4", date(2026, 4, 1), True,
                                                                                  "Skovloven § 3")
        assert "Nordjysk Skovråd" in screen_text(app)             # the list is filtered to the new board


@run_async
async def test_edit_board_sees_a_conflict_and_retire_ends_its_seats(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *"hospice", "down", "e")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#f-name", Input).value == "Hospice Vangen – bestyrelse"
        md.save_board(ctx_for(sample_db), "hospice-vangen", {"url": "https://elsewhere"})
        fill(dialog, holdover=True, max_consecutive_terms="-1")
        await save(pilot)
        assert error_of(dialog) == "Most consecutive terms (0 = no limit): must be at least 0, not -1"
        fill(dialog, max_consecutive_terms="2")
        await save(pilot)
        assert "Someone else changed board hospice-vangen first" in error_of(dialog)
        await press(pilot, "escape")
        await press(pilot, "x")
        dialog = app.screen
        fill(dialog, on="someday")
        await save(pilot)
        assert app.screen is dialog and "someday is not a date" in error_of(dialog)
        fill(dialog, on="01-05-2026")
        await save(pilot)
        assert not isinstance(app.screen, FormDialog)
        assert service.snapshot(ctx_for(sample_db), "hospice-vangen", date(2026, 5, 1)).composition is None


# --- offices -----------------------------------------------------------------------------------


@run_async
async def test_offices_dialog_adds_refuses_keeps_input_ends_and_sees_a_conflict(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "down", "p", *"anna aaen", "down", "ctrl+o")
        dialog = app.screen
        assert isinstance(dialog, OfficesDialog)
        before = dialog.query_one(DataTable).row_count
        dialog.query_one("#office", Select).value = "mayor"
        dialog.query_one("#body", Select).value = "aalborg"
        dialog.query_one("#start", Input).value = "01-01-2026"
        dialog.query_one("#end", Input).value = "31-12-2025"
        await press(pilot, "tab")
        dialog.query_one("#add").press()
        await settle(pilot)
        assert "offices[0].end: ends (2025-12-31) before it starts (2026-01-01)" in error_of(dialog)
        assert dialog.query_one("#start", Input).value == "01-01-2026"
        dialog.query_one("#end", Input).value = ""
        dialog.query_one("#add").press()
        await settle(pilot)
        assert dialog.query_one(DataTable).row_count == before + 1
        offices = md.person_offices(ctx_for(sample_db), "anna-aaen")
        assert any(o["office"] == "mayor" and o["body"] == "aalborg" and o["end"] is None for o in offices)
        # end it: the highlighted row is the newest (offices by start)
        t = dialog.query_one(DataTable)
        t.move_cursor(row=t.row_count - 1)
        dialog.query_one("#end", Input).value = "31-03-2026"
        dialog.query_one("#finish").press()
        await settle(pilot)
        assert any(o["office"] == "mayor" and o["end"] == date(2026, 3, 31)
                   for o in md.person_offices(ctx_for(sample_db), "anna-aaen"))
        # someone else edits the person: the next write is a conflict, shown in the dialog
        service.save_person(ctx_for(sample_db), "anna-aaen", {"party": "V"})
        dialog.query_one("#end", Input).value = ""
        dialog.query_one("#add").press()
        await settle(pilot)
        assert "Someone else changed person anna-aaen first" in error_of(dialog)
        await press(pilot, "escape")
        text = screen_text(app)
        assert "Mayor, Aalborg Kommune" in text


# --- meetings ----------------------------------------------------------------------------------


@run_async
async def test_meeting_and_agenda_item_forms(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "down", "t")
        assert isinstance(app.screen, MeetingsScreen)
        await press(pilot, "ctrl+n")
        dialog = app.screen
        assert str(dialog.query_one("#f-body", Select).value) == "kkr-nordjylland"   # the KKR is the default body
        fill(dialog, date="31-02-2026", place="Aalborg")
        await save(pilot)
        assert app.screen is dialog and error_of(dialog).startswith("Date: '31-02-2026' is not a date")
        assert dialog.query_one("#f-place", Input).value == "Aalborg"
        fill(dialog, date="20-03-2026")
        await save(pilot)
        assert isinstance(app.screen, MeetingsScreen)
        t = app.screen.query_one(DataTable)
        assert t.coordinate_to_cell_key((t.cursor_row, 0)).row_key.value == "kkr-nordjylland-2026-03-20"
        await press(pilot, "i")
        dialog = app.screen
        fill(dialog, item="3.1", case="SAG-2026-00412", title="Udpegning til Hospice Vangen")
        await save(pilot)
        assert "SAG-2026-00412" in screen_text(app)
        await press(pilot, "i")
        dialog = app.screen
        fill(dialog, item="3.1")
        await save(pilot)
        assert app.screen is dialog and "agenda item '3.1' is listed twice" in error_of(dialog)
        fill(dialog, item="3.2")
        md.add_agenda_item(ctx_for(sample_db), "kkr-nordjylland-2026-03-20", "9")
        await save(pilot)
        assert "Someone else changed meeting kkr-nordjylland-2026-03-20 first" in error_of(dialog)
        mt = next(x for x in md.meetings(ctx_for(sample_db)) if x["id"] == "kkr-nordjylland-2026-03-20")
        assert [i["item"] for i in mt["items"]] == ["3.1", "9"]


# --- council groups and allotments ----------------------------------------------------------------


@run_async
async def test_council_group_form_and_dhondt_allotment(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "down", "k")
        assert isinstance(app.screen, CouncilGroupsScreen)
        await press(pilot, "ctrl+n")
        dialog = app.screen
        fill(dialog, name="Blå gruppe", period_start="01-04-2026", period_end="31-03-2026", parties="V, C", members="14")
        await save(pilot)
        assert error_of(dialog) == "Period ends: ends (2026-03-31) before it starts (2026-04-01)"
        fill(dialog, period_end="31-03-2030")
        await save(pilot)
        await press(pilot, "ctrl+n")
        fill(app.screen, name="Rød gruppe", period_start="01-04-2026", period_end="31-03-2030", parties="A, F",
             members="14")
        await save(pilot)
        groups = md.council_groups(ctx_for(sample_db), date(2026, 5, 1))
        assert [(g["name"], g["parties"], g["members"]) for g in groups] == [("Blå gruppe", ["V", "C"], 14),
                                                                             ("Rød gruppe", ["A", "F"], 14)]
        # edit while someone else changes the member count: a conflict
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("roed-gruppe-2026"))
        await press(pilot, "e")
        dialog = app.screen
        md.save_council_group(ctx_for(sample_db), "roed-gruppe-2026", {"members": 10})
        fill(dialog, members="9")
        await save(pilot)
        assert "Someone else changed council group roed-gruppe-2026 first" in error_of(dialog)
        await press(pilot, "escape")
        await settle(pilot)
        await press(pilot, "h")
        dialog = app.screen
        assert isinstance(dialog, AllotDialog)
        dialog.query_one("#board", Select).value = "dialogforum-retssikkerhed"
        await settle(pilot)
        dialog.query_one("#count", Input).value = "3"
        dialog.query_one("#share-btn").press()
        await settle(pilot)
        # 14 and 10 for 3 seats: quotients 14, 10, 7 → blue 2, red 1
        shown = str(dialog.query_one("#share", Static).render())
        assert "Blå gruppe: 2 seats" in shown and "Rød gruppe: 1 seat" in shown
        dialog.query_one("#ok").press()
        await settle(pilot)
        assert not isinstance(app.screen, AllotDialog)
        got = md.allocations(ctx_for(sample_db), "dialogforum-retssikkerhed")
        assert sorted(a["council_group"] for a in got if a["start"] == date(2026, 4, 1)) == [
            "blaa-gruppe-2026", "blaa-gruppe-2026", "roed-gruppe-2026"]
        # the allotment is at once that group's vacancy
        vac = service.vacancies(ctx_for(sample_db), date(2026, 4, 1), group="roed-gruppe-2026")
        assert [v["board"] for v in vac] == ["dialogforum-retssikkerhed"]


@run_async
async def test_a_tie_is_shown_as_seats_left_to_a_lot(sample_db):
    ctx = ctx_for(sample_db)
    for name in ("Blå gruppe", "Rød gruppe"):
        md.save_council_group(ctx, None, {"name": name, "period_start": "01-04-2026", "period_end": "31-03-2030",
                                          "members": 12}, create=True)
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "down", "k", "h")
        dialog = app.screen
        dialog.query_one("#count", Input).value = "1"
        dialog.query_one("#share-btn").press()
        await settle(pilot)
        shown = str(dialog.query_one("#share", Static).render())
        assert "1 seat is drawn by lot between Blå gruppe, Rød gruppe" in shown
        assert dialog.query_one("#ok").disabled                  # nothing won for certain: nothing to allot


@run_async
async def test_journey_organisation_board_meeting_by_keys_then_the_cli_json(sample_db, udpeg):
    """Keys only, as a user types them; the registry is then read through the CLI's JSON export."""
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "down", "g", "ctrl+n", *"Dansk Skovforening", "tab", "down", "down", "enter", "ctrl+s")
        await press(pilot, "escape", "ctrl+n", *"Nordjysk Skovråd", "tab", *"Skovloven kap. 3", "tab", "tab",
                    "ctrl+a", "ctrl+k", *"years:4", "tab", *"01-04-2026", "tab", "space", "ctrl+s")
        await press(pilot, "down", "t", "ctrl+n", "tab", "ctrl+a", "ctrl+k", *"20-03-2026", "tab", *"Aalborg", "ctrl+s")
        await press(pilot, "i", *"3.1", "tab", *"SAG-2026-00412", "tab", *"Udpegning til Nordjysk Skovråd", "ctrl+s")
    tree = udpeg("export", "--format", "json", db=sample_db).json()
    assert {"id": "dansk-skovforening", "name": "Dansk Skovforening", "kind": "business"} in tree["organisations"]
    board = next(b for b in tree["boards"] if b["id"] == "nordjysk-skovraad")
    assert (board["name"], board["legal_basis"], board["term"], board["term_anchor"], board["statutory"]) == (
        "Nordjysk Skovråd", "Skovloven kap. 3", "years:4", "2026-04-01", True)
    meeting = next(x for x in tree["meetings"] if x["id"] == "kkr-nordjylland-2026-03-20")
    assert meeting == {"id": "kkr-nordjylland-2026-03-20", "body": "kkr-nordjylland", "date": "2026-03-20",
                       "place": "Aalborg", "items": [{"item": "3.1", "case": "SAG-2026-00412",
                                                      "title": "Udpegning til Nordjysk Skovråd"}]}
    events = [(e["action"], e["entity"]) for e in udpeg("audit", "--format", "json", db=sample_db).json()][:4]
    assert events == [("add-item", "meeting"), ("add", "meeting"), ("add", "board"), ("add", "organisation")]


@run_async
async def test_seat_group_form_saves_refuses_and_sees_a_conflict(sample_db):
    from textual.widgets import SelectionList

    ctx = ctx_for(sample_db)
    md.save_board(ctx, None, {"name": "Nordjysk Skovråd"}, create=True)
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *"skovr", "down", "c")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        fill(dialog, valid_from="01-04-2026", name="Erhverv", count="0", appointed_by="kkr-nordjylland")
        dialog.query_one("#f-nominated_by", SelectionList).select("di")
        await save(pilot)
        assert app.screen is dialog and error_of(dialog) == "Seats: must be at least 1, not 0"
        assert dialog.query_one("#f-name", Input).value == "Erhverv"
        fill(dialog, count="2")
        await save(pilot)
        assert not isinstance(app.screen, FormDialog)
        rules = md.seat_rules(ctx, "nordjysk-skovraad", date(2026, 4, 1))
        assert [(g["name"], g["count"], g["appointed_by"], g["nominated_by"]) for g in rules["seats"]] == [
            ("Erhverv", 2, "kkr-nordjylland", ["di"])]
        await press(pilot, "c")
        dialog = app.screen
        md.save_board(ctx, "nordjysk-skovraad", {"url": "https://x"})
        fill(dialog, valid_from="01-04-2026", name="Formand", count="1")
        await save(pilot)
        assert "Someone else changed board nordjysk-skovraad first" in error_of(dialog)
