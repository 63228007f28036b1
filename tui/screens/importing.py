"""Import: a spreadsheet's people and appointments, dry run first (the same code as ``udpeg import``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from registry.i18n import N_, _
from tui.screens.base import UdpegScreen, deliver, fail
from tui.widgets.common import B, day, localized, parse_day
from tui.widgets.footer import Footer


def import_lines(got, file: str, dry_run: bool) -> list[str]:
    """The report ``udpeg import`` prints, and the findings the data adds by rule."""
    from registry.cli.data import import_report

    lines = import_report(got, file, dry_run)
    r = got.result
    if r.added:
        lines.append(_("On {day} the data would add {what}:", day=r.on.isoformat(), what=_count(r)) if dry_run
                     else _("On {day} the data adds {what}:", day=r.on.isoformat(), what=_count(r)))
        from registry.cli.data import _errors, _warnings

        for rule, n in r.by_rule().items():
            parts = ([_errors(n["error"])] if n["error"] else []) + ([_warnings(n["warning"])] if n["warning"] else [])
            lines.append(f"  {rule}: " + ", ".join(parts))
    return lines


def _count(result) -> str:
    from registry.cli.data import _added

    return _added(result)


@localized
class ImportScreen(UdpegScreen):
    """Choose the sheet, run it dry, read what it would do, then import it: all or nothing."""

    HOLDS_FORM = True
    BINDINGS = [
        B("escape", "app.pop_screen", N_("Back"), "import.back"),
        B("ctrl+d", "dry_run", N_("Dry run"), "import.dry_run", priority=True),
        B("ctrl+s", "run_import", N_("Import"), "import.write", priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Import a spreadsheet"), style="bold"), classes="title")
        with Vertical(classes="form"):
            yield Label(_("File (.xlsx or .csv)"))
            yield Input(id="path")
            yield Label(_("Columns (FIELD=COLUMN,…; empty: by the headers' names)"))
            yield Input(id="map")
            with Horizontal(classes="bar"):
                yield Label(_("On"), classes="label")
                yield Input(value=day(self.today), id="on", classes="date")
            with Horizontal(classes="bar"):
                yield Button(_("Dry run"), variant="primary", id="dry")
                yield Button(_("Import"), variant="warning", id="run", disabled=True)
        with VerticalScroll():
            yield Static(id="result")
        yield Footer()

    def _inputs(self):
        from registry.importing import columns

        on_day = parse_day(self.query_one("#on", Input).value)
        path = Path(self.query_one("#path", Input).value.strip()).expanduser()
        text = self.query_one("#map", Input).value.strip()
        return path, (columns.parse_map(text) if text else {}), on_day

    @on(Input.Changed)
    def _changed(self) -> None:
        self.query_one("#run", Button).disabled = True      # a changed sheet or mapping is run dry again

    @on(Button.Pressed, "#dry")
    def action_dry_run(self) -> None:
        self._start(True)

    @on(Button.Pressed, "#run")
    def action_run_import(self) -> None:
        if self.query_one("#run", Button).disabled:
            self.say(_("Run it dry first: the import is enabled when the dry run finds no problem."), "warning")
            return
        self._start(False)

    def _start(self, dry_run: bool) -> None:
        try:
            path, overrides, on_day = self._inputs()
        except Exception as exc:  # noqa: BLE001 - a bad date or --map text: said, not raised
            from registry.errors import RegistryError

            if not isinstance(exc, (ValueError, RegistryError)):
                raise
            self.say(str(exc), "error")
            return
        self.query_one("#result", Static).update(Text(_("Reading…"), style="dim"))
        self.run(path, overrides, on_day, dry_run)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def run(self, path: Path, overrides: dict, on_day: date, dry_run: bool) -> None:
        from registry import service

        try:
            got = service.import_sheet(self.ctx, path, on_day, overrides, dry_run=dry_run)
        except Exception as exc:  # noqa: BLE001
            fail(self, exc)
            deliver(self, self.show, [str(exc)], dry_run, False)
            return
        deliver(self, self.show, import_lines(got, str(path), dry_run), dry_run, True)

    def show(self, lines: list[str], dry_run: bool, ok: bool) -> None:
        self.query_one("#result", Static).update(Text("\n".join(lines)))
        self.query_one("#run", Button).disabled = not (dry_run and ok)
        if ok and not dry_run:
            self.say(_("Imported: one event in the audit log."))
