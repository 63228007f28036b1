"""The format-independent shape of a report: sections of paragraphs, tables and bar charts.

A :class:`Table` is flat (one row per fact, typed values); ``group`` names a column that the
HTML and Markdown renderers use to split it into one sub-table per value (one per board), while
XLSX and CSV keep it flat so that it can be filtered and sorted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Sequence

#: column kinds: text, int (a count, may be Suppressed), date, pct (0..1 float), list (of text)
KINDS = ("text", "int", "date", "pct", "list")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"
    width: int = 14            # spreadsheet width in characters
    page: bool = True          # shown in HTML/Markdown (False: only in XLSX/CSV, e.g. a role the layout shows)
    sheet: bool = True         # shown in XLSX/CSV (False: only on the page, e.g. a period as one text)


@dataclass
class Table:
    id: str                    # sheet name / CSV name (short, no special characters)
    title: str
    columns: Sequence[Column]
    rows: list[dict[str, Any]]
    group: str | None = None   # split by this column in HTML/Markdown (kept as a column in XLSX/CSV)
    empty: str = ""            # said when there are no rows
    merge: tuple[str, ...] = ()   # HTML: leave a cell blank when it repeats the row above
    group_notes: dict[str, str] = field(default_factory=dict)   # a line under each group's heading
    note: str = ""


@dataclass(frozen=True)
class Segment:
    value: float
    kind: str                  # women | men | undisclosed | other
    label: str                 # shown in the legend / tooltip


@dataclass
class Bar:
    label: str
    segments: Sequence[Segment]
    total: float
    text: str = ""             # printed after the bar ("4 of 11 women", "fewer than 3 women")
    marker: float | None = None    # a share (0..1) drawn as a line: the requirement


@dataclass
class Chart:
    title: str
    bars: list[Bar]
    legend: Sequence[tuple[str, str]] = ()   # (kind, label)
    scale: str = "share"       # share: each bar is 100 %; absolute: bars to a common maximum


@dataclass
class Section:
    id: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    blocks: list[Any] = field(default_factory=list)    # Table | Chart | Facts
    bullets: bool = False      # the paragraphs are a list (the counting rules); XLSX gives them a column


@dataclass
class Facts:
    """Label/value pairs (a summary box)."""

    items: list[tuple[str, Any]]


@dataclass
class Document:
    title: str
    subtitle: str
    generated: date | None
    sections: list[Section]
    lang: str = "en"
    footer: str = ""

    def tables(self) -> list[Table]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]

    def table(self, id: str) -> Table:
        return next(t for t in self.tables() if t.id == id)
