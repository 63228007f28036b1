"""R5's busy colleague: registers nominations one transaction at a time until told to stop.

    python faultwriter.py DB STOPFILE
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path


def main(db: str, stop: str) -> int:
    from registry import service
    from registry.db import make_engine
    from registry.service import Context, NominationInput

    ctx = Context(make_engine(f"sqlite:///{db}"), actor="writer")
    i = 0
    while not Path(stop).exists() and i < 100_000:
        service.nominate(ctx, NominationInput(board=f"b{i % 4}", seat="member", round=date(2026, 4, 1),
                                              organisations=("kkr-nordjylland",), candidates=("p1", "p2"),
                                              id=f"w{i}", reasons="x" * 200))
        i += 1
    ctx.engine.dispose()
    print(i)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
