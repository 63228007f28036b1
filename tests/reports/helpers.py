"""Golden-file helpers for report tests: compare, or rewrite with UDPEG_UPDATE_GOLDEN=1."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
FIXED_TODAY = {"UDPEG_TODAY": "2026-04-01"}


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UDPEG_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8", newline="")
        return
    assert path.exists(), f"no golden file {path.name}; run with UDPEG_UPDATE_GOLDEN=1 to create it"
    expected = read_text(path)
    assert text == expected, f"{name} differs from its golden file; if the change is intended, " \
                             f"regenerate with UDPEG_UPDATE_GOLDEN=1 and review the diff"


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def column_widths(ws) -> dict[str, float]:
    """Each column's width as set, by letter: a <col> element may span columns (XlsxWriter joins
    neighbours of one width), and XlsxWriter stores a width of N characters as Excel does, with
    the cell padding (40 -> 40.7109375); given back as N, to two decimals."""
    from openpyxl.utils import get_column_letter

    out = {}
    for d in ws.column_dimensions.values():
        if d.width and d.customWidth:
            for i in range(d.min, d.max + 1):
                out[get_column_letter(i)] = round(d.width - 5 / 7, 2) if d.width > 1 else d.width
    return dict(sorted(out.items(), key=lambda kv: (len(kv[0]), kv[0])))


def xlsx_dump(path: Path) -> str:
    """A workbook as text: sheets, frozen panes, widths, and every cell with its type."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            cells = []
            for c in row:
                v = c.value
                if isinstance(v, (date, datetime)):
                    v = {"date": v.date().isoformat() if isinstance(v, datetime) else v.isoformat(),
                         "format": c.number_format}
                cells.append(v)
            while cells and cells[-1] is None:
                cells.pop()
            rows.append(cells)
        widths = column_widths(ws)
        out[ws.title] = {"freeze": ws.freeze_panes, "widths": widths, "rows": rows}
    return json.dumps(out, ensure_ascii=False, indent=1) + "\n"
