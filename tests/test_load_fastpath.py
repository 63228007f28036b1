"""The dataset readers' fast paths (ordinary appointments and nominations, read without a place
for every value) give the same records and the same problems as the full readers, for clean and
for faulty records. The loader's writing path has its own test in tests/db/test_db_load_fastpath.py."""

from __future__ import annotations

import copy
import io
import json
import tomllib
from datetime import date, datetime

import pytest

from registry.dataset import schema
from registry.synth import generate


def _both(tree: dict, monkeypatch) -> tuple:
    """validate() as it is, and with the fast paths turned off."""
    ds, problems = schema.validate(copy.deepcopy(tree))
    with monkeypatch.context() as mp:
        mp.setattr(schema, "_appointment_fast", lambda c, t: None)
        mp.setattr(schema, "_nomination_fast", lambda c, t: None)
        slow_ds, slow_problems = schema.validate(copy.deepcopy(tree))
    return (ds.records, [str(p) for p in problems]), (slow_ds.records, [str(p) for p in slow_problems])


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_fast_paths_read_a_synthetic_registry_as_the_full_readers_do(fmt, monkeypatch):
    out = io.StringIO()
    generate(out, boards=30, years=8, seed=3, fmt=fmt)
    tree = json.loads(out.getvalue()) if fmt == "json" else tomllib.loads(out.getvalue())
    fast, slow = _both(tree, monkeypatch)
    assert fast == slow
    assert fast[0]["appointments"] and fast[0]["nominations"] and not fast[1]


APPOINTMENT = {"id": "a1", "board": "b", "seat": "s", "person": "p", "start": "2020-01-01", "end": "2023-12-31",
               "nominated_by": ["o1", "o2"], "nomination": "n1", "council_group": "g", "override_reason": "why",
               "extra": {"k": "v"}, "decision": {"meeting": "m", "item": "3", "case": "c"},
               "ended": {"date": "2021-05-01", "reason": "resigned"}}
NOMINATION = {"id": "n1", "board": "b", "seat": "s", "round": "2020-01-01", "organisations": ["o1"],
              "candidates": ["p", "q"], "received": "2019-11-01", "deadline": "2019-12-01", "seats": 2,
              "reasons": "r", "reasons_accepted": "yes", "confidential": False}
ODD_VALUES = [None, "", "Not-An-Id", 7, True, 1.5, [], ["x"], [None], {}, {"date": "2021-01-01"},
              "01-02-2021", " 2021-02-03 ", "2021-02-30", date(2021, 2, 3), datetime(2021, 2, 3, 4, 5)]


def _variants(base: dict, extra_keys: list[str]) -> list[dict]:
    out = [dict(base)]
    for key in list(base) + extra_keys:
        out.append({k: v for k, v in base.items() if k != key})       # the key left out
        out += [{**base, key: v} for v in ODD_VALUES]                 # the key with an odd value
    return out


def test_fast_paths_find_and_word_the_same_problems(monkeypatch):
    appointments = _variants(APPOINTMENT, ["role", "deputy_for", "unknown"])
    appointments += [{**APPOINTMENT, "role": "deputy", "deputy_for": "a0"}, {**APPOINTMENT, "deputy_for": "a0"},
                     {**APPOINTMENT, "role": "deputy"}, {**APPOINTMENT, "end": "2019-01-01"},
                     {**APPOINTMENT, "ended": {"date": "2019-01-01", "reason": "other"}},
                     {**APPOINTMENT, "ended": {"date": "2021-01-01", "reason": "bored"}},
                     {**APPOINTMENT, "ended": {"date": "2021-01-01", "reason": "other", "x": 1}},
                     {**APPOINTMENT, "decision": {"item": "1"}}, {**APPOINTMENT, "decision": {"meeting": "m", "x": 1}},
                     {**APPOINTMENT, "decision": {"meeting": "m", "case": 4}}, {**APPOINTMENT, "extra": {"k": None}}]
    nominations = _variants(NOMINATION, ["unknown"]) + [{**NOMINATION, "seats": 0}, {**NOMINATION, "candidates": []},
                                                       {**NOMINATION, "reasons_accepted": "maybe"}]
    tree = {"format": "udpeg/1", "appointments": appointments, "nominations": nominations}
    fast, slow = _both(tree, monkeypatch)
    assert fast == slow
    assert len(fast[1]) > 100   # the variants are faulty in many ways; the clean ones read the same
