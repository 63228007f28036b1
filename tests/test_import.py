"""udpeg import (issue 19): spreadsheets of appointments into the registry through the dataset loader.

The sheets are made here with openpyxl (as a secretariat's Excel sheet: a merged title row, blank
rows, Danish headers, Excel date cells beside typed dates, a deputy column, a misspelt
municipality), and the figures are worked out by hand from the sample (data/kkr-nordjylland.toml).
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, strategies as st

from registry.importing.columns import parse_map, resolve
from registry.importing.plan import parse_date
from registry.importing.sheet import decode
from tests.conftest import run_udpeg

TODAY = {"UDPEG_TODAY": "2026-03-27"}
HEADER = ["Bestyrelse", "Pladskategori", "Navn", "Parti", "Kommune", "Køn", "Indstillet af", "Fra", "Til", "Suppleant for"]
SEAT = "Repræsentant udpeget af KKR Nordjylland"
DOVBLIND = "Center for Døvblindhed – bestyrelse"


def _xlsx(path: Path, rows: list[list], title: str | None = "Udpegninger, KKR Nordjylland 2026") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Udpegninger"
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
        ws.append([])
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, datetime):
                c.number_format = "dd-mm-yyyy"
    wb.save(path)
    return path


def realistic(path: Path) -> Path:
    return _xlsx(path, [
        HEADER,                                                                         # row 3
        [DOVBLIND, SEAT, "Jesper Greth", "V", "Rebild Kommune", None, None, datetime(2026, 4, 1), "31-12-2029", None],
        [DOVBLIND, SEAT, "Karen Testrup", "A", "Vesthimerland", "Kvinde", None, "01.04.2026", "2029-12-31", "Jesper Greth"],
        [],                                                                             # row 6
        ["Nordjysk Kulturråd", "Formand", "Jesper Gret", "V", "Rebild", None, "KKR Nordjylland", "2026-04-01", None, None],
        ["Nordjysk Kulturråd", "Medlem", "Anne Testholm", None, "Læsø", None, "DI – Dansk Industri",
         datetime(2026, 4, 1), datetime(2029, 12, 31), None],
    ])


def dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as c:
        return list(c.iterdump())


def imp(db, *args, lang=None):
    pre = ("--lang", lang) if lang else ()
    return run_udpeg(*pre, "import", *map(str, args), db=db, env=TODAY)


@pytest.fixture(autouse=True)
def _mappings(tmp_path, monkeypatch):
    monkeypatch.setenv("UDPEG_IMPORT_MAPPINGS", str(tmp_path / "mappings.json"))


def test_dry_run_of_a_realistic_sheet_reports_and_writes_nothing(sample_db, tmp_path):
    sheet = realistic(tmp_path / "udpegninger.xlsx")
    before = dump(sample_db)
    r = imp(sample_db, sheet, "--dry-run")
    assert r.code == 0, r.err
    assert dump(sample_db) == before
    out = r.out
    assert "header on row 3; 4 rows, 1 blank row and 1 title row skipped" in out
    # 3 new people (Karen Testrup, Jesper Gret, Anne Testholm); 1 board with 2 seat groups; 4 appointments
    assert "Would create: 1 board, 2 seat groups, 3 people, 4 appointments." in out
    assert "row 4: Jesper Greth is jesper-greth" in out
    # 'jesper gret' against 'jesper greth': 2·11/(11+12) = 0.9565…
    assert "row 7: Jesper Gret (Rebild Kommune) is like jesper-greth Jesper Greth (Rebild Kommune), similarity 0.96; not merged" in out
    assert "row 5, column Kommune: 'Vesthimerland' read as Vesthimmerlands Kommune" in out
    assert "Dry run: nothing was written" in r.err
    assert "On 2026-03-27 the data adds no errors or warnings." in r.err      # every row starts 2026-04-01
    r = imp(sample_db, sheet, "--dry-run", "--on", "2026-04-15")
    assert r.code == 0 and dump(sample_db) == before
    # Karen Testrup holds no council office, and the seat asks for a council member in the KKR;
    # Nordjysk Kulturråd's two members have undisclosed sex (the sheet states none)
    assert "On 2026-04-15 the data would add 1 error and 1 warning:\n  eligibility: 1 error\n  gender-undetermined: 1 warning" in r.err


def test_realistic_sheet_imports_matched_and_linked(sample_db, tmp_path):
    sheet = realistic(tmp_path / "udpegninger.xlsx")
    r = imp(sample_db, sheet)
    assert r.code == 0, r.err
    with sqlite3.connect(sample_db) as c:
        member = c.execute("select id, \"end\" from appointment where board='center-for-dovblindhed' and role='member' "
                           "and person='jesper-greth'").fetchall()
        assert len(member) == 1 and member[0][1] == "2029-12-31"
        deputy = c.execute("select a.deputy_for, a.start, p.sex, p.municipality, p.party from appointment a join person p "
                           "on p.id = a.person where p.name='Karen Testrup'").fetchall()
        assert deputy == [(member[0][0], "2026-04-01", "woman", "vesthimmerland", "A")]
        # sex is never guessed from a name: no Køn given, undisclosed
        assert c.execute("select sex, municipality from person where name in ('Jesper Gret', 'Anne Testholm') order by name").fetchall() \
            == [("undisclosed", "laeso"), ("undisclosed", "rebild")]
        # matched, not duplicated: one Jesper Greth; the organisations and municipalities already there
        assert c.execute("select count(*) from person where name='Jesper Greth'").fetchone() == (1,)
        board = c.execute("select id from board where name='Nordjysk Kulturråd'").fetchone()[0]
        seats = c.execute("select s.seat, s.name, s.count, s.appointed_by from seat_group s join composition c on c.pk = s.composition "
                          "where c.board=? order by s.position", (board,)).fetchall()
        assert seats == [("formand", "Formand", 1, None), ("medlem", "Medlem", 1, None)]
        noms = c.execute("select nominated_by from appointment where board=? order by seat", (board,)).fetchall()
        assert noms == [('["kkr-nordjylland"]',), ('["di"]',)]
        events = c.execute("select action, entity_id from audit_event where action='import'").fetchall()
        assert events == [("import", "import:udpegninger.xlsx")]
    again = imp(sample_db, sheet, "--dry-run")        # the same sheet again: nothing new
    assert again.code == 0, again.err
    assert "Already in the registry, not imported again: rows 4, 5, 7, 8." in again.out


def malformed_csv(path: Path, encoding="cp1252") -> Path:
    lines = [
        "Bestyrelse;Plads;Navn;Kommune;Fra;Til;Rolle",
        "Hospice Vangen – bestyrelse;Repræsentant udpeget af KKR Nordjylland;Jesper Greth;Rebild;31-02-2026;;medlem",
        "Hospice Vangen – bestyrelse;Ukendt plads;Anne Testholm;Læsø;01-04-2026;;medlem",
        "Nyt Råd;Medlem;Bo Testskov;Atlantis;01-04-2026;;medlem",
        "Nyt Råd;Medlem;;Aalborg;01-04-2026;;medlem",
        "Nyt Råd;Medlem;Ole Testdahl;Aalborg;01-04-2026;31-12-2025;medlem",
        "Nyt Råd;Medlem;Ole Testlund;Aalborg;2026-04-01;;chef",
        "Nyt Råd;Medlem;Pia Testbach;Aalborg;2026-04-01;;suppleant",
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def test_malformed_sheet_every_problem_with_its_place_nothing_written(sample_db, tmp_path):
    sheet = malformed_csv(tmp_path / "fejl.csv")
    before = dump(sample_db)
    r = imp(sample_db, sheet)
    assert r.code == 2, r.err
    assert dump(sample_db) == before
    for line in ("row 2, column Fra: '31-02-2026' is not a date",
                 "row 3, column Plads: board Hospice Vangen – bestyrelse has no seat group 'Ukendt plads'",
                 "row 4, column Kommune: 'Atlantis' is not a Danish municipality",
                 "row 5, column Navn: no name",
                 "row 6, column Til: ends (2025-12-31) before it starts (2026-04-01)",
                 "row 7, column Rolle: 'chef' is not a role",
                 "row 8, column Rolle: a deputy must name the member it stands in for"):
        assert line in r.err, (line, r.err)
    assert "Traceback" not in r.err
    assert r.err.startswith("The sheet was not imported (7 problems; nothing was written):")
    da = imp(sample_db, sheet, "--dry-run", lang="da")
    assert da.code == 2
    assert "række 2, kolonne Fra: '31-02-2026' er ikke en dato" in da.err, da.err
    assert da.err.startswith("Arket blev ikke importeret (7 problemer; intet blev skrevet):")
    assert dump(sample_db) == before


def test_csv_encodings_and_a_remembered_mapping(sample_db, tmp_path):
    text = "Udvalg;Sæde;Medlemmets navn;Start\r\nNyt Råd;Medlem;Åse Testø;01-04-2026\r\n"
    for enc, data in (("utf-8-sig", text.encode("utf-8-sig")), ("cp1252", text.encode("cp1252"))):
        assert decode(data) == text, enc
    sheet = tmp_path / "raad.csv"
    sheet.write_bytes(text.encode("utf-8-sig"))
    r = imp(sample_db, sheet, "--dry-run")
    assert r.code == 2 and "no header row found" in r.err, r.err
    r = imp(sample_db, sheet, "--map", "navn=Medlemmets navn,seat=B")
    assert r.code == 0, r.err
    with sqlite3.connect(sample_db) as c:
        assert c.execute("select count(*) from person where name='Åse Testø'").fetchone() == (1,)
    # the same layout next time: the mapping is remembered
    sheet.write_bytes("Udvalg;Sæde;Medlemmets navn;Start\r\nNyt Råd;Medlem;Bo Testø;01-04-2026\r\n".encode("cp1252"))
    r = imp(sample_db, sheet, "--dry-run")
    assert r.code == 0, r.err
    assert "(as remembered for this layout)" in r.out and "Would create: 1 person, 1 appointment." in r.out


def test_a_mapping_file(sample_db, tmp_path):
    sheet = tmp_path / "raad.csv"
    sheet.write_text("Udvalg,Hvem,Start\nNyt Råd,Åse Testø,2026-04-01\n", encoding="utf-8")
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns]\nnavn = "Hvem"\n', encoding="utf-8")
    r = imp(sample_db, sheet, "--mapping", mapping, "--dry-run")
    assert r.code == 0, r.err
    assert "Would create: 1 board, 1 seat group, 1 person, 1 appointment." in r.out


def test_mapping_resolution():
    header = ["Bestyrelse", "Navn", "Fra", "Kolonne D"]
    assert resolve(header, {}) == {"board": 0, "name": 1, "start": 2}
    assert resolve(header, parse_map("til=D")) == {"board": 0, "name": 1, "start": 2, "end": 3}
    assert resolve(header, parse_map("name=Kolonne D"))["name"] == 3


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_dates_in_the_forms_secretariats_write(d):
    for text in (d.strftime("%d-%m-%Y"), d.strftime("%d.%m.%Y"), d.isoformat(), f"{d.day}/{d.month}/{d.year}"):
        assert parse_date(text) == d, text
    assert parse_date(datetime(d.year, d.month, d.day)) == d
    assert parse_date(d.strftime("%d-%m-%y")) is None


def _members(xlsx: Path) -> list[tuple]:
    """The members sheet's members and deputies (board, seat group, role, name, party,
    municipality, from, to, note), in either language."""
    wb = openpyxl.load_workbook(xlsx)
    ws = next(w for w in wb.worksheets if w.title in ("Members", "Medlemmer"))
    out = []
    for r in list(ws.iter_rows(values_only=True))[1:]:
        if r[2] in ("member", "deputy", "medlem", "suppleant"):
            out.append((*r[:6], *r[7:10]))
    return sorted(out, key=lambda t: tuple(str(x) for x in t))


def _round_trip(source: Path, tmp_path: Path, lang: str = "en", when=("--year", "2025")) -> list[tuple]:
    a, b, new = tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "new.db"
    r = run_udpeg("--lang", lang, "report", "annual", *when, "--format", "xlsx", "-o", a, db=source, env=TODAY)
    assert r.code == 0, r.err
    assert run_udpeg("init", "--empty", db=new).code == 0
    r = imp(new, a, lang=lang)
    assert r.code == 0, r.err[-3000:]
    r = run_udpeg("--lang", lang, "report", "annual", *when, "--format", "xlsx", "-o", b, db=new, env=TODAY)
    assert r.code == 0, r.err
    got, want = _members(b), _members(a)
    assert want and got == want
    return want


@pytest.mark.parametrize("lang", ["en", "da"])
def test_round_trip_of_the_sample_annual_report(sample_db, tmp_path, lang):
    want = _round_trip(sample_db, tmp_path, lang)
    # the sample's members on 2025-12-31: Erhvervshus 11 (the observer's seat open), NT 9 and DEB 4
    # not recorded, BRN 2 (the chair not recorded)
    assert len(want) == 26


def _synth_round_trip(boards: int, tmp_path: Path) -> None:
    db = tmp_path / "synth.db"
    r = run_udpeg("synth", "--boards", str(boards), "--years", "4", "--db", db, db=None)
    assert r.code == 0, r.err
    want = _round_trip(db, tmp_path, when=("--on", "2026-11-01"))   # synth's "as of": its deputies start in 2026
    assert any(row[2] == "deputy" for row in want)      # deputies come back linked to their members


def test_round_trip_of_a_synthetic_registry(tmp_path):
    _synth_round_trip(200, tmp_path)


@pytest.mark.slow
def test_round_trip_of_a_synthetic_registry_of_1000_boards(tmp_path):
    _synth_round_trip(1000, tmp_path)


def test_names_match_without_case_and_spaces_and_municipalities_by_danish_name():
    from registry.importing.plan import Known, build
    from registry.importing.sheet import Sheet

    known = Known(municipalities={"vesthimmerland": "Vesthimmerlands Kommune"}, organisations={"di": "DI – Dansk Industri"},
                  boards={"eh": "Erhvervshus Nordjylland"}, seats={"eh": {"business": "Virksomhedsrepræsentanter"}})
    header = ["Bestyrelse", "Plads", "Navn", "Kommune", "Indstillet af", "Fra"]
    rows = [(2, ["  erhvervshus   NORDJYLLAND ", "virksomhedsrepræsentanter", "A Testsen", "Vesthimmerland", "di – dansk industri", "01-04-2026"]),
            (3, ["Erhvervshus Nordjylland", "business", "B Testsen", "Læsø", "Ny Forening; DI – Dansk Industri", "2026-04-01"]),
            (4, ["Erhvervshus Nordjylland", "business", "C Testsen", "Vesthimmerlands Kommune", None, "1.4.2026"])]
    plan = build(Sheet("s", header, 1, rows), {"board": 0, "seat": 1, "name": 2, "municipality": 3, "nominated_by": 4, "start": 5}, known)
    assert plan.problems == []
    apps = plan.tree["appointments"]
    assert [(a["board"], a["seat"], a["nominated_by"] if "nominated_by" in a else None) for a in apps] == [
        ("eh", "business", ["di"]), ("eh", "business", ["ny-forening", "di"]), ("eh", "business", None)]
    assert [p["municipality"] for p in plan.tree["people"]] == ["vesthimmerland", "laeso", "vesthimmerland"]
    # Læsø is not in this registry: made from the list of the 98, in KKR Nordjylland
    assert plan.tree["municipalities"] == [{"id": "laeso", "name": "Læsø Kommune", "kkr": "nordjylland"}]
    assert plan.tree["organisations"] == [{"id": "ny-forening", "name": "Ny Forening", "kind": "other"}]
    assert "boards" not in plan.tree and all("sex" not in p for p in plan.tree["people"])


def test_files_that_are_no_sheet_are_exit_2(sample_db, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    other = tmp_path / "bad.ods"
    other.write_text("x", encoding="utf-8")
    for path, words in ((bad, "is not an XLSX workbook"), (other, "unknown file type"), (tmp_path / "none.csv", "file not found")):
        r = imp(sample_db, path, "--dry-run")
        assert r.code == 2 and words in r.err and "Traceback" not in r.err and "internal error" not in r.err, r.err


def test_a_named_sheet(sample_db, tmp_path):
    sheet = realistic(tmp_path / "u.xlsx")
    r = imp(sample_db, sheet, "--sheet", "Ark2", "--dry-run")
    assert r.code == 2 and "has no sheet 'Ark2' (it has: Udpegninger)" in r.err, r.err
    r = imp(sample_db, sheet, "--sheet", "Udpegninger", "--dry-run")
    assert r.code == 0, r.err


def test_a_namesake_in_another_municipality_is_a_new_person_listed_not_merged():
    from registry.importing.plan import Known, build
    from registry.importing.sheet import Sheet

    known = Known(municipalities={"aalborg": "Aalborg Kommune", "rebild": "Rebild Kommune"},
                  people={"jesper-greth": ("Jesper Greth", "rebild", "V", "man")})
    rows = [(2, ["Nyt Råd", "Jesper Greth", "Aalborg", "2026-04-01"]),
            (3, ["Nyt Råd", "Jesper Greth", "Rebild", "2026-04-01"])]
    plan = build(Sheet("s", ["Bestyrelse", "Navn", "Kommune", "Fra"], 1, rows),
                 {"board": 0, "name": 1, "municipality": 2, "start": 3}, known)
    assert plan.problems == []
    assert plan.tree["people"] == [{"id": "jesper-greth-2", "name": "Jesper Greth", "municipality": "aalborg"}]
    assert [a["person"] for a in plan.tree["appointments"]] == ["jesper-greth-2", "jesper-greth"]
    assert plan.close == ["row 2: Jesper Greth (Aalborg Kommune) is like jesper-greth Jesper Greth (Rebild Kommune), "
                          "similarity 1.00; not merged"]
    assert plan.matched == ["row 3: Jesper Greth is jesper-greth"]
