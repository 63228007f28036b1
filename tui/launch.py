"""The ``udpeg`` command: the core's CLI (:mod:`registry.cli`) with this terminal UI plugged in.

The core never imports the UI (architecture.md): the entry point hands it over instead. This
module imports nothing heavy, so ``udpeg --version`` and the CLI's commands stay as fast as
``python -m registry``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:   # pragma: no cover - `udpeg --version` imports nothing it does not need
    from datetime import date


def open_ui(ctx, today: date) -> None:
    from tui.app import run_app

    run_app(ctx, today=today)


def main(argv: list[str] | None = None) -> int:
    from registry.cli import main as cli_main

    return cli_main(argv, ui=open_ui)
