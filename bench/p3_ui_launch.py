"""P3: terminal UI, launch to the first painted Boards screen, headless: national-20k vs sample."""

from __future__ import annotations

from bench.common import Env, Result
from bench.ui import cached_launch, ui_available

ID, TITLE, TARGET = "P3", "UI launch to Boards painted: national-20k vs sample", 1.5


def run(env: Env) -> Result:
    ui_available(env)
    r = Result(ID, TITLE, TARGET, figure_label="udpeg tui, national-20k", floor_label="udpeg tui, sample")
    r.floor, _ = cached_launch(env, "sample")
    r.figure, _ = cached_launch(env, "national-20k")
    r.samples = env.samples("ui.sample", "ui.national-20k")
    return r
