"""Issue 11, rule 9: `load` says what the loaded data breaks, and `load --strict` refuses it.

The registry is judged on `--on` (default today) before and after the load, in the same
transaction; the errors and warnings that are new afterwards are counted by rule on standard
error. The figures below are worked out from the sample (data/kkr-nordjylland.toml) and the
rules by hand.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Hospice Vangen has one seat, "kkr" (count 1, council members in the KKR only), vacant in the
# sample. Two council members in the KKR on 2026-04-01 (Jeanette Klitgaard Andersen, Læsø;
# Lasse Frimand Jensen, Aalborg) put into it from that day overfill it: one seat-overfilled
# error, nothing else but info (term-pattern: the hospice's term starts 2026-01-01). The seat's
# seat-vacant warning goes away, which is not something the data adds.
OVERFILL = """
format = "udpeg/1"
[[appointments]]
id = "hv-a"
board = "hospice-vangen"
seat = "kkr"
person = "jeanette-klitgaard-andersen"
start = 2026-04-01
[[appointments]]
id = "hv-b"
board = "hospice-vangen"
seat = "kkr"
person = "lasse-frimand-jensen"
start = 2026-04-01
"""

# A board of four seats under dk-ligelig, three men appointed: one seat open (seat-vacant, a
# warning) and, of n = 3 counted members, 40 % is 1.2, rounded up 2, capped at half (1): one
# woman short (gender-balance, a warning). Two warnings, no error.
THREE_MEN = """
format = "udpeg/1"
[[people]]
id = "m1"
name = "Mand Et"
sex = "man"
[[people]]
id = "m2"
name = "Mand To"
sex = "man"
[[people]]
id = "m3"
name = "Mand Tre"
sex = "man"
[[boards]]
id = "b"
name = "Fire pladser"
legal_basis = "Vedtægter"
term = "kkr"
  [[boards.compositions]]
  valid_from = 2026-04-01
  balance = ["dk-ligelig"]
    [[boards.compositions.seats]]
    id = "s"
    name = "Plads s"
    count = 4
    appointed_by = "kkr-nordjylland"
