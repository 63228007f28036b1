"""Small typed dialogs: each is a ModalScreen that returns its answer through ``dismiss``."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from registry.i18n import N_, _
from registry.service import END_REASONS, Invalid, NominationInput, check_nomination_fields, check_person_fields
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
class NominationDialog(ModalScreen[dict | None]):
    """Register a nomination: board, seat group, round, organisations, candidates, special reasons."""

    BINDINGS = [B("escape", "cancel", N_("Cancel"), "nominate.cancel")]

    def __init__(self, board: str = "", round_: date | None = None, seats: list[tuple[str, str]] | None = None,
                 typed: dict | None = None) -> None:
        super().__init__()
        self.board = board
        self.round = round_
        self.seats = seats or []
        self.typed = typed or {}       # what was typed before a refusal: the form opens again with it

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(Text(_("Register a nomination"), style="bold"))
            yield Label(_("Board id"))
            yield Input(value=self.board, id="board", compact=True)
            yield Label(_("Seat group id"))
            typed = self.typed
            if self.seats:
                known = {sid for sid, _name in self.seats}
                yield Select([(Text(f"{name} ({sid})"), sid) for sid, name in self.seats], allow_blank=False, id="seat",
                             compact=True, **({"value": typed["seat"]} if typed.get("seat") in known else {}))
            else:
                yield Input(value=typed.get("seat", ""), id="seat", compact=True)
            yield Label(_("Round starts"))
            yield Input(value=day(self.round) if self.round else "", id="round", compact=True)
            yield Label(_("Organisations (ids, comma separated)"))
            yield Input(value=", ".join(typed.get("organisations", ())), id="orgs", compact=True)
            yield Label(_("Candidates (person ids, comma separated)"))
            yield Input(value=", ".join(typed.get("candidates", ())), id="cands", compact=True)
            yield Label(_("Seats nominated for"))
            yield Input(value=str(typed.get("seats", 1)), id="count", compact=True)
            yield Label(_("Special reasons (§ 10 a, stk. 2), if any"))
            yield Input(value=typed.get("reasons", ""), id="reasons", compact=True)
            with Horizontal(classes="buttons"):
                yield Button(_("Register"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        first = "#orgs" if self.board and self.round else "#board"
        self.query_one(first, Input).focus()

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        def ids(widget_id: str) -> tuple[str, ...]:
            return tuple(x.strip() for x in self.query_one(widget_id, Input).value.split(",") if x.strip())

        seat_w = self.query_one("#seat")
        seat = str(seat_w.value).strip()
        try:
            rnd = parse_day(self.query_one("#round", Input).value)
            count = int(self.query_one("#count", Input).value or "1")
        except ValueError as exc:
            self.notify(str(exc) if "date" in str(exc) or "dato" in str(exc) else _("The number of seats must be a whole number."),
                        severity="error", markup=False)
            return
        form = {"board": self.query_one("#board", Input).value.strip(), "seat": seat, "round": rnd,
                "organisations": ids("#orgs"), "candidates": ids("#cands"), "seats": count,
                "reasons": self.query_one("#reasons", Input).value.strip()}
        try:   # refused as a dataset load would refuse it: the form stays open with what was typed
            check_nomination_fields(NominationInput(**form))
        except Invalid as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.dismiss(form)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.focus_next()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


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
                     ("ctrl+s", N_("Appoint (a broken rule asks for a reason)"))]),
    (N_("Nominations"), [("ctrl+n", N_("Register a nomination")), ("y / x", N_("Accept / reject the stated special reasons")),
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
    """Add or edit a person: name, sex as declared (or undisclosed), party, municipality, skills."""

    BINDINGS = [B("escape", "cancel", N_("Cancel"), "person.cancel")]

    def __init__(self, person: dict | None = None, typed: dict | None = None) -> None:
        super().__init__()
        self.person = person or {}
        self.typed = typed or {}       # what was typed before a refusal: the form opens again with it

    def compose(self) -> ComposeResult:
        p = {**self.person, **{k: v for k, v in self.typed.items() if k in ("id", "name", "sex", "party",
                                                                               "municipality", "skills")}}
        with VerticalScroll(classes="dialog"):
            yield Static(Text(_("Edit person") if self.person else _("Add a person"), style="bold"))
            yield Label(_("Id (letters, digits and dashes)"))
            yield Input(value=p.get("id", ""), id="pid", compact=True, disabled=bool(self.person))
            yield Label(_("Name"))
            yield Input(value=p.get("name", ""), id="name", compact=True)
            yield Label(_("Sex, as the person declared it"))
            yield Select([(_(label), value) for value, label in SEX_CHOICES], value=p.get("sex", "undisclosed"),
                         allow_blank=False, id="sex", compact=True)
            yield Label(_("Party"))
            yield Input(value=p.get("party") or "", id="party", compact=True)
            yield Label(_("Municipality id"))
            yield Input(value=p.get("municipality") or "", id="municipality", compact=True)
            yield Label(_("Skills (comma separated)"))
            yield Input(value=", ".join(p.get("skills") or []), id="skills", compact=True)
            with Horizontal(classes="buttons"):
                yield Button(_("Save"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#name" if self.person else "#pid", Input).focus()

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        def val(wid: str) -> str:
            return self.query_one(wid, Input).value.strip()

        if not val("#pid") or not val("#name"):
            self.notify(_("A person needs an id and a name."), severity="warning", markup=False)
            return
        form = {"id": val("#pid"), "name": val("#name"), "sex": str(self.query_one("#sex", Select).value),
                "party": val("#party"), "municipality": val("#municipality"),
                "skills": [s.strip() for s in val("#skills").split(",") if s.strip()],
                "version": self.person.get("version"), "create": not self.person}
        try:   # refused as a dataset load would refuse it: the form stays open with what was typed
            check_person_fields(form["id"], form)
        except Invalid as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.dismiss(form)

    @on(Input.Submitted)
    def _next(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
