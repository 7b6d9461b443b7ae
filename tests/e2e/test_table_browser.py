"""The review table in a real browser at 1280 px: typed verdicts save the label typed, the
columns a reviewer needs fit without scrolling sideways, 20 rows show, and the last
action's message sits in the page, never over the table."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from checks.pipeline import analyze
from checks.sources.library import LibrarySource, seed_demo_library
from checks.store import Store
from tests.e2e.conftest import TIMEOUT_MS
from tests.e2e.keys_page import drained, press_keys, ready
from tests.e2e.review_page import ScriptRuns
from tests.e2e.server import ROOT, Server, running_app
from tests.e2e.table_page import cell, grid, header, select_cell

pytestmark = pytest.mark.e2e

DEMO = (ROOT / "data" / "ceasefire-proposal-2024.txt").read_text(encoding="utf-8")
WIDE = {"width": 1280, "height": 900}
LABELS = ("true", "mostly true", "half true", "mostly false", "false", "unproven",
          "not checkable")  # fmt: skip
IN_VIEW = ("#", "claim", "verdict", "note", "band", "conflicts", "best evidence")


@pytest.fixture(scope="module")
def server(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path = tmp_path_factory.mktemp("table") / "workbench.sqlite3"
    with Store.open(path) as store:
        seed_demo_library(store)
        analysis = analyze(DEMO, sources=[LibrarySource(store)])
        for number in (1, 2, 3):
            article = store.add_article(title=f"Table {number}", text=DEMO)
            store.save_analysis(article.id, analysis)
    with running_app(path) as running:
        yield running


@pytest.fixture
def wide(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    context.close()


def open_article(page: Page, server: Server, article_id: int) -> None:
    page.goto(f"{server.url}/?article={article_id}")
    ready(page)


def saved(server: Server, article_id: int) -> dict[str, str]:
    with Store.open(server.db_path) as store:
        return {
            row.claim.id: row.verdict.label
            for row in store.review(article_id).rows
            if row.verdict.label != "unreviewed"
        }


@pytest.mark.parametrize("delay", [0, 80])  # 0: keys faster than anyone types
def test_typing_a_label_in_the_verdict_cell_saves_exactly_that_label(
    wide: Page, server: Server, delay: int
) -> None:
    article = 1 if delay == 0 else 2
    runs = ScriptRuns(wide)
    open_article(wide, server, article)
    for row, label in enumerate(LABELS):
        column = select_cell(wide, row, "verdict")
        wide.keyboard.type(label, delay=delay)
        editor = wide.locator("input[id^=react-select][aria-expanded=true]")
        expect(editor).to_have_value(label)  # the cell's editor got every key typed
        highlighted = editor.get_attribute("aria-activedescendant")
        expect(wide.locator(f"#{highlighted}")).to_have_text(label)  # what Enter picks
        with runs.rerun():  # the table's own run (no key press): wait for the run itself
            wide.keyboard.press("Enter")
        expect(cell(wide, column, row)).to_have_text(label)
        wide.keyboard.press("Escape")
    assert saved(server, article) == {f"c{n}": label for n, label in enumerate(LABELS, 1)}


def test_at_1280_px_the_reviewers_columns_fit_and_20_rows_show(wide: Page, server: Server) -> None:
    open_article(wide, server, 3)
    table = grid(wide)
    table.scroll_into_view_if_needed()
    for name in IN_VIEW:  # the mirror table holds only the columns in view
        expect(header(wide, name)).to_have_count(1)
    expect(header(wide, "checked before")).to_have_count(1)  # cut at the right edge
    expect(header(wide, "kind")).to_have_count(0)
    box = table.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= WIDE["width"]
    assert box["height"] >= 35 + 20 * 66
    expect(cell(wide, 1, 19)).to_be_attached()  # the 20th row is drawn without scrolling


def test_the_last_actions_message_is_in_the_page_not_over_the_table(
    wide: Page, server: Server
) -> None:
    open_article(wide, server, 3)
    press_keys(wide, ["7", "U"], gap_ms=0)
    drained(wide)
    message = wide.get_by_text("Undone: c2 is unreviewed again.")  # opened on c2
    expect(message).to_be_visible()
    expect(wide.get_by_test_id("stToast")).to_have_count(0)
    table = grid(wide)
    table.scroll_into_view_if_needed()
    top, below = message.bounding_box(), table.bounding_box()
    assert top is not None
    assert below is not None
    assert top["y"] + top["height"] <= below["y"]  # above the table, in the page's flow
