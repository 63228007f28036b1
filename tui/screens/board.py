"""Board: seats with holders, deputies and vacancies; gender per scope; findings; history; next period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from registry import service
from registry.i18n import N_, _
from registry.seats import open_by_seat
from registry.snapshot import holder_name
from registry.terms import next_period, period_containing
from tui.screens.base import UdpegScreen, deliver, fail
from tui.widgets.common import B, day, end_reason_label, span, findings_text, localized, sex_label, status_mark
from tui.widgets.footer import Footer


@dataclass
class BoardView:
    snap: object
    findings: list
    summary: dict


def seat_rows(snap) -> list[dict]:
    """Rows for the seats table: each seat group's holders, deputies and vacancies (plain data)."""
    comp = snap.composition
    rows: list[dict] = []
    if comp is None:
        return rows
    opened = open_by_seat(snap)
    deputies: dict[str, list] = {}
    for d in snap.deputies:
        deputies.setdefault(d.deputy_for or "", []).append(d)
    for seat in comp.seats:
        holders = snap.members_of(seat.id)
        group = Text(seat.name, style="bold")
        if not seat.counts_for_balance:
            group.append(" " + _("(not counted)"), style="dim")
        rows.append({"key": f"g:{seat.id}", "kind": "group", "group": group})
        for h in holders:
            note = Text()
            if h.status == "holdover":
                note.append(_("holdover"), style="yellow")
            if h.override_reason:
                note.append((" " if note else "") + _("override: {reason}", reason=h.override_reason), style="yellow")
            holder = Text(holder_name(h.person), style="" if h.person.recorded else "italic dim")
            if h.override_reason:
                holder.append(" ⚑", style="bold yellow")
            rows.append({"key": f"m:{h.appointment}", "kind": "member", "group": group, "holder": holder,
                         "sex": h.person.sex, "term": Text(span(h.start, h.last_day)), "note": note})
            for d in deputies.get(h.appointment, []):
                rows.append({"key": f"d:{d.appointment}", "kind": "deputy", "group": group,
                             "holder": Text("↳ " + holder_name(d.person), style="italic"), "sex": d.person.sex,
                             "term": Text(span(d.start, d.last_day)), "note": Text(_("deputy"), style="dim")})
        i = 0
        for o in opened.get(seat.id, ()):
            for _n in range(o.open):
                alloc = o.allocation
                note = Text(_("allotted to {group}", group=alloc.council_group_name), style="bold") if alloc else Text("")
                term = Text("")
                if o.holder is not None:     # held by a member whose eligibility lapsed
                    note = Text(_("{name} no longer meets the requirement", name=holder_name(o.holder.person)),
                                style="yellow") + (Text("; ") + note if alloc else Text(""))
                    term = Text(span(o.since, None))
                rows.append({"key": f"v:{seat.id}:{i}", "kind": "vacant", "group": group,
                             "holder": Text("○ " + _("vacant"), style="bold yellow"), "sex": "", "term": term,
                             "note": note})
                i += 1
    return rows


def short_sex(sex: str) -> str:
    return {"woman": _("W"), "man": _("M"), "": ""}.get(sex, "?")


