"""The ``udpeg`` command: the core's CLI (:mod:`registry.cli`) with this terminal UI plugged in.

The core never imports the UI (architecture.md): the entry point hands it over instead. This
module imports nothing heavy, so ``udpeg --version`` and the CLI's commands stay as fast as
``python -m registry``.
"""

from __future__ import annotations


def open_ui(ctx, today) -> None:
    """Open the terminal UI on ``ctx`` as of ``today`` (a date); Textual is imported only now."""
    from tui.app import run_app

    run_app(ctx, today=today)


def main(argv: list[str] | None = None) -> int:
    from registry.cli import main as cli_main

    return cli_main(argv, ui=open_ui)
