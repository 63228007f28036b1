"""The store of board findings (registry.readmodel.store) is a cache: on SQLite and PostgreSQL
its answer equals a fresh evaluation, finding by finding — over a synthetic registry on many
dates (cold, then read back from the stored intervals), and after each of random sequences of
writes through ``service`` (appoint, end, nominate, edit a person)."""

from __future__ import annotations

import contextlib
import io
import random
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from registry import service
from registry.readmodel.store import stored_findings, verify


def _fresh(ctx, on, board=None):
    return [f.to_dict() for f in service.check(ctx, on, board)]


def _stored_rows(reg) -> int:
    return reg.scalar("SELECT count(*) FROM board_status")


@pytest.fixture(scope="module")
def synth_file(tmp_path_factory):
    from registry.cli import main

    path = tmp_path_factory.mktemp("synth") / "synth-200.json"
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["synth", "--boards", "200", "--years", "20", "--seed", "3", "-o", str(path)])
    assert code == 0, err.getvalue()
    return path


def test_stored_findings_equal_fresh_ones_on_many_dates(make_registry, synth_file):
    reg = make_registry(sample=False, dataset=synth_file)
    ctx = reg.context()
    rnd = random.Random(15)
    days = [date(2026, 11, 1), date(2022, 4, 1), date(2022, 3, 31)] + \
           [date(2004, 1, 1) + timedelta(days=rnd.randint(0, 27 * 365)) for _ in range(5)]
    assert _stored_rows(reg) == 0
    for day in days:
        fresh = _fresh(ctx, day)
        assert stored_findings(ctx.engine, day) == fresh            # computed, and stored
        assert stored_findings(ctx.engine, day) == fresh            # read back from the store
    stored = _stored_rows(reg)
    assert stored >= 200 * len(set(days)) * 0.5
    # days next to the ones asked fall mostly inside stored intervals: answered from the store
    for day in days[:4]:
        for near in (day + timedelta(days=1), day - timedelta(days=1)):
            assert stored_findings(ctx.engine, near) == _fresh(ctx, near)
    assert _stored_rows(reg) < stored + 200 * 8       # not every board recomputed on every near day
    assert stored_findings(ctx.engine, days[0], board="no-such-board") is None
    one = reg.scalar("SELECT min(board) FROM board_status")
    assert stored_findings(ctx.engine, days[0], board=one) == _fresh(ctx, days[0], one)
    assert verify(ctx.engine) == (_stored_rows(reg), [])


def test_a_write_empties_what_it_can_change_in_its_transaction(sample_reg, udpeg):
    from registry.service import Proposal

    ctx = sample_reg.context()
    day = date(2026, 11, 1)
    stored_findings(ctx.engine, day)
    boards = sample_reg.scalar("SELECT count(DISTINCT board) FROM board_status")
    assert boards > 3
    v = sample_reg.scalar("SELECT version FROM board_status_version")
    sitting = service.snapshots(ctx, day)["erhvervshus-nordjylland"].members[0].person.id
    held = sample_reg.scalar("SELECT count(*) FROM (SELECT board FROM appointment WHERE person = ? UNION "
                             "SELECT board FROM nomination WHERE CAST(candidates AS TEXT) LIKE ?) x",
                             sitting, f'%"{sitting}"%')
    service.save_person(ctx, sitting, {"sex": "undisclosed"})     # a person's edit: the boards they sit on
    assert sample_reg.scalar("SELECT version FROM board_status_version") == v + 1
    left = sample_reg.scalar("SELECT count(DISTINCT board) FROM board_status")
    assert 0 < left < boards
    assert sample_reg.scalar("SELECT count(*) FROM board_status WHERE board = 'erhvervshus-nordjylland'") == 0
    assert left == boards - held
    assert stored_findings(ctx.engine, day) == _fresh(ctx, day)
    # a refused write writes nothing, the store included
    n = _stored_rows(sample_reg)
    with pytest.raises(service.RegistryError):
        service.appoint(ctx, Proposal(board="no-such-board", seat="x", person=sitting, start=day))
    assert _stored_rows(sample_reg) == n
    # a write that does not say what it changes (here: a purge) empties the whole store
    r = udpeg("purge", "--before", "2030-01-01", db=sample_reg.db)
    assert r.code == 0, r.err
    assert _stored_rows(sample_reg) == 0


def test_findings_computed_from_data_a_writer_has_since_changed_are_not_stored(sample_reg):
    """The version read before the data is checked (under a lock) before storing."""
    from registry.readmodel import store

    ctx = sample_reg.context()
    day = date(2026, 11, 1)
    real = store._store

    def late(engine, version, rows):
        service.save_person(ctx, service.people(ctx)[0]["id"], {"party": "Z"})   # a write in between
        real(engine, version, rows)

    store._store = late
    try:
        stored_findings(ctx.engine, day)
    finally:
        store._store = real
    assert _stored_rows(sample_reg) == 0


