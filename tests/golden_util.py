"""Golden files: compare output with tests/golden/NAME; UDPEG_UPDATE_GOLDEN=1 rewrites them."""

import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UDPEG_UPDATE_GOLDEN") or not path.exists():
        if not os.environ.get("UDPEG_UPDATE_GOLDEN") and os.environ.get("CI"):
            raise AssertionError(f"golden file {name} is missing (run with UDPEG_UPDATE_GOLDEN=1 and commit it)")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file (UDPEG_UPDATE_GOLDEN=1 to accept)"
