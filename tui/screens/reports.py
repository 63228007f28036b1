"""Reports: choose the report and the format, watch the progress, get the file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static

from registry.i18n import N_, _
from tui.screens.base import UdpegScreen, deliver, fail
from tui.widgets.common import B, day, localized, parse_day
from tui.widgets.footer import Footer

REPORTS = (("annual", N_("Annual report: members, gender balance, findings, changes")),
           ("gender", N_("Gender balance over time, and the nominating organisations")),
           ("vacancies", N_("Vacancy list for the council groups")))
FORMATS = ("html", "xlsx", "csv", "md", "json")
MAIN_TABLE = {"annual": "members", "gender": "by_board", "vacancies": "vacancies"}


def build_report(ctx, kind: str, fmt: str, on: date, today: date, progress=None):
    """Build and render one report (the same code as ``udpeg report``)."""
    from registry.reports.render import render

    if kind == "annual":
        from registry.reports import annual as report

        data, doc = report.build(ctx, on=on, today=today, progress=progress)
    elif kind == "gender":
        from registry.reports import gender as report

        data, doc = report.build(ctx, on=on, progress=progress)
    else:
        from registry.reports import vacancies as report

        data, doc = report.build(ctx, on=on)
    return render(data, doc, fmt, MAIN_TABLE[kind])


@localized
class ReportsScreen(UdpegScreen):
    BINDINGS = [
        B("escape", "app.pop_screen", N_("Back"), "reports.back"),
        B("ctrl+s", "write", N_("Write the file"), "reports.write", priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Reports"), style="bold"), classes="title")
        with Vertical(classes="form"):
            yield Label(_("Report"))
            yield Select([(_(label), kind) for kind, label in REPORTS], value="annual", allow_blank=False, id="kind")
            with Horizontal(classes="bar"):
                yield Label(_("Format"), classes="label")
                yield Select([(f, f) for f in FORMATS], value="html", allow_blank=False, id="fmt", classes="role")
                yield Label(_("On"), classes="label")
                yield Input(value=day(self.today), id="on", classes="date")
            yield Label(_("File"))
            yield Input(id="path")
            yield ProgressBar(id="progress", show_eta=False)
            yield Button(_("Write the file"), variant="primary", id="write")
            yield Static(id="result")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#progress", ProgressBar).update(total=1, progress=0)   # still, until writing starts
        self._suggest()

    def _suggest(self) -> None:
        kind = self.query_one("#kind", Select).value
        fmt = self.query_one("#fmt", Select).value
        self.query_one("#path", Input).value = f"udpeg-{kind}-{self.today.isoformat()}.{fmt}"   # in the current folder

    @on(Select.Changed)
    def _changed(self) -> None:
        self._suggest()

    @on(Button.Pressed, "#write")
    def action_write(self) -> None:
        try:
            on_day = parse_day(self.query_one("#on", Input).value)
        except ValueError as exc:
            self.say(str(exc), "error")
            return
        path = Path(self.query_one("#path", Input).value.strip()).expanduser().resolve()
        if not path.parent.is_dir():
            self.say(_("The folder {folder} does not exist; choose another file.", folder=str(path.parent)), "error")
            return
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=100, progress=0)
        self.query_one("#result", Static).update(Text(_("Writing…"), style="dim"))
        self.write(str(self.query_one("#kind", Select).value), str(self.query_one("#fmt", Select).value), on_day, path)

    @work(thread=True, exclusive=True, group="report", exit_on_error=False)
    def write(self, kind: str, fmt: str, on_day: date, path: Path) -> None:
        bar = self.query_one("#progress", ProgressBar)
        last = [-1]

        def progress(done: int, total: int) -> None:
            step = done * 50 // max(total, 1)
            if step != last[0]:
                last[0] = step
                self.app.call_from_thread(bar.update, total=total, progress=done)

        try:
            from registry.reports import write_atomic

            write_atomic(path, build_report(self.ctx, kind, fmt, on_day, self.today, progress))
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            deliver(self, self.query_one("#result", Static).update, Text(""))
            return
        deliver(self, self.written, path)

    def written(self, path: Path) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=1, progress=1)
        self.query_one("#result", Static).update(Text(_("Wrote {path}.", path=str(path)), style="green"))
        self.say(_("Wrote {path}.", path=str(path)))
