"""S9 (issue 13, point 15): the audit log records the authenticated identity beside the claimed
actor, and the claimed name is bounded.

The claim (``--as``, ``UDPEG_USER``, ``USER``/``LOGNAME``) is whatever the user typed; the
authenticated identity is what the system vouches for: the database role of the connection on
PostgreSQL, the OS user of the process (its uid, not the environment) on SQLite.
"""

from __future__ import annotations

import os
import uuid
from datetime import date

import pytest

from backends import conninfo


def _os_user() -> str:
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name


def _last_event(reg):
    con = reg.raw()
    try:
        return con.execute("SELECT actor, authenticated_as FROM audit_event ORDER BY pk DESC LIMIT 1").fetchone()
    finally:
        con.close()


def test_the_authenticated_identity_is_recorded_beside_the_claim(tiny_reg, udpeg, monkeypatch):
    from registry import service
    from registry.service import Proposal

    if tiny_reg.backend == "postgresql":
        # the case: the connection is an app role, the claim says postgres
        role = f"udpeg_app_{uuid.uuid4().hex[:8]}"
        import psycopg
        from sqlalchemy.engine import make_url

        with psycopg.connect(conninfo(tiny_reg.url), autocommit=True) as c:
            c.execute(f'CREATE ROLE "{role}" LOGIN')
            c.execute(f'GRANT USAGE ON SCHEMA public TO "{role}"')   # a re-created public schema has none
            c.execute(f'GRANT ALL ON ALL TABLES IN SCHEMA public TO "{role}"')
            c.execute(f'GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "{role}"')
        url = make_url(tiny_reg.url).set(username=role).render_as_string(hide_password=False)
        from registry.db import make_engine

        engine = make_engine(url)
        try:
            ctx = service.Context(engine, actor="postgres")
            service.appoint(ctx, Proposal(board="b0", seat="member", person="p1", start=date(2026, 5, 1)))
        finally:
            engine.dispose()
            with psycopg.connect(conninfo(tiny_reg.url), autocommit=True) as c:
                c.execute(f'DROP OWNED BY "{role}"')
                c.execute(f'DROP ROLE "{role}"')
        assert _last_event(tiny_reg) == ("postgres", role)
    else:
        # USER and LOGNAME claim someone else: the OS user is the process's own
        monkeypatch.setenv("USER", "mallory")
        monkeypatch.setenv("LOGNAME", "mallory")
        r = udpeg("appoint", "--board", "b0", "--seat", "member", "--person", "p1", "--start", "2026-05-01", db=tiny_reg.db)
        assert r.code in (0, 1), r.err
        assert _last_event(tiny_reg) == ("mallory", _os_user())
    log = udpeg("audit", "--format", "json", db=tiny_reg.db).json()
    assert log[0]["authenticated_as"] == (role if tiny_reg.backend == "postgresql" else _os_user())


BAD = ["alice\nbob", "x" * 100_000, "tab\there", "rtl\u202eevil", "   "]


@pytest.mark.parametrize("source,claim", [(src, c) for src in ("--as", "UDPEG_USER", "USER") for c in BAD]
                         + [("--as", "nul\x00")],     # an environment variable cannot hold NUL
                         ids=lambda v: v if len(v) < 20 else f"{len(v)} chars")
def test_a_bad_claimed_name_is_refused_and_nothing_is_written(tiny_reg, udpeg, monkeypatch, claim, source):
    before = tiny_reg.scalar("SELECT count(*) FROM audit_event")
    args = ["appoint", "--board", "b0", "--seat", "member", "--person", "p1", "--start", "2026-05-01"]
    env = {}
    if source == "--as":
        args = ["--as", claim] + args
    elif source == "UDPEG_USER":
        env["UDPEG_USER"] = claim
    else:
        monkeypatch.delenv("UDPEG_USER", raising=False)
        env["USER"] = env["LOGNAME"] = claim
    r = udpeg(*args, db=tiny_reg.db, env=env)
    assert r.code == 2, (r.code, r.err[:300])
    # a NUL on the command line is refused before any option is read (validation of argv), with its own sentence
    said = "holds a NUL character" if "\x00" in claim else "acting user's name"
    assert said in r.err and "Traceback" not in r.err
    assert len(r.err) < 400                           # the 100,000 characters are not echoed
    assert tiny_reg.scalar("SELECT count(*) FROM audit_event") == before
    assert tiny_reg.scalar("SELECT count(*) FROM appointment") == 0


def test_a_name_of_100_characters_is_accepted(tiny_reg, udpeg):
    name = "Sekretariatsmedarbejder Å" + "x" * 75
    assert len(name) == 100
    r = udpeg("--as", name, "appoint", "--board", "b0", "--seat", "member", "--person", "p1", "--start", "2026-05-01", db=tiny_reg.db)
    assert r.code in (0, 1), r.err
    assert _last_event(tiny_reg)[0] == name
    assert udpeg("--as", name + "y", "boards", db=tiny_reg.db).code == 2
