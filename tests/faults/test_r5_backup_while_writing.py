"""R5: `udpeg backup` while another process writes: every copy passes the integrity check,
is consistent (each nomination with its audit event) and loads."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from backends import tiny_tree, write_tree
from faultutil import child_env, run_child

WRITER = Path(__file__).with_name("faultwriter.py")


def _counts(db: Path) -> tuple[str, int, int]:
    con = sqlite3.connect(db)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        n = con.execute("SELECT count(*) FROM nomination WHERE id LIKE 'w%'").fetchone()[0]
        e = con.execute("SELECT count(*) FROM audit_event WHERE actor = 'writer'").fetchone()[0]
        return ok, n, e
    finally:
        con.close()


def test_backup_while_another_process_writes(tmp_path, udpeg):
    db = tmp_path / "live.db"
    assert udpeg("init", "--empty", db=db).code == 0
    assert udpeg("load", str(write_tree(tiny_tree(boards=4, people=3), tmp_path / "t.json")), db=db).code == 0
    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, str(WRITER), str(db), str(stop)], env=child_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    copies = []
    try:
        deadline = time.monotonic() + 60
        while _counts(db)[1] < 5 and time.monotonic() < deadline and writer.poll() is None:
            time.sleep(0.05)
        for k in range(6):
            copy = tmp_path / f"copy{k}.db"
            r = udpeg("backup", str(copy), db=db)
            assert r.code == 0, r.err
            copies.append(copy)
            time.sleep(0.1)
    finally:
        stop.touch()
        out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    written = int(out.strip())
    seen = []
    for copy in copies:
        ok, n, e = _counts(copy)
        assert ok == "ok"
        assert n == e, f"{copy.name}: {n} nominations but {e} audit events: a torn copy"
        seen.append(n)
    assert seen == sorted(seen) and seen[-1] <= written
    assert len(set(seen)) > 1, f"the writer wrote nothing between backups ({seen}); the test did not overlap"
    # each copy loads: it opens as a registry, exports, and the export loads into a new one
    for copy in (copies[0], copies[-1]):
        exported = run_child("--db", copy, "export", "--format", "json")
        assert exported.returncode == 0, exported.stderr
        tree = json.loads(exported.stdout)
        again = tmp_path / f"again-{copy.stem}.json"
        again.write_text(exported.stdout, encoding="utf-8")
        fresh = tmp_path / f"fresh-{copy.stem}.db"
        assert udpeg("init", "--empty", db=fresh).code == 0
        r = udpeg("load", str(again), db=fresh)
        assert r.code == 0, r.err
        assert len([n for n in tree["nominations"] if n["id"].startswith("w")]) == _counts(copy)[1]
    print(f"\nR5: {len(copies)} backups while {written} transactions were written; copies held {seen}")
