"""The Documents screen (issue 17): reached from Nominations, previews and writes the round's documents."""

from __future__ import annotations

from textual.widgets import Input, Select, Static

from tui_helpers import make_app, run_async, screen_text, settle
from tui.screens.documents import DocumentsScreen
from tui.screens.nominations import NominationsScreen


async def _open(pilot, app):
    await settle(pilot)
    await pilot.press("down", "o")
    await settle(pilot)
    assert isinstance(app.screen, NominationsScreen)
    await pilot.press("d")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, DocumentsScreen)
    return screen


@run_async
async def test_the_agenda_item_is_previewed_and_written_with_its_annex(sample_db, tmp_path):
    app = make_app(sample_db)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await _open(pilot, app)
        # the highlighted nomination (newest round first) gives the board and the round
        assert screen.query_one("#board", Input).value == "erhvervshus-nordjylland"
        assert screen.query_one("#round", Input).value == "2026-04-01"
        screen.query_one("#meeting", Input).value = "kkr-2026-03-27"
        screen.query_one("#item", Input).value = "4.1"
        await pilot.press("ctrl+o")
        await settle(pilot)
        preview = str(screen.query_one("#preview-text", Static).render())
        assert "4.1. Appointment of members to the board of Erhvervshus Nordjylland" in preview
        assert "Recommendation" in preview and "Finans Danmark" in preview
        target = tmp_path / "item.docx"
        screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert target.exists() and (tmp_path / "item-annex.docx").exists()
        assert "Wrote" in screen_text(app)
        from docx import Document

        heads = [p.text for p in Document(str(target)).paragraphs if p.style.name.startswith("Heading")]
        assert "Background" in heads and "Case presentation" in heads
        assert "Confidential annex" in Document(str(tmp_path / "item-annex.docx")).paragraphs[1].text


@run_async
async def test_letters_go_to_a_folder_one_per_organisation(sample_db, tmp_path):
    app = make_app(sample_db)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await _open(pilot, app)
        screen.query_one("#kind", Select).value = "letters"
        screen.query_one("#fmt", Select).value = "md"
        await settle(pilot)
        folder = tmp_path / "anmodninger"
        screen.query_one("#path", Input).value = str(folder)
        await pilot.press("ctrl+s")
        await settle(pilot)
        files = sorted(p.name for p in folder.iterdir())
        assert len(files) == 13 and "anmodning-erhvervshus-nordjylland-business-finans-danmark.md" in files
        assert "Wrote 13 files" in str(screen.query_one("#result", Static).render())


@run_async
async def test_a_missing_meeting_is_said_not_raised(sample_db, tmp_path):
    app = make_app(sample_db)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await _open(pilot, app)
        screen.query_one("#kind", Select).value = "decision"
        await settle(pilot)
        screen.query_one("#path", Input).value = str(tmp_path / "b.md")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not (tmp_path / "b.md").exists()
        assert any("meeting" in n.message for n in app._notifications)


@run_async
async def test_the_palette_reaches_the_documents_screen(sample_db):
    from tui.app import UdpegCommands

    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        provider = UdpegCommands(app.screen)
        action = next(a for title, a, _h in provider.commands() if title == "documents: write")
        action()
        await settle(pilot)
        assert isinstance(app.screen, DocumentsScreen)
        assert app.screen.query_one("#board", Input).value == ""
