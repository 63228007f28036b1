"""A vacancy list a council group can circulate: open seats, and seats falling vacant."""

from __future__ import annotations

from datetime import date

from registry import service
from registry.i18n import _, get_language
from registry.reports.annual import _fmt
from registry.reports.common import load_names
from registry.reports.doc import Column, Document, Facts, Section, Table


def build(ctx, on: date, within: int | None = None, group: str | None = None,
          board: str | None = None) -> tuple[dict, Document]:
    names = load_names(ctx)
    if group is not None and group not in names.council_groups:
        known = ", ".join(sorted(names.council_groups)) or "-"
        raise service.NotFound(_("There is no council group with id {id} (known: {known}).", id=group, known=known))
    rows = service.vacancies(ctx, on, within, group, board)
    out = [{"board": r["board"], "board_name": r["board_name"], "seat": r["seat"], "seat_name": r["seat_name"],
            "open": r["open"], "from": r["from"], "term_end": r["term_end"], "council_group": r["council_group"],
            "council_group_name": r["council_group_name"] or ""} for r in rows]
    data = {"report": "vacancies", "registry": names.registry, "on": on, "within": within, "group": group,
            "group_name": names.group(group) if group else None, "vacancies": out}
    return data, document(data)


def document(data: dict) -> Document:
    who = data["group_name"] or _("all council groups")
    paragraphs = [_("Open seats on {date}.", date=_fmt(data["on"]))]
    if data["within"]:
        paragraphs = [_("Open seats on {date}, and seats falling vacant within {days} days.", date=_fmt(data["on"]),
                        days=data["within"])]
    facts = Facts([(_("Council group"), who), (_("Date"), data["on"]),
                   (_("Seats"), sum(r["open"] for r in data["vacancies"]))])
    table = Table("vacancies", _("Vacancies"), [
        Column("board_name", _("Board"), width=40), Column("seat_name", _("Seat group"), width=32),
        Column("open", _("Open"), "int", 8), Column("from", _("From"), "date", 12),
        Column("term_end", _("Term end"), "date", 12), Column("council_group_name", _("Council group"), width=20)],
        data["vacancies"], empty=_("No open seats."))
    return Document(_("Vacancies — {who}", who=who), data["registry"] or "Udpeg", None,
                    [Section("vacancies", _("Vacancies"), paragraphs=paragraphs, blocks=[facts, table])],
                    lang=get_language(), footer=_("Made with Udpeg."))
