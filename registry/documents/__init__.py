"""The documents of an appointment round: requests for nominations, follow-ups, the agenda item
and the decision text for the minutes.

Built in two steps, like the reports: :mod:`registry.documents.build` reads the registry through
:mod:`registry.service` and :mod:`registry.snapshot` (and the rules' findings and the planner) and
returns a plain :class:`Doc` — headings, paragraphs, tables; :mod:`registry.documents.render`
turns a :class:`Doc` into Markdown, HTML or DOCX. Builders never format, renderers never query.

Confidentiality: candidate names, their details and special-reasons texts are only ever put into
a document marked ``confidential`` (the agenda's fortroligt bilag); every other document holds
organisations, seats, counts and verdicts only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Union

__all__ = ["Heading", "Para", "Table", "Doc", "Block", "short_date", "long_date"]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1          # 1: the document's title, 2: a section (Baggrund …), 3: a sub-section


@dataclass(frozen=True)
class Para:
    text: str
    #: "" plain; "bullet" an item of a list; "flag" a point to check (a doubtful date …);
    #: "meta" a line of the header (case number, addressee, date); "strong" a group label
    style: str = ""


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Union[Heading, Para, Table]


@dataclass
class Doc:
    title: str
    blocks: list[Block] = field(default_factory=list)
    lang: str = "da"
    confidential: bool = False
    name: str = ""           # a file name stem for documents written to a folder

    def h(self, text: str, level: int = 2) -> None:
        self.blocks.append(Heading(text, level))

    def p(self, text: str, style: str = "") -> None:
        self.blocks.append(Para(text, style))

    def bullets(self, items) -> None:
        self.blocks.extend(Para(t, "bullet") for t in items)

    def table(self, headers, rows) -> None:
        self.blocks.append(Table(tuple(headers), tuple(tuple(r) for r in rows)))

    def text(self) -> str:
        """Every string of the document, for searching (tests, checks)."""
        parts = [self.title]
        for b in self.blocks:
            if isinstance(b, Table):
                parts += [*b.headers, *(c for r in b.rows for c in r)]
            else:
                parts.append(b.text)
        return "\n".join(parts)


_MONTHS = {
    "da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
           "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}


def short_date(d: date | None) -> str:
    """dd-mm-yyyy (the KKR documents' short form, in both languages)."""
    return f"{d.day:02d}-{d.month:02d}-{d.year:04d}" if d is not None else "…"


def long_date(d: date | None, lang: str = "da") -> str:
    """"25. marts 2022" in Danish (as the minutes write it), "25 March 2022" in English."""
    if d is None:
        return "…"
    month = _MONTHS.get(lang, _MONTHS["en"])[d.month - 1]
    return f"{d.day}. {month} {d.year}" if lang == "da" else f"{d.day} {month} {d.year}"
