"""P6: peak memory of the terminal UI on national-20k vs on the sample."""

from __future__ import annotations

import math

from bench.common import Env, NotAvailable, Result
from bench.ui import cached_launch, ui_available

ID, TITLE, TARGET = "P6", "UI peak memory: national-20k vs sample", 1.5


def run(env: Env) -> Result:
    ui_available(env)
    r = Result(ID, TITLE, TARGET, unit="MiB", figure_label="peak RSS, national-20k", floor_label="peak RSS, sample")
    _, r.floor = cached_launch(env, "sample")
    _, r.figure = cached_launch(env, "national-20k")
    if math.isnan(r.floor) or math.isnan(r.figure):
        raise NotAvailable("the UI did not report its memory (its workers did not finish)")
    r.samples = env.samples("ui.sample.mem", "ui.national-20k.mem")
    return r
