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


@app.command("import")
def import_(
    file: Path = typer.Argument(..., help="The spreadsheet: .xlsx or .csv, one row per member or deputy."),
    map_: Optional[str] = typer.Option(None, "--map", help="Which column holds a field: FIELD=COLUMN,… (a header or a column letter; fields in English or Danish: name or navn)."),
    mapping: Optional[Path] = typer.Option(None, "--mapping", help="A TOML file of field = \"column\" lines."),
    sheet: Optional[str] = typer.Option(None, "--sheet", help="The XLSX sheet to read (default: the first with a header row)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would be created, matched and found, and write nothing."),
    on: Optional[str] = typer.Option(None, "--on", help="The date to judge the data on (default today)."),
) -> None:
    """Import people and appointments from a spreadsheet: all of it, or nothing.

    The header row is found below any title rows and its columns matched to fields by their
    Danish or English names (Bestyrelse, Plads, Navn, Parti, Kommune, Udpeget af, Indstillet af,
    Fra, Til, Suppleant for, Køn); --map or --mapping says the rest, and is remembered for the
    next sheet of the same layout. People are matched by name and municipality, boards and
    organisations by name; what is missing is created. The data is checked and written as
    `load` writes a dataset, in one transaction and one audit event. Run it with --dry-run first.
    """
    from registry import service
    from registry.importing import columns

    day = on_or_today(on)
    overrides = columns.read_mapping_file(mapping) if mapping is not None else {}
    if map_:
        overrides.update(columns.parse_map(map_))
    ctx = state().context()
    with progress_bar(0, _("Importing")) as tick:
        got = service.import_sheet(ctx, file, day, overrides, sheet=sheet, dry_run=dry_run, progress=tick)
    for line in import_report(got, str(file), dry_run):
        typer.echo(line)
    result = got.result
    if result.added:
        err(_("On {day} the data would add {what}:", day=day.isoformat(), what=_added(result)) if dry_run
            else _("On {day} the data adds {what}:", day=day.isoformat(), what=_added(result)))
        _by_rule(result)
    else:
        err(_("On {day} the data adds no errors or warnings.", day=day.isoformat()))
    if dry_run:
        err(_("Dry run: nothing was written. Run it again without --dry-run to import."))
    else:
        err(_("Imported {parts}.", parts=dataset_counts(result.counts) or _("nothing")))


def import_report(got, file: str, dry_run: bool = False) -> list[str]:
    """What an import matched, makes and read loosely, as lines (the dry run's report)."""
    from registry.importing.columns import FIELD_LABELS

    plan, sh = got.plan, got.sheet
    lines = [_("{file}, sheet {sheet}: header on row {row}; {rows}, {blank} and {titles} skipped.", file=file,
               sheet=repr(sh.name), row=sh.header_row, rows=_n("{n} row", "{n} rows", len(sh.rows), n=len(sh.rows)),
               blank=_n("{n} blank row", "{n} blank rows", sh.blank_rows, n=sh.blank_rows),
               titles=_n("{n} title row", "{n} title rows", sh.title_rows, n=sh.title_rows))]
    lines.append(_("Columns: {columns}", columns="; ".join(f"{got.header[i]} → {_(FIELD_LABELS[f])}" for f, i in
                                                          sorted(got.columns.items(), key=lambda x: x[1])))
                 + (" " + _("(as remembered for this layout)") if got.remembered else ""))
    unused = [h for i, h in enumerate(got.header) if h and i not in got.columns.values()]
    if unused:
        lines.append(_("Not read: {columns}", columns=", ".join(unused)))
    kinds = {"municipalities": lambda n: _n("{n} municipality", "{n} municipalities", n, n=n),
             "organisations": lambda n: _n("{n} organisation", "{n} organisations", n, n=n),
             "boards": lambda n: _n("{n} board", "{n} boards", n, n=n),
             "seat_groups": lambda n: _n("{n} seat group", "{n} seat groups", n, n=n),
             "people": lambda n: _n("{n} person", "{n} people", n, n=n)}
    made = [kinds[k](len(plan.created[k])) for k in kinds if plan.created.get(k)]
    n_app = len(plan.tree.get("appointments", []))
    made.append(_n("{n} appointment", "{n} appointments", n_app, n=n_app))
    lines.append(_("Would create: {what}.", what=", ".join(made)) if dry_run else _("Created: {what}.", what=", ".join(made)))
    for k in ("boards", "seat_groups", "organisations", "municipalities"):
        if plan.created.get(k):
            lines.append(f"  {kinds[k](len(plan.created[k]))}: " + "; ".join(plan.created[k]))
    if plan.matched:
        lines.append(_n("Matched {n} person in the registry:", "Matched {n} people in the registry:", len(plan.matched), n=len(plan.matched)))
        lines += [f"  {x}" for x in plan.matched]
    if plan.close:
        lines.append(_("Close matches, not merged (a new person is created; correct the name in the sheet if it is the same person):"))
        lines += [f"  {x}" for x in plan.close]
    if plan.read_as:
        lines.append(_("Read as:"))
        lines += [f"  {x}" for x in plan.read_as]
    if plan.differs:
        lines.append(_("Differences from the registry (an import does not change what the registry holds):"))
        lines += [f"  {x}" for x in plan.differs]
    if plan.already:
        lines.append(_("Already in the registry, not imported again: rows {rows}.", rows=", ".join(map(str, plan.already))))
    if plan.skipped:
        lines.append(_("Skipped (open seats and notes): rows {rows}.", rows=", ".join(map(str, plan.skipped))))
    return lines
