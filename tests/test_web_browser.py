"""The web pages in a real browser: Debian's chromium driven by Playwright, against `storyline serve`.

CI installs chromium with `apt-get install -y chromium`; no browser is ever downloaded. Without
/usr/bin/chromium these tests fail (not skip): a missing browser must not pass for a green run.
"""

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from storyline.ingest import read_sources
from storyline.settings import Settings
from storyline.store import Store

CHROMIUM = Path("/usr/bin/chromium")
FIXTURES = Path(__file__).parent / "fixtures" / "store"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`storyline serve` on a store holding the fixture batches and the hostile article."""
    db = tmp_path_factory.mktemp("web") / "s.db"
    settings = Settings()
    with Store(db, settings) as store:
        for name in ("batch1", "hostile"):
            store.ingest(
                read_sources([str(FIXTURES / f"{name}.jsonl")], settings.ingest).articles, name
            )
        store.refresh()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "storyline", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_until_up(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"storyline serve exited: {process.stdout.read().decode()}")
        try:
            if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError("storyline serve did not answer within 60 s")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            "browser tests need Debian's chromium at /usr/bin/chromium: apt-get install -y chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context()
    opened = context.new_page()
    opened.errors = []  # page errors and dialogs: anything an injected script would cause
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    opened.on(
        "dialog",
        lambda dialog: (opened.errors.append(f"dialog {dialog.message}"), dialog.dismiss()),
    )
    yield opened
    context.close()


def test_clicking_a_citation_reveals_the_source_sentence(server: str, page) -> None:
    page.goto(server + "/")
    page.get_by_role("link", name="Halden harbour bridge closed after cable cracks found").click()
    page.wait_for_url("**/stories/*")
    claim = page.locator("section.block li.claim").first
    reveal = claim.locator(".reveal")
    assert reveal.is_hidden()
    marker = claim.locator("a.cite").first
    number = marker.get_attribute("data-ref")
    cited = page.locator(f"#src-{number} .sentence").text_content()
    marker.click()
    assert reveal.is_visible()
    assert reveal.locator(".revealed-sentence").text_content() == cited
    assert cited and cited.split()[0] in claim.text_content()
    assert page.url.endswith(
        "/stories/" + page.locator("article.story").get_attribute("data-story")
    )
    assert page.errors == []


def test_story_page_has_sections_charts_and_sources(server: str, page) -> None:
    page.goto(server + "/")
    page.get_by_role("link", name="Halden harbour bridge closed after cable cracks found").click()
    headings = page.locator("h2").all_text_contents()
    assert {"Summary", "New since you last looked", "Coverage", "Sources by origin"} <= set(
        headings
    )
    assert page.locator("svg.chart").count() == 2
    assert page.locator("svg.chart rect.bar").count() >= 3
    first_origin = page.locator("ol.origins > li").first.text_content()
    assert "reprinted as" in first_origin  # the wire story and its reprint, one origin


def test_hostile_article_text_never_runs(server: str, page) -> None:
    page.goto(server + "/")
    page.locator("table.stories a", has_text="Council").click()
    page.wait_for_url("**/stories/*")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.locator("ol.origins a").first.click()
    page.wait_for_url("**/articles/hostile")
    body = page.locator("div.text")
    assert "<script>window.__pwned = 1" in body.text_content()  # shown as text, not run
    assert '<img src=x onerror="window.__pwned = 2">' in body.text_content()
    assert body.locator("img, script, a").count() == 0
    assert "<script>" in page.locator("h1").text_content()
    page.locator("h1").hover()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.errors == []
