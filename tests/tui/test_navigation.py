"""The Boards screen is the bottom of the stack; list screens open on top of it, one at a time."""

from __future__ import annotations

from tui_helpers import make_app, run_async, settle
from tui.screens.board import BoardScreen
from tui.screens.boards import BoardsScreen
from tui.screens.people import PeopleScreen
from tui.screens.vacancies import VacanciesScreen


def stack(app) -> list[type]:
    return [type(s) for s in app.screen_stack]


@run_async
async def test_list_screens_replace_each_other_over_the_boards_screen(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert stack(app) == [BoardsScreen]
        await pilot.press("down", "v")
        await settle(pilot)
        assert stack(app) == [BoardsScreen, VacanciesScreen]
        app.action_people()
        await settle(pilot)
        assert stack(app) == [BoardsScreen, PeopleScreen]
        await pilot.press("escape")
        await settle(pilot)
        assert stack(app) == [BoardsScreen]
        app.open_board("erhvervshus-nordjylland")
        await settle(pilot)
        assert stack(app) == [BoardsScreen, BoardScreen]
        app.action_vacancies()
        await settle(pilot)
        assert stack(app) == [BoardsScreen, VacanciesScreen]
        app.action_boards()
        await settle(pilot)
        assert stack(app) == [BoardsScreen]
        app.action_boards()                       # already there: nothing to pop
        await settle(pilot)
        assert stack(app) == [BoardsScreen]
