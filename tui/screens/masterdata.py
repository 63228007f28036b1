"""Master data screens (issue 16): organisations, meetings and agenda items, council groups and
seat allotments, board create/edit/retire and a person's offices.

Every write goes through :mod:`registry.masterdata` in a thread worker. A form that is refused
stays open with what was typed and the refusal beside it (``FormDialog``). Records are chosen by
name with a plain ``Select`` (names as labels, ids as values); the picker work of issue 16 item 8
may replace these with searchable pickers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, DataTable, Input, Label, Select, SelectionList, Static

from registry import masterdata as md
from registry.i18n import N_, _, _n
from tui.screens.base import UdpegScreen, deliver, error_text, fail
from tui.widgets.common import B, day, localized, parse_day
from tui.widgets.footer import Footer

ORG_KINDS = {"business": N_("Business"), "knowledge": N_("Knowledge"), "labour": N_("Labour"),
             "region": N_("Region"), "municipality": N_("Municipality"), "ministry": N_("Ministry"),
             "kkr": N_("KKR"), "council-group": N_("Council group"), "other": N_("Other")}
OFFICES = {"council-member": N_("Council member"), "mayor": N_("Mayor"),
           "regional-council-member": N_("Regional council member"), "kkr-member": N_("KKR member")}
TERMS = {"kkr": N_("KKR election period"), "municipal": N_("municipal election period"),
         "custom": N_("custom (no fixed period)")}


def kind_label(kind: str) -> str:
    return _(ORG_KINDS[kind]) if kind in ORG_KINDS else kind


def office_label(office: str) -> str:
    return _(OFFICES[office]) if office in OFFICES else office


def term_label(term: str) -> str:
    if term in TERMS:
        return _(TERMS[term])
    if term.startswith("years:"):
        n = int(term.split(":", 1)[1]) if term.split(":", 1)[1].isdigit() else 0
        return _n("every {n} year", "every {n} years", n, n=n)
    return term


def _number(text: str) -> Any:
    """A typed whole number as an int; anything else as typed, so the validator words the refusal."""
    t = text.strip()
    if not t:
        return None
    try:
        return int(t)
    except ValueError:
        return t


# --- a form that stays open when refused -----------------------------------------------------------


@dataclass
class Field:
    id: str
    label: str
    kind: str = "text"                  # text | number | select | check | multi (a list of ids)
    value: Any = ""
    options: list[tuple[str, str]] = field(default_factory=list)   # (label, value) for select


@localized
class FormDialog(ModalScreen[Any]):
    """A form whose Save runs ``submit(values)`` in a thread worker: the result dismisses the
    dialog, a refusal (any error) is shown beside the form, which keeps what was typed."""

    BINDINGS = [B("escape", "cancel", N_("Cancel"), "form.cancel"),
                B("ctrl+s", "save", N_("Save"), "form.save", priority=True)]

    def __init__(self, title: str, fields: list[Field], submit: Callable[[dict], Any], ok: str | None = None,
                 note: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.submit = submit
        self.ok = ok or _("Save")
        self.note = note

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(Text(self.title_text, style="bold"))
            if self.note:
                yield Static(Text(self.note, style="dim"))
            for f in self.fields:
                if f.kind == "check":
                    yield Checkbox(f.label, value=bool(f.value), id=f"f-{f.id}", compact=True)
                    continue
                yield Label(f.label)
                if f.kind == "multi":
                    yield SelectionList(*[(Text(label), value, value in (f.value or [])) for label, value in f.options],
                                        id=f"f-{f.id}", classes="multi")
                elif f.kind == "select":
                    yield Select([(Text(label), value) for label, value in f.options], value=f.value or Select.NULL,
                                 allow_blank=not f.value, id=f"f-{f.id}", compact=True, prompt=_("Choose…"))
                else:
                    yield Input(value="" if f.value is None else str(f.value), id=f"f-{f.id}", compact=True)
            yield Static(id="form-error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button(self.ok, variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        if self.fields:
            self.query_one(f"#f-{self.fields[0].id}").focus()

    def values(self) -> dict:
        out: dict = {}
        for f in self.fields:
            w = self.query_one(f"#f-{f.id}")
            if f.kind == "check":
                out[f.id] = bool(w.value)
            elif f.kind == "multi":
                out[f.id] = list(w.selected)
            elif f.kind == "select":
                out[f.id] = None if w.value is Select.NULL else str(w.value)
            elif f.kind == "number":
                out[f.id] = _number(w.value)
            else:
                out[f.id] = w.value.strip()
        return out

    @on(Button.Pressed, "#ok")
    def action_save(self) -> None:
        values = self.values()
        for f in self.fields:
            if f.kind == "select" and values[f.id] is None and f.id not in getattr(self, "optional", ()):
                self.refused(_("{field}: choose one.", field=f.label))
                return
        self.query_one("#form-error", Static).update("")
        self.run_submit(values)

    @work(thread=True, exclusive=True, group="form", exit_on_error=False)
    def run_submit(self, values: dict) -> None:
        try:
            result = self.submit(values)
        except Exception as exc:  # noqa: BLE001 - a refusal is shown beside the form
            deliver(self, self.refused, str(exc) if isinstance(exc, ValueError) else error_text(exc))
            return
        deliver(self, self.dismiss, result)

    def refused(self, message: str) -> None:
        """The refusal beside the form; a validator's place (``kind: …``) is named by the field's label."""
        import re

        parts = message.split("; ")
        for f in self.fields:
            place = re.compile(rf"^(?:[\w-]+(?:\[\d+\])?\.)*{re.escape(f.id)}(?:\[\d+\])?: ")
            parts = [place.sub(lambda _m, label=f.label: f"{label}: ", p) for p in parts]
        message = "; ".join(parts)
        error = self.query_one("#form-error", Static)
        error.update(Text(message, style="bold red"))
        self.call_after_refresh(error.scroll_visible, animate=False)

    @on(Input.Submitted)
    def _next(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ListScreen(UdpegScreen):
    """A title, an optional search, a table and a detail line: the master data lists."""

    TITLE_TEXT = ""
    SEARCH = ""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, dict] = {}
        self.focus_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(_(self.TITLE_TEXT), style="bold"), classes="title")
        if self.SEARCH:
            yield Input(placeholder=_(self.SEARCH), id="search")
        yield DataTable(id="list", cursor_type="row")
        with VerticalScroll(id="md-detail"):
            yield Static(id="detail")
        yield Static(id="status", classes="status")
        yield Footer()

    def on_mount(self) -> None:
        self.columns(self.query_one(DataTable))
        (self.query_one("#search", Input) if self.SEARCH else self.query_one(DataTable)).focus()
        self.reload()

    def columns(self, t: DataTable) -> None:
        raise NotImplementedError

    def search_text(self) -> str:
        return self.query_one("#search", Input).value.strip() if self.SEARCH else ""

    def reload(self) -> None:
        self.load(self.search_text())

    @work(thread=True, exclusive=True, group="list", exit_on_error=False)
    def load(self, search: str) -> None:
        try:
            rows = self.read(search)
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            return
        deliver(self, self.show_rows, rows)

    def read(self, search: str) -> list[dict]:
        raise NotImplementedError

    def cells(self, r: dict) -> list:
        raise NotImplementedError

    def show_rows(self, rows: list[dict]) -> None:
        t = self.query_one(DataTable)
        keep = t.cursor_row
        t.clear()
        self.rows = {r["id"]: r for r in rows}
        for r in rows:
            t.add_row(*self.cells(r), key=r["id"])
        if rows:
            if self.focus_id in self.rows:
                t.move_cursor(row=t.get_row_index(self.focus_id))
                self.focus_id = None
            else:
                t.move_cursor(row=min(keep, len(rows) - 1))
        self.query_one("#status", Static).update(Text(self.count_text(len(rows)), style="dim"))
        self.show_detail(self.current())

    def count_text(self, n: int) -> str:
        return ""

    def current(self) -> dict | None:
        t = self.query_one(DataTable)
        if not t.row_count:
            return None
        key = t.coordinate_to_cell_key((t.cursor_row, 0)).row_key.value
        return self.rows.get(key)

    @on(DataTable.RowHighlighted, "#list")
    def _highlighted(self) -> None:
        self.show_detail(self.current())

    def show_detail(self, r: dict | None) -> None:
        self.query_one("#detail", Static).update(self.detail(r) if r else Text(""))

    def detail(self, r: dict) -> Text:
        return Text("")

    @on(Input.Changed, "#search")
    def _search(self) -> None:
        self.reload()

    @on(Input.Submitted, "#search")
    def _to_list(self) -> None:
        self.query_one(DataTable).focus()

    def on_key(self, event) -> None:
        if self.SEARCH and event.key == "down" and self.focused is self.query_one("#search", Input):
            self.query_one(DataTable).focus()
            event.stop()

    def saved(self, row: Any, message: str) -> None:
        if isinstance(row, dict) and row.get("id"):
            self.focus_id = row["id"]
        self.say(message)
        self.reload()

    def need_current(self) -> dict | None:
        r = self.current()
        if r is None:
            self.say(_("Choose a row in the list first."), "warning")
        return r


# --- organisations -------------------------------------------------------------------------------


def organisation_form(ctx, org: dict | None = None) -> FormDialog:
    o = org or {}
    fields = [Field("name", _("Name"), value=o.get("name", "")),
              Field("kind", _("Kind"), "select", o.get("kind", ""), [(kind_label(k), k) for k in ORG_KINDS])]

    def submit(v: dict) -> dict:
        if org:
            return md.save_organisation(ctx, org["id"], v, expected=org)
        return md.save_organisation(ctx, None, v, create=True)

    return FormDialog(_("Edit organisation") if org else _("New organisation"), fields, submit)


@localized
class OrganisationsScreen(ListScreen):
    """Organisations by name: search, create, edit name and kind."""

    TITLE_TEXT = N_("Organisations")
    SEARCH = N_("Search organisations by name or kind…")
    HOLDS_FORM = False
    BINDINGS = [B("escape", "app.pop_screen", N_("Back"), "orgs.back"),
                B("ctrl+n", "add", N_("Create"), "orgs.add", priority=True),
                B("e", "edit", N_("Edit"), "orgs.edit")]

    def columns(self, t: DataTable) -> None:
        t.add_column(_("Name"), key="name")
        t.add_column(_("Kind"), key="kind", width=22)

    def read(self, search: str) -> list[dict]:
        return md.organisations(self.ctx, search or None)

    def cells(self, r: dict) -> list:
        return [Text(r["name"]), Text(kind_label(r["kind"]))]

    def count_text(self, n: int) -> str:
        return _n("{n} organisation", "{n} organisations", n, n=n) + " · " + _("ctrl+n: create · e: edit")

    def detail(self, r: dict) -> Text:
        t = Text(r["name"], style="bold")
        t.append("\n" + kind_label(r["kind"]))
        return t

    def action_add(self) -> None:
        self.app.push_screen(organisation_form(self.ctx), lambda row: row and self.saved(
            row, _("{name} is saved.", name=row["name"])))

    def action_edit(self) -> None:
        r = self.need_current()
        if r:
            self.app.push_screen(organisation_form(self.ctx, r), lambda row: row and self.saved(
                row, _("{name} is saved.", name=row["name"])))


# --- boards: create, edit, retire ---------------------------------------------------------------


def board_form(ctx, board: dict | None = None) -> FormDialog:
    b = board or {}
    fields = [Field("name", _("Name"), value=b.get("name", "")),
              Field("legal_basis", _("Legal basis"), value=b.get("legal_basis", "")),
              Field("url", _("Legal basis URL"), value=b.get("url", "")),
              Field("term", _("Term pattern (kkr, municipal, custom or years:N)"), value=b.get("term", "kkr")),
              Field("term_anchor", _("First term starts (for years:N)"),
                    value=day(b["term_anchor"]) if b.get("term_anchor") else ""),
              Field("statutory", _("Statutory (required by law)"), "check", b.get("statutory", False)),
              Field("decision_making", _("Decision-making"), "check", b.get("decision_making", False)),
              Field("holdover", _("Members stay until successors are appointed"), "check", b.get("holdover", False)),
              Field("max_consecutive_terms", _("Most consecutive terms (0 = no limit)"), "number",
                    b.get("max_consecutive_terms", 0))]

    def submit(v: dict) -> dict:
        v = {k: x for k, x in v.items() if x not in (None, "") or k in ("legal_basis", "url")}
        if board:
            return md.save_board(ctx, board["id"], v, expected_version=board["version"])
        return md.save_board(ctx, None, v, create=True)

    return FormDialog(_("Edit board") if board else _("New board"), fields, submit,
                      note="" if board else _("A new board has no seats yet: its seat rules (composition) come next."))


def retire_form(ctx, board: dict, today: date) -> FormDialog:
    def submit(v: dict) -> dict:
        return md.retire_board(ctx, board["id"], parse_day(v["on"]), expected_version=board["version"])

    return FormDialog(_("Retire {board}", board=board["name"]), [Field("on", _("Retired from (first day without seats)"),
                                                                        value=day(today))], submit, ok=_("Retire"),
                      note=_("Its seat rules end the day before; members still seated end then too."))


ELIGIBILITY = {"elected": N_("Elected (holds a council office)"), "council-member-in-kkr": N_("Council member in the KKR"),
               "regional-council-member": N_("Regional council member"), "mayor": N_("Mayor")}
DEPUTIES = {"none": N_("No deputies"), "optional": N_("Deputies optional"), "required": N_("Deputies required")}


def seat_group_form(ctx, board: dict, orgs: list[dict], rules: dict | None, today: date) -> FormDialog:
    """Add a seat group from a date (a new version of the seat rules when one is in force)."""
    org_options = [(o["name"], o["id"]) for o in orgs]
    have = ", ".join(f"{g['name']} ({g['count']})" for g in (rules or {}).get("seats", [])) or _("none yet")
    fields = [Field("valid_from", _("From (the seat rules change that day)"), value=day(today)),
              Field("name", _("Seat group name")), Field("count", _("Seats"), "number", 1),
              Field("appointed_by", _("Appointed by"), "select", "", org_options),
              Field("nominated_by", _("Entitled to nominate (none: not a nominated seat)"), "multi", [], org_options),
              Field("eligibility", _("Eligibility"), "multi", [], [(_(v), k) for k, v in ELIGIBILITY.items()]),
              Field("deputies", _("Deputies"), "select", "none", [(_(v), k) for k, v in DEPUTIES.items()]),
              Field("voting", _("Voting"), "check", True)]

    def submit(v: dict) -> dict:
        start = v.pop("valid_from")
        return md.add_seat_group(ctx, board["id"], start, v, expected_version=board["version"])

    form = FormDialog(_("Seat group for {board}", board=board["name"]), fields, submit,
                      note=_("Seat groups now: {seats}", seats=have))
    form.optional = {"appointed_by"}
    return form


# --- offices on the person screen ----------------------------------------------------------------


@localized
class OfficesDialog(ModalScreen[bool]):
    """A person's offices: add one (office, where, from–to) or end the highlighted one."""

    BINDINGS = [B("escape", "close", N_("Close"), "offices.close")]

    def __init__(self, person: dict, today: date) -> None:
        super().__init__()
        self.person = person
        self.version = person.get("version")
        self.today = today
        self.bodies: list[dict] = []
        self.changed = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(Text(_("Offices of {name}", name=self.person["name"]), style="bold"))
            yield DataTable(id="offices", cursor_type="row", classes="short")
            yield Label(_("Office"))
            yield Select([(Text(office_label(k)), k) for k in OFFICES], value="council-member", allow_blank=False,
                         id="office", compact=True)
            yield Label(_("Held in"))
            yield Select([], id="body", compact=True, prompt=_("Choose…"))
            yield Label(_("From"))
            yield Input(value=day(self.today), id="start", compact=True)
            yield Label(_("To (optional; the last day when ending the highlighted office)"))
            yield Input(id="end", compact=True)
            yield Static(id="form-error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Add office"), variant="primary", id="add")
                yield Button(_("End highlighted"), variant="warning", id="finish")
                yield Button(_("Close"), id="close")

    def on_mount(self) -> None:
        t = self.query_one(DataTable)
        t.add_column(_("Office"), key="office", width=26)
        t.add_column(_("Held in"), key="body", width=18)
        t.add_column(_("From – to"), key="span", width=23)
        self.query_one("#office", Select).focus()
        self.read()

    @work(thread=True, exclusive=True, group="offices", exit_on_error=False)
    def read(self) -> None:
        try:
            bodies = self.bodies or md.office_bodies(self.app.ctx)
            offices = md.person_offices(self.app.ctx, self.person["id"])
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            return
        deliver(self, self.show, bodies, offices)

    def show(self, bodies: list[dict], offices: list[dict]) -> None:
        if not self.bodies:
            self.bodies = bodies
            home = self.person.get("municipality")
            self.query_one("#body", Select).set_options([(Text(b["name"]), b["id"]) for b in bodies])
            if home and any(b["id"] == home for b in bodies):
                self.query_one("#body", Select).value = home
        t = self.query_one(DataTable)
        t.clear()
        for o in offices:
            t.add_row(Text(office_label(o["office"])), Text(o["body_name"]),
                      Text(f"{day(o['start'])} – {day(o['end']) if o['end'] else ''}"), key=str(o["pk"]))

    def _error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(Text(message, style="bold red"))
        if message:
            self.call_after_refresh(error.scroll_visible, animate=False)

    @on(Button.Pressed, "#add")
    def _add(self) -> None:
        body = self.query_one("#body", Select).value
        self._error("")
        self.write("add", {"office": str(self.query_one("#office", Select).value),
                           "body": "" if body is Select.NULL else str(body),
                           "start": self.query_one("#start", Input).value.strip(),
                           "end": self.query_one("#end", Input).value.strip() or None})

    @on(Button.Pressed, "#finish")
    def _finish(self) -> None:
        t = self.query_one(DataTable)
        self._error("")
        if not t.row_count:
            self._error(_("There is no office to end."))
            return
        pk = int(t.coordinate_to_cell_key((t.cursor_row, 0)).row_key.value)
        self.write("end", {"pk": pk, "on": self.query_one("#end", Input).value.strip() or day(self.today)})

    @work(thread=True, exclusive=True, group="offices-write", exit_on_error=False)
    def write(self, what: str, v: dict) -> None:
        ctx = self.app.ctx
        try:
            if what == "add":
                p = md.add_office(ctx, self.person["id"], v["office"], v["body"], v["start"], v["end"],
                                  expected_version=self.version)
            else:
                p = md.end_office(ctx, self.person["id"], v["pk"], parse_day(v["on"]), expected_version=self.version)
            offices = md.person_offices(ctx, self.person["id"])
        except Exception as exc:  # noqa: BLE001 - shown beside the form, which keeps its input
            deliver(self, self._error, str(exc) if isinstance(exc, ValueError) else error_text(exc))
            return
        deliver(self, self.written, p, offices)

    def written(self, p: dict, offices: list[dict]) -> None:
        self.version = p["version"]
        self.changed = True
        self.show(self.bodies, offices)
        self.notify(_("The offices of {name} are saved.", name=p["name"]), markup=False)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(self.changed)


