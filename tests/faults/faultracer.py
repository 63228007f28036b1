"""One racer process for R2: for each round, wait at the barrier with the other racer, then run
a `udpeg` command (in this process) and report the exit code and message."""

from __future__ import annotations

import io
import os
import time
from contextlib import redirect_stderr, redirect_stdout


def race(person: str, db: str, rounds: int, barrier, results, argv: list[str] | None = None) -> None:
    """``argv`` is the command, with ``{i}`` for the round and ``{person}`` for this racer;
    the default appoints ``person`` to the single seat of board b{i}."""
    os.environ.update({"UDPEG_LANG": "en", "NO_COLOR": "1"})
    from registry.cli import main

    argv = argv or ["appoint", "--board", "b{i}", "--seat", "member", "--person", "{person}", "--start", "2026-05-01"]
    for i in range(rounds):
        barrier.wait(timeout=120)
        out, err = io.StringIO(), io.StringIO()
        t0 = time.monotonic()
        with redirect_stdout(out), redirect_stderr(err):
            code = main([f"--db={db}", "--as", f"racer-{person}", *(a.format(i=i, person=person) for a in argv)])
        results.put((i, person, int(code), err.getvalue(), t0, time.monotonic()))
