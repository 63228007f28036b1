"""The store of board findings (table ``board_status``), read by ``check``.

A board's findings on a date are kept with the interval of dates around it in which they cannot
change (:mod:`registry.readmodel.intervals`), in the language they were written in, each finding
encoded exactly as ``check --format json`` prints it. A read answers every board whose stored
interval holds the date from the store; the other boards are evaluated afresh (one
:func:`~registry.snapshot.load_snapshots` for all of them) and, when the registry can be
written, stored for the next read.

It is a cache, emptied by every write: :func:`invalidate` runs inside each ``db.write_session``
transaction (so also on PostgreSQL, and for ``load``, ``replace`` and the admin's writes), and
bumps ``board_status_version``. A read stores what it computed only if that version is still the
one it read before reading the data, checked under a lock of the version row, so findings of
data a writer has since changed are never stored.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Mapping, Sequence

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from registry import tables as t
from registry.findings import SEVERITY_RANK, summary

__all__ = ["invalidate", "stored_findings", "touch", "verify", "encode"]


def _default(value: Any) -> Any:     # as the CLI's JSON writer: the same text comes back
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def encode(findings, lang: str | None = None) -> str:
    return json.dumps([f.to_dict(lang) for f in findings], ensure_ascii=False, default=_default)


def touch(session: Session, boards=(), people=()) -> None:
    """Say what a write changes, so that :func:`invalidate` empties only the boards it can change:
    ``boards``, and every board the ``people`` hold or held a seat on or are candidates for (their
    seats held, names and sex show in those boards' findings). A write that says nothing empties
    the whole store."""
    info = session.info.setdefault("readmodel_touched", {"boards": set(), "people": set()})
    info["boards"].update(b for b in boards if b)
    info["people"].update(p for p in people if p)


def invalidate(session: Session) -> None:
    """Empty the store of what the writer's transaction can change (all of it, unless the write
    said what it changes with :func:`touch`), and bump the version (locks the version row)."""
    from sqlalchemy import String, cast, or_

    V, S = t.board_status_version.c, t.board_status.c
    session.execute(update(t.board_status_version).where(V.id == 1).values(version=V.version + 1))
    touched = session.info.pop("readmodel_touched", None)
    if touched is None:
        session.execute(delete(t.board_status))
        return
    boards = set(touched["boards"])
    people = sorted(touched["people"])
    A, N = t.appointment.c, t.nomination.c
    for i in range(0, len(people), 500):
        chunk = people[i:i + 500]
        boards.update(session.execute(select(A.board).where(A.person.in_(chunk)).distinct()).scalars())
        boards.update(session.execute(select(N.board).where(
            or_(*(cast(N.candidates, String).like(f'%"{p}"%') for p in chunk))).distinct()).scalars())
    ids = sorted(boards)
    for i in range(0, len(ids), 500):
        session.execute(delete(t.board_status).where(S.board.in_(ids[i:i + 500])))


def _sort_key(f: dict) -> tuple:
    """:func:`registry.findings.sort_findings`' order, for findings as printed."""
    d = f["details"]
    return (SEVERITY_RANK[f["severity"]], f["board"] or "", f["seat"] or "", f["rule"], f["person"] or "",
            f["appointment"] or "", f["nomination"] or "", str(d.get("scope", "")))


_KEY: list[str] = []

#: what the stored findings are computed by: a change to any of these (an upgrade of Udpeg that
#: words a finding differently or judges a rule anew) must not be answered from the store
_CODE = ("rules/*.py", "findings.py", "snapshot.py", "snapshot_sql.py", "seats.py", "succession.py", "terms.py",
         "planner.py", "readmodel/*.py", "i18n/locale/da/LC_MESSAGES/udpeg.po")


def code_fingerprint() -> str:
    """A digest of the code that computes findings (cached per process): stored rows carry it."""
    if not _KEY:
        import hashlib
        from pathlib import Path

        root = Path(__file__).resolve().parents[1]
        h = hashlib.sha256()
        for pattern in _CODE:
            for f in sorted(root.glob(pattern)):
                h.update(f.name.encode() + b"\0" + f.read_bytes())
        _KEY.append(h.hexdigest()[:16])
    return _KEY[0]


def store_key(lang: str) -> str:
    """The ``lang`` column's value: the language and the code fingerprint (``da@3f2c…``)."""
    return f"{lang}@{code_fingerprint()}"


