"""P7: ``udpeg report annual --format xlsx`` on national-5k vs ``udpeg check`` on the same."""

from __future__ import annotations

from bench.common import Env, NotAvailable, Result

ID, TITLE, TARGET = "P7", "report annual --format xlsx vs check, national-5k", 2.0


def run(env: Env) -> Result:
    probe = env.udpeg_run(["report", "annual", "--help"], ok=(0, 1, 2))
    if probe.returncode != 0:
        raise NotAvailable("`udpeg report annual` has not landed")
    db = env.registry("national-5k")["db"]
    out = db.parent / "p7-annual.xlsx"
    r = Result(ID, TITLE, TARGET, figure_label="udpeg report annual --format xlsx", floor_label="udpeg check")
    r.floor = getattr(env, "check_time", None) or env.time_process(
        "P7.check", [*env.udpeg, "--db", str(db), "check"], env=env.udpeg_env(), ok=(0, 1))
    r.figure = env.time_process("P7.report", [*env.udpeg, "--db", str(db), "report", "annual", "--format", "xlsx",
                                              "-o", str(out)], env=env.udpeg_env(), ok=(0, 1))
    r.samples = env.samples("P7.check", "P2.check", "P7.report")
    out.unlink(missing_ok=True)
    return r