# --- meetings and agenda items -------------------------------------------------------------------


def meeting_form(ctx, bodies: list[tuple[str, str]], default_body: str | None, today: date) -> FormDialog:
    fields = [Field("body", _("Body (who meets)"), "select", default_body or "", [(n, i) for i, n in bodies]),
              Field("date", _("Date"), value=day(today)), Field("place", _("Place (optional)"))]
    return FormDialog(_("New meeting"), fields, lambda v: md.save_meeting(ctx, None, v, create=True))


def item_form(ctx, meeting: dict) -> FormDialog:
    fields = [Field("item", _("Agenda item (number)")), Field("case", _("Case number (optional)")),
              Field("title", _("Title (optional)"))]
    return FormDialog(_("Agenda item for {meeting}", meeting=f"{meeting['body_name']} {day(meeting['date'])}"), fields,
                      lambda v: md.add_agenda_item(ctx, meeting["id"], v["item"], v["case"], v["title"],
                                                   expected={k: meeting[k] for k in ("body", "date", "place", "items")}))


@localized
class MeetingsScreen(ListScreen):
    """Meetings (newest first) and their agenda items with case numbers."""

    TITLE_TEXT = N_("Meetings")
    BINDINGS = [B("escape", "app.pop_screen", N_("Back"), "meetings.back"),
                B("ctrl+n", "add", N_("Create"), "meetings.add", priority=True),
                B("i", "item", N_("Agenda item"), "meetings.item")]

    def columns(self, t: DataTable) -> None:
        t.add_column(_("Date"), key="date", width=max(10, len(_("Date"))))
        t.add_column(_("Body"), key="body")
        t.add_column(_("Place"), key="place", width=28)
        t.add_column(_("Items"), key="items", width=max(5, len(_("Items"))))

    def read(self, search: str) -> list[dict]:
        self.bodies = [(o["id"], o["name"]) for o in md.organisations(self.ctx)]
        self.default_body = next((o["id"] for o in md.organisations(self.ctx) if o["kind"] == "kkr"), None)
        return md.meetings(self.ctx)

    def cells(self, r: dict) -> list:
        return [Text(day(r["date"])), Text(r["body_name"]), Text(r["place"] or ""),
                Text(str(len(r["items"])) if r["items"] else "·", justify="right")]

    def count_text(self, n: int) -> str:
        return _n("{n} meeting", "{n} meetings", n, n=n) + " · " + _("ctrl+n: create · i: agenda item")

    def detail(self, r: dict) -> Text:
        t = Text(f"{r['body_name']} · {day(r['date'])}", style="bold")
        if r["place"]:
            t.append(f" · {r['place']}")
        if not r["items"]:
            t.append("\n" + _("No agenda items recorded."), style="dim")
        for it in r["items"]:
            t.append(f"\n  {it['item']:<6}")
            t.append(it.get("case") or "", style="bold")
            if it.get("title"):
                t.append(f"  {it['title']}")
        return t

    def action_add(self) -> None:
        self.app.push_screen(meeting_form(self.ctx, getattr(self, "bodies", []), getattr(self, "default_body", None),
                                          self.today),
                             lambda row: row and self.saved(row, _("The meeting is saved.")))

    def action_item(self) -> None:
        r = self.need_current()
        if r:
            self.app.push_screen(item_form(self.ctx, r), lambda row: row and self.saved(
                row, _("The agenda item is saved.")))


