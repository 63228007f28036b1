"""The loader's ``insert_rows`` writes exactly what ``session.execute(insert(table), rows)`` writes,
on every backend: the same stored text for dates, JSON lists and tables, booleans, NULLs and
column defaults (it only converts each distinct value once, and skips SQLAlchemy's per-row work)."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import insert

from registry import model as m
from registry.dataset.load import _converted, insert_rows
from registry.db import write_session


def _people(prefix: str) -> list[dict]:
    rows = []
    for i in range(12):
        rows.append({"id": f"{prefix}-{i}", "name": f"Nærum {i} \"q\"", "sex": ("woman", "man", "undisclosed")[i % 3],
                     "party": None if i % 4 else "A", "municipality": None,
                     "skills": [["jura", "økonomi"], [], ["jura", "økonomi"], [1], [True], ["x"]][i % 6],
                     "contact": None if i % 2 else {"email": f"p{i}@example.dk", "n": [1, 2.5, None]},
                     "extra": {"a": True} if i % 3 == 0 else ({"a": 1} if i % 3 == 1 else None),
                     "_place": f"people[{i}]", "offices": []})   # keys that are no column are left out
    return rows


def _groups(prefix: str) -> list[dict]:
    return [{"id": f"{prefix}-g{i}", "name": f"Group {i}", "kkr": "nordjylland",
             "period_start": date(2022, 1, 1), "period_end": date(2025, 12, 31) if i % 2 else date(2029, 12, 31),
             "parties": ["A", "B"] if i % 2 else ["C"], "members": None if i % 3 else i}
            for i in range(5)]


def _stored(reg, table: str, columns: list[str], prefix: str) -> list[tuple]:
    con = reg.raw()
    try:
        ph = "%s" if reg.backend == "postgresql" else "?"
        cols = ", ".join(f'CAST("{c}" AS TEXT)' for c in columns)
        rows = con.execute(f"SELECT {cols} FROM {table} WHERE id LIKE {ph} ORDER BY id", (prefix + "-%",)).fetchall()
    finally:
        con.close()
    return [tuple(str(v).replace(prefix, "P", 1) if v is not None else None for v in row) for row in rows]


def test_insert_rows_stores_what_core_insert_stores(make_registry):
    reg = make_registry(sample=False)
    engine = reg.engine()
    with write_session(engine) as s:
        insert_rows(s, m.Person.__table__, _people("fast"))
        s.execute(insert(m.Person.__table__), [{k: v for k, v in r.items() if k not in ("_place", "offices")}
                                               for r in _people("core")])
        insert_rows(s, m.CouncilGroup.__table__, _groups("fast"))
        s.execute(insert(m.CouncilGroup.__table__), _groups("core"))
    for table, model in (("person", m.Person), ("council_group", m.CouncilGroup)):
        columns = [c.name for c in model.__table__.columns]
        fast, core = _stored(reg, table, columns, "fast"), _stored(reg, table, columns, "core")
        assert fast and fast == core


def test_converted_converts_each_distinct_value_once():
    calls = []

    def process(v):
        calls.append(v)
        return repr(v)

    values = [["a"], ["a"], [], [], None, None, 1, True, 1.0, 1, [1], [True], {"a": 1}, {"a": 1}]
    assert _converted(values, process) == [repr(v) for v in values]
    # equal lists of text and equal scalars of the same type once; 1, True and 1.0 apart; others every time
    assert calls == [["a"], [], None, 1, True, 1.0, [1], [True], {"a": 1}, {"a": 1}]
    assert _converted(values, None) is values


REFUSED = {  # valid and resolvable, but d2 stands in for d3, which is written after it: the database refuses
    "format": "udpeg/1",
    "organisations": [{"id": "kkr-nordjylland", "name": "KKR Nordjylland", "kind": "kkr", "kkr": "nordjylland"}],
    "people": [{"id": "p1", "name": "Person Et", "sex": "woman", "skills": ["jura"]}],
    "boards": [{"id": "b1", "name": "B", "compositions": [{"valid_from": "2022-04-01", "seats": [
        {"id": "members", "name": "Medlemmer", "count": 3, "appointed_by": "kkr-nordjylland", "deputies": "optional"}]}]}],
    "appointments": [
        {"id": "a1", "board": "b1", "seat": "members", "person": "p1", "start": "2022-04-01"},
        {"id": "d2", "board": "b1", "seat": "members", "person": "p1", "role": "deputy", "deputy_for": "d3", "start": "2022-04-01"},
        {"id": "d3", "board": "b1", "seat": "members", "person": "p1", "role": "deputy", "deputy_for": "a1", "start": "2022-04-01"},
    ],
}


def test_a_load_the_database_refuses_writes_nothing(make_registry, udpeg, tmp_path):
    reg = make_registry(sample=False)
    before = reg.counts()
    path = tmp_path / "refused.json"
    path.write_text(json.dumps(REFUSED), encoding="utf-8")
    r = udpeg("load", str(path), db=reg.db)
    assert r.code == 2 and "the database refused the data" in r.err and "nothing was written" in r.err
    assert reg.counts() == before
    good = {**REFUSED, "appointments": REFUSED["appointments"][:1]}
    path.write_text(json.dumps(good), encoding="utf-8")
    assert udpeg("load", str(path), db=reg.db).code == 0   # the connection is fine after the refusal
    assert reg.counts()["appointment"] == 1
