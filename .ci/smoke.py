"""Every command of the CLI reference, once, from a plain install (issue 12: no extras).

    python .ci/smoke.py /path/to/venv/bin/udpeg

Runs in a fresh folder with a fresh HOME: first the README's first run (the default registry is
created with the sample), then each example of docs/examples.py in order with its documented exit
code, then the terminal UI in tmux at 80×24 until it shows the boards, then Ctrl+Q. Exit 1 on the
first command that gives another code, an internal error or a traceback.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs"))
from examples import DATA_FILES, EXAMPLES, TODAY  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main(udpeg: str) -> int:
    work = Path(tempfile.mkdtemp(prefix="udpeg-smoke-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("UDPEG_")}
    env.update(HOME=str(work / "home"), XDG_DATA_HOME=str(work / "home" / ".local" / "share"),
               UDPEG_TODAY=TODAY, UDPEG_LANG="en", NO_COLOR="1")
    (work / "home").mkdir()
    for name in DATA_FILES:   # the project's files an example reads (the examples run from a checkout's top)
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, work / name)
    failures = 0

    def run(args: list[str], code: int) -> None:
        nonlocal failures
        r = subprocess.run([udpeg, *args], cwd=work, env=env, capture_output=True, text=True, timeout=300)
        bad = r.returncode != code or "internal error" in r.stderr or "Traceback" in r.stderr
        print(("FAIL" if bad else "ok  "), r.returncode, "udpeg", shlex.join(args), flush=True)
        if bad:
            failures += 1
            print(r.stderr[-2000:], file=sys.stderr)

    run(["--version"], 0)
    run(["boards"], 0)  # the README's first run: creates the default registry with the sample
    default = Path(env["XDG_DATA_HOME"]) / "udpeg" / "registry.db"
    if not default.is_file():
        print(f"FAIL the first run did not create {default}", file=sys.stderr)
        failures += 1
    for line, code, _why in EXAMPLES:
        args = shlex.split(line)
        run(args if args[0] == "--db" else ["--db", str(default), *args], code)
    failures += tui(udpeg, env, work)
    shutil.rmtree(work, ignore_errors=True)
    print(f"smoke: {len(EXAMPLES) + 3} commands, {failures} failed")
    return 1 if failures else 0


def tui(udpeg: str, env: dict[str, str], work: Path) -> int:
    """The UI from the plain install: it must paint the boards at 80×24 and quit on Ctrl+Q."""
    if not shutil.which("tmux"):
        print("FAIL tmux is needed to run the UI in the smoke test", file=sys.stderr)
        return 1
    session = f"udpeg-smoke-{os.getpid()}"
    envs = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items() if k in ("HOME", "XDG_DATA_HOME", "UDPEG_TODAY", "UDPEG_LANG"))
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24",
                    f"cd {shlex.quote(str(work))} && env {envs} {shlex.quote(udpeg)}; sleep 30"], check=True)
    try:
        screen = ""
        for _ in range(120):
            time.sleep(0.5)
            screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout
            if "Erhvervshus" in screen:
                break
        if "Erhvervshus" not in screen or "Traceback" in screen:
            print("FAIL the UI did not show the boards:\n" + screen, file=sys.stderr)
            return 1
        subprocess.run(["tmux", "send-keys", "-t", session, "C-q"], check=True)
        for _ in range(40):
            time.sleep(0.25)
            screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout
            if "Erhvervshus" not in screen:
                print("ok   the UI painted the boards at 80×24 and quit on Ctrl+Q")
                return 0
        print("FAIL the UI did not quit on Ctrl+Q:\n" + screen, file=sys.stderr)
        return 1
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
