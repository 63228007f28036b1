"""report annual | gender | vacancies, and calendar: reports written to a file.

Every report is written through :mod:`registry.outfile` (a temporary file renamed over the
target, a link's target written, a pipe written in place), so a reader never finds half a file; a
bad ``--format``, ``--year`` or ``-o`` is a usage error (exit 2) and nothing is written.
"""

from __future__ import annotations

from datetime import timedelta
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from registry.cli.app import MAX_DAYS, app, parse_day, state, today
from registry.cli.output import check_output, err, progress_bar
from registry.reports.render import render
from registry.i18n import _, format_day

report_app = typer.Typer(name="report", help="Reports to publish or circulate: annual, gender, vacancies.",
                         no_args_is_help=True, rich_markup_mode=None)
app.add_typer(report_app, name="report")


class ReportFormat(str, Enum):
    html = "html"
    xlsx = "xlsx"
    csv = "csv"
    md = "md"
    json = "json"


def _format_from(fmt: Optional[str], output: Path, allowed: tuple[str, ...]) -> str:
    """The format: --format, else the file's suffix; anything else is a usage error."""
    value = (fmt or output.suffix.lstrip(".") or "").lower()
    if value == "htm":
        value = "html"
    if value not in allowed:
        if fmt is None:
            raise typer.BadParameter(_("Cannot tell the format from {file}; give --format {formats}.",
                                       file=output.name, formats="|".join(allowed)), param_hint="--format")
        raise typer.BadParameter(_("{value} is not a report format; use one of {formats}.", value=fmt,
                                   formats=", ".join(allowed)), param_hint="--format")
    return value


def _check_output(output: Path) -> Path:
    return check_output(output)


def _year(value: Optional[str], option: str = "--year") -> Optional[int]:
    if value is None:
        return None
    text = value.strip()
    if not (text.isdecimal() and text.isascii() and len(text) == 4) or not 1900 <= int(text) <= 2199:
        raise typer.BadParameter(_("{value} is not a year to report on; give a year like 2025.", value=value),
                                 param_hint=option)
    return int(text)


#: the byte order mark that tells Excel a CSV file is UTF-8 (without it Danish Excel reads it as
#: Windows-1252 and garbles æøå); only in files, never in a pipe or on a terminal, for scripts
BOM = "\ufeff"


def _write(output: Path, data, fmt: str | None = None) -> None:
    from registry import outfile

    if fmt == "csv" and not outfile.check(output).stream:
        data = BOM + data
    outfile.write(output, data)
    err(_("Wrote {path}.", path=str(output)))


FORMATS = tuple(f.value for f in ReportFormat)
FORMAT_HELP = ("html, xlsx, csv, md or json (default: from the file's suffix). A CSV file is UTF-8 with a "
               "byte order mark, so that Excel reads æøå.")


@report_app.command("annual")
def annual(
    output: Path = typer.Option(..., "-o", "--output", help="The file to write."),
    year: Optional[str] = typer.Option(None, "--year", help="The year reported on (reference date 31 December)."),
    on: Optional[str] = typer.Option(None, "--on", help="The reference date (default 31 December of --year, else today)."),
    fmt: Optional[str] = typer.Option(None, "--format", help=FORMAT_HELP + " CSV holds the member list."),
) -> None:
    """The annual report: members, deputies and vacancies per board, gender balance, findings, changes."""
    from registry.reports import annual as report

    fmt_ = _format_from(fmt, output, FORMATS)
    _check_output(output)
    y = _year(year)
    day = parse_day(on, "--on")
    ctx = state().context()
    with progress_bar(0, _("Writing the annual report")) as tick:
        data, doc = report.build(ctx, year=y, on=day, today=today(), progress=tick)
        result = render(data, doc, fmt_, "members")
    _write(output, result, fmt_)


