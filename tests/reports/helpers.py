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
        widths = {k: d.width for k, d in sorted(ws.column_dimensions.items()) if d.width}
        out[ws.title] = {"freeze": ws.freeze_panes, "widths": widths, "rows": rows}
    return json.dumps(out, ensure_ascii=False, indent=1) + "\n"
