"""Hostile text in a real browser: an article and a library source full of markup, script,
``javascript:`` links, HTML entities and a direction override are shown as typed, and no
script runs (no dialog opens, the payloads' ``window.__pwned`` flag stays undefined).

The app runs on its own temp database (the shared session server's articles would get in
the way); the hostile source is put in that database before the server starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from checks.model import Document, SourceKind
from checks.store import Store
from tests.e2e.conftest import TIMEOUT_MS, VIEWPORT
from tests.e2e.server import Server, running_app

pytestmark = pytest.mark.e2e

SCRIPT = "<script>window.__pwned = 1; alert('script')</script>"
IMG = "<img src=x onerror=\"window.__pwned = 2; alert('img')\">"
MD_LINK = "[the minutes](javascript:window.__pwned=3)"
ENTITY = "&lt;b&gt;not bold&lt;/b&gt;"
RLO = "\u202e"
TITLE = f"Harbour {IMG} **vote** [x](javascript:alert(9))"
ARTICLE = f"""Harbour vote {SCRIPT} tonight

The council voted on 3 May 2024 to close the harbour {IMG} after a long debate.

Read {MD_LINK} and the {ENTITY} notes before the harbour budget vote.

The mayor said {RLO}the harbour budget was 5 million euros.
"""
SOURCE_TITLE = f"Council minutes {SCRIPT}"
SOURCE_TEXT = (
    f"The council voted on 3 May 2024 to close the harbour {IMG} after a debate. "
    f"Minutes: {MD_LINK} {ENTITY}."
)
PASTED_TITLE = f"Pasted {IMG} [y](javascript:alert(8))"


def hostile_source() -> Document:
    return Document(
        SourceKind.LIBRARY, "hostile-minutes", SOURCE_TITLE, "javascript:window.__pwned=5",
        "", "en", SOURCE_TEXT, "2026-11-27T10:00:00Z",
    )  # fmt: skip


@pytest.fixture(scope="module")
def hostile_server(
    chromium_path: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    path = tmp_path_factory.mktemp("hostile") / "workbench.sqlite3"
    with Store.open(path) as store:
        store.upsert_document(hostile_source())
    with running_app(path) as server:
        yield server


@pytest.fixture
def watched(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A page that records every dialog (alert, confirm, prompt) and dismisses it."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    dialogs: list[str] = []

    def record(dialog: object) -> None:
        dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", record)
    yield page, dialogs
    context.close()


def settle(page: Page) -> None:
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=60_000
    )
    page.wait_for_timeout(500)  # images fail to load, handlers would fire


def assert_nothing_ran(page: Page, dialogs: list[str]) -> None:
    assert dialogs == []
    for frame in page.frames:
        assert frame.evaluate("typeof window.__pwned") == "undefined", frame.url
        assert frame.locator("img[src='x']").count() == 0, frame.url
        assert frame.locator("a[href^='javascript' i]").count() == 0, frame.url
        # the only script on the page is the app's own constant key handler (ui/keys.py)
        assert frame.locator("main script:not([data-fc-keys])").count() == 0, frame.url


def test_hostile_article_and_source_are_shown_as_typed_and_never_run(
    hostile_server: Server, watched: tuple[Page, list[str]], artifacts: Path
) -> None:
    page, dialogs = watched
    page.goto(hostile_server.url)
    settle(page)
    page.get_by_label("Title (optional: the first line is used otherwise)").fill(TITLE)
    box = page.get_by_label("Article text")
    box.fill(ARTICLE)
    box.press("Control+Enter")
    settle(page)
    page.get_by_role("button", name="Analyze", exact=True).click()
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", level=1)).to_have_text(TITLE, timeout=60_000)
    settle(page)
    assert_nothing_ran(page, dialogs)
    # The sidebar lists the article by its title, as typed.
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("link", name=f"▸ {TITLE[:30]}")).to_be_visible()

    # The claim with the <img>, its paragraph and the hostile source's evidence.
    page.goto(f"{hostile_server.url}/?article=1&claim=c2")
    settle(page)
    paragraph = main.locator(".fc-par")
    expect(paragraph).to_contain_text(
        f"The council voted on 3 May 2024 to close the harbour {IMG} after a long debate."
    )
    expect(main.get_by_text(f"1. {SOURCE_TITLE}")).to_be_visible()
    expect(main.locator(".fc-ev").filter(has_text=IMG).first).to_be_visible()
    page.screenshot(path=str(artifacts / "hostile-review.png"), full_page=True)
    assert_nothing_ran(page, dialogs)

    # The Markdown link, the entities and the direction override, each as typed.
    page.goto(f"{hostile_server.url}/?article=1&claim=c3")
    settle(page)
    expect(paragraph).to_contain_text(f"Read {MD_LINK} and the {ENTITY} notes")
    page.goto(f"{hostile_server.url}/?article=1&claim=c4")
    settle(page)
    expect(paragraph).to_contain_text("The mayor said [U+202E]the harbour budget")
    assert RLO not in (paragraph.text_content() or "")
    assert_nothing_ran(page, dialogs)

    # The Markdown report (made when the button is pressed) escapes the article's markup.
    page.get_by_role("button", name="Export").click()
    report_button = page.locator(".st-key-download-markdown").get_by_role("button")
    expect(report_button).to_be_visible()
    with page.expect_download() as download:
        report_button.click()
    report = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Harbour vote \\<script\\>window.\\_\\_pwned = 1; alert('script')\\</script\\>" in report
    assert "<script" not in report.replace("\\<script", "")
    assert_nothing_ran(page, dialogs)


def test_a_hostile_source_pasted_on_the_sources_page_is_shown_as_typed(
    hostile_server: Server, watched: tuple[Page, list[str]], artifacts: Path
) -> None:
    page, dialogs = watched
    page.goto(f"{hostile_server.url}/sources")
    settle(page)
    page.get_by_label("Title", exact=True).fill(PASTED_TITLE)
    page.get_by_label("Where a reader can verify it (URL, optional)").fill(
        "javascript:alert('url')"
    )
    page.get_by_label("Text", exact=True).fill(SOURCE_TEXT)
    page.get_by_role("button", name="Add to the library").click()
    settle(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text(re.compile(r"^Added “Pasted <img"))).to_have_text(
        f"Added “{PASTED_TITLE}” ({len(SOURCE_TEXT):,} characters)."
    )
    page.screenshot(path=str(artifacts / "hostile-sources.png"), full_page=True)
    assert_nothing_ran(page, dialogs)
    with Store.open(hostile_server.db_path) as store:
        pasted = [d for d in store.documents() if d.title == PASTED_TITLE]
    assert [d.text for d in pasted] == [SOURCE_TEXT]  # stored as typed
