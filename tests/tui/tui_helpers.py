"""Pilot helpers and a small snapshot helper (plain-text goldens, SVG pictures; no pytest plugin).

``UDPEG_UPDATE_SNAPSHOTS=1 pytest tests/tui`` rewrites the goldens; otherwise the plain text of
the screen must equal the stored ``snapshots/NAME.txt``. Each run also writes the screen as SVG to
``snapshots/svg/`` (not committed: 2 MB of churn) for people to look at.
"""

from __future__ import annotations

import io
import os
import re
from datetime import date
from pathlib import Path

from rich.console import Console

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOTS = Path(__file__).parent / "snapshots"
TODAY = date(2026, 3, 27)


def make_app(path, today: date = TODAY, actor: str = "test"):
    from registry.db import open_registry, to_url
    from registry.service import Context
    from tui.app import UdpegApp

    engine = open_registry(to_url(str(path)))
    return UdpegApp(Context(engine, actor=actor), today=today)


async def settle(pilot, rounds: int = 30) -> None:
    """Wait until no worker runs and the screen has processed what they delivered."""
    app = pilot.app
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            await pilot.pause()
            if not any(w.is_running for w in app.workers):
                return


def screen_text(app) -> str:
    w, h = app.size
    con = Console(width=w, height=h, file=io.StringIO(), record=True, force_terminal=True, color_system=None,
                  legacy_windows=False, safe_box=False)
    con.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return con.export_text()


_MASKS = [(re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"), "YYYY-MM-DD hh:mm")]


def normalise(text: str) -> str:
    text = text.replace(str(ROOT), "<root>")
    for rx, repl in _MASKS:
        text = rx.sub(repl, text)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def no_blink(app) -> None:
    from textual.widgets import Input

    for screen in app.screen_stack:
        for i in screen.query(Input):
            i.cursor_blink = False


def assert_snapshot(app, name: str) -> None:
    no_blink(app)
    text = normalise(screen_text(app))
    txt, svg = SNAPSHOTS / f"{name}.txt", SNAPSHOTS / "svg" / f"{name}.svg"
    svg.parent.mkdir(parents=True, exist_ok=True)
    svg.write_text(normalise(app.export_screenshot(title="Udpeg")), encoding="utf-8")
    if os.environ.get("UDPEG_UPDATE_SNAPSHOTS"):
        txt.write_text(text, encoding="utf-8")
    elif not txt.exists():
        # never passes by writing its own expectation: a missing golden fails, in CI and out of it
        if not os.environ.get("CI"):
            txt.write_text(text, encoding="utf-8")
        raise AssertionError(f"snapshot {name} was missing" + ("" if os.environ.get("CI") else
                             "; written now: look at it, commit it, and run again"))
    expected = txt.read_text(encoding="utf-8")
    assert text == expected, f"snapshot {name} differs; rerun with UDPEG_UPDATE_SNAPSHOTS=1 if intended\n{text}"


def run_async(fn):
    """Run an async pilot test without a pytest plugin (pytest 9, no pytest-asyncio)."""
    import asyncio
    import functools
    import inspect

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    wrapper.__signature__ = inspect.signature(fn)
    return wrapper
