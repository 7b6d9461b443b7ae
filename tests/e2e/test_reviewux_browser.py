"""Issue 12 in a real browser: the charts of the review and Articles pages, no grey frame
around the main area after clicking text (controls keep their focus rings), same titles told
apart in the sidebar, whole days in Settings, the Wikipedia-contact reminder once per session,
and the question before a very long article is analysed (paste, upload, web address).

Two servers of their own: one on a desk seeded before it starts (tests/e2e/desk.py), one on
an empty database for the long articles.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests import samples
from tests.conftest import DEMO_ARTICLE
from tests.e2e.desk import DEMO_TITLE, HOSTILE_TITLE, seed_desk
from tests.e2e.keys_page import ready
from tests.e2e.review_page import ScriptRuns, wait_for_run
from tests.e2e.server import Server, running_app

pytestmark = pytest.mark.e2e

LONG = "\n\n".join([DEMO_ARTICLE.read_text(encoding="utf-8")] * 64)  # 2,048 claims guessed
LONG_TITLE = (
    "Putin Proposes Ceasefire: Ukraine Must Abandon NATO Aspirations and Russian-Claimed "
    "Territories"
)
# Every element as wide as the main area with a visible outline or box shadow (a frame).
FRAMES = """() => {
  const found = [];
  for (const element of document.querySelectorAll('[data-testid=stMain], [data-testid=stMain] *')) {
    if (element.getBoundingClientRect().width < 900) continue;
    for (const pseudo of [null, '::before', '::after']) {
      const style = getComputedStyle(element, pseudo);
      const outline = style.outlineStyle !== 'none' && style.outlineWidth !== '0px';
      if (outline || style.boxShadow !== 'none') {
        found.push(`${element.tagName} ${element.dataset.testid} ${pseudo}: ${style.boxShadow}`);
      }
    }
  }
  return found;
}"""
FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {tag: element.tagName, testid: element.dataset.testid || '',
          focusVisible: element.matches(':focus-visible'), boxShadow: style.boxShadow,
          outline: style.outlineStyle};
}"""