def test_db_verify_store_reports_a_stored_answer_that_differs(sample_reg, udpeg):
    ctx = sample_reg.context()
    stored_findings(ctx.engine, date(2026, 11, 1))
    n = _stored_rows(sample_reg)
    r = udpeg("db", "verify-store", db=sample_reg.db)
    assert r.code == 0, r.err
    assert f"{n} stored" in r.err
    con = sample_reg.raw()     # a row changed past Udpeg: one board's findings emptied
    con.execute("UPDATE board_status SET findings = '[]' WHERE board = (SELECT min(board) FROM board_status "
                "WHERE findings <> '[]')")
    con.commit()
    con.close()
    r = udpeg("db", "verify-store", db=sample_reg.db)
    assert r.code == 1
    assert "differ" in r.err


_op = st.one_of(
    st.tuples(st.just("appoint"), st.integers(0, 10**6), st.integers(0, 3000)),
    st.tuples(st.just("end"), st.integers(0, 10**6), st.integers(0, 3000)),
    st.tuples(st.just("nominate"), st.integers(0, 10**6), st.integers(0, 3000)),
    st.tuples(st.just("person"), st.integers(0, 10**6), st.integers(0, 3000)),
)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(_op, min_size=1, max_size=4), ask=st.lists(st.integers(0, 3000), min_size=1, max_size=2))
def test_random_writes_through_service_keep_the_store_equal_to_fresh(sample_reg, ops, ask):
    from registry.service import NominationInput, Proposal

    ctx = sample_reg.context()
    base = date(2022, 1, 1)
    for kind, pick, offset in ops:
        day = base + timedelta(days=offset)
        rnd = random.Random(pick)
        snaps = service.snapshots(ctx, day)
        b = snaps[rnd.choice(sorted(snaps))]
        people = service.people(ctx)
        person = rnd.choice(people)["id"]
        seats = [s.id for s in b.composition.seats] if b.composition else []
        try:
            if kind == "appoint" and seats:
                service.appoint(ctx, Proposal(board=b.board.id, seat=rnd.choice(seats), person=person, start=day,
                                              override_reason="test"))
            elif kind == "end" and b.members:
                h = rnd.choice(b.members)
                service.end_appointment(ctx, h.appointment, max(day, h.start), "resigned")
            elif kind == "nominate" and seats:
                service.nominate(ctx, NominationInput(board=b.board.id, seat=rnd.choice(seats), round=date(2026, 4, 1),
                                                      organisations=(rnd.choice(sorted(b.org_names) or ["kl"]),), candidates=(person,),
                                                      received=day))
            elif kind == "person":
                service.save_person(ctx, person, {"sex": rnd.choice(("woman", "man", "undisclosed"))})
        except service.RegistryError:
            pass    # refused: nothing written
        for a in ask:
            on = base + timedelta(days=a)
            assert stored_findings(ctx.engine, on) == _fresh(ctx, on)


def test_a_seat_taken_on_one_board_empties_the_boards_its_holder_sits_on(sample_reg):
    """Plurality counts seats across boards: someone with five seats who takes a sixth gets the
    finding on all six boards, so the store must let go of the five it holds."""
    from registry.service import Proposal

    ctx = sample_reg.context()
    day = date(2026, 11, 1)
    person = service.save_person(ctx, "test-six-seats", {"name": "Six Seats", "sex": "woman"}, create=True)["id"]
    snaps = service.snapshots(ctx, day)
    boards = [b for b, s in sorted(snaps.items()) if s.composition][:6]
    assert len(boards) == 6

    def appoint(b):
        service.appoint(ctx, Proposal(board=b, seat=snaps[b].composition.seats[0].id, person=person,
                                      start=date(2026, 6, 1), end=date(2029, 12, 31), override_reason="test"))

    for b in boards[:5]:
        appoint(b)
    assert stored_findings(ctx.engine, day) == _fresh(ctx, day)
    assert not [f for f in _fresh(ctx, day) if f["rule"] == "plurality" and f["person"] == person]
    appoint(boards[5])
    fresh = _fresh(ctx, day)
    assert {f["board"] for f in fresh if f["rule"] == "plurality" and f["person"] == person} == set(boards)
    assert stored_findings(ctx.engine, day) == fresh


def test_findings_stored_by_other_code_are_never_read(sample_reg, udpeg):
    """An upgrade of Udpeg that words or judges a finding anew must not be answered from the store:
    stored rows carry a fingerprint of the code that computed them."""
    from registry.readmodel import store

    first = udpeg("check", "--on", "2026-03-27", "--format", "json", db=sample_reg.db)
    assert sample_reg.scalar("SELECT count(*) FROM board_status") > 0
    # what an older Udpeg would have left: the same rows, their text changed, under another fingerprint
    con = sample_reg.raw()
    try:
        con.execute("UPDATE board_status SET lang = 'en@oldcode', findings = '[]'")
    finally:
        con.close()
    again = udpeg("check", "--on", "2026-03-27", "--format", "json", db=sample_reg.db)
    assert again.out == first.out
    assert sample_reg.scalar("SELECT count(*) FROM board_status WHERE lang = 'en@oldcode'") == 0   # dropped
    assert sample_reg.scalar("SELECT count(*) FROM board_status WHERE lang = ?",
                             f"en@{store.code_fingerprint()}") > 0
