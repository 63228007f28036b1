"""P1: what-if on one board does not grow with the registry (national-20k vs the sample)."""

from __future__ import annotations

from datetime import date

from bench.common import Env, NotAvailable, Result

ID, TITLE, TARGET = "P1", "whatif on one board: national-20k vs sample", 1.3
START = date(2026, 11, 1)


def _case(db) -> tuple[object, object]:
    """An Erhvervshus board, its business seat, and someone not on it: the same case in both registries."""
    from sqlalchemy import text

    from registry.db import make_engine, to_url
    from registry.service import Context, Proposal

    engine = make_engine(to_url(str(db)))
    with engine.connect() as c:
        board = c.execute(text("SELECT b.id FROM board b JOIN composition c ON c.board = b.id "
                               "JOIN seat_group s ON s.composition = c.pk "
                               "WHERE b.name LIKE 'Erhvervshus%' AND s.seat = 'business' ORDER BY b.id LIMIT 1")).scalar()
        if board is None:
            raise NotAvailable(f"no Erhvervshus board with a business seat in {db.name}")
        person = c.execute(text("SELECT p.id FROM person p WHERE p.id NOT IN "
                                "(SELECT person FROM appointment WHERE board = :b) ORDER BY p.id LIMIT 1"),
                           {"b": board}).scalar()
    return Context(engine, actor="bench"), Proposal(board=board, seat="business", person=person, start=START)


def run(env: Env) -> Result:
    r = Result(ID, TITLE, TARGET, figure_label="whatif, national-20k", floor_label="whatif, sample")
    try:
        from registry import service
        import registry.rules  # noqa: F401 - the rules engine must be there
        if not hasattr(registry.rules, "evaluate"):
            raise ImportError("registry.rules.evaluate")
    except ImportError as exc:
        raise NotAvailable(f"the rules engine has not landed ({exc})") from None
    cases = [_case(env.registry(name)["db"]) for name in ("sample", "national-5k", "national-20k")]
    reps = env.reps * 5 if not env.quick else 1
    small, mid, big = env.time_calls_interleaved(
        ("P1.sample", "P1.national-5k", "P1.national-20k"),
        [lambda c=c, p=p: service.whatif(c, p) for c, p in cases], reps=reps)
    r.floor, r.figure = small, big
    # the same kind of board in a registry a quarter the size: flat across registry sizes; what-if
    # reads the appointments the rules judge (the board now), not the board's whole past
    hist = [len(service.whatif(c, p).snapshot.history) for c, p in cases]
    r.note = (f"{cases[2][1].board} ({hist[2]} appointments read) vs {cases[0][1].board} ({hist[0]}); "
              f"national-5k {cases[1][1].board} ({hist[1]}): {mid * 1000:.1f} ms = {mid / big:.2f}× the national-20k figure")
    r.samples = env.samples("P1.sample", "P1.national-5k", "P1.national-20k")
    for c, _p in cases:
        c.engine.dispose()
    return r
