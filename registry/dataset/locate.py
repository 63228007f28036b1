"""Find the line of a place such as ``boards[2].compositions[0].seats[4].count`` in TOML text.

Best effort over the hand-written layout the format uses (``[[boards]]`` headers, nested
``[[boards.compositions]]``, ``key = value`` lines, inline tables): good enough to point a
person at the right line; None when it cannot tell.
"""

from __future__ import annotations

import re

_STEP = re.compile(r"([A-Za-z_][\w-]*)(?:\[(\d+)\])?")
_HEADER = re.compile(r"^\s*\[\[\s*([\w.-]+)\s*\]\]")
_TABLE = re.compile(r"^\s*\[\s*([\w.-]+)\s*\]\s*(#.*)?$")


def locate_line(text: str, place: str) -> int | None:
    if not place:
        return None
    lines = text.splitlines()
    steps = [(m.group(1), None if m.group(2) is None else int(m.group(2))) for m in _STEP.finditer(place)]
    start, end = 0, len(lines)
    path: list[str] = []
    best: int | None = None
    for name, index in steps:
        path.append(name)
        header = ".".join(path)
        if index is not None:
            hits = [i for i in range(start, end) if (h := _HEADER.match(lines[i])) and h.group(1) == header]
            if index < len(hits):
                start = hits[index]
                following = [i for i in range(start + 1, end)
                             if (h := _HEADER.match(lines[i])) and not h.group(1).startswith(header + ".")
                             or ((t := _TABLE.match(lines[i])) and not t.group(1).startswith(header))]
                end = following[0] if following else end
                best = start + 1
                continue
        key = re.compile(rf"^\s*{re.escape(name)}\s*=")
        hit = next((i for i in range(start, end) if key.match(lines[i])), None)
        if hit is None:
            table = next((i for i in range(start, end) if (t := _TABLE.match(lines[i])) and t.group(1) == header), None)
            if table is None:
                return best
            start = table
            best = table + 1
            continue
        return hit + 1
    return best
