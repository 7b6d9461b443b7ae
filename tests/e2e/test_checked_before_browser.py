"""Checked before in a real browser: the focus panel shows the published fact-check of the
claim, the "a" key adopts its verdict and "u" undoes it (checked in the database)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from checks.factchecks.importer import import_bytes
from checks.pipeline import analyze
from checks.sources.library import LibrarySource, seed_demo_library
from checks.store import Store
from tests.e2e.conftest import TIMEOUT_MS, VIEWPORT
from tests.e2e.keys_page import ready
from tests.e2e.review_page import ScriptRuns
from tests.e2e.server import Server, running_app
from tests.factcheck_samples import dumps, review

pytestmark = pytest.mark.e2e

TEXT = """Talks in Geneva

Ukraine applied to join NATO on 30 September 2022.

The summit was attended by more than 90 countries.
"""
FEED = [
    review(
        "Ukraine applied to join NATO on 30 September 2022.",
        "https://checks.example/fact-check/nato-application",
        rating={"@type": "Rating", "alternateName": "Correct"},
        datePublished="2022-10-01",
    )
]


@pytest.fixture(scope="module")
def server(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path = tmp_path_factory.mktemp("checked-before") / "workbench.sqlite3"
    with Store.open(path) as store:
        seed_demo_library(store)
        import_bytes(store, dumps(FEED), name="feed.json")
        article = store.add_article(title="Geneva", text=TEXT)
        store.save_analysis(article.id, analyze(TEXT, sources=[LibrarySource(store)]))
    with running_app(path) as running:
        yield running


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    context.close()


def saved(server: Server, claim_id: str) -> tuple[str, str]:
    with Store.open(server.db_path) as store:
        row = next(r for r in store.review(1).rows if r.claim.id == claim_id)
    return row.verdict.label, row.verdict.note


def test_a_adopts_the_published_verdict_and_u_undoes_it(server: Server, page: Page) -> None:
    runs = ScriptRuns(page)
    with runs.rerun(timeout_ms=60_000):
        page.goto(f"{server.url}/?article=1&claim=c2")
    ready(page)  # the key handler is on the page: A is a press of its queue
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Checked before: 1 match")).to_be_visible()
    link = main.locator('a[href="https://checks.example/fact-check/nato-application"]')
    expect(link).to_be_visible()
    with runs.rerun(timeout_ms=60_000):
        page.locator("body").press("a")
    expect(main.get_by_text("Verdict: true")).to_be_visible()
    assert saved(server, "c2") == (
        "true",
        "As checked by Checks Desk on 2022-10-01, "
        "https://checks.example/fact-check/nato-application (rated “Correct”)",
    )
    with runs.rerun(timeout_ms=60_000):
        page.locator("body").press("u")
    expect(main.get_by_text("Verdict: unreviewed")).to_be_visible()
    assert saved(server, "c2") == ("unreviewed", "")
    assert page.get_by_test_id("stException").count() == 0
