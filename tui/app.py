"""The Udpeg terminal UI: App, global keys, the command palette, and ``run_app``.

Every screen does its database work in thread workers (``@work(thread=True, exclusive=True)``)
and hands plain data back to the event loop, so the UI never waits on the database.
"""

from __future__ import annotations

import asyncio
import gc
from datetime import date
from functools import partial

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider

from registry.i18n import N_, _
from tui.widgets.common import B, localize_bindings, localized


class UdpegCommands(Provider):
    """Every action as "noun: verb", plus "board: open NAME" for each board."""

    async def startup(self) -> None:
        from tui import data

        app = self.app
        try:
            self.boards = await asyncio.to_thread(data.board_choices, app.ctx)
            self.groups = await asyncio.to_thread(data.council_groups, app.ctx)
        except Exception:  # noqa: BLE001 - the palette still offers the other commands
            self.boards, self.groups = [], []

    def commands(self) -> list[tuple[str, object, str]]:
        app = self.app
        out = [
            (_("boards: show"), app.action_boards, _("Every board with its status")),
            (_("vacancies: show"), app.action_vacancies, _("Open seats by date, group, board, municipality")),
            (_("people: search"), app.action_people, _("Find a person and their seats")),
            (_("nominations: show"), app.action_nominations, _("Nominations and their § 10 a findings")),
            (_("nomination: register"), app.action_register_nomination, _("Register what an organisation proposed")),
            (_("nominations: planner"), app.action_planner, _("Who could be appointed so the board complies")),
            (_("person: add"), app.action_add_person, _("Add a person to the registry")),
            (_("person: edit"), app.action_edit_person, _("Edit the highlighted person (People screen)")),
            (_("audit: show"), app.action_audit, _("Who changed what, when and why")),
            (_("organisations: show"), app.action_organisations, _("Organisations: search, create, edit kind")),
            (_("organisation: new"), partial(app.action_organisations, True), _("Add an organisation by name")),
            (_("board: new"), partial(app.action_new_board), _("Create a board: name, legal basis, term, statutory")),
            (_("meetings: show"), app.action_meetings, _("Meetings and their agenda items with case numbers")),
            (_("meeting: new"), partial(app.action_meetings, True), _("Create a meeting: body, date, place")),
            (_("council groups: show"), app.action_council_groups, _("Council groups per period; d'Hondt and allotments")),
            (_("reports: write"), app.action_reports, _("Annual, gender and vacancy reports as HTML, XLSX, CSV, Markdown or JSON")),
            (_("help: keys"), app.action_help, _("The keys of every screen")),
            (_("app: quit"), app.action_quit, _("Leave Udpeg")),
            (_("documents: write"), app.action_documents,
             _("The round's documents: agenda item and annex, decision text, requests, follow-ups")),
            (_("import: spreadsheet"), app.action_import_sheet, _("People and appointments from an XLSX or CSV sheet, dry run first")),
        ]
        screen = app.screen
        from tui.screens.board import BoardScreen

        if not isinstance(screen, BoardScreen):
            out += [(_("board: appoint"), app.action_pick_board_to_appoint, _("Choose the board by name, then the seat")),
                    (_("board: end appointment"), app.action_pick_board_to_appoint,
                     _("Choose the board by name, then the appointment"))]
        if isinstance(screen, BoardScreen):
            out += [(_("board: appoint"), screen.action_appoint, _("Appoint to the highlighted seat")),
                    (_("board: end appointment"), screen.action_end, _("End the highlighted appointment early")),
                    (_("board: nominations"), screen.action_nominations, _("Nominations for this board")),
                    (_("board: audit"), partial(app.action_audit, screen.board_id), _("The audit log of this board")),
                    (_("board: edit"), partial(app.board_form, screen.board_id, "edit"), _("Name, legal basis, term, statutory, holdover")),
                    (_("board: retire"), partial(app.board_form, screen.board_id, "retire"), _("End its seat rules from a date")),
                    (_("board: add seat group"), partial(app.board_form, screen.board_id, "seats"), _("A seat group from a date"))]
        from tui.screens.boards import BoardsScreen
        from tui.screens.people import PeopleScreen

        if isinstance(screen, BoardsScreen):
            out += [(_("board: edit"), screen.action_edit_board, _("Edit the highlighted board")),
                    (_("board: retire"), screen.action_retire_board, _("Retire the highlighted board")),
                    (_("board: add seat group"), screen.action_seat_group, _("A seat group from a date"))]
        if isinstance(screen, PeopleScreen):
            out += [(_("person: offices"), screen.action_offices, _("Add or end the highlighted person's offices"))]
        for gid, name in getattr(self, "groups", []):
            out.append((_("vacancies: show for {group}", group=name), partial(app.action_vacancies, gid),
                        _("The seats allotted to {group}", group=name)))
        for bid, name in getattr(self, "boards", []):
            out.append((_("board: open {name}", name=name), partial(app.open_board, bid), bid))
        return out

    async def discover(self) -> Hits:
        for title, action, help_text in self.commands()[:14]:
            yield DiscoveryHit(title, action, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, help_text in self.commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), action, help=help_text)


