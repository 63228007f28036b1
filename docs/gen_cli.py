"""Write docs/cli.md from the commands' own --help (a test checks it is current).

    python docs/gen_cli.py
"""

from __future__ import annotations

import io
import os
import sys
from contextlib import redirect_stdout
from pathlib import Path

DOC = Path(__file__).with_name("cli.md")

HEADER = """# `udpeg` command reference

Generated from the commands' `--help` by `python docs/gen_cli.py`; do not edit by hand.
The contract these commands keep is `../shared/spec/cli.md`; exit codes are
`registry.cli.ExitCode`: 0 done, 1 done with errors in the result (or refused),
2 bad input (nothing written), 3 conflict (nothing written), 4 internal error.

Bounds: every date option (`--on`, `--start`, `--end`, `--round`, `--received`, `--deadline`,
`--date`, `--since`, `--before`, `--from`, `--to`) takes a date from 1900-01-01 to 2199-12-31;
the whole-number options show their range below (`--seats` ≤ 1000, `--within` ≤ 3660 days,
`--limit`/`--offset` ≤ 1000000). Ids and texts given as options are held to the dataset's
bounds (docs/dataset.md, "Bounds"). Anything outside them ends with exit 2 and a sentence.
"""


def _help(args: list[str]) -> str:
    from registry.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        main([*args, "--help"])
    return out.getvalue().rstrip()


def render() -> str:
    os.environ["COLUMNS"] = "100"
    os.environ["NO_COLOR"] = "1"
    os.environ["UDPEG_LANG"] = "en"
    import typer.main

    from registry.cli.app import _register, app

    _register()
    root = typer.main.get_command(app)
    parts = [HEADER, "## udpeg\n", "```text", _help([]), "```\n"]

    def walk(group, prefix: list[str]) -> None:
        for name in sorted(getattr(group, "commands", {})):
            cmd = group.commands[name]
            path = [*prefix, name]
            parts.extend([f"## udpeg {' '.join(path)}\n", "```text", _help(path), "```\n"])
            walk(cmd, path)

    walk(root, [])
    return "\n".join(parts)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    DOC.write_text(render() + "\n", encoding="utf-8")
    print(f"wrote {DOC}")
