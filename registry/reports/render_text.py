"""Markdown and CSV for reports.

Markdown escapes the characters that would change the meaning of a table cell or start markup
(``|``, ``*``, ``_``, backticks, brackets, ``<``, ``>``), so a name like ``<script>`` stays
text in any Markdown-to-HTML converter. CSV writes one table (the report's main list) and
neutralises formula text (S2).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from itertools import groupby
from typing import Any

from registry.display import safe_cell
from registry.i18n import _
from registry.reports.doc import Chart, Document, Facts, Table
from registry.reports.render_html import text

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|<>~])")


def md_escape(value: Any, kind: str = "text") -> str:
    s = text(value, kind).replace("\r", " ").replace("\n", " ")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    s = re.sub(r"&(?=#?\w+;)", "&amp;", s)      # only what a converter would read as an entity
    if s.startswith(("-", "=", "#", "+")):
        s = "\\" + s
    return s


def render_md(doc: Document) -> str:
    out = [f"# {md_escape(doc.title)}", "", md_escape(doc.subtitle), ""]
    for s in doc.sections:
        out += [f"## {md_escape(s.title)}", ""]
        bullet = s.bullets
        for p in s.paragraphs:
            out += [("- " if bullet else "") + md_escape(p)]
            if not bullet:
                out.append("")
        if bullet and s.paragraphs:
            out.append("")
        for b in s.blocks:
            if isinstance(b, Facts):
                out += [f"| {md_escape(_('Item'))} | {md_escape(_('Value'))} |", "|---|---:|"]
                out += [f"| {md_escape(k)} | {md_escape(v)} |" for k, v in b.items]
                out.append("")
            elif isinstance(b, Chart):
                out += [f"**{md_escape(b.title)}**", ""]
                out += [f"- {md_escape(bar.label)}: {md_escape(bar.text)}" for bar in b.bars]
                out.append("")
            elif isinstance(b, Table):
                out += _md_table(b)
    if doc.footer:
        out += ["---", "", md_escape(doc.footer), ""]
    return "\n".join(out)


def _md_table(t: Table) -> list[str]:
    if not t.rows:
        return [f"*{md_escape(t.empty or _('Nothing to show.'))}*", ""]
    out: list[str] = []
    if t.group:
        cols = [c for c in t.columns if c.key != t.group and c.page]
        for key, rows in groupby(t.rows, key=lambda r: r.get(t.group)):
            out += [f"### {md_escape(key)}", ""]
            if t.group_notes.get(key):
                out += [md_escape(t.group_notes[key]), ""]
            out += _md_rows(cols, list(rows))
    else:
        out += _md_rows([c for c in t.columns if c.page], t.rows)
    if t.note:
        out += [md_escape(t.note), ""]
    return out


def _md_rows(cols, rows) -> list[str]:
    head = "| " + " | ".join(md_escape(c.header) for c in cols) + " |"
    rule = "|" + "|".join("---:" if c.kind in ("int", "pct") else "---" for c in cols) + "|"
    body = ["| " + " | ".join(md_escape(r.get(c.key), c.kind) for c in cols) + " |" for r in rows]
    return [head, rule, *body, ""]


def csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return safe_cell("; ".join(str(v) for v in value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return safe_cell(str(value))


def render_csv(table: Table) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    cols = [c for c in table.columns if c.sheet]
    w.writerow([csv_value(c.header) for c in cols])
    for r in table.rows:
        w.writerow([csv_value(r.get(c.key)) for c in cols])
    return buf.getvalue()
