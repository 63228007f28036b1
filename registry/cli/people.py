"""people and person."""

from __future__ import annotations

from typing import Optional

import typer

from registry.cli.app import MAX_ROWS, app, state
from registry.cli.output import Format, _console, emit, print_json, show_date
from registry.i18n import _


@app.command()
def people(
    search: Optional[str] = typer.Option(None, "--search", help="Name or id contains this."),
    limit: int = typer.Option(200, "--limit", min=1, max=MAX_ROWS, help="At most this many."),
    offset: int = typer.Option(0, "--offset", min=0, max=MAX_ROWS, help="Skip this many (paging)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
) -> None:
    """People in the registry."""
    from registry import service

    rows = service.people(state().context(), search, limit, offset)
    emit(rows, fmt, [("id", "Id"), ("name", _("Name")), ("sex", _("Sex")), ("party", _("Party")),
                     ("municipality", _("Municipality"))], title=_("People"))


@app.command()
def person(
    person_id: str = typer.Argument(..., metavar="ID", help="The person's id."),
    export: bool = typer.Option(False, "--export", help="Everything held about the person (data-subject access), as JSON."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
) -> None:
    """One person's offices and seats across all boards, past and present."""
    from rich.text import Text

    from registry import service

    ctx = state().context()
    if export:
        from registry.service import person_export

        print_json(person_export(ctx, person_id))
        return
    data = service.person(ctx, person_id)
    if fmt == Format.json:
        print_json(data)
        return
    if fmt == Format.csv:
        emit(data["seats"], fmt, [(k, k) for k in ("appointment", "board", "board_name", "seat", "role", "start",
                                                    "end", "ended", "ended_reason")])
        return
    console = _console()
    console.print(Text(data["name"], style="bold"))
    console.print(Text(", ".join(x for x in (data["party"], data["municipality"], _(data["sex"])) if x), style="dim"))
    for o in data["offices"]:
        console.print(Text(f"  {o['office']} — {o['body']}  {show_date(o['start'])} – {show_date(o['end'])}", style="dim"))
    emit(data["seats"], Format.table, [("board_name", _("Board")), ("seat", _("Seat")), ("role", _("Role")),
                                       ("start", _("Start")), ("end", _("End")), ("ended", _("Ended"))],
         title=_("Seats"))
