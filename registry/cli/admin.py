"""audit, backup, restore, purge, and ``db upgrade`` / ``db grant``: thin wrappers over registry.admin."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from registry.cli.app import MAX_ROWS, app, parse_day, state
from registry.cli.output import Format, emit, err, print_json
from registry.i18n import N_, _, _n

db_app = typer.Typer(help="The database itself: schema upgrades, reader and writer roles.", no_args_is_help=True,
                     rich_markup_mode=None)
app.add_typer(db_app, name="db")


def _summary(value) -> str:
    if not value:
        return ""
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in list(value.items())[:4]) + (" …" if len(value) > 4 else "")
    return str(value)


@app.command()
def audit(
    board: Optional[str] = typer.Option(None, "--board", help="Only events about this board."),
    since: Optional[str] = typer.Option(None, "--since", help="Only events on or after this date."),
    limit: int = typer.Option(500, "--limit", min=1, max=MAX_ROWS, help="At most this many (newest first)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
    verify: bool = typer.Option(False, "--verify", help="Check the log's hash chain instead; exit 1 at the first "
                                "broken link. Prints the chain's head: note it, and --head checks it later."),
    head: Optional[str] = typer.Option(None, "--head", help="With --verify: a head noted earlier, which the log "
                                       "must still lead through (nothing before it changed)."),
) -> None:
    """The audit log: who changed what, when and why (newest first)."""
    from registry import service

    if verify or head:
        _verify(service.verify_audit(state().context(), head), fmt)
        return
    start = parse_day(since, "--since")
    rows = service.audit_log(state().context(), board=board, since=start, limit=limit)
    if fmt == Format.json:
        print_json(rows)
        return
    if fmt == Format.csv:
        import json

        rows = [{**r, "before": None if r["before"] is None else json.dumps(r["before"], ensure_ascii=False),
                 "after": None if r["after"] is None else json.dumps(r["after"], ensure_ascii=False)} for r in rows]
    shown = [{**r, "at": r["at"].strftime("%Y-%m-%d %H:%M") if fmt == Format.table else r["at"], "change": _summary(r["after"] if r["after"] is not None else r["before"])} for r in rows]
    emit(shown, fmt, [("at", _("When")), ("actor", _("Who")), ("authenticated_as", _("Authenticated as")),
                      ("action", _("Action")), ("entity", _("What")),
                      ("entity_id", "Id"), ("board", _("Board")), ("reason", _("Why")),
                      *([("change", _("Change"))] if fmt == Format.table else [("before", "before"), ("after", "after")])],
         title=_("Audit log"))


PROBLEMS = {
    "changed": N_("event {pk} does not match its seal: it, or an event before it, was changed, inserted or deleted"),
    "unsealed": N_("event {pk} has no seal: it was written past Udpeg"),
    "redaction": N_("event {pk} is redacted, but no purge event lists it"),
    "head": N_("the log no longer leads through the head you gave: an event before it was changed or removed"),
}


def _verify(verdict, fmt: Format) -> None:
    if fmt == Format.json:
        print_json({"events": verdict.events, "intact": verdict.intact, "head": verdict.head,
                    "broken": verdict.broken, "problem": verdict.problem or None})
    if verdict.intact:
        if fmt != Format.json:
            err(_n("The audit log's chain is intact: {n} event, head {head}.",
                   "The audit log's chain is intact: {n} events, head {head}.", verdict.events,
                   n=verdict.events, head=verdict.head))
        return
    err(_("The audit log's chain is broken: {problem}.", problem=_(PROBLEMS[verdict.problem], pk=verdict.broken)))
    raise typer.Exit(1)


@app.command()
def backup(
    file: Path = typer.Argument(..., help="Where to write the copy (a SQLite file)."),
    force: bool = typer.Option(False, "--force", help="Replace FILE if it exists."),
) -> None:
    """A consistent copy of the live registry, safe while others write (SQLite; pg_dump on PostgreSQL)."""
    from registry import admin

    info = admin.backup(state().context().engine, file, force=force)
    err(_("Wrote a checked copy of the registry to {file} ({kb} kB, schema {schema}).", file=info["file"],
          kb=max(1, info["bytes"] // 1024), schema=info["schema"]))


@app.command()
def restore(file: Path = typer.Argument(..., help="A backup made by `udpeg backup`.")) -> None:
    """Put a backup back: checks it first, keeps a copy of the current registry, replaces it atomically."""
    from registry import admin
    from registry.db import make_engine, sqlite_path, to_url

    url = to_url(state().db)
    if sqlite_path(url) is None:
        raise admin.RegistryError(_("`udpeg restore` puts back SQLite registries.") + " " + _(admin.PG_BACKUP_HINT))
    admin.check_sqlite_file(file)  # before touching (or creating) anything
    engine = make_engine(url)
    try:
        info = admin.restore(engine, file)
    finally:
        engine.dispose()
    err(_("Restored the registry from {file} (schema {schema}{up}).", file=info["restored"], schema=info["schema"],
          up=_(", upgraded") if info["upgraded"] else ""))
    if info["previous_copy"]:
        err(_("The registry as it was is kept in {copy}.", copy=info["previous_copy"]))


@app.command()
def purge(
    before: str = typer.Option(..., "--before", help="Rounds decided before this date."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only count what would be deleted."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
) -> None:
    """Delete the data of candidates who were not appointed, for rounds before DATE (retention; audited)."""
    from registry import admin

    day = parse_day(before, "--before")
    result = admin.purge(state().context(), day, dry_run=dry_run).as_dict()
    if fmt == Format.json:
        print_json(result)
        return
    rows = [{"what": k.replace("_", " "), "n": v} for k, v in result.items() if k not in ("before", "dry_run")]
    emit(rows, fmt, [("what", _("What")), ("n", _("Count"))],
         title=_("Would purge") if dry_run else _("Purged"))


@db_app.command("upgrade")
def db_upgrade(
    backup_dir: Optional[Path] = typer.Option(None, "--backup-dir", help="Where the backup goes (default: beside a SQLite file; the current folder for a pg_dump)."),
    no_backup: bool = typer.Option(False, "--no-backup", help="Skip the backup (only when you have just taken one yourself)."),
) -> None:
    """Apply schema migrations: a backup first (pg_dump on PostgreSQL), then all changes in one transaction."""
    from registry import admin
    from registry.db import to_url

    if backup_dir is not None and not backup_dir.is_dir():
        raise typer.BadParameter(_("The folder {path} does not exist.", path=str(backup_dir)), param_hint="--backup-dir")
    info = admin.db_upgrade(to_url(state().db), backup_dir=backup_dir, backup=not no_backup)
    if not info["changed"]:
        err(_("The registry is already at schema {v}; nothing to do.", v=info["to"]))
        return
    if info["backup"]:
        err(_("Backed up the registry to {file} first.", file=info["backup"]))
    err(_("Upgraded the schema from {a} to {b}.", a=info["from"], b=info["to"]))


@db_app.command("verify-store")
def db_verify_store() -> None:
    """Check the stored findings of boards against a fresh evaluation; exit 1 if any differs."""
    from registry.cli.output import show_date
    from registry.readmodel.store import verify

    checked, differ = verify(state().context().engine)
    for d in differ:
        err(_("{board} on {day}: the stored findings differ from a fresh evaluation.", board=d["board"],
              day=show_date(d["on"])))
    if differ:
        err(_n("{n} stored answer differs from a fresh evaluation.", "{n} stored answers differ from a fresh evaluation.",
               len(differ), n=len(differ)))
        raise typer.Exit(1)
    err(_n("{n} stored board answer matches a fresh evaluation.", "{n} stored board answers match a fresh evaluation.",
           checked, n=checked))


@db_app.command("stamp")
def db_stamp() -> None:
    """Put back a lost schema version: checks that the tables are exactly this Udpeg's schema, then records it."""
    from registry import admin
    from registry.db import to_url

    info = admin.db_stamp(to_url(state().db))
    err(_("Recorded schema version {v}: the tables match it.", v=info["version"]))


