"""Nominations: what organisations proposed for a round, each with its § 10 a finding; the planner."""

from __future__ import annotations

from datetime import date

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, Static

from registry import service
from registry.i18n import N_, _
from tui import data
from tui.screens.base import UdpegScreen, deliver, fail
from tui.widgets.common import B, day, ellipsis, findings_text, localized, sex_label
from tui.widgets.footer import Footer

ACCEPTED = {"yes": N_("accepted"), "no": N_("rejected"), "": ""}


@localized
class NominationsScreen(UdpegScreen):
    """Nominations, newest round first; the highlighted one's findings below."""

    BINDINGS = [
        B("escape", "app.pop_screen", N_("Back"), "nominations.back"),
        B("ctrl+n", "register", N_("Register"), "nominations.register", priority=True),
        B("y", "accept", N_("Accept reasons"), "nominations.accept"),
        B("x", "reject", N_("Reject reasons"), "nominations.reject"),
        B("l", "planner", N_("Planner"), "nominations.planner"),
        B("d", "documents", N_("Documents"), "nominations.documents"),
    ]

    def __init__(self, board: str | None = None) -> None:
        super().__init__()
        self.board = board
        self.rows: dict[str, dict] = {}
        self.focus_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Nominations"), style="bold"), id="title", classes="title")
        yield Input(placeholder=_("Filter by board…"), id="filter")
        yield DataTable(id="nominations", cursor_type="row")
        with VerticalScroll(id="detail-box"):
            yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        t = self.query_one(DataTable)
        t.add_column(_("Round"), key="round", width=10)
        reasons = max(9, len(_("Reasons")))
        spare = max(36, self.size.width - 10 - 5 - reasons - 2 * 6 - 2)      # board, seat and organisations share it
        self._w = {"board": spare * 2 // 5, "seat": spare * 3 // 10}
        self._w["orgs"] = spare - self._w["board"] - self._w["seat"]
        t.add_column(_("Board"), key="board", width=self._w["board"])
        t.add_column(_("Seat"), key="seat", width=self._w["seat"])
        t.add_column(_("Organisations"), key="orgs", width=self._w["orgs"])
        t.add_column(_("W/M"), key="wm", width=5)
        t.add_column(_("Reasons"), key="reasons", width=reasons)
        self.query_one("#detail-box").border_title = _("§ 10 a and other findings")
        if self.board:
            self.query_one("#title", Static).update(Text.assemble((_("Nominations"), "bold"), "  ", (self.board, "dim")))
        self.reload()
        t.focus()

    def reload(self) -> None:
        self.load(self.board, self.query_one("#filter", Input).value)

    @work(thread=True, exclusive=True, group="nominations", exit_on_error=False)
    def load(self, board: str | None, search: str) -> None:
        try:
            rows = data.nominations(self.ctx, board, search)
            names = service.seat_names(self.ctx, [(r["board"], r["seat"]) for r in rows])
            rows = [{**r, "seat_name": names.get((r["board"], r["seat"]), r["seat"])} for r in rows]
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            return
        deliver(self, self.show_rows, rows)

    def show_rows(self, rows: list[dict]) -> None:
        t = self.query_one(DataTable)
        t.clear()
        self.rows = {r["id"]: r for r in rows}
        for r in rows:
            facts = r["candidate_facts"]
            w = sum(s == "woman" for _i, _n, s in facts)
            mn = sum(s == "man" for _i, _n, s in facts)
            cw = self._w
            t.add_row(Text(day(r["round"])), Text(ellipsis(r["board_name"], cw["board"])),
                      Text(ellipsis(r.get("seat_name") or r["seat"], cw["seat"])),
                      Text(ellipsis(", ".join(r["org_names"]), cw["orgs"])),
                      Text(f"{w}/{mn}"), Text(_(ACCEPTED.get(r["reasons_accepted"] or "", "")) if r["reasons"] or r["reasons_accepted"] else ""),
                      key=r["id"])
        if self.focus_id in self.rows:
            t.move_cursor(row=t.get_row_index(self.focus_id))
            self.load_findings(self.focus_id)
            self.focus_id = None
        if not rows:
            self.query_one("#detail", Static).update(Text(_("No nominations. Press ctrl+n to register one."), style="dim"))

    @on(Input.Changed, "#filter")
    def _filter(self) -> None:
        self.reload()

    @on(DataTable.RowHighlighted, "#nominations")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None and event.row_key.value:
            self.load_findings(event.row_key.value)

    def _current(self) -> dict | None:
        t = self.query_one(DataTable)
        if not t.row_count:
            return None
        return self.rows.get(t.coordinate_to_cell_key((t.cursor_row, 0)).row_key.value)

    @work(thread=True, exclusive=True, group="nomination-findings", exit_on_error=False)
    def load_findings(self, nomination: str) -> None:
        try:
            findings = service.nomination_findings(self.ctx, nomination)
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            return
        deliver(self, self.show_findings, nomination, findings)

    def show_findings(self, nomination: str, findings: list) -> None:
        self.query_one("#detail-box").border_title = _("§ 10 a and other findings")
        r = self.rows.get(nomination)
        t = Text()
        if r:
            t.append(r["board_name"], style="bold")
            t.append(f" · {r.get('seat_name') or r['seat']} · " + _("round {date}", date=day(r["round"])) + "\n")
            t.append(_("Candidates:") + " ", style="dim")
            t.append(", ".join(f"{name} ({sex_label(sex)})" for _i, name, sex in r["candidate_facts"]) or _("none named"))
            t.append("\n")
            if r["reasons"]:
                t.append(_("Special reasons:") + " ", style="dim")
                t.append(r["reasons"])
                t.append("\n")
        self.query_one("#detail", Static).update(Group(t, findings_text(findings, empty=_("This nomination meets § 10 a."))))

    # --- actions -----------------------------------------------------------------------------

    def action_documents(self) -> None:
        """The round's documents (agenda item, decision, requests, follow-ups) for the highlighted board."""
        from tui.screens.documents import DocumentsScreen

        cur = self._current()
        board = self.board or (cur["board"] if cur else "")
        rnd = cur["round"] if cur and cur["board"] == board else None
        self.app.push_screen(DocumentsScreen(board, rnd))

    def action_register(self) -> None:
        cur = self._current()
        board = self.board or (cur["board"] if cur else "")
        rnd = cur["round"] if cur and cur["board"] == board else None
        name = cur["board_name"] if cur and cur["board"] == board else board
        self._seat = cur["seat"] if cur and cur["board"] == board else None     # the highlighted row's seat group
        self.open_form(board, rnd, name)

    @work(thread=True, exclusive=True, group="nomination-form", exit_on_error=False)
    def open_form(self, board: str, rnd: date | None, name: str = "") -> None:
        try:
            seats = [(r["seat"], r["name"]) for r in service.find_seat_groups(self.ctx, board, rnd)] if board else []
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            return
        deliver(self, self.show_form, board, rnd, seats, name)

    def show_form(self, board: str, rnd: date | None, seats: list, name: str = "") -> None:
        from tui.screens.dialogs import NominationDialog

        def done(saved: tuple | None) -> None:
            if saved:
                self.registered(*saved)

        self.app.push_screen(NominationDialog(board, rnd, seats, board_name=name, seat=getattr(self, "_seat", None)),
                             done)

    def registered(self, nid: str, findings: list) -> None:
        self.say(_("The nomination is registered."))
        self.focus_id = nid
        self.reload()
        self.query_one("#detail", Static).update(findings_text(findings, empty=_("This nomination meets § 10 a.")))

    def action_accept(self) -> None:
        self._decide(True)

    def action_reject(self) -> None:
        self._decide(False)

    def _decide(self, accepted: bool) -> None:
        cur = self._current()
        if cur is None:
            return
        if not cur["reasons"]:
            self.say(_("This nomination states no special reasons to accept or reject."), "warning")
            return
        self.decide(cur["id"], accepted, cur["version"])

    @work(thread=True, exclusive=True, group="decide", exit_on_error=False)
    def decide(self, nomination: str, accepted: bool, version: int) -> None:
        try:
            findings = service.decide_reasons(self.ctx, nomination, accepted, expected_version=version)
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            return
        deliver(self, self.decided, nomination, findings)

    def decided(self, nomination: str, findings: list) -> None:
        self.focus_id = nomination
        self.reload()
        self.show_findings(nomination, findings)

    def action_planner(self) -> None:
        cur = self._current()
        board = self.board or (cur["board"] if cur else None)
        if not board:
            return
        self.run_planner(board, cur["round"] if cur else None)

    @work(thread=True, exclusive=True, group="planner", exit_on_error=False)
    def run_planner(self, board: str, rnd: date | None) -> None:
        try:
            result = data.plan(self.ctx, board, self.today, rnd)
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            return
        deliver(self, self.show_plan, result)

    def show_plan(self, result: dict | None) -> None:
        if result is None:
            self.query_one("#detail", Static).update(Text(_("The planner is not available in this copy."), style="yellow"))
            return
        self.query_one("#detail-box").border_title = _("Planner")
        self.query_one("#detail", Static).update(plan_text(result))


def _range(pair) -> str:
    lo, hi = (list(pair) + [None, None])[:2]
    return str(lo) if hi is None or lo == hi else f"{lo}–{hi}"


def plan_text(result: dict) -> Text:
    """The planner's answer for people: feasible or not, women/men needed, proposed slates, smallest change."""
    t = Text()
    ok = bool(result.get("feasible"))
    t.append((_("A compliant board is possible.") if ok else _("No compliant board is possible.")) + "\n",
             style="green" if ok else "bold red")
    if "women_needed" in result:
        t.append(_("Women needed among the new appointments: {w}; men: {m}", w=_range(result["women_needed"]),
                   m=_range(result.get("men_needed", []))) + "\n")
    selections = result.get("selections") or []
    if selections:
        t.append(_("Proposed selections:") + "\n", style="bold")
        for i, sel in enumerate(selections, 1):
            names = ", ".join(f"{e.get('name') or e.get('person') or sex_label(e.get('sex', ''))} ({e.get('seat', '')})"
                              for e in sel)
            t.append(f"  {i}. ")
            t.append(names)
            t.append("\n")
    if result.get("smallest_change"):
        t.append(_("Smallest change:") + " ", style="bold")
        t.append(str(result["smallest_change"]) + "\n")
    return t
