"""S3 and the audit log: every service write is audited; the table refuses UPDATE, DELETE
(and TRUNCATE on PostgreSQL) from a plain SQL client on both backends."""

from __future__ import annotations

from datetime import date, timedelta

import pytest


def _refused(reg, sql: str) -> str:
    con = reg.raw()
    try:
        with pytest.raises(Exception) as info:
            con.execute(sql)
        return str(info.value)
    finally:
        con.close()


REFUSED = ["UPDATE audit_event SET actor = 'mallory'",
           "UPDATE audit_event SET reason = NULL WHERE pk = 1",
           "DELETE FROM audit_event",
           "DELETE FROM audit_event WHERE pk = 1"]


def test_audit_table_refuses_update_and_delete_from_a_sql_client(sample_reg):
    before = sample_reg.scalar("SELECT count(*) FROM audit_event")
    assert before >= 1
    statements = REFUSED + (["TRUNCATE audit_event"] if sample_reg.backend == "postgresql" else [])
    for sql in statements:
        assert "append-only" in _refused(sample_reg, sql), sql
        assert sample_reg.scalar("SELECT count(*) FROM audit_event") == before
        assert sample_reg.scalar("SELECT count(*) FROM audit_event WHERE actor = 'mallory'") == 0


def test_audit_table_still_takes_inserts(sample_reg):
    con = sample_reg.raw()
    try:
        con.execute("INSERT INTO audit_event (at, actor, action, entity, entity_id) "
                    "VALUES ('2026-01-01 00:00:00', 'x', 'note', 'test', 't1')")
    finally:
        con.close()
    assert sample_reg.scalar("SELECT count(*) FROM audit_event WHERE entity_id = 't1'") == 1


def test_every_service_write_is_audited_with_who_what_and_why(tiny_reg, udpeg):
    from registry import service
    from registry.service import NominationInput, Proposal

    ctx = tiny_reg.context(actor="sekretariat-1")
    start = date(2026, 5, 1)
    result = service.appoint(ctx, Proposal(board="b0", seat="member", person="p1", start=start))
    aid = result.holding.appointment
    service.end_appointment(ctx, aid, start + timedelta(days=30), "resigned", note="moved away")
    nid, _ = service.nominate(ctx, NominationInput(board="b0", seat="member", round=date(2026, 9, 1),
                                                   organisations=("kkr-nordjylland",), candidates=("p2", "p3")))
    service.decide_reasons(ctx, nid, True)

    log = service.audit_log(ctx)
    mine = [e for e in log if e["actor"] == "sekretariat-1"]
    assert [e["action"] for e in mine] == ["decide-reasons", "nominate", "end", "appoint"]  # newest first
    appoint, end = mine[3], mine[2]
    assert appoint["entity_id"] == aid and appoint["board"] == "b0" and appoint["after"]["person"] == "p1"
    assert end["before"]["ended_date"] is None and end["after"]["ended_date"] == "2026-05-31"
    assert end["reason"] == "moved away"
    assert mine[0]["before"]["reasons_accepted"] == "" and mine[0]["after"]["reasons_accepted"] == "yes"

    r = udpeg("--as", "sekretariat-1", "audit", "--board", "b0", "--format", "json", db=tiny_reg.db)
    assert r.code == 0, r.err
    assert [e["action"] for e in r.json()] == ["decide-reasons", "nominate", "end", "appoint"]
    assert service.audit_log(ctx, limit=2) == log[:2]
    assert service.audit_log(ctx, board="no-such-board") == []


def test_audit_since_filters_by_day(tiny_reg, udpeg):
    from registry import service

    ctx = tiny_reg.context()
    assert len(service.audit_log(ctx, since=date(2000, 1, 1))) == 1  # the load
    assert service.audit_log(ctx, since=date.today() + timedelta(days=2)) == []
    r = udpeg("audit", "--since", "2000-01-01", "--format", "csv", db=tiny_reg.db)
    assert r.code == 0 and r.out.count("\n") == 2 and "load" in r.out
    r = udpeg("audit", "--since", "soon", db=tiny_reg.db)
    assert r.code == 2 and "--since" in r.err and "Traceback" not in r.err


def test_audit_table_output(sample_reg, udpeg):
    r = udpeg("audit", db=sample_reg.db)
    assert r.code == 0, r.err
    assert "Audit log" in r.out and "load" in r.out
