"""The Typer app: global options, error handling, and the command modules.

One module per noun (``data``, ``boards``, ``changes``, ``lists``, ``people``, …) registers its
commands on :data:`app`. The UI is imported only inside the command that opens it.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Optional

import typer

try:  # Typer >= 0.26 vendors Click
    from typer._click.exceptions import ClickException
    from typer._click.globals import get_current_context
except ImportError:  # pragma: no cover - older Typer with Click as a dependency
    from click import get_current_context
    from click.exceptions import ClickException

from registry.cli import ExitCode
from registry.cli.output import err
from registry.errors import RegistryError
from registry.i18n import _, set_language

app = typer.Typer(
    name="udpeg",
    help="Udpeg — board appointments and gender balance for KKR. With no command it opens the terminal UI.",
    add_completion=False,
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


_opened: list = []  # engines to close when the command ends (checkpoints SQLite's WAL)


@dataclass
class State:
    db: str | None = None
    lang: str = "en"
    actor: str = ""
    _ctx: object = field(default=None, repr=False)

    def context(self, create: bool = True):
        """The service Context, opening (and on first use creating) the registry."""
        if self._ctx is None:
            from registry.db import open_registry, to_url
            from registry.service import Context

            engine = open_registry(to_url(self.db), create=create)
            _opened.append(engine)
            self._ctx = Context(engine, actor=self.actor)
        return self._ctx


def state() -> State:
    return get_current_context().find_root().obj


def today() -> date:
    """Today, or ``UDPEG_TODAY`` (for demos and reproducible tests)."""
    fixed = os.environ.get("UDPEG_TODAY")
    if fixed:
        from registry.terms import parse_date

        return parse_date(fixed)
    return date.today()


def parse_day(value: Optional[str], option: str = "--on") -> Optional[date]:
    """Parse a date option; a bad one is a usage error (exit 2) that names the option."""
    if value is None:
        return None
    from registry.terms import parse_date

    try:
        return parse_date(value)
    except (ValueError, TypeError):
        raise typer.BadParameter(_("{value} is not a date; write 2026-03-27 or 27-03-2026.", value=value),
                                 param_hint=option) from None


def on_or_today(value: Optional[str], option: str = "--on") -> date:
    return parse_day(value, option) or today()


@app.callback()
def root(
    ctx: typer.Context,
    db: Optional[str] = typer.Option(None, "--db", envvar="UDPEG_DB", help="SQLite file or SQLAlchemy URL (default: registry.db in the user data directory)."),
    lang: Optional[str] = typer.Option(None, "--lang", envvar="UDPEG_LANG", help="Interface language: da or en (default: from the locale)."),
    actor: Optional[str] = typer.Option(None, "--as", envvar="UDPEG_USER", help="Who is acting, for the audit log (default: the OS user)."),
    version: bool = typer.Option(False, "--version", help="Print the version and exit.", is_eager=True),
) -> None:
    if version:
        from registry.cli import _version

        typer.echo(f"udpeg {_version()}")
        raise typer.Exit(0)
    if lang is not None and lang not in ("da", "en"):
        raise typer.BadParameter(f"{lang!r}: use da or en.", param_hint="--lang")
    from registry.actor import default_actor

    ctx.obj = State(db=db, lang=set_language(lang), actor=actor or default_actor())
    if ctx.invoked_subcommand is None:
        open_tui(ctx.obj)


class LazyContext:
    """A service Context whose registry opens on first use.

    The UI asks for ``engine`` only inside its workers, so the first screen paints before
    SQLAlchemy is even imported (quality.md P4), and a first run fills the sample registry
    while the screen already says "Loading…".
    """

    def __init__(self, st: State):
        import threading

        self._state = st
        self._lock = threading.Lock()
        self.actor = st.actor

    @property
    def engine(self):
        with self._lock:
            return self._state.context().engine


def _precheck(db: Optional[str]) -> None:
    """Refuse a registry path that cannot work before the UI starts (exit 2 with a sentence)."""
    from pathlib import Path

    if db and "://" not in db:
        path = Path(db).expanduser()
        if path.is_dir():
            raise RegistryError(_("{path} is a folder; --db wants a registry file or a database URL.", path=str(path)))
        if path.exists():
            with path.open("rb") as fh:
                head = fh.read(16)
            if head and head != b"SQLite format 3\x00":
                raise RegistryError(_("{path} is not a Udpeg registry (not an SQLite database).", path=str(path)))
        elif not path.parent.exists():
            raise RegistryError(_("The folder {path} does not exist.", path=str(path.parent)))


#: The terminal UI for this run: ``open_ui(context, today)``, handed to :func:`run` by the
#: ``udpeg`` entry point (``tui.launch``). The core never imports the UI; without one (``python -m
#: registry``, a headless install) opening it says so.
_ui: list[Callable[[Any, date], None] | None] = [None]


def open_tui(st: State) -> None:
    _precheck(st.db)
    open_ui = _ui[0]
    if open_ui is None:
        err(_("The terminal UI is not installed in this copy; try `udpeg boards`."))
        raise typer.Exit(ExitCode.BAD_INPUT)
    open_ui(LazyContext(st), today())


@app.command("tui")
def tui_command() -> None:
    """Open the terminal UI."""
    open_tui(state())


def _register() -> None:
    from registry.cli import boards, changes, data, lists, people  # noqa: F401

    for optional in ("reports", "admin", "synth", "documents"):
        try:
            __import__(f"registry.cli.{optional}")
        except ModuleNotFoundError as exc:
            if exc.name != f"registry.cli.{optional}":
                raise


#: The global options (see ``root``) as the UI launch reads them: option -> (name, environment variable).
ROOT_OPTIONS = {"--db": ("db", "UDPEG_DB"), "--lang": ("lang", "UDPEG_LANG"), "--as": ("actor", "UDPEG_USER")}


def ui_launch(args: list[str]) -> State | None:
    """The State for a command line that only opens the UI, else None.

    ``udpeg``, ``udpeg tui`` and either with ``--db``, ``--lang`` or ``--as`` (each at most once,
    before ``tui``; values from the same environment variables) open the UI without building the
    Typer app: its command tree and option parsing cost more than the first paint (quality.md P4).
    Any other line, and any value ``root`` would refuse, goes through Typer, so help, errors and
    exit codes stay Typer's.
    """
    rest = list(args)
    if rest[-1:] == ["tui"]:
        rest.pop()
    given: dict[str, str] = {}
    while rest:
        option, eq, value = rest.pop(0).partition("=")
        if option not in ROOT_OPTIONS or option in given:
            return None
        if not eq:
            if not rest:
                return None
            value = rest.pop(0)
        if not value or value.startswith("-"):
            return None
        given[option] = value
    values = {name: given.get(option) or os.environ.get(env) or None for option, (name, env) in ROOT_OPTIONS.items()}
    if values["lang"] is not None and values["lang"] not in ("da", "en"):
        return None
    from registry.actor import default_actor

    return State(db=values["db"], lang=set_language(values["lang"]), actor=values["actor"] or default_actor())


def run(args: list[str], ui: Callable[[Any, date], None] | None = None) -> int:
    """Run the app (with ``ui`` as the terminal UI); every error becomes a sentence and an exit code."""
    _ui[0] = ui
    launch = ui_launch(args)
    if launch is None:
        _register()
    try:
        if launch is not None:
            open_tui(launch)
            return ExitCode.OK
        from registry.cli.argv import spread

        code = app(args=spread(typer.main.get_command(app), args), prog_name="udpeg", standalone_mode=False)
        return code if isinstance(code, int) else 0  # Click returns Exit's code here
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        err(_("Stopped."))
        return ExitCode.BAD_INPUT
    except ClickException as exc:
        exc.show(file=sys.stderr)
        return ExitCode.BAD_INPUT
    except RegistryError as exc:
        err(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        err(_("Stopped; nothing half-written was kept."))
        return ExitCode.BAD_INPUT
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no tracebacks for users
        if os.environ.get("UDPEG_DEBUG"):
            raise
        err(_("Udpeg hit an internal error and stopped; nothing was written. ({kind}: {detail}) "
              "Run again with UDPEG_DEBUG=1 to see the details, and report it.", kind=type(exc).__name__, detail=str(exc)[:300]))
        return ExitCode.INTERNAL
    finally:
        while _opened:
            _opened.pop().dispose()
