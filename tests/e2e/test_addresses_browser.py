"""Every page keeps its own address in a real browser: a review bookmarked or typed as
``/review?article=1&claim=c3`` opens that claim, ``/new`` opens New article, and the root
address opens whichever of the two the desk needs. Before, the review was Streamlit's
default page, served at ``/`` only: ``/review?...`` said "Page not found" over the page (and
``/new`` did the same on an empty desk, where New article was the default).

Streamlit itself shows that message once more, on the very first page a new server gets if
it is not the root (streamlit/streamlit#8860: the server learns the pages from the first
run); the servers here are warmed by one visit to ``/`` first, as any earlier visit does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.desk import demo_app
from tests.e2e.keys_page import ready
from tests.e2e.review_page import claim_picker, focused_number, wait_for_run
from tests.e2e.server import Server, running_app

pytestmark = pytest.mark.e2e

NOT_FOUND = "Page not found"


def warmed(browser: Browser, server: Server) -> Server:
    """One visit to the root address, so the server knows the app's pages."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url)
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible(timeout=60_000)
    wait_for_run(page)
    context.close()
    return server


@pytest.fixture(scope="module")
def desk(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A desk with the demo article (id 1, claims c1..c32)."""
    with demo_app(tmp_path_factory.mktemp("addresses") / "workbench.sqlite3") as running:
        yield warmed(browser, running)


@pytest.fixture(scope="module")
def empty_desk(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path = tmp_path_factory.mktemp("addresses-empty") / "workbench.sqlite3"
    with running_app(path) as running:
        yield warmed(browser, running)


def settled(page: Page) -> None:
    wait_for_run(page)
    page.wait_for_timeout(300)  # a "Page not found" message arrives with the run's start
    wait_for_run(page)
    expect(page.get_by_text(NOT_FOUND)).to_have_count(0)


@pytest.mark.parametrize("address", ["/review?article=1&claim=c3", "/?article=1&claim=c3"])
def test_a_review_address_opens_its_claim(page: Page, desk: Server, address: str) -> None:
    page.goto(desk.url + address)
    ready(page)
    settled(page)
    expect(claim_picker(page)).to_have_value(focused_number(3))
    expect(page).to_have_url(re.compile(r"/review\?article=1&claim=c3$"))


def test_the_root_opens_the_review_and_new_article_has_its_address(
    page: Page, desk: Server
) -> None:
    page.goto(desk.url)
    ready(page)
    settled(page)
    expect(page).to_have_url(re.compile(r"/review\?article=1"))
    expect(page.get_by_role("heading", name="Demo")).to_be_visible()

    page.goto(desk.url + "/new")
    expect(page.get_by_role("heading", name="New article")).to_be_visible()
    settled(page)
    expect(page).to_have_url(re.compile(r"/new$"))

    # The sidebar's link to the article is the review's own address, with its query string.
    link = page.get_by_test_id("stSidebar").get_by_role("link", name=re.compile("Demo"))
    expect(link).to_have_attribute("href", re.compile(r"review\?article=1$"))


def test_an_empty_desk_opens_new_article_at_the_root_and_at_its_address(
    page: Page, empty_desk: Server
) -> None:
    for address in ("", "/new"):
        page.goto(empty_desk.url + address)
        expect(page.get_by_role("heading", name="New article")).to_be_visible()
        settled(page)
        expect(page).to_have_url(re.compile(r"/new$"))
