"""init, load, export: getting data in and out of the registry."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from registry.cli import ExitCode
from registry.cli.app import app, state
from registry.cli.output import dataset_counts, err, progress_bar
from registry.errors import RegistryError
from registry.i18n import _


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
) -> None:
    """Load datasets in one transaction: all of them, or nothing."""
    from registry import service

    ctx = state().context()
    with progress_bar(0, _("Loading")) as tick:
        counts = service.load(ctx, files, replace=replace, progress=tick)
    err(_("Loaded {parts}.", parts=dataset_counts(counts) or _("nothing")))


class ExportFormat(str, Enum):
    toml = "toml"
    json = "json"
    popolo = "popolo"


@app.command()
def export(
    fmt: ExportFormat = typer.Option(ExportFormat.toml, "--format", help="toml, json or popolo."),
    public: bool = typer.Option(False, "--public", help="Leave out contact details, nominations, candidates, reasons and extra."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of standard output."),
) -> None:
    """Write the registry as a dataset."""
    from registry import service

    text = service.export(state().context(), fmt.value, public=public)
    if output is None:
        sys.stdout.write(text)
        return
    tmp = output.with_name(output.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)
    err(_("Wrote {path}.", path=str(output)))
