"""Audit: who changed what, when and why — newest first, filtered by board and date."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Input, Label, Static

from registry.i18n import N_, _
from tui import data
from tui.screens.base import UdpegScreen, deliver, fail
from tui.widgets.common import B, localized, parse_day
from tui.widgets.footer import Footer


@localized
class AuditScreen(UdpegScreen):
    BINDINGS = [
        B("escape", "app.pop_screen", N_("Back"), "audit.back"),
        B("m", "more", N_("More"), "audit.more", show=False),
    ]

    def __init__(self, board: str | None = None) -> None:
        super().__init__()
        self.board = board
        self.events: dict[str, dict] = {}

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Audit log"), style="bold"), classes="title")
        with Horizontal(classes="bar"):
            yield Input(value=self.board or "", placeholder=_("Board id"), id="board")
            yield Label(_("Since"), classes="label")
            yield Input(placeholder=_("date"), id="since", classes="date")
        yield DataTable(id="audit", cursor_type="row")
        with VerticalScroll(id="detail-box"):
            yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        t = self.query_one(DataTable)
        t.add_column(_("When (UTC)"), key="at", width=16)
        t.add_column(_("Who"), key="actor", width=10)
        t.add_column(_("Action"), key="action", width=14)
        t.add_column(_("What"), key="what", width=60 if self.size.width >= 120 else 22)
        t.add_column(_("Reason"), key="reason")
        self.reload()
        t.focus()

    def reload(self, offset: int = 0) -> None:
        since_text = self.query_one("#since", Input).value.strip()
        try:
            since = parse_day(since_text) if since_text else None
        except ValueError as exc:
            self.say(str(exc), "error")
            return
        self.load(self.query_one("#board", Input).value.strip() or None, since, offset)

    @work(thread=True, exclusive=True, group="audit", exit_on_error=False)
    def load(self, board: str | None, since: date | None, offset: int) -> None:
        try:
            rows = data.audit_log(self.ctx, board=board, since=since, limit=200, offset=offset)
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            return
        deliver(self, self.show_rows, rows, offset)

    def show_rows(self, rows: list[dict], offset: int) -> None:
        t = self.query_one(DataTable)
        if not offset:
            t.clear()
            self.events = {}
        for r in rows:
            key = str(r.get("pk", len(self.events)))
            self.events[key] = r
            at = r["at"]
            t.add_row(Text(at.strftime("%Y-%m-%d %H:%M") if hasattr(at, "strftime") else str(at)), Text(r["actor"]),
                      Text(r["action"]), Text(f"{r['entity']} {r['entity_id']}"), Text(r.get("reason") or "", style="yellow"),
                      key=key)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.reload()
        self.query_one(DataTable).focus()

    def action_more(self) -> None:
        self.reload(offset=len(self.events))

    @on(DataTable.RowHighlighted, "#audit")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        r = self.events.get(event.row_key.value) if event.row_key is not None else None
        if r is None:
            return
        t = Text()
        t.append(f"{r['action']} {r['entity']} ", style="bold")
        t.append(r["entity_id"])
        if r.get("reason"):
            t.append("\n" + _("Reason:") + " ", style="bold")
            t.append(r["reason"])
        for label, side in ((_("Before"), r.get("before")), (_("After"), r.get("after"))):
            if side:
                t.append(f"\n{label}: ", style="dim")
                t.append(", ".join(f"{k}={v}" for k, v in side.items() if v not in (None, "", [], {})))
        self.query_one("#detail", Static).update(t)
