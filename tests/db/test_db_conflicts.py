"""Concurrent edits of one record are detected by its version column: the second writer gets
ConflictError (exit 3), and nothing it wanted is written."""

from __future__ import annotations

from datetime import date

import pytest

from registry.db import ConflictError

START = date(2026, 5, 1)


def _appointed(reg):
    from registry import service
    from registry.service import Proposal

    ctx = reg.context()
    return ctx, service.appoint(ctx, Proposal(board="b0", seat="member", person="p1", start=START)).holding.appointment


def test_ending_with_a_stale_version_is_a_conflict(tiny_reg):
    from registry import service

    ctx, aid = _appointed(tiny_reg)
    read_version = tiny_reg.scalar("SELECT version FROM appointment WHERE id = ?", aid)
    # someone else changes the record after we read it
    con = tiny_reg.raw()
    con.execute(("UPDATE appointment SET version = version + 1, decision_case = 'X' WHERE id = ?"
                 if tiny_reg.backend == "sqlite" else
                 "UPDATE appointment SET version = version + 1, decision_case = 'X' WHERE id = %s"), (aid,))
    con.close()
    events = tiny_reg.scalar("SELECT count(*) FROM audit_event")
    with pytest.raises(ConflictError) as info:
        service.end_appointment(ctx, aid, date(2026, 6, 1), "resigned", expected_version=read_version)
    assert info.value.exit_code == 3
    assert "Someone else changed appointment" in str(info.value) and "nothing was written" in str(info.value)
    assert tiny_reg.scalar("SELECT ended_date FROM appointment WHERE id = ?", aid) is None
    assert tiny_reg.scalar("SELECT count(*) FROM audit_event") == events
    # with the fresh version it works
    service.end_appointment(ctx, aid, date(2026, 6, 1), "resigned", expected_version=read_version + 1)
    assert tiny_reg.scalar("SELECT version FROM appointment WHERE id = ?", aid) == read_version + 2


def test_two_editors_of_one_nomination_one_wins(tiny_reg):
    from registry import service

    ctx = tiny_reg.context()
    v = tiny_reg.scalar("SELECT version FROM nomination WHERE id = 'n0'")
    service.decide_reasons(ctx, "n0", True, expected_version=v)        # editor A
    with pytest.raises(ConflictError):
        service.decide_reasons(ctx, "n0", False, expected_version=v)   # editor B read the same version
    assert tiny_reg.scalar("SELECT reasons_accepted FROM nomination WHERE id = 'n0'") == "yes"


def test_ending_twice_from_the_cli_exits_3(tiny_reg, udpeg):
    _ctx, aid = _appointed(tiny_reg)
    r1 = udpeg("end", aid, "--date", "2026-06-01", "--reason", "resigned", db=tiny_reg.db)
    assert r1.code == 0, r1.err
    r2 = udpeg("end", aid, "--date", "2026-06-02", "--reason", "resigned", db=tiny_reg.db)
    assert r2.code == 3, r2.err
    assert "already ended" in r2.err and "Traceback" not in r2.err
    assert str(tiny_reg.scalar("SELECT ended_date FROM appointment WHERE id = ?", aid)) == "2026-06-01"


def test_appointing_to_a_full_seat_is_refused_and_bumps_nothing(tiny_reg, udpeg):
    _ctx, _aid = _appointed(tiny_reg)
    board_version = tiny_reg.scalar("SELECT version FROM board WHERE id = 'b0'")
    r = udpeg("appoint", "--board", "b0", "--seat", "member", "--person", "p2", "--start", "2026-05-01",
              db=tiny_reg.db)
    assert r.code == 1 and "refused" in r.err
    assert tiny_reg.scalar("SELECT count(*) FROM appointment") == 1
    assert tiny_reg.scalar("SELECT version FROM board WHERE id = 'b0'") == board_version
