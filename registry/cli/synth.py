"""synth: write a synthetic national registry for scale tests and benchmarks.

A developer's tool (quality.md "Scale"): its messages are English only and not marked for
translation.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Optional

import typer

from registry.cli.app import app, state
from registry.cli.output import check_output, dataset_counts, err, progress_bar
from registry.i18n import _
from registry.errors import RegistryError


@app.command()
def synth(
    boards: int = typer.Option(..., "--boards", min=1, max=100_000, help="How many boards (national-5k: 5000, national-20k: 20000)."),
    years: int = typer.Option(20, "--years", min=1, max=60, help="Years of history, in whole election periods up to 2030."),
    seed: int = typer.Option(1, "--seed", help="Random seed: the same seed gives the same file."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="The dataset file to write (.json, or .toml)."),
    db: Optional[str] = typer.Option(None, "--db", help="Also load the result into this registry (SQLite file or URL; made empty if new)."),
) -> None:
    """Write a synthetic registry of realistic shape (five KKRs, 98 municipalities, every rule violated somewhere)."""
    from registry.synth import write_file

    if output is None and db is None:
        raise typer.BadParameter("Say where to write the registry: -o FILE, --db DATABASE, or both.", param_hint="-o")
    if output is not None and output.suffix.lower() not in (".json", ".toml"):
        raise typer.BadParameter("The file name must end in .json or .toml.", param_hint="-o")
    if output is not None:
        check_output(output)
    tmpdir = None
    path = output
    if path is None:
        tmpdir = tempfile.TemporaryDirectory(prefix="udpeg-synth-")
        path = Path(tmpdir.name) / "synth.json"
    try:
        with progress_bar(boards, _("Generating")) as tick:
            counts = write_file(path, boards, years, seed, progress=tick)
        parts = dataset_counts(counts)
        if output is not None:
            err(_("Wrote {output}: {parts}.", output=str(output), parts=parts))
        if db is not None:
            _load_into(db, path)
    finally:
        if tmpdir is not None:
            tmpdir.cleanup()


def _load_into(db: str, path: Path) -> None:
    from registry import service
    from registry.cli.app import _opened
    from registry.db import open_registry, to_url, url_for_humans

    url = to_url(db)
    engine = open_registry(url, create=True)
    _opened.append(engine)
    ctx = service.Context(engine, actor=state().actor)
    with progress_bar(0, "Loading") as tick:
        try:
            service.load(ctx, [path], progress=tick)
        except RegistryError:
            err(f"The registry at {url_for_humans(url)} already holds data; load into a new file.")
            raise
    err(f"Loaded it into {url_for_humans(url)}.")
