"""Every write validates like a dataset load (issue 11), with sane bounds (issue 13.6) and no
internal error for hostile input (issue 13.5): the CLI, the UI's service calls and the loader
refuse the same value with the same sentence, exit 2, nothing written."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry import service
from registry.dataset.schema import FIRST_DAY, LAST_DAY, read_date, validate
from registry.db import open_registry, to_url

BAD_ID = "Bad Id'; --"
#: the loader's sentence for that id, worked out from schema.py's wording (repr uses double quotes
#: for a text holding a single quote)
BAD_ID_SENTENCE = "\"Bad Id'; --\" is not a valid id (lowercase letters, digits and '-')"


@pytest.fixture(scope="module")
def _template(tmp_path_factory):
    import contextlib
    import io

    from registry.cli import main

    path = tmp_path_factory.mktemp("validation") / "template.db"
    with contextlib.redirect_stderr(io.StringIO()):
        assert main([f"--db={path}", "init"]) == 0
    con = sqlite3.connect(path)          # everything in the main file before it is copied
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


@pytest.fixture
def sample_db(_template, tmp_path):
    """The sample registry, whole in its file (a plain copy of a WAL database can miss its rows)."""
    import shutil

    path = tmp_path / "registry.db"
    shutil.copy(_template, path)
    return path


def dump(db) -> dict:
    """Every row of every table, so 'nothing written' is checked byte for byte."""
    con = sqlite3.connect(db)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    finally:
        con.close()


def ctx(db):
    return service.Context(open_registry(to_url(str(db))), actor="test")


def test_the_loader_words_a_bad_nomination_id_so(tmp_path):
    tree = {"format": "udpeg/1", "nominations": [{"id": BAD_ID, "board": "b", "seat": "s", "round": "2026-04-01",
                                                   "organisations": ["o"], "candidates": ["p"]}]}
    _ds, problems = validate(tree)
    assert [(p.place, p.message) for p in problems] == [("nominations[0].id", BAD_ID_SENTENCE)]


def test_nominate_refuses_a_bad_id_with_the_loaders_sentence(udpeg, sample_db):
    before = dump(sample_db)
    r = udpeg("nominate", "--board", "erhvervshus-nordjylland", "--seat", "business", "--round", "2026-04-01",
              "--org", "di", "--candidate", "richard-fynbo", "--id", BAD_ID, db=sample_db)
    assert r.code == 2, r.err
    assert r.err.strip() == f"nomination.id: {BAD_ID_SENTENCE}"
    assert dump(sample_db) == before
    # and the registry's own export still loads
    e = udpeg("export", "--format", "json", db=sample_db)
    assert e.code == 0
    _ds, problems = validate(json.loads(e.out))
    assert problems == []


def test_save_person_refuses_a_bad_id_as_the_loader_does(sample_db):
    before = dump(sample_db)
    with pytest.raises(service.Invalid) as exc:
        service.save_person(ctx(sample_db), "Bad Id", {"name": "Kim"}, create=True)
    _ds, problems = validate({"format": "udpeg/1", "people": [{"id": "Bad Id", "name": "Kim"}]})
    assert exc.value.problem == problems[0].message == "'Bad Id' is not a valid id (lowercase letters, digits and '-')"
    assert exc.value.exit_code == 2
    assert dump(sample_db) == before


@pytest.mark.parametrize("field,value,sentence", [
    ("name", "Kim\x00Nord", "holds a NUL character or a lone surrogate (\\ud800–\\udfff), which text cannot hold"),
    ("name", "Kim \ud800", "holds a NUL character or a lone surrogate (\\ud800–\\udfff), which text cannot hold"),
    ("name", "x" * 10_001, "is longer than 10000 characters"),
    ("name", "  ", "must not be empty"),
    ("municipality", "Aalborg Kommune", "'Aalborg Kommune' is not a valid id (lowercase letters, digits and '-')"),
])
def test_save_person_refuses_bad_fields_as_the_loader_does(sample_db, field, value, sentence):
    before = dump(sample_db)
    with pytest.raises(service.Invalid) as exc:
        service.save_person(ctx(sample_db), "kim-nord", {"name": "Kim", field: value}, create=True)
    assert exc.value.problem == sentence
    _ds, problems = validate({"format": "udpeg/1", "people": [{"id": "kim-nord", "name": "Kim", field: value}]})
    assert [p.message for p in problems] == [sentence]
    assert dump(sample_db) == before


APPOINT = ["appoint", "--board", "erhvervshus-nordjylland", "--seat", "business", "--person", "richard-fynbo",
           "--start", "2026-04-01"]


@pytest.mark.parametrize("extra,sentence", [
    (["--council-group", ""], "appointment.council_group: '' is not a valid id (lowercase letters, digits and '-')"),
    (["--nominated-by", "DI"], "appointment.nominated_by[0]: 'DI' is not a valid id (lowercase letters, digits and '-')"),
    (["--ending", "a b"], "appointment.ending: 'a b' is not a valid id (lowercase letters, digits and '-')"),
    (["--case", "S" * 10_001], "appointment.decision.case: is longer than 10000 characters"),
    (["--start", "2026-04-01", "--end", "2200-01-01"],
     "'2200-01-01' is outside the dates Udpeg keeps (1900-01-01 to 2199-12-31)"),
])
def test_appoint_refuses_values_a_load_refuses(udpeg, sample_db, extra, sentence):
    before = dump(sample_db)
    r = udpeg(*APPOINT, *extra, db=sample_db)
    assert r.code == 2, r.err
    assert sentence in r.err
    assert "internal error" not in r.err
    assert dump(sample_db) == before


def test_the_service_refuses_a_nul_in_a_case_number(sample_db):
    before = dump(sample_db)
    p = service.Proposal(board="erhvervshus-nordjylland", seat="business", person="richard-fynbo",
                         start=date(2026, 4, 1), decision_case="SAG\x00")
    with pytest.raises(service.Invalid) as exc:
        service.appoint(ctx(sample_db), p)
    assert str(exc.value) == ("appointment.decision.case: holds a NUL character or a lone surrogate (\\ud800–\\udfff), "
                              "which text cannot hold")
    assert dump(sample_db) == before


def test_end_and_decide_refuse_bad_ids(udpeg, sample_db):
    before = dump(sample_db)
    r = udpeg("end", "Bad Id", "--date", "2026-06-01", "--reason", "resigned", db=sample_db)
    assert (r.code, r.err.strip()) == (2, "appointment.id: 'Bad Id' is not a valid id (lowercase letters, digits and '-')")
    with pytest.raises(service.Invalid):
        service.decide_reasons(ctx(sample_db), "Bad Id", True)
    assert dump(sample_db) == before


# --- bounds (issue 13.6) ---------------------------------------------------------------------------

def _board_tree(count) -> dict:
    return {"format": "udpeg/1", "boards": [{"id": "b", "name": "B", "compositions": [
        {"valid_from": "2022-01-01", "seats": [{"id": "s", "name": "S", "count": count}]}]}]}


@pytest.mark.parametrize("count,ok", [(1, True), (1000, True), (1001, False), (10**9, False), (2**63, False)])
def test_seat_count_is_at_most_1000(count, ok):
    _ds, problems = validate(_board_tree(count))
    assert (problems == []) is ok
    if not ok:
        assert [(p.place, p.message) for p in problems] == [
            ("boards[0].compositions[0].seats[0].count", f"must be at most 1000, not {count}")]


def test_a_seat_count_of_a_billion_is_not_loaded(udpeg, empty_db, tmp_path):
    path = tmp_path / "big.json"
    path.write_text(json.dumps(_board_tree(10**9)), encoding="utf-8")
    before = dump(empty_db)
    r = udpeg("load", path, db=empty_db)
    assert r.code == 2
    assert "boards[0].compositions[0].seats[0].count: must be at most 1000, not 1000000000" in r.err
    assert dump(empty_db) == before


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_a_date_is_kept_exactly_when_it_lies_from_1900_to_2199(d):
    got, why = read_date(d.isoformat())
    inside = date(1900, 1, 1) <= d <= date(2199, 12, 31)
    assert (got == d) is inside
    assert (why is None) is inside
    if not inside:
        assert why == f"'{d.isoformat()}' is outside the dates Udpeg keeps (1900-01-01 to 2199-12-31)"


def test_the_date_bounds_are_the_documented_days():
    assert (FIRST_DAY, LAST_DAY) == (date(1900, 1, 1), date(2199, 12, 31))
    assert read_date("1900-01-01")[0] == date(1900, 1, 1)
    assert read_date("31-12-2199")[0] == date(2199, 12, 31)
    assert read_date(FIRST_DAY - timedelta(days=1))[0] is None


#: every command with a date option, and the option
DATE_OPTIONS = [
    (["boards"], "--on"), (["board", "erhvervshus-nordjylland"], "--on"), (["check"], "--on"),
    (["vacancies"], "--on"), (["audit"], "--since"), (["purge", "--dry-run"], "--before"),
    (["whatif", "--board", "erhvervshus-nordjylland", "--seat", "business", "--person", "richard-fynbo"], "--start"),
    (APPOINT[:7], "--start"), (APPOINT, "--end"),
    (["end", "eh-2022-business-di", "--reason", "resigned"], "--date"),
    (["nominate", "--board", "erhvervshus-nordjylland", "--seat", "business", "--org", "di",
      "--candidate", "richard-fynbo"], "--round"),
    (["nominate", "--board", "erhvervshus-nordjylland", "--seat", "business", "--org", "di",
      "--candidate", "richard-fynbo", "--round", "2026-04-01"], "--received"),
    (["plan", "--board", "erhvervshus-nordjylland"], "--round"),
    (["report", "annual", "-o", "{tmp}/a.json"], "--on"), (["report", "gender", "-o", "{tmp}/g.json"], "--on"),
    (["report", "vacancies", "-o", "{tmp}/v.json"], "--on"), (["calendar", "-o", "{tmp}/c.ics"], "--from"), (["calendar", "-o", "{tmp}/c.ics"], "--to"),
]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01"])
@pytest.mark.parametrize("args,option", DATE_OPTIONS, ids=lambda x: x if isinstance(x, str) else " ".join(x[:2]))
def test_a_date_outside_the_bounds_is_exit_2_on_every_command(udpeg, sample_db, tmp_path, args, option, day):
    before = dump(sample_db)
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    r = udpeg(*argv, option, day, db=sample_db)
    assert r.code == 2, r.err
    assert f"'{day}' is outside the dates Udpeg keeps (1900-01-01 to 2199-12-31)" in r.err
    assert dump(sample_db) == before


@pytest.mark.parametrize("args,bound", [
    (["vacancies", "--within", "999999999"], "3660"),
    (["report", "vacancies", "-o", "{tmp}/v.json", "--within", "999999999"], "3660"),
    (["people", "--limit", str(2**63)], "1000000"), (["people", "--offset", str(2**63)], "1000000"),
    (["audit", "--limit", str(2**63)], "1000000"),
    (["allocate", "--seats", str(2**63), "a=1"], "1000"), (["allocate", "--seats", str(10**30), "a=1"], "1000"),
    (["nominate", "--board", "erhvervshus-nordjylland", "--seat", "business", "--org", "di", "--candidate",
      "richard-fynbo", "--round", "2026-04-01", "--seats", str(2**63)], "1000"),
    (["plan", "--board", "erhvervshus-nordjylland", "--round", "2026-04-01", "--limit", str(2**63)], "100"),
])
def test_whole_number_options_are_bounded(udpeg, sample_db, tmp_path, args, bound):
    before = dump(sample_db)
    r = udpeg(*[a.replace("{tmp}", str(tmp_path)) for a in args], db=sample_db)
    assert r.code == 2, r.err
    assert bound in r.err and "internal error" not in r.err
    assert dump(sample_db) == before


def test_allocate_at_the_bound_still_answers(udpeg):
    r = udpeg("allocate", "--seats", "1000", "blaa=13", "roed=9", "--format", "json")
    assert r.code == 0, r.err
    # 13:9 over 1000 seats: quotients 13/k and 9/k; blå gets 591 or 592 by d'Hondt (13/22 of 1000 = 590.9)
    seats = r.json()["seats"]
    lot = r.json()["lot"]
    assert sum(seats.values()) + (lot["seats"] if lot else 0) == 1000
    assert 590 <= seats["blaa"] <= 592


@pytest.mark.parametrize("size", ["²", "9" * 5000, "1234567"])
def test_allocate_refuses_sizes_that_are_not_plain_numbers(udpeg, size):
    r = udpeg("allocate", "--seats", "5", f"blaa={size}")
    assert r.code == 2 and "write NAME=SIZE" in r.err, r.err


# --- hostile files and arguments (issue 13.5) ---------------------------------------------------------

@pytest.mark.parametrize("name,text,sentence", [
    ("deep", '{"format": "udpeg/1", "people": [{"id": "p", "name": "P", "extra": {"x": ' + "[" * 3000 + "]" * 3000 + "}}]}",
     "is nested too deeply to read"),
    ("deep-extra", '{"format": "udpeg/1", "people": [{"id": "p", "name": "P", "extra": {"x": ' + "[" * 40 + "]" * 40 + "}}]}",
     "is nested more than 16 levels deep"),
    ("digits", '{"format": "udpeg/1", "registry": {"term_warning_days": ' + "9" * 4301 + "}}",
     "holds a whole number of more than 4,300 digits"),
    ("int63", '{"format": "udpeg/1", "people": [{"id": "p", "name": "P", "extra": {"n": 9223372036854775808}}]}',
     "people[0].extra.n: must be at most 9223372036854775807, not 9223372036854775808"),
    ("surrogate", '{"format": "udpeg/1", "people": [{"id": "p", "name": "P\\ud800"}]}',
     "people[0].name: holds a NUL character or a lone surrogate"),
    ("nul", '{"format": "udpeg/1", "people": [{"id": "p", "name": "P\\u0000"}]}',
     "people[0].name: holds a NUL character or a lone surrogate"),
    ("nul-reason", '{"format": "udpeg/1", "nominations": [{"board": "erhvervshus-nordjylland", "seat": "business", '
                   '"round": "2026-04-01", "organisations": ["di"], "candidates": ["richard-fynbo"], "reasons": "x\\u0000"}]}',
     "nominations[0].reasons: holds a NUL character"),
    ("nan", '{"format": "udpeg/1", "people": [{"id": "p", "name": "P", "extra": {"n": NaN}}]}',
     "people[0].extra.n: must be a finite number, not nan"),
    ("id-newline", '{"format": "udpeg/1", "people": [{"id": "p\\n", "name": "P"}]}',
     "people[0].id: 'p\\n' is not a valid id"),
])
def test_hostile_datasets_are_refused_with_a_sentence(udpeg, sample_db, tmp_path, name, text, sentence):
    path = tmp_path / f"{name}.json"
    path.write_text(text, encoding="utf-8")
    before = dump(sample_db)
    r = udpeg("load", path, db=sample_db)
    assert r.code == 2, r.err
    assert sentence in r.err, r.err
    assert "internal error" not in r.err and "Traceback" not in r.err
    assert dump(sample_db) == before


@pytest.mark.parametrize("arg", ["\udcff\udcfe", "ok\udc80", "a\x00b", "\ud800"])
def test_an_argument_that_is_not_utf8_text_is_refused(udpeg, sample_db, arg):
    before = dump(sample_db)
    r = udpeg("board", arg, db=sample_db)
    assert r.code == 2
    assert "is not UTF-8 text" in r.err
    assert dump(sample_db) == before


def test_the_service_bounds_vacancies_within_as_the_cli_does(sample_db):
    """The UI's Vacancies screen calls the service: ten years ahead is the most, as --within."""
    from registry.cli.app import MAX_DAYS
    from registry.dataset.schema import MAX_WITHIN_DAYS

    assert MAX_DAYS == MAX_WITHIN_DAYS == 3660
    c = ctx(sample_db)
    assert isinstance(service.vacancies(c, date(2026, 3, 27), within=3660), list)
    with pytest.raises(service.Invalid) as exc:
        service.vacancies(c, date(2026, 3, 27), within=999_999_999)
    assert str(exc.value) == "within: must be at most 3660, not 999999999"
