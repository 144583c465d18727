"""The web UI in real headless Chromium (Debian's chromium + chromedriver via
Selenium): the analyst's path from the home page to Токаев's entity page and
the events table. A screenshot of each page goes to artifacts/screenshots/.

`scripts/services.d/chromium.sh` installs the browser in CI; elsewhere these
tests skip when no chromium is installed (in CI a missing browser fails).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
REFERENCE_TITLE = "Токаев переговорил по телефону с Путиным"
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1280,1400", "--lang=ru",
                  # No network beyond this machine: any other host fails to resolve, so a page that
                  # needed a CDN would visibly break (and the requests are still listed, see below).
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
SERVE = "from letopis.cli import main; main()"


def find_tool(env: str, *names: str) -> str | None:
    """The browser/driver from chromium.sh's exports, else from PATH."""
    return os.environ.get(env) or next((shutil.which(n) for n in names if shutil.which(n)), None)


@pytest.fixture(scope="module")
def chrome():
    chromium = find_tool("LETOPIS_CHROMIUM", "chromium", "chromium-browser")
    driver = find_tool("LETOPIS_CHROMEDRIVER", "chromedriver")
    if not (chromium and driver):
        if os.environ.get("CI"):
            pytest.fail("chromium/chromedriver missing: scripts/services.d/chromium.sh should install them")
        pytest.skip("no chromium + chromedriver installed (see scripts/services.d/chromium.sh)")
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager download anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    browser.set_page_load_timeout(30)
    yield browser
    browser.quit()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, seconds: float = 90) -> None:
    """Poll the API until the server answers (it loads the app first)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"letopis serve exited: {proc.stderr.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(url + "/api/stats", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("letopis serve did not start in time")


@pytest.fixture(scope="module")
def server(web_db):
    """`letopis serve` on a free localhost port over the examples store."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", SERVE, "serve", "--db", str(web_db), "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def shoot(browser, name: str) -> Path:
    """Save a screenshot of the whole page as a test artifact."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = browser.execute_script(
        "return (document.querySelector('footer') || document.body).getBoundingClientRect().bottom + window.scrollY")
    browser.set_window_size(1280, max(700, min(int(height) + 140, 4000)))
    path = SHOTS / f"{name}.png"
    browser.save_screenshot(str(path))
    assert path.stat().st_size > 10_000
    return path


def wait_for(browser, css: str, seconds: float = 15):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(browser, seconds).until(ec.visibility_of_element_located((By.CSS_SELECTOR, css)))


def wait_for_url(browser, part: str, seconds: float = 15) -> None:
    """Wait for a navigation: the new URL carries `part` (the old page may share selectors)."""
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(browser, seconds).until(lambda b: part in b.current_url)


def by_css(browser, css: str):
    from selenium.webdriver.common.by import By
    return browser.find_elements(By.CSS_SELECTOR, css)


def test_home_then_search_teract(chrome, server):
    chrome.get(server + "/")
    wait_for(chrome, ".stats")
    articles = int(by_css(chrome, '[data-stat="articles"] .n')[0].text)
    assert articles >= 7
    assert by_css(chrome, ".top-entities li a"), "no most-mentioned entities on the home page"
    shoot(chrome, "01_home")
    box = by_css(chrome, "header .search-box input[name=q]")[0]
    box.send_keys("теракт")
    box.submit()
    wait_for_url(chrome, "/search?")
    wait_for(chrome, "ol.results")
    titles = [a.text for a in by_css(chrome, "li.hit a.hit-title")]
    assert any(t.startswith(REFERENCE_TITLE) for t in titles), titles
    marks = [m.text.lower() for m in by_css(chrome, "li.hit .snippet mark")]
    assert any(m.startswith("теракт") for m in marks), marks
    shoot(chrome, "02_search")


def open_reference_article(chrome, server) -> None:
    chrome.get(server + "/search?q=теракт")
    link = next(a for a in by_css(chrome, "li.hit a.hit-title") if a.text.startswith(REFERENCE_TITLE))
    link.click()
    wait_for(chrome, ".article-text")


def test_reference_article_highlights_entities(chrome, server):
    open_reference_article(chrome, server)
    shoot(chrome, "03_article")  # before the checks, so a failure still leaves the picture
    assert chrome.find_element("css selector", "h1.article-title").text.startswith(REFERENCE_TITLE)
    people = by_css(chrome, ".article-text a.ent.t-PER")
    places = by_css(chrome, ".article-text a.ent.t-LOC")
    assert people and places and by_css(chrome, ".article-text a.ent.t-ORG")
    tokayev = [a for a in people if a.text == "Касым-Жомарт Токаев"]
    assert len(tokayev) >= 2 and "Токаев" in tokayev[0].get_attribute("title")
    per_bg = people[0].value_of_css_property("background-color")
    loc_bg = places[0].value_of_css_property("background-color")
    assert per_bg != loc_bg and "rgba(0, 0, 0, 0)" not in (per_bg, loc_bg)  # colored by type


def test_click_through_to_tokayev_with_chart(chrome, server):
    open_reference_article(chrome, server)
    mention = next(a for a in by_css(chrome, ".article-text a.ent.t-PER") if a.text == "Касым-Жомарт Токаев")
    mention.click()
    wait_for(chrome, "h1.entity-name")
    shoot(chrome, "04_entity_tokayev")
    assert "Токаев" in chrome.find_element("css selector", "h1.entity-name").text
    chart = wait_for(chrome, "svg.chart")
    assert chart.size["width"] > 300 and chart.size["height"] > 100
    bars = by_css(chrome, "svg.chart g.bar rect")
    assert bars and all(float(b.get_attribute("height")) > 0 for b in bars)
    assert any(a.text.startswith(REFERENCE_TITLE) for a in by_css(chrome, "ul.articles a"))


def test_filter_and_sort_events_table(chrome, server):
    chrome.get(server + "/events")
    wait_for(chrome, "#event-filters")
    everything = int(chrome.find_element("css selector", "strong.total").text)
    field = chrome.find_element("css selector", "#event-filters input[name=type]")
    field.send_keys("attack")
    field.submit()
    wait_for_url(chrome, "type=attack")
    wait_for(chrome, "strong.total")
    filtered = int(chrome.find_element("css selector", "strong.total").text)
    types = [td.get_attribute("data-type") for td in by_css(chrome, "table.events tr.event-row td.type")]
    assert 1 <= filtered <= everything and types and set(types) == {"attack"}
    header = next(a for a in by_css(chrome, "table.events th a.sort") if a.text.startswith("Погибли"))
    header.click()
    wait_for_url(chrome, "sort=killed")
    wait_for(chrome, "table.events")
    assert "type=attack" in chrome.current_url
    killed = [int(td.text.split()[0]) for td in by_css(chrome, "tr.event-row td.killed") if td.text.strip()]
    assert killed and killed == sorted(killed)
    csv_link = chrome.find_element("css selector", "a.csv").get_attribute("href")
    assert "/api/events.csv?" in csv_link and "type=attack" in csv_link
    shoot(chrome, "05_events")


def requested_urls(browser) -> list[str]:
    """Every URL the page asked for (the document and each resource it loaded or tried)."""
    return browser.execute_script(
        "return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name))")


def test_api_docs_render_without_network(chrome, server):
    """/api/docs used to be blank offline (Swagger UI came from a CDN); now the app serves it."""
    chrome.get(server + "/api/docs")
    wait_for(chrome, ".swagger-ui .opblock", seconds=30)
    paths = [e.get_attribute("data-path") for e in by_css(chrome, ".opblock-summary-path")]
    assert "/api/search" in paths and "/api/events" in paths
    asked = requested_urls(chrome)
    assert asked and all(url.startswith(server) for url in asked), [u for u in asked if not u.startswith(server)]
    shoot(chrome, "07_api_docs")


def test_map_graph_timeline_and_facets_render(chrome, server):
    """The new widgets in a real browser: each is an inline SVG with its parts, and nothing leaves loopback."""
    chrome.get(server + "/map?type=attack")
    wait_for(chrome, "svg.map g.place circle")
    assert {e.get_attribute("data-place") for e in by_css(chrome, "svg.map g.place")} >= {"Махачкала", "Дербент"}
    shoot(chrome, "08_map")
    chrome.get(server + "/entities/Дагестан")
    wait_for(chrome, "svg.graph g.node circle")
    assert len(by_css(chrome, "svg.graph g.node")) >= 3 and by_css(chrome, "svg.graph line.edge")
    shoot(chrome, "09_entity_graph")
    chrome.get(server + "/events")
    wait_for(chrome, '.facet[data-facet="type"] a')
    next(a for a in by_css(chrome, '.facet[data-facet="type"] a') if a.text == "нападение").click()
    wait_for_url(chrome, "type=attack")
    wait_for(chrome, "table.events")
    assert {td.get_attribute("data-type") for td in by_css(chrome, "tr.event-row td.type")} == {"attack"}
    chrome.get(server + "/stories")
    wait_for(chrome, "main")
    link = by_css(chrome, 'main a[href^="/stories/"]')
    if link:
        link[0].click()
        wait_for(chrome, "svg.timeline")
        shoot(chrome, "10_story_timeline")
    assert all(url.startswith(server) for url in requested_urls(chrome))