@pytest.fixture(scope="module")
def desk_server(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path = tmp_path_factory.mktemp("desk") / "workbench.sqlite3"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CHECKS_WIKIPEDIA", "off")
        seed_desk(path, first_day=date(2026, 11, 20))
        with running_app(path) as server:
            yield server


@pytest.fixture(scope="module")
def empty_server(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path = tmp_path_factory.mktemp("long") / "workbench.sqlite3"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CHECKS_WIKIPEDIA", "off")
        with running_app(path) as server:
            yield server


def sidebar(page: Page) -> Locator:
    return page.get_by_test_id("stSidebarUserContent")


def open_page(runs: ScriptRuns, url: str) -> None:
    """Open the app at ``url`` and wait until its sidebar and first run are there."""
    with runs.rerun(timeout_ms=60_000):
        runs.page.goto(url)
    expect(sidebar(runs.page).get_by_text("Articles", exact=True)).to_be_visible()
    wait_for_run(runs.page)


def go_to(runs: ScriptRuns, name: str) -> None:
    """Another page through the navigation (the same session, as a user goes)."""
    with runs.rerun(timeout_ms=60_000):
        runs.page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
    wait_for_run(runs.page)


def charts(page: Page) -> Locator:
    return page.get_by_test_id("stVegaLiteChart")


def test_no_grey_frame_after_clicking_text_and_buttons_keep_their_ring(
    page: Page, desk_server: Server, artifacts: Path
) -> None:
    runs = ScriptRuns(page)
    open_page(runs, f"{desk_server.url}/?article=1&claim=c13")
    ready(page)  # the key handler is on the page
    page.locator("mark").first.click()  # the claim in its paragraph: text, not a control
    assert page.evaluate(FOCUSED)["testid"] == "stMain"  # the main area took the focus
    page.keyboard.press("Shift")
    with runs.rerun():
        page.keyboard.press("j")  # a key after the click: the frame used to appear now
    focused = page.evaluate(FOCUSED)
    assert (focused["testid"], focused["focusVisible"]) == ("stMain", True)
    assert page.evaluate(FRAMES) == []
    page.screenshot(path=artifacts / "reviewux-no-frame.png")
    page.keyboard.press("Tab")  # keyboard users still see where they are
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["tag"] == "BUTTON"
    assert focused["focusVisible"]
    assert "3.2px" in focused["boxShadow"]  # Streamlit's focus ring on the button


def test_the_review_page_chart_follows_a_verdict(
    page: Page, desk_server: Server, artifacts: Path
) -> None:
    runs = ScriptRuns(page)
    open_page(runs, f"{desk_server.url}/?article=2&claim=c4")
    chart = charts(page).first
    expect(chart).to_be_visible()
    picture = chart.get_by_role("img")
    # The legend's words, as the SVG draws them.
    expect(picture).to_have_text(re.compile(r"true: 1(?!\d).*false: 1(?!\d).*unreviewed: 30"))
    with runs.rerun():  # the button, not its key: the keys are another browser test's
        page.get_by_role("button", name=re.compile(r"^true\b")).click()
    expect(picture).to_have_text(re.compile(r"true: 2(?!\d).*unreviewed: 29"))
    box = charts(page).first.bounding_box()
    assert box is not None
    assert box["height"] < 130  # compact: one bar and a line of legend
    page.screenshot(path=artifacts / "reviewux-review-chart.png")


def test_the_articles_page_charts_show_hostile_titles_as_text(
    page: Page, desk_server: Server, artifacts: Path
) -> None:
    runs = ScriptRuns(page)
    open_page(runs, desk_server.url)
    go_to(runs, "Articles")
    expect(charts(page)).to_have_count(2)
    desk, days = charts(page).nth(0), charts(page).nth(1)
    drawn = desk.get_by_role("img")  # the SVG's text, as drawn
    expect(drawn).to_contain_text("(added 2026-11-21, 32 claims)")
    expect(drawn).to_contain_text("(added 2026-11-20, 32 claims)")
    expect(drawn).to_contain_text('<img src=x onerror="window.pwned=1"…')  # the title as text
    expect(days.get_by_role("img")).to_have_text(re.compile("20 Nov.*21 Nov.*22 Nov.*27 Nov"))
    # The tooltip of the hostile article's bar: its whole title, as text.
    bar = desk.locator("path[aria-label^='claims: 1; article: <img src=x']")  # its "true"
    expect(bar).to_have_count(1)
    bar.hover()
    tooltip = page.locator("#vg-tooltip-element")
    expect(tooltip).to_contain_text(HOSTILE_TITLE)
    assert tooltip.locator("img, a, b, strong").count() == 0
    assert page.locator("img[src=x]").count() == 0
    assert page.evaluate("window.pwned") is None
    page.screenshot(path=artifacts / "reviewux-articles-charts.png", full_page=True)


def test_the_sidebar_tells_same_titles_apart(page: Page, desk_server: Server) -> None:
    runs = ScriptRuns(page)
    open_page(runs, desk_server.url)
    link = sidebar(page).get_by_test_id("stPageLink")
    expect(link).to_have_count(3)
    expect(link.last).to_contain_text("(added 2026-11-20, 32 claims)")
    links = link.all_inner_texts()
    names = [re.sub(r"\s+", " ", text.replace("▸", "")).strip() for text in links]
    assert [name.split(" ", 1)[1] if name.startswith("fact_check") else name for name in names] == [
        HOSTILE_TITLE,
        f"{DEMO_TITLE} (added 2026-11-21, 32 claims)",
        f"{DEMO_TITLE} (added 2026-11-20, 32 claims)",
    ]


def test_settings_show_whole_days(page: Page, desk_server: Server) -> None:
    runs = ScriptRuns(page)
    open_page(runs, desk_server.url)
    go_to(runs, "Settings")
    days = page.get_by_label("Keep fetched pages for (days) before asking Wikipedia again")
    expect(days).to_have_value("7")


def test_the_contact_reminder_shows_once_per_session(page: Page, desk_server: Server) -> None:
    runs = ScriptRuns(page)
    open_page(runs, desk_server.url)
    reminder = page.get_by_text("Set a contact (an e-mail address or a web page)")
    go_to(runs, "Settings")
    expect(reminder).to_be_visible()
    go_to(runs, "Sources")
    expect(page.get_by_role("heading", name="Sources")).to_be_visible()
    expect(reminder).to_have_count(0)
    go_to(runs, "Settings")
    expect(page.get_by_role("heading", name="Settings")).to_be_visible()
    expect(reminder).to_have_count(0)


def question(page: Page) -> Locator:
    return page.get_by_test_id("stAlert").filter(has_text="is very long")


@pytest.fixture
def long_site(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    body = "".join(f"<p>{html.escape(part)}</p>" for part in LONG.split("\n\n"))
    page = f"<html><head><title>Minutes</title></head><body><article>{body}</article></body>"
    monkeypatch.setitem(samples.ROUTES, "/minutes.html", (200, "text/html", page.encode()))
    with samples.serve() as base:
        yield base


def test_a_very_long_article_asks_first_by_paste_upload_and_address(
    page: Page, empty_server: Server, long_site: str, artifacts: Path
) -> None:
    runs = ScriptRuns(page)
    open_page(runs, empty_server.url)
    box = page.get_by_label("Article text")
    box.fill(LONG)
    with runs.rerun():
        page.get_by_role("button", name="Analyze", exact=True).click()
    expect(question(page)).to_contain_text("is very long: about 2,048 claims to review")
    expect(question(page)).to_contain_text("Analysing it takes about 5 seconds on this computer")
    page.screenshot(path=artifacts / "reviewux-long-paste.png")
    with runs.rerun():
        page.get_by_role("button", name="Keep editing").click()
    expect(question(page)).to_have_count(0)
    assert box.input_value() == LONG  # the paste is kept

    page.get_by_role("tab", name="Fetch a web address").click()
    address = page.get_by_role("textbox", name="Article address")
    address.fill(f"{long_site}/minutes.html")
    with runs.rerun():
        address.press("Enter")
    with runs.rerun():
        page.get_by_role("button", name="Fetch and analyze").click()
    expect(question(page)).to_contain_text("is very long: about")
    expect(page.get_by_role("heading", name="New article")).to_be_visible()  # not analysed

    page.get_by_role("tab", name="Upload a file").click()
    with runs.rerun():
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
            files=[{"name": "minutes.txt", "mimeType": "text/plain", "buffer": LONG.encode()}]
        )
    with runs.rerun():
        page.get_by_role("button", name="Analyze the file").click()
    expect(question(page)).to_contain_text(f"minutes.txt: “{LONG_TITLE}” is very long")
    with runs.rerun(timeout_ms=180_000):
        page.get_by_role("button", name="Analyse all 2,048 claims").click()
    expect(page.get_by_role("heading", name=LONG_TITLE)).to_be_visible(timeout=180_000)
    expect(page.get_by_text("0 of 2048 reviewed")).to_be_visible()
