"""Launch the terminal UI (or a minimal Textual app) headless; say when it first painted.

Run by the P3/P4/P6 targets as a separate process. It prints ``PAINTED`` as soon as the Boards
screen (or, with ``--minimal``, the one widget) is on screen, then ``MEM <kB>`` with the peak
resident memory once the UI's workers have finished, then exits. The harness times the process
from launch to the ``PAINTED`` line.

    python bench/ui_probe.py --db REGISTRY.db      # `udpeg --db REGISTRY.db tui`, headless
    python bench/ui_probe.py --minimal             # an App that paints one Static
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

TIMEOUT = 180.0


def _is_boards(screen) -> bool:
    names = [type(screen).__name__, screen.id or ""]
    if any("board" in n.lower() for n in names):
        return True
    try:
        return any("board" in (w.id or "").lower() or "board" in type(w).__name__.lower() for w in screen.walk_children())
    except Exception:  # noqa: BLE001 - a screen still composing
        return False


def _patch(ready) -> None:
    from textual.app import App

    original = App.run

    async def auto_pilot(pilot) -> None:
        app = pilot.app
        deadline = time.monotonic() + TIMEOUT
        while not ready(app.screen):
            if time.monotonic() > deadline:
                print("NOSCREEN", flush=True)
                app.exit()
                return
            await pilot.pause(0.005)
        await pilot.pause()
        print("PAINTED", flush=True)
        await app.workers.wait_for_complete()
        await pilot.pause()
        print("MEM", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
        app.exit()

    def run(self, *args, **kwargs):
        kwargs.update(headless=True, size=(120, 40), auto_pilot=auto_pilot)
        return original(self, *args, **kwargs)

    App.run = run


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db")
    ap.add_argument("--minimal", action="store_true")
    a = ap.parse_args()
    if a.minimal:
        from textual.app import App
        from textual.widgets import Static

        class Minimal(App):
            def compose(self):
                yield Static("Udpeg", id="hello")

        _patch(lambda screen: bool(screen.query("#hello")))
        Minimal().run()
        return 0
    _patch(_is_boards)
    from tui.launch import main as udpeg     # the `udpeg` entry point

    return udpeg(["--db", a.db, "tui"])


if __name__ == "__main__":
    sys.exit(main())
