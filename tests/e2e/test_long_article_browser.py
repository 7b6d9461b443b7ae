"""An 8,000-claim article in a real browser (issue 12): one page of the table, a window of
the Claim box, "Go to #", and fast verdict keys that all land, in order.

The article is written straight to the store (tests/long_article.py: claims c1..c8000,
each with one library passage); the review opens on c1."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from checks import paging
from checks.store import Store
from tests.e2e.conftest import ARTIFACTS, TIMEOUT_MS
from tests.e2e.keys_page import drained, press_keys, ready
from tests.e2e.review_page import claim_picker, focused_number
from tests.e2e.server import Server, running_app
from tests.long_article import add_long_article

pytestmark = pytest.mark.e2e

CLAIMS = 8_000
WIDE = {"width": 1280, "height": 1000}


@pytest.fixture(scope="module")
def server(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path = tmp_path_factory.mktemp("long") / "workbench.sqlite3"
    for number in (1, 2, 3):
        add_long_article(path, CLAIMS, title=f"Long report {number}")
    with running_app(path) as running:
        yield running


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    context.close()


def open_article(page: Page, server: Server, article_id: int) -> None:
    page.goto(f"{server.url}/?article={article_id}")
    ready(page)
    expect(claim_picker(page)).to_have_value(focused_number(1))


def history(server: Server, article_id: int) -> list[tuple[str, str]]:
    with Store.open(server.db_path) as store:
        return [(h.claim_id, h.label) for h in store.history(article_id)]


def test_twenty_keys_50_ms_apart_mark_twenty_claims_of_8000(tab: Page, server: Server) -> None:
    open_article(tab, server, 1)
    main = tab.get_by_test_id("stMain")
    expect(main.get_by_text("rows 1–200 of 8,000")).to_be_visible()
    press_keys(tab, ["1"] * 20, gap_ms=50)
    drained(tab)
    assert tab.get_by_test_id("stException").count() == 0
    assert history(server, 1) == [(f"c{n}", "true") for n in range(1, 21)]
    expect(main.get_by_text("20 of 8000 reviewed")).to_be_visible()
    expect(claim_picker(tab)).to_have_value(focused_number(21))
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / "long-article.png"), full_page=True)


def test_go_to_a_far_claim_and_its_table_page(tab: Page, server: Server) -> None:
    open_article(tab, server, 2)
    main = tab.get_by_test_id("stMain")
    box = main.get_by_role("spinbutton", name="Go to #")
    box.fill("7654")
    box.press("Enter")
    press_keys(tab, ["5"], gap_ms=0)  # at once: the page has not drawn c7654 yet
    drained(tab)
    assert history(server, 2) == [("c7654", "false")]
    expect(claim_picker(tab)).to_have_value(focused_number(7655))
    expect(main.get_by_text("rows 7,601–7,800 of 8,000")).to_be_visible()
    expect(box).to_have_value("")
    press_keys(tab, ["K", "1"], gap_ms=0)  # after the jump is drawn: the keys act as usual
    drained(tab)
    assert history(server, 2) == [("c7654", "false"), ("c7654", "true")]
    claim_picker(tab).click()
    options = tab.get_by_role("option")
    expect(options.first).to_have_text(re.compile(r"^#7555 · "))
    assert options.count() <= paging.PICKER_WINDOW


def test_a_go_to_number_out_of_range_keeps_the_box_and_marks_nothing(
    tab: Page, server: Server
) -> None:
    open_article(tab, server, 3)
    box = tab.get_by_test_id("stMain").get_by_role("spinbutton", name="Go to #")
    box.fill("9000")  # more than the article's 8,000 claims
    box.press("Enter")
    press_keys(tab, ["2"], gap_ms=0)  # still in the box: typed there, no verdict
    drained(tab)
    expect(box).to_be_focused()
    assert history(server, 3) == []
    expect(claim_picker(tab)).to_have_value(focused_number(1))
    assert tab.get_by_test_id("stException").count() == 0