def gender_text(snap) -> Text:
    """Women/men/undisclosed for each scope the composition asks for, with each rule set's requirement."""
    comp = snap.composition
    c = service.counts(snap)
    t = Text()
    t.append(_("Counted members: {n} (women {w}, men {m}, undisclosed {u})", n=c.counted, w=c.women, m=c.men,
               u=c.undisclosed) + "\n")
    if comp is None:
        return t
    try:
        from registry.rules.gender import scope_groups, tally
        from registry.rules.rulesets import evaluate_balance, get_ruleset
    except ImportError:
        return t
    names = {"board": _("whole board"), "controlled": _("seats the KKR appoints"), "appointer": _("seats appointed by {who}")}
    for scope, appointer, ids in scope_groups(comp, comp.scopes, snap.owner_orgs):
        w, mn, u = tally(h for h in snap.members if h.seat in ids)
        label = names.get(scope, scope).format(who=snap.org_names.get(appointer, appointer or ""))
        t.append("\n" + label + "\n", style="bold")
        t.append("  " + _("women {w}, men {m}, undisclosed {u}", w=w, m=mn, u=u) + "\n")
        for rs_id in comp.balance:
            try:
                rs = get_ruleset(rs_id, snap.custom_rulesets)
                v = evaluate_balance(rs, w, mn, u)
            except Exception:  # noqa: BLE001 - an unknown rule set is reported by the data rules
                continue
            ok = v.status == "pass"
            t.append("  ")
            t.append_text(status_mark("ok" if ok else "warning"))
            t.append(" " + _("{ruleset}: at least {required} of each sex", ruleset=rs.id, required=v.required_each))
            if v.short:
                t.append(" — " + _("short: {short}", short=", ".join(f"{sex_label(k)} {n}" for k, n in v.short.items())),
                         style="yellow")
            t.append("\n")
    return t


def history_text(snap) -> Text:
    """Earlier appointments (ended before the date), newest first, grouped by term."""
    current = {h.appointment for h in snap.members} | {h.appointment for h in snap.deputies}
    past = [h for h in snap.history if h.appointment not in current and h.start <= snap.on]
    past.sort(key=lambda h: (h.last_day or date.max, h.start), reverse=True)
    if not past:
        return Text(_("No earlier appointments are recorded."), style="dim")
    t = Text()
    seat_names = {s.id: s.name for c in snap.compositions for s in c.seats}
    for h in past:
        t.append(span(h.start, h.last_day) + "  ", style="dim")
        t.append(holder_name(h.person))
        t.append(f"  {seat_names.get(h.seat, h.seat)}", style="dim")
        if h.role == "deputy":
            t.append(" (" + _("deputy") + ")", style="dim")
        if h.ended_reason:
            t.append("  " + _("ended early: {reason}", reason=end_reason_label(h.ended_reason)), style="yellow")
        t.append("\n")
    return t


def next_period_text(snap) -> Text:
    t = Text()
    cur = period_containing(snap.board.term, snap.on)
    nxt = next_period(snap.board.term, snap.on)
    t.append(_("Current period: {start} – {end}", start=day(cur.start), end=day(cur.end)) if cur
             else _("The board has no fixed periods (custom terms)."))
    t.append("\n")
    if nxt:
        t.append(_("Next period: {start} – {end}", start=day(nxt.start), end=day(nxt.end)) + "\n", style="bold")
        future = [h for h in snap.history if h.start >= nxt.start]
        if future:
            for h in future:
                t.append(f"  {holder_name(h.person)}  {day(h.start)} – {day(h.last_day)}\n")
        else:
            t.append("  " + _("No appointments yet for the next period.") + "\n", style="dim")
    if snap.nominations:
        t.append("\n" + _("Nominations in the round:") + "\n", style="bold")
        seat_names = {s.id: s.name for c in snap.compositions for s in c.seats}
        for n in snap.nominations:
            cands = ", ".join(c.name for c in n.candidates) or _("no candidates named")
            orgs = ", ".join(snap.org_names.get(o, o) for o in n.organisations)
            t.append(f"  {day(n.round)}  {seat_names.get(n.seat, n.seat)}: ")
            t.append(orgs)
            t.append(" — ")
            t.append(cands, style="dim")
            t.append("\n")
    return t


