"""P5: ``udpeg load`` of national-5k (JSON) into an empty SQLite file vs ``sqlite3 new.db < dump.sql``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.common import Env, Result

ID, TITLE, TARGET = "P5", "load national-5k JSON vs sqlite3 new.db < dump.sql", 5.0


def _remove(db: Path) -> None:
    for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-journal")):
        p.unlink(missing_ok=True)


def run(env: Env) -> Result:
    reg = env.registry("national-5k")
    work = reg["db"].parent / "p5"
    work.mkdir(exist_ok=True)
    dump = work / "dump.sql"
    if not dump.exists() or dump.stat().st_mtime < reg["db"].stat().st_mtime:
        con = sqlite3.connect(reg["db"])
        with open(dump, "w", encoding="utf-8") as f:
            for line in con.iterdump():
                f.write(line + "\n")
        con.close()
    r = Result(ID, TITLE, TARGET, figure_label="udpeg load (empty registry)", floor_label="sqlite3 new.db < dump.sql")
    target = work / "new.db"
    empty = work / "empty.db"
    _remove(empty)
    env.udpeg_run(["--db", str(empty), "init", "--empty"])

    def fresh_empty() -> None:
        _remove(target)
        target.write_bytes(empty.read_bytes())

    def fresh_none() -> None:
        _remove(target)

    if env.sqlite3:
        r.floor = env.time_process("P5.restore", [env.sqlite3, str(target)], stdin=dump, before=fresh_none)
    else:
        code = "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.executescript(sys.stdin.read())\nc.close()\n"
        r.floor = env.time_process("P5.restore", [env.python, "-c", code, str(target)], stdin=dump, before=fresh_none)
        r.note = "floor: python executescript (no sqlite3 shell)"
    r.figure = env.time_process("P5.load", [*env.udpeg, "--db", str(target), "load", str(reg["json"])],
                                env=env.udpeg_env(), before=fresh_empty)
    r.samples = env.samples("P5.restore", "P5.load")
    _remove(target)
    return r
