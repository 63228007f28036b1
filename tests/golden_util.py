"""Golden files: compare output with tests/golden/NAME; UDPEG_UPDATE_GOLDEN=1 rewrites them."""

import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UDPEG_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    elif not path.exists():
        # never passes by writing its own expectation: a missing golden fails, in CI and out of it
        if not os.environ.get("CI"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        raise AssertionError(f"golden file {name} was missing" + (" (run with UDPEG_UPDATE_GOLDEN=1 and commit it)"
                             if os.environ.get("CI") else "; written now: look at it, commit it, and run again"))
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file (UDPEG_UPDATE_GOLDEN=1 to accept)"
