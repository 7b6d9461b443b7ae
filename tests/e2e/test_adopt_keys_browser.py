"""A (adopt the checked-before verdict) in the key queue, in a real browser: fast A presses
mixed with verdicts, moves and undo end as the same keys pressed slowly, a reload with an A
waiting applies it once, and a click on the adopt button is a press of the queue too.

Every article here is a copy of ``BRIDGE`` (claims c1..c6, none passed by "next
unreviewed"): c1, c3 and c5 have a published fact-check, c2 only a weak one (not adopted
while "Show weaker matches" is off). A verdict of one copy is the desk's memory, a match for
the same claim of every other copy, so each test undoes its changes at the end (and the
slow run before the fast one starts): every test adopts the fact-checks alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from checks.factchecks.importer import import_bytes
from checks.pipeline import analyze
from checks.store import Store
from tests.e2e.conftest import TIMEOUT_MS, VIEWPORT
from tests.e2e.keys_page import drained, press_keys, ready, seed_queue, status, tab_id
from tests.e2e.review_page import claim_picker, focused_number
from tests.e2e.server import Server, running_app
from tests.factcheck_samples import BRIDGE, BRIDGE_FEED, BRIDGE_LINES, dumps

pytestmark = pytest.mark.e2e

ARTICLES = 4
# "A J A" and "1 K A" among verdicts, moves and an undo; A on claims without a match (c2's
# is weak, c4 has none), twice on one claim, and on a rating that names no verdict (c5).
MIX = [*"aja1kajjauja3ja"]
LINES = BRIDGE_LINES


@pytest.fixture(scope="module")
def server(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path = tmp_path_factory.mktemp("adopt-keys") / "workbench.sqlite3"
    with Store.open(path) as store:
        assert import_bytes(store, dumps(BRIDGE_FEED), name="feed.json").summary() == (
            "4 new, 0 already present, 0 skipped"
        )
        analysis = analyze(BRIDGE, sources=())
        for number in range(1, ARTICLES + 1):
            article = store.add_article(title=f"Bridge {number}", text=BRIDGE)
            store.save_analysis(article.id, analysis)
    with running_app(path) as running:
        yield running


@pytest.fixture
def tab(browser: Browser, server: Server) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    context.close()
    for article_id in range(1, ARTICLES + 1):
        undo_all(server, article_id)


def undo_all(server: Server, article_id: int) -> None:
    """Undo every change of the article: no verdict of it is a match for the others."""
    with Store.open(server.db_path) as store:
        while store.undoable(article_id):
            store.undo(article_id)


def open_article(page: Page, server: Server, article_id: int, claim: str) -> None:
    page.goto(f"{server.url}/?article={article_id}&claim={claim}")
    ready(page)
    expect(claim_picker(page)).to_be_visible()


Step = tuple[str, str, str, bool]


def state(server: Server, article_id: int) -> tuple[dict[str, tuple[str, str]], list[Step]]:
    """(claim -> (label, note) of the changed claims, history as (claim, label, note, undo))."""
    with Store.open(server.db_path) as store:
        rows = store.review(article_id).rows
        steps = [(h.claim_id, h.label, h.note, h.undoes is not None)
                 for h in store.history(article_id)]  # fmt: skip
    verdicts = {
        row.claim.id: (row.verdict.label, row.verdict.note)
        for row in rows
        if (row.verdict.label, row.verdict.note) != ("unreviewed", "")
    }
    return verdicts, steps


def focused(page: Page) -> int:
    value = claim_picker(page).input_value()
    match = re.match(r"^#(\d+) · ", value)
    assert match, value
    return int(match.group(1))


def hold(page: Page) -> None:
    """Make the page's queue wait, as while a long run goes on (see release)."""
    page.evaluate(
        "() => { const q = window.__factCheckKeys; q.awaiting = true;"
        " q.lastSend = Date.now() + 60000; }"
    )


def release(page: Page) -> None:
    page.evaluate(
        "() => { const q = window.__factCheckKeys; q.awaiting = false; q.lastSend = 0;"
        " q.flush(true); }"
    )


