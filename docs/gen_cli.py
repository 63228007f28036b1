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
sys.path.insert(0, str(Path(__file__).resolve().parent))
from examples import EXAMPLES, TODAY  # noqa: E402

HEADER = """# `udpeg` command reference

Generated from the commands' `--help` by `python docs/gen_cli.py`; do not edit by hand.
The contract these commands keep is [`contract/cli.md`](contract/cli.md); exit codes are
`registry.cli.ExitCode`: 0 done, 1 done with errors in the result (or refused),
2 bad input (nothing written), 3 conflict (nothing written), 4 internal error.

Output: listings print to standard output (`--format table|json|csv`); a table fits the
terminal's width when standard output is a terminal, and is plain aligned text without box
drawing when it is not (for `grep`, `less -S`). CSV on standard output is plain UTF-8 without a
byte order mark, for scripts. A CSV *file* written with `-o` (the reports, among them the vacancy
list) is UTF-8 **with** a byte order mark (EF BB BF), so that Excel — Danish Excel too — reads
æøå correctly instead of guessing Windows-1252; to a pipe or a device (`-o /dev/stdout`) it
has none. `-o PATH` replaces a file atomically (a temporary file in its folder, then a rename; its
permissions kept), writes a symbolic link's target, writes a pipe or a device in place, and
refuses a folder or a missing folder (exit 2, nothing written).

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


def command_of(root, line: str) -> tuple[str, ...]:
    """The command path an example runs (``report annual``), skipping global options."""
    import shlex

    path: list[str] = []
    group = root
    for token in shlex.split(line):
        sub = getattr(group, "commands", None)
        if sub is not None and token in sub:
            path.append(token)
            group = sub[token]
    return tuple(path)


def examples_by_command(root) -> dict[tuple[str, ...], list[tuple[str, int, str]]]:
    found: dict[tuple[str, ...], list[tuple[str, int, str]]] = {}
    for example in EXAMPLES:
        found.setdefault(command_of(root, example[0]), []).append(example)
    return found


def render() -> str:
    os.environ["COLUMNS"] = "100"
    os.environ["NO_COLOR"] = "1"
    os.environ["UDPEG_LANG"] = "en"
    import typer.main

    from registry.cli.app import _register, app

    _register()
    root = typer.main.get_command(app)
    examples = examples_by_command(root)
    parts = [HEADER, "## udpeg\n", "```text", _help([]), "```\n"]

    def walk(group, prefix: list[str]) -> None:
        for name in sorted(getattr(group, "commands", {})):
            cmd = group.commands[name]
            path = [*prefix, name]
            parts.extend([f"## udpeg {' '.join(path)}\n", "```text", _help(path), "```\n"])
            if examples.get(tuple(path)):
                parts.extend(["Examples (on the sample, `UDPEG_TODAY=" + TODAY + "`):\n", "```sh"])
                for line, code, why in examples[tuple(path)]:
                    note = f"exit {code}" + (f": {why}" if why else "")
                    parts.append(f"udpeg {line}   # {note}")
                parts.append("```\n")
            walk(cmd, path)

    walk(root, [])
    return "\n".join(parts)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    DOC.write_text(render() + "\n", encoding="utf-8")
    print(f"wrote {DOC}")
