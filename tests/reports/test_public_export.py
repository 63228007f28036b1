"""`export --public` (toml, json, popolo) holds no one's sex and only people with a public role
(issue 13, point 10; quality.md: sex is published only as counts)."""

from __future__ import annotations

import json
import tomllib

import pytest

DATA = """format = "udpeg/1"
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
id = "p-former"
name = "Tidligere Medlem"
sex = "woman"
[[people]]
id = "p-now"
name = "Nuvaerende Medlem"
sex = "man"
[[people]]
id = "p-office"
name = "Kun Embede"
sex = "woman"
offices = [{ office = "mayor", body = "aalborg", start = 2022-01-01 }]
[[people]]
id = "p-nobody"
name = "Ingen Plads"
sex = "man"
[[people]]
id = "p-cand"
name = "Kun Kandidat"
sex = "woman"
[[boards]]
id = "b1"
name = "Bestyrelse"
term = "kkr"
  [[boards.compositions]]
  valid_from = 2018-04-01
    [[boards.compositions.seats]]
    id = "members"
    name = "Medlemmer"
    count = 1
    appointed_by = "kkr-nordjylland"
[[appointments]]
board = "b1"
seat = "members"
person = "p-former"
start = 2018-04-01
end = 2022-03-31
[[appointments]]
board = "b1"
seat = "members"
person = "p-now"
start = 2022-04-01
[[nominations]]
board = "b1"
seat = "members"
round = 2022-04-01
organisations = ["kkr-nordjylland"]
candidates = ["p-cand", "p-now"]
"""

SEXES = ("woman", "man", "undisclosed", "kvinde", "mand")


def walk(value, path=""):
    """Every (path, key, value) in a JSON-like tree."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield path, k, v
            yield from walk(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk(v, f"{path}[{i}]")


@pytest.fixture
def db(udpeg, tmp_path):
    path = tmp_path / "reg.db"
    assert udpeg("init", "--empty", db=path).code == 0
    src = tmp_path / "d.toml"
    src.write_text(DATA, encoding="utf-8")
    r = udpeg("load", src, db=path)
    assert r.code == 0, r.err
    return path


@pytest.mark.parametrize("fmt", ["toml", "json", "popolo"])
def test_public_export_has_no_sex_and_only_seat_holders(udpeg, db, fmt):
    r = udpeg("export", "--public", "--format", fmt, db=db)
    assert r.code == 0, r.err
    tree = tomllib.loads(r.out) if fmt == "toml" else json.loads(r.out)
    people = tree["persons"] if fmt == "popolo" else tree["people"]
    # the former and the present holder of the seat; not the candidate, not the seatless person
    assert sorted(p["id"] for p in people) == ["p-former", "p-now"]
    for text in ("Kun Kandidat", "Ingen Plads", "Kun Embede", "p-cand", "p-nobody"):
        assert text not in r.out, (fmt, text)
    for path, key, value in walk(tree):
        assert key not in ("sex", "gender"), (fmt, path, key)
        assert not (isinstance(value, str) and value in SEXES), (fmt, path, key, value)


def test_the_full_export_keeps_everyone_and_their_sex(udpeg, db):
    tree = udpeg("export", "--format", "json", db=db).json()
    sexes = {p["id"]: p.get("sex", "undisclosed") for p in tree["people"]}
    assert sexes == {"p-cand": "woman", "p-former": "woman", "p-nobody": "man", "p-now": "man", "p-office": "woman"}


def test_the_public_export_loads_into_a_fresh_registry(udpeg, db, tmp_path):
    out = tmp_path / "public.toml"
    assert udpeg("export", "--public", "--format", "toml", "-o", out, db=db).code == 0
    again = tmp_path / "again.db"
    assert udpeg("init", "--empty", db=again).code == 0
    r = udpeg("load", out, db=again)
    assert r.code == 0, r.err
    assert sorted(p["id"] for p in udpeg("export", "--format", "json", db=again).json()["people"]) == ["p-former", "p-now"]
