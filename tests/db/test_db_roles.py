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
