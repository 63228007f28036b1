"""S7 (issue 13, point 11): reader views are security_barrier views without per-person sex.

The attack, on a real PostgreSQL server: the reader makes its own function in its temporary
schema, cheap enough that the planner would run it before the view's own condition, that prints
every argument it is given; it then filters a view with it. The reader must learn nothing the
view does not show: no notice names a person the view leaves out (a candidate never appointed).
"""

from __future__ import annotations

import uuid

import pytest

from backends import conninfo, require_pg

LEAK = """CREATE FUNCTION pg_temp.leak(text) RETURNS boolean LANGUAGE plpgsql COST 0.0000001 AS $$
BEGIN
  RAISE NOTICE 'leak: %', $1;
  RETURN true;
END $$"""


def _as_role(reg, role):
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(reg.url).set(username=role, password=None).render_as_string(hide_password=False)
    return psycopg.connect(conninfo(url), autocommit=True)


@pytest.fixture
def backend() -> str:
    """PostgreSQL only: reader roles exist there (test_db_roles checks SQLite's refusal)."""
    require_pg()
    return "postgresql"


@pytest.fixture
def reader(make_registry, udpeg, backend):
    from backends import tiny_tree

    tree = tiny_tree(boards=1, people=6)
    for p in tree["people"]:
        p["name"] = f"Secret {p['id']}"
    tree["people"][0]["name"] = "Shown Holder"
    tree["appointments"] = [{"id": "a1", "board": "b0", "seat": "member", "person": "p0", "start": "2022-01-01",
                             "end": "2099-12-31"}]
    reg = make_registry(sample=False, tree=tree)
    role = f"udpeg_reader_{uuid.uuid4().hex[:8]}"
    r = udpeg("db", "grant", "--reader", role, db=reg.db)
    assert r.code == 0, r.err
    con = _as_role(reg, role)
    notices: list[str] = []
    con.add_notice_handler(lambda diag: notices.append(diag.message_primary or ""))
    try:
        yield con, notices
    finally:
        con.close()
        import psycopg

        with psycopg.connect(conninfo(reg.url), autocommit=True) as c:
            c.execute(f'DROP OWNED BY "{role}"')
            c.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_a_readers_leaky_function_sees_only_what_the_view_shows(reader):
    con, notices = reader
    con.execute(LEAK)
    # the function works: it prints what it is given
    assert con.execute("SELECT pg_temp.leak('probe')").fetchone() == (True,)
    assert notices == ["leak: probe"]
    notices.clear()
    rows = con.execute("SELECT id, name FROM person WHERE pg_temp.leak(name)").fetchall()
    assert rows == [("p0", "Shown Holder")]
    leaked = [n for n in notices if "Secret" in n]
    assert leaked == [], f"the reader's function saw people the view does not show: {leaked}"
    assert notices == ["leak: Shown Holder"]
    # the same through every column a reader could filter on, and on every view
    notices.clear()
    con.execute("SELECT * FROM person WHERE pg_temp.leak(id) AND pg_temp.leak(coalesce(party, ''))").fetchall()
    assert not [n for n in notices if "p1" in n or "p2" in n or "Secret" in n], notices


def test_reader_views_are_security_barrier_and_hold_no_sex(reader):
    con, _ = reader
    views = dict(con.execute(
        "SELECT c.relname, coalesce(array_to_string(c.reloptions, ','), '') FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'udpeg_reader' AND c.relkind = 'v'").fetchall())
    assert {"person", "appointment", "board", "vacancy"} <= set(views)
    assert {name: opts for name, opts in views.items() if "security_barrier=true" not in opts} == {}
    cols = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                       "WHERE table_schema = 'udpeg_reader'").fetchall()
    assert [c for c in cols if c[1] in ("sex", "gender", "contact", "extra")] == []
