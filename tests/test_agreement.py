"""The faces agree (issue 11, rules 3, 4 and 8): ``check``, ``boards``, ``vacancies`` and the annual
report answer the same question the same way on the same date.

- boards' ``open_seats`` in total == the seats ``vacancies`` lists == the open seats of the
  ``seat-vacant`` findings plus the seats held by a member whose eligibility lapsed;
- the annual report's error and warning counts == ``check``'s on its reference date.

The figures for the sample are worked out by hand from ``data/README.md`` and the data file (see
each test); the agreement itself is checked on the three dates of the issue.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

SCENARIOS = Path(__file__).parent / "scenarios"
DATES = ("2022-06-01", "2026-03-27", "2026-04-01")


def _json(udpeg, db, *args):
    r = udpeg(*args, "--format", "json", db=db)
    assert r.code in (0, 1), r.err
    return json.loads(r.out)


def _check(udpeg, db, on):
    return _json(udpeg, db, "check", "--on", on)["findings"]


def _annual(udpeg, db, tmp_path, *args):
    out = tmp_path / "annual.json"
    r = udpeg("report", "annual", *args, "--format", "json", "-o", str(out), db=db)
    assert r.code == 0, r.err
    return json.loads(out.read_text(encoding="utf-8"))


def _severities(findings) -> dict:
    c = Counter(f["severity"] for f in findings)
    return {"error": c["error"], "warning": c["warning"], "info": c["info"]}


# --- 8: the annual report counts findings as check does ------------------------------------------


def test_annual_report_counts_the_joint_nomination_error_check_exits_on(udpeg, empty_db, tmp_path):
    """The worked Erhvervshus 2022 scenario: the labour seat (joint FH + AC) was nominated by FH
    alone, so there is one ``joint-nomination`` error; 4 women and 7 men of 11 give one
    ``gender-balance`` warning (dk-ligelig needs 5 of each). On 2025-12-31 ``check`` exits 1 on
    that error; the 2025 report said "Errors 0" because a finding about a nomination is
    confidential and was left out of the count, not only out of the list."""
    r = udpeg("load", str(SCENARIOS / "erhvervshus-2022.toml"), db=empty_db)
    assert r.code == 0, r.err
    assert udpeg("check", "--on", "2025-12-31", db=empty_db).code == 1
    findings = _check(udpeg, empty_db, "2025-12-31")
    assert _severities(findings)["error"] == 1 and _severities(findings)["warning"] == 1
    data = _annual(udpeg, empty_db, tmp_path, "--year", "2025")
    assert data["on"] == "2025-12-31"
    assert data["totals"]["findings"]["error"] == 1
    assert data["totals"]["findings"]["warning"] == 1
    assert data["totals"]["findings"] == _severities(findings)
    assert data["totals"]["confidential_findings"] == 1          # counted, never shown
    shown = [f for b in data["boards"] for f in b["findings"]]
    assert not any(f["rule"] == "joint-nomination" for f in shown)


@pytest.mark.parametrize("args, on", [(("--year", "2022"), "2022-12-31"), (("--year", "2025"), "2025-12-31"),
                                      *((("--on", d), d) for d in DATES)])
def test_annual_report_counts_equal_check_on_the_sample(udpeg, sample_db, tmp_path, args, on):
    data = _annual(udpeg, sample_db, tmp_path, *args)
    assert data["on"] == on
    assert data["totals"]["findings"] == _severities(_check(udpeg, sample_db, on))


def test_sample_2025_report_counts_the_confidential_warnings(udpeg, sample_db, tmp_path):
    """By hand, on 2025-12-31: the 13 nominations of the 2026 Erhvervshus round carry a deadline of
    "27. februar 2030" (D26), so each is ``date-implausible`` (13 warnings), and Dorte Stigaard's
    and Jan O. Gregersen's appointments name no nominator (2 ``nomination-missing`` warnings):
    15 warnings about nominations, which the report counts but does not show."""
    data = _annual(udpeg, sample_db, tmp_path, "--year", "2025")
    by_rule = Counter(f["rule"] for f in _check(udpeg, sample_db, "2025-12-31"))
    assert by_rule["date-implausible"] == 13 and by_rule["nomination-missing"] == 2
    assert data["totals"]["confidential_findings"] == 15
    shown_warnings = sum(f["severity"] == "warning" for b in data["boards"] for f in b["findings"])
    assert data["totals"]["findings"]["warning"] == shown_warnings + 15
