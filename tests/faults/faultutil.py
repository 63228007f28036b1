"""Helpers for the fault tests: run ``udpeg`` as a separate process, and size the runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def udpeg_argv(*args: str) -> list[str]:
    """The argv of a separate ``udpeg`` process, from this interpreter (same venv)."""
    return [sys.executable, "-c", "import sys; from registry.cli import main; main()", *map(str, args)]


def child_env(**extra: str) -> dict:
    env = dict(os.environ)
    env.update({"UDPEG_LANG": "en", "NO_COLOR": "1", "PYTHONPATH": str(ROOT), **extra})
    env.pop("UDPEG_DB", None)
    return env


def run_child(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(udpeg_argv(*args), env=child_env(**env), capture_output=True, text=True, timeout=timeout)


