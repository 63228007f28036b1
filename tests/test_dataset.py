"""The udpeg/1 format: what is refused (exit 2, with its place, nothing written) and the round trip."""

import json
from pathlib import Path

import pytest

from registry.dataset.locate import locate_line
from registry.sample import sample_path

MINIMAL = """format = "udpeg/1"
[[municipalities]]
id = "aalborg"
name = "Aalborg Kommune"
kkr = "nordjylland"
[[organisations]]
id = "kkr-nordjylland"
name = "KKR Nordjylland"
kind = "kkr"
kkr = "nordjylland"
[[people]]
id = "p1"
name = "Person Et"
sex = "woman"
[[boards]]
id = "b1"
name = "Bestyrelse [Nord]"
term = "kkr"
  [[boards.compositions]]
  valid_from = 2022-04-01
    [[boards.compositions.seats]]
    id = "members"
    name = "Medlemmer"
    count = 3
    appointed_by = "kkr-nordjylland"
[[appointments]]
board = "b1"
seat = "members"
person = "p1"
start = 2022-04-01
"""


def write(tmp_path: Path, text: str, name: str = "d.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def exported(udpeg, db) -> dict:
    r = udpeg("export", "--format", "json", db=db)
    assert r.code == 0, r.err
    return r.json()


def test_minimal_dataset_loads_and_defaults_the_end_to_the_term(udpeg, empty_db, tmp_path):
    r = udpeg("load", write(tmp_path, MINIMAL), db=empty_db)
    assert r.code == 0, r.err
    data = exported(udpeg, empty_db)
    (appt,) = data["appointments"]
    assert appt["end"] == "2026-03-31"  # the kkr period containing the start
    assert appt["id"]  # one is made when missing


BAD = {
    "unknown key": (MINIMAL.replace('sex = "woman"', 'sexx = "woman"'), "people[0].sexx", "unknown key"),
    "bad id": (MINIMAL.replace('id = "p1"', 'id = "P 1"'), "people[0].id", "not a valid id"),
    "bad date": (MINIMAL.replace("start = 2022-04-01", 'start = "31-02-2022"'), "appointments[0].start", "not a date"),
    "end before start": (MINIMAL + "end = 2021-01-01\n", "appointments[0].end", "before it starts"),
    "unknown reference": (MINIMAL.replace('person = "p1"', 'person = "nobody"'), "appointments[0].person", "neither in the file"),
    "unknown seat": (MINIMAL.replace('seat = "members"', 'seat = "chair"'), "appointments[0].seat", "no seat group"),
    "duplicate id": (MINIMAL + '[[people]]\nid = "p1"\nname = "Igen"\n', "people[1].id", "already used"),
    "wrong format": (MINIMAL.replace('format = "udpeg/1"', 'format = "udpeg/9"'), "format", "must be"),
    "bad enum": (MINIMAL.replace('sex = "woman"', 'sex = "female"'), "people[0].sex", "not one of"),
    "zero seats": (MINIMAL.replace("count = 3", "count = 0"), "seats[0].count", "at least 1"),
    "bad term": (MINIMAL.replace('term = "kkr"', 'term = "weekly"'), "boards[0].term", ""),
    "deputy without member": (MINIMAL + 'role = "deputy"\n', "appointments[0].deputy_for", "deputy"),
    "holder not recorded and a person": (MINIMAL + 'holder = "not-recorded"\n', "appointments[0].person", "not-recorded"),
    "no person, no holder": (MINIMAL.replace('person = "p1"\n', ""), "appointments[0]", "person"),
    "bad holder": (MINIMAL + 'holder = "unknown"\n', "appointments[0].holder", "not-recorded"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_dataset_is_refused_with_its_place_and_nothing_written(udpeg, empty_db, tmp_path, case):
    text, place, words = BAD[case]
    before = exported(udpeg, empty_db)
    r = udpeg("load", write(tmp_path, text), db=empty_db)
    assert r.code == 2, (r.out, r.err)
    assert place in r.err and words in r.err
    assert "Traceback" not in r.err
    assert exported(udpeg, empty_db) == before


def test_problems_in_toml_name_their_line(udpeg, empty_db, tmp_path):
    r = udpeg("load", write(tmp_path, MINIMAL.replace("count = 3", "count = -1")), db=empty_db)
    line = MINIMAL.splitlines().index("    count = 3") + 1
    assert f"(line {line})" in r.err


def test_several_files_load_in_one_transaction(udpeg, empty_db, tmp_path):
    good = write(tmp_path, MINIMAL, "a.toml")
    bad = write(tmp_path, '[[people]]\nid = "x"\nname = "X"\n', "b.toml")  # no format key
    r = udpeg("load", good, bad, db=empty_db)
    assert r.code == 2
    assert exported(udpeg, empty_db).get("boards") is None


def test_json_datasets_load_too(udpeg, empty_db, tmp_path):
    import tomllib

    tree = tomllib.loads(MINIMAL)
    path = tmp_path / "d.json"
    path.write_text(json.dumps(tree, default=str), encoding="utf-8")
    assert udpeg("load", path, db=empty_db).code == 0


def test_loading_an_id_twice_is_refused_unless_replacing(udpeg, empty_db, tmp_path):
    path = write(tmp_path, MINIMAL)
    assert udpeg("load", path, db=empty_db).code == 0
    r = udpeg("load", path, db=empty_db)
    assert r.code == 2 and "already in the registry" in r.err
    assert udpeg("load", "--replace", path, db=empty_db).code == 0


def test_unreadable_and_unknown_files_exit_2(udpeg, empty_db, tmp_path):
    assert udpeg("load", tmp_path / "missing.toml", db=empty_db).code == 2
    assert udpeg("load", write(tmp_path, "x", "d.yaml"), db=empty_db).code == 2
    r = udpeg("load", write(tmp_path, "format = [", "broken.toml"), db=empty_db)
    assert r.code == 2 and "not valid TOML" in r.err


def test_sample_round_trip_is_identity(udpeg, sample_db, tmp_path):
    first = udpeg("export", "--format", "toml", db=sample_db)
    path = write(tmp_path, first.out, "export.toml")
    db2 = tmp_path / "again.db"
    assert udpeg("init", "--empty", db=db2).code == 0
    r = udpeg("load", path, db=db2)
    assert r.code == 0, r.err
    assert udpeg("export", "--format", "toml", db=db2).out == first.out
    assert exported(udpeg, db2) == exported(udpeg, sample_db)


def test_export_of_the_sample_matches_the_shipped_file_in_substance(udpeg, sample_db):
    import tomllib

    shipped = tomllib.loads(sample_path().read_text(encoding="utf-8"))
    data = exported(udpeg, sample_db)
    for kind in ("municipalities", "organisations", "people", "boards", "meetings"):
        assert sorted(r["id"] for r in data[kind]) == sorted(r["id"] for r in shipped[kind]), kind


def test_public_export_leaves_out_private_data(udpeg, empty_db, tmp_path):
    text = MINIMAL.replace('sex = "woman"', 'sex = "woman"\ncontact = { email = "p1@example.org" }\nextra = { note = "hemmelig" }') + \
        '[[people]]\nid = "cand"\nname = "Kandidat Uden Plads"\n' \
        '[[nominations]]\nboard = "b1"\nseat = "members"\nround = 2026-04-01\norganisations = ["kkr-nordjylland"]\n' \
        'candidates = ["cand"]\nreasons = "Særlige grunde her"\n'
    assert udpeg("load", write(tmp_path, text), db=empty_db).code == 0
    for fmt in ("json", "toml"):
        out = udpeg("export", "--public", "--format", fmt, db=empty_db).out
        for secret in ("p1@example.org", "hemmelig", "Kandidat Uden Plads", "Særlige grunde"):
            assert secret not in out, (fmt, secret)
    assert "p1@example.org" in udpeg("export", "--format", "json", db=empty_db).out


def test_locate_line_finds_nested_tables_and_keys():
    assert locate_line(MINIMAL, "boards[0].compositions[0].seats[0].count") == MINIMAL.splitlines().index("    count = 3") + 1
    assert locate_line(MINIMAL, "people[0].sex") == MINIMAL.splitlines().index('sex = "woman"') + 1
    assert locate_line(MINIMAL, "") is None


NOT_RECORDED = MINIMAL + """[[appointments]]
id = "filled-1"
board = "b1"
seat = "members"
holder = "not-recorded"
start = 2022-04-01
[[appointments]]
id = "filled-2"
board = "b1"
seat = "members"
holder = "not-recorded"
start = 2022-04-01
"""


def test_a_holder_not_recorded_loads_and_exports_back(udpeg, empty_db, tmp_path):
    r = udpeg("load", write(tmp_path, NOT_RECORDED), db=empty_db)
    assert r.code == 0, r.err
    apps = {a["id"]: a for a in exported(udpeg, empty_db)["appointments"]}
    assert apps["filled-1"] == {"id": "filled-1", "board": "b1", "seat": "members", "holder": "not-recorded",
                                "start": "2022-04-01", "end": "2026-03-31"}
    # the export loads into a fresh registry and exports the same again
    again = tmp_path / "again.db"
    assert udpeg("init", "--empty", db=again).code == 0
    out = write(tmp_path, udpeg("export", "--format", "toml", db=empty_db).out, "out.toml")
    assert udpeg("load", out, db=again).code == 0
    assert exported(udpeg, again) == exported(udpeg, empty_db)
    # --public keeps the seat (it is filled) and names no one
    public = udpeg("export", "--public", "--format", "json", db=empty_db).json()
    assert sum(1 for a in public["appointments"] if a.get("holder") == "not-recorded") == 2


def test_a_holder_not_recorded_fills_the_seat_with_sex_undisclosed(udpeg, empty_db, tmp_path):
    """3 seats: one woman named, two filled by people not named. Nothing vacant; with 2 of 3
    undisclosed, dk-ligelig (n = 3 needs 1 of each) could pass or fail: undetermined."""
    assert udpeg("load", write(tmp_path, NOT_RECORDED), db=empty_db).code == 0
    r = udpeg("check", "--on", "2023-01-01", "--format", "json", db=empty_db)
    found = [(f["rule"], f["severity"], f["person"], f["appointment"]) for f in r.json()["findings"]]
    assert not [f for f in found if f[0] in ("seat-vacant", "gender-balance", "term-overlap", "plurality")]
    assert ("gender-undetermined", "warning", None, None) in found
    assert sorted(f for f in found if f[0] == "holder-not-recorded") == [
        ("holder-not-recorded", "info", None, "filled-1"), ("holder-not-recorded", "info", None, "filled-2")]
    board = udpeg("board", "b1", "--on", "2023-01-01", "--format", "json", db=empty_db).json()
    seat = board["seats"][0]
    assert seat["open"] == 0 and [h["sex"] for h in seat["holders"]].count("undisclosed") == 2
    assert [h["name"] for h in seat["holders"]].count("not recorded") == 2
    da = udpeg("--lang", "da", "board", "b1", "--on", "2023-01-01", "--format", "json", db=empty_db).json()
    assert [h["name"] for h in da["seats"][0]["holders"]].count("ikke oplyst") == 2
    msg = [f for f in da["findings"] if f["rule"] == "holder-not-recorded"][0]
    assert msg["message"] == "Medlemmer er besat, men indehaveren er ikke oplyst (udpeget af KKR Nordjylland)"
    assert msg["remedy"] == "Spørg KKR Nordjylland, hvem der har pladsen, og registrér navnet"


def test_a_holder_not_recorded_is_not_judged_ineligible(udpeg, empty_db, tmp_path):
    text = NOT_RECORDED.replace('appointed_by = "kkr-nordjylland"',
                                'appointed_by = "kkr-nordjylland"\n    eligibility = ["council-member-in-kkr"]')
    assert udpeg("load", write(tmp_path, text), db=empty_db).code == 0
    found = udpeg("check", "--on", "2023-01-01", "--format", "json", db=empty_db).json()["findings"]
    # p1 has no office: ineligible; the two not-recorded holders cannot be judged
    assert [(f["rule"], f["person"]) for f in found if f["rule"] == "eligibility"] == [("eligibility", "p1")]
