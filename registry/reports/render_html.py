"""HTML for reports: one self-contained, print-ready A4 page; inline CSS and SVG, nothing external.

Every value goes through :func:`esc` (``html.escape`` with quotes) — names, board names,
organisation names and findings are user text.
"""

from __future__ import annotations

import html
from datetime import date, datetime
from itertools import groupby
from typing import Any

from registry.i18n import _
from registry.reports.doc import Chart, Column, Document, Facts, Section, Table

MAX_BARS = 60   # a longer chart is no longer read; the table beside it has every row

COLOURS = {"women": "#b3367a", "men": "#2f6d9e", "undisclosed": "#9a9a9a", "other": "#c9c9c9"}

CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm;
        @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #666; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif; font-size: 10pt;
       line-height: 1.4; color: #1d1d1f; margin: 0 auto; max-width: 182mm; padding: 8mm 0; }
header.doc { border-bottom: 3px solid #1f4e79; margin-bottom: 6mm; padding-bottom: 3mm; }
header.doc h1 { font-size: 20pt; margin: 0 0 1mm 0; color: #1f4e79; font-weight: 600; }
header.doc p { margin: 0; color: #555; font-size: 11pt; }
nav.toc { font-size: 9pt; color: #555; margin: 0 0 5mm 0; }
nav.toc ol { margin: 1mm 0 0 0; padding-left: 5mm; columns: 2; }
nav.toc a { color: #1f4e79; text-decoration: none; }
section { margin: 0 0 7mm 0; }
h2 { font-size: 14pt; color: #1f4e79; border-bottom: 1px solid #c8d3df; padding-bottom: 1mm; margin: 6mm 0 3mm 0;
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 5mm 0 1.5mm 0; color: #1d1d1f; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 2mm 0; }
ul.rules { margin: 0 0 3mm 0; padding-left: 5mm; }
ul.rules li { margin-bottom: 1mm; }
table { border-collapse: collapse; table-layout: fixed; width: 100%; margin: 0 0 3mm 0; font-size: 8.5pt; }
thead { display: table-header-group; }
th { text-align: left; background: #eef2f6; color: #1f3b57; font-weight: 600; padding: 1.2mm 1.5mm;
     border-bottom: 1px solid #b8c4d0; vertical-align: bottom; }
td { padding: 1mm 1.5mm; border-bottom: 1px solid #e3e7eb; vertical-align: top; overflow-wrap: break-word; hyphens: auto; }
td.cont { color: transparent; }
th { font-size: 8pt; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; padding-right: 3mm; }
td.num + td:not(.num), th.num + th:not(.num) { padding-left: 3mm; }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.muted { color: #8a8a8a; }
tr.vacant td { color: #8a5a00; font-style: italic; }
tr.deputy td { color: #444; }
tr.sev-error td:first-child { color: #b00020; font-weight: 600; border-left: 3px solid #b00020; }
tr.sev-warning td:first-child { color: #8a5a00; font-weight: 600; border-left: 3px solid #d89b00; }
tr.sev-info td:first-child { color: #2f6d9e; border-left: 3px solid #2f6d9e; }
dl.facts { display: grid; grid-template-columns: repeat(3, 1fr); gap: 2mm 4mm; margin: 0 0 4mm 0; }
dl.facts div { background: #f5f7f9; border-left: 3px solid #1f4e79; padding: 1.5mm 2.5mm; }
dl.facts dt { font-size: 8pt; color: #555; margin: 0; }
dl.facts dd { font-size: 12pt; font-weight: 600; margin: 0; }
figure { margin: 2mm 0 4mm 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 600; font-size: 9.5pt; margin-bottom: 1mm; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font-family: inherit; }
.empty { color: #666; font-style: italic; }
.note { color: #555; font-size: 8.5pt; }
footer.doc { border-top: 1px solid #c8d3df; margin-top: 8mm; padding-top: 2mm; font-size: 8pt; color: #666; }
@media print { body { padding: 0; max-width: none; } section.break { break-before: page; page-break-before: always; } }
"""


def esc(value: Any) -> str:
    return html.escape(text(value), quote=True)


def text(value: Any, kind: str = "text") -> str:
    from registry.display import show_date

    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return show_date(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(text(v) for v in value)
    if kind == "pct" and isinstance(value, (int, float)):
        return f"{round(value * 100)} %"
    return str(value)


def render(doc: Document) -> str:
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(doc.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(doc.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<header class="doc">',
        f"<h1>{esc(doc.title)}</h1>",
        f"<p>{esc(doc.subtitle)}</p>",
        "</header>",
    ]
    if len(doc.sections) > 2:
        parts.append(f'<nav class="toc"><strong>{esc(_("Contents"))}</strong><ol>')
        parts += [f'<li><a href="#{esc(s.id)}">{esc(s.title)}</a></li>' for s in doc.sections]
        parts.append("</ol></nav>")
    for i, s in enumerate(doc.sections):
        parts.append(_section(s))
    if doc.footer or doc.generated:
        foot = doc.footer
        if doc.generated:
            foot = f"{foot} {_('Made on {date}.', date=text(doc.generated))}".strip()
        parts.append(f'<footer class="doc">{esc(foot)}</footer>')
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _section(s: Section) -> str:
    out = [f'<section id="{esc(s.id)}">', f"<h2>{esc(s.title)}</h2>"]
    if s.bullets:
        out.append('<ul class="rules">' + "".join(f"<li>{esc(p)}</li>" for p in s.paragraphs) + "</ul>")
    else:
        out += [f"<p>{esc(p)}</p>" for p in s.paragraphs]
    for b in s.blocks:
        if isinstance(b, Table):
            out.append(_table(b))
        elif isinstance(b, Chart):
            out.append(chart_svg(b))
        elif isinstance(b, Facts):
            out.append(_facts(b))
    out.append("</section>")
    return "\n".join(out)


def _facts(f: Facts) -> str:
    items = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in f.items)
    return f'<dl class="facts">{items}</dl>'


def _table(t: Table) -> str:
    if not t.rows:
        return f'<p class="empty">{esc(t.empty or _("Nothing to show."))}</p>'
    if t.group:
        cols = [c for c in t.columns if c.key != t.group and c.page]
        out = []
        for key, rows in groupby(t.rows, key=lambda r: r.get(t.group)):
            out.append(f"<h3>{esc(key)}</h3>")
            if t.group_notes.get(key):
                out.append(f'<p class="note">{esc(t.group_notes[key])}</p>')
            out.append(_plain_table(cols, list(rows), t.merge))
        if t.note:
            out.append(f'<p class="note">{esc(t.note)}</p>')
        return "\n".join(out)
    body = _plain_table([c for c in t.columns if c.page], t.rows, t.merge)
    return body + (f'\n<p class="note">{esc(t.note)}</p>' if t.note else "")


def _cls(c: Column, value: Any) -> str:
    if c.kind in ("int", "pct"):
        return ' class="num"' if isinstance(value, (int, float)) or value is None else ' class="num muted"'
    if c.kind == "date":
        return ' class="date"'
    return ""


def _weight(c: Column) -> int:
    """A column's share of the page: dates and numbers get what they need, text its width."""
    if c.kind == "date":
        return 16
    if c.kind in ("int", "pct"):
        return max(12, min(len(c.header) + 5, 18))
    return max(c.width, 10)


def _plain_table(cols: list[Column], rows: list[dict], merge: tuple[str, ...] = ()) -> str:
    num = ' class="num"'
    weights = [_weight(c) for c in cols]
    total = sum(weights) or 1
    colgroup = "<colgroup>" + "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in weights) + "</colgroup>"
    head = "".join(f"<th{num if c.kind in ('int', 'pct') else ''}>{esc(c.header)}</th>" for c in cols)
    body = []
    prev: dict | None = None
    for r in rows:
        role = r.get("role")
        rc = f' class="{esc(role)}"' if role in ("vacant", "deputy") else ""
        if r.get("_class"):
            rc = f' class="{esc(r["_class"])}"'
        cells = []
        for c in cols:
            value = r.get(c.key)
            if c.key in merge and prev is not None and prev.get(c.key) == value:
                cells.append('<td class="cont"></td>')      # same seat group as the row above
                continue
            cells.append(f"<td{_cls(c, value)}>{html.escape(text(value, c.kind), quote=True)}</td>")
        prev = r
        body.append(f"<tr{rc}>{''.join(cells)}</tr>")
    return f"<table>{colgroup}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def chart_svg(ch: Chart) -> str:
    """Horizontal stacked bars, 100 % wide each (share of the counted members)."""
    if not ch.bars:
        return ""
    note = ""
    if len(ch.bars) > MAX_BARS:
        note = _("The chart shows the first {n} of {total}; the table lists them all.", n=MAX_BARS, total=len(ch.bars))
        ch = Chart(ch.title, ch.bars[:MAX_BARS], ch.legend, ch.scale)
    label_w, bar_w, text_w, row_h, top = 240, 260, 190, 21, 26
    width = label_w + bar_w + text_w
    height = top + row_h * len(ch.bars) + 8
    out = [f'<figure><figcaption>{esc(ch.title)}</figcaption>',
           f'<svg viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-label="{esc(ch.title)}">']
    x = label_w
    for kind, label in ch.legend:                     # legend
        out.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{COLOURS.get(kind, "#ccc")}"/>'
                   f'<text x="{x + 14}" y="13" font-size="10" fill="#333">{esc(label)}</text>')
        x += 14 + 7 * len(label) + 16
    for g in (0.0, 0.5, 1.0):                        # grid
        gx = label_w + bar_w * g
        out.append(f'<line x1="{gx:.1f}" y1="{top - 4}" x2="{gx:.1f}" y2="{height - 6}" stroke="#d0d6dc" '
                   f'stroke-width="0.6"/>')
    for i, b in enumerate(ch.bars):
        y = top + i * row_h
        label = b.label if len(b.label) <= 40 else b.label[:39] + "…"
        out.append(f'<text x="{label_w - 6}" y="{y + 14}" font-size="10.5" text-anchor="end" fill="#222">'
                   f'<title>{esc(b.label)}</title>{esc(label)}</text>')
        total = b.total or 1
        bx = float(label_w)
        for seg in b.segments:
            w = bar_w * (seg.value / total) if total else 0
            if w <= 0:
                continue
            out.append(f'<rect x="{bx:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 7}" '
                       f'fill="{COLOURS.get(seg.kind, "#ccc")}"><title>{esc(seg.label)}</title></rect>')
            bx += w
        if b.marker is not None and b.marker > 0:
            for share in sorted({min(b.marker, 1), 1 - min(b.marker, 1)}):
                mx = label_w + bar_w * share
                out.append(f'<line x1="{mx:.1f}" y1="{y + 1}" x2="{mx:.1f}" y2="{y + row_h - 2}" stroke="#111" '
                           f'stroke-width="1.5" stroke-dasharray="3 2"/>')
        out.append(f'<text x="{label_w + bar_w + 6}" y="{y + 14}" font-size="10" fill="#333">{esc(b.text)}</text>')
    out.append("</svg>")
    if note:
        out.append(f'<p class="note">{esc(note)}</p>')
    out.append("</figure>")
    return "".join(out)
