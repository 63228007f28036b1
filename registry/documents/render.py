"""Renderers for :class:`~registry.documents.Doc`: Markdown, HTML and DOCX. They only format.

HTML: every string goes through :func:`registry.reports.render_html.esc` (``html.escape`` with
quotes); the page is self-contained (inline CSS, no script). DOCX: built with python-docx from its
default template (a plain ``.docx``: no macros, fields, links or embedded objects), text stripped
of the control characters XML cannot hold.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone

from registry.documents import Doc, Heading, Para, Table
from registry.i18n import _
from registry.reports.render_html import esc

FORMATS = ("md", "html", "docx")

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _md(text: str) -> str:
    """Markdown-escape user text (no emphasis, links, HTML or tables sneak in)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_md(doc: Doc) -> str:
    out: list[str] = []
    prev = None
    for b in doc.blocks:
        if isinstance(b, Heading):
            out += ["", "#" * min(b.level, 6) + " " + _md(b.text), ""]
        elif isinstance(b, Table):
            out += ["", "| " + " | ".join(_md(h) for h in b.headers) + " |",
                    "|" + "|".join("---" for _h in b.headers) + "|"]
            out += ["| " + " | ".join(_md(c) for c in r) + " |" for r in b.rows]
            out.append("")
        elif b.style == "bullet":
            if not (isinstance(prev, Para) and prev.style == "bullet"):
                out.append("")
            out.append("- " + _md(b.text))
        elif b.style == "flag":
            out += ["", "> **" + _md(_("Note:")) + "** " + _md(b.text), ""]
        elif b.style == "meta":
            out += [_md(b.text) + "  "]
        elif b.style == "strong":
            out += ["", "**" + _md(b.text) + "**"]
        else:
            out += ["", _md(b.text), ""]
        prev = b
    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text + "\n"


CSS = """
@page { size: A4; margin: 20mm 18mm; }
body { font-family: Georgia, "Times New Roman", "Liberation Serif", serif; font-size: 11pt; line-height: 1.45;
       color: #1d1d1f; max-width: 170mm; margin: 0 auto; padding: 10mm 0; }
h1 { font-size: 16pt; margin: 4mm 0 3mm 0; } h2 { font-size: 13pt; margin: 6mm 0 2mm 0; }
h3 { font-size: 11.5pt; margin: 5mm 0 1.5mm 0; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; font-family: Arial, "Liberation Sans", sans-serif; }
p { margin: 0 0 2.5mm 0; } p.meta { margin: 0; color: #444; } p.strong { font-weight: bold; margin: 3mm 0 1mm 0; }
p.flag { border-left: 3px solid #b00020; background: #fff4f4; padding: 1.5mm 3mm; }
ul { margin: 0 0 3mm 0; padding-left: 6mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 4mm 0; font-size: 10pt; }
th, td { border: 1px solid #b8c4d0; padding: 1mm 2mm; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
tr { break-inside: avoid; page-break-inside: avoid; }
.confidential { color: #b00020; font-weight: bold; letter-spacing: 0.05em; }
"""


def render_html(doc: Doc) -> str:
    out = ["<!DOCTYPE html>", f'<html lang="{esc(doc.lang)}">', "<head>", '<meta charset="utf-8">',
           f"<title>{esc(doc.title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>"]
    if doc.confidential:
        out.append(f'<p class="confidential">{esc(_("CONFIDENTIAL"))}</p>')
    in_list = False
    for b in doc.blocks:
        bullet = isinstance(b, Para) and b.style == "bullet"
        if in_list and not bullet:
            out.append("</ul>")
            in_list = False
        if isinstance(b, Heading):
            level = min(max(b.level, 1), 6)
            out.append(f"<h{level}>{esc(b.text)}</h{level}>")
        elif isinstance(b, Table):
            out.append("<table><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in b.headers) + "</tr></thead><tbody>")
            out += ["<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in b.rows]
            out.append("</tbody></table>")
        elif bullet:
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{esc(b.text)}</li>")
        elif b.style == "flag":
            out.append(f'<p class="flag"><strong>{esc(_("Note:"))}</strong> {esc(b.text)}</p>')
        else:
            cls = f' class="{b.style}"' if b.style in ("meta", "strong") else ""
            out.append(f"<p{cls}>{esc(b.text)}</p>")
    if in_list:
        out.append("</ul>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _x(text: str) -> str:
    return _XML_BAD.sub("", text)


def render_docx(doc: Doc, stamp: datetime | None = None) -> bytes:
    """A Word document: headings as Word's heading styles, tables in a grid, flags in bold red.

    ``stamp`` fixes the document's created/modified time (reproducible files for tests)."""
    from docx import Document
    from docx.shared import Pt, RGBColor

    d = Document()
    props = d.core_properties
    props.title = _x(doc.title)
    props.author = "Udpeg"
    props.last_modified_by = "Udpeg"
    props.language = doc.lang
    when = stamp or datetime.now(timezone.utc).replace(microsecond=0)
    props.created = props.modified = when.replace(tzinfo=None)
    props.revision = 1
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    if doc.confidential:
        run = d.add_paragraph().add_run(_x(_("CONFIDENTIAL")))
        run.bold = True
        run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
    for b in doc.blocks:
        if isinstance(b, Heading):
            d.add_heading(_x(b.text), level=min(max(b.level, 1), 4))
        elif isinstance(b, Table):
            t = d.add_table(rows=1, cols=len(b.headers))
            t.style = "Table Grid"
            for cell, text in zip(t.rows[0].cells, b.headers):
                cell.text = ""
                cell.paragraphs[0].add_run(_x(text)).bold = True
            for r in b.rows:
                cells = t.add_row().cells
                for cell, text in zip(cells, r):
                    cell.text = _x(text)
            d.add_paragraph()
        elif b.style == "bullet":
            d.add_paragraph(_x(b.text), style="List Bullet")
        elif b.style == "flag":
            p = d.add_paragraph()
            note = p.add_run(_x(_("Note:")) + " ")
            note.bold = True
            run = p.add_run(_x(b.text))
            for r in (note, run):
                r.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
        elif b.style == "strong":
            d.add_paragraph().add_run(_x(b.text)).bold = True
        elif b.style == "meta":
            p = d.add_paragraph()
            p.paragraph_format.space_after = Pt(0)
            p.add_run(_x(b.text)).font.color.rgb = RGBColor(0x44, 0x44, 0x44)
        else:
            d.add_paragraph(_x(b.text))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def render(doc: Doc, fmt: str, stamp: datetime | None = None) -> bytes | str:
    if fmt == "md":
        return render_md(doc)
    if fmt == "html":
        return render_html(doc)
    if fmt == "docx":
        return render_docx(doc, stamp)
    raise ValueError(fmt)


def docx_dump(data: bytes) -> str:
    """A DOCX as text (styles, runs, tables) — for golden files and checks."""
    from docx import Document

    d = Document(io.BytesIO(data))
    lines = [f"title: {d.core_properties.title}"]
    body = d.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            from docx.text.paragraph import Paragraph

            p = Paragraph(child, d)
            if p.text:
                bold = "*" if any(r.bold for r in p.runs) else ""
                lines.append(f"[{p.style.name}]{bold} {p.text}")
        elif tag == "tbl":
            from docx.table import Table as DTable

            t = DTable(child, d)
            lines.append(f"[table {t.style.name if t.style else ''}]")
            lines += ["  | " + " | ".join(c.text for c in row.cells) + " |" for row in t.rows]
    return "\n".join(lines) + "\n"
