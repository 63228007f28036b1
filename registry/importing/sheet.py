"""Reading a spreadsheet: its rows as values, the header row found below any title rows.

CSV is read as text in the encoding it was saved in (UTF-8 with or without a byte-order mark, else
Windows-1252, what Excel on Danish Windows writes), with the delimiter sniffed (``;`` is common in
Danish Excel exports). XLSX is read with openpyxl: date cells come as dates, a merged range gives
its value to every cell it covers (a board's name merged down its rows), and the first sheet that
has a recognisable header row is used unless a sheet is named.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

from registry.errors import RegistryError
from registry.i18n import _


class SheetError(RegistryError):
    """The file cannot be read as a spreadsheet (exit 2, nothing written)."""

    exit_code = 2


@dataclass
class Sheet:
    """The rows of one sheet: ``header`` is the header row's texts, ``rows`` the data rows as
    (row number as the spreadsheet shows it, values by column)."""

    name: str
    header: list[str]
    header_row: int
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    title_rows: int = 0
    blank_rows: int = 0


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (a byte-order mark dropped), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv_rows(data: bytes) -> list[list[Any]]:
    text = decode(data)
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]


def read_xlsx_sheets(path: Path) -> list[tuple[str, list[list[Any]]]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=True)   # read-only mode cannot see merged ranges
    except Exception as exc:   # zipfile.BadZipFile, KeyError, InvalidFileException …: not a workbook
        raise SheetError(_("{path} is not an XLSX workbook: {problem}", path=str(path), problem=exc)) from None
    out = []
    for ws in book.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        for rng in ws.merged_cells.ranges:
            value = ws.cell(rng.min_row, rng.min_col).value
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if r - 1 < len(rows) and c - 1 < len(rows[r - 1]):
                        rows[r - 1][c - 1] = value
        merged_title = {rng.min_row for rng in ws.merged_cells.ranges if rng.min_row == rng.max_row and rng.max_col > rng.min_col}
        out.append((ws.title, rows, merged_title))
    return out


def find_header(rows: list[list[Any]], is_header: Callable[[list[str]], bool], skip: set[int] = frozenset()) -> int | None:
    """The index of the first row that ``is_header`` accepts (title and blank rows above it)."""
    for i, row in enumerate(rows[:50]):
        if i + 1 in skip:
            continue
        texts = [str(v).strip() if v is not None else "" for v in row]
        if is_header(texts):
            return i
    return None


def read(path: Path, is_header: Callable[[list[str]], bool], sheet: str | None = None) -> Sheet:
    """The data rows of ``path`` under its header row."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise SheetError(_("{path}: file not found", path=str(path)))
    if suffix == ".csv":
        try:
            sheets = [(path.name, read_csv_rows(path.read_bytes()), set())]
        except (OSError, csv.Error) as exc:
            raise SheetError(_("cannot read {path}: {problem}", path=str(path), problem=exc)) from None
    elif suffix in (".xlsx", ".xlsm"):
        sheets = read_xlsx_sheets(path)
    else:
        raise SheetError(_("{path}: unknown file type: use .xlsx or .csv", path=str(path)))
    if sheet is not None:
        named = [s for s in sheets if s[0] == sheet]
        if not named:
            raise SheetError(_("{path} has no sheet {sheet} (it has: {sheets})", path=str(path), sheet=repr(sheet),
                               sheets=", ".join(s[0] for s in sheets)))
        sheets = named
    for name, rows, merged_title in sheets:
        h = find_header(rows, is_header, merged_title)
        if h is None:
            continue
        header = [str(v).strip() if v is not None else "" for v in rows[h]]
        out = Sheet(name, header, h + 1, title_rows=sum(not all(_blank(v) for v in r) for r in rows[:h]))
        for i, row in enumerate(rows[h + 1:], start=h + 2):
            if all(_blank(v) for v in row):
                out.blank_rows += 1
                continue
            out.rows.append((i, list(row) + [None] * (len(header) - len(row))))
        return out
    raise SheetError(_("{path}: no header row found: a row naming at least a board, a name and a start date "
                       "(Bestyrelse, Navn, Fra), or map the columns with --map", path=str(path)))


def cell_text(value: Any) -> str:
    """A cell as text, without the whitespace around it ("" for an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())
