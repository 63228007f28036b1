"""The published site in a real browser (issue 18): Debian's Chromium driven by Selenium over a local
http.server; axe-core (vendored, tests/publish/vendor/axe-core) checks each kind of page.

Without a browser these tests skip on a workstation but FAIL in CI (``CI`` set): `.ci/run`
installs ``chromium`` and ``chromium-driver``. One browser and one site serve the whole module.

The site is of the sample on 2025-11-01, within 180 days: the rows the filters leave are compared
with ``udpeg vacancies`` given the same filters (the CLI is the oracle of what a filter means).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from tests.conftest import run_udpeg
from tests.reports.helpers import FIXED_TODAY

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("UDPEG_CHROMIUM", "/usr/bin/chromium")
DRIVER = os.environ.get("UDPEG_CHROMEDRIVER", "/usr/bin/chromedriver")
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
ON = "2025-11-01"
DIALOG = "Dialogforum om retssikkerhed (tidl. Retssikkerhedsalliancen)"


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"CI needs a browser for the site tests: {reason} (.ci/run installs chromium chromium-driver)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def site(_sample_template, tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    db = folder / "registry.db"
    shutil.copy(_sample_template, db)
    out = folder / "site"
    r = run_udpeg("publish", "-o", out, "--on", ON, "--year", "2025", db=db, env=FIXED_TODAY)
    assert r.code == 0, r.err
    return out, db


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(_Quiet, directory=str(site[0]))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
        _unavailable(f"no {CHROMIUM} or {DRIVER}")
    try:
        import selenium  # noqa: F401
    except ImportError:
        _unavailable("selenium is not installed (pip install -e '.[test]')")
    driver = _chromium()
    yield driver
    driver.quit()


def _chromium(*extra: str):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")       # never let Selenium Manager fetch a browser
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", *extra):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    driver.set_script_timeout(30)
    return driver


def visible_rows(driver) -> list[tuple[str, str]]:
    return [tuple(r) for r in driver.execute_script("""
        return Array.from(document.querySelectorAll('#vacancies tbody tr'))
          .filter(r => !r.hidden && r.offsetParent !== null)
          .map(r => [r.cells[0].innerText.trim(), r.cells[1].innerText.trim()]);""")]


def cli_rows(db, *args: str) -> list[tuple[str, str]]:
    r = run_udpeg("vacancies", "--on", ON, "--format", "json", *args, db=db)
    assert r.code == 0, r.err
    return merged(r.json())


def merged(vacancies: list[dict]) -> list[tuple[str, str]]:
    """(board, seat group) as the site shows them: seats of one group falling vacant on one day,
    for one council group, are one row saying how many."""
    seats: dict[tuple, int] = {}
    for v in vacancies:
        key = (v["board_name"], v["seat_name"], v["from"], v["council_group"])
        seats[key] = seats.get(key, 0) + v["open"]
    return sorted((board, seat + (f" ({n} seats)" if n > 1 else "")) for (board, seat, _f, _g), n in seats.items())


def choose(driver, element_id: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", element_id)).select_by_value(value)


def test_filter_by_blaa_gruppe_and_by_window(browser, server, site):
    _out, db = site
    browser.get(f"{server}/en/vacancies.html")
    assert browser.find_element("id", "filters").is_displayed()
    everything = cli_rows(db, "--within", "180")
    assert sorted(visible_rows(browser)) == everything and len(everything) == 13   # 24 seats: 3 now, 5 rows from 01-01-2026 (BRN 2, NT 1+6+2), 5 from 01-04-2026 (Erhvervshus)
    choose(browser, "f-group", "blaa-2022")
    blue = sorted(visible_rows(browser))
    assert blue == cli_rows(db, "--within", "180", "--group", "blaa-2022") == [
        (DIALOG, "Politisk repræsentant for KKR Nordjylland")]
    assert browser.find_element("id", "shown").text == f"1 of {len(everything)} vacancies shown."
    assert browser.execute_script("return location.hash") == "#group=blaa-2022"
    choose(browser, "f-group", "")
    for days in ("0", "30", "90"):
        choose(browser, "f-window", days)
        expected = cli_rows(db, *(("--within", days) if days != "0" else ()))
        assert sorted(visible_rows(browser)) == expected, days
    choose(browser, "f-window", "0")
    assert len(visible_rows(browser)) == 3      # DEB, Dialogforum, Erhvervshus' observer: vacant on the date
    browser.find_element("id", "f-board").send_keys("dialog")
    assert [b for b, _s in visible_rows(browser)] == [DIALOG]


def test_open_a_board_page_from_its_link(browser, server):
    browser.get(f"{server}/en/vacancies.html#group=blaa-2022")
    rows = [r for r in browser.find_elements("css selector", "#vacancies tbody tr") if r.is_displayed()]
    assert len(rows) == 1
    rows[0].find_element("link text", DIALOG).click()
    assert browser.current_url.endswith("/en/board/dialogforum-retssikkerhed.html")
    assert browser.find_element("tag name", "h1").text == DIALOG


def test_switch_language_keeps_the_filter(browser, server):
    browser.get(f"{server}/da/vacancies.html")
    choose(browser, "f-group", "blaa-2022")
    assert browser.find_element("tag name", "html").get_attribute("lang") == "da"
    assert browser.find_element("tag name", "h1").text == "Ledige pladser"
    browser.find_element("link text", "English").click()
    assert browser.current_url.endswith("/en/vacancies.html#group=blaa-2022")
    assert browser.find_element("tag name", "html").get_attribute("lang") == "en"
    assert browser.find_element("tag name", "h1").text == "Vacancies"
    assert [b for b, _s in visible_rows(browser)] == [DIALOG]
    browser.find_element("link text", "Dansk").click()
    assert browser.current_url.endswith("/da/vacancies.html#group=blaa-2022")


def test_without_the_script_every_row_is_shown(server, site):
    _out, db = site
    driver = _chromium("--blink-settings=scriptEnabled=false")
    try:
        driver.get(f"{server}/en/vacancies.html")
        assert not driver.find_element("id", "filters").is_displayed()     # no controls that would not work
        assert sorted(visible_rows_nojs(driver)) == cli_rows(db, "--within", "180")
    finally:
        driver.quit()


def visible_rows_nojs(driver) -> list[tuple[str, str]]:
    out = []
    for r in driver.find_elements("css selector", "#vacancies tbody tr"):
        if r.is_displayed():
            cells = r.find_elements("tag name", "td")
            out.append((cells[0].text.strip(), cells[1].text.strip()))
    return out


PAGES = ["index.html", "da/index.html", "da/vacancies.html", "en/vacancies.html", "da/boards.html",
         "da/board/erhvervshus-nordjylland.html", "en/board/nt.html", "da/group/blaa-2022.html",
         "en/annual-2025.html"]


@pytest.mark.parametrize("page", PAGES)
def test_axe_finds_no_serious_or_critical_violation(browser, server, page):
    browser.get(f"{server}/{page}" if page != "index.html" else f"{server}/index.html?stay")
    if page == "index.html":
        browser.execute_script("window.stop()")
    bad = [v for v in _axe(browser) if v["impact"] in ("serious", "critical")]
    assert bad == [], bad


def _axe(browser) -> list[dict]:
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    return browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))), e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));""")


def test_axe_reports_a_planted_violation(browser, server, site):
    """The check above can fail: a page without lang, with an image without alt and an unlabelled
    field is reported serious or critical."""
    (site[0] / "bad.html").write_text('<!DOCTYPE html><html><head><title>x</title></head><body><main>'
                                      '<img src="x.png"><input type="text"></main></body></html>', encoding="utf-8")
    browser.get(f"{server}/bad.html")
    ids = {v["id"] for v in _axe(browser) if v["impact"] in ("serious", "critical")}
    assert {"html-has-lang", "image-alt", "label"} <= ids
