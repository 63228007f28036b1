"""P8: ``udpeg --version`` vs ``python -c pass`` (no database, ORM or UI imported)."""

from __future__ import annotations

from bench.common import Env, Result

ID, TITLE, TARGET = "P8", "udpeg --version vs python -c pass", 4.0


def run(env: Env) -> Result:
    r = Result(ID, TITLE, TARGET, figure_label="udpeg --version", floor_label="python -c pass")
    reps = env.reps * 5 if not env.quick else 1
    r.floor = env.time_process("P8.python", [env.python, "-c", "pass"], reps=reps)
    r.figure = env.time_process("P8.version", [*env.udpeg, "--version"], reps=reps)
    r.samples = env.samples("P8.python", "P8.version")
    return r
