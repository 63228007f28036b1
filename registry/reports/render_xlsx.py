"""XLSX for reports, written by XlsxWriter: one sheet per section, a bold frozen header row with a
filter, typed cells (dates as dates, counts as numbers), column widths, formula text
neutralised (S2).

A file format is a library's job: XlsxWriter writes the workbook, in ``constant_memory`` mode
(each row goes to a temporary file as soon as the next one starts, so memory does not grow with
the report). Every text goes through ``write_string`` — never ``write``, which would read a text
starting with "=" as a formula — after :func:`registry.cli.output.safe_cell` has put an
apostrophe before text a spreadsheet would run (= + - @ tab CR), as the CSV does.
"""

from __future__ import annotations

import io
import math
import re
from datetime import date, datetime
from typing import Any, Sequence

from registry.display import safe_cell
from registry.i18n import _, get_language
from registry.reports.doc import Column, Document, Facts, Table

_BAD = re.compile(r"[\[\]:*?/\\]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")     # characters XML 1.0 cannot hold
_MAX_TEXT = 32767                                           # characters a cell holds

# cell styles, as XlsxWriter format properties
_HEAD = {"bold": True, "bg_color": "#EEF2F6", "pattern": 1}
_WRAP = {"text_wrap": True, "valign": "top"}
TITLE = "title"
HEAD = "head"
HEAD_WRAP = "head_wrap"
WRAP = "wrap"
STYLES = {TITLE: {"bold": True, "font_size": 13}, HEAD: _HEAD, HEAD_WRAP: {**_HEAD, **_WRAP}, WRAP: _WRAP}


def sheet_title(title: str, used: set[str]) -> str:
    base = _BAD.sub(" ", title).strip().strip("'").strip()[:31] or "Sheet"
    name, n = base, 1
    while name.lower() in used:
        n += 1
        name = f"{base[:28]} {n}"
    used.add(name.lower())
    return name


def cell_value(value: Any, kind: str = "text") -> Any:
    """A typed, safe cell value: numbers and dates stay typed, text is neutralised."""
    if value is None:
        return None
    if type(value) is str:
        text = value
    elif isinstance(value, bool):
        return _("yes") if value else _("no")
    elif isinstance(value, (int, float)):
        return value
    elif isinstance(value, datetime):
        return value.replace(tzinfo=None)
    elif isinstance(value, date):
        return value
    elif isinstance(value, (list, tuple)):
        text = ", ".join(str(v) for v in value)
    else:
        text = str(value)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    return safe_cell(text)[:_MAX_TEXT]


class _Writer:
    """One workbook: its formats made once, cells written by type."""

    def __init__(self, out: io.BytesIO, date_format: str):
        import xlsxwriter

        self.book = xlsxwriter.Workbook(out, {
            "constant_memory": True,
            # belt and braces: only write_string/number/datetime are called, never write()
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
        })
        self.book.set_properties({"author": "Udpeg", "comments": "Written by Udpeg"})
        self.date_format = date_format
        self.formats: dict[tuple, Any] = {}
        self.texts: dict[str, str] = {}       # text as given -> as written (names and labels repeat)

    def fmt(self, style: str | None, number_format: str | None):
        if style is None and number_format is None:
            return None
        key = (style, number_format)
        f = self.formats.get(key)
        if f is None:
            props = dict(STYLES[style]) if style else {}
            if number_format:
                props["num_format"] = number_format
            f = self.formats[key] = self.book.add_format(props)
        return f

    def text(self, value: str) -> str:
        """A text as written: neutralised, without characters XML cannot hold, at most 32,767."""
        text = self.texts.get(value)
        if text is None:
            text = self.texts[value] = cell_value(value)
        return text


def _raw_xml(text: str) -> bool:
    """Text that XlsxWriter's constant_memory mode would copy into the sheet as XML unescaped
    (it takes "<r>…</r>" for a rich string it made itself)."""
    return text.startswith("<r>") and text.endswith("</r>")


