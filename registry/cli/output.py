"""Shared output for every listing command: ``--format table|json|csv``.

Standard output carries data; standard error carries messages and progress. Tables are Rich
tables whose cells are ``Text`` (user text is never read as markup). CSV neutralises text a
spreadsheet would run as a formula (quality.md S2). JSON is UTF-8 with ISO dates.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from datetime import date, datetime
from enum import Enum
from typing import Any, Iterable, Mapping, Sequence

from registry.i18n import N_, _, get_language

SEX_LABEL = {"woman": N_("woman"), "man": N_("man"), "undisclosed": N_("undisclosed")}
ROLE_LABEL = {"member": N_("member"), "deputy": N_("deputy")}


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, no_color="NO_COLOR" in os.environ or None, highlight=False,
                   soft_wrap=False)


def err(message: str, style: str | None = None) -> None:
    """A message for people, on standard error (plain text, never markup)."""
    from rich.text import Text

    _console(stderr=True).print(Text(message, style=style or ""), soft_wrap=True)


def to_jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def print_json(value: Any) -> None:
    """JSON on standard output; dates as ISO text (json walks the data itself: one pass)."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=_json_default) + "\n")


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (S2)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def show_date(d: date | None) -> str:
    if d is None:
        return ""
    from registry.i18n import format_day

    return format_day(d)


def dataset_counts(counts: Mapping[str, int]) -> str:
    """"12 municipalities, 1 council group, 48.213 appointments": each count with its noun in
    the current language (ngettext), big numbers grouped (Babel)."""
    from registry.i18n import N_n, format_number, ntranslate

    forms = {"municipalities": N_n("{n} municipality", "{n} municipalities"),
             "organisations": N_n("{n} organisation", "{n} organisations"),
             "council_groups": N_n("{n} council group", "{n} council groups"),
             "people": N_n("{n} person", "{n} people"), "meetings": N_n("{n} meeting", "{n} meetings"),
             "rulesets": N_n("{n} rule set", "{n} rule sets"), "boards": N_n("{n} board", "{n} boards"),
             "appointments": N_n("{n} appointment", "{n} appointments"),
             "allocations": N_n("{n} allocation", "{n} allocations"),
             "nominations": N_n("{n} nomination", "{n} nominations")}
    parts = []
    for kind, n in counts.items():
        if n:
            form = forms.get(kind)
            parts.append(ntranslate(str(form), form.plural, n, None, n=format_number(n)) if form
                         else f"{format_number(n)} {kind.replace('_', ' ')}")
    return ", ".join(parts)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (date, datetime)):
        return show_date(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(cell_text(v) for v in value)
    return str(value)


def write_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], out=None) -> None:
    out = out or sys.stdout
    w = csv.writer(out, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow([safe_cell(to_jsonable(r.get(c)) if not isinstance(r.get(c), (list, tuple))
                              else ";".join(str(x) for x in r.get(c))) for c in columns])


def render_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[tuple[str, str]], title: str | None = None,
                 styles: Mapping[str, Any] | None = None):
    """A Rich table; ``columns`` are (key, header). Cells are Text: no markup from data."""
    from rich.table import Table
    from rich.text import Text

    t = Table(title=title, title_justify="left", show_lines=False, header_style="bold")
    for _key, header in columns:
        t.add_column(header, overflow="fold")
    for r in rows:
        cells = []
        for key, _header in columns:
            style = (styles or {}).get(key)
            style = style(r) if callable(style) else style
            cells.append(Text(cell_text(r.get(key)), style=style or ""))
        t.add_row(*cells)
    return t


def emit(rows: Sequence[Mapping[str, Any]], fmt: Format, columns: Sequence[tuple[str, str]],
         title: str | None = None, json_value: Any = None, styles: Mapping[str, Any] | None = None) -> None:
    """Print a listing in the chosen format."""
    if fmt == Format.json:
        print_json(rows if json_value is None else json_value)
    elif fmt == Format.csv:
        write_csv(rows, [k for k, _h in columns])
    else:
        console = _console()
        if not rows:
            err(_("Nothing to show."))
            return
        console.print(render_table(rows, columns, title, styles))


def progress_bar(total: int, description: str):
    """A progress bar on standard error when it is a terminal; otherwise a no-op callback."""
    if not sys.stderr.isatty():
        class _Null:
            def __enter__(self):
                return lambda done, total=None: None

            def __exit__(self, *exc):
                return False
        return _Null()
    from rich.progress import Progress

    class _Bar:
        def __enter__(self):
            self.p = Progress(console=_console(stderr=True), transient=True)
            self.p.__enter__()
            self.task = self.p.add_task(description, total=total or None)
            return lambda done, total=None: self.p.update(self.task, completed=done, total=total)

        def __exit__(self, *exc):
            return self.p.__exit__(*exc)
    return _Bar()


def findings_rows(findings: Iterable, lang: str | None = None) -> list[dict]:
    return [f.to_dict(lang) for f in findings]


SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SEVERITY_MARK = {"error": "✗", "warning": "⚠", "info": "ℹ", "ok": "✓"}
