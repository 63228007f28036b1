"""Udpeg's benchmark harness: targets P1–P8 of quality.md, each a ratio against a floor measured in the same run.

    .venv/bin/python bench/run.py                 # everything (builds national-5k/20k once, cached)
    .venv/bin/python bench/run.py --only P2,P8    # some targets
    .venv/bin/python bench/run.py --quick         # tiny registries, one repetition (the smoke test)

Prints one line per target (figure, floor, ratio, target, pass/FAIL, or n/a with the reason)
and writes the same as JSON (``bench/results.json`` unless ``--json``). Exit status 0 when it
ran, whatever the figures; 1 if a target crashed. See bench/README.md.
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import BENCH, Env, NotAvailable, Result, find_udpeg, machine, write_json  # noqa: E402

TARGETS = ("p1_whatif", "p2_check", "p3_ui_launch", "p4_ui_paint", "p5_load", "p6_ui_memory", "p7_report", "p8_version")
FULL_SIZES = {"national-5k": 5000, "national-20k": 20000}
QUICK_SIZES = {"national-5k": 30, "national-20k": 60}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Run Udpeg's speed targets P1–P8 (quality.md).")
    ap.add_argument("--quick", action="store_true", help="tiny registries and one repetition (a smoke run)")
    ap.add_argument("--only", default="", help="comma-separated target ids, e.g. P1,P2")
    ap.add_argument("--reps", type=int, default=None, help="repetitions per figure (default 5; --quick: 1)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cache", type=Path, default=BENCH / ".cache", help="where built registries are kept")
    ap.add_argument("--json", type=Path, default=None, help="results file (default bench/results.json, "
                                                             "bench/results-quick.json with --quick)")
    a = ap.parse_args(argv)
    only = {x.strip().upper() for x in a.only.split(",") if x.strip()}
    reps = a.reps or (1 if a.quick else 5)
    log = lambda msg: print(f"  … {msg}", file=sys.stderr, flush=True)  # noqa: E731
    env = Env(quick=a.quick, reps=reps, cache=a.cache, seed=a.seed, python=sys.executable,
              udpeg=find_udpeg(sys.executable), sqlite3=shutil.which("sqlite3"),
              sizes=QUICK_SIZES if a.quick else FULL_SIZES, years=8 if a.quick else 20, log=log)
    if env.sqlite3 is None:
        print("note: no sqlite3 shell found (apt-get install sqlite3); floors use Python's sqlite3 instead",
              file=sys.stderr)
    results: list[Result] = []
    crashed = False
    for name in TARGETS:
        mod = importlib.import_module(f"bench.{name}")
        if only and mod.ID not in only:
            continue
        t0 = time.perf_counter()
        try:
            r = mod.run(env)
        except NotAvailable as exc:
            r = Result(mod.ID, mod.TITLE, mod.TARGET, note=str(exc))
        except Exception as exc:  # noqa: BLE001 - one broken target must not hide the others
            crashed = True
            traceback.print_exc(file=sys.stderr)
            r = Result(mod.ID, mod.TITLE, mod.TARGET, note=f"crashed: {type(exc).__name__}: {str(exc)[:200]}")
        r.samples["_target_seconds"] = round(time.perf_counter() - t0, 2)
        results.append(r)
        print(r.line(), flush=True)
    out = a.json or (BENCH / ("results-quick.json" if a.quick else "results.json"))
    meta = {**machine(), "quick": a.quick, "reps": reps, "seed": a.seed, "sizes": env.sizes,
            "sqlite3": env.sqlite3 or "python sqlite3 fallback"}
    write_json(out, results, meta)
    print(f"wrote {out}", file=sys.stderr)
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
