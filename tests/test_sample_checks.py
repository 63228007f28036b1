"""What the sample registry must say: the 2022 minutes and the 2026 round (issue 3)."""

from golden_util import assert_golden


def _findings(udpeg, db, *args):
    r = udpeg("check", *args, "--format", "json", db=db)
    assert r.code in (0, 1), r.err
    return r.code, r.json()


def test_2022_check_reports_what_the_minutes_show(udpeg, sample_db):
    code, data = _findings(udpeg, sample_db, "--on", "2022-06-01", "--board", "erhvervshus-nordjylland")
    eh = data["findings"]
    balance = [f for f in eh if f["rule"] == "gender-balance"]
    assert [(f["details"]["scope"], f["details"]["n"], f["details"]["women"], f["details"]["men"],
             f["details"]["required_each"], f["details"]["short"]) for f in balance] == [("board", 11, 4, 7, 5, {"woman": 1})]
    joint = [f for f in eh if f["rule"] == "joint-nomination"]
    assert [(f["seat"], f["person"], f["severity"]) for f in joint] == [("labour", "jan-o-gregersen", "error")]
    assert code == 1
    assert not [f for f in eh if f["rule"] in ("eligibility", "nomination-missing", "collective-skill", "seat-overfilled")]


def test_2022_check_json_golden(udpeg, sample_db):
    r = udpeg("check", "--on", "2022-06-01", "--format", "json", db=sample_db)
    assert_golden("check-2022-06-01.json", r.out)


def test_boards_json_golden(udpeg, sample_db):
    r = udpeg("boards", "--on", "2026-04-01", "--format", "json", db=sample_db)
    assert_golden("boards-2026-04-01.json", r.out)


def test_danish_check_golden(udpeg, sample_db):
    r = udpeg("--lang", "da", "check", "--on", "2022-06-01", "--board", "erhvervshus-nordjylland", "--format", "json",
              db=sample_db)
    assert_golden("check-eh-2022-06-01.da.json", r.out)


def test_the_2030_deadline_is_flagged(udpeg, sample_db):
    _code, data = _findings(udpeg, sample_db, "--on", "2026-03-01", "--board", "erhvervshus-nordjylland")
    assert any(f["rule"] == "date-implausible" and f["details"].get("date") == "2030-02-27" for f in data["findings"])


def test_plan_answers_for_the_2026_round(udpeg, sample_db):
    r = udpeg("plan", "--board", "erhvervshus-nordjylland", "--round", "2026-04-01", "--format", "json", db=sample_db)
    assert r.code == 0, r.err
    plan = r.json()
    assert set(plan) >= {"feasible", "women_needed", "men_needed", "selections", "smallest_change"}
    # the 2026 nominations name no candidates (the agenda does not), so no selection is possible yet
    assert plan["feasible"] is False and plan["smallest_change"]


def test_vacancies_show_the_seat_allotted_to_blaa_gruppe(udpeg, sample_db):
    r = udpeg("vacancies", "--on", "2022-06-01", "--group", "blaa-2022", "--format", "json", db=sample_db)
    rows = r.json()
    assert [(v["board"], v["seat"], v["council_group"]) for v in rows] == [("dialogforum-retssikkerhed", "political", "blaa-2022")]
    assert set(rows[0]) >= {"board", "seat", "seat_name", "open", "from", "council_group", "term_end"}


def test_allocate_is_dhondt_with_picking_order(udpeg):
    r = udpeg("allocate", "--seats", "5", "blaa=13", "roed=9", "--format", "json")
    data = r.json()
    assert data["seats"] == {"blaa": 3, "roed": 2}
    assert data["picking_order"] == ["blaa", "roed", "blaa", "roed", "blaa"]
    assert udpeg("allocate", "--seats", "2", "blaa=x").code == 2
