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
    big_ctx, big_p = _case(env.registry("national-20k")["db"])
    small_ctx, small_p = _case(env.registry("sample")["db"])
    reps = max(env.reps * 3, 1) if not env.quick else 1
    r.floor = env.time_call("P1.sample", lambda: service.whatif(small_ctx, small_p), reps=reps)
    r.figure = env.time_call("P1.national-20k", lambda: service.whatif(big_ctx, big_p), reps=reps)
    r.note = f"{big_p.board} vs {small_p.board}"
    r.samples = env.samples("P1.sample", "P1.national-20k")
    big_ctx.engine.dispose()
    small_ctx.engine.dispose()
    return r
