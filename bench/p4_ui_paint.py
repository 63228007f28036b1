"""P4: terminal UI first paint on the sample vs a minimal Textual app that paints one widget."""

from __future__ import annotations

from bench.common import Env, Result
from bench.ui import cached_launch, ui_available

ID, TITLE, TARGET = "P4", "UI first paint on sample vs minimal Textual app", 3.0


def run(env: Env) -> Result:
    ui_available(env)
    r = Result(ID, TITLE, TARGET, figure_label="udpeg tui, sample", floor_label="minimal Textual app")
    r.floor, _ = cached_launch(env, "minimal")
    r.figure, _ = cached_launch(env, "sample")
    r.samples = env.samples("ui.minimal", "ui.sample")
    return r
