"""The command-line contract (cli.md): options, exit codes, output formats, first use."""

import csv
import io
from pathlib import Path

BOARDS = {"erhvervshus-nordjylland", "nt", "hospice-vangen", "center-for-dovblindhed", "institut-for-syn-og-horelse",
          "interreg-kattegat-skagerak", "dialogforum-retssikkerhed", "danmarks-erhvervsfremmebestyrelse", "brn"}


def test_version_needs_no_database(udpeg, tmp_path):
    r = udpeg("--version", db=tmp_path / "never.db")
    assert r.code == 0 and r.out.startswith("udpeg ")
    assert not (tmp_path / "never.db").exists()


def test_init_refuses_an_existing_registry(udpeg, sample_db):
    r = udpeg("init", db=sample_db)
    assert r.code == 2 and "already a registry" in r.err


def test_first_use_creates_the_default_registry_from_the_sample(udpeg, tmp_path):
    r = udpeg("boards", "--on", "2022-06-01", "--format", "json")  # no --db: the user data directory
    assert r.code == 0, r.err
    assert {b["id"] for b in r.json()} == BOARDS
    assert list((tmp_path / "xdg").rglob("registry.db"))


def test_boards_json_lists_every_board_with_the_cli_md_keys(udpeg, sample_db):
    r = udpeg("boards", "--on", "2022-06-01", "--format", "json", db=sample_db)
    assert r.code == 0, r.err
    rows = r.json()
    assert {b["id"] for b in rows} == BOARDS
    keys = {"id", "name", "status", "counted", "women", "men", "undisclosed", "open_seats", "next_term_end"}
    assert all(set(b) == keys for b in rows)
    eh = next(b for b in rows if b["id"] == "erhvervshus-nordjylland")
    assert (eh["counted"], eh["women"], eh["men"]) == (11, 4, 7)


def test_board_shows_the_eleven_members_and_the_observer_seat(udpeg, sample_db):
    r = udpeg("board", "erhvervshus-nordjylland", "--on", "2022-06-01", "--format", "json", db=sample_db)
    assert r.code == 0, r.err
    seats = {s["seat"]: s for s in r.json()["seats"]}
    assert sum(len(s["holders"]) for s in seats.values() if s["voting"]) == 11
    assert seats["observer"]["voting"] is False
    assert [len(seats[k]["holders"]) for k in ("chair", "political", "business", "knowledge", "labour", "region")] == [1, 3, 4, 1, 1, 1]
    table = udpeg("board", "erhvervshus-nordjylland", "--on", "2022-06-01", db=sample_db)
    assert "Mogens Christen Gade" in table.out and "Observatør" in table.out


def test_unknown_ids_and_bad_values_exit_2_with_a_sentence(udpeg, sample_db):
    for args in (("board", "no-such-board"), ("person", "nobody"), ("boards", "--on", "31-02-2026"),
                 ("boards", "--format", "yaml"), ("boards", "--no-such-option"), ("check", "--severity", "loud")):
        r = udpeg(*args, db=sample_db)
        assert r.code == 2, args
        assert "Traceback" not in r.err and r.err.strip(), args


def test_dates_are_accepted_day_first_too(udpeg, sample_db):
    a = udpeg("boards", "--on", "01-06-2022", "--format", "json", db=sample_db)
    b = udpeg("boards", "--on", "2022-06-01", "--format", "json", db=sample_db)
    assert a.code == 0 and a.out == b.out


def test_people_search_and_person(udpeg, sample_db):
    r = udpeg("people", "--search", "gade", "--format", "json", db=sample_db)
    assert [p["id"] for p in r.json()] == ["mogens-christen-gade"]
    p = udpeg("person", "mogens-christen-gade", "--format", "json", db=sample_db).json()
    assert any(s["board"] == "erhvervshus-nordjylland" and s["seat"] == "chair" for s in p["seats"])


def test_csv_output_is_parseable_and_neutralises_formulas(udpeg, empty_db, tmp_path):
    path = tmp_path / "f.toml"
    path.write_text('format = "udpeg/1"\n[[people]]\nid = "x"\nname = "=HYPERLINK(\\"http://x\\")"\n', encoding="utf-8")
    assert udpeg("load", path, db=empty_db).code == 0
    r = udpeg("people", "--format", "csv", db=empty_db)
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert rows[0]["name"].startswith("'=")


