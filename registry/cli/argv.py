"""Multi-value options as the CLI reference writes them: ``--candidate PERSON…``.

Click takes a repeatable option once per value (``--candidate a --candidate b``); the public
contract (cli.md) also writes ``--candidate a b``. :func:`spread` rewrites the second form into the
first for the options the command declares ``multiple``, so both work and nothing else changes.
"""

from __future__ import annotations

from typing import Any


def _command_path(root: Any, args: list[str]) -> Any:
    """The (sub)command ``args`` names, following group names; options are skipped over."""
    command = root
    for token in args:
        sub = getattr(command, "commands", None)
        if sub is None:
            break
        if token in sub:
            command = sub[token]
    return command


def multiple_options(command: Any) -> set[str]:
    return {opt for p in getattr(command, "params", ()) if getattr(p, "multiple", False) for opt in p.opts}


def spread(root: Any, args: list[str]) -> list[str]:
    """``--opt a b c`` → ``--opt a --opt b --opt c`` for the ``multiple`` options of the command."""
    names = multiple_options(_command_path(root, args))
    if not names:
        return args
    out: list[str] = []
    current: str | None = None
    taken = 0
    for token in args:
        if token == "--":
            current = None
            out.append(token)
            continue
        if token in names:
            current, taken = token, 0
            out.append(token)
            continue
        if token.startswith("-") and token != "-":
            current = None
            out.append(token)
            continue
        if current is not None:
            if taken:
                out.append(current)
            out.append(token)
            taken += 1
            continue
        out.append(token)
    return out
