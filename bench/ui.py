"""Launching the UI probe (``ui_probe.py``) and timing it to its first paint."""

from __future__ import annotations

import statistics
import subprocess
import time
from pathlib import Path

from bench.common import BENCH, Env, NotAvailable

PROBE = BENCH / "ui_probe.py"


def ui_available(env: Env) -> None:
    p = subprocess.run([env.python, "-c", "import tui.app"], capture_output=True, text=True, env=env.udpeg_env())
    if p.returncode != 0:
        raise NotAvailable("the terminal UI (tui.app) has not landed")


def launch(env: Env, label: str, db: Path | None, reps: int | None = None) -> tuple[float, float]:
    """Median seconds from launch to first paint, and median peak memory (MiB) after the workers."""
    argv = [env.python, str(PROBE)] + (["--db", str(db)] if db else ["--minimal"])
    paints, mems = [], []
    for _ in range(reps or env.reps):
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env.udpeg_env())
        painted = None
        mem = None
        assert p.stdout is not None
        for line in p.stdout:
            if line.startswith("PAINTED") and painted is None:
                painted = time.perf_counter() - t0
            elif line.startswith("MEM"):
                mem = int(line.split()[1]) / 1024
            elif line.startswith("NOSCREEN"):
                break
        try:
            _out, err = p.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            p.kill()
            _out, err = p.communicate()
        if painted is None:
            raise NotAvailable(f"the UI did not paint a Boards screen ({(err or '').strip()[-300:] or 'no output'})")
        paints.append(painted)
        if mem is not None:
            mems.append(mem)
    env._measured[label] = paints
    env._measured[label + ".mem"] = mems
    return statistics.median(paints), (statistics.median(mems) if mems else float("nan"))


def cached_launch(env: Env, name: str) -> tuple[float, float]:
    """Each registry's launch is measured once per run and shared by P3, P4 and P6."""
    cache = env.__dict__.setdefault("_ui", {})
    if name not in cache:
        db = None if name == "minimal" else env.registry(name)["db"]
        cache[name] = launch(env, f"ui.{name}", db)
    return cache[name]
