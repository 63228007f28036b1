"""No published report lets a small count be worked out (issue 13, points 10 and 12).

A registry of four boards, worked out by hand:

* ``solo``: 1 member, a man — a board of 3 or fewer shows no counts (today "0 women, 1 men").
* ``few``: 5 counted, 1 woman and 4 men, dk-ligelig requires 2 of each: "fewer than 3" women,
  men not shown (4 beside 5 counted would say women + undisclosed = 1), and a finding that says
  neither the counts nor which sex is short.
* ``even8`` (4 and 4) and ``even10`` (5 and 5): shown exactly.
* ``old``: 5 members 2018–2022, 1 woman and 4 men: the gender report's 2018–2022 period row
  (today "1 women, 4 men of 5").

Totals on 31 Dec 2022: 24 counted (1 + 5 + 8 + 10; ``old`` has ended): 10 women, 14 men. The
two hidden boards hold 1 woman and 5 men between them, which more than one split gives.
"""

from __future__ import annotations

import itertools
import json

import pytest

from tests.reports.helpers import read_text

HEAD = '''format = "udpeg/1"
[[organisations]]
id = "kkr-nordjylland"
name = "KKR Nordjylland"
kind = "kkr"
kkr = "nordjylland"
'''


def board(bid: str, n: int, start: str = "2022-04-01") -> str:
    return f'''
[[boards]]
id = "{bid}"
name = "Board {bid}"
kkr = "nordjylland"
term = "kkr"
  [[boards.compositions]]
  valid_from = 2018-04-01
  balance = ["dk-ligelig"]
    [[boards.compositions.seats]]
    id = "m"
    name = "Medlemmer"
    count = {n}
    appointed_by = "kkr-nordjylland"
'''


def members(bid: str, sexes: str, start: str = "2022-04-01") -> str:
    out = ""
    for i, sex in enumerate(sexes):
        pid = f"{bid}-{i}"
        out += f'''
[[people]]
id = "{pid}"
name = "Person {pid}"
sex = "{'woman' if sex == 'w' else 'man'}"
[[appointments]]
board = "{bid}"
seat = "m"
person = "{pid}"
start = {start}
'''
    return out


DATA = (HEAD + board("solo", 1) + members("solo", "m") + board("few", 5) + members("few", "wmmmm")
        + board("even8", 8) + members("even8", "wwwwmmmm") + board("even10", 10) + members("even10", "wwwwwmmmmm")
        + board("old", 5) + members("old", "wmmmm", "2018-04-01"))


@pytest.fixture
def reports(udpeg, empty_db, tmp_path):
    src = tmp_path / "d.toml"
    src.write_text(DATA, encoding="utf-8")
    r = udpeg("load", src, db=empty_db)
    assert r.code == 0, r.err
    made = {}
    for report, args in (("annual", ["--year", "2022"]), ("gender", ["--on", "2022-12-31"]),
                         ("vacancies", ["--on", "2022-12-31", "--within", "2000"])):
        for fmt in ("json", "md", "html", "csv"):
            out = tmp_path / f"{report}.{fmt}"
            r = udpeg("report", report, *args, "--format", fmt, "-o", out, db=empty_db)
            assert r.code == 0, r.err
            made[f"{report}.{fmt}"] = read_text(out)
    return made


def test_a_board_of_one_shows_no_counts(reports):
    annual = json.loads(reports["annual.json"])
    solo = next(b for b in annual["boards"] if b["id"] == "solo")
    assert solo["balance"][0]["counted"] == 1
    assert [solo["balance"][0][k] for k in ("women", "men", "undisclosed")] == ["not shown"] * 3
    assert "Board solo: 0 women, 1 men" not in reports["annual.md"]
    assert "1 counted: women not shown, men not shown" in reports["annual.md"]
    gender = json.loads(reports["gender.json"])
    row = next(r for r in gender["by_board"] if r["board"] == "solo" and r["date"] == "2022-12-31")
    assert (row["women"], row["men"]) == ("not shown", "not shown")


