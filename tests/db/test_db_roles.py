"""S4: `udpeg db grant --reader ROLE` on a real PostgreSQL server, checked by connecting as the role."""

from __future__ import annotations

import uuid

import pytest

from backends import conninfo


def _as_role(reg, role):
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(reg.url).set(username=role, password=None).render_as_string(hide_password=False)
    return psycopg.connect(conninfo(url), autocommit=True)


def _denied(con, sql):
    import psycopg

    with pytest.raises(psycopg.Error) as info:
        con.execute(sql).fetchall()
    return str(info.value)


def test_reader_role_reads_boards_not_nominations_candidates_or_contacts(make_registry, udpeg, backend):
    if backend != "postgresql":
        r = udpeg("db", "grant", "--reader", "someone", db=make_registry(sample=False).db)
        assert r.code == 2 and "PostgreSQL" in r.err
        return
    from backends import tiny_tree

    tree = tiny_tree(boards=2, people=4)
    tree["appointments"] = [{"id": "a1", "board": "b0", "seat": "member", "person": "p0", "start": "2026-05-01", "end": "2099-12-31",
                             "override_reason": "secret override"}]
    reg = make_registry(sample=False, tree=tree)
    role = f"udpeg_reader_{uuid.uuid4().hex[:8]}"
    try:
        r = udpeg("db", "grant", "--reader", role, db=reg.db)
        assert r.code == 0, r.err
        assert "Created role" in r.err
        assert udpeg("db", "grant", "--reader", role, db=reg.db).code == 0  # idempotent: updates
        con = _as_role(reg, role)
        try:
            assert con.execute("SELECT count(*) FROM board").fetchone()[0] == 2
            assert con.execute("SELECT count(*) FROM seat_group").fetchone()[0] == 2
            assert con.execute("SELECT id, person FROM appointment").fetchall() == [("a1", "p0")]
            assert {r[0] for r in con.execute("SELECT board FROM vacancy").fetchall()} == {"b1"}
            # only people who hold a seat, and no contact columns
            assert con.execute("SELECT id FROM person").fetchall() == [("p0",)]
            cols = [d.name for d in con.execute("SELECT * FROM person").description]
            assert "contact" not in cols and "extra" not in cols
            acols = [d.name for d in con.execute("SELECT * FROM appointment").description]
            assert "override_reason" not in acols and "extra" not in acols
            for sql in ("SELECT * FROM public.nomination", "SELECT contact FROM public.person",
                        "SELECT id FROM public.person", "SELECT * FROM public.audit_event",
                        "SELECT override_reason FROM public.appointment"):
                assert "permission denied" in _denied(con, sql), sql
            assert "does not exist" in _denied(con, "SELECT * FROM nomination")
            for sql in ("UPDATE public.board SET name = 'x'", "DELETE FROM public.appointment",
                        "INSERT INTO public.audit_event (at, actor, action, entity, entity_id) "
                        "VALUES (now(), 'x', 'x', 'x', 'x')", "CREATE TABLE public.mine (x int)"):
                assert "permission denied" in _denied(con, sql), sql
        finally:
            con.close()
    finally:
        import psycopg

        with psycopg.connect(conninfo(reg.url), autocommit=True) as c:
            c.execute(f'DROP OWNED BY "{role}"')
            c.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_grant_refuses_bad_role_names(make_registry, udpeg, backend):
    if backend != "postgresql":
        pytest.skip("PostgreSQL only")
    reg = make_registry(sample=False)
    for bad in ("Robert'); DROP TABLE board;--", "postgres"):
        r = udpeg("db", "grant", "--reader", bad, db=reg.db)
        assert r.code == 2 and "Traceback" not in r.err, r.err


def _url_as(reg, role):
    from sqlalchemy.engine import make_url

    return make_url(reg.url).set(username=role, password=None).render_as_string(hide_password=False)


def _drop_role(reg, role):
    import psycopg

    with psycopg.connect(conninfo(reg.url), autocommit=True) as c:
        c.execute(f'DROP OWNED BY "{role}"')
        c.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_writer_role_works_but_cannot_rewrite_the_audit_log(postgres_only, make_registry, udpeg):
    """Issue 13.14: the app role owns nothing, so it cannot disable the triggers; on the audit log it
    may only read, append and redact."""
    from backends import tiny_tree

    reg = make_registry(sample=False, tree=tiny_tree())
    role = f"udpeg_writer_{uuid.uuid4().hex[:8]}"
    try:
        r = udpeg("db", "grant", "--writer", role, db=reg.db)
        assert r.code == 0, r.err
        assert "Created role" in r.err
        url = _url_as(reg, role)
        w = udpeg("nominate", "--board", "b0", "--seat", "member", "--round", "2022-04-01", "--org", "kkr-nordjylland",
                  "--candidate", "p1", db=url)
        assert w.code == 0, w.err
        assert udpeg("purge", "--before", "2023-01-01", db=url).code == 0     # a redaction is allowed
        v = udpeg("audit", "--verify", "--format", "json", db=url)
        assert v.code == 0 and v.json()["intact"], v.out + v.err
        con = _as_role(reg, role)
        try:
            for sql in ("ALTER TABLE audit_event DISABLE TRIGGER USER", "DROP TRIGGER audit_event_redact_only ON audit_event",
                        "DELETE FROM audit_event", "TRUNCATE audit_event", "UPDATE audit_event SET actor = 'mallory'",
                        "UPDATE audit_event SET chain = 'x'"):
                msg = _denied(con, sql)
                assert "permission denied" in msg or "must be owner" in msg, (sql, msg)
        finally:
            con.close()
    finally:
        _drop_role(reg, role)


def test_grant_without_the_right_to_create_roles_is_a_sentence(postgres_only, make_registry, udpeg):
    """Issue 13.8: without CREATEROLE the grant said SQL and exit 4; granting to the role Udpeg is
    connected as was accepted and then broke every command."""
    from backends import tiny_tree

    reg = make_registry(sample=False, tree=tiny_tree())
    role = f"udpeg_writer_{uuid.uuid4().hex[:8]}"
    try:
        assert udpeg("db", "grant", "--writer", role, db=reg.db).code == 0
        url = _url_as(reg, role)
        r = udpeg("db", "grant", "--reader", f"{role}_r", db=url)
        assert r.code == 2, r.err
        assert "CREATEROLE" in r.err and "Nothing was changed" in r.err and "SELECT" not in r.err
        r = udpeg("db", "grant", "--reader", role, db=url)
        assert r.code == 2 and "the role Udpeg is connected as" in r.err
        assert udpeg("boards", db=url).code == 0           # nothing broke
        assert udpeg("db", "grant", db=reg.db).code == 2   # neither --reader nor --writer
    finally:
        _drop_role(reg, role)