[[appointments]]
id = "a1"
board = "b"
seat = "s"
person = "m1"
start = 2026-04-01
[[appointments]]
id = "a2"
board = "b"
seat = "s"
person = "m2"
start = 2026-04-01
[[appointments]]
id = "a3"
board = "b"
seat = "s"
person = "m3"
start = 2026-04-01
"""


def _file(tmp_path, text, name="data.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _state(udpeg, db):
    """What the registry holds and its audit log, to show that nothing was written."""
    return udpeg("export", "--format", "json", db=db).out, udpeg("audit", "--format", "json", db=db).out


def test_a_load_that_overfills_hospice_vangen_says_so(udpeg, sample_db, tmp_path):
    r = udpeg("load", "--on", "2026-04-01", _file(tmp_path, OVERFILL), db=sample_db)
    assert r.code == 0, r.err
    assert "Loaded 2 appointments." in r.err
    assert "On 2026-04-01 the data adds 1 error and 0 warnings:" in r.err
    assert "  seat-overfilled: 1 error\n" in r.err
    assert r.err.count("\n  ") == 1          # one rule, nothing else
    board = udpeg("board", "hospice-vangen", "--on", "2026-04-01", "--format", "json", db=sample_db).json()
    assert any(f["rule"] == "seat-overfilled" for f in board["findings"])


def test_load_strict_writes_nothing_and_exits_1_when_the_data_adds_an_error(udpeg, sample_db, tmp_path):
    before = _state(udpeg, sample_db)
    r = udpeg("load", "--strict", "--on", "2026-04-01", _file(tmp_path, OVERFILL), db=sample_db)
    assert r.code == 1, r.err
    assert "Nothing was written: on 2026-04-01 the data would add 1 error and 0 warnings." in r.err
    assert "  seat-overfilled: 1 error\n" in r.err and "Loaded" not in r.err
    assert _state(udpeg, sample_db) == before
    # the same data without --strict is kept
    assert udpeg("load", "--on", "2026-04-01", _file(tmp_path, OVERFILL), db=sample_db).code == 0
    assert _state(udpeg, sample_db) != before


def test_load_strict_keeps_data_that_adds_no_error(udpeg, sample_db, tmp_path):
    # one eligible council member in the single seat: it fills the vacancy and adds nothing
    one = OVERFILL.split("[[appointments]]\nid = \"hv-b\"")[0]
    r = udpeg("load", "--strict", "--on", "2026-04-01", _file(tmp_path, one), db=sample_db)
    assert r.code == 0, r.err
    assert "Loaded 1 appointment." in r.err
    assert "On 2026-04-01 the data adds no errors or warnings." in r.err
    board = udpeg("board", "hospice-vangen", "--on", "2026-04-01", "--format", "json", db=sample_db).json()
    kkr = next(s for s in board["seats"] if s["seat"] == "kkr")
    assert [h["person"] for h in kkr["holders"]] == ["jeanette-klitgaard-andersen"]


def test_warnings_are_counted_by_rule_and_strict_lets_them_through(udpeg, sample_db, tmp_path):
    r = udpeg("load", "--strict", "--on", "2026-04-01", _file(tmp_path, THREE_MEN), db=sample_db)
    assert r.code == 0, r.err
    assert "Loaded 3 people, 1 board, 3 appointments." in r.err
    assert "On 2026-04-01 the data adds 0 errors and 2 warnings:" in r.err
    assert "  seat-vacant: 1 warning\n" in r.err and "  gender-balance: 1 warning\n" in r.err
    assert r.err.count("\n  ") == 2


def test_the_data_is_judged_on_the_on_date(udpeg, sample_db, tmp_path):
    # on 2026-03-31 the two appointments have not started: the data adds nothing yet
    r = udpeg("load", "--strict", "--on", "2026-03-31", _file(tmp_path, OVERFILL), db=sample_db)
    assert r.code == 0, r.err
    assert "On 2026-03-31 the data adds no errors or warnings." in r.err


def test_without_on_the_data_is_judged_today(udpeg, sample_db, tmp_path):
    r = udpeg("load", "--strict", _file(tmp_path, OVERFILL), db=sample_db, env={"UDPEG_TODAY": "2026-05-01"})
    assert r.code == 1
    assert "on 2026-05-01 the data would add 1 error" in r.err


def test_a_bad_on_date_is_bad_input(udpeg, sample_db, tmp_path):
    before = _state(udpeg, sample_db)
    r = udpeg("load", "--on", "31-02-2026", _file(tmp_path, OVERFILL), db=sample_db)
    assert r.code == 2 and "Traceback" not in r.err
    assert _state(udpeg, sample_db) == before


def test_the_report_in_danish(udpeg, sample_db, tmp_path):
    r = udpeg("--lang", "da", "load", "--strict", "--on", "2026-04-01", _file(tmp_path, OVERFILL), db=sample_db)
    assert r.code == 1
    assert "Intet blev skrevet: pr. 2026-04-01 ville dataene give 1 fejl og 0 advarsler." in r.err
    r = udpeg("--lang", "da", "load", "--on", "2026-04-01", _file(tmp_path, THREE_MEN), db=sample_db)
    assert "Indlæst: 3 personer, 1 bestyrelse, 3 udpegninger." in r.err
    assert "Pr. 2026-04-01 giver dataene 0 fejl og 2 advarsler:" in r.err and "  seat-vacant: 1 advarsel\n" in r.err


@settings(max_examples=30, deadline=None)
@given(e=st.integers(min_value=0, max_value=1000), w=st.integers(min_value=0, max_value=1000))
def test_counts_are_plural_correct(e, w):
    from registry.cli.data import _errors, _warnings
    from registry.i18n import set_language

    set_language("en")
    assert _errors(e) == ("1 error" if e == 1 else f"{e} errors")
    assert _warnings(w) == ("1 warning" if w == 1 else f"{w} warnings")
    set_language("da")
    try:
        assert _errors(e) == f"{e} fejl"
        assert _warnings(w) == ("1 advarsel" if w == 1 else f"{w} advarsler")
    finally:
        set_language("en")
