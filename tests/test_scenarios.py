"""The rule scenarios in tests/scenarios, run against the real ``udpeg`` command by the project's
copy of the ecosystem's runner (tests/scenarios/run.py).

The public scenarios and the runner are copies of ``../shared/scenarios`` (tests/scenarios/README.md):
the suite never needs ``../shared``; when it is there, one test checks the copies are in step.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = Path(__file__).resolve().parent / "scenarios"
RUNNER = OURS / "run.py"


def shared_scenarios() -> Path:
    """Where the ecosystem's scenarios are, if anywhere: ``UDPEG_SHARED`` or ``../shared``."""
    base = os.environ.get("UDPEG_SHARED")
    return (Path(base) if base else ROOT.parent / "shared") / "scenarios"


def _run(*targets: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "UDPEG": f"{sys.executable} -m registry", "UDPEG_LANG": "en"}
    return subprocess.run([sys.executable, str(RUNNER), *map(str, targets)], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=900)


def _scenarios() -> list[str]:
    return sorted(p.name for p in OURS.glob("*.toml") if not p.name.endswith(".expect.toml"))


def test_the_runner_and_the_public_scenarios_are_in_the_project():
    assert RUNNER.is_file()
    for name in ("erhvervshus-2022", "nominations-10a", "nt-size"):
        assert (OURS / f"{name}.toml").is_file() and (OURS / f"{name}.expect.toml").is_file(), name


def out_of_step(shared: Path, ours: Path) -> list[str]:
    """The shared files whose copy in ``ours`` is missing or differs (the runner is ``run`` → ``run.py``)."""
    if not shared.is_dir():
        return []
    wanted = {p: ours / p.name for p in shared.glob("*.toml")}
    wanted[shared / "run"] = ours / "run.py"
    return sorted(f"{src.name} -> {dst.relative_to(ours.parent.parent) if dst.is_relative_to(ours.parent.parent) else dst}"
                  for src, dst in wanted.items()
                  if src.is_file() and (not dst.is_file() or dst.read_bytes() != src.read_bytes()))


def test_copies_are_in_step_with_shared():
    # Passes without ../shared (a user's clone); in the ecosystem it fails when a copy is stale.
    stale = out_of_step(shared_scenarios(), OURS)
    assert not stale, "copy these from ../shared/scenarios into tests/scenarios: " + ", ".join(stale)


def test_out_of_step_sees_a_changed_a_missing_and_a_new_file(tmp_path):
    shared, ours = tmp_path / "shared" / "scenarios", tmp_path / "p" / "tests" / "scenarios"
    shared.mkdir(parents=True)
    ours.mkdir(parents=True)
    for d in (shared, ours):
        (d / "same.toml").write_text("a = 1\n")
        (d / "changed.toml").write_text("a = 1\n")
    (shared / "run").write_text("print(1)\n")
    (ours / "run.py").write_text("print(1)\n")
    (ours / "only-ours.toml").write_text("a = 3\n")
    assert out_of_step(shared, ours) == []
    (shared / "changed.toml").write_text("a = 2\n")
    (shared / "new.toml").write_text("a = 1\n")
    (shared / "run").write_text("print(2)\n")
    assert [s.split(" ")[0] for s in out_of_step(shared, ours)] == ["changed.toml", "new.toml", "run"]
    assert out_of_step(tmp_path / "absent", ours) == []


@pytest.mark.parametrize("scenario", _scenarios())
def test_scenario_passes(scenario):
    res = _run(OURS / scenario)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "1 passed, 0 failed" in res.stdout, res.stdout