# --- council groups and allotments ---------------------------------------------------------------


def group_form(ctx, group: dict | None, today: date) -> FormDialog:
    g = group or {}
    fields = [Field("name", _("Name"), value=g.get("name", "")),
              Field("period_start", _("Period starts"), value=day(g["period_start"]) if g else ""),
              Field("period_end", _("Period ends"), value=day(g["period_end"]) if g else ""),
              Field("parties", _("Party letters (comma separated)"), value=", ".join(g.get("parties") or [])),
              Field("members", _("Members (for d'Hondt)"), "number", g.get("members"))]

    def submit(v: dict) -> dict:
        if v["members"] is None and not group:
            v.pop("members")
        if group:
            return md.save_council_group(ctx, group["id"], v, expected=group)
        return md.save_council_group(ctx, None, v, create=True)

    return FormDialog(_("Edit council group") if group else _("New council group"), fields, submit)


def share_text(result, names: dict[str, str]) -> Text:
    t = Text()
    for gid, n in result.seats.items():
        t.append(f"{names.get(gid, gid)}: ", style="bold")
        t.append(_n("{n} seat", "{n} seats", n, n=n) + "\n")
    if result.lot:
        t.append(_n("{n} seat is drawn by lot between {groups}: it is not won until the lot is drawn.",
                    "{n} seats are drawn by lot between {groups}: they are not won until the lot is drawn.",
                    result.lot.seats, n=result.lot.seats,
                    groups=", ".join(names.get(g, g) for g in result.lot.groups)), style="yellow")
    return t