@report_app.command("gender")
def gender(
    output: Path = typer.Option(..., "-o", "--output", help="The file to write."),
    on: Optional[str] = typer.Option(None, "--on", help="The last reference date (default today)."),
    since_: Optional[str] = typer.Option(None, "--since", help="The first year (default: the first year with appointments)."),
    fmt: Optional[str] = typer.Option(None, "--format", help=FORMAT_HELP),
) -> None:
    """Gender balance over time by board, appointing body and period; nominating organisations' scorecard."""
    from registry.reports import gender as report

    fmt_ = _format_from(fmt, output, FORMATS)
    _check_output(output)
    since = _year(since_, "--since")
    day = parse_day(on, "--on") or today()
    if since is not None and since > day.year:
        raise typer.BadParameter(_("--since {year} is after the reference date {date}.", year=since,
                                   date=format_day(day)), param_hint="--since")
    ctx = state().context()
    with progress_bar(0, _("Writing the gender report")) as tick:
        data, doc = report.build(ctx, on=day, since=since, progress=tick)
        result = render(data, doc, fmt_, "by_board")
    _write(output, result, fmt_)


@report_app.command("vacancies")
def vacancies(
    output: Path = typer.Option(..., "-o", "--output", help="The file to write."),
    group: Optional[str] = typer.Option(None, "--group", help="Only seats allotted to this council group."),
    on: Optional[str] = typer.Option(None, "--on", help="The date to look at (default today)."),
    within: Optional[int] = typer.Option(None, "--within", min=0, max=MAX_DAYS, help="Also seats that fall vacant within this many days."),
    board: Optional[str] = typer.Option(None, "--board", help="Only this board."),
    fmt: Optional[str] = typer.Option(None, "--format", help=FORMAT_HELP),
) -> None:
    """A vacancy list a council group can circulate (open seats and seats falling vacant)."""
    from registry.reports import vacancies as report

    fmt_ = _format_from(fmt, output, FORMATS)
    _check_output(output)
    day = parse_day(on, "--on") or today()
    data, doc = report.build(state().context(), on=day, within=within, group=group, board=board)
    _write(output, render(data, doc, fmt_, "vacancies"), fmt_)


@app.command("calendar")
def calendar(
    output: Path = typer.Option(..., "-o", "--output", help="The .ics file to write."),
    start: Optional[str] = typer.Option(None, "--from", help="First day (default today)."),
    end: Optional[str] = typer.Option(None, "--to", help="Last day (default one year after --from)."),
) -> None:
    """Term ends, nomination deadlines and meetings as an iCalendar file for Outlook and other calendars."""
    from registry.reports import calendar as cal

    _check_output(output)
    first = parse_day(start, "--from") or today()
    last = parse_day(end, "--to") or (first + timedelta(days=365))
    if last < first:
        raise typer.BadParameter(_("--to {to} is before --from {start}.", to=format_day(last), start=format_day(first)),
                                 param_hint="--to")
    data = cal.build(state().context(), first, last, stamp=today())
    _write(output, data)


@app.command("publish")
def publish(
    output: Path = typer.Option(..., "-o", "--output", help="The folder to write the site into (new, empty, or an earlier site)."),
    year: Optional[str] = typer.Option(None, "--year", help="The year of the annual report (default: the year before --on)."),
    on: Optional[str] = typer.Option(None, "--on", help="The date the site shows (default today)."),
    within: int = typer.Option(180, "--within", min=0, max=3660, help="Also seats falling vacant within this many days (default 180)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Only this language: da or en (default: both, Danish first)."),
) -> None:
    """A static website of the public data for council groups and the public: vacancies, boards, the annual report, calendar feeds."""
    from registry.reports import site

    if lang is not None and lang not in ("da", "en"):
        raise typer.BadParameter(_("{value} is not a language of the site; use da or en.", value=lang), param_hint="--lang")
    y = _year(year)
    day = parse_day(on, "--on") or today()
    site.check_destination(output)
    ctx = state().context()
    last = [0.0]

    def tick(done: int, total: int, stage: str) -> None:
        import time

        now = time.monotonic()
        if total >= 1000 and (now - last[0] > 2 or done == total):
            last[0] = now
            err(_("Boards written: {done} of {total}.", done=done, total=total) if stage == "boards" else
                _("Annual report: {done} of {total} boards read.", done=done, total=total))

    result = site.publish(ctx, output, on=day, year=y, within=within, langs=(lang,) if lang else ("da", "en"),
                          today=today(), progress=tick)
    err(_("Wrote the site to {path}: {pages} pages, {feeds} calendar feeds, {boards} boards, {vacancies} vacancies.",
          path=str(output), pages=result.pages, feeds=result.feeds, boards=result.boards, vacancies=result.vacancies))
