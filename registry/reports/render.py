"""Format dispatch: one report (its data and its document) in one format. Every face that writes a
report (the CLI's ``report`` commands, the UI's Reports screen) calls this; none imports another."""

from __future__ import annotations


def render(data, doc, fmt: str, main_table: str) -> bytes | str:
    """One report in one format: json (the data), html, xlsx, md, or csv (the main table)."""
    if fmt == "json":
        import json

        return json.dumps(_jsonable(data), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        from registry.reports.render_html import render as html

        return html(doc)
    if fmt == "xlsx":
        from registry.reports.render_xlsx import render as xlsx

        return xlsx(doc)
    if fmt == "md":
        from registry.reports.render_text import render_md

        return render_md(doc)
    from registry.reports.render_text import render_csv

    return render_csv(doc.table(main_table))


def _jsonable(value):
    from registry.display import to_jsonable
    from registry.reports import Suppressed

    if isinstance(value, Suppressed):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return to_jsonable(value)
