"""XLSX for reports (openpyxl, write-only for speed): one sheet per section, frozen header row,
typed cells (dates as dates, counts as numbers), column widths, formula text neutralised (S2)."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from typing import Any

from registry.cli.output import safe_cell
from registry.i18n import _, get_language
from registry.reports.doc import Document, Facts, Table

_BAD = re.compile(r"[\[\]:*?/\\]")


def sheet_title(title: str, used: set[str]) -> str:
    base = _BAD.sub(" ", title).strip()[:31] or "Sheet"
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
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return value
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    text = str(value)
    # strip control characters that XML cannot hold (openpyxl would refuse the cell)
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)
    return safe_cell(text)


def _fast_cell_writer():
    """openpyxl's cell writer for the standard-library XML backend, with a direct path for the
    cells reports are made of (whole numbers and plain text): the same XML text, written as a
    string rather than built as an element and serialised by et_xmlfile (most of the time of a
    big workbook). Every other cell goes through openpyxl's own writer."""
    from xml.etree.ElementTree import _escape_cdata

    from openpyxl.cell._writer import etree_write_cell

    def write_cell(xf, worksheet, cell, styled=None):
        value = cell._value
        kind = type(value)
        out = getattr(xf, "_file", None)
        if out is None or cell.hyperlink or getattr(xf, "_element_stack", None) is None or not xf._element_stack \
                or not ((kind is int and cell.data_type == "n") or (kind is str and cell.data_type == "s")):
            return etree_write_cell(xf, worksheet, cell, styled)
        style = f' s="{cell.style_id}"' if styled else ""
        if kind is int:
            out(f'<c r="{cell.coordinate}"{style} t="n"><v>{"%.16g" % value}</v></c>')
        elif value == "":
            out(f'<c r="{cell.coordinate}"{style} t="inlineStr" />')
        else:
            stripped = value.strip()
            space = ' xml:space="preserve"' if stripped and value != stripped else ""
            out(f'<c r="{cell.coordinate}"{style} t="inlineStr"><is><t{space}>{_escape_cdata(value)}</t></is></c>')

    return write_cell


def render(doc: Document) -> bytes:
    from openpyxl import LXML
    from openpyxl.worksheet import _writer as sheet_writer

    if LXML:
        return _render(doc)
    plain = sheet_writer.write_cell
    sheet_writer.write_cell = _fast_cell_writer()
    try:
        return _render(doc)
    finally:
        sheet_writer.write_cell = plain


def _render(doc: Document) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook(write_only=True)
    date_fmt = "dd-mm-yyyy" if get_language() == "da" else "yyyy-mm-dd"
    bold = Font(bold=True)
    title_font = Font(bold=True, size=13)
    head_fill = PatternFill("solid", fgColor="EEF2F6")
    wrap = Alignment(wrap_text=True, vertical="top")
    used: set[str] = set()
    styled: dict[tuple, Any] = {}

    def cell(ws, value, kind="text", font=None, fill=None, alignment=None):
        value = cell_value(value, kind)
        if font is None and fill is None and alignment is None and not isinstance(value, (date, datetime)) \
                and not (kind == "pct" and isinstance(value, float)):
            # no style: the plain value makes the same cell; openpyxl binds it to one reused cell
            # instead of building a cell here and failing over to it by an exception per value
            return value
        # a styled cell: the first of each style is styled as usual, the rest copy its style
        # array (the same style, without openpyxl looking each font and format up again)
        key = (type(value) if isinstance(value, (date, datetime)) else None,
               kind == "pct" and isinstance(value, float), id(font), id(fill), id(alignment))
        style = styled.get(key)
        if style is not None:
            return Cell(ws, row=1, column=1, value=value, style_array=style)
        c = WriteOnlyCell(ws, value=value)
        if isinstance(c.value, (date, datetime)):
            c.number_format = date_fmt
        elif kind == "pct" and isinstance(c.value, float):
            c.number_format = "0%"
        if font is not None:
            c.font = font
        if fill is not None:
            c.fill = fill
        if alignment is not None:
            c.alignment = alignment
        styled[key] = c._style
        return c

    for section in doc.sections:
        tables = [b for b in section.blocks if isinstance(b, Table)]
        facts = [b for b in section.blocks if isinstance(b, Facts)]
        if not tables and not facts and not section.paragraphs:
            continue
        ws = wb.create_sheet(sheet_title(section.title, used))
        if facts and not tables:
            # a summary: the title above a frozen header, then label/value rows
            ws.column_dimensions["A"].width = 40
            ws.column_dimensions["B"].width = 40
            ws.freeze_panes = "A4"
            ws.append([cell(ws, doc.title, font=title_font), cell(ws, doc.subtitle)])
            ws.append([])
            ws.append([cell(ws, _("Item"), font=bold, fill=head_fill), cell(ws, _("Value"), font=bold, fill=head_fill)])
            for f in facts:
                for k, v in f.items:
                    ws.append([cell(ws, k), cell(ws, v)])
            for p in section.paragraphs:
                ws.append([cell(ws, p)])
            continue
        if section.bullets:
            # a list of statements (the counting rules): one wide column, then the tables below
            ws.column_dimensions["A"].width = 110
            for i, c in enumerate(tables[0].columns[1:] if tables else (), 1):
                ws.column_dimensions[_letter(i)].width = c.width
            ws.freeze_panes = "A2"
            ws.append([cell(ws, section.title, font=bold, fill=head_fill)])
            for p in section.paragraphs:
                ws.append([cell(ws, p, alignment=wrap)])
            for t2 in tables:
                ws.append([])
                ws.append([cell(ws, t2.title, font=title_font)])
                cols2 = [c for c in t2.columns if c.sheet]
                ws.append([cell(ws, c.header, font=bold, fill=head_fill) for c in cols2])
                for r in t2.rows:
                    ws.append([cell(ws, r.get(c.key), c.kind, alignment=wrap) for c in cols2])
            continue
        t = tables[0]
        cols = [c for c in t.columns if c.sheet]
        for i, c in enumerate(cols):
            ws.column_dimensions[_letter(i)].width = c.width
        ws.freeze_panes = "A2"
        ws.append([cell(ws, c.header, font=bold, fill=head_fill, alignment=wrap) for c in cols])
        if t.rows:
            ws.auto_filter.ref = f"A1:{_letter(len(cols) - 1)}{len(t.rows) + 1}"
        long_text = {c.key for c in cols if c.kind == "text" and c.width >= 40}
        for r in t.rows:
            ws.append([cell(ws, r.get(c.key), c.kind, alignment=wrap if c.key in long_text else None) for c in cols])
        extra_rows = list(section.paragraphs)
        if t.note:
            extra_rows.append(t.note)
        if not t.rows and t.empty:
            extra_rows.insert(0, t.empty)
        if extra_rows:
            ws.append([])
            for p in extra_rows:
                ws.append([cell(ws, p)])
        for t2 in tables[1:]:   # further tables of a section: below, with their own header
            ws.append([])
            ws.append([cell(ws, t2.title, font=title_font)])
            cols2 = [c for c in t2.columns if c.sheet]
            ws.append([cell(ws, c.header, font=bold, fill=head_fill) for c in cols2])
            for r in t2.rows:
                ws.append([cell(ws, r.get(c.key), c.kind) for c in cols2])
    if not wb.worksheets:
        wb.create_sheet(_("Report"))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)
