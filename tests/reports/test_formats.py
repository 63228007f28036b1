"""Formats read back: XLSX sheets and typed cells, HTML structure, ICS events; usage errors."""

from __future__ import annotations

import json
from datetime import date, datetime
from html.parser import HTMLParser

import pytest

from tests.reports.helpers import FIXED_TODAY, read_text


def body(ws) -> list:
    """The rows of a sheet's table: from under the header to the first empty row (notes follow)."""
    rows = []
    for r in ws.iter_rows(min_row=2):
        if all(c.value is None for c in r):
            break
        rows.append(r)
    return rows


def test_annual_xlsx_has_a_sheet_per_section_with_typed_cells(udpeg, sample_db, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "annual.xlsx"
    assert udpeg("report", "annual", "--year", "2022", "-o", out, db=sample_db).code == 0
    wb = load_workbook(out)
    assert wb.sheetnames == ["Summary", "Counting rules", "Members", "Gender balance", "Compliance",
                             "Open findings", "Changes during 2022"]
    assert wb["Summary"].freeze_panes == "A4"          # title, blank, header
    for ws in wb.worksheets[1:]:
        assert ws.freeze_panes == "A2", ws.title
    members = wb["Members"]
    header = [c.value for c in members[1]]
    assert header[:4] == ["Board", "Seat group", "Role", "Name"]
    assert members.column_dimensions["A"].width >= 30
    start_col = header.index("From") + 1
    dates = [r[start_col - 1].value for r in members.iter_rows(min_row=2) if r[start_col - 1].value is not None]
    assert dates and all(isinstance(d, datetime) for d in dates)
    typed = [r[start_col - 1] for r in members.iter_rows(min_row=2) if r[start_col - 1].value is not None]
    assert all(c.is_date and c.number_format == "yyyy-mm-dd" for c in typed)
    balance = wb["Gender balance"]
    head = [c.value for c in balance[1]]
    table_rows = body(balance)
    counted = [r[head.index("Counted")].value for r in table_rows]
    assert counted and all(isinstance(v, int) for v in counted)
    changes = wb["Changes during 2022"]
    assert body(changes) and all(isinstance(r[0].value, datetime) for r in body(changes))


def test_danish_xlsx_uses_danish_dates_and_sheet_names(udpeg, sample_db, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "aarsrapport.xlsx"
    assert udpeg("--lang", "da", "report", "annual", "--year", "2022", "-o", out, db=sample_db).code == 0
    wb = load_workbook(out)
    assert "Medlemmer" in wb.sheetnames
    ws = wb["Medlemmer"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.is_date and c.value is not None]
    assert cells and all(c.number_format == "dd-mm-yyyy" for c in cells)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.seen: list[str] = []
        self.void = {"meta", "col", "rect", "line", "br", "img", "link"}

    def handle_starttag(self, tag, attrs):
        self.seen.append(tag)
        if tag not in self.void:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.seen.append(tag)

    def handle_endtag(self, tag):
        if tag in self.void:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()


@pytest.mark.parametrize("cmd", [("report", "annual", "--year", "2022"), ("report", "gender", "--on", "2026-04-01"),
                                 ("report", "vacancies", "--on", "2022-12-31")])
def test_html_is_well_formed_print_ready_and_self_contained(udpeg, sample_db, tmp_path, cmd):
    out = tmp_path / "r.html"
    assert udpeg(*cmd, "-o", out, db=sample_db).code == 0
    html = read_text(out)
    p = _Tags()
    p.feed(html)
    p.close()
    assert p.stack == []
    assert "@page" in html and "A4" in html
    assert "http://" not in html and "https://" not in html and " src=" not in html
    if cmd[1] != "vacancies":
        assert "svg" in p.seen and "rect" in p.seen


def test_ics_reads_back_with_the_right_events(udpeg, sample_db, tmp_path):
    from icalendar import Calendar

    out = tmp_path / "udpeg.ics"
    r = udpeg("calendar", "--from", "2022-01-01", "--to", "2030-12-31", "-o", out, db=sample_db, env=FIXED_TODAY)
    assert r.code == 0, r.err
    raw = out.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    cal = Calendar.from_ical(raw)
    events = cal.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    by_uid = {str(e["UID"]): e for e in events}
    meeting = by_uid["meeting-kkr-2022-03-25@udpeg"]
    assert meeting.decoded("DTSTART") == date(2022, 3, 25)
    assert meeting.decoded("DTEND") == date(2022, 3, 26)
    assert "KKR Nordjylland" in str(meeting["SUMMARY"])
    term = by_uid["term-end-erhvervshus-nordjylland-2026-03-31@udpeg"]
    assert "Erhvervshus Nordjylland" in str(term["SUMMARY"])
    assert "Leon Sebbelin" in str(term["DESCRIPTION"])
    # D26 2.1: Jesper Greth is chair by 27-03-2026, so the sample ends Gade's chair earlier
    assert "Mogens Christen Gade" in str(by_uid["term-end-erhvervshus-nordjylland-2026-01-22@udpeg"]["DESCRIPTION"])
    deadlines = [e for e in events if str(e["UID"]).startswith("nomination-deadline-")]
    assert deadlines and all(e.decoded("DTSTART") == date(2030, 2, 27) for e in deadlines)
    for e in events:
        assert isinstance(e.decoded("DTSTART"), date) and not isinstance(e.decoded("DTSTART"), datetime)
        assert e.decoded("DTSTAMP") == datetime(2026, 4, 1, tzinfo=e.decoded("DTSTAMP").tzinfo)
    # the same call again gives the same file (stable UIDs, fixed stamp)
    again = tmp_path / "again.ics"
    udpeg("calendar", "--from", "2022-01-01", "--to", "2030-12-31", "-o", again, db=sample_db, env=FIXED_TODAY)
    assert again.read_bytes() == raw


def test_calendar_window_limits_the_events(udpeg, sample_db, tmp_path):
    from icalendar import Calendar

    out = tmp_path / "c.ics"
    assert udpeg("calendar", "--from", "2026-01-01", "--to", "2026-03-31", "-o", out, db=sample_db).code == 0
    for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT"):
        assert date(2026, 1, 1) <= e.decoded("DTSTART") <= date(2026, 3, 31)


def test_popolo_has_the_four_lists_and_no_contact_details(udpeg, sample_db, tmp_path):
    out = tmp_path / "p.json"
    assert udpeg("export", "--format", "popolo", "-o", out, db=sample_db).code == 0
    data = json.loads(read_text(out))
    assert set(data) == {"persons", "organizations", "posts", "memberships"}
    ids = {o["id"] for o in data["organizations"]}
    posts = {p["id"] for p in data["posts"]}
    people = {p["id"] for p in data["persons"]}
    for mship in data["memberships"]:
        # a seat filled by someone not recorded has a membership without a person
        assert (mship["person_id"] in people) if "person_id" in mship else mship["label"] == "not recorded"
        assert mship["organization_id"] in ids
        assert mship.get("post_id") is None or mship["post_id"] in posts
    for p in data["persons"]:
        assert set(p) <= {"id", "name"}


@pytest.mark.parametrize("args, says", [
    (("report", "annual", "--format", "pdf"), "pdf is not a report format"),
    (("report", "annual", "--year", "20222"), "not a year"),
    (("report", "annual", "--year", "abc"), "abc"),
    (("report", "annual", "--on", "31-02-2022"), "not a date"),
    (("report", "gender", "--format", "docx"), "docx is not a report format"),
    (("report", "vacancies", "--group", "no-such-group", "--format", "csv"), "no council group"),
    (("calendar", "--from", "2026-05-01", "--to", "2026-01-01"), "before"),
])
def test_bad_usage_exits_2_with_a_sentence_and_writes_nothing(udpeg, sample_db, tmp_path, args, says):
    out = tmp_path / ("out.ics" if args[0] == "calendar" else "out.html")
    r = udpeg(*args, "-o", out, db=sample_db)
    assert r.code == 2, (r.out, r.err)
    assert says in r.err
    assert "Traceback" not in r.err
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def test_format_follows_the_file_suffix(udpeg, sample_db, tmp_path):
    out = tmp_path / "annual.md"
    assert udpeg("report", "annual", "--year", "2022", "-o", out, db=sample_db).code == 0
    assert read_text(out).startswith("# Annual report 2022")
    r = udpeg("report", "annual", "--year", "2022", "-o", tmp_path / "annual.txt", db=sample_db)
    assert r.code == 2 and "--format" in r.err


def test_a_failed_render_leaves_no_file_behind(udpeg, sample_db, tmp_path, monkeypatch):
    from registry.reports import render_html

    def boom(doc):
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(render_html, "render", boom)
    out = tmp_path / "annual.html"
    out.write_text("the previous report", encoding="utf-8")
    r = udpeg("report", "annual", "--year", "2022", "-o", out, db=sample_db)
    assert r.code != 0
    assert out.read_text(encoding="utf-8") == "the previous report"
    assert not list(tmp_path.glob("*.part"))


def test_report_help_lists_the_reports(udpeg):
    r = udpeg("report", "--help")
    assert r.code == 0
    for name in ("annual", "gender", "vacancies"):
        assert name in r.out


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("fmt", ["html", "xlsx", "csv", "md", "json"])
def test_every_report_works_on_an_empty_registry(udpeg, empty_db, tmp_path, fmt, lang):
    for cmd in (("report", "annual", "--year", "2022"), ("report", "gender", "--on", "2022-06-30"),
                ("report", "vacancies", "--on", "2022-06-30")):
        out = tmp_path / f"{cmd[1]}.{fmt}"
        r = udpeg("--lang", lang, *cmd, "--format", fmt, "-o", out, db=empty_db)
        assert r.code == 0, (cmd, r.err)
        assert out.stat().st_size > 0
    out = tmp_path / "empty.ics"
    assert udpeg("calendar", "-o", out, db=empty_db).code == 0
