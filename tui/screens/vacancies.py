"""Vacancies: open seats on a date or within N days, by council group, board or municipality; CSV export."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Select, Static

from registry import service
from registry.i18n import N_, _, _n
from tui import data
from tui.screens.base import UdpegScreen, deliver, fail
from tui.widgets.common import B, day, ellipsis, localized, parse_day
from tui.widgets.footer import Footer

#: Formula-leading characters a spreadsheet would run (neutralised in the CSV export).
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(_FORMULA) else s


@localized
class VacanciesScreen(UdpegScreen):
    BINDINGS = [
        B("escape", "app.pop_screen", N_("Back"), "vacancies.back"),
        B("ctrl+e", "export", N_("Export CSV"), "vacancies.export", priority=True),
    ]

    def __init__(self, group: str | None = None) -> None:
        super().__init__()
        self.group = group
        self.rows: list[dict] = []

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Vacancies"), style="bold"), classes="title")
        with Horizontal(classes="bar"):
            yield Label(_("On"), classes="label")
            yield Input(value=day(self.today), id="on", classes="date")
            yield Label(_("Within days"), classes="label")
            yield Input(placeholder="0", id="within", classes="num")
            yield Select([], prompt=_("All council groups"), id="group", classes="group")
        with Horizontal(classes="bar"):
            yield Input(placeholder=_("Board id"), id="board")
            yield Input(placeholder=_("Municipality id"), id="municipality")
        yield DataTable(id="vacancies", cursor_type="row")
        yield Static(id="status", classes="status")
        yield Footer()

    def on_mount(self) -> None:
        t = self.query_one(DataTable)
        open_w, term_w = max(4, len(_("Open"))), max(10, len(_("Term end")))
        spare = max(30, self.size.width - 10 - open_w - term_w - 2 * 6 - 2)   # board, seat, group share it
        group_w = max(len(_("Council group")), spare // 5)                     # a header is never cut
        seat_w = max(len(_("Seat group")), (spare - group_w) * 9 // 20)
        board_w = max(len(_("Board")), spare - group_w - seat_w)
        self._w = {"board": board_w, "seat": seat_w, "group": group_w}
        t.add_column(_("From"), key="from", width=10)
        t.add_column(_("Board"), key="board", width=self._w["board"])
        t.add_column(_("Seat group"), key="seat", width=self._w["seat"])
        t.add_column(_("Open"), key="open", width=open_w)
        t.add_column(_("Council group"), key="group", width=group_w)
        t.add_column(_("Term end"), key="term", width=term_w)
        self.load_groups()

    @work(thread=True, exclusive=True, group="groups", exit_on_error=False)
    def load_groups(self) -> None:
        try:
            groups = data.council_groups(self.ctx)
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            return
        deliver(self, self.show_groups, groups)

    def show_groups(self, groups: list[tuple[str, str]]) -> None:
        sel = self.query_one("#group", Select)
        sel.set_options([(Text(name), gid) for gid, name in groups])
        if self.group and any(g == self.group for g, _n in groups):
            sel.value = self.group
        self.reload()
        self.query_one(DataTable).focus()

    def reload(self) -> None:
        try:
            on = parse_day(self.query_one("#on", Input).value)
        except ValueError as exc:
            self.query_one("#status", Static).update(Text(str(exc), style="yellow"))
            return
        within_text = self.query_one("#within", Input).value.strip()
        if within_text and not (within_text.isdecimal() and within_text.isascii() and len(within_text) <= 6):
            self.query_one("#status", Static).update(Text(_("Within must be a whole number of days."), style="yellow"))
            return
        within = int(within_text) if within_text else None
        group = self.query_one("#group", Select).value
        group = None if group is Select.NULL or group is None else str(group)
        board = self.query_one("#board", Input).value.strip() or None
        muni = self.query_one("#municipality", Input).value.strip() or None
        self.query_one("#status", Static).update(Text(_("Loading…"), style="dim"))
        self.load(on, within, group, board, muni)

    @work(thread=True, exclusive=True, group="vacancies", exit_on_error=False)
    def load(self, on: date, within: int | None, group: str | None, board: str | None, muni: str | None) -> None:
        try:
            rows = service.vacancies(self.ctx, on, within=within, group=group, board=board, municipality=muni)
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            deliver(self, self.show_rows, [])
            return
        deliver(self, self.show_rows, rows)

    def show_rows(self, rows: list[dict]) -> None:
        self.rows = rows
        t = self.query_one(DataTable)
        t.clear()
        for i, r in enumerate(rows):
            cw = self._w
            t.add_row(Text(day(r["from"])), Text(ellipsis(r["board_name"], cw["board"])),
                      Text(ellipsis(r["seat_name"], cw["seat"])), Text(str(r["open"]), justify="right"),
                      Text(ellipsis(r["council_group_name"], cw["group"]) if r["council_group_name"] else "–", style="bold" if r["council_group_name"] else "dim"),
                      Text(day(r["term_end"])), key=f"{i}")
        total = sum(r["open"] for r in rows)
        self.query_one("#status", Static).update(
            Text(_("{seats} in {rows} · ctrl+e exports CSV", seats=_n("{n} open seat", "{n} open seats", total, n=total),
                   rows=_n("{n} row", "{n} rows", len(rows), n=len(rows))), style="dim"))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.reload()

    @on(Select.Changed, "#group")
    def _group(self) -> None:
        self.reload()

    def action_export(self) -> None:
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["from", "board", "board_name", "seat", "seat_name", "open", "council_group", "council_group_name",
                    "term_end"])
        for r in self.rows:
            w.writerow([safe_cell(r["from"]), safe_cell(r["board"]), safe_cell(r["board_name"]), safe_cell(r["seat"]),
                        safe_cell(r["seat_name"]), r["open"], safe_cell(r["council_group"]),
                        safe_cell(r["council_group_name"]), safe_cell(r["term_end"])])
        path = Path.cwd() / f"vacancies-{self.query_one('#on', Input).value.strip() or 'today'}.csv"
        try:
            path.write_text(buf.getvalue(), encoding="utf-8")
        except OSError as exc:
            self.say(_("The list could not be written to {path}: {error}", path=str(path), error=str(exc)), "error")
            return
        self.say(_("The list is written to {path}.", path=str(path)))