@localized
class UdpegApp(App):
    """Udpeg: the appointment registry of a KKR, with every rule checked before the appointment."""

    CSS_PATH = "app.tcss"
    TITLE = "Udpeg"
    COMMANDS = App.COMMANDS | {UdpegCommands}
    BINDINGS = [
        B("question_mark", "help", N_("Help"), "app.help", key_display="?", show=False),
        B("f1", "help", N_("Help"), "app.help.f1", key_display="F1"),
        B("b", "boards", N_("Boards"), "app.boards", show=False),
        B("v", "vacancies", N_("Vacancies"), "app.vacancies"),
        B("p", "people", N_("People"), "app.people", show=False),
        B("o", "nominations", N_("Nominations"), "app.nominations", show=False),
        B("u", "audit", N_("Audit"), "app.audit", show=False),
        B("r", "reports", N_("Reports"), "app.reports", show=False),
        B("g", "organisations", N_("Organisations"), "app.organisations", show=False),
        B("t", "meetings", N_("Meetings"), "app.meetings", show=False),
        B("k", "council_groups", N_("Council groups"), "app.council_groups", show=False),
        B("ctrl+q", "quit", N_("Quit"), "app.quit", priority=True),
    ]

    def __init__(self, ctx, today: date | None = None) -> None:
        localize_bindings()
        super().__init__()
        self.ctx = ctx
        self.today = today or date.today()

    def get_default_screen(self):
        """The Boards screen is the bottom of the stack; every other screen opens on top of it.

        (Pushing it over Textual's blank default screen cost a compose, a resume and a suspend
        more before the first paint.)
        """
        from tui.screens.boards import BoardsScreen

        return BoardsScreen()

    # --- navigation --------------------------------------------------------------------------

    NAVIGATION = {"boards", "vacancies", "people", "nominations", "audit", "reports", "organisations", "meetings",
                  "council_groups"}

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Single-letter navigation never throws away a form or a dialog being filled in.

        The Footer asks this for every key on every refresh, so it looks at a class attribute
        rather than importing the form screens (which import the service layer).
        """
        from textual.screen import ModalScreen

        screen = self.screen
        if action in self.NAVIGATION and (isinstance(screen, ModalScreen) or getattr(screen, "HOLDS_FORM", False)):
            return False
        return True

    def _go(self, screen) -> None:
        """Show ``screen`` on top of the Boards screen (never a deep stack of list screens)."""
        from tui.screens.boards import BoardsScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, BoardsScreen):
            self.pop_screen()
        self.push_screen(screen)

    def action_boards(self) -> None:
        from tui.screens.boards import BoardsScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, BoardsScreen):
            self.pop_screen()

    def open_board(self, board_id: str) -> None:
        from tui.screens.board import BoardScreen

        self._go(BoardScreen(board_id, self.today))

    def action_vacancies(self, group: str | None = None) -> None:
        from tui.screens.vacancies import VacanciesScreen

        self._go(VacanciesScreen(group))

    def action_people(self) -> None:
        from tui.screens.people import PeopleScreen

        self._go(PeopleScreen())

    def action_nominations(self) -> None:
        from tui.screens.nominations import NominationsScreen

        self._go(NominationsScreen())

    def action_register_nomination(self) -> None:
        from tui.screens.nominations import NominationsScreen

        screen = self.screen if isinstance(self.screen, NominationsScreen) else NominationsScreen()
        if screen is not self.screen:
            self._go(screen)
        self.call_after_refresh(screen.action_register)

    def action_planner(self) -> None:
        from tui.screens.nominations import NominationsScreen

        screen = self.screen if isinstance(self.screen, NominationsScreen) else NominationsScreen()
        if screen is not self.screen:
            self._go(screen)
        self.call_after_refresh(screen.action_planner)

    def action_add_person(self) -> None:
        from tui.screens.people import PeopleScreen

        screen = self.screen if isinstance(self.screen, PeopleScreen) else PeopleScreen()
        if screen is not self.screen:
            self._go(screen)
        self.call_after_refresh(screen.action_add)

    def action_edit_person(self) -> None:
        from tui.screens.people import PeopleScreen

        if isinstance(self.screen, PeopleScreen):
            self.screen.action_edit()
        else:
            self.action_people()
            self.notify(_("Find the person, then press e to edit."), markup=False)

    def action_pick_board_to_appoint(self) -> None:
        from tui.widgets.picker import PickerDialog, boards_source

        def picked(answer) -> None:
            if answer:
                self.open_board(answer[0])

        self.push_screen(PickerDialog(_("Which board?"), boards_source), picked)

    def action_audit(self, board: str | None = None) -> None:
        from tui.screens.audit import AuditScreen

        self._go(AuditScreen(board))

    def action_documents(self) -> None:
        from tui.screens.documents import DocumentsScreen

        self._go(DocumentsScreen())

    def action_import_sheet(self) -> None:
        from tui.screens.importing import ImportScreen

        self._go(ImportScreen())

    def action_reports(self) -> None:
        from tui.screens.reports import ReportsScreen

        self._go(ReportsScreen())

    def action_organisations(self, new: bool = False) -> None:
        from tui.screens.masterdata import OrganisationsScreen

        screen = OrganisationsScreen()
        self._go(screen)
        if new:
            self.call_after_refresh(screen.action_add)

    def action_meetings(self, new: bool = False) -> None:
        from tui.screens.masterdata import MeetingsScreen

        screen = MeetingsScreen()
        self._go(screen)
        if new:
            self.call_after_refresh(screen.action_add)

    def action_council_groups(self) -> None:
        from tui.screens.masterdata import CouncilGroupsScreen

        self._go(CouncilGroupsScreen())

    def action_new_board(self) -> None:
        self.action_boards()
        self.call_after_refresh(self.screen.action_new_board)

    def board_form(self, board_id: str, what: str) -> None:
        """Edit or retire a board from wherever it is shown (the form comes from the Boards screen)."""
        boards = self.screen_stack[0]
        if what == "edit":
            boards.action_edit_board(board_id)
        elif what == "seats":
            boards.action_seat_group(board_id)
        else:
            boards.action_retire_board(board_id)

    def action_help(self) -> None:
        from tui.screens.dialogs import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


# --- start-up without the cycle collector ------------------------------------------------------
#
# Starting creates some 100,000 objects that live as long as the app (Textual's, then in the first
# worker SQLAlchemy's, SQLModel's and the rules') and hardly any garbage, yet the cycle collector
# walks them again and again while they are made: about 0.1 s of a one-second start (quality.md
# P4). So ``run_app`` pauses it until the first page of boards has been read, then freezes what
# exists (``gc.freeze``: later collections skip it; reference counting still frees it) and resumes.

_collector_paused = False


def pause_collector() -> None:
    global _collector_paused
    if gc.isenabled():
        gc.disable()
        _collector_paused = True


def resume_collector() -> None:
    """Called once start-up is over (any thread; a no-op unless ``pause_collector`` paused it)."""
    global _collector_paused
    if _collector_paused:
        _collector_paused = False
        gc.freeze()
        gc.enable()


def run_app(ctx, today: date | None = None) -> None:
    """Open the terminal UI on the registry of ``ctx``; ``today`` fixes the date (tests, demos)."""
    pause_collector()
    try:
        UdpegApp(ctx, today=today).run()
    finally:
        resume_collector()
