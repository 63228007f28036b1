"""init, load, export: getting data in and out of the registry."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from registry.cli import ExitCode
from registry.cli.app import _opened, app, on_or_today, state
from registry.cli.output import check_output, dataset_counts, err, progress_bar
from registry.errors import RegistryError
from registry.i18n import _, _n


@app.command()
def init(empty: bool = typer.Option(False, "--empty", help="Create an empty registry instead of the sample.")) -> None:
    """Create the database (with the KKR Nordjylland sample unless --empty); refuses an existing one."""
    from registry.db import inspect_database, not_a_registry, to_url, url_for_humans
    from registry.sample import open_registry

    st = state()
    url = to_url(st.db)
    found = inspect_database(url)
    if found.kind == "registry":
        raise RegistryError(_("There is already a registry at {where}; init does not overwrite it. "
                              "Use `udpeg load --replace FILE` to start afresh.", where=url_for_humans(url)))
    if found.kind != "missing":
        raise not_a_registry(url, found)
    _opened.append(open_registry(url, create=True, sample=not empty))
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
    err(_("Loaded {parts}.", parts=dataset_counts(result.counts) or _("nothing")))
    if not result.added:
        err(_("On {day} the data adds no errors or warnings.", day=day.isoformat()))
        return
    err(_("On {day} the data adds {what}:", day=day.isoformat(), what=_added(result)))
    _by_rule(result)


def _errors(n: int) -> str:
    return _n("{n} error", "{n} errors", n, n=n)


def _warnings(n: int) -> str:
    return _n("{n} warning", "{n} warnings", n, n=n)


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
