"""Make the R4 fixture for the current schema: tests/faults/schemas/schema-<REV>.db and .json.

Run once per released schema, right after adding its migration (and commit both files with
``git add -f``: *.db is ignored elsewhere):

    .venv/bin/python tests/faults/make_schema_fixture.py

The database holds a small registry and every kind of write the service layer makes
(appointment, early end, nomination, decided reasons, contact details, audit events); the JSON
holds its row counts and its export, which every later Udpeg must reproduce after `db upgrade`.
"""

from __future__ import annotations

import io
import json
import sqlite3
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

TABLES = ("registry_info", "municipality", "organisation", "council_group", "person", "office", "meeting", "board",
          "composition", "seat_group", "ruleset", "appointment", "allocation", "nomination", "audit_event")


def udpeg(*args: str) -> str:
    from registry.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    if code != 0:
        raise SystemExit(f"udpeg {' '.join(args)} failed ({code}): {err.getvalue()}")
    return out.getvalue()


def counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def main() -> None:
    from registry.db import HEAD, make_engine
    from registry import service
    from registry.service import Context, NominationInput, Proposal

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "registry.db"
        udpeg(f"--db={db}", "--as", "fixture", "init", "--empty")
        extra = Path(tmp) / "extra.json"
        extra.write_text(json.dumps({
            "format": "udpeg/1", "registry": {"name": "Schema fixture", "kkr": "nordjylland"},
            "municipalities": [{"id": "aalborg", "name": "Aalborg Kommune", "kkr": "nordjylland"}],
            "organisations": [{"id": "kkr-nordjylland", "name": "KKR Nordjylland", "kind": "kkr"},
                              {"id": "di", "name": "DI", "kind": "business"}],
            "people": [{"id": f"p{i}", "name": f"Person {i} [b]Æøå", "sex": ["woman", "man", "undisclosed"][i % 3],
                        "municipality": "aalborg", "party": "A", "skills": ["economy"],
                        "contact": {"email": f"p{i}@example.dk"},
                        "offices": [{"office": "council-member", "body": "aalborg", "start": "2022-01-01"}]}
                       for i in range(8)],
            "boards": [{"id": f"b{i}", "name": f"Board {i}", "kkr": "nordjylland", "term": "kkr",
                        "compositions": [{"valid_from": "2022-01-01", "balance": ["dk-ligelig"],
                                          "seats": [{"id": "member", "name": "Member", "count": 3,
                                                     "appointed_by": "kkr-nordjylland"}]}]} for i in range(3)],
            "appointments": [{"id": "a0", "board": "b0", "seat": "member", "person": "p0", "start": "2022-04-01",
                              "end": "2026-03-31", "extra": {"note": "kept"}},
                             # from schema 0002: a seat filled, holder not recorded
                             {"id": "a1", "board": "b0", "seat": "member", "holder": "not-recorded",
                              "start": "2022-04-01", "end": "2026-03-31"}],
            "nominations": [{"id": "n0", "board": "b1", "seat": "member", "round": "2026-04-01",
                             "organisations": ["di"], "candidates": ["p1", "p2"], "reasons": "secret",
                             "deadline": "2026-03-01"}],
        }), encoding="utf-8")
        udpeg(f"--db={db}", "--as", "fixture", "load", str(extra))
        engine = make_engine(f"sqlite:///{db}")
        ctx = Context(engine, actor="fixture")
        a = service.appoint(ctx, Proposal(board="b2", seat="member", person="p3", start=date(2026, 5, 1),
                                          override_reason="fixture")).holding.appointment
        service.end_appointment(ctx, a, date(2026, 8, 31), "resigned", note="moved")
        nid, _ = service.nominate(ctx, NominationInput(board="b1", seat="member", round=date(2026, 4, 1),
                                                       organisations=("kkr-nordjylland",), candidates=("p4", "p5")))
        service.decide_reasons(ctx, nid, True)
        engine.dispose()
        con = sqlite3.connect(db)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode=DELETE")
        con.execute("VACUUM")
        con.close()
        export = json.loads(udpeg(f"--db={db}", "export", "--format", "json"))
        target = HERE / "schemas" / f"schema-{HEAD}.db"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(db.read_bytes())
        (HERE / "schemas" / f"schema-{HEAD}.json").write_text(
            json.dumps({"schema": HEAD, "counts": counts(target), "export": export}, ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8")
        print(f"wrote {target} and its .json")


if __name__ == "__main__":
    main()
