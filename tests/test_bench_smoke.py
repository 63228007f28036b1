"""The benchmark harness still runs end to end (tiny registries, one repetition; no timing asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IDS = [f"P{i}" for i in range(1, 9)]


def test_quick_run_prints_a_line_for_every_target(tmp_path):
    out = tmp_path / "results.json"
    env = {k: v for k, v in os.environ.items() if k != "UDPEG_DB"}
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--cache", str(tmp_path / "cache"),
                        "--json", str(out)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=900)
    assert p.returncode == 0, p.stderr[-3000:]
    lines = {line.split()[0]: line for line in p.stdout.splitlines() if line[:1] == "P"}
    assert sorted(lines) == IDS, p.stdout
    for line in lines.values():
        assert ("pass" in line or "FAIL" in line) or "n/a (" in line, line
        assert "crashed" not in line, line
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in data["results"]] == IDS
    for r in data["results"]:
        assert r["status"] in ("pass", "FAIL", "n/a")
        if r["status"] != "n/a":
            assert r["figure"] > 0 and r["floor"] > 0 and r["ratio"] == r["figure"] / r["floor"]
