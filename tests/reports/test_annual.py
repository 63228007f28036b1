"""The annual report's content on a small hand-made registry: members by seat group, deputies,
vacancies, holdovers, counts per scope against the rule set, and the year's changes."""

from __future__ import annotations

import json

import pytest

from tests.reports.helpers import read_text

DATASET = '''
format = "udpeg/1"

[registry]
name = "Test-KKR"
kkr = "nordjylland"

[[municipalities]]
id = "aalborg"
name = "Aalborg Kommune"
kkr = "nordjylland"

[[organisations]]
id = "kkr-nordjylland"
name = "KKR Nordjylland"
kind = "kkr"
kkr = "nordjylland"

[[organisations]]
id = "region"
name = "Regionen"
kind = "region"

[[organisations]]
id = "di"
name = "DI"
kind = "business"

[[people]]
id = "anna"
name = "Anna A"
sex = "woman"
party = "A"
municipality = "aalborg"

[[people]]
id = "bo"
name = "Bo B"
sex = "man"

[[people]]
id = "carl"
name = "Carl C"
sex = "man"

[[people]]
id = "dina"
name = "Dina D"
sex = "woman"

[[people]]
id = "erik"
name = "Erik E"
sex = "man"

[[people]]
id = "frida"
name = "Frida F"
sex = "woman"

[[boards]]
id = "b1"
name = "Bestyrelse Et"
kkr = "nordjylland"
term = "kkr"
holdover = true

  [[boards.compositions]]
  valid_from = 2018-04-01
  balance = ["dk-ligelig"]
  balance_scopes = ["board", "controlled"]

    [[boards.compositions.seats]]
    id = "kkr"
    name = "KKR-pladser"
    count = 3
    appointed_by = "kkr-nordjylland"
    deputies = "optional"

    [[boards.compositions.seats]]
    id = "biz"
    name = "Erhverv"
    count = 2
    appointed_by = "region"
    nominated_by = ["di"]

    [[boards.compositions.seats]]
    id = "obs"
    name = "Observatør"
    count = 1
    voting = false

[[appointments]]
id = "a-anna"
board = "b1"
seat = "kkr"
person = "anna"
start = 2022-04-01

[[appointments]]
id = "a-bo"
board = "b1"
seat = "kkr"
person = "bo"
start = 2022-04-01
end = 2026-03-31
ended = { date = 2022-08-31, reason = "resigned" }

[[appointments]]
id = "a-carl"
board = "b1"
seat = "kkr"
person = "carl"
start = 2022-09-01

[[appointments]]
id = "a-dina-dep"
board = "b1"
seat = "kkr"
person = "dina"
role = "deputy"
deputy_for = "a-anna"
start = 2022-04-01

[[appointments]]
id = "a-erik"
board = "b1"
seat = "biz"
person = "erik"
start = 2018-04-01
end = 2022-03-31
nominated_by = ["di"]

[[appointments]]
id = "a-frida"
board = "b1"
seat = "obs"
person = "frida"
start = 2022-04-01
'''


@pytest.fixture
def report(udpeg, empty_db, tmp_path):
    src = tmp_path / "small.toml"
    src.write_text(DATASET, encoding="utf-8")
    r = udpeg("load", src, db=empty_db)
    assert r.code == 0, r.err
    out = tmp_path / "annual.json"
    r = udpeg("report", "annual", "--year", "2022", "--format", "json", "-o", out, db=empty_db)
    assert r.code == 0, r.err
    return json.loads(read_text(out))


def test_members_deputies_vacancies_and_holdover(report):
    board = report["boards"][0]
    rows = [(m["seat"], m["role"], m["name"], m["note"]) for m in board["members"]]
    assert ("kkr", "member", "Anna A", "") in rows
    assert ("kkr", "member", "Carl C", "") in rows
    assert ("kkr", "deputy", "Dina D", "deputy for Anna A") in rows
    assert ("kkr", "vacant", "—", "1 open seat") in rows
    # Erik's term ended on 31 March with no successor: he stays on as a holdover on a holdover board
    erik = next(m for m in board["members"] if m["name"] == "Erik E")
    assert erik["note"].startswith("holdover") and erik["nominated_by"] == ["DI"]
    assert ("biz", "vacant", "—", "1 open seat") in rows
    assert ("obs", "member", "Frida F", "") in rows
    anna = next(m for m in board["members"] if m["name"] == "Anna A")
    assert anna["party"] == "A" and anna["municipality"] == "Aalborg Kommune"
    assert anna["start"] == "2022-04-01" and anna["end"] == "2026-03-31"
    assert board["open_seats"] == 2


def test_counts_per_scope_leave_out_observers_and_deputies(report):
    board = report["boards"][0]
    whole, own = board["balance"]
    # counted: Anna, Carl (KKR seats) and Erik (holdover): the observer Frida and deputy Dina are not
    # (1 woman and 2 men, 1 and 1 on KKR's seats: a board of 3 or fewer counted shows no counts by sex,
    # issue 13.10, and the totals of a one-board registry would give them away)
    assert (whole["scope"], whole["counted"], whole["women"], whole["men"]) == ("board", 3, "not shown", "not shown")
    assert (own["scope"], own["counted"], own["women"], own["men"]) == ("controlled", 2, "not shown", "not shown")
    assert report["totals"]["women"] == report["totals"]["controlled"]["men"] == "not shown"
    assert whole["verdicts"] == [{"ruleset": "dk-ligelig", "required_each": 1, "status": "pass"}]
    assert report["totals"]["counted"] == 3 and report["totals"]["controlled"]["counted"] == 2


def test_changes_during_the_year(report):
    changes = [(c["date"], c["change"], c["name"], c["other"], c["reason"]) for c in report["changes"]]
    assert ("2022-03-31", "ended", "Erik E", "", "term-ended") in changes
    assert ("2022-04-01", "appointed", "Anna A", "", "") in changes
    assert ("2022-08-31", "replaced", "Bo B", "Carl C", "resigned") in changes
    assert ("2022-09-01", "appointed", "Carl C", "Bo B", "") in changes
    assert [c["date"] for c in report["changes"]] == sorted(c["date"] for c in report["changes"])


def test_counting_rules_are_stated(report):
    text = " ".join(report["counting_rules"])
    for words in ("Not counted", "deputies", "observers", "undisclosed", "fewer than 3"):
        assert words in text


def test_progress_is_reported_while_building(udpeg, sample_db):
    from registry.db import open_registry, to_url
    from registry.reports import annual
    from registry.service import Context

    engine = open_registry(to_url(str(sample_db)), create=False)
    try:
        ticks = []
        data, _doc = annual.build(Context(engine, "test"), year=2022, progress=lambda done, total: ticks.append((done, total)))
    finally:
        engine.dispose()
    n = len(data["boards"])
    assert ticks and ticks[-1] == (n, n)