def test_a_board_of_five_shows_fewer_than_3_and_hides_the_rest(reports):
    annual = json.loads(reports["annual.json"])
    few = next(b for b in annual["boards"] if b["id"] == "few")
    whole = few["balance"][0]
    assert (whole["counted"], whole["women"], whole["men"], whole["undisclosed"]) == (5, "fewer than 3", "not shown",
                                                                                     "fewer than 3")
    (f,) = [f for f in few["findings"] if f["rule"] == "gender-balance"]
    assert f["message"] == "The board does not meet dk-ligelig: at least 2 of each sex are required (5 counted)"
    assert f["remedy"] == "When seats are next filled, appoint women and men until there are at least 2 of each sex"
    even = next(b for b in annual["boards"] if b["id"] == "even10")["balance"][0]
    assert (even["women"], even["men"], even["undisclosed"]) == (5, 5, 0)


def test_no_remedy_or_message_in_a_published_report_carries_counts_by_sex(reports):
    import re

    for name, text in reports.items():
        for leak in ("more women", "more men", "appoint women until", "appoint men until", "(women:", "undisclosed:"):
            assert leak not in text, (name, leak)
        # a count of 1 or 2 women or men beside a board (0 is the empty board: "0 women, 0 men of 0")
        found = re.search(r"\b[12] (women|men)\b|\b(women|men):? [12]\b", text, re.IGNORECASE)
        assert not found, (name, found and text[max(0, found.start() - 80):found.end() + 20])


def test_the_by_period_section_follows_the_small_count_rules(reports):
    gender = json.loads(reports["gender.json"])
    periods = {r["period_start"]: r for r in gender["by_period"]}
    old = periods["2018-04-01"]
    assert (old["appointed"], old["women"], old["men"], old["undisclosed"]) == (5, "fewer than 3", "not shown",
                                                                               "fewer than 3")
    now = periods["2022-04-01"]      # 1 + 5 + 8 + 10 = 24 appointed: 10 women, 14 men
    assert (now["appointed"], now["women"], now["men"]) == (24, 10, 14)
    assert "1 women, 4 men of 5" not in reports["gender.md"]


def splits(n):
    return [(w, m, n - w - m) for w in range(n + 1) for m in range(n + 1 - w)]


def candidates(n, shown):
    from registry.reports import public_counts

    if n >= 7 and shown == ("not shown",) * 3:
        return [t for t in splits(n) if t[0] >= 3 and t[1] >= 3]
    return [t for t in splits(n) if tuple(str(c) if not isinstance(c, int) else c
                                          for c in public_counts(n, *t)) == shown]


def test_the_totals_do_not_let_a_hidden_board_be_subtracted(reports):
    annual = json.loads(reports["annual.json"])
    rows = [b["balance"][0] for b in annual["boards"] if b["balance"][0]["counted"]]
    t = annual["totals"]
    assert (t["counted"], t["women"], t["men"], t["undisclosed"]) == (24, 10, 14, 0)
    shown = [r for r in rows if isinstance(r["women"], int)]
    hidden = [r for r in rows if not isinstance(r["women"], int)]
    assert sorted(r["counted"] for r in hidden) == [1, 5]
    rest = tuple(t[k] - sum(r[k] for r in shown) for k in ("women", "men", "undisclosed"))
    assert rest == (1, 5, 0)        # what the two hidden boards hold together
    options = [candidates(r["counted"], (r["women"], r["men"], r["undisclosed"])) for r in hidden]
    consistent = [c for c in itertools.product(*options) if tuple(sum(x[k] for x in c) for k in range(3)) == rest]
    for i in range(len(hidden)):
        assert len({c[i][0] for c in consistent}) >= 2, hidden[i]
        assert len({c[i][1] for c in consistent}) >= 2, hidden[i]
