"""P2: ``udpeg check --format json`` over national-5k vs ``sqlite3 DB .dump`` of the same file."""

from __future__ import annotations

from bench.common import Env, Result

ID, TITLE, TARGET = "P2", "check --format json national-5k vs sqlite3 .dump", 3.0


def dump_floor(env: Env, db, label: str) -> tuple[float, str]:
    """Whole-process time of dumping ``db``: the sqlite3 shell, or Python's iterdump without it."""
    if env.sqlite3:
        return env.time_process(label, [env.sqlite3, str(db), ".dump"]), ""
    code = ("import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nw = sys.stdout.write\n"
            "for line in c.iterdump(): w(line + '\\n')\n")
    return env.time_process(label, [env.python, "-c", code, str(db)]), "floor: python iterdump (no sqlite3 shell)"


def run(env: Env) -> Result:
    db = env.registry("national-5k")["db"]
    r = Result(ID, TITLE, TARGET, figure_label="udpeg check --format json", floor_label="sqlite3 .dump")
    r.floor, r.note = dump_floor(env, db, "P2.dump")
    r.figure = env.time_process("P2.check", [*env.udpeg, "--db", str(db), "check", "--format", "json"],
                                env=env.udpeg_env(), ok=(0, 1))
    r.samples = env.samples("P2.dump", "P2.check")
    env.check_time = r.figure   # P7 compares with it
    return r
