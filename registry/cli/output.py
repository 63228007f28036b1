"""Shared output for every listing command: ``--format table|json|csv``.

Standard output carries data; standard error carries messages and progress. A table on a
terminal fits its width, one line a row, names shortened with "…" and ids never; into a pipe or
a file it is plain aligned text without box drawing, for grep and ``less -S``. Cells are
``Text`` (user text is never read as markup). CSV neutralises text a
spreadsheet would run as a formula (quality.md S2). JSON is UTF-8 with ISO dates.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from datetime import date, datetime
from enum import Enum
from typing import Any, Iterable, Mapping, Sequence

from registry.display import FORMULA_START, safe_cell, show_date, to_jsonable  # noqa: F401 - re-exported
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
    """A message for people, on standard error (plain text, never markup; control characters a
    user typed into a value are shown escaped, e.g. ``\\t``, so the value can be recognised)."""
    from rich.text import Text

    _console(stderr=True).print(Text(visible(message), style=style or ""), soft_wrap=True)


def visible(text: str) -> str:
    """``text`` with control characters other than newlines written as escapes (``\\t``, ``\\x1b``)."""
    if text.isprintable() or all(ch.isprintable() or ch == "\n" for ch in text):
        return text
    return "".join(ch if ch.isprintable() or ch == "\n" else repr(ch)[1:-1] for ch in text)


def check_output(path):
    """Refuse an ``-o PATH`` that cannot be written (a folder, a missing folder …) before any work:
    a usage error (exit 2), nothing written. See :mod:`registry.outfile`."""
    import typer

    from registry.outfile import OutputError, check

    try:
        check(path)
    except OutputError as exc:
        raise typer.BadParameter(str(exc), param_hint="-o") from None
    return path


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


#: keys whose values are ids: never shortened, never broken (an id is copied into the next command)
ID_KEYS = frozenset(("id", "board", "seat", "person", "appointment", "nomination", "entity"))
#: the narrowest a shortened name column becomes, "…" included; a header of a column of numbers
#: or dates is shortened to no less than HEAD_MIN (and never below its values)
MIN_WIDTH, HEAD_MIN = 8, 4
#: a name column is kept this wide while shortening the headers of other columns is enough
COMFORT = 16
ELLIPSIS = "…"
#: box-drawing characters: on a terminal only (the rule under the header), never into a pipe
RULE = "─"
_FIXED_TEXT = re.compile(r"^[\d\s:./+-]*$")   # numbers, dates and times written as text


def _is_id(key: str) -> bool:
    return key in ID_KEYS or key.endswith("_id")


def _one_line(text: str) -> str:
    """A cell on one line: line breaks and tabs in user text become spaces."""
    if "\n" in text or "\r" in text or "\t" in text:
        text = " ".join(text.replace("\t", " ").splitlines())
    return text


def _fixed(key: str, cells: Sequence[str], values: Sequence[Any]) -> bool:
    """A column that is never shortened: ids, numbers, dates, flags, and text that is only digits."""
    if _is_id(key):
        return True
    return all(v is None or isinstance(v, (int, float, date)) or isinstance(v, str) and _FIXED_TEXT.match(v)
               for v in values)


def column_widths(headers: Sequence[str], cells: Sequence[Sequence[str]], fixed: Sequence[bool],
                  available: int | None) -> tuple[list[int], bool]:
    """Each column's width in terminal cells, and whether they fit ``available`` (no limit when
    None). Fixed columns keep their values' width (their headers may be shortened, to no less
    than HEAD_MIN); the other columns are narrowed, widest first: to COMFORT if that is enough,
    else down to MIN_WIDTH. When nothing fits, the narrowest layout."""
    from rich.cells import cell_len

    count = len(headers)
    data = [max([0] + [cell_len(row[i]) for row in cells]) for i in range(count)]
    natural = [max(cell_len(h), data[i]) for i, h in enumerate(headers)]
    if available is None or sum(natural) <= available:
        return natural, True
    short = [natural[i] if not fixed[i] else max(data[i], min(HEAD_MIN, natural[i])) for i in range(count)]
    for least in (COMFORT, MIN_WIDTH):
        flex = [i for i in range(count) if not fixed[i] and natural[i] > least]
        for cut in (False, True):
            widths = list(natural)
            floor = sum(least if i in flex else natural[i] for i in range(count))
            if cut:   # the headers of fixed columns wider than their values ("Undisclosed" over one digit)
                for i in sorted((i for i in range(count) if i not in flex), key=lambda i: short[i] - natural[i]):
                    if floor <= available:
                        break
                    floor -= widths[i] - short[i]
                    widths[i] = short[i]
            if floor <= available:
                return _fill(widths, natural, flex, least, available), True
    flex = [i for i in range(count) if not fixed[i] and natural[i] > MIN_WIDTH]
    return [MIN_WIDTH if i in flex else short[i] for i in range(count)], False


def _fill(widths: list[int], natural: Sequence[int], flex: Sequence[int], least: int, available: int) -> list[int]:
    """Share what the fixed columns leave among the ``flex`` columns: the largest cap T with
    sum(min(natural, T)) within the budget, the rest of the budget to the first ones cut."""
    budget = available - sum(w for i, w in enumerate(widths) if i not in flex)
    lo, hi = least, max((natural[i] for i in flex), default=least)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sum(min(natural[i], mid) for i in flex) <= budget:
            lo = mid
        else:
            hi = mid - 1
    for i in flex:
        widths[i] = min(natural[i], lo)
    spare = budget - sum(widths[i] for i in flex)
    for i in flex:
        if spare <= 0:
            break
        if widths[i] < natural[i]:
            widths[i] += 1
            spare -= 1
    return widths


def fit(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, ending in "…" when shortened."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1) + ELLIPSIS if width > 0 else ""


def table_lines(rows: Sequence[Mapping[str, Any]], columns: Sequence[tuple[str, str]], *, terminal: bool,
                width: int | None = None, title: str | None = None, styles: Mapping[str, Any] | None = None):
    """A listing as lines of ``rich.text.Text``, one line per row.

    On a terminal (``terminal``) it fits ``width``: the title, a bold header over a rule, and the
    rows, text columns shortened with "…"; ids, numbers and dates are never shortened (a line
    wider than the terminal happens only when the ids alone are wider). Otherwise (a pipe, a file)
    it is the title and plain text in aligned columns, nothing shortened and no box drawing, for
    grep and ``less -S``.
    """
    from rich.cells import cell_len
    from rich.text import Text

    keys = [k for k, _h in columns]
    headers = [_one_line(h) for _k, h in columns]
    values = [[r.get(k) for k in keys] for r in rows]
    cells = [[_one_line(cell_text(v)) for v in row] for row in values]
    fixed = [_fixed(k, [c[i] for c in cells], [v[i] for v in values]) for i, k in enumerate(keys)]
    right = [any(v[i] is not None for v in values)
             and all(v[i] is None or isinstance(v[i], (int, float)) and not isinstance(v[i], bool) for v in values)
             for i in range(len(keys))]
    n = len(keys)
    gap = 2
    if not terminal or width is None:
        widths, _fits = column_widths(headers, cells, fixed, None)
    else:
        widths, fits = column_widths(headers, cells, fixed, width - gap * (n - 1))
        if not fits:                                # closer columns before anything is cut off
            gap = 1
            widths, fits = column_widths(headers, cells, fixed, width - (n - 1))

    def style_of(r: int, i: int) -> str:
        style = (styles or {}).get(keys[i])
        return (style(rows[r]) if callable(style) else style) or ""

    def line_of(texts: Sequence[str], style) -> Text:
        line = Text()
        for i, c in enumerate(texts):
            if i:
                line.append(" " * gap)
            c = fit(c, widths[i])
            space = " " * (widths[i] - cell_len(c))
            line.append(space + c if right[i] else c + space, style=style(i))
        line.rstrip()
        return line

    lines = []
    if title:
        lines.append(Text(fit(_one_line(title), width) if terminal and width else _one_line(title), style="bold"))
    lines.append(line_of(headers, lambda i: "bold"))
    if terminal:
        lines.append(Text((" " * gap).join(RULE * w for w in widths), style="dim"))
    for r, row in enumerate(cells):
        lines.append(line_of(row, lambda i, r=r: style_of(r, i)))
    return lines


def emit(rows: Sequence[Mapping[str, Any]], fmt: Format, columns: Sequence[tuple[str, str]],
         title: str | None = None, json_value: Any = None, styles: Mapping[str, Any] | None = None) -> None:
    """Print a listing in the chosen format."""
    if fmt == Format.json:
        print_json(rows if json_value is None else json_value)
    elif fmt == Format.csv:
        write_csv(rows, [k for k, _h in columns])
    else:
        if not rows:
            err(_("Nothing to show."))
            return
        console = _console()
        terminal = sys.stdout.isatty()
        lines = table_lines(rows, columns, terminal=terminal, width=console.width if terminal else None,
                            title=title, styles=styles)
        if not terminal:
            sys.stdout.write("\n".join(line.plain for line in lines) + "\n")
            return
        for line in lines:
            # one line a row: never wrapped; a line wider than the terminal (its ids alone) is not cut
            console.print(line, no_wrap=True, crop=False, overflow="ignore")


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
