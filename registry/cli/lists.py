"""vacancies and allocate: lists for council groups and the d'Hondt allocation."""

from __future__ import annotations

from typing import List, Optional

import typer

from registry.cli.app import MAX_DAYS, MAX_SEATS, app, on_or_today, state
from registry.cli.output import Format, _console, emit, print_json
from registry.i18n import _, _n

VACANCY_KEYS = ("board", "seat", "seat_name", "open", "from", "council_group", "term_end")


@app.command()
def vacancies(
    on: Optional[str] = typer.Option(None, "--on", help="The date to look at (default today)."),
    within: Optional[int] = typer.Option(None, "--within", min=0, max=MAX_DAYS, help="Also seats that fall vacant within this many days."),
    group: Optional[str] = typer.Option(None, "--group", help="Only seats allotted to this council group."),
    board: Optional[str] = typer.Option(None, "--board", help="Only this board."),
    municipality: Optional[str] = typer.Option(None, "--municipality", help="Only boards in this municipality's KKR or seats it held."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
) -> None:
    """Open seats, with the council group each is allotted to."""
    from registry import service

    rows = service.vacancies(state().context(), on_or_today(on), within, group, board, municipality)
    emit(rows, fmt, [("board_name", _("Board")), ("seat_name", _("Seat")), ("open", _("Open")),
                     ("from", _("From")), ("council_group_name", _("Council group")), ("term_end", _("Term end"))],
         title=_("Vacancies"),
         json_value=[{k: r[k] for k in (*VACANCY_KEYS, "board_name", "council_group_name")} for r in rows])


@app.command()
def allocate(
    groups: List[str] = typer.Argument(..., metavar="NAME=SIZE...", help="Council groups and their sizes, e.g. blaa=13 roed=9."),
    seats: int = typer.Option(..., "--seats", min=0, max=MAX_SEATS, help="How many seats to share."),
    fmt: Format = typer.Option(Format.table, "--format", help="table or json."),
) -> None:
    """d'Hondt allocation over the named groups' sizes, with quotients, ties and picking order.

    A tie is decided by a drawn lot, never by the order of the groups. In JSON, "seats" counts
    only the seats won for certain; "lot" ({"seats": N, "groups": [...]}, or null) holds the
    seats left to the lot, and their turns in "picking_order" are null.
    """
    from rich.text import Text

    from registry.allocation import dhondt

    sizes: dict[str, int] = {}
    for g in groups:
        name, sep, size = g.partition("=")
        if not sep or not name or not (size.strip().isdecimal() and size.strip().isascii() and len(size.strip()) <= 6):
            raise typer.BadParameter(_("{value}: write NAME=SIZE, e.g. blaa=13 (a size of at most 999999).", value=g), param_hint="NAME=SIZE")
        if name in sizes:
            raise typer.BadParameter(_("{value}: the group {name} is named twice.", value=g, name=name), param_hint="NAME=SIZE")
        sizes[name] = int(size)
    try:
        result = dhondt(seats, sizes)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--seats") from None
    data = {"seats": result.seats,
            "quotients": [{"group": q.group, "divisor": q.divisor, "value": float(q.value)} for q in result.quotients],
            "ties": result.ties, "picking_order": result.picking_order,
            "lot": ({"seats": result.lot.seats, "groups": list(result.lot.groups)} if result.lot else None)}
    if fmt == Format.json:
        print_json(data)
        return
    console = _console()
    rows = [{"group": g, "seats": n} for g, n in result.seats.items()]
    if result.lot:
        rows.append({"group": _("drawn by lot between {groups}", groups=", ".join(result.lot.groups)),
                     "seats": result.lot.seats})
    emit(rows, Format.table, [("group", _("Group")), ("seats", _("Seats"))],
         title=_n("d'Hondt allocation of {n} seat", "d'Hondt allocation of {n} seats", seats, n=seats))
    order = [g if g is not None else _("drawn by lot") for g in result.picking_order]
    console.print(Text(_("Picking order: {order}", order=", ".join(order) or "-")))
    if result.lot:
        console.print(Text(_lot_sentence(result.lot.seats, result.lot.groups), style="yellow"))


def _lot_sentence(seats: int, groups) -> str:
    names = ", ".join(groups)
    return _n("{n} seat is drawn by lot between {groups}: it is not won until the lot is drawn.",
              "{n} seats are drawn by lot between {groups}: they are not won until the lot is drawn.",
              seats, n=seats, groups=names)