@db_app.command("grant")
def db_grant(
    reader: Optional[str] = typer.Option(None, "--reader", help="A role to create or update that reads boards, seats, "
                                         "appointments and vacancies only (PostgreSQL)."),
    writer: Optional[str] = typer.Option(None, "--writer", help="A role to create or update for daily work: reads and "
                                         "writes the data, owns nothing, and may only append to the audit log."),
    nologin: bool = typer.Option(False, "--nologin", help="Make a group role that cannot log in itself."),
) -> None:
    """Set up a PostgreSQL role: a reader (public data only) or a writer (daily work, the audit log append-only)."""
    from registry import admin

    if (reader is None) == (writer is None):
        raise admin.RegistryError(_("Give one of --reader ROLE or --writer ROLE."))
    if writer is not None:
        info = admin.grant_writer(state().context().engine, writer, login=not nologin)
        err(_("{verb} role {role}: it reads and writes the registry's data, owns nothing, and may only read, append "
              "to and redact the audit log.", verb=_("Created") if info["created"] else _("Updated"), role=info["role"]))
        return
    info = admin.grant_reader(state().context().engine, reader, login=not nologin)
    err(_("{verb} role {role}: it reads the views in schema {schema} ({views}) and nothing else.",
          verb=_("Created") if info["created"] else _("Updated"), role=info["role"], schema=info["schema"],
          views=", ".join(info["views"])))
