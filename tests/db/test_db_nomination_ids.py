"""Nomination ids stay unique when several people register at once (issue 13.7): on PostgreSQL,
three simultaneous `nominate` for one board, seat, round and organisation once ended in exit 4
(UniqueViolation pk_nomination). Now each gets its own id, in turn; an explicit id that is taken
is a conflict (exit 3), never silently renamed."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from registry.db import ConflictError

ROUND = date(2026, 4, 1)


def _nominate(ctx, **kw):
    from registry import service

    return service.nominate(ctx, service.NominationInput(board="b0", seat="member", round=ROUND,
                                                         organisations=("kkr-nordjylland",), candidates=("p1", "p2"),
                                                         **kw))


def test_simultaneous_nominations_each_get_an_id(tiny_reg):
    from registry.service import Context

    n = 4
    barrier = threading.Barrier(n)
    ids: list[str] = []
    errors: list[BaseException] = []
    base = tiny_reg.context()

    def one():
        ctx = Context(base.engine, actor="racer")
        barrier.wait()
        try:
            ids.append(_nominate(ctx)[0])
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    first = "n-b0-member-2026-04-01-kkr-nordjylland"
    # four registrations: the plain id, then -2, -3, -4 in the order they got the board
    assert sorted(ids) == sorted([first, f"{first}-2", f"{first}-3", f"{first}-4"])
    assert tiny_reg.scalar("SELECT count(*) FROM nomination WHERE board = 'b0'") == 1 + n


def test_an_explicit_id_that_is_taken_is_a_conflict(tiny_reg, udpeg):
    ctx = tiny_reg.context()
    events = tiny_reg.scalar("SELECT count(*) FROM audit_event")
    with pytest.raises(ConflictError) as info:
        _nominate(ctx, id="n0")  # the tiny registry's own nomination
    assert info.value.exit_code == 3 and "already a nomination with id n0" in str(info.value)
    assert tiny_reg.scalar("SELECT count(*) FROM nomination") == 1
    assert tiny_reg.scalar("SELECT count(*) FROM audit_event") == events
    r = udpeg("nominate", "--board", "b0", "--seat", "member", "--round", "2026-04-01", "--org", "kkr-nordjylland",
              "--candidate", "p1", "--id", "n0", db=tiny_reg.db)
    assert r.code == 3 and "n0-2" not in r.out + r.err
