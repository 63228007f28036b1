"""The footer follows the keys of what has the focus (it is rebuilt only when they change)."""

from __future__ import annotations

from tui_helpers import make_app, run_async, screen_text, settle
from tui.screens.board import BoardScreen
from tui.widgets.footer import Footer


def footer_line(app) -> str:
    return screen_text(app).rstrip("\n").splitlines()[-1]


@run_async
async def test_the_footer_shows_the_keys_of_the_focused_widget(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "/ Filter" in footer_line(app) and "Sort" not in footer_line(app)   # the filter has the focus
        await pilot.press("down")                                                  # into the table
        await settle(pilot)
        line = footer_line(app)
        assert "s Sort" in line and "d As of" in line and "v Vacancies" in line
        await pilot.press("slash")                                                 # back to the filter
        await settle(pilot)
        assert "Sort" not in footer_line(app)
        await pilot.press("down", "enter")                                         # a board: its own keys
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert "a Appoint" in footer_line(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "s Sort" in footer_line(app)


@run_async
async def test_the_footer_is_not_rebuilt_while_its_keys_stay_the_same(sample_db, monkeypatch):
    rebuilt = []
    original = Footer.recompose

    def counting(self):
        rebuilt.append(self)
        return original(self)

    monkeypatch.setattr(Footer, "recompose", counting)
    app = make_app(sample_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert len(rebuilt) == 1          # once the bindings are known; not per focus or resume signal
        app.screen.refresh_bindings()
        await settle(pilot)
        assert len(rebuilt) == 1
