"""udpeg synth: deterministic, loadable, national in shape, and every rule violated somewhere."""

from __future__ import annotations

import io
import json
from collections import Counter

import pytest

from registry.dataset.load import resolve
from registry.dataset.schema import KKRS, validate
from registry.synth import AS_OF, FLAWS, MUNICIPALITIES, ascii_id, generate


def _json(boards: int = 30, years: int = 8, seed: int = 5) -> str:
    buf = io.StringIO()
    generate(buf, boards, years, seed, "json")
    return buf.getvalue()


def test_same_seed_same_bytes_and_another_seed_differs():
    assert _json(seed=5) == _json(seed=5)
    assert _json(seed=5) != _json(seed=6)


def test_valid_udpeg1_with_every_reference_resolved():
    ds, problems = validate(json.loads(_json()))
    assert problems == []
    assert resolve(ds, None) == []


def test_national_shape():
    tree = json.loads(_json(boards=60, years=20))
    assert len(tree["municipalities"]) == 98 == sum(len(v) for v in MUNICIPALITIES.values())
    assert Counter(m["kkr"] for m in tree["municipalities"]) == {
        "nordjylland": 11, "midtjylland": 19, "syddanmark": 22, "sjaelland": 17, "hovedstaden": 29}
    kkr_orgs = [o for o in tree["organisations"] if o["kind"] == "kkr"]
    assert sorted(o["kkr"] for o in kkr_orgs) == sorted(KKRS)
    assert {o["kind"] for o in tree["organisations"]} >= {"business", "knowledge", "labour", "region", "municipality",
                                                          "ministry", "kkr", "council-group", "other"}
    assert {p.get("sex", "undisclosed") for p in tree["people"]} == {"woman", "man", "undisclosed"}
    offices = [o for p in tree["people"] for o in p.get("offices", [])]
    starts = {o["start"][:4] for o in offices if o["office"] == "council-member"}
    assert {"2010", "2014", "2018", "2022", "2026"} <= starts      # council offices follow election periods
    per_person = Counter(a["person"] for a in tree["appointments"] if "person" in a)
    assert any(a.get("holder") == "not-recorded" for a in tree["appointments"])
    assert max(per_person.values()) > 1                             # several seats per person
    assert any("ended" in a for a in tree["appointments"])
    assert any(a.get("role") == "deputy" for a in tree["appointments"])
    assert any(n.get("reasons") for n in tree["nominations"])
    assert any(len(n["candidates"]) == 1 for n in tree["nominations"])
    ends = [a["end"] for a in tree["appointments"] if "end" in a]
    assert max(ends) >= "2026-12-31"


def test_ascii_ids():
    assert ascii_id("Høje-Taastrup") == "hoje-taastrup"
    assert ascii_id("Ærø") == "aero"
    assert ascii_id("Tårnby") == "taarnby"


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_loads_cleanly_with_udpeg_load(udpeg, empty_db, tmp_path, suffix):
    path = tmp_path / f"synth{suffix}"
    r = udpeg("synth", "--boards", "30", "--years", "8", "--seed", "2", "-o", str(path))
    assert r.code == 0, r.err
    r = udpeg("load", str(path), db=empty_db)
    assert r.code == 0, r.err
    r = udpeg("boards", "--format", "json", db=empty_db, env={"UDPEG_TODAY": AS_OF.isoformat()})
    assert r.code in (0, 1), r.err
    assert len(r.json()) == 30


def test_straight_into_a_database(udpeg, tmp_path):
    db = tmp_path / "direct.db"
    r = udpeg("synth", "--boards", "10", "--years", "4", "--db", str(db))
    assert r.code == 0, r.err
    assert db.exists()


def test_refuses_a_bad_file_name(udpeg, tmp_path):
    r = udpeg("synth", "--boards", "3", "-o", str(tmp_path / "x.csv"))
    assert r.code == 2


def test_every_rule_of_the_catalogue_is_violated_somewhere(tmp_path):
    from registry.db import open_registry, to_url
    from registry.findings import RULES
    from registry.service import Context, check, load

    path = tmp_path / "synth.json"
    path.write_text(_json(boards=len(FLAWS) + 5, years=8, seed=1), encoding="utf-8")
    ctx = Context(open_registry(to_url(str(tmp_path / "r.db")), create=True), actor="test")
    load(ctx, [path])
    found = {f.rule for f in check(ctx, AS_OF)}
    assert set(FLAWS) <= found
    assert set(RULES) <= found
    ctx.engine.dispose()