def test_markup_in_names_is_shown_literally(udpeg, empty_db, tmp_path):
    path = tmp_path / "m.toml"
    path.write_text('format = "udpeg/1"\n[[people]]\nid = "x"\nname = "Foreningen [Nord] [/] [b]fed"\n', encoding="utf-8")
    assert udpeg("load", path, db=empty_db).code == 0
    r = udpeg("people", db=empty_db)
    assert r.code == 0 and "Foreningen [Nord] [/] [b]fed" in r.out.replace("\n", "") or "[Nord]" in r.out


def test_danish_interface(udpeg, sample_db):
    r = udpeg("--lang", "da", "boards", "--on", "2022-06-01", db=sample_db)
    assert r.code == 0 and "Bestyrelse" in r.out and "01-06-2022" in r.out
    e = udpeg("--lang", "da", "board", "findes-ikke", db=sample_db)
    assert e.code == 2 and "Der er ingen bestyrelse" in e.err


def test_locale_picks_the_language(udpeg, sample_db, monkeypatch):
    monkeypatch.delenv("UDPEG_LANG")
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    r = udpeg("board", "findes-ikke", db=sample_db)
    assert "Der er ingen bestyrelse" in r.err


def test_every_command_has_help(udpeg):
    from registry.cli.app import _register, app

    _register()
    import typer.main

    group = typer.main.get_command(app)
    for name in group.commands:
        r = udpeg(name, "--help")
        assert r.code == 0 and "Usage" in r.out, name


def test_vacancies_with_an_unknown_group_or_municipality_exit_2_with_a_sentence(udpeg, sample_db):
    # an empty list would read as "no vacancies"; the sample's council groups are blaa-2022 and roed-2022
    for args, said in ((("--group", "gul-2022"), "no council group with id gul-2022"),
                       (("--municipality", "atlantis"), "no municipality with id atlantis")):
        r = udpeg("vacancies", "--on", "2026-03-27", *args, "--format", "json", db=sample_db)
        assert r.code == 2, args
        assert said in r.err and "Traceback" not in r.err and r.out == ""
    known = udpeg("vacancies", "--on", "2026-03-27", "--group", "roed-2022", "--municipality", "aalborg",
                  "--format", "json", db=sample_db)
    assert known.code == 0, known.err


PLAN_DATASET = '''
format = "udpeg/1"
[registry]
name = "Plan"
kkr = "nordjylland"
[[organisations]]
id = "kkr-nordjylland"
name = "KKR Nordjylland"
kind = "kkr"
kkr = "nordjylland"
[[organisations]]
id = "org-a"
name = "Organisation A"
kind = "business"
[[people]]
id = "m1"
name = "Mand Et"
sex = "man"
[[people]]
id = "m2"
name = "Mand To"
sex = "man"
[[people]]
id = "w1"
name = "Kvinde Et"
sex = "woman"
[[boards]]
id = "b"
name = "To pladser"
legal_basis = "Vedtægter"
term = "kkr"
  [[boards.compositions]]
  valid_from = 2022-04-01
  balance = ["dk-ligelig"]
    [[boards.compositions.seats]]
    id = "biz"
    name = "Plads biz"
    count = 2
    appointed_by = "kkr-nordjylland"
    nominated_by = ["org-a"]
[[nominations]]
id = "n"
board = "b"
seat = "biz"
round = 2026-04-01
organisations = ["org-a"]
seats = 2
candidates = ["m1", "{second}"]
received = 2026-02-01
'''


def test_plan_exits_1_when_no_compliant_selection_exists(udpeg, tmp_path):
    # two seats under dk-ligelig need at least one woman and one man (40 % of 2, rounded up, is 1);
    # a nomination of two men for the two seats leaves no compliant selection
    for second, feasible, code in (("m2", False, 1), ("w1", True, 0)):
        db = tmp_path / f"{second}.db"
        assert udpeg("init", "--empty", db=db).code == 0
        data = tmp_path / f"{second}.toml"
        data.write_text(PLAN_DATASET.replace("{second}", second), encoding="utf-8")
        assert udpeg("load", data, db=db).code == 0
        for fmt in ("json", "table"):
            r = udpeg("plan", "--board", "b", "--round", "2026-04-01", "--format", fmt, db=db)
            assert r.code == code, (second, fmt, r.err)
            assert "Traceback" not in r.err
        assert udpeg("plan", "--board", "b", "--round", "2026-04-01", "--format", "json", db=db).json()["feasible"] is feasible
