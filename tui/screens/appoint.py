"""Appoint: choose a nominated candidate or search people; the what-if findings follow every change.

Confirming an appointment that would add an error asks for an override reason first; the
reason is stored with the appointment and in the audit log (``service.appoint``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from registry import service
from registry.i18n import N_, _, _n
from tui.screens.base import UdpegScreen, deliver, error_text, fail
from tui.widgets.common import B, day, finding_text, localized, parse_day, sex_label
from tui.widgets.footer import Footer


@dataclass(frozen=True)
class Candidate:
    person: str
    name: str
    sex: str
    nomination: str | None = None
    organisations: tuple[str, ...] = ()
    org_names: tuple[str, ...] = ()


def candidate_prompt(c: Candidate) -> Text:
    t = Text()
    if c.nomination:
        t.append("★ ", style="bold")
    t.append(c.name)
    t.append(f"  {sex_label(c.sex)}", style="dim")
    if c.nomination:
        t.append("  " + _("nominated by {orgs}", orgs=", ".join(c.org_names)), style="dim")
    return t


@localized
class AppointScreen(UdpegScreen):
    """Appoint someone to one seat group of one board."""

    HOLDS_FORM = True

    BINDINGS = [
        B("escape", "app.pop_screen", N_("Cancel"), "appoint.cancel"),
        B("ctrl+s", "confirm", N_("Appoint"), "appoint.confirm", priority=True),
        B("ctrl+f", "focus_search", N_("Search people"), "appoint.search"),
    ]

    def __init__(self, board: str, seat: str, start: date, deputy_for: str | None = None) -> None:
        super().__init__()
        self.board_id = board
        self.seat = seat
        self.start = start
        self.deputy_for = deputy_for
        self.nominated: list[Candidate] = []
        self.found: list[Candidate] = []
        self.chosen: Candidate | None = None
        self.result = None
        self.council_group: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Loading…"), style="dim"), id="title", classes="title")
        with Horizontal(classes="bar"):
            yield Label(_("Start"), classes="label")
            yield Input(value=day(self.start), id="start", classes="date")
            yield Label(_("End"), classes="label")
            yield Input(placeholder=_("term end"), id="end", classes="date")
            yield Select([(_("member"), "member"), (_("deputy"), "deputy")], value="member", allow_blank=False,
                         id="role", classes="role")
        from tui.widgets.picker import PickField, PickListField, meetings_source, members_source, organisations_source

        with Horizontal(classes="row"):
            yield Label(_("Decision"), classes="label")
            yield PickField(_("The meeting that decided"), meetings_source, placeholder=_("(meeting…)"), id="meeting",
                            classes="meeting")
            yield Label(_("Item"), classes="label")
            yield Input(placeholder=_("no."), id="item", classes="item", compact=True)
            yield Label(_("Case"), classes="label")
            yield Input(placeholder=_("case no."), id="case", classes="case", compact=True)
        with Horizontal(classes="row"):
            yield Label(_("Nominated by"), classes="label")
            yield PickListField(_("Add a nominating organisation"), organisations_source, placeholder=_("(none)"),
                                id="orgs")
        with Horizontal(classes="row", id="deputy-row"):
            yield Label(_("Deputy for"), classes="label")
            yield PickField(_("The member this deputy stands in for"), members_source(self.board_id, self.start, self.seat),
                            placeholder=_("(member…)"), value=self.deputy_for, id="deputy-for")
        with Horizontal(classes="row search-row"):
            yield Label(_("Search"), classes="label")
            yield Input(placeholder=_("Search all people by name…"), id="search", compact=True)
        yield OptionList(id="candidates")
        with VerticalScroll(id="whatif-box"):
            yield Static(Text(_("Choose a candidate to see what the appointment would change."), style="dim"),
                         id="whatif")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#candidates", OptionList).border_title = _("Candidates")
        self.query_one("#whatif-box").border_title = _("What would change")
        self.query_one("#deputy-row").display = False     # shown when the role is deputy
        self.load_seat(self.start)
        self.query_one("#candidates", OptionList).focus()

    # --- loading -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="seat", exit_on_error=False)
    def load_seat(self, on: date) -> None:
        try:
            snap = service.snapshot(self.ctx, self.board_id, on)
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            return
        seat = snap.composition.seat(self.seat) if snap.composition else None
        seat_name = seat.name if seat else self.seat
        noms = []
        for n in snap.nominations:
            if n.seat != self.seat:
                continue
            for p in n.candidates:
                noms.append(Candidate(p.id, p.name, p.sex, n.id, n.organisations,
                                      tuple(snap.org_names.get(o, o) for o in n.organisations)))
        alloc = next((a for a in snap.allocations if a.seat == self.seat), None)
        member = ""
        if self.deputy_for:
            member = next((h.person.name for h in snap.history if h.appointment == self.deputy_for), self.deputy_for)
        deliver(self, self.show_seat, snap.board.name, seat_name, noms, alloc, member)

    def show_seat(self, board_name: str, seat_name: str, noms: list[Candidate], alloc, member: str = "") -> None:
        if self.deputy_for:
            field = self.query_one("#deputy-for")
            field.chosen_name = member
            field.label = field._label()
        t = Text()
        t.append(_("Appoint to") + " ", style="bold")
        t.append(seat_name, style="bold")
        t.append(" — ")
        t.append(board_name)
        if alloc is not None:
            self.council_group = alloc.council_group
            t.append("  " + _("allotted to {group}", group=alloc.council_group_name), style="dim")
        self.query_one("#title", Static).update(t)
        self.nominated = noms
        self._fill()

    def _fill(self) -> None:
        ol = self.query_one("#candidates", OptionList)
        ol.clear_options()
        seen: set[str] = set()
        options: list = []
        for c in self.nominated + self.found:
            key = f"{c.person}|{c.nomination or ''}"
            if key in seen:
                continue
            seen.add(key)
            options.append(Option(candidate_prompt(c), id=key))
        if not options:
            options.append(Option(Text(_("No nominated candidates for this seat; search all people above."), style="dim"),
                                  disabled=True))
        ol.add_options(options)
        if ol.option_count and not ol.get_option_at_index(0).disabled and (ol.has_focus or self.chosen is None):
            ol.highlighted = 0      # the first nominated candidate's what-if shows at once
        self._by_key = {f"{c.person}|{c.nomination or ''}": c for c in self.nominated + self.found}

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        self.search_people(event.value)

    def on_key(self, event) -> None:
        if event.key == "down" and self.focused is self.query_one("#search", Input):
            ol = self.query_one("#candidates", OptionList)
            ol.focus()
            if ol.highlighted is None and ol.option_count and not ol.get_option_at_index(0).disabled:
                ol.highlighted = 0
            event.stop()

    @on(Input.Submitted, "#search")
    def _search_done(self, event: Input.Submitted) -> None:
        self.query_one("#candidates", OptionList).focus()

    @work(thread=True, exclusive=True, group="people", exit_on_error=False)
    def search_people(self, text: str) -> None:
        try:
            rows = service.people(self.ctx, text.strip() or None, limit=50) if text.strip() else []
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            return
        deliver(self, self.show_found, [Candidate(r["id"], r["name"], r["sex"]) for r in rows])

    def show_found(self, found: list[Candidate]) -> None:
        self.found = found
        self._fill()

    # --- the live what-if --------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#candidates")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        c = getattr(self, "_by_key", {}).get(event.option.id or "")
        if c is not None:
            if c != self.chosen:
                orgs = self.query_one("#orgs")
                orgs.chosen = list(zip(c.organisations, c.org_names))      # the nomination's organisations
                orgs.label = orgs._label()
            self.chosen = c
            self.refresh_whatif()

    @on(OptionList.OptionSelected, "#candidates")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._highlighted(event)  # type: ignore[arg-type]

    @on(Input.Changed, "#start")
    @on(Input.Changed, "#end")
    def _dates(self, event: Input.Changed) -> None:
        if self.chosen is not None:
            self.refresh_whatif()

    @on(Select.Changed, "#role")
    def _role(self, event: Select.Changed) -> None:
        self.query_one("#deputy-row").display = event.value == "deputy"
        if self.chosen is not None:
            self.refresh_whatif()

    def on_pick_field_changed(self, event) -> None:
        if self.chosen is not None:
            self.refresh_whatif()

    def on_pick_list_field_changed(self, event) -> None:
        if self.chosen is not None:
            self.refresh_whatif()

    def proposal(self, reason: str | None = None) -> service.Proposal:
        """The proposal from the form; ValueError with a sentence when a field is wrong."""
        if self.chosen is None:
            raise ValueError(_("Choose a candidate first."))
        start = parse_day(self.query_one("#start", Input).value)
        end_text = self.query_one("#end", Input).value.strip()
        end = parse_day(end_text) if end_text else None
        role = self.query_one("#role", Select).value
        deputy_for = self.query_one("#deputy-for").value
        if role == "deputy" and not deputy_for:
            raise ValueError(_("A deputy stands in for one member: choose the member under \"Deputy for\"."))
        c = self.chosen
        text = {k: self.query_one(f"#{k}", Input).value.strip() or None for k in ("item", "case")}
        return service.Proposal(board=self.board_id, seat=self.seat, person=c.person, start=start, end=end,
                                role=str(role), deputy_for=deputy_for if role == "deputy" else None,
                                nominated_by=self.query_one("#orgs").values, nomination=c.nomination,
                                council_group=self.council_group, decision_meeting=self.query_one("#meeting").value,
                                decision_item=text["item"], decision_case=text["case"], override_reason=reason)

    def refresh_whatif(self) -> None:
        try:
            p = self.proposal()
        except ValueError as exc:
            self.query_one("#whatif", Static).update(Text(str(exc), style="yellow"))
            return
        self.run_whatif(p)

    @work(thread=True, exclusive=True, group="whatif", exit_on_error=False)
    def run_whatif(self, p: service.Proposal) -> None:
        try:
            result = service.whatif(self.ctx, p)
        except Exception as exc:  # noqa: BLE001
            deliver(self, self.show_whatif_error, error_text(exc))
            return
        deliver(self, self.show_whatif, p, result)

    def show_whatif_error(self, message: str) -> None:
        self.result = None
        self.query_one("#whatif", Static).update(Text(message, style="yellow"))

    def show_whatif(self, p: service.Proposal, result) -> None:
        """Errors it would add first, then what it resolves, then the other new findings."""
        self.result = (p, result)
        d = result.diff
        errors = [f for f in d.new if f.severity == "error"]
        others = [f for f in d.new if f.severity != "error"]
        parts: list = []
        head = Text()
        head.append(_("If {name} is appointed from {start}:", name=self.chosen.name if self.chosen else p.person,
                      start=day(p.start)) + " ", style="bold")
        head.append(_("resolves {r}, adds {n} ({errors})", r=len(d.resolved), n=len(d.new),
                      errors=_n("{n} error", "{n} errors", len(errors), n=len(errors))),
                    style="bold red" if errors else ("bold green" if d.resolved else "dim"))
        parts.append(head)
        if errors:
            parts.append(Text(_("This appointment breaks a rule: confirming asks for a reason, which is recorded."),
                              style="bold red"))
            parts += [finding_text(f, prefix="+ ") for f in errors]
        if d.resolved:
            parts.append(Text(_("Resolved ({n})", n=len(d.resolved)), style="bold green"))
            parts += [finding_text(f, prefix="− ") for f in d.resolved]
        if others:
            parts.append(Text(_("New ({n})", n=len(others)), style="bold yellow"))
            parts += [finding_text(f, prefix="+ ") for f in others]
        if not d.new and not d.resolved:
            parts.append(Text(_("No finding changes."), style="dim"))
        if not errors:
            parts.append(Text(_("Press ctrl+s to appoint."), style="dim"))
        self.query_one("#whatif", Static).update(Group(*parts))

    # --- confirming --------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_confirm(self) -> None:
        try:
            p = self.proposal()
        except ValueError as exc:
            self.say(str(exc), "warning")
            return
        if self.result is not None and self.result[0] == p and self.result[1].diff.adds_error:
            self.ask_reason(p, self.result[1].diff.new)
            return
        self.appoint(p)

    def ask_reason(self, p: service.Proposal, findings: list) -> None:
        from tui.screens.dialogs import OverrideReasonDialog

        errors = [f for f in findings if f.severity == "error"]

        def done(reason: str | None) -> None:
            if reason:
                self.appoint(service.Proposal(**{**p.__dict__, "override_reason": reason}))
            else:
                self.say(_("Nothing was appointed: a rule is broken and no reason was given."), "warning")

        self.app.push_screen(OverrideReasonDialog(errors), done)

    @work(thread=True, exclusive=True, group="appoint", exit_on_error=False)
    def appoint(self, p: service.Proposal) -> None:
        try:
            service.appoint(self.ctx, p)
        except service.Refused as exc:
            deliver(self, self.ask_reason, p, exc.findings)
            return
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            return
        deliver(self, self.appointed, p)

    def appointed(self, p: service.Proposal) -> None:
        name = self.chosen.name if self.chosen else p.person
        self.say(_("{name} is appointed from {start}.", name=name, start=day(p.start)))
        self.dismiss()
