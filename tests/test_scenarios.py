"""The shared rule scenarios (../shared/scenarios) and our own (tests/scenarios), run against the
real ``udpeg`` command by the shared runner."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUNNER = ROOT.parent / "shared" / "scenarios" / "run"
OURS = Path(__file__).resolve().parent / "scenarios"


def _run(*targets: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "UDPEG": f"{sys.executable} -m registry", "UDPEG_LANG": "en"}
    return subprocess.run([sys.executable, str(RUNNER), *map(str, targets)], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=900)


def test_the_shared_runner_is_there():
    # In CI shared/ sits beside the checkout; without it these tests would prove nothing.
    assert RUNNER.is_file(), f"missing {RUNNER}"


def test_shared_scenarios_pass():
    res = _run(RUNNER.parent)
    assert res.returncode == 0, res.stdout + res.stderr
    assert " 0 failed" in res.stdout


@pytest.mark.parametrize("scenario", sorted(p.name for p in OURS.glob("*.toml") if not p.name.endswith(".expect.toml")))
def test_our_scenarios_pass(scenario):
    res = _run(OURS / scenario)
    assert res.returncode == 0, res.stdout + res.stderr