def no_exception(page: Page) -> None:
    assert page.get_by_test_id("stException").count() == 0


def test_a_fast_mix_with_a_ends_as_the_same_keys_pressed_slowly(tab: Page, server: Server) -> None:
    open_article(tab, server, 1, "c1")
    for key in MIX:  # slowly: each key after the page has caught up
        press_keys(tab, [key], gap_ms=0)
        drained(tab)
    slow = (*state(server, 1), focused(tab))
    undo_all(server, 1)

    open_article(tab, server, 2, "c1")
    press_keys(tab, MIX, gap_ms=50)
    drained(tab)
    fast = (*state(server, 2), focused(tab))
    no_exception(tab)
    assert fast == slow
    # Written out, so that "both equally wrong" fails too.
    verdicts, steps, place = slow
    assert verdicts == {
        "c1": ("false", LINES["c1"]),
        "c3": ("half true", LINES["c3"]),
        "c5": ("unreviewed", LINES["c5"]),
    }
    assert steps == [
        ("c1", "false", LINES["c1"], False),  # a (on c1, stays there), j
        ("c2", "true", "", False),  # a on c2 (weak only: nothing), 1, k, a (nothing), j, j
        ("c2", "unreviewed", "", True),  # a on c4 (no match), u
        ("c3", "mostly true", LINES["c3"], False),  # j, a
        ("c3", "half true", LINES["c3"], False),  # 3, on to c4, j
        ("c5", "unreviewed", LINES["c5"], False),  # a: the note only
    ]
    assert place == 5
    expect(tab.get_by_test_id("stMain").get_by_text("Adopted the note for c5")).to_be_visible()


def test_a_reload_with_an_a_waiting_adopts_it_once(
    browser: Browser, tab: Page, server: Server
) -> None:
    open_article(tab, server, 3, "c1")
    hold(tab)  # the page sends nothing: the presses wait, as on a busy server
    press_keys(tab, [*"ajja"], gap_ms=20)
    expect(status(tab)).to_have_attribute("data-pending", "4")
    waiting = json.loads(tab.evaluate("() => window.sessionStorage.getItem('factcheck-keys')"))
    assert [entry["op"] for entry in waiting] == ["adopt", "move", "move", "adopt"]
    tab.reload()  # the new page sends the presses the old one held
    ready(tab)
    expected = [
        ("c1", "false", LINES["c1"], False),
        ("c3", "mostly true", LINES["c3"], False),
    ]
    assert state(server, 3)[1] == expected
    expect(claim_picker(tab)).to_have_value(focused_number(3))
    # The same presses once more, as a duplicated tab's copy of the sessionStorage holds them.
    context = browser.new_context(viewport=VIEWPORT)
    twin = context.new_page()
    seed_queue(twin, waiting)
    open_article(twin, server, 3, "c6")
    drained(twin)
    assert state(server, 3)[1] == expected
    context.close()
    no_exception(tab)


def test_a_click_on_the_adopt_button_waits_in_the_queue_like_a_key(
    tab: Page, server: Server
) -> None:
    open_article(tab, server, 4, "c3")
    main = tab.get_by_test_id("stMain")
    button = main.get_by_role("button", name=re.compile(r"Adopt the best match's verdict"))
    expect(button).to_have_text(re.compile(r"\(mostly true\)"))
    hold(tab)
    button.click()
    press_keys(tab, ["j", "a", "k"], gap_ms=20)  # c4 has no match; back to c3
    expect(status(tab)).to_have_attribute("data-pending", "4")  # the click is press 1
    release(tab)
    drained(tab)
    assert state(server, 4)[1] == [("c3", "mostly true", LINES["c3"], False)]
    with Store.open(server.db_path) as store:
        receipt = store.key_receipt(tab_id(tab), 1)
    assert receipt is not None
    assert receipt.focus == "c3"
    expect(claim_picker(tab)).to_have_value(focused_number(3))
    no_exception(tab)
