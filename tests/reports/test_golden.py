"""Golden files for every report format on the sample registry, with fixed dates.

Regenerate after an intended change with ``UDPEG_UPDATE_GOLDEN=1 pytest tests/reports`` and
review the diff of ``tests/reports/golden/``.
"""

from __future__ import annotations

import pytest

from tests.reports.helpers import FIXED_TODAY, check_golden, read_text, xlsx_dump

TEXT_FORMATS = ("json", "html", "md", "csv")


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_annual_report_golden(udpeg, sample_db, tmp_path, fmt):
    out = tmp_path / f"annual.{fmt}"
    r = udpeg("report", "annual", "--year", "2022", "--format", fmt, "-o", out, db=sample_db, env=FIXED_TODAY)
    assert r.code == 0, r.err
    assert not (tmp_path / f"annual.{fmt}.part").exists()
    check_golden(f"annual-2022.{fmt}", read_text(out))


def test_annual_report_on_a_day_golden(udpeg, sample_db, tmp_path):
    out = tmp_path / "annual.json"
    r = udpeg("report", "annual", "--on", "2026-04-01", "--format", "json", "-o", out, db=sample_db, env=FIXED_TODAY)
    assert r.code == 0, r.err
    check_golden("annual-2026-04-01.json", read_text(out))


def test_annual_report_xlsx_golden(udpeg, sample_db, tmp_path):
    out = tmp_path / "annual.xlsx"
    r = udpeg("report", "annual", "--year", "2022", "--format", "xlsx", "-o", out, db=sample_db, env=FIXED_TODAY)
    assert r.code == 0, r.err
    check_golden("annual-2022.xlsx.json", xlsx_dump(out))


def test_annual_report_danish_html_golden(udpeg, sample_db, tmp_path):
    out = tmp_path / "annual.html"
    r = udpeg("--lang", "da", "report", "annual", "--year", "2022", "-o", out, db=sample_db, env=FIXED_TODAY)
    assert r.code == 0, r.err
    check_golden("annual-2022.da.html", read_text(out))


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_gender_report_golden(udpeg, sample_db, tmp_path, fmt):
    out = tmp_path / f"gender.{fmt}"
    r = udpeg("report", "gender", "--on", "2026-04-01", "--format", fmt, "-o", out, db=sample_db, env=FIXED_TODAY)
    assert r.code == 0, r.err
    check_golden(f"gender-2026-04-01.{fmt}", read_text(out))


def test_gender_report_xlsx_golden(udpeg, sample_db, tmp_path):
    out = tmp_path / "gender.xlsx"
    r = udpeg("report", "gender", "--on", "2026-04-01", "--format", "xlsx", "-o", out, db=sample_db, env=FIXED_TODAY)
    assert r.code == 0, r.err
    check_golden("gender-2026-04-01.xlsx.json", xlsx_dump(out))


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_vacancy_list_golden(udpeg, sample_db, tmp_path, fmt):
    out = tmp_path / f"vacancies.{fmt}"
    r = udpeg("report", "vacancies", "--on", "2022-12-31", "--format", fmt, "-o", out, db=sample_db, env=FIXED_TODAY)
    assert r.code == 0, r.err
    check_golden(f"vacancies-2022-12-31.{fmt}", read_text(out))


def test_vacancy_list_for_a_group_xlsx_golden(udpeg, sample_db, tmp_path):
    out = tmp_path / "blaa.xlsx"
    r = udpeg("report", "vacancies", "--group", "blaa-2022", "--on", "2022-12-31", "-o", out, db=sample_db,
              env=FIXED_TODAY)
    assert r.code == 0, r.err
    check_golden("vacancies-blaa-2022.xlsx.json", xlsx_dump(out))


def test_calendar_golden(udpeg, sample_db, tmp_path):
    out = tmp_path / "udpeg.ics"
    r = udpeg("calendar", "--from", "2022-01-01", "--to", "2030-12-31", "-o", out, db=sample_db, env=FIXED_TODAY)
    assert r.code == 0, r.err
    check_golden("calendar-2022-2030.ics", read_text(out))


@pytest.mark.parametrize("public", [True, False])
def test_popolo_golden(udpeg, sample_db, tmp_path, public):
    out = tmp_path / "popolo.json"
    args = ["export", "--format", "popolo", "-o", out] + (["--public"] if public else [])
    r = udpeg(*args, db=sample_db)
    assert r.code == 0, r.err
    check_golden("popolo.json", read_text(out))   # the same either way: Popolo is always public
