"""Hostile text never makes the browser reach out (issue 11).

A beacon (an HTTP server on loopback) stands for a hostile site that wants to know when a
journalist reads its story. Its address is planted as Markdown images, HTML images and links
in an article (title and text), a library source (title, text, link), a ZIM file (Title,
Description and Language metadata, a page's title and text) built with libzim.writer, the
article's details, a verdicts CSV (claim ids, labels, file name) and the query string. Then
every page is walked in a real Chromium: New article, the review page (focus panel, every
popover, the claim editor's tabs, the reference form, the table), Sources (its tables and
tabs), Settings (the ZIM file saved) and Articles (rename and delete popovers). The beacon
must get no request at all, and no request of the page may name it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from checks.model import Document, SourceKind
from checks.store import Store
from tests.e2e.conftest import ARTIFACTS, TIMEOUT_MS, VIEWPORT
from tests.e2e.review_page import ScriptRuns, wait_for_run
from tests.e2e.server import Server, running_app
from tests.test_zim import Page as ZimPage
from tests.test_zim import build_zim, wiki_html

pytestmark = pytest.mark.e2e


class Beacon:
    """Counts every request that reaches it (any method, any path)."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        beacon = self

        class Handler(BaseHTTPRequestHandler):
            def _hit(self) -> None:
                beacon.hits.append(f"{self.command} {self.path}")
                self.send_response(204)
                self.end_headers()

            do_GET = do_POST = do_HEAD = do_OPTIONS = _hit

            def log_message(self, format: str, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Beacon:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def payloads(beacon: str, where: str) -> str:
    """Every way a text could make a browser fetch ``beacon``, tagged with ``where``."""
    return (
        f"![x]({beacon}/beacon-{where}-md) "
        f'<img src="{beacon}/beacon-{where}-img"> '
        f"[link]({beacon}/beacon-{where}-link) "
        f"![y](beacon-{where}-relative) "
        f'<link rel="prefetch" href="{beacon}/beacon-{where}-prefetch">'
    )


def article_text(beacon: str) -> str:
    return (
        f"Kestrel Bridge to close {payloads(beacon, 'title-line')}\n\n"
        f"{payloads(beacon, 'p1')} The Kestrel Bridge will close on 3 May 2025 for repairs, "
        "the harbour council said.\n\n"
        "The harbour council voted 7 to 2 on the closure of the Kestrel Bridge "
        f"{payloads(beacon, 'p2')} after a long debate.\n\n"
        f"The Kestrel Bridge carries 12,000 cars a day. {payloads(beacon, 'p3')}\n"
    )


@pytest.fixture(scope="module")
def beacon() -> Iterator[Beacon]:
    with Beacon() as running:
        yield running


@pytest.fixture(scope="module")
def hostile_zim(beacon: Beacon, tmp_path_factory: pytest.TempPathFactory) -> Path:
    lead = (
        "<p>The Kestrel Bridge will close on 3 May 2025 for repairs of its deck "
        f"{payloads(beacon.url, 'zim-text')}.</p>"
        f'<p><img src="{beacon.url}/beacon-zim-html-img"> It was opened in 1931 by the '
        "harbour council.</p>"
    )
    page = ZimPage(
        "Kestrel_Bridge",
        f"Kestrel Bridge {payloads(beacon.url, 'zim-page-title')}",
        wiki_html("Kestrel Bridge", lead),
    )
    metadata = {
        "Title": f"Harbour wiki {payloads(beacon.url, 'zim-title')}",
        "Description": f"Pages {payloads(beacon.url, 'zim-description')}",
        "Language": "eng",
        "Name": "harbour_wiki",
        "Creator": f"Creator {payloads(beacon.url, 'zim-creator')}",
        "Date": "2025-01-01",
    }
    folder = tmp_path_factory.mktemp("beacon-zim")
    return build_zim(folder / "harbour.zim", [page], metadata=metadata)


@pytest.fixture(scope="module")
def server(
    chromium_path: str, beacon: Beacon, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    path = tmp_path_factory.mktemp("beacon") / "workbench.sqlite3"
    with Store.open(path) as store:
        store.upsert_document(
            Document(
                SourceKind.LIBRARY, "hostile-minutes",
                f"Council minutes {payloads(beacon.url, 'source-title')}",
                f"{beacon.url}/beacon-source-url", "", "en",
                "The harbour council voted 7 to 2 on the closure of the Kestrel Bridge on 3 May "
                f"2025. {payloads(beacon.url, 'source-text')}",
                "2026-11-27T10:00:00Z",
            )
        )  # fmt: skip
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHECKS_WIKIPEDIA", "off")  # loopback only: never the real Wikipedia
        patch.delenv("CHECKS_ZIM", raising=False)
        with running_app(path) as running:
            yield running


@pytest.fixture
def watched(
    browser: Browser, beacon: Beacon, request: pytest.FixtureRequest
) -> Iterator[tuple[Page, ScriptRuns, list[str]]]:
    """A tab, its script-run counter, and every request it made that names the beacon; its
    last screen is saved as test-artifacts/failed-<test>.png when the test fails."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    named: list[str] = []
    beacon.hits.clear()  # each test answers for what it showed

    def record(request: Request) -> None:
        # The test's own page loads carry payloads in their query string; anything else
        # that names the beacon (an image, a prefetch, a relative "beacon-..." path) is a hit.
        if request.url.startswith(beacon.url) or (
            "beacon" in request.url and not request.is_navigation_request()
        ):
            named.append(request.url)

    page.on("request", record)
    runs = ScriptRuns(page)
    yield page, runs, named
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"failed-{request.node.name}.png", full_page=True)
    context.close()


def settle(page: Page) -> None:
    """No script run in progress, then time for any image or prefetch to be requested."""
    wait_for_run(page)
    page.wait_for_timeout(400)
    wait_for_run(page)


def assert_no_beacon(beacon: Beacon, named: list[str], page: Page) -> None:
    settle(page)
    assert named == []
    assert beacon.hits == []


def open_popover(page: Page, name: str) -> None:
    page.get_by_test_id("stMain").get_by_role("button", name=name).first.click()
    settle(page)
    page.keyboard.press("Escape")  # closes it again
    settle(page)


def test_1_settings_save_a_zim_file_with_hostile_metadata(
    server: Server, hostile_zim: Path, beacon: Beacon, watched: tuple[Page, ScriptRuns, list[str]]
) -> None:
    page, runs, named = watched
    with runs.rerun():
        page.goto(f"{server.url}/settings")
    page.get_by_label("Path of the .zim file (empty: none)").fill(str(hostile_zim))
    with runs.rerun():
        page.get_by_role("button", name="Save ZIM file").click()
    saved = page.get_by_test_id("stMain").get_by_text("Saved. Harbour wiki")
    expect(saved).to_contain_text(f"![x]({beacon.url}/beacon-zim-title-md)")
    expect(page.get_by_test_id("stMain").get_by_text("In use:")).to_be_visible()
    assert_no_beacon(beacon, named, page)


def test_2_new_article_and_review_with_hostile_text(
    server: Server, beacon: Beacon, watched: tuple[Page, ScriptRuns, list[str]]
) -> None:
    page, runs, named = watched
    with runs.rerun():
        page.goto(server.url)  # no article yet: New article is the main page
    page.get_by_label("Title (optional: the first line is used otherwise)").fill(
        f"Bridge {payloads(beacon.url, 'typed-title')}"
    )
    box = page.get_by_label("Article text")
    box.fill(article_text(beacon.url))
    with runs.rerun():
        box.press("Control+Enter")
    with runs.rerun(timeout_ms=120_000):
        page.get_by_role("button", name="Analyze", exact=True).click()
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", level=1)).to_contain_text("Bridge ![x]", timeout=120_000)
    settle(page)
    assert_no_beacon(beacon, named, page)

    for claim in ("c1", "c2", "c3", "c4", "c5"):
        with runs.rerun():
            page.goto(f"{server.url}/?article=1&claim={claim}")
        settle(page)
        page.get_by_text("Edit claims: fix the text, split, merge, delete").click()
        for tab in ("Split in two", "Merge or delete", "Add from a passage"):
            page.get_by_role("tab", name=tab).click()
        page.get_by_text("Add a reference for this claim").click()
        settle(page)
        assert_no_beacon(beacon, named, page)
    expect(main.get_by_text("Next claim (").first).to_be_attached()

    for name in ("Export", "Import verdicts", "Details", "Analyse again"):
        open_popover(page, name)
    page.get_by_test_id("stDataFrame").first.scroll_into_view_if_needed()
    assert_no_beacon(beacon, named, page)


def test_3_details_import_and_query_strings(
    server: Server, beacon: Beacon, watched: tuple[Page, ScriptRuns, list[str]],
    tmp_path: Path,
) -> None:  # fmt: skip
    page, runs, named = watched
    with runs.rerun():
        page.goto(f"{server.url}/?article=1&claim=c2")
    page.get_by_test_id("stMain").get_by_role("button", name="Details").first.click()
    page.get_by_label("Author").fill(f"Reporter {payloads(beacon.url, 'author')}")
    with runs.rerun():
        page.get_by_role("button", name="Save details").click()
    settle(page)
    expect(page.get_by_role("button", name="Details: Reporter")).to_be_visible()
    assert_no_beacon(beacon, named, page)

    csv = tmp_path / "verdicts.csv"
    claim = payloads(beacon.url, "csv-claim").replace('"', "'").replace(",", " ")
    csv.write_text(
        f"article_id,claim_id,verdict,note\n1,c1,{payloads(beacon.url, 'csv-label')[:60]},x\n"
        f"1,{claim},true,y\n",
        encoding="utf-8",
    )
    page.get_by_test_id("stMain").get_by_role("button", name="Import verdicts").first.click()
    page.locator("[data-testid=stPopoverBody] input[type=file]").set_input_files(str(csv))
    settle(page)
    with runs.rerun():
        page.get_by_role("button", name="Import verdicts").last.click()
    expect(page.get_by_text("Nothing imported")).to_be_visible()
    assert_no_beacon(beacon, named, page)

    for query in (
        f"/?article={quote(payloads(beacon.url, 'qs-article'))}",
        f"/?article=1&claim={quote(payloads(beacon.url, 'qs-claim'))}",
        f"/sources?article={quote(payloads(beacon.url, 'qs-sources'))}",
        f"/articles?article={quote(payloads(beacon.url, 'qs-articles'))}",
    ):
        with runs.rerun():
            page.goto(f"{server.url}{query}")
        settle(page)
        assert_no_beacon(beacon, named, page)
    page.goto(f"{server.url}/?article={quote(payloads(beacon.url, 'qs-shown'))}")
    settle(page)
    expect(page.get_by_text("is not in the database")).to_contain_text(
        f"![x]({beacon.url}/beacon-qs-shown-md)"
    )
    assert_no_beacon(beacon, named, page)


def test_4_sources_and_articles_pages(
    server: Server, beacon: Beacon, watched: tuple[Page, ScriptRuns, list[str]]
) -> None:
    page, runs, named = watched
    with runs.rerun():
        page.goto(f"{server.url}/sources?article=1")
    page.get_by_label("Title", exact=True).fill(f"Pasted {payloads(beacon.url, 'pasted-title')}")
    page.get_by_label("Where a reader can verify it (URL, optional)").fill(
        f"{beacon.url}/beacon-pasted-url"
    )
    page.get_by_label("Text", exact=True).fill(
        f"The bridge toll rose to 3 euros in 2024. {payloads(beacon.url, 'pasted-text')}"
    )
    with runs.rerun():
        page.get_by_role("button", name="Add to the library").click()
    expect(page.get_by_text("Added “Pasted")).to_be_visible()
    for tab in ("Upload a file", "Wikipedia page", "Remove", "Refresh / analyse again"):
        page.get_by_role("tab", name=tab).click()
    expect(page.get_by_text("Why these pages")).to_be_visible()
    assert_no_beacon(beacon, named, page)

    with runs.rerun():
        page.goto(f"{server.url}/articles")
    settle(page)
    for name in ("Rename", "Delete"):
        open_popover(page, name)
    assert_no_beacon(beacon, named, page)