@localized
class BoardScreen(UdpegScreen):
    """One board on one date."""

    BINDINGS = [
        B("escape", "app.pop_screen", N_("Back"), "board.back"),
        B("a", "appoint", N_("Appoint"), "board.appoint"),
        B("e", "end", N_("End early"), "board.end"),
        B("n", "nominations", N_("Nominations"), "board.nominations"),
        B("r", "reload", N_("Reload"), "board.reload"),
        B("1", "tab('seats-tab')", N_("Tabs"), "board.tab1", key_display="1–5"),
        B("2", "tab('findings-tab')", N_("Findings"), "board.tab2", show=False),
        B("3", "tab('gender-tab')", N_("Gender"), "board.tab3", show=False),
        B("4", "tab('history-tab')", N_("History"), "board.tab4", show=False),
        B("5", "tab('next-tab')", N_("Next period"), "board.tab5", show=False),
    ]

    def action_tab(self, tab: str) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = tab
        if tab == "seats-tab":
            self.query_one("#seats", DataTable).focus()
        else:
            pane = tabs.get_pane(tab)
            scroll = pane.query(VerticalScroll)
            if scroll:
                scroll.first().focus()

    def __init__(self, board_id: str, on: date) -> None:
        super().__init__()
        self.board_id = board_id
        self.on_date = on
        self.view: BoardView | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Loading…"), style="dim"), id="title", classes="title")
        with TabbedContent(id="tabs"):
            with TabPane(_("Seats"), id="seats-tab"):
                yield DataTable(id="seats", cursor_type="row")
            with TabPane(_("Findings"), id="findings-tab"):
                with VerticalScroll():
                    yield Static(id="findings")
            with TabPane(_("Gender"), id="gender-tab"):
                with VerticalScroll():
                    yield Static(id="gender")
            with TabPane(_("History"), id="history-tab"):
                with VerticalScroll():
                    yield Static(id="history")
            with TabPane(_("Next period"), id="next-tab"):
                with VerticalScroll():
                    yield Static(id="next")
        yield Footer()

    def _columns(self) -> None:
        """Wide: a column per field. Narrow (under 120): seat groups as heading rows, sex as a letter."""
        wide = self.size.width >= 120
        if getattr(self, "_wide", None) == wide:
            return
        self._wide = wide
        t = self.query_one("#seats", DataTable)
        t.clear(columns=True)
        if wide:
            t.add_column(_("Seat group"), key="group", width=46)
            t.add_column(_("Holder"), key="holder", width=30)
            t.add_column(_("Sex"), key="sex", width=11)
        else:
            t.add_column(_("Holder"), key="holder", width=max(20, self.size.width - 36))
            t.add_column(_("Sex"), key="sex", width=3)
            t.add_column(_("Term"), key="term", width=23)
            return
        t.add_column(_("Term"), key="term", width=23)
        t.add_column(_("Note"), key="note")

    def _fill_seats(self, snap) -> None:
        t = self.query_one("#seats", DataTable)
        row = t.cursor_row
        t.clear()
        last_group = None
        for r in seat_rows(snap):
            if self._wide:
                if r["kind"] == "group":
                    continue
                group = r["group"] if r["group"] is not last_group else Text("")
                last_group = r["group"]
                t.add_row(group, r["holder"], Text(sex_label(r["sex"]) if r["sex"] else ""), r["term"], r["note"],
                          key=r["key"])
            elif r["kind"] == "group":
                t.add_row(r["group"], Text(""), Text(""), key=r["key"])
            else:     # narrow: the note (allotted group, holdover, override) follows the name
                holder = Text("  ") + r["holder"]
                if r["note"]:
                    holder.append("  ")
                    holder.append_text(r["note"])
                t.add_row(holder, Text(short_sex(r["sex"])), r["term"], key=r["key"])
        if t.row_count:
            t.move_cursor(row=min(max(row, 1 if not self._wide else 0), t.row_count - 1))

    def on_resize(self) -> None:
        before = getattr(self, "_wide", None)
        self._columns()
        if before is not None and before != self._wide and self.view is not None:
            self.show(self.view)

    def on_mount(self) -> None:
        self._columns()
        self.query_one("#seats", DataTable).focus()
        self.reload()

    def reload(self) -> None:
        self.load(self.board_id, self.on_date)

    @work(thread=True, exclusive=True, group="board", exit_on_error=False)
    def load(self, board_id: str, on: date) -> None:
        try:
            snap = service.snapshot(self.ctx, board_id, on)
            findings = service.evaluate(snap)
            from tui.data import summary_row

            summary = summary_row(snap)
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            return
        deliver(self, self.show, BoardView(snap, findings, summary))

    def show(self, view: BoardView) -> None:
        self.view = view
        snap, s = view.snap, view.summary
        title = Text()
        title.append_text(status_mark(s["status"]))
        title.append(" ")
        title.append(snap.board.name, style="bold")
        title.append("  " + _("as of {date}", date=day(snap.on)), style="dim")
        title.append("  " + _("errors {e} · warnings {w} · counted {n} · open {o}", e=s["errors"], w=s["warnings"],
                              n=s["counted"], o=s["open_seats"]), style="dim")
        self.query_one("#title", Static).update(title)
        self._fill_seats(snap)
        self.query_one("#findings", Static).update(findings_text(view.findings))
        self.query_one("#gender", Static).update(gender_text(snap))
        self.query_one("#history", Static).update(history_text(snap))
        self.query_one("#next", Static).update(next_period_text(snap))
        tabs = self.query_one(TabbedContent)
        n = len(view.findings)
        tabs.get_tab("findings-tab").label = Text(_("Findings") + f" ({n})")

    def on_screen_resume(self) -> None:
        if self.view is not None:
            self.reload()

    # --- actions -----------------------------------------------------------------------------

    def _selected(self) -> str | None:
        t = self.query_one("#seats", DataTable)
        if not t.row_count:
            return None
        return t.coordinate_to_cell_key((t.cursor_row, 0)).row_key.value

    def _holding(self, appointment: str):
        snap = self.view.snap if self.view else None
        if snap is None:
            return None
        return next((h for h in snap.members + snap.deputies if h.appointment == appointment), None)

    def action_reload(self) -> None:
        self.reload()

    def action_appoint(self) -> None:
        from tui.screens.appoint import AppointScreen

        if self.view is None:
            return
        key = self._selected() or ""
        kind, _sep, rest = key.partition(":")
        seat, deputy_for = None, None
        if kind == "v":
            seat = rest.split(":")[0]
        elif kind == "g":
            seat = rest
        elif kind in ("m", "d"):
            h = self._holding(rest)
            if h is not None:
                seat = h.seat
                deputy_for = h.appointment if kind == "m" else h.deputy_for
        if seat is None and self.view.snap.composition:
            seat = self.view.snap.composition.seats[0].id
        if seat is None:
            self.say(_("This board has no seat groups in force on {date}.", date=day(self.on_date)), "warning")
            return
        self.app.push_screen(AppointScreen(self.board_id, seat, self.on_date,
                                           deputy_for=deputy_for if kind != "v" else None))

    def action_end(self) -> None:
        from tui.screens.dialogs import EndAppointmentDialog

        key = self._selected() or ""
        kind, _sep, appointment = key.partition(":")
        h = self._holding(appointment) if kind in ("m", "d") else None
        if h is None:
            self.say(_("Choose a holder in the seats table first; a vacant seat has nothing to end."), "warning")
            return

        def done(result) -> None:
            if result is not None:
                self.end(appointment, h.version, *result)

        self.app.push_screen(EndAppointmentDialog(h.person.name, max(self.on_date, h.start)), done)

    @work(thread=True, exclusive=True, group="board-write", exit_on_error=False)
    def end(self, appointment: str, version: int | None, on: date, reason: str, note: str) -> None:
        try:   # the version shown: a change someone else made meanwhile is a conflict, not overwritten
            service.end_appointment(self.ctx, appointment, on, reason, expected_version=version, note=note or None)
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            return
        deliver(self, self.after_end, on)

    def after_end(self, on: date) -> None:
        self.say(_("The appointment ends on {date}.", date=day(on)))
        self.on_date = max(self.on_date, on + timedelta(days=1))
        self.reload()

    def action_nominations(self) -> None:
        from tui.screens.nominations import NominationsScreen

        self.app.push_screen(NominationsScreen(board=self.board_id))
