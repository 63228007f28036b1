"""R1: kill -9 at random moments during `udpeg load` of a large dataset (5 kills by default,
20 with a bigger dataset under -m slow). Every time: integrity_check ok, and the load is all
there or not there at all; a finished load is never lost."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from faultutil import child_env, run_child, udpeg_argv
from faultgen import big_tree

COUNTED = ("person", "board", "appointment", "nomination", "office", "seat_group")


def _state(db: Path) -> tuple[str, dict[str, int], int]:
    con = sqlite3.connect(db)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}
        loads = con.execute("SELECT count(*) FROM audit_event WHERE action = 'load'").fetchone()[0]
        return ok, counts, loads
    finally:
        con.close()


def _writing(db: Path) -> bool:
    """Whether the load holds the write lock now (its one write transaction has begun)."""
    con = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        con.close()


@pytest.mark.parametrize("variant", ["default", pytest.param("slow", marks=pytest.mark.slow)])
def test_kill_9_during_load_leaves_all_or_nothing(tmp_path, request, variant):
    kills_wanted, boards = (5, 300) if variant == "default" else (20, 2500)
    rnd = random.Random(int(os.environ.get("UDPEG_FAULT_SEED", "6")))
    data = tmp_path / "big.json"
    data.write_text(json.dumps(big_tree(boards)), encoding="utf-8")
    empty = tmp_path / "empty.db"
    assert run_child("--db", empty, "init", "--empty").returncode == 0

    # a full load first: what "all there" means, and how long a load takes here
    full_db = tmp_path / "full.db"
    shutil.copy(empty, full_db)
    t0 = time.monotonic()
    done = run_child("--db", full_db, "load", data, timeout=600)
    full_time = time.monotonic() - t0
    assert done.returncode == 0, done.stderr
    ok, full, loads = _state(full_db)
    assert ok == "ok" and loads == 1 and full["board"] == boards
    empty_counts = {t: 0 for t in COUNTED}

    stats = {"runs": 0, "kills": 0, "kills_while_writing": 0, "finished_first": 0, "all": 0, "nothing": 0,
             "data_lost": 0}
    while stats["kills"] < kills_wanted and stats["runs"] < kills_wanted * 3:
        stats["runs"] += 1
        db = tmp_path / f"run{stats['runs']}.db"
        shutil.copy(empty, db)
        proc = subprocess.Popen(udpeg_argv("--db", db, "load", data), env=child_env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        start = time.monotonic()
        if stats["runs"] % 2:  # a random moment anywhere in the run
            time.sleep(rnd.uniform(0.05, full_time))
        else:                  # a random moment inside the write transaction
            while proc.poll() is None and not _writing(db) and time.monotonic() - start < full_time * 3:
                time.sleep(0.01)
            began = time.monotonic() - start
            time.sleep(rnd.uniform(0, max(0.02, (full_time - began) * 0.5)))
        writing = proc.poll() is None and _writing(db)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            stats["kills"] += 1
            stats["kills_while_writing"] += writing
            finished = False
        else:
            stats["finished_first"] += 1
            finished = proc.returncode == 0
        proc.stderr.close()
        ok, counts, loads = _state(db)
        assert ok == "ok", f"run {stats['runs']}: integrity_check says {ok}"
        if counts == full and loads == 1:
            stats["all"] += 1
        elif counts == empty_counts and loads == 0:
            stats["nothing"] += 1
            if finished:
                stats["data_lost"] += 1
        else:
            stats["data_lost"] += 1
            pytest.fail(f"run {stats['runs']}: a partial load survived the kill: {counts}, {loads} load event(s)")
    print(f"\nR1 {variant}: {stats}")
    assert stats["kills"] >= kills_wanted
    assert stats["data_lost"] == 0
    # a registry whose load was killed still takes the load afterwards
    victim = next(p for p in sorted(tmp_path.glob("run*.db")) if _state(p)[1] == empty_counts)
    again = run_child("--db", victim, "load", data, timeout=600)
    assert again.returncode == 0, again.stderr
    assert _state(victim)[1] == full
