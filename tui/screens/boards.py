"""Boards: every board with its status, counted members, women/men, open seats, next term end.

The filter runs in SQL as you type, one page of boards at a time (the table never holds more
than a few pages), and the "as of" date re-evaluates every rule for another day.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Static

from registry.i18n import N_, _, _n
from tui.app import resume_collector
from tui.screens.base import UdpegScreen, deliver, fail
from tui.widgets.common import B, day, ellipsis, gender_bar, localized, parse_day, status_mark
from tui.widgets.footer import Footer

SORTS = ("name", "status", "open", "term")
STATUS_RANK = {"error": 0, "warning": 1, "ok": 2}


class FilterInput(Input):
    """The boards filter, which has the focus on the first screen: "?" (help) and "/" (filter) are
    keys there, not characters typed into it (board names have neither)."""

    KEYS = {"?", "/"}

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character not in self.KEYS and super().check_consume_key(key, character)

    async def _on_key(self, event) -> None:
        if event.character in self.KEYS:
            event.prevent_default()       # Input's own handler would type it; the bindings take it
            return



@localized
class BoardsScreen(UdpegScreen):
    """The first screen: find a board by typing, open it with Enter."""

    BINDINGS = [
        B("enter", "open_board", N_("Open"), "boards.open", show=True),
        B("slash", "focus_filter", N_("Filter"), "boards.filter", key_display="/"),
        B("d", "focus_date", N_("As of"), "boards.date"),
        B("s", "cycle_sort", N_("Sort"), "boards.sort"),
        B("m", "more", N_("More"), "boards.more", show=False),
        B("ctrl+n", "new_board", N_("New board"), "boards.new", priority=True),
        B("e", "edit_board", N_("Edit board"), "boards.edit", show=False),
        B("x", "retire_board", N_("Retire board"), "boards.retire", show=False),
        B("c", "seat_group", N_("Seat group"), "boards.seat_group", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.on_date: date = self.app.today
        self.rows: list[dict] = []
        self.total = 0
        self.sort = "name"
        self._open_pending = False   # Enter pressed in the filter before its results arrived

    def compose(self) -> ComposeResult:
        yield Static(id="title", classes="title")
        with Horizontal(classes="bar"):
            yield FilterInput(placeholder=_("Filter boards by name…"), id="filter")
            yield Label(_("As of"), classes="label")
            yield Input(value=day(self.on_date), id="on", classes="date")
        yield DataTable(id="boards", cursor_type="row", zebra_stripes=False)
        yield Static(id="status", classes="status")
        yield Footer()

    def _columns(self) -> None:
        """Fixed columns; the board name takes what is left of the width (80 columns and up)."""
        t = self.query_one(DataTable)
        fixed = [("counted", _("Counted"), 5), ("wm", _("Women/men"), 12), ("open", _("Open"), 4),
                 ("term", _("Term end"), 10)]
        if self.size.width < 100:     # narrow: the counted members are the bar's two figures added up
            fixed = fixed[1:]
        widths = [(k, label, max(w, len(label))) for k, label, w in fixed]
        used = 1 + sum(w for _k, _l, w in widths) + 2 * (len(widths) + 2) + 2
        name_width = max(16, self.size.width - used)     # the name takes the spare width
        if getattr(self, "_name_width", None) == name_width:
            return
        self._name_width = name_width
        t.clear(columns=True)
        t.add_column(" ", key="status", width=1)
        t.add_column(_("Board"), key="name", width=name_width)
        for key, label, width in widths:
            t.add_column(label, key=key, width=width)

    def on_resize(self) -> None:
        before = getattr(self, "_name_width", None)
        self._columns()
        if before != self._name_width and self.rows:
            self._fill()

    def on_mount(self) -> None:
        self._columns()
        self._title()
        self.query_one("#filter", Input).focus()
        # Load after the first frame is on screen: the worker's imports would otherwise compete
        # with the paint for the interpreter (quality.md P4).
        self.call_after_refresh(self.reload)

    def _title(self) -> None:
        self.query_one("#title", Static).update(
            Text.assemble((_("Boards"), "bold"), "  ", (_("as of {date}", date=day(self.on_date)), "dim")))

    # --- loading -----------------------------------------------------------------------------

    def reload(self, append: bool = False) -> None:
        search = self.query_one("#filter", Input).value
        self.query_one("#status", Static).update(Text(_("Loading…"), style="dim"))
        self.load(search, self.on_date, len(self.rows) if append else 0)

    @work(thread=True, exclusive=True, group="boards", exit_on_error=False)
    def load(self, search: str, on: date, offset: int) -> None:
        try:
            from tui import data   # imported in the worker: the first paint does not wait for the rules

            total, rows = data.board_page(self.ctx, on, search, offset)
        except Exception as exc:  # noqa: BLE001 - shown to the user as a sentence
            fail(self, exc)
            return
        finally:
            resume_collector()   # start-up is over once the first page is read (tui.app)
        deliver(self, self.show_rows, total, rows, offset, search)

    def show_rows(self, total: int, rows: list[dict], offset: int, search: str = "") -> None:
        self.shown_search = search
        self.total = total
        self.rows = (self.rows[:offset] if offset else []) + rows
        self._fill()
        if self._open_pending and not offset and search == self.query_one("#filter", Input).value:
            self._open_pending = False
            self.action_open_board()

    def _sorted(self) -> list[dict]:
        if self.sort == "status":
            return sorted(self.rows, key=lambda r: (STATUS_RANK[r["status"]], r["name"].lower()))
        if self.sort == "open":
            return sorted(self.rows, key=lambda r: (-r["open_seats"], r["name"].lower()))
        if self.sort == "term":
            return sorted(self.rows, key=lambda r: (r["next_term_end"] or date.max, r["name"].lower()))
        return self.rows

    def _fill(self) -> None:
        t = self.query_one(DataTable)
        keep = t.cursor_row
        t.clear()
        for r in self._sorted():
            counted = [Text(str(r["counted"]), justify="right")] if "counted" in t.columns else []
            t.add_row(status_mark(r["status"]), Text(ellipsis(r["name"], self._name_width)), *counted,
                      gender_bar(r["women"], r["men"], r["undisclosed"]),
                      Text(str(r["open_seats"]) if r["open_seats"] else "·", justify="right",
                           style="bold" if r["open_seats"] else "dim"),
                      Text(day(r["next_term_end"])), key=r["id"])
        if self.rows:
            t.move_cursor(row=min(keep, len(self.rows) - 1))
        sort_name = {"name": _("name"), "status": _("status"), "open": _("open seats"),
                     "term": _("next term end")}[self.sort]
        msg = _n("{shown} of {total} board · sorted by {sort}", "{shown} of {total} boards · sorted by {sort}", self.total,
                 shown=len(self.rows), total=self.total, sort=sort_name)
        if len(self.rows) < self.total:
            msg += " · " + _("m: more")
        self.query_one("#status", Static).update(Text(msg, style="dim"))

    # --- events ------------------------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.reload()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if getattr(self, "shown_search", None) != event.value:
            self._open_pending = True
        else:
            self.action_open_board()

    @on(Input.Submitted, "#on")
    def _date_submitted(self, event: Input.Submitted) -> None:
        try:
            self.on_date = parse_day(event.value)
        except ValueError as exc:
            self.say(str(exc), "error")
            return
        event.input.value = day(self.on_date)
        self._title()
        self.reload()
        # back to the filter: letters typed next filter the boards, never run a screen command
        self.query_one("#filter", Input).focus()

    @on(DataTable.RowSelected, "#boards")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.open(event.row_key.value)

    def on_key(self, event) -> None:
        in_filter = self.focused is self.query_one("#filter", Input)
        if event.key == "down" and in_filter:
            self.query_one(DataTable).focus()
            event.stop()


    def action_open_board(self) -> None:
        t = self.query_one(DataTable)
        if not t.row_count:
            return
        key = t.coordinate_to_cell_key((t.cursor_row, 0)).row_key.value
        self.open(key)

    def open(self, board_id: str) -> None:
        from tui.screens.board import BoardScreen

        self._return_focus = self.focused        # Escape from the board comes back here
        self.app.push_screen(BoardScreen(board_id, self.on_date))

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_focus_date(self) -> None:
        self.query_one("#on", Input).focus()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._fill()

    def action_more(self) -> None:
        if len(self.rows) < self.total:
            self.reload(append=True)

    # --- create, edit, retire (tui.screens.masterdata) --------------------------------------------

    def highlighted(self) -> str | None:
        t = self.query_one(DataTable)
        if not t.row_count:
            self.say(_("Choose a board in the list first."), "warning")
            return None
        return t.coordinate_to_cell_key((t.cursor_row, 0)).row_key.value

    def action_new_board(self) -> None:
        from tui.screens.masterdata import board_form

        self.app.push_screen(board_form(self.ctx), self._board_saved)

    def action_edit_board(self, board_id: str | None = None) -> None:
        self._with_board(board_id or self.highlighted(), "edit")

    def action_retire_board(self, board_id: str | None = None) -> None:
        self._with_board(board_id or self.highlighted(), "retire")

    def action_seat_group(self, board_id: str | None = None) -> None:
        self._with_board(board_id or self.highlighted(), "seats")

    @work(thread=True, exclusive=True, group="board-record", exit_on_error=False)
    def _with_board(self, board_id: str | None, what: str) -> None:
        if not board_id:
            return
        from registry import masterdata

        try:
            record = masterdata.board_record(self.ctx, board_id)
            if what == "seats":
                record["_orgs"] = masterdata.organisations(self.ctx)
                record["_rules"] = masterdata.seat_rules(self.ctx, board_id, self.on_date)
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            return
        deliver(self, self._open_form, record, what)

    def _open_form(self, record: dict, what: str) -> None:
        from tui.screens.masterdata import board_form, retire_form, seat_group_form

        if what == "seats":
            self.app.push_screen(seat_group_form(self.ctx, record, record.pop("_orgs"), record.pop("_rules"), self.on_date),
                                 self._seat_group_saved)
        elif what == "edit":
            self.app.push_screen(board_form(self.ctx, record), self._board_saved)
        else:
            self.app.push_screen(retire_form(self.ctx, record, self.on_date), self._board_retired)

    def _board_saved(self, row: dict | None) -> None:
        if row:
            self.say(_("{name} is saved.", name=row["name"]))
            self.query_one("#filter", Input).value = row["name"]
            self.reload()

    def _seat_group_saved(self, comp: dict | None) -> None:
        if comp:
            self.say(_("{name} is saved.", name=comp["seats"][-1]["name"]))
            self.reload()

    def _board_retired(self, out: dict | None) -> None:
        if out:
            self.say(_("The board is retired from {on}.", on=day(out["retired"])))
            self.reload()

    def on_screen_resume(self) -> None:
        back = getattr(self, "_return_focus", None)
        if back is not None and back.is_attached:
            self._return_focus = None
            back.focus()
            self.call_after_refresh(back.focus)
        if self.rows:
            self.reload()
