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
from registry.i18n import _, get_language, set_language

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
    lang_given: bool = False   #: --lang or UDPEG_LANG named it (documents are Danish unless it did)
    _ctx: object = field(default=None, repr=False)

    def context(self, create: bool | None = None):
        """The service Context, opening the registry.

        Only the default registry (no ``--db``, no ``UDPEG_DB``) is made, with the sample, on
        first use (the README's first run); any other is made only by ``udpeg init``."""
        if self._ctx is None:
            from registry.db import to_url
            from registry.sample import open_registry
            from registry.service import Context

            engine = open_registry(to_url(self.db), create=not self.db if create is None else create)
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

        try:
            day = parse_date(fixed)
        except (ValueError, TypeError):
            day = None
        if day is None or not DAY_RANGE[0] <= day <= DAY_RANGE[1]:
            raise RegistryError(_("UDPEG_TODAY={value} is not a day Udpeg can work on; write a date from {first} to "
                                  "{last}, such as 2026-03-27 or 27-03-2026, or unset it.", value=fixed,
                                  first=DAY_RANGE[0].isoformat(), last=DAY_RANGE[1].isoformat()))
        return day
    return date.today()


#: the days a date option or UDPEG_TODAY may name: those a registry keeps (docs/dataset.md "Bounds")
DAY_RANGE = (date(1900, 1, 1), date(2199, 12, 31))


def parse_day(value: Optional[str], option: str = "--on") -> Optional[date]:
    """Parse a date option; a bad one is a usage error (exit 2) that names the option."""
    if value is None:
        return None
    from registry.terms import parse_date

    try:
        day = parse_date(value)
    except (ValueError, TypeError):
        raise typer.BadParameter(_("{value} is not a date; write 2026-03-27 or 27-03-2026.", value=value),
                                 param_hint=option) from None
    from registry.dataset.schema import read_date

    _day, why = read_date(value)     # the dataset's bounds, in the dataset's words
    if why:
        raise typer.BadParameter(why, param_hint=option)
    return day


#: bounds of the whole-number options (docs/cli.md; the dataset's own bounds are in docs/dataset.md)
MAX_SEATS = 1_000        #: --seats (a seat group, a nomination, an allocation)
MAX_DAYS = 3_660         #: --within: ten years (schema.MAX_WITHIN_DAYS, which the service holds the UI to)
MAX_ROWS = 1_000_000     #: --limit, --offset


def on_or_today(value: Optional[str], option: str = "--on") -> date:
    return parse_day(value, option) or today()


@app.callback()
def root(
    ctx: typer.Context,
    db: Optional[str] = typer.Option(None, "--db", envvar="UDPEG_DB", help="The registry: SQLite file or SQLAlchemy URL, made by `udpeg init` (default: registry.db in the user data directory, made with the sample on first use)."),
    lang: Optional[str] = typer.Option(None, "--lang", envvar="UDPEG_LANG", help="Interface language: da or en (default: from the locale)."),
    actor: Optional[str] = typer.Option(None, "--as", envvar="UDPEG_USER", help="Who is acting, for the audit log (default: the OS user; at most 100 characters, no control characters)."),
    version: bool = typer.Option(False, "--version", help="Print the version and exit.", is_eager=True),
) -> None:
    if version:
        from registry.cli import _version

        typer.echo(f"udpeg {_version()}")
        raise typer.Exit(0)
    if lang is not None and lang not in ("da", "en"):
        raise typer.BadParameter(_("{lang}: use da or en.", lang=repr(lang)), param_hint="--lang")
    from registry.actor import checked_actor

    ctx.obj = State(db=db, lang=set_language(lang), actor=checked_actor(actor), lang_given=lang is not None)
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
    """Refuse a registry path that cannot work before the UI starts (exit 2 with a sentence).

    Only the stdlib looks (:mod:`registry.dbfile`, no SQLAlchemy import: the first paint comes
    first): no registry there, a folder, not SQLite, or a database that is not a Udpeg registry."""
    from pathlib import Path

    if db and "://" not in db:
        from registry.dbfile import inspect_sqlite_file, not_a_registry

        path = Path(db).expanduser().resolve()
        if not path.exists() and not path.parent.exists():
            raise RegistryError(_("The folder {path} does not exist.", path=str(path.parent)))
        found = inspect_sqlite_file(path)
        if found.kind != "registry":
            raise not_a_registry(f"sqlite:///{path}", found)


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
    from registry.actor import checked_actor
    from registry.errors import RegistryError

    try:
        actor = checked_actor(values["actor"])
    except RegistryError:
        return None          # Typer's path refuses it with the sentence
    return State(db=values["db"], lang=set_language(values["lang"]), actor=actor)


def _commit_count() -> int:
    """Transactions committed by this process so far (0 before the database code is imported)."""
    db = sys.modules.get("registry.db")
    return db.commit_count() if db is not None else 0


def language_of(args: list[str]) -> str | None:
    """The ``--lang`` of a command line (before Typer parses it, so that its help and errors are
    in that language too), or None."""
    for i, a in enumerate(args):
        if a == "--":
            break
        value = args[i + 1] if a == "--lang" and i + 1 < len(args) else a[7:] if a.startswith("--lang=") else None
        if value in ("da", "en"):
            return value
    return None


#: what no argument may hold: NUL, and the lone surrogates Python makes of bytes that are not UTF-8
_UNSAFE = __import__("re").compile("[\x00\ud800-\udfff]")
_LONE = __import__("re").compile("[\ud800-\udc7f\udd00-\udfff]")   # not from surrogateescape


def run(args: list[str], ui: Callable[[Any, date], None] | None = None) -> int:
    """Run the app (with ``ui`` as the terminal UI); every error becomes a sentence and an exit code."""
    _ui[0] = ui
    for arg in args:
        if _UNSAFE.search(arg):
            shown = arg.encode("utf-8", "surrogateescape" if not _LONE.search(arg) else "backslashreplace")
            err(_("The command line holds {arg}, which is not UTF-8 text (or holds a NUL character); "
                  "nothing was done.", arg=repr(shown)[2:-1][:80]))
            return ExitCode.BAD_INPUT
    commits_before = _commit_count()
    launch = ui_launch(args)
    if launch is None:
        set_language(language_of(args))
        from registry.cli.click_i18n import install

        install()
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
        if get_language() == "en":
            exc.show(file=sys.stderr)
        else:
            from registry.cli.click_i18n import usage_error_text

            print(usage_error_text(exc), file=sys.stderr)
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
        if _commit_count() == commits_before:
            err(_("Udpeg hit an internal error and stopped; nothing was written. ({kind}: {detail}) "
                  "Run again with UDPEG_DEBUG=1 to see the details, and report it.", kind=type(exc).__name__, detail=str(exc)[:300]))
        else:
            err(_("Udpeg hit an internal error and stopped after it had saved changes, so they may have been written: "
                  "check with `udpeg audit`. ({kind}: {detail}) Run again with UDPEG_DEBUG=1 to see the details, and "
                  "report it.", kind=type(exc).__name__, detail=str(exc)[:300]))
        return ExitCode.INTERNAL
    finally:
        while _opened:
            _opened.pop().dispose()
