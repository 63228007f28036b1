"""Documents of a round: choose the document, preview it, write the file(s), watch the progress.

The same builders and renderers as ``udpeg minutes``, ``udpeg agenda`` and ``udpeg letters``
(:mod:`registry.documents`); the screen only collects the choices and shows the result.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static

from registry.i18n import N_, _
from tui.screens.base import UdpegScreen, deliver, fail
from tui.widgets.common import B, day, localized, parse_day
from tui.widgets.footer import Footer

KINDS = (("agenda", N_("Agenda item (dagsordenspunkt) and its confidential annex")),
         ("decision", N_("Decision text (Beslutning) for the minutes")),
         ("letters", N_("Requests for nominations, one per organisation")),
         ("followups", N_("Follow-ups on nominations that fail § 10 a or the joint rule")))
FORMATS = ("docx", "md", "html")


def build_documents(ctx, kind: str, board: str, rnd: date | None, meeting: str, item: str | None, today: date):
    """The documents the choices ask for: a list of :class:`~registry.documents.Doc` (for an
    agenda item: the item, then its annex)."""
    from registry.documents import build
    from registry.errors import RegistryError

    def need(value, what: str):
        if not value:
            raise RegistryError(_("Give the {what}.", what=what))
        return value

    if kind == "decision":
        return [build.decision(ctx, need(meeting, _("meeting")), item or None)]
    if kind == "agenda" and (not board or rnd is None) and meeting and item:
        found_board, found_round = build.agenda_target(ctx, meeting, item)
        board, rnd = board or found_board, rnd or found_round
    need(board, _("board"))
    need(rnd, _("round"))
    if kind == "agenda":
        return list(build.agenda(ctx, need(meeting, _("meeting")), board, rnd, item=item or None))
    if kind == "letters":
        return build.letters(ctx, board, rnd, today=today)
    return build.followups(ctx, board, rnd, today=today)


def targets(kind: str, docs, fmt: str, path: Path) -> list[Path]:
    """Where each document goes: a file (agenda: the item, and the annex beside it), or a folder."""
    if kind == "decision":
        return [path]
    if kind == "agenda":
        return [path, path.with_name(f"{path.stem}-{_('annex')}{path.suffix}")][:len(docs)]
    return [path / f"{d.name}.{fmt}" for d in docs]


@localized
class DocumentsScreen(UdpegScreen):
    HOLDS_FORM = True
    BINDINGS = [
        B("escape", "app.pop_screen", N_("Back"), "documents.back"),
        B("ctrl+o", "preview", N_("Preview"), "documents.preview", priority=True),
        B("ctrl+s", "write", N_("Write the file"), "documents.write", priority=True),
    ]

    def __init__(self, board: str | None = None, rnd: date | None = None) -> None:
        super().__init__()
        self.board = board or ""
        self.rnd = rnd

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Documents of a round"), style="bold"), classes="title")
        with Vertical(classes="form"):
            yield Label(_("Document"))
            yield Select([(_(label), kind) for kind, label in KINDS], value="agenda", allow_blank=False, id="kind")
            with Horizontal(classes="bar"):
                yield Label(_("Board"), classes="label")
                yield Input(value=self.board, id="board")
                yield Label(_("Round"), classes="label")
                yield Input(value=day(self.rnd) if self.rnd else "", id="round", classes="date")
            with Horizontal(classes="bar"):
                yield Label(_("Meeting"), classes="label")
                yield Input(id="meeting")
                yield Label(_("Item"), classes="label")
                yield Input(id="item", classes="date")
                yield Label(_("Format"), classes="label")
                yield Select([(f, f) for f in FORMATS], value="docx", allow_blank=False, id="fmt", classes="role")
            yield Label(_("File or folder"))
            yield Input(id="path")
            yield ProgressBar(id="progress", show_eta=False)
            with Horizontal(classes="bar"):
                yield Button(_("Preview"), id="preview")
                yield Button(_("Write the file"), variant="primary", id="write")
            yield Static(id="result")
        with VerticalScroll(id="preview-box"):
            yield Static(id="preview-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#progress", ProgressBar).update(total=1, progress=0)
        self.query_one("#preview-box").border_title = _("Preview")
        self._suggest()

    def _suggest(self) -> None:
        kind = str(self.query_one("#kind", Select).value)
        fmt = str(self.query_one("#fmt", Select).value)
        board = self.query_one("#board", Input).value.strip() or "udpeg"
        name = {"agenda": f"dagsorden-{board}.{fmt}", "decision": f"beslutning.{fmt}",
                "letters": f"anmodninger-{board}", "followups": f"opfoelgninger-{board}"}[kind]
        self.query_one("#path", Input).value = name

    @on(Select.Changed)
    def _changed(self) -> None:
        self._suggest()

    def _choices(self):
        text = self.query_one("#round", Input).value.strip()
        rnd = parse_day(text) if text else None
        return (str(self.query_one("#kind", Select).value), self.query_one("#board", Input).value.strip(), rnd,
                self.query_one("#meeting", Input).value.strip(), self.query_one("#item", Input).value.strip(),
                str(self.query_one("#fmt", Select).value))

    @on(Button.Pressed, "#preview")
    def action_preview(self) -> None:
        try:
            kind, board, rnd, meeting, item, _fmt = self._choices()
        except ValueError as exc:
            self.say(str(exc), "error")
            return
        self.query_one("#preview-text", Static).update(Text(_("Building…"), style="dim"))
        self.preview(kind, board, rnd, meeting, item)

    @work(thread=True, exclusive=True, group="documents", exit_on_error=False)
    def preview(self, kind: str, board: str, rnd: date | None, meeting: str, item: str) -> None:
        try:
            from registry.documents.render import render_md

            docs = build_documents(self.ctx, kind, board, rnd, meeting, item, self.today)
            text = render_md(docs[0]) if docs else _("No documents to write.")
            if len(docs) > 1 and kind in ("letters", "followups"):
                text = _("{n} documents; the first:", n=len(docs)) + "\n\n" + text
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            deliver(self, self.query_one("#preview-text", Static).update, Text(""))
            return
        deliver(self, self.query_one("#preview-text", Static).update, Text(text))

    @on(Button.Pressed, "#write")
    def action_write(self) -> None:
        try:
            kind, board, rnd, meeting, item, fmt = self._choices()
        except ValueError as exc:
            self.say(str(exc), "error")
            return
        path = Path(self.query_one("#path", Input).value.strip()).expanduser().resolve()
        if not path.parent.is_dir():
            self.say(_("The folder {folder} does not exist; choose another file.", folder=str(path.parent)), "error")
            return
        if kind in ("letters", "followups") and path.exists() and not path.is_dir():
            self.say(_("{path} is a file; -o wants a folder for these documents.", path=str(path)), "error")
            return
        self.query_one("#progress", ProgressBar).update(total=100, progress=0)
        self.query_one("#result", Static).update(Text(_("Writing…"), style="dim"))
        self.write(kind, board, rnd, meeting, item, fmt, path)

    @work(thread=True, exclusive=True, group="documents", exit_on_error=False)
    def write(self, kind: str, board: str, rnd: date | None, meeting: str, item: str, fmt: str, path: Path) -> None:
        from datetime import datetime

        from registry import outfile
        from registry.documents.render import render

        bar = self.query_one("#progress", ProgressBar)
        try:
            docs = build_documents(self.ctx, kind, board, rnd, meeting, item, self.today)
            paths = targets(kind, docs, fmt, path)
            if kind in ("letters", "followups") and docs:
                path.mkdir(exist_ok=True)
            stamp = datetime(self.today.year, self.today.month, self.today.day)
            for i, (doc, target) in enumerate(zip(docs, paths), 1):
                outfile.write(target, render(doc, fmt, stamp))
                self.app.call_from_thread(bar.update, total=len(docs), progress=i)
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            deliver(self, self.query_one("#result", Static).update, Text(""))
            return
        deliver(self, self.written, paths[:len(docs)])

    def written(self, paths: list[Path]) -> None:
        self.query_one("#progress", ProgressBar).update(total=1, progress=1)
        if not paths:
            message = _("No documents to write.")
        elif len(paths) == 1:
            message = _("Wrote {path}.", path=str(paths[0]))
        else:
            message = _("Wrote {n} files to {folder}.", n=len(paths), folder=str(paths[0].parent))
        self.query_one("#result", Static).update(Text(message, style="green"))
        self.say(message)
