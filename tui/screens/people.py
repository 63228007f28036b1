"""People: search by name (paged from SQL); one person's offices and seats across all boards."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, Static

from registry import service
from registry.i18n import N_, _
from tui.screens.base import UdpegScreen, deliver, fail
from tui.widgets.common import B, day, end_reason_label, localized, office_label, sex_label
from tui.widgets.footer import Footer

PAGE = 100


@localized
class PeopleScreen(UdpegScreen):
    BINDINGS = [
        B("escape", "app.pop_screen", N_("Back"), "people.back"),
        B("m", "more", N_("More"), "people.more", show=False),
        B("ctrl+n", "add", N_("Add"), "people.add", priority=True),
        B("e", "edit", N_("Edit"), "people.edit"),
        B("ctrl+o", "offices", N_("Offices"), "people.offices", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.current: dict | None = None
        self.focus_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(_("People"), style="bold"), classes="title")
        yield Input(placeholder=_("Search people by name…"), id="search")
        yield DataTable(id="people", cursor_type="row")
        with VerticalScroll(id="detail-box"):
            yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        t = self.query_one(DataTable)
        t.add_column(_("Name"), key="name")
        t.add_column(_("Sex"), key="sex", width=11)
        t.add_column(_("Party"), key="party", width=6)
        t.add_column(_("Municipality"), key="municipality", width=14)
        self.query_one("#detail-box").border_title = _("Seats and offices")
        self.query_one("#search", Input).focus()
        self.load("", 0)

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        self.load(event.value, 0)

    @on(Input.Submitted, "#search")
    def _to_list(self) -> None:
        self.query_one(DataTable).focus()

    def on_key(self, event) -> None:
        if event.key == "down" and self.focused is self.query_one("#search", Input):
            self.query_one(DataTable).focus()
            event.stop()

    def action_more(self) -> None:
        if self.count and self.count % PAGE == 0:
            self.load(self.query_one("#search", Input).value, self.count)

    @work(thread=True, exclusive=True, group="people", exit_on_error=False)
    def load(self, search: str, offset: int) -> None:
        try:
            rows = service.people(self.ctx, search.strip() or None, limit=PAGE, offset=offset)
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            return
        deliver(self, self.show_rows, rows, offset)

    def show_rows(self, rows: list[dict], offset: int) -> None:
        t = self.query_one(DataTable)
        if not offset:
            t.clear()
        for r in rows:
            t.add_row(Text(r["name"]), Text(sex_label(r["sex"])), Text(r["party"] or ""), Text(r["municipality"] or ""),
                      key=r["id"])
        self.count = t.row_count
        if self.focus_id and self.focus_id in {r["id"] for r in rows}:
            t.move_cursor(row=t.get_row_index(self.focus_id))
            self.focus_id = None

    @on(DataTable.RowHighlighted, "#people")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None and event.row_key.value:
            self.load_person(event.row_key.value)

    @work(thread=True, exclusive=True, group="person", exit_on_error=False)
    def load_person(self, person_id: str) -> None:
        try:
            p = service.person(self.ctx, person_id)
            from registry import masterdata

            p["offices"] = masterdata.person_offices(self.ctx, person_id)   # with their keys and the body's name
            bodies = service.body_names(self.ctx, [o["body"] for o in p["offices"]] + [p.get("municipality") or ""])
            seats = service.seat_names(self.ctx, [(s["board"], s["seat"]) for s in p["seats"]])
            p = {**p, "municipality_name": bodies.get(p.get("municipality") or "", p.get("municipality")),
                 "offices": [{**o, "body_name": o.get("body_name") or bodies.get(o["body"], o["body"])} for o in p["offices"]],
                 "seats": [{**s, "seat_name": seats.get((s["board"], s["seat"]), s["seat"])} for s in p["seats"]]}
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            return
        deliver(self, self.show_person, p)

    def show_person(self, p: dict) -> None:
        self.current = p
        t = Text()
        t.append(p["name"], style="bold")
        t.append(f"  {sex_label(p['sex'])}", style="dim")
        if p.get("party"):
            t.append(f" · {p['party']}", style="dim")
        if p.get("municipality"):
            t.append(f" · {p.get('municipality_name') or p['municipality']}", style="dim")
        if p.get("skills"):
            t.append("\n" + _("Skills:") + " ", style="dim")
            t.append(", ".join(p["skills"]))
        t.append("\n")
        if p["offices"]:
            t.append(_("Offices") + "\n", style="bold")
            for o in p["offices"]:
                t.append(f"  {day(o['start'])} – {day(o['end'])}  ")
                t.append(office_label(o["office"], o.get("body_name") or o["body"]) + "\n")
        t.append(_("Seats") + "\n", style="bold")
        if not p["seats"]:
            t.append("  " + _("No seats recorded.") + "\n", style="dim")
        for s in p["seats"]:
            last = s["ended"] or s["end"]
            t.append(f"  {day(s['start'])} – {day(last)}  ")
            t.append(s["board_name"])
            t.append(f" · {s.get('seat_name') or s['seat']}", style="dim")
            if s["role"] == "deputy":
                t.append(" (" + _("deputy") + ")", style="dim")
            if s["ended"]:
                t.append("  " + _("ended early: {reason}", reason=end_reason_label(s["ended_reason"])), style="yellow")
            t.append("\n")
        self.query_one("#detail", Static).update(t)

    # --- add and edit --------------------------------------------------------------------------

    def action_add(self) -> None:
        from tui.screens.dialogs import PersonDialog

        self.app.push_screen(PersonDialog(), self._saved_form)

    def action_edit(self) -> None:
        from tui.screens.dialogs import PersonDialog

        if self.current is None:
            self.say(_("Choose a person in the list first."), "warning")
            return
        self.app.push_screen(PersonDialog(self.current), self._saved_form)

    def action_offices(self) -> None:
        from tui.screens.masterdata import OfficesDialog

        if self.current is None:
            self.say(_("Choose a person in the list first."), "warning")
            return
        pid = self.current["id"]
        self.app.push_screen(OfficesDialog(self.current, self.today), lambda changed: changed and self.load_person(pid))

    def _saved_form(self, p: dict | None) -> None:
        """The dialog saved (it stays open while a save is refused): show the saved person."""
        if p:
            self.saved(p)

    def saved(self, p: dict) -> None:
        self.say(_("{name} is saved.", name=p["name"]))
        self.show_person(p)
        self.focus_id = p["id"]
        self.load(self.query_one("#search", Input).value, 0)
