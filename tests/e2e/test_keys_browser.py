"""No key press lost: fast keys in a real browser, each applied once and in order.

Each test opens its own copy of one article (the demo article and its body again: the same
63 claims c1..c63 in every copy) in a server of this module, presses keys as a fast
reviewer does, waits until the page says no key waits, and checks the database. The review
opens on c2 (the first check-worthy claim), and a verdict moves on to the next unreviewed
claim that is checkable: headings and opinions (c1, c4, c7, c11, ...) are passed by.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from checks import relevance
from checks.pipeline import analyze
from checks.sources.library import LibrarySource, seed_demo_library
from checks.store import Store
from tests.e2e.conftest import TIMEOUT_MS, VIEWPORT
from tests.e2e.keys_page import (
    dispatch_at_once,
    drained,
    press_keys,
    ready,
    seed_queue,
    status,
    tab_id,
)
from tests.e2e.review_page import NOTE_LABEL, ScriptRuns, claim_picker, focused_number
from tests.e2e.server import ROOT, Server, running_app

pytestmark = pytest.mark.e2e

DEMO = (ROOT / "data" / "ceasefire-proposal-2024.txt").read_text(encoding="utf-8")
TEXT = DEMO + "\n\n" + DEMO.split("\n", 1)[1]  # the body twice: more than 20 claims to mark
ARTICLES = 12  # one fresh copy per test
CLAIMS = 63
CHECKABLE = [  # the claims "next unreviewed" goes to, in order (no heading, no opinion)
    "c2", "c3", "c5", "c6", "c8", "c9", "c10", "c12", "c13", "c14", "c15", "c16", "c18",
    "c19", "c24", "c27", "c28", "c29", "c33", "c34", "c36",
]  # fmt: skip
# 1-7, J/K and U, with undo after undo and moves at both ends of a verdict run.
MIX = [*"12J3KU45UU6J7JK1U2", "ArrowRight", "3", "ArrowLeft", "U", "7", "5"]


@pytest.fixture(scope="module")
def server(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path = tmp_path_factory.mktemp("keys") / "workbench.sqlite3"
    with Store.open(path) as store:
        seed_demo_library(store)
        analysis = analyze(TEXT, sources=[LibrarySource(store)])
        assert len(analysis.claims) == CLAIMS
        for number in range(1, ARTICLES + 1):
            article = store.add_article(title=f"Keys {number}", text=TEXT)
            store.save_analysis(article.id, analysis)
    with running_app(path) as running:
        yield running


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    context.close()


def hold(page: Page) -> None:
    """Make the page's queue wait (as while a long run goes on) until Streamlit runs next
    (here: the pick's own run), at most 13 s."""
    page.evaluate(
        "() => { const q = window.__factCheckKeys; q.awaiting = true;"
        " q.lastSend = Date.now() + 10000; }"
    )


def open_article(page: Page, server: Server, article_id: int, claim: str = "") -> None:
    page.goto(f"{server.url}/?article={article_id}" + (f"&claim={claim}" if claim else ""))
    ready(page)
    expect(claim_picker(page)).to_be_visible()


def verdicts(server: Server, article_id: int) -> dict[str, str]:
    with Store.open(server.db_path) as store:
        return {row.claim.id: row.verdict.label for row in store.review(article_id).rows}


def history(server: Server, article_id: int) -> list[tuple[str, str, bool]]:
    with Store.open(server.db_path) as store:
        return [(h.claim_id, h.label, h.undoes is not None) for h in store.history(article_id)]


def focused(page: Page) -> int:
    value = claim_picker(page).input_value()
    match = re.match(r"^#(\d+) · ", value)
    assert match, value
    return int(match.group(1))


def no_exception(page: Page) -> None:
    assert page.get_by_test_id("stException").count() == 0


@pytest.mark.parametrize(
    ("gap_ms", "article"), [(50, 1), (250, 11)]
)  # 250 ms: many keys land while a run draws the page (the Claim box lags behind)
def test_twenty_verdict_keys_mark_twenty_claims_in_order(
    tab: Page, server: Server, gap_ms: int, article: int
) -> None:
    open_article(tab, server, article)
    expect(claim_picker(tab)).to_have_value(focused_number(2))
    press_keys(tab, ["1"] * 20, gap_ms=gap_ms)
    drained(tab)
    no_exception(tab)
    assert history(server, article) == [(claim, "true", False) for claim in CHECKABLE[:20]]
    expect(tab.get_by_test_id("stMain").get_by_text("20 of 63 reviewed")).to_be_visible()
    expect(claim_picker(tab)).to_have_value(focused_number(36))


def test_a_fast_mix_ends_as_the_same_keys_pressed_slowly(tab: Page, server: Server) -> None:
    open_article(tab, server, 2)
    for key in MIX:  # slowly: each key after the page has caught up
        press_keys(tab, [key], gap_ms=0)
        drained(tab)
    slow = (verdicts(server, 2), history(server, 2), focused(tab))

    open_article(tab, server, 3)
    press_keys(tab, MIX, gap_ms=30)
    drained(tab)
    fast = (verdicts(server, 3), history(server, 3), focused(tab))
    no_exception(tab)
    assert fast == slow
    # Written out, so that "both equally wrong" fails too.
    labels, steps, place = slow
    assert {k: v for k, v in labels.items() if v != "unreviewed"} == {
        "c2": "true", "c3": "mostly true", "c6": "unproven", "c9": "not checkable",
        "c10": "mostly true", "c13": "not checkable", "c14": "false",
    }  # fmt: skip
    assert [(claim, label) for claim, label, undone in steps if undone] == [
        ("c6", "unreviewed"), ("c8", "unreviewed"), ("c6", "unreviewed"),
        ("c10", "unreviewed"), ("c13", "unreviewed"),
    ]  # fmt: skip
    assert len(steps) == 17
    assert place == 15


def test_keys_fired_in_one_go_wait_visibly_then_all_apply(tab: Page, server: Server) -> None:
    open_article(tab, server, 4)
    shown = dispatch_at_once(tab, ["1", "2", "3", "4", "5"])
    assert re.fullmatch(r"[1-5] keys? waiting…", shown), shown
    drained(tab)
    expect(status(tab)).to_be_hidden()
    assert history(server, 4) == [
        ("c2", "true", False),
        ("c3", "mostly true", False),
        ("c5", "half true", False),
        ("c6", "mostly false", False),
        ("c8", "false", False),
    ]


def test_a_reload_with_keys_waiting_applies_each_once(tab: Page, server: Server) -> None:
    open_article(tab, server, 5)
    press_keys(tab, ["1"] * 8, gap_ms=20)
    tab.reload()  # some presses are applied, some sent, some only in sessionStorage
    ready(tab)
    press_keys(tab, ["2", "2"], gap_ms=20)
    drained(tab)
    assert history(server, 5) == [
        *((claim, "true", False) for claim in CHECKABLE[:8]),
        ("c13", "mostly true", False),
        ("c14", "mostly true", False),
    ]
    expect(claim_picker(tab)).to_have_value(focused_number(15))


def test_a_duplicated_tab_never_applies_a_key_again(
    browser: Browser, tab: Page, server: Server
) -> None:
    open_article(tab, server, 6)
    press_keys(tab, ["3", "3", "J", "3"], gap_ms=30)
    drained(tab)
    before = history(server, 6)
    # c2, c3, then J from c5 to c6, then on to c8 (c7 is a heading)
    assert before == [("c2", "half true", False), ("c3", "half true", False),
                      ("c6", "half true", False)]  # fmt: skip
    # The same presses, as the copy of the tab's sessionStorage a duplicated tab starts with.
    sent = [
        {"tab": tab_id(tab), "seq": seq, "article": 6, "op": op, "label": label,
         "step": step, "anchor": "c2" if seq == 1 else None, "anchorPosition": None,
         "shown": 2}
        for seq, op, label, step in [(1, "verdict", "half true", 0), (2, "verdict", "half true", 0),
                                     (3, "move", "", 1), (4, "verdict", "half true", 0)]
    ]  # fmt: skip
    context = browser.new_context(viewport=VIEWPORT)
    twin = context.new_page()
    seed_queue(twin, sent)
    open_article(twin, server, 6)
    drained(twin)
    assert history(server, 6) == before
    press_keys(twin, ["4"], gap_ms=0)  # the twin's own keys still apply
    drained(twin)
    assert history(server, 6) == [*before, ("c8", "mostly false", False)]
    context.close()


def test_n_after_fast_keys_opens_the_note_of_the_claim_they_lead_to(
    tab: Page, server: Server
) -> None:
    runs = ScriptRuns(tab)
    open_article(tab, server, 7)
    press_keys(tab, ["1", "1", "n", *"wire copy"], gap_ms=15)
    drained(tab)
    note = tab.get_by_label(NOTE_LABEL)
    expect(note).to_be_focused()
    expect(note).to_have_value("wire copy")
    expect(claim_picker(tab)).to_have_value(focused_number(5))
    assert history(server, 7) == [("c2", "true", False), ("c3", "true", False)]
    with runs.rerun():  # a widget's own run: not a key press, so wait for the run itself
        note.press("Control+Enter")
    with Store.open(server.db_path) as store:
        saved = {row.claim.id: row.verdict.note for row in store.review(7).rows}
    assert (saved["c3"], saved["c5"]) == ("", "wire copy")


def test_fast_clicks_on_the_verdict_buttons_are_kept_too(tab: Page, server: Server) -> None:
    open_article(tab, server, 8)
    main = tab.get_by_test_id("stMain")
    for label in ("false", "false", "unproven", "false"):
        # .first: while a run draws the page, Streamlit shows a stale copy of the button too
        main.get_by_role("button", name=re.compile(rf"^{label}\b")).first.click(delay=0)
    main.get_by_role("button", name=re.compile(r"^Next\b")).first.click()
    drained(tab)
    assert history(server, 8) == [
        ("c2", "false", False),
        ("c3", "false", False),
        ("c5", "unproven", False),
        ("c6", "false", False),
    ]
    expect(claim_picker(tab)).to_have_value(focused_number(9))  # c8, then Next
    no_exception(tab)


def test_x_and_the_not_relevant_button_take_passages_out_and_u_brings_one_back(
    tab: Page, server: Server
) -> None:
    open_article(tab, server, 9, claim="c5")
    with Store.open(server.db_path) as store:
        ranks = [e.rank for e in relevance.shown(store.review(9).rows[4].evidence)]
    assert len(ranks) >= 3
    press_keys(tab, ["x", "x", "u"], gap_ms=20)  # the first two passages out, the 2nd back
    drained(tab)
    main = tab.get_by_test_id("stMain")
    main.locator(f".st-key-dismiss-{ranks[2]}").get_by_role("button").click()
    drained(tab)
    with Store.open(server.db_path) as store:
        row = store.review(9).rows[4]
        actions = [(h.claim_id, h.action) for h in store.history(9)]
    assert [e.rank for e in row.dismissed] == [ranks[0], ranks[2]]
    assert [e.rank for e in row.evidence] == [ranks[1], *ranks[3:]]
    assert actions == [
        ("c5", "not relevant"), ("c5", "not relevant"), ("c5", "relevant again"),
        ("c5", "not relevant"),
    ]  # fmt: skip
    expect(main.get_by_text("2 passages marked not relevant for this claim")).to_be_visible()
    expect(claim_picker(tab)).to_have_value(focused_number(5))


def test_a_key_after_a_claim_picked_by_hand_acts_on_that_claim(tab: Page, server: Server) -> None:
    open_article(tab, server, 10)
    hold(tab)  # the page sends nothing for 3 s: the two keys wait, as on a busy server
    press_keys(tab, ["1", "1"], gap_ms=20)
    expect(status(tab)).to_have_attribute("data-pending", "2")
    picker = claim_picker(tab)
    picker.click()
    tab.get_by_role("option", name=re.compile(r"^#10 · ")).click()
    tab.get_by_role("heading", name="Keys 10").first.click()  # out of the box: keys act again
    press_keys(tab, ["2"], gap_ms=0)
    drained(tab)
    assert history(server, 10) == [
        ("c2", "true", False), ("c3", "true", False), ("c10", "mostly true", False),
    ]  # fmt: skip
    expect(picker).to_have_value(focused_number(12))


def test_a_claim_box_lagging_behind_is_no_pick(tab: Page, server: Server) -> None:
    """While a run draws the page, the Claim box can still show the claim before the one
    the page's key handler was told (the bench lost 2 of 20 keys 300 ms apart that way):
    a key then acts on the claim the server focused, not on what the box shows."""
    open_article(tab, server, 12)
    expect(claim_picker(tab)).to_have_value(focused_number(2))
    claim_picker(tab).evaluate("box => { box.value = '#1 · a moment behind'; }")
    press_keys(tab, ["1"], gap_ms=0)
    drained(tab)
    assert history(server, 12) == [("c2", "true", False)]
