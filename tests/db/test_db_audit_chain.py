"""The audit log under attack (issue 13.13, 13.14), on both backends.

Tampering the database can refuse is refused (SQLite's REPLACE INTO, which bypasses DELETE
triggers); tampering it cannot refuse (an owner who disables the triggers) is evident: `audit
--verify` names the first broken link and exits 1. A purge erases candidates from the log by an
audited, one-way redaction that keeps the chain intact.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from registry import audit_chain


def _sql(reg, sql: str, *params) -> None:
    con = reg.raw()
    try:
        con.execute(sql.replace("?", "%s") if reg.backend == "postgresql" else sql, params)
    finally:
        con.close()


def _without_triggers(reg, sql: str, *params) -> None:
    """What an owner of the database can do: switch the triggers off, tamper, switch them on."""
    con = reg.raw()
    try:
        if reg.backend == "sqlite":
            names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                               "AND tbl_name = 'audit_event'")]
            ddl = [r[0] for r in con.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                             "AND tbl_name = 'audit_event'")]
            for n in names:
                con.execute(f"DROP TRIGGER {n}")
            con.execute(sql, params)
            for d in ddl:
                con.execute(d)
        else:
            con.execute("ALTER TABLE audit_event DISABLE TRIGGER USER")
            con.execute(sql.replace("?", "%s"), params)
            con.execute("ALTER TABLE audit_event ENABLE TRIGGER USER")
    finally:
        con.close()


def _writes(reg, n: int = 3) -> None:
    from registry import service

    ctx = reg.context(actor="sekretariat")
    for k in range(n):
        service.nominate(ctx, service.NominationInput(board="b0", seat="member", round=date(2026, 9 + k, 1),
                                                      organisations=("kkr-nordjylland",), candidates=("p1", "p2")))


def test_every_write_is_sealed_and_the_chain_verifies(tiny_reg, udpeg):
    _writes(tiny_reg)
    r = udpeg("audit", "--verify", "--format", "json", db=tiny_reg.db)
    assert r.code == 0, r.err
    v = r.json()
    # the load and three nominations: four events, each sealed to the one before
    assert (v["events"], v["intact"], v["broken"]) == (4, True, None)
    assert len(v["head"]) == 64
    assert tiny_reg.scalar("SELECT chain FROM audit_event ORDER BY pk DESC LIMIT 1") == v["head"]
    assert tiny_reg.scalar("SELECT count(*) FROM audit_event WHERE chain IS NULL OR digest IS NULL") == 0


@pytest.mark.parametrize("tamper, broken", [
    ("UPDATE audit_event SET actor = 'mallory' WHERE pk = 2", 2),        # the header of an event
    ("UPDATE audit_event SET reason = 'forged' WHERE pk = 3", 3),        # its payload
    ("DELETE FROM audit_event WHERE pk = 2", 3),                         # a missing event breaks the next link
])
def test_tampering_with_the_triggers_off_is_evident(tiny_reg, udpeg, tamper, broken):
    _writes(tiny_reg)
    _without_triggers(tiny_reg, tamper)
    r = udpeg("audit", "--verify", db=tiny_reg.db)
    assert r.code == 1
    assert f"event {broken} " in r.err and "broken" in r.err


def test_an_event_written_past_udpeg_is_evident(tiny_reg, udpeg):
    _sql(tiny_reg, "INSERT INTO audit_event (at, actor, action, entity, entity_id) "
                   "VALUES ('2026-01-01 00:00:00', 'mallory', 'note', 'test', 't1')")
    r = udpeg("audit", "--verify", "--format", "json", db=tiny_reg.db)
    assert r.code == 1 and r.json()["problem"] == "unsealed" and r.json()["broken"] == 2


def test_a_noted_head_pins_everything_before_it(tiny_reg, udpeg):
    _writes(tiny_reg, 1)
    head = udpeg("audit", "--verify", "--format", "json", db=tiny_reg.db).json()["head"]
    _writes(tiny_reg, 2)
    assert udpeg("audit", "--verify", "--head", head, db=tiny_reg.db).code == 0
    # an owner rewrites the whole chain after changing event 1: every link holds again, the head does not
    _without_triggers(tiny_reg, "UPDATE audit_event SET actor = 'mallory' WHERE pk = 1")
    events = [dict(zip(("pk", "at", "actor", "action", "entity", "entity_id", "board", "before", "after", "reason",
                        "authenticated_as"), r)) for r in _rows(tiny_reg)]
    previous = audit_chain.GENESIS
    for e in events:
        d, previous = audit_chain.seal(previous, e)
        _without_triggers(tiny_reg, "UPDATE audit_event SET digest = ?, chain = ? WHERE pk = ?", d, previous, e["pk"])
    assert udpeg("audit", "--verify", db=tiny_reg.db).code == 0
    r = udpeg("audit", "--verify", "--head", head, db=tiny_reg.db)
    assert r.code == 1 and "head you gave" in r.err


def _rows(reg):
    con = reg.raw()
    try:
        rows = con.execute("SELECT pk, at, actor, action, entity, entity_id, board, before, after, reason, "
                           "authenticated_as FROM audit_event ORDER BY pk").fetchall()
    finally:
        con.close()
    out = []
    for r in rows:
        r = list(r)
        for i in (7, 8):
            if isinstance(r[i], str):
                r[i] = json.loads(r[i])
        if isinstance(r[1], str):
            from datetime import datetime

            r[1] = datetime.fromisoformat(r[1])
        out.append(r)
    return out


def test_replace_into_cannot_overwrite_an_event_on_sqlite(sqlite_only, tiny_reg):
    _writes(tiny_reg, 1)
    before = tiny_reg.scalar("SELECT actor FROM audit_event WHERE pk = 1")
    con = tiny_reg.raw()
    try:
        with pytest.raises(Exception) as info:
            con.execute("REPLACE INTO audit_event (pk, at, actor, action, entity, entity_id) "
                        "VALUES (1, '2026-01-01 00:00:00', 'mallory', 'load', 'dataset', 'x')")
    finally:
        con.close()
    assert "append-only" in str(info.value)
    assert tiny_reg.scalar("SELECT actor FROM audit_event WHERE pk = 1") == before


def test_upsert_cannot_overwrite_an_event_on_postgresql(postgres_only, tiny_reg):
    con = tiny_reg.raw()
    try:
        with pytest.raises(Exception) as info:
            con.execute("INSERT INTO audit_event (pk, at, actor, action, entity, entity_id) "
                        "VALUES (1, now(), 'mallory', 'load', 'dataset', 'x') "
                        "ON CONFLICT (pk) DO UPDATE SET actor = EXCLUDED.actor")
    finally:
        con.close()
    assert "append-only" in str(info.value)


def _candidate_tree():
    """One board; a 2022 round whose only candidate, pure-cand, was never appointed."""
    from backends import tiny_tree

    tree = tiny_tree(people=2)
    tree["people"].append({"id": "pure-cand", "name": "Pure Candidate", "sex": "woman"})
    tree["nominations"] = []
    return tree


def test_purge_redacts_the_candidate_from_the_log_and_the_chain_still_holds(make_registry, udpeg):
    from registry import service

    reg = make_registry(sample=False, tree=_candidate_tree())
    ctx = reg.context(actor="sekretariat")
    nid, _ = service.nominate(ctx, service.NominationInput(
        board="b0", seat="member", round=date(2022, 4, 1), organisations=("kkr-nordjylland",),
        candidates=("pure-cand",), reasons="Ingen egnede mandlige kandidater"))
    service.decide_reasons(ctx, nid, True)

    before = udpeg("person", "pure-cand", "--export", db=reg.db)
    assert before.code == 0, before.err
    held = before.json()
    assert [e["action"] for e in held["audit_events"]] == ["nominate", "decide-reasons"]

    dry = udpeg("purge", "--before", "2023-01-01", "--dry-run", "--format", "json", db=reg.db)
    assert dry.json()["events_redacted"] == 2 and reg.scalar("SELECT count(*) FROM audit_event WHERE redacted IS NOT NULL") == 0
    r = udpeg("purge", "--before", "2023-01-01", "--format", "json", db=reg.db)
    assert r.code == 0, r.err
    assert r.json()["events_redacted"] == 2 and r.json()["people_deleted"] == 1

    dump = " ".join(str(v) for row in _rows(reg) for v in row)
    assert "pure-cand" not in dump and "Ingen egnede" not in dump and nid not in dump
    purge_pk = reg.scalar("SELECT pk FROM audit_event WHERE action = 'purge'")
    assert reg.scalar("SELECT count(*) FROM audit_event WHERE redacted = ?", purge_pk) == 2
    v = udpeg("audit", "--verify", "--format", "json", db=reg.db)
    assert v.code == 0 and v.json()["intact"], v.out
    after = udpeg("person", "pure-cand", "--export", db=reg.db)
    assert after.code == 2 and "holds nothing about pure-cand" in after.err


def test_a_redaction_without_a_purge_is_refused(tiny_reg):
    _writes(tiny_reg, 1)
    con = tiny_reg.raw()
    try:
        with pytest.raises(Exception) as info:
            con.execute("UPDATE audit_event SET entity_id = '', before = NULL, after = NULL, reason = NULL, "
                        "redacted = 1 WHERE pk = 2")
    finally:
        con.close()
    assert "append-only" in str(info.value)
