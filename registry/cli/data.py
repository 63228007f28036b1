"""init, load, export: getting data in and out of the registry."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from registry.cli import ExitCode
from registry.cli.app import app, on_or_today, state
from registry.cli.output import check_output, err, progress_bar
from registry.errors import RegistryError
from registry.i18n import N_, _


@app.command()
def init(empty: bool = typer.Option(False, "--empty", help="Create an empty registry instead of the sample.")) -> None:
    """Create the database (with the KKR Nordjylland sample unless --empty); refuses an existing one."""
    from registry.db import current_version, make_engine, open_registry, sqlite_path, to_url, url_for_humans

    st = state()
    url = to_url(st.db)
    path = sqlite_path(url)
    exists = path.exists() and path.stat().st_size > 0 if path is not None else current_version(make_engine(url)) is not None
    if exists:
        raise RegistryError(_("There is already a registry at {where}; init does not overwrite it. "
                              "Use `udpeg load --replace FILE` to start afresh.", where=url_for_humans(url)))
    open_registry(url, create=True, sample=not empty)
    err(_("Created the registry at {where}{what}.", where=url_for_humans(url),
          what="" if empty else _(" with the KKR Nordjylland sample")))


@app.command()
def load(
    files: List[Path] = typer.Argument(..., help="Dataset files (.toml or .json, format udpeg/1)."),
    replace: bool = typer.Option(False, "--replace", help="Empty the registry first (the audit log is kept)."),
    strict: bool = typer.Option(False, "--strict", help="Write nothing and exit 1 if the data would add an error."),
    on: Optional[str] = typer.Option(None, "--on", help="The date to judge the data on (default today)."),
) -> None:
    """Load datasets in one transaction: all of them, or nothing.

    The whole registry is checked on --on (default today) before and after the data goes in, in
    the same transaction, and the errors and warnings the data adds are counted by rule on
    standard error. With --strict a load that would add an error is undone: nothing is written
    and the exit code is 1.
    """
    from registry import service

    day = on_or_today(on)
    ctx = state().context()
    with progress_bar(0, _("Loading")) as tick:
        result = service.load_checked(ctx, files, day, replace=replace, strict=strict, progress=tick)
    if not result.written:
        err(_("Nothing was written: on {day} the data would add {what}.", day=day.isoformat(),
              what=_added(result)))
        _by_rule(result)
        err(_("Correct the data, or load it without --strict and correct the registry afterwards."))
        raise typer.Exit(ExitCode.FINDINGS)
    parts = ", ".join(_rows(kind, n) for kind, n in result.counts.items() if n)
    err(_("Loaded {parts}.", parts=parts or _("nothing")))
    if not result.added:
        err(_("On {day} the data adds no errors or warnings.", day=day.isoformat()))
        return
    err(_("On {day} the data adds {what}:", day=day.isoformat(), what=_added(result)))
    _by_rule(result)


#: "1 board" / "{n} boards" for each kind of row a dataset holds
_KINDS = {
    "municipalities": (N_("1 municipality"), N_("{n} municipalities")),
    "organisations": (N_("1 organisation"), N_("{n} organisations")),
    "council_groups": (N_("1 council group"), N_("{n} council groups")),
    "people": (N_("1 person"), N_("{n} people")),
    "meetings": (N_("1 meeting"), N_("{n} meetings")),
    "rulesets": (N_("1 rule set"), N_("{n} rule sets")),
    "boards": (N_("1 board"), N_("{n} boards")),
    "appointments": (N_("1 appointment"), N_("{n} appointments")),
    "allocations": (N_("1 allotment to a council group"), N_("{n} allotments to council groups")),
    "nominations": (N_("1 nomination"), N_("{n} nominations")),
}


def _rows(kind: str, n: int) -> str:
    one, many = _KINDS.get(kind, (None, None))
    if one is None:
        return f"{n} {kind.replace('_', ' ')}"
    return _(one) if n == 1 else _(many, n=n)


def _errors(n: int) -> str:
    return _("1 error") if n == 1 else _("{n} errors", n=n)


def _warnings(n: int) -> str:
    return _("1 warning") if n == 1 else _("{n} warnings", n=n)


def _added(result) -> str:
    e = sum(f.severity == "error" for f in result.added)
    w = len(result.added) - e
    return _("{errors} and {warnings}", errors=_errors(e), warnings=_warnings(w))


def _by_rule(result) -> None:
    for rule, n in result.by_rule().items():
        parts = ([_errors(n["error"])] if n["error"] else []) + ([_warnings(n["warning"])] if n["warning"] else [])
        err(f"  {rule}: " + ", ".join(parts))


class ExportFormat(str, Enum):
    toml = "toml"
    json = "json"
    popolo = "popolo"


@app.command()
def export(
    fmt: ExportFormat = typer.Option(ExportFormat.toml, "--format", help="toml, json or popolo."),
    public: bool = typer.Option(False, "--public", help="Only people who hold or held a seat, without their sex; no contact details, nominations, candidates, reasons or extra."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of standard output."),
) -> None:
    """Write the registry as a dataset."""
    from registry import outfile, service

    if output is not None:
        check_output(output)
    text = service.export(state().context(), fmt.value, public=public)
    if output is None:
        sys.stdout.write(text)
        return
    outfile.write(output, text)
    err(_("Wrote {path}.", path=str(output)))
