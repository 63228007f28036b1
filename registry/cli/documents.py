"""minutes, agenda, letters (requests and follow-ups): the documents of an appointment round, as DOCX, Markdown or HTML.

The content comes from :mod:`registry.documents.build`; this module only parses options and
writes files through :mod:`registry.outfile` (atomically; a bad option is a usage error, exit 2,
and nothing is written).
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from registry.cli.app import app, parse_day, state, today
from registry.cli.output import check_output, err
from registry.i18n import _

FORMAT_HELP = "docx, md or html (default: from the file's suffix)."
DIR_FORMAT_HELP = "docx, md or html (default docx)."


def _format(fmt: Optional[str], output: Optional[Path], default: str | None = None) -> str:
    from registry.documents.render import FORMATS

    value = (fmt or (output.suffix.lstrip(".") if output is not None else "") or default or "").lower()
    if value == "htm":
        value = "html"
    if value not in FORMATS:
        if fmt is None:
            raise typer.BadParameter(_("Cannot tell the format from {file}; give --format {formats}.",
                                       file=output.name if output else "-", formats="|".join(FORMATS)), param_hint="--format")
        raise typer.BadParameter(_("{value} is not a document format; use one of {formats}.", value=fmt,
                                   formats=", ".join(FORMATS)), param_hint="--format")
    return value


def _stamp() -> datetime:
    """The documents' creation time: today at midnight when UDPEG_TODAY fixes it (reproducible files)."""
    import os

    if os.environ.get("UDPEG_TODAY"):
        d = today()
        return datetime(d.year, d.month, d.day)
    return datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)


@contextmanager
def _kkr_language():
    """The documents are the KKR's: Danish, unless --lang (or UDPEG_LANG) asks for English. The
    messages around them stay in the interface language."""
    from registry.i18n import get_language, set_language

    st = state()
    before = get_language()
    set_language(st.lang if st.lang_given else "da")
    try:
        yield
    finally:
        set_language(before)


def _write(doc, fmt: str, path: Path) -> None:
    from registry import outfile
    from registry.documents.render import render

    with _kkr_language():
        data = render(doc, fmt, _stamp())
    outfile.write(path, data)
    err(_("Wrote {path}.", path=str(path)))


def _folder(output: Path) -> Path:
    if output.exists() and not output.is_dir():
        raise typer.BadParameter(_("{path} is a file; -o wants a folder for these documents.", path=str(output)),
                                 param_hint="-o")
    if not output.exists():
        if not output.parent.exists():
            raise typer.BadParameter(_("The folder {path} does not exist.", path=str(output.parent)), param_hint="-o")
    return output


def _write_all(docs, fmt: str, output: Path) -> None:
    if not docs:
        err(_("No documents to write."))
        return
    output.mkdir(exist_ok=True)
    for doc in docs:
        _write(doc, fmt, output / f"{doc.name}.{fmt}")


@app.command("minutes")
def minutes(
    meeting: str = typer.Option(..., "--meeting", help="The meeting id (e.g. kkr-2022-03-25)."),
    item: Optional[str] = typer.Option(None, "--item", help="The agenda item the decisions are recorded under (e.g. 3.1; default: every decision of the meeting)."),
    output: Path = typer.Option(..., "-o", "--output", help="The file to write."),
    fmt: Optional[str] = typer.Option(None, "--format", help=FORMAT_HELP),
) -> None:
    """The decision text (Beslutning) for the minutes: who was appointed under the item, by seat group."""
    from registry.documents import build

    fmt_ = _format(fmt, output)
    check_output(output)
    with _kkr_language():
        doc = build.decision(state().context(), meeting, item)
    _write(doc, fmt_, output)


@app.command("agenda")
def agenda(
    meeting: str = typer.Option(..., "--meeting", help="The meeting the item is for (e.g. kkr-2026-03-27)."),
    item: Optional[str] = typer.Option(None, "--item", help="The item's number on the agenda (e.g. 4.1)."),
    output: Path = typer.Option(..., "-o", "--output", help="The file to write (the agenda item)."),
    board: Optional[str] = typer.Option(None, "--board", help="The board id (default: from the appointments recorded with the item)."),
    round_: Optional[str] = typer.Option(None, "--round", help="The term start the appointments are for (default: as --board)."),
    annex: Optional[Path] = typer.Option(None, "--annex", help="Also write the confidential annex (candidates) to this file."),
    case: Optional[str] = typer.Option(None, "--case", help="The case number (default: the board's recorded case)."),
    seat: Optional[List[str]] = typer.Option(None, "--seat", help="Only these seat groups (default: the nominated ones); repeat."),
    fmt: Optional[str] = typer.Option(None, "--format", help=FORMAT_HELP + " The annex is written in the same format."),
) -> None:
    """An agenda item draft (dagsordenspunkt) for a round; candidates only in the confidential annex.

    For an item whose decisions are recorded, --meeting and --item are enough; otherwise name the
    board and the round.
    """
    from registry.documents import build

    fmt_ = _format(fmt, output)
    check_output(output)
    if annex is not None:
        check_output(annex)
        if annex.resolve() == output.resolve():
            raise typer.BadParameter(_("The annex must go to a file of its own."), param_hint="--annex")
    day = parse_day(round_, "--round")
    ctx = state().context()
    if board is None or day is None:
        if item is None:
            raise typer.BadParameter(_("Give --item, or --board and --round."), param_hint="--item")
        found_board, found_round = build.agenda_target(ctx, meeting, item)
        board, day = board or found_board, day or found_round
    with _kkr_language():
        item_doc, annex_doc = build.agenda(ctx, meeting, board, day, item=item, case=case, seats=seat or None)
    _write(item_doc, fmt_, output)
    if annex is not None:
        _write(annex_doc, fmt_, annex)


class Kind(str, Enum):
    request = "request"
    follow_up = "follow-up"


@app.command("letters")
def letters(
    board: str = typer.Option(..., "--board", help="The board id."),
    round_: str = typer.Option(..., "--round", help="The term start the nominations are for."),
    output: Path = typer.Option(..., "-o", "--output", help="The folder to write to (one file per organisation or nomination)."),
    kind: Kind = typer.Option(Kind.request, "--kind", help="request: to each entitled organisation; follow-up: to each "
                              "nomination that fails § 10 a or the joint rule."),
    org: Optional[str] = typer.Option(None, "--org", help="Only to this organisation."),
    seat: Optional[List[str]] = typer.Option(None, "--seat", help="Requests: only these seat groups (default: every nominated one); repeat."),
    deadline: Optional[str] = typer.Option(None, "--deadline", help="Requests: the deadline to give (default: as recorded on the nominations)."),
    by: Optional[str] = typer.Option(None, "--by", help="Follow-ups: the date to supplement by (default: 14 days from today)."),
    fmt: Optional[str] = typer.Option(None, "--format", help=DIR_FORMAT_HELP),
) -> None:
    """Requests for nominations (anmodning om indstilling), or follow-ups on nominations, to the entitled organisations."""
    from registry.documents import build

    fmt_ = _format(fmt, None, "docx")
    _folder(output)
    day = parse_day(round_, "--round")
    due = parse_day(deadline, "--deadline")
    when = parse_day(by, "--by")
    ctx = state().context()
    if kind == Kind.request:
        with _kkr_language():
            docs = build.letters(ctx, board, day, seats=seat or None, deadline=due, today=today(), org=org)
    else:
        with _kkr_language():
            docs = build.followups(ctx, board, day, by=when, today=today(), org=org)
    _write_all(docs, fmt_, output)