class _Sheet:
    """A worksheet and the next row to write (constant_memory: rows only in order)."""

    def __init__(self, writer: _Writer, title: str):
        self.w, self.ws, self.row = writer, writer.book.add_worksheet(title), 0
        ws = self.ws
        # the undecorated writers (the public ones only add parsing of "A1" references)
        self._string = getattr(ws, "_write_string", ws.write_string)
        self._number = getattr(ws, "_write_number", ws.write_number)
        self._datetime = getattr(ws, "_write_datetime", ws.write_datetime)
        self._blank = getattr(ws, "_write_blank", ws.write_blank)

    def widths(self, widths: dict[int, float]) -> None:
        for i, w in sorted(widths.items()):
            self.ws.set_column(i, i, w)

    def cell(self, r: int, c: int, value: Any, kind: str = "text", style: str | None = None) -> None:
        fmt = self.w.fmt
        if type(value) is not str:
            if value is None:
                if style:
                    self._blank(r, c, None, fmt(style, None))
                return
            value = cell_value(value, kind)
            if not isinstance(value, str):
                if isinstance(value, date):
                    self._datetime(r, c, value, fmt(style, self.w.date_format))
                elif math.isfinite(value):
                    pct = kind == "pct" and isinstance(value, float)
                    self._number(r, c, value, fmt(style, "0%" if pct else None))
                elif style:
                    self._blank(r, c, None, fmt(style, None))
                return
        text = self.w.text(value)
        if not text:
            if style:
                self._blank(r, c, None, fmt(style, None))
        elif _raw_xml(text):
            # as a rich string of plain pieces, which XlsxWriter escapes: the text stays as it is
            cell_format = fmt(style, None)
            self.ws.write_rich_string(r, c, text[:1], text[1:2], text[2:], *([cell_format] if cell_format else []))
        else:
            self._string(r, c, text, fmt(style, None))

    def append(self, values: Sequence = (), styles: Sequence = ()) -> None:
        for i, value in enumerate(values):
            self.cell(self.row, i, value, "text", styles[i] if i < len(styles) else None)
        self.row += 1

    def table(self, rows: Sequence[dict], columns: Sequence[Column], styles: Sequence) -> None:
        cell = self.cell
        cols = [(i, c.key, c.kind, style) for i, (c, style) in enumerate(zip(columns, styles))]
        r = self.row
        for row in rows:
            for i, key, kind, style in cols:
                cell(r, i, row.get(key), kind, style)
            r += 1
        self.row = r


def render(doc: Document) -> bytes:
    out = io.BytesIO()
    w = _Writer(out, "dd-mm-yyyy" if get_language() == "da" else "yyyy-mm-dd")
    used: set[str] = set()
    made = 0

    def table(ws: _Sheet, t: Table, style=None) -> None:
        """A further table of a section: below, under its title and its own header."""
        cols = [c for c in t.columns if c.sheet]
        ws.append()
        ws.append([t.title], styles=[TITLE])
        ws.append([c.header for c in cols], styles=[HEAD] * len(cols))
        ws.table(t.rows, cols, [style] * len(cols))

    for section in doc.sections:
        tables = [b for b in section.blocks if isinstance(b, Table)]
        facts = [b for b in section.blocks if isinstance(b, Facts)]
        if not tables and not facts and not section.paragraphs:
            continue
        ws = _Sheet(w, sheet_title(section.title, used))
        made += 1
        if facts and not tables:
            # a summary: the title above a frozen header, then label/value rows
            ws.widths({0: 40, 1: 40})
            ws.ws.freeze_panes(3, 0)
            ws.append([doc.title, doc.subtitle], styles=[TITLE, None])
            ws.append()
            ws.append([_("Item"), _("Value")], styles=[HEAD, HEAD])
            for f in facts:
                for k, v in f.items:
                    ws.append([k, v])
            for p in section.paragraphs:
                ws.append([p])
            continue
        if section.bullets:
            # a list of statements (the counting rules): one wide column, then the tables below
            ws.widths({0: 110, **{i: c.width for i, c in enumerate(tables[0].columns[1:] if tables else (), 1)}})
            ws.ws.freeze_panes(1, 0)
            ws.append([section.title], styles=[HEAD])
            for p in section.paragraphs:
                ws.append([p], styles=[WRAP])
            for t2 in tables:
                table(ws, t2, WRAP)
            continue
        t = tables[0]
        cols = [c for c in t.columns if c.sheet]
        ws.widths({i: c.width for i, c in enumerate(cols)})
        ws.ws.freeze_panes(1, 0)
        ws.append([c.header for c in cols], styles=[HEAD_WRAP] * len(cols))
        if t.rows:
            ws.ws.autofilter(0, 0, len(t.rows), len(cols) - 1)
        ws.table(t.rows, cols, [WRAP if c.kind == "text" and c.width >= 40 else None for c in cols])
        extra_rows = list(section.paragraphs)
        if t.note:
            extra_rows.append(t.note)
        if not t.rows and t.empty:
            extra_rows.insert(0, t.empty)
        if extra_rows:
            ws.append()
            for p in extra_rows:
                ws.append([p])
        for t2 in tables[1:]:
            table(ws, t2)
    if not made:
        _Sheet(w, sheet_title(_("Report"), used))
    w.book.close()
    return out.getvalue()