def language_of(key: str) -> str:
    return key.split("@", 1)[0]


def stored_findings(engine: Engine, on: date, board: str | None = None, lang: str | None = None,
                    write: bool = True) -> list[dict] | None:
    """Every finding on ``on`` (of ``board``, or of every board), sorted as ``check`` sorts them,
    each as ``check --format json`` prints it; None when ``board`` names no board. Boards without
    a stored interval holding ``on`` are evaluated and, if ``write`` and the registry is
    writable, stored."""
    from registry.db import read_session
    from registry.i18n import get_language
    from registry.readmodel.intervals import evaluate_with_validity

    lang = store_key(lang or get_language())
    S, V, B = t.board_status.c, t.board_status_version.c, t.board.c
    with read_session(engine) as s:
        version = s.execute(select(V.version).where(V.id == 1)).scalar()
        ids = sorted(s.execute(select(B.id).where(True if board is None else B.id == board)).scalars())
        if not ids:
            return None if board is not None else []
        q = select(S.board, S.findings).where(S.lang == lang, S.valid_from <= on, S.valid_to >= on)
        if board is not None:
            q = q.where(S.board == board)
        have: dict[str, str] = {}
        for b, text in s.execute(q):
            have.setdefault(b, text)
        missing = [b for b in ids if b not in have]
        fresh = []
        if missing:
            computed = evaluate_with_validity(s, on, None if len(missing) == len(ids) and board is None else missing)
            for b, (lo, hi, fs) in computed.items():
                text = encode(fs, language_of(lang))
                have[b] = text
                fresh.append({"board": b, "lang": lang, "valid_from": lo, "valid_to": hi, "data_version": version,
                              "summary": summary(fs), "findings": text})
    if fresh and write and version is not None:
        _store(engine, version, fresh)
    rows: list[dict] = []
    for b in ids:
        rows += json.loads(have[b])
    rows.sort(key=_sort_key)
    return rows


def _store(engine: Engine, version: int, rows: Sequence[dict]) -> None:
    """Store ``rows`` if no write has come since ``version`` was read; a registry this process
    may not write (a read-only file, a reader role) or a busy one is left as it is."""
    if engine.get_execution_options().get("udpeg_readonly"):
        return
    V = t.board_status_version.c
    if engine.dialect.name == "sqlite":
        engine = engine.execution_options(sqlite_begin="BEGIN IMMEDIATE")
    try:
        with Session(engine) as s, s.begin():
            q = select(V.version).where(V.id == 1)
            if engine.dialect.name != "sqlite":
                q = q.with_for_update()
            if s.execute(q).scalar() != version:
                return
            S = t.board_status.c   # rows another version of the code stored are never read: drop them
            s.execute(delete(t.board_status).where(~S.lang.like(f"%@{code_fingerprint()}")))
            s.execute(insert(t.board_status), list(rows))
    except DBAPIError:
        return    # only a cache: the answer was computed, the next read computes it again


def verify(engine: Engine) -> tuple[int, list[dict]]:
    """Every stored interval checked against a fresh evaluation on its first and last day (within
    1900–2199): how many rows were checked, and the differences (board, date, stored, fresh)."""
    from registry.db import read_session
    from registry.rules import evaluate
    from registry.snapshot_sql import load_snapshots

    S = t.board_status.c
    out = []
    with read_session(engine) as s:
        rows = s.execute(select(S.board, S.lang, S.valid_from, S.valid_to, S.findings)
                         .where(S.lang.like(f"%@{code_fingerprint()}"))     # what this code would read
                         .order_by(S.valid_from, S.board)).all()
        by_day: dict[tuple[date, str], list] = {}
        for r in rows:
            for day in {max(r.valid_from, date(1900, 1, 1)), min(r.valid_to, date(2199, 12, 31))}:
                by_day.setdefault((day, r.lang), []).append(r)
        for (day, lg), rs in sorted(by_day.items()):
            snaps = load_snapshots(s, day, sorted({r.board for r in rs}), history="full")
            for r in rs:
                snap = snaps.get(r.board)
                fresh = encode(evaluate(snap), language_of(lg)) if snap is not None else None
                if fresh != r.findings:
                    out.append({"board": r.board, "on": day, "lang": lg, "stored": json.loads(r.findings),
                                "fresh": None if fresh is None else json.loads(fresh)})
    return len(rows), out
