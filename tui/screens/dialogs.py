"""Small typed dialogs: each is a ModalScreen that returns its answer through ``dismiss``."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from registry.i18n import N_, _, _n
from registry.service import END_REASONS
from tui.widgets.common import B, day, findings_text, localized, parse_day


@localized
class OverrideReasonDialog(ModalScreen[str | None]):
    """The appointment breaks a rule: give the reason it is made anyway, or cancel."""

    BINDINGS = [B("escape", "cancel", N_("Cancel"), "override.cancel")]

    def __init__(self, findings: list) -> None:
        super().__init__()
        self.findings = findings

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(_("This appointment breaks a rule"), style="bold red"))
            with VerticalScroll(classes="dialog-findings"):
                yield Static(findings_text(self.findings))
            yield Label(_("Why is it made anyway? The reason is recorded in the audit log."))
            yield Input(placeholder=_("Override reason"), id="reason")
            with Horizontal(classes="buttons"):
                yield Button(_("Appoint anyway"), variant="error", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.notify(_("Write the reason first, or press Escape to cancel."), severity="warning", markup=False)
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


REASON_LABELS = {"resigned": N_("resigned"), "left-council": N_("left the council"), "deceased": N_("deceased"),
                 "replaced": N_("replaced"), "other": N_("other")}


@localized
class EndAppointmentDialog(ModalScreen[tuple | None]):
    """End an appointment early: the last day, why, and an optional note."""

    BINDINGS = [B("escape", "cancel", N_("Cancel"), "end.cancel")]

    def __init__(self, name: str, on: date) -> None:
        super().__init__()
        self.person_name = name
        self.on_date = on

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            t = Text(_("End the appointment of") + " ", style="bold")
            t.append(self.person_name)
            yield Static(t)
            yield Label(_("Last day"))
            yield Input(value=day(self.on_date), id="on")
            yield Label(_("Reason"))
            yield Select([(_(REASON_LABELS[r]), r) for r in END_REASONS], value="resigned", allow_blank=False, id="why")
            yield Label(_("Note (optional)"))
            yield Input(id="note")
            with Horizontal(classes="buttons"):
                yield Button(_("End appointment"), variant="warning", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#on", Input).focus()

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def _ok(self) -> None:
        try:
            on = parse_day(self.query_one("#on", Input).value)
        except ValueError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.dismiss((on, str(self.query_one("#why", Select).value), self.query_one("#note", Input).value.strip()))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


@localized
class NominationDialog(ModalScreen[tuple | None]):
    """Register a nomination: board, seat group, organisations and candidates picked by name.

    The dialog saves through ``service.nominate`` itself and stays open, with what was typed,
    when the save is refused; it returns (nomination id, findings). Before saving it asks the core
    whether one of the organisations already nominated for the same round (``service.
    same_round_nominations``) and shows it: Register again saves the second one anyway.
    """

    BINDINGS = [B("escape", "cancel", N_("Cancel"), "nominate.cancel"),
                B("ctrl+s", "register", N_("Register"), "nominate.register", priority=True)]

    def __init__(self, board: str = "", round_: date | None = None, seats: list[tuple[str, str]] | None = None,
                 board_name: str = "", seat: str | None = None) -> None:
        super().__init__()
        self.seat_id = seat
        self.board = board
        self.board_name = board_name or board
        self.round = round_
        self.seats = seats or []
        self.duplicate_ok: tuple | None = None

    def compose(self) -> ComposeResult:
        from tui.widgets.picker import PickField, PickListField, boards_source, organisations_source, people_source

        with VerticalScroll(classes="dialog"):
            yield Static(Text(_("Register a nomination"), style="bold"))
            yield Label(_("Board"))
            yield PickField(_("Choose the board"), boards_source, value=self.board or None, name_=self.board_name,
                            id="board")
            yield Label(_("Seat group"))
            seat = next((s for s in self.seats if s[0] == self.seat_id), None) or (
                self.seats[0] if len(self.seats) == 1 else ("", ""))
            yield PickField(_("Choose the seat group"), self._seat_source(), value=seat[0] or None, name_=seat[1],
                            id="seat")
            yield Label(_("Round starts"))
            yield Input(value=day(self.round) if self.round else "", id="round", compact=True)
            yield Label(_("Nominating organisations"))
            yield PickListField(_("Add a nominating organisation"), organisations_source, id="orgs")
            yield Label(_("Candidates"))
            yield PickListField(_("Add a candidate"), people_source, new_label=_("New person"), id="cands")
            yield Label(_("Seats nominated for"))
            yield Input(value="1", id="count", compact=True)
            yield Label(_("Special reasons (§ 10 a, stk. 2), if any"))
            yield Input(id="reasons", compact=True)
            yield Static("", id="form-error", classes="field-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Register"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def _seat_source(self):
        from tui.widgets.picker import seat_groups_source

        board = self.board
        return seat_groups_source(board, self.round) if board else None

    def on_mount(self) -> None:
        self.query_one("#form-error").display = False
        self.query_one("#orgs" if self.board and self.round else "#board").focus()

    def on_pick_field_changed(self, event) -> None:
        if event.field.id == "board" and event.field.value != self.board:
            self.board = event.field.value or ""
            seat = self.query_one("#seat")
            seat.source = self._seat_source()
            seat.set(None)
        self.duplicate_ok = None
        self.say_error("")

    def on_pick_list_field_changed(self, event) -> None:
        self.duplicate_ok = None
        self.say_error("")

    def on_pick_list_field_new_requested(self, event) -> None:
        def made(p: dict | None) -> None:
            if p:
                self.query_one("#cands").add(p["id"], p["name"])

        self.app.push_screen(PersonDialog(name=event.name), made)

    def say_error(self, message: str, severity: str = "error") -> None:
        w = self.query_one("#form-error", Static)
        w.set_classes("field-error" if severity == "error" else "field-warning")
        w.update(Text(message))
        w.display = bool(message)
        if message:
            self.call_after_refresh(w.scroll_visible)

    def form(self) -> dict:
        """What the form holds; ValueError with a sentence (and the field's id) when something is missing."""
        board = self.query_one("#board").value
        if not board:
            raise FormError("board", _("Choose the board."))
        seat = self.query_one("#seat").value
        if not seat:
            raise FormError("seat", _("Choose the seat group."))
        try:
            rnd = parse_day(self.query_one("#round", Input).value)
        except ValueError as exc:
            raise FormError("round", str(exc)) from None
        orgs = self.query_one("#orgs").values
        if not orgs:
            raise FormError("orgs", _("Add the nominating organisation."))
        cands = self.query_one("#cands").values
        if not cands:
            raise FormError("cands", _("Add at least one candidate."))
        try:
            count = int(self.query_one("#count", Input).value or "1")
        except ValueError:
            raise FormError("count", _("The number of seats must be a whole number.")) from None
        return {"board": board, "seat": seat, "round": rnd, "organisations": orgs, "candidates": cands,
                "seats": count, "reasons": self.query_one("#reasons", Input).value.strip()}

    @on(Button.Pressed, "#ok")
    def action_register(self) -> None:
        try:
            form = self.form()
        except FormError as exc:
            self.say_error(str(exc))
            self.query_one(f"#{exc.field}").focus()
            return
        self.save(form)

    @work(thread=True, exclusive=True, group="nominate", exit_on_error=False)
    def save(self, form: dict) -> None:
        from registry import service
        from tui.screens.base import error_text

        key = (form["board"], form["round"], form["organisations"])
        try:
            if self.duplicate_ok != key:
                existing = service.same_round_nominations(self.app.ctx, form["board"], form["round"],
                                                          form["organisations"])
                if existing:
                    self.app.call_from_thread(self.flag_duplicate, key, existing)
                    return
            nid, findings = service.nominate(self.app.ctx, service.NominationInput(
                board=form["board"], seat=form["seat"], round=form["round"], organisations=form["organisations"],
                candidates=form["candidates"], seats=form["seats"], reasons=form["reasons"]))
        except Exception as exc:  # noqa: BLE001 - shown beside the form, which keeps its input
            self.app.call_from_thread(self.say_error, error_text(exc))
            return
        self.app.call_from_thread(self.dismiss, (nid, findings))

    def flag_duplicate(self, key: tuple, existing: list[dict]) -> None:
        self.duplicate_ok = key
        names = dict(self.query_one("#orgs").chosen)
        orgs = sorted({names.get(o, o) for e in existing for o in e["organisations"]})
        self.say_error(_n("{orgs} already nominated for this round ({n} nomination registered). Press Register again "
                          "to save a second one, or Escape to cancel.",
                          "{orgs} already nominated for this round ({n} nominations registered). Press Register again "
                          "to save a second one, or Escape to cancel.", len(existing), orgs=", ".join(orgs),
                          n=len(existing)), "warning")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.focus_next()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class FormError(ValueError):
    """A field of a form is wrong: ``field`` is the widget id, the message a sentence."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


HELP = [
    (N_("Everywhere"), [("ctrl+p", N_("Command palette: every action as \"noun: verb\"")), ("? / F1", N_("This help")),
                        ("escape", N_("Back / cancel")), ("b", N_("Boards")), ("v", N_("Vacancies")),
                        ("p", N_("People")), ("o", N_("Nominations")), ("u", N_("Audit log")), ("r", N_("Reports")),
                        ("ctrl+q", N_("Quit"))]),
    (N_("Boards"), [(N_("type"), N_("Filter by name")), ("↓ / enter", N_("Go to the list / open the board")),
                    ("d", N_("Change the \"as of\" date (Enter re-evaluates)")), ("s", N_("Sort: name, status, open seats, term end")),
                    ("m", N_("Load more boards"))]),
    (N_("Board"), [("1–5", N_("Seats, findings, gender, history, next period")), ("a", N_("Appoint to the highlighted seat")), ("e", N_("End the highlighted appointment early")),
                   ("n", N_("Nominations for this board")), ("r", N_("Reload"))]),
    (N_("Appoint"), [("↑/↓", N_("Choose a candidate: the findings update at once")), ("ctrl+f", N_("Search all people")),
                     ("ctrl+s", N_("Appoint (a broken rule asks for a reason)")),
                     ("shift+tab", N_("Decision meeting, item and case; nominating organisations; deputy's member"))]),
    (N_("Pickers"), [(N_("enter"), N_("Open the list (a field showing a name)")), (N_("type"), N_("Filter by name")),
                     ("↓ / enter", N_("Go to the list / pick")), ("backspace", N_("Remove the last one picked"))]),
    (N_("Nominations"), [("ctrl+n", N_("Register a nomination (ctrl+s saves)")), ("y / x", N_("Accept / reject the stated special reasons")),
                         ("l", N_("Planner for the board's round")),
                         ("d", N_("The round's documents: agenda item, decision, requests, follow-ups"))]),
    (N_("Documents"), [("ctrl+o", N_("Preview the document")), ("ctrl+s", N_("Write the file or files"))]),
    (N_("People"), [("ctrl+n", N_("Add a person")), ("e", N_("Edit the highlighted person"))]),
    (N_("Vacancies"), [("enter", N_("Apply the date, days, board and municipality")),
                       ("ctrl+e", N_("Export the list as CSV"))]),
    (N_("Master data"), [("g / t / k", N_("Organisations, meetings, council groups")),
                         ("ctrl+n", N_("New board (Boards), organisation, meeting or council group")),
                         ("e / x", N_("Edit / retire the highlighted board (Boards)")),
                         ("c", N_("Add a seat group to the highlighted board (Boards)")),
                         ("ctrl+o", N_("Offices of the highlighted person (People)")),
                         ("i", N_("Add an agenda item (Meetings)")), ("h", N_("d'Hondt and allotment (Council groups)")),
                         ("ctrl+s", N_("Save a form; a refused form stays open"))]),
]


@localized
class HelpScreen(ModalScreen[None]):
    """The keys of every screen."""

    BINDINGS = [B("escape", "close", N_("Close"), "help.close"), B("question_mark", "close", N_("Close"), "help.close2", show=False)]

    def compose(self) -> ComposeResult:
        t = Text()
        t.append(_("Udpeg — keys") + "\n", style="bold")
        for title, keys in HELP:
            t.append("\n" + _(title) + "\n", style="bold")
            for key, what in keys:
                t.append(f"  {_(key):<12}", style="bold")
                t.append(_(what) + "\n")
        with VerticalScroll(classes="dialog help"):
            yield Static(t)

    def action_close(self) -> None:
        self.dismiss(None)


SEX_CHOICES = (("woman", N_("woman")), ("man", N_("man")), ("undisclosed", N_("undisclosed")))


@localized
class PersonDialog(ModalScreen[dict | None]):
    """Add or edit a person: name, sex as declared (or undisclosed), party, municipality, skills.

    The dialog saves through ``service.save_person`` and returns the saved person; a refused save
    keeps the dialog open with what was typed and the reason beside the form.
    """

    BINDINGS = [B("escape", "cancel", N_("Cancel"), "person.cancel"),
                B("ctrl+s", "save", N_("Save"), "person.save", priority=True)]

    def __init__(self, person: dict | None = None, name: str = "") -> None:
        super().__init__()
        self.person = person or {}
        self.new_name = name

    def compose(self) -> ComposeResult:
        p = self.person
        with VerticalScroll(classes="dialog"):
            yield Static(Text(_("Edit person") if p else _("Add a person"), style="bold"))
            yield Label(_("Name"))
            yield Input(value=p.get("name", self.new_name), id="name", compact=True)
            yield Static("", id="err-name", classes="field-error")
            yield Label(_("Id (letters, digits and dashes)"))
            yield Input(value=p.get("id", slug(self.new_name)), id="pid", compact=True, disabled=bool(p))
            yield Static("", id="err-pid", classes="field-error")
            yield Label(_("Sex, as the person declared it"))
            yield Select([(_(label), value) for value, label in SEX_CHOICES], value=p.get("sex", "undisclosed"),
                         allow_blank=False, id="sex", compact=True)
            yield Label(_("Party"))
            yield Input(value=p.get("party") or "", id="party", compact=True)
            yield Label(_("Municipality id"))
            yield Input(value=p.get("municipality") or "", id="municipality", compact=True)
            yield Static("", id="err-municipality", classes="field-error")
            yield Label(_("Skills (comma separated)"))
            yield Input(value=", ".join(p.get("skills") or []), id="skills", compact=True)
            yield Static("", id="err-form", classes="field-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Save"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        for w in self.query(".field-error"):
            w.display = False          # shown beside the field when a save is refused
        self.query_one("#name", Input).focus()

    @on(Input.Changed, "#name")
    def _name(self, event: Input.Changed) -> None:
        """A new person's id follows the name until the id is typed by hand."""
        if self.person:
            return
        pid = self.query_one("#pid", Input)
        last = getattr(self, "_last_slug", slug(self.new_name))
        if pid.value in ("", last):
            self._last_slug = slug(event.value)
            pid.value = self._last_slug

    def show_error(self, field: str, message: str) -> None:
        for f in ("name", "pid", "municipality", "form"):
            w = self.query_one(f"#err-{f}", Static)
            w.update(Text(message) if f == field else "")
            w.display = bool(message) and f == field
        if message:
            w = self.query_one(f"#err-{field}", Static)
            self.call_after_refresh(w.scroll_visible)
            if field != "form":
                self.query_one(f"#{field}").focus()

    @on(Button.Pressed, "#ok")
    def action_save(self) -> None:
        def val(wid: str) -> str:
            return self.query_one(wid, Input).value.strip()

        if not val("#name"):
            self.show_error("name", _("A person needs a name."))
            return
        if not val("#pid"):
            self.show_error("pid", _("A person needs an id (letters, digits and dashes)."))
            return
        self.save({"id": val("#pid"), "name": val("#name"), "sex": str(self.query_one("#sex", Select).value),
                   "party": val("#party"), "municipality": val("#municipality"),
                   "skills": [s.strip() for s in val("#skills").split(",") if s.strip()],
                   "version": self.person.get("version"), "create": not self.person})

    @work(thread=True, exclusive=True, group="person-save", exit_on_error=False)
    def save(self, form: dict) -> None:
        from registry import service
        from tui.screens.base import error_text

        try:
            p = service.save_person(self.app.ctx, form["id"], {k: form[k] for k in ("name", "sex", "party",
                                                                                     "municipality", "skills")},
                                    expected_version=form["version"], create=form["create"])
        except Exception as exc:  # noqa: BLE001 - the dialog stays open with its input
            message = error_text(exc)
            field = ("municipality" if form["municipality"] and form["municipality"] in message
                     else "pid" if form["create"] and form["id"] in message else "form")
            self.app.call_from_thread(self.show_error, field, message)
            return
        self.app.call_from_thread(self.dismiss, p)

    @on(Input.Submitted)
    def _next(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def slug(name: str) -> str:
    """An id from a name: 'Rikke Gandrup' → 'rikke-gandrup' (æ→ae, ø→oe, å→aa)."""
    import re
    import unicodedata

    s = name.strip().lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")