@localized
class AllotDialog(ModalScreen[int | None]):
    """Share a seat group's seats between the council groups by d'Hondt, then allot the seats won."""

    BINDINGS = [B("escape", "cancel", N_("Cancel"), "allot.cancel")]

    def __init__(self, groups: list[dict], boards: list[tuple[str, str]], on: date) -> None:
        super().__init__()
        self.groups = groups
        self.boards = boards
        self.on_date = on
        self.result = None

    def compose(self) -> ComposeResult:
        names = ", ".join(f"{g['name']} ({g['members'] if g['members'] is not None else '?'})" for g in self.groups)
        with VerticalScroll(classes="dialog"):
            yield Static(Text(_("Share seats by d'Hondt"), style="bold"))
            yield Static(Text(_("Between: {groups}", groups=names), style="dim"))
            yield Label(_("Board"))
            yield Select([(Text(n), i) for i, n in self.boards], id="board", compact=True, prompt=_("Choose…"))
            yield Label(_("Seat group"))
            yield Select([], id="seat", compact=True, prompt=_("Choose…"))
            yield Label(_("Seats to share"))
            yield Input(value="1", id="count", compact=True)
            yield Label(_("Allotted from"))
            yield Input(value=day(self.on_date), id="start", compact=True)
            yield Static(id="share")
            yield Static(id="form-error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Share"), id="share-btn")
                yield Button(_("Allot seats won"), variant="primary", id="ok", disabled=True)
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#board", Select).focus()

    @on(Select.Changed, "#board")
    def _board(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.seats_of(str(event.value))

    @work(thread=True, exclusive=True, group="seats", exit_on_error=False)
    def seats_of(self, board: str) -> None:
        from tui import data

        try:
            seats = data.seat_choices(self.app.ctx, board)
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            return
        deliver(self, self._seats, seats)

    def _seats(self, seats: list[tuple[str, str]]) -> None:
        w = self.query_one("#seat", Select)
        w.set_options([(Text(name), sid) for sid, name in seats])
        if seats:
            w.value = seats[0][0]

    def _error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(Text(message, style="bold red"))
        if message:
            self.call_after_refresh(error.scroll_visible, animate=False)

    @on(Button.Pressed, "#share-btn")
    @on(Input.Submitted, "#count")
    def _share(self) -> None:
        self._error("")
        count = _number(self.query_one("#count", Input).value)
        if not isinstance(count, int):
            self._error(_("The number of seats must be a whole number."))
            return
        self.share(count)

    @work(thread=True, exclusive=True, group="share", exit_on_error=False)
    def share(self, count: int) -> None:
        try:
            result = md.share_seats(self.app.ctx, [g["id"] for g in self.groups], count)
        except Exception as exc:  # noqa: BLE001
            deliver(self, self._error, error_text(exc) if not isinstance(exc, ValueError) else str(exc))
            return
        deliver(self, self._shared, result)

    def _shared(self, result) -> None:
        self.result = result
        self.query_one("#share", Static).update(share_text(result, {g["id"]: g["name"] for g in self.groups}))
        self.query_one("#ok", Button).disabled = not any(result.seats.values())

    @on(Button.Pressed, "#ok")
    def _allot(self) -> None:
        board, seat = self.query_one("#board", Select).value, self.query_one("#seat", Select).value
        if board is Select.NULL or seat is Select.NULL or self.result is None:
            self._error(_("Choose the board and the seat group first."))
            return
        self.allot(str(board), str(seat), {g: n for g, n in self.result.seats.items() if n},
                   self.query_one("#start", Input).value.strip())

    @work(thread=True, exclusive=True, group="allot", exit_on_error=False)
    def allot(self, board: str, seat: str, shares: dict, start: str) -> None:
        try:
            rows = md.allot_shares(self.app.ctx, board, seat, shares, start)
        except Exception as exc:  # noqa: BLE001
            deliver(self, self._error, error_text(exc))
            return
        deliver(self, self.dismiss, len(rows))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


@localized
class CouncilGroupsScreen(ListScreen):
    """Council groups by period, with party letters and members; d'Hondt and allotments."""

    TITLE_TEXT = N_("Council groups")
    BINDINGS = [B("escape", "app.pop_screen", N_("Back"), "groups.back"),
                B("ctrl+n", "add", N_("Create"), "groups.add", priority=True),
                B("e", "edit", N_("Edit"), "groups.edit"),
                B("h", "share", N_("d'Hondt"), "groups.share")]

    def columns(self, t: DataTable) -> None:
        t.add_column(_("Period"), key="period", width=23)
        t.add_column(_("Name"), key="name")
        t.add_column(_("Parties"), key="parties", width=14)
        t.add_column(_("Members"), key="members", width=max(7, len(_("Members"))))

    def read(self, search: str) -> list[dict]:
        rows = md.council_groups(self.ctx)
        allotted: dict[str, list] = {}
        for a in md.allocations(self.ctx):
            allotted.setdefault(a["council_group"], []).append(a)
        from tui import data

        self.boards = data.board_choices(self.ctx)
        return [{**r, "allotted": allotted.get(r["id"], [])} for r in rows]

    def cells(self, r: dict) -> list:
        return [Text(f"{day(r['period_start'])} – {day(r['period_end'])}"), Text(r["name"]),
                Text(", ".join(r["parties"] or [])),
                Text(str(r["members"]) if r["members"] is not None else "–", justify="right")]

    def count_text(self, n: int) -> str:
        return _n("{n} council group", "{n} council groups", n, n=n) + " · " + _("ctrl+n: create · e: edit · h: d'Hondt")

    def detail(self, r: dict) -> Text:
        t = Text(r["name"], style="bold")
        t.append(f"  {day(r['period_start'])} – {day(r['period_end'])}", style="dim")
        if not r["allotted"]:
            t.append("\n" + _("No seats allotted to this group."), style="dim")
        for a in r["allotted"]:
            t.append(f"\n  {day(a['start'])} – {day(a['end'])}  ")
            t.append(a["board_name"])
            t.append(f" · {a['seat_name'] if a.get('seat_name') else a['seat']}", style="dim")
        return t

    def action_add(self) -> None:
        self.app.push_screen(group_form(self.ctx, None, self.today), lambda row: row and self.saved(
            row, _("{name} is saved.", name=row["name"])))

    def action_edit(self) -> None:
        r = self.need_current()
        if r:
            g = {k: v for k, v in r.items() if k != "allotted"}
            self.app.push_screen(group_form(self.ctx, g, self.today), lambda row: row and self.saved(
                row, _("{name} is saved.", name=row["name"])))

    def action_share(self) -> None:
        r = self.need_current()
        if r is None:
            return
        period = [g for g in self.rows.values() if g["period_start"] == r["period_start"]
                  and g["period_end"] == r["period_end"]]
        self.app.push_screen(AllotDialog(period, getattr(self, "boards", []), max(self.today, r["period_start"])),
                             lambda n: n and self.saved(None, _n("{n} seat is allotted.", "{n} seats are allotted.",
                                                                 n, n=n)))
