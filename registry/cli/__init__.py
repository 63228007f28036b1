"""The ``udpeg`` command.

``main`` answers ``--version`` before importing anything heavy (no Typer, ORM or UI), then
hands over to the Typer app in :mod:`registry.cli.app`. Every error the user can act on ends
with a sentence on standard error and the exit code of :class:`ExitCode`; never a traceback.
"""

from __future__ import annotations

import sys
from enum import IntEnum

__all__ = ["ExitCode", "main"]


class ExitCode(IntEnum):
    """Exit codes (cli.md)."""

    OK = 0            #: done, nothing wrong
    FINDINGS = 1      #: done, and the result contains errors (violations found; appointment refused)
    BAD_INPUT = 2     #: bad usage or bad input; nothing was written
    CONFLICT = 3      #: someone else changed the record first; nothing was written
    INTERNAL = 4      #: a bug in Udpeg; nothing was written (set UDPEG_DEBUG=1 for the traceback)


def _version() -> str:
    from registry import __version__

    return __version__


def main(argv: list[str] | None = None, ui=None) -> int:
    """Run ``udpeg`` with ``argv`` (default: the command line); ``ui(context, today)`` opens the
    terminal UI — the ``udpeg`` entry point (``tui.launch``) passes it, the core never imports it."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--version"]:
        print(f"udpeg {_version()}")
        return 0
    from registry.cli.app import run

    code = run(args, ui)
    if argv is None:
        sys.exit(code)
    return code
