"""S1, S2, S5 and small counts: plant confidential data and hostile names, then prove that no
public output leaks them or would run them (HTML, Markdown, CSV, XLSX, JSON, ICS, exports)."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest

from tests.reports.helpers import FIXED_TODAY, read_text

FORMULA = '=HYPERLINK("x")'
SCRIPT = "<script>alert(1)</script>"
ORG = "Foreningen [Nord]"

PLANTED = f'''
format = "udpeg/1"

[[organisations]]
id = "foreningen-nord"
name = "{ORG}"
kind = "other"

[[people]]
id = "p-formula"
name = {json.dumps(FORMULA)}
sex = "woman"
party = "@SUM(1+1)"
municipality = "aalborg"
contact = {{ email = "secret.formula@example.org", phone = "+45 11 22 33 44" }}
extra = {{ note = "SECRET-PERSON-EXTRA" }}

[[people]]
id = "p-script"
name = "{SCRIPT}"
sex = "man"
contact = {{ email = "secret.script@example.org" }}

[[people]]
id = "p-m1"
name = "Anders Almindelig"
sex = "man"

[[people]]
id = "p-m2"
name = "Bent Bestyrelse"
sex = "man"

[[people]]
id = "p-m3"
name = "Carl Carlsen"
sex = "man"

[[people]]
id = "p-candidate"
name = "Hemmelig Kandidatsen"
sex = "man"
contact = {{ email = "secret.candidate@example.org", phone = "+45 99 88 77 66" }}

[[boards]]
id = "planted-board"
name = "Planted <b>board</b> & [Nord]"
kkr = "nordjylland"
term = "kkr"
extra = {{ note = "SECRET-BOARD-EXTRA" }}

  [[boards.compositions]]
  valid_from = 2022-04-01
  balance = ["dk-ligelig"]
  balance_scopes = ["board", "controlled"]

    [[boards.compositions.seats]]
    id = "members"
    name = "=Members+seat"
    count = 6
    appointed_by = "kkr-nordjylland"
    nominated_by = ["foreningen-nord"]

[[appointments]]
id = "planted-formula"
board = "planted-board"
seat = "members"
person = "p-formula"
start = 2022-04-01
nominated_by = ["foreningen-nord"]
override_reason = "SECRET-OVERRIDE-REASON"
extra = {{ note = "SECRET-APPOINTMENT-EXTRA" }}

[[appointments]]
board = "planted-board"
seat = "members"
person = "p-script"
start = 2022-04-01
nominated_by = ["foreningen-nord"]

[[appointments]]
board = "planted-board"
seat = "members"
person = "p-m1"
start = 2022-04-01

[[appointments]]
board = "planted-board"
seat = "members"
person = "p-m2"
start = 2022-04-01

[[appointments]]
board = "planted-board"
seat = "members"
person = "p-m3"
start = 2022-04-01
end = 2022-09-30
ended = {{ date = 2022-06-30, reason = "resigned" }}

[[nominations]]
id = "n-planted"
board = "planted-board"
seat = "members"
round = 2022-04-01
organisations = ["foreningen-nord"]
seats = 2
candidates = ["p-candidate", "p-formula"]
received = 2022-02-01
deadline = 2022-02-15
reasons = "SECRET-REASONS-TEXT: særlige grunde"
reasons_accepted = "yes"
'''

SECRETS = ("secret.formula@example.org", "secret.script@example.org", "secret.candidate@example.org",
           "+45 11 22 33 44", "+45 99 88 77 66", "Hemmelig", "Kandidatsen", "p-candidate", "SECRET-")


@pytest.fixture
def planted_db(udpeg, sample_db, tmp_path):
    path = tmp_path / "planted.toml"
    path.write_text(PLANTED, encoding="utf-8")
    r = udpeg("load", path, db=sample_db)
    assert r.code == 0, r.err
    return sample_db


def outputs(udpeg, db, folder) -> dict[str, object]:
    """Every public output on the planted registry: name → path."""
    made = {}
    for fmt in ("html", "xlsx", "csv", "md", "json"):
        for report, extra in (("annual", ["--year", "2022"]), ("gender", ["--on", "2022-12-31"]),
                              ("vacancies", ["--on", "2022-05-01"])):
            out = folder / f"{report}.{fmt}"
            r = udpeg("report", report, *extra, "--format", fmt, "-o", out, db=db, env=FIXED_TODAY)
            assert r.code == 0, (report, fmt, r.err)
            made[out.name] = out
    out = folder / "calendar.ics"
    r = udpeg("calendar", "--from", "2022-01-01", "--to", "2030-12-31", "-o", out, db=db, env=FIXED_TODAY)
    assert r.code == 0, r.err
    made[out.name] = out
    for fmt in ("json", "toml", "popolo"):
        out = folder / f"export-public.{fmt}"
        r = udpeg("export", "--public", "--format", fmt, "-o", out, db=db)
        assert r.code == 0, r.err
        made[out.name] = out
    return made


def text_of(path) -> str:
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path)
        return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                         if c.value is not None)
    return read_text(path)


def test_no_public_output_leaks_confidential_data(udpeg, planted_db, tmp_path):
    made = outputs(udpeg, planted_db, tmp_path)
    for name, path in made.items():
        text = text_of(path)
        for secret in SECRETS:
            assert secret not in text, f"{name} leaks {secret!r}"
        assert "særlige grunde" not in text, name
    # the planted members are there (the test would be empty otherwise)
    annual = read_text(made["annual.json"])
    assert "Foreningen [Nord]" in annual and "HYPERLINK" in annual and "alert(1)" in annual


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("report", ["annual", "gender", "vacancies"])
def test_html_escapes_every_value_and_has_no_external_references(udpeg, planted_db, tmp_path, report):
    made = outputs(udpeg, planted_db, tmp_path)
    html = read_text(made[f"{report}.html"])
    p = _Collect()
    p.feed(html)
    p.close()
    assert "script" not in p.tags and "b" not in p.tags
    assert "<script" not in html.lower()
    assert "http://" not in html and "https://" not in html
    assert not [a for a in p.attrs if a[0] in ("src", "href") and a[1] and not a[1].startswith("#")]
    assert "<link" not in html and "@import" not in html and "url(" not in html
    if report == "annual":
        text = "".join(p.text)
        assert SCRIPT in text and FORMULA in text and ORG in text and "Planted <b>board</b> & [Nord]" in text


def test_markdown_keeps_hostile_names_as_text(udpeg, planted_db, tmp_path):
    md = read_text(outputs(udpeg, planted_db, tmp_path)["annual.md"])
    assert "<script>" not in md and "<b>" not in md
    assert "\\<script\\>alert(1)\\</script\\>" in md
    assert "Foreningen \\[Nord\\]" in md


def test_csv_and_xlsx_neutralise_formula_text(udpeg, planted_db, tmp_path):
    from openpyxl import load_workbook

    made = outputs(udpeg, planted_db, tmp_path)
    starts = ("=", "+", "-", "@", "\t", "\r")
    seen = False
    for name in ("annual.csv", "gender.csv", "vacancies.csv"):
        for row in csv.reader(io.StringIO(read_text(made[name]))):
            for cell in row:
                assert not cell.startswith(starts), f"{name}: {cell!r}"
                seen |= "HYPERLINK" in cell
    assert seen
    for name in ("annual.xlsx", "gender.xlsx", "vacancies.xlsx"):
        wb = load_workbook(made[name])
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    assert c.data_type != "f", f"{name}!{c.coordinate} is a formula: {c.value!r}"
                    if isinstance(c.value, str):
                        assert not c.value.startswith(starts), f"{name}!{c.coordinate}: {c.value!r}"
    assert "'=HYPERLINK(\"x\")" in text_of(made["annual.xlsx"])


def test_small_counts_are_hidden_for_a_board_with_more_than_three(udpeg, planted_db, tmp_path):
    made = outputs(udpeg, planted_db, tmp_path)
    data = json.loads(read_text(made["annual.json"]))
    board = next(b for b in data["boards"] if b["id"] == "planted-board")
    whole = board["balance"][0]
    assert whole["counted"] == 4             # 1 woman, 3 men on 31 Dec 2022 (one resigned)
    # men 3 beside 4 counted would tell that women and undisclosed make 1 (issue 13.12)
    assert whole["women"] == "fewer than 3" and whole["men"] == "not shown"
    assert whole["undisclosed"] == "fewer than 3"
    for f in board["findings"]:
        assert "women: 1" not in f["message"], f["message"]
    # no per-board number below 3 in the gender report for that board either
    g = json.loads(read_text(made["gender.json"]))
    rows = [r for r in g["by_board"] if r["board"] == "planted-board"]
    assert rows and all(r["women"] == "fewer than 3" for r in rows if r["counted"] > 3)
    # the organisation scorecard is an aggregate: 1 nomination, both sexes, reasons stated and accepted
    score = {r["organisation"]: r for r in g["nominating_organisations"]}
    assert score["foreningen-nord"]["nominations"] == 1
    assert score["foreningen-nord"]["both_sexes"] == 1
    assert score["foreningen-nord"]["reasons_accepted"] == 1
    html = read_text(made["annual.html"])
    assert "fewer than 3" in html


ONE_BOARD = '''
format = "udpeg/1"

[[organisations]]
id = "kkr-nordjylland"
name = "KKR Nordjylland"
kind = "kkr"
kkr = "nordjylland"

[[boards]]
id = "solo"
name = "Solo"
kkr = "nordjylland"
term = "kkr"

  [[boards.compositions]]
  valid_from = 2022-04-01

    [[boards.compositions.seats]]
    id = "m"
    name = "Medlemmer"
    count = 5
    appointed_by = "kkr-nordjylland"
''' + "".join(f'''
[[people]]
id = "p{i}"
name = "Person {i}"
sex = "{'woman' if i == 0 else 'man'}"

[[appointments]]
board = "solo"
seat = "m"
person = "p{i}"
start = 2022-04-01
''' for i in range(5))


def test_totals_of_a_registry_with_one_board_follow_the_small_count_rule(udpeg, empty_db, tmp_path):
    src = tmp_path / "solo.toml"
    src.write_text(ONE_BOARD, encoding="utf-8")
    assert udpeg("load", src, db=empty_db).code == 0
    out = tmp_path / "a.json"
    assert udpeg("report", "annual", "--year", "2022", "--format", "json", "-o", out, db=empty_db).code == 0
    totals = json.loads(read_text(out))["totals"]
    # one board: its total is its own row, which hides its counts (1 woman, 4 men)
    assert totals["counted"] == 5 and totals["women"] == "not shown" and totals["men"] == "not shown"
    out = tmp_path / "g.json"
    assert udpeg("report", "gender", "--on", "2022-12-31", "--format", "json", "-o", out, db=empty_db).code == 0
    year = json.loads(read_text(out))["by_year"][-1]
    assert year["counted"] == 5 and year["women"] == "not shown"
    board = next(r for r in json.loads(read_text(out))["by_board"] if r["date"] == year["date"])
    assert (board["women"], board["men"]) == ("fewer than 3", "not shown")
    for fmt in ("html", "md"):
        out = tmp_path / f"a.{fmt}"
        assert udpeg("report", "annual", "--year", "2022", "--format", fmt, "-o", out, db=empty_db).code == 0
        assert "1 women" not in read_text(out) and "women 1" not in read_text(out)
