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
from tui.widgets.common import B, day, localized, parse_day
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
                      Text(action_label(r["action"])), Text(f"{entity_label(r['entity'])} {r['entity_id']}"), Text(r.get("reason") or "", style="yellow"),
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
        t.append(f"{action_label(r['action'])} {entity_label(r['entity'])} ", style="bold")
        t.append(r["entity_id"])
        if r.get("reason"):
            t.append("\n" + _("Reason:") + " ", style="bold")
            t.append(r["reason"])
        t.append_text(audit_changes(r.get("before"), r.get("after")))
        self.query_one("#detail", Static).update(t)


FIELD_LABELS = {"name": N_("name"), "sex": N_("sex"), "party": N_("party"), "municipality": N_("municipality"),
                "skills": N_("skills"), "board": N_("board"), "seat": N_("seat group"), "person": N_("person"),
                "role": N_("role"), "start": N_("start"), "end": N_("end"), "ended_date": N_("ended on"),
                "ended_reason": N_("reason for ending"), "deputy_for": N_("deputy for"),
                "nominated_by": N_("nominated by"), "nomination": N_("nomination"), "council_group": N_("council group"),
                "decision_meeting": N_("decision meeting"), "decision_item": N_("agenda item"),
                "decision_case": N_("case number"), "override_reason": N_("override reason"),
                "round": N_("round"), "organisations": N_("organisations"), "candidates": N_("candidates"),
                "seats": N_("seats"), "reasons": N_("special reasons"), "reasons_accepted": N_("reasons accepted")}
SKIP = {"version", "pk", "id", "confidential"}


def _value(key: str, v) -> str:
    from datetime import date as _date

    from tui.widgets.common import end_reason_label, sex_label

    if isinstance(v, str) and len(v) == 10 and v[4] == "-" and v[7] == "-":
        try:
            v = _date.fromisoformat(v)
        except ValueError:
            pass
    if isinstance(v, _date):
        return day(v)
    if isinstance(v, (list, tuple)):
        return ", ".join(str(x) for x in v)
    if isinstance(v, bool):
        return _("yes") if v else _("no")
    if key == "ended_reason":
        return end_reason_label(v)
    if key == "sex":
        return sex_label(v)
    if key == "role":
        return {"member": _("member"), "deputy": _("deputy")}.get(v, str(v))
    return str(v)


def audit_changes(before: dict | None, after: dict | None) -> Text:
    """What an event changed, one field a line: "party: F → V" for an edit, "name: …" for an addition."""
    before, after = before or {}, after or {}
    t = Text()
    keys = [k for k in dict.fromkeys([*after, *before]) if k not in SKIP]
    for k in keys:
        old, new = before.get(k), after.get(k)
        empty = (None, "", [], {})
        if before and after and old == new:
            continue
        if old in empty and new in empty:
            continue
        t.append("\n  " + (_(FIELD_LABELS[k]) if k in FIELD_LABELS else k) + ": ", style="dim")
        if before and after:
            t.append(_value(k, old) if old not in empty else "–")
            t.append(" → ", style="bold")
            t.append(_value(k, new) if new not in empty else "–")
        else:
            t.append(_value(k, new if after else old))
    return t


ACTION_LABELS = {"appoint": N_("appointed"), "end": N_("ended"), "nominate": N_("nominated"), "add": N_("added"),
                 "edit": N_("edited"), "load": N_("loaded"), "decide": N_("decided")}
ENTITY_LABELS = {"appointment": N_("appointment"), "person": N_("person"), "nomination": N_("nomination"),
                 "board": N_("board"), "dataset": N_("dataset")}


def action_label(action: str) -> str:
    return _(ACTION_LABELS[action]) if action in ACTION_LABELS else action


def entity_label(entity: str) -> str:
    return _(ENTITY_LABELS[entity]) if entity in ENTITY_LABELS else entity
