"""udpeg publish (issue 18): the page data, privacy, well-formed accessible pages, the -o folder.

Figures are worked out by hand from data/kkr-nordjylland.toml:

* on 2022-06-01 the only seat allotted to Blå gruppe (blaa-2022) that is vacant is Dialogforum om
  retssikkerhed's "Politisk repræsentant for KKR Nordjylland" (allocation alloc-2022-dialogforum-
  blaa, no appointment on that board): eligibility council-member-in-kkr, appointed by KKR
  Nordjylland; KKR Nordjylland's next meeting is kkr-2022-06-24, which decides it.
* Rød gruppe (roed-2022) has no vacant seat then.
"""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from registry.reports.site import MeetingFact, deciding_meeting, fmt_date, requirements
from registry.reports.common import Names
from registry.snapshot import SeatRule
from tests.reports.helpers import FIXED_TODAY
from tests.reports.test_safety import PLANTED, SECRETS

DIALOG = "Dialogforum om retssikkerhed (tidl. Retssikkerhedsalliancen)"
POLITICAL = "Politisk repræsentant for KKR Nordjylland"
VOID = {"meta", "link", "br", "img", "input", "hr", "col", "source", "wbr", "area", "base"}


class Page(HTMLParser):
    """A page parsed strictly enough to find unclosed tags, and the parts the tests look at."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.lang = None
        self.h1: list[str] = []
        self.tables = 0
        self.col_headers: list[dict] = []
        self.rows: list[dict] = []       # tbody rows: attrs and cell texts
        self.text: list[str] = []
        self._cell: list[str] | None = None
        self._row: dict | None = None
        self._in_h1 = False
        self._in_thead = False
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {self.stack}")

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "h1":
            self._in_h1 = True
            self.h1.append("")
        if tag == "table":
            self.tables += 1
        if tag == "thead":
            self._in_thead = True
        if tag == "th" and self._in_thead:
            self.col_headers.append(a)
        if tag == "tr" and not self._in_thead:
            self._row = {"attrs": a, "cells": []}
        if tag in ("td", "th") and self._row is not None:
            self._cell = []
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag == "h1":
            self._in_h1 = False
        if tag == "thead":
            self._in_thead = False
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row["cells"].append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        self.text.append(data)
        if self._in_h1:
            self.h1[-1] += data
        if self._cell is not None:
            self._cell.append(data)


def publish(udpeg, db, out: Path, *args: str):
    r = udpeg("publish", "-o", out, *args, db=db, env=FIXED_TODAY)
    assert r.code == 0, r.err
    return r


@pytest.fixture
def site_2022(udpeg, sample_db, tmp_path) -> Path:
    out = tmp_path / "site"
    publish(udpeg, sample_db, out, "--on", "2022-06-01", "--year", "2022")
    return out


def read(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


# --- page data ------------------------------------------------------------------------------


def test_blaa_gruppe_vacancies_on_2022_06_01(site_2022):
    page = read(site_2022 / "en" / "group" / "blaa-2022.html")
    assert page.h1 == ["Blå gruppe"]
    vac = [r["cells"] for r in page.rows if "data-days" in r["attrs"]]
    assert vac == [[DIALOG, POLITICAL,
                    "Must be a member of a municipal council within the KKR. Appointed by KKR Nordjylland.",
                    "now", "Blå gruppe", "24-06-2022", ""]]
    # the vacancies page carries the same row, marked for the group filter, among all the others
    allp = read(site_2022 / "en" / "vacancies.html")
    blue = [r for r in allp.rows if r["attrs"].get("data-group") == "blaa-2022"]
    assert [r["cells"][:2] for r in blue] == [[DIALOG, POLITICAL]]
    assert blue[0]["attrs"]["data-days"] == "0"
    assert not [r for r in read(site_2022 / "en" / "group" / "roed-2022.html").rows if "data-days" in r["attrs"]]


def test_every_vacancy_is_in_the_html_without_the_script(udpeg, sample_db, site_2022):
    r = udpeg("vacancies", "--on", "2022-06-01", "--within", "180", "--format", "json", db=sample_db)
    from tests.publish.test_browser import merged

    expected = merged(r.json())
    page = read(site_2022 / "en" / "vacancies.html")
    shown = sorted((row["cells"][0], row["cells"][1]) for row in page.rows if "data-days" in row["attrs"])
    assert shown == expected and len(expected) == 3
    html = (site_2022 / "en" / "vacancies.html").read_text(encoding="utf-8")
    assert '<form id="filters" class="filters" hidden' in html      # the script shows the filters


def test_board_page_has_holders_legal_basis_and_next_term_end(site_2022):
    page = read(site_2022 / "en" / "board" / "dialogforum-retssikkerhed.html")
    text = " ".join(" ".join(page.text).split())
    assert page.h1 == [DIALOG]
    assert "Samarbejde mellem KL og Danske Handicaporganisationer (DH)" in text
    # the election period 2022-04-01 – 2026-03-31 (term = "kkr"), no members: the term end is the period's
    assert "01-04-2022 – 31-03-2026" in text and "Next term end 31-03-2026" in text
    seat_rows = [r["cells"] for r in page.rows if "data-days" not in r["attrs"] and r["cells"]]
    assert seat_rows[0][:3] == [f"{POLITICAL} (1 seat)",
                               "Must be a member of a municipal council within the KKR. Appointed by KKR Nordjylland.",
                               "vacant"]


def test_danish_is_the_default_with_dates_as_dd_mm_yyyy(site_2022):
    html = (site_2022 / "da" / "group" / "blaa-2022.html").read_text(encoding="utf-8")
    assert '<html lang="da">' in html
    assert "Skal være medlem af en kommunalbestyrelse inden for KKR. Udpeges af KKR Nordjylland." in html
    assert "24-06-2022" in html and "2022-06-24" not in html
    root = (site_2022 / "index.html").read_text(encoding="utf-8")
    assert 'url=da/index.html' in root
    # each page links to itself in the other language
    assert 'href="../../en/group/blaa-2022.html" hreflang="en"' in html


def test_lang_option_writes_one_language(udpeg, sample_db, tmp_path):
    out = tmp_path / "en-only"
    publish(udpeg, sample_db, out, "--on", "2022-06-01", "--lang", "en")
    assert (out / "en" / "vacancies.html").exists() and not (out / "da").exists()
    assert "hreflang" not in (out / "en" / "vacancies.html").read_text(encoding="utf-8")


def test_requirements_in_words():
    names = Names("r", "nordjylland", {"aalborg": "Aalborg Kommune"}, {"fh": "FH", "ac": "AC", "kkr": "KKR Nordjylland"}, {})
    joint = SeatRule("worker", "Arbejdstager", 1, appointed_by="kkr", nominated_by=("fh", "ac"), joint=True)
    assert requirements(joint, names) == ["Nominated jointly by FH, AC (one joint nomination).",
                                          "Appointed by KKR Nordjylland."]
    each = SeatRule("x", "X", 2, nominated_by=("fh", "ac"), eligibility=("elected", "council-member-of:aalborg"),
                    voting=False, deputies="required")
    assert requirements(each, names) == [
        "Must be an elected member of a municipal or regional council and a member of the municipal council of "
        "Aalborg Kommune.", "Nominated by FH, AC.", "Without a vote.", "A deputy must be appointed too."]
    assert requirements(SeatRule("y", "Y", 1), names) == ["No particular requirements are recorded."]


def test_deciding_meeting_is_the_last_before_the_seat_falls_vacant_else_the_next():
    ms = [MeetingFact(f"m{i}", "kkr", d) for i, d in enumerate(
        [date(2022, 3, 25), date(2022, 6, 24), date(2022, 9, 30), date(2023, 1, 20)])]
    on = date(2022, 6, 1)
    assert deciding_meeting(ms, on, on).id == "m1"                       # vacant now: the next meeting
    assert deciding_meeting(ms, on, date(2022, 12, 1)).id == "m2"        # two meetings before: the later
    assert deciding_meeting(ms, on, date(2022, 7, 1)).id == "m1"
    assert deciding_meeting(ms, date(2023, 2, 1), date(2023, 3, 1)) is None
    assert fmt_date(date(2022, 6, 24)) == "24-06-2022"


def test_calendar_feeds_per_group(site_2022):
    from icalendar import Calendar

    def events(name):
        cal = Calendar.from_ical((site_2022 / "en" / "calendar" / name).read_bytes())
        return sorted((str(e["summary"]), e.decoded("dtstart")) for e in cal.walk("VEVENT"))

    blue = events("blaa-2022.ics")
    assert (f"Seat vacant: {DIALOG} — {POLITICAL}", date(2022, 6, 1)) in blue
    assert (f"Deciding meeting: {DIALOG} — {POLITICAL}", date(2022, 6, 24)) in blue
    assert not [s for s, _d in events("roed-2022.ics") if DIALOG in s]
    everything = events("all.ics")
    assert set(blue) <= set(everything) and len(everything) > len(blue)


# --- privacy ----------------------------------------------------------------------------------


@pytest.fixture
def planted_site(udpeg, sample_db, tmp_path) -> Path:
    path = tmp_path / "planted.toml"
    path.write_text(PLANTED, encoding="utf-8")
    r = udpeg("load", path, db=sample_db)
    assert r.code == 0, r.err
    out = tmp_path / "planted-site"
    publish(udpeg, sample_db, out, "--on", "2022-05-01", "--year", "2022")
    return out


def test_no_page_and_no_feed_holds_confidential_data(planted_site):
    files = [p for p in planted_site.rglob("*") if p.is_file()]
    assert len(files) > 40
    for p in files:
        text = p.read_text(encoding="utf-8")
        for secret in SECRETS:
            assert secret not in text, f"{p.relative_to(planted_site)} leaks {secret!r}"
        assert "særlige grunde" not in text
        assert "<script>alert" not in text
        assert "woman" not in text.lower().replace("women", "")      # no one's sex, only counts
    board = (planted_site / "en" / "board" / "planted-board.html").read_text(encoding="utf-8")
    # the planted members are there, escaped (the test would pass on an empty page otherwise)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in board and "Planted &lt;b&gt;board&lt;/b&gt; &amp; [Nord]" in board


def test_board_counts_follow_the_small_count_rule(planted_site):
    # on 2022-05-01 the planted board has 5 counted members: p-formula (woman), p-script, p-m1, p-m2, p-m3
    page = read(planted_site / "en" / "board" / "planted-board.html")
    text = " ".join(" ".join(page.text).split())
    assert "Counted members 5" in text
    assert "Women fewer than 3" in text and "Women 1" not in text


# --- well-formed, accessible pages ----------------------------------------------------------


def test_every_page_is_well_formed_with_lang_h1_and_table_headers(site_2022):
    pages = sorted(site_2022.rglob("*.html"))
    assert len(pages) == 2 * (9 + 2 + 4) + 1      # 9 boards, 2 groups, index/vacancies/boards/annual per language
    for p in pages:
        page = read(p)
        where = str(p.relative_to(site_2022))
        assert page.errors == [], (where, page.errors)
        assert page.lang in ("da", "en"), where
        assert len(page.h1) == 1 and page.h1[0].strip(), where
        assert all(h.get("scope") == "col" for h in page.col_headers), where
        if page.tables:
            assert page.col_headers, where
        html = p.read_text(encoding="utf-8")
        assert "http://" not in html and "https://" not in html and "//" not in html.replace("://", ""), where


def test_labels_for_every_filter(site_2022):
    html = (site_2022 / "en" / "vacancies.html").read_text(encoding="utf-8")
    for field in ("f-window", "f-group", "f-board", "f-mun"):
        assert f'<label for="{field}">' in html and f'id="{field}"' in html


# --- the -o folder ------------------------------------------------------------------------------


def test_refuses_a_folder_that_is_not_a_site(udpeg, sample_db, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    r = udpeg("publish", "-o", mine, db=sample_db, env=FIXED_TODAY)
    assert r.code == 2 and "is not empty" in r.err and "Traceback" not in r.err
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".mine")) == []


@pytest.mark.parametrize("kind", ["file", "missing-parent", "symlink", "fifo"])
def test_refuses_a_file_or_a_missing_parent(udpeg, sample_db, tmp_path, kind):
    import os

    target = tmp_path / "nope" / "site" if kind == "missing-parent" else tmp_path / "x"
    if kind == "file":
        target.write_text("x")
    elif kind == "symlink":
        (tmp_path / "real").mkdir()
        target.symlink_to(tmp_path / "real")
    elif kind == "fifo":
        os.mkfifo(target)
    r = udpeg("publish", "-o", target, db=sample_db, env=FIXED_TODAY)
    assert r.code == 2 and r.err.strip() and "Traceback" not in r.err
    assert not (tmp_path / "nope").exists()


def test_replaces_an_earlier_site_and_leaves_nothing_beside_it(udpeg, sample_db, tmp_path):
    out = tmp_path / "site"
    publish(udpeg, sample_db, out, "--on", "2022-06-01")
    (out / "en" / "stale.html").write_text("old")
    empty = tmp_path / "empty"
    empty.mkdir()
    publish(udpeg, sample_db, out, "--on", "2026-04-01")
    publish(udpeg, sample_db, empty, "--on", "2026-04-01")
    assert not (out / "en" / "stale.html").exists()
    assert "01-04-2026" in (out / "en" / "vacancies.html").read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []   # no temporary folder left


def test_progress_and_messages_are_in_the_interface_language(udpeg, sample_db, tmp_path):
    from datetime import date as d

    from registry.db import open_registry, to_url
    from registry.i18n import get_language, set_language
    from registry.reports import site
    from registry.service import Context

    r = udpeg("publish", "-o", tmp_path / "da-only", "--lang", "da", "--on", "2022-06-01", db=sample_db, env=FIXED_TODAY)
    assert r.code == 0 and r.err.startswith("Wrote the site to")          # English interface, Danish site
    set_language("en")
    said = []
    ctx = Context(open_registry(to_url(str(sample_db)), create=False), "test")
    site.publish(ctx, tmp_path / "direct", on=d(2022, 6, 1), langs=("da",), progress=lambda done, total, stage: said.append(
        (get_language(), done, total, stage)))
    assert said == [("en", 9, 9, "boards"), ("en", 9, 9, "annual")] and get_language() == "en"


def test_seats_of_one_group_falling_vacant_together_are_one_row(udpeg, sample_db, tmp_path):
    # on 2025-11-01, within 180 days: Erhvervshus' four business seats end 31-03-2026 (no successor
    # recorded) and NT's six seats chosen by the representatives end 31-12-2025: one row each
    out = tmp_path / "site"
    publish(udpeg, sample_db, out, "--on", "2025-11-01", "--lang", "en")
    page = read(out / "en" / "vacancies.html")
    seats = [r["cells"][1] for r in page.rows if "data-days" in r["attrs"]]
    assert "Virksomhedsrepræsentanter (4 seats)" in seats
    assert "Kommunale medlemmer valgt af repræsentantskabet (6 seats)" in seats
    assert len(seats) == 13
    assert "24 seats vacant now or soon" in (out / "en" / "index.html").read_text(encoding="utf-8")


def test_a_holder_not_recorded_is_named_in_the_page_s_language(udpeg, sample_db, tmp_path):
    # the sample's BRN board (data/README.md): the vice-chair seat is filled, its holder not recorded
    out = tmp_path / "site"
    publish(udpeg, sample_db, out, "--on", "2026-03-27")
    da = " ".join(" ".join(read(out / "da" / "board" / "brn.html").text).split())
    en = " ".join(" ".join(read(out / "en" / "board" / "brn.html").text).split())
    assert "ikke oplyst" in da and "not recorded" not in da
    assert "not recorded" in en
    # a board of 3 or fewer counted members shows no counts by sex (quality.md; docs/privacy.md)
    assert "Kvinder ikke vist" in da and "Mænd ikke vist" in da


def test_a_board_of_three_or_fewer_counted_members_shows_no_sex_counts(site_2022):
    for board in (site_2022 / "en" / "board").glob("*.html"):
        text = " ".join(" ".join(read(board).text).split())
        if "Counted members 1 " in text or "Counted members 2 " in text or "Counted members 3 " in text:
            assert "Women not shown" in text and "Men not shown" in text, board.name
