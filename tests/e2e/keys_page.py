"""Browser helpers for the review page's key queue (ui/keys.js): press keys, wait until
every press has been applied, read the status line."""

from __future__ import annotations

import json

from playwright.sync_api import Locator, Page, expect

STATUS = "#factcheck-keys-status"
DRAIN_MS = 60_000


def status(page: Page) -> Locator:
    """The "N keys waiting…" line (always in the page; hidden when nothing waits)."""
    return page.locator(STATUS)


def press_keys(page: Page, keys: str | list[str], *, gap_ms: int) -> None:
    """Press each key on the page itself (not in a box), ``gap_ms`` apart."""
    for number, key in enumerate(keys):
        if number and gap_ms:
            page.wait_for_timeout(gap_ms)
        page.keyboard.press(key)


def drained(page: Page, *, timeout_ms: int = DRAIN_MS) -> None:
    """Wait until the page holds no waiting press and Streamlit has finished its run.

    For key presses and the buttons the queue takes (verdicts, moves, undo, not relevant):
    the press is waiting from the moment it is made. A widget's own change (a note saved,
    a table cell) is not a press: right after it Streamlit still says "notRunning", so wait
    for its run with ``review_page.ScriptRuns`` instead."""
    expect(status(page)).to_have_attribute("data-pending", "0", timeout=timeout_ms)
    expect(status(page)).to_have_attribute("data-note", "", timeout=timeout_ms)
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=timeout_ms
    )


def ready(page: Page) -> None:
    """Wait until the key handler is on the page (the component has mounted)."""
    page.wait_for_function("() => window.__factCheckKeys && window.__factCheckKeys.active")
    drained(page)


def tab_id(page: Page) -> str:
    return str(page.evaluate("() => window.__factCheckKeys.tab"))


def dispatch_at_once(page: Page, keys: list[str]) -> str:
    """Fire ``keys`` as keydown events in one task (faster than any person types) and
    return the status line's text right after the last one."""
    script = """(keys) => {
      for (const key of keys) {
        document.body.dispatchEvent(new KeyboardEvent("keydown", {key, bubbles: true}));
      }
      return document.querySelector("#factcheck-keys-status").textContent;
    }"""
    return str(page.evaluate(script, keys))


def seed_queue(page: Page, entries: list[dict[str, object]]) -> None:
    """Before the page loads, put ``entries`` in its sessionStorage, as a duplicated tab
    (or a reload) finds the presses its page had not seen confirmed."""
    page.add_init_script(
        f"window.sessionStorage.setItem('factcheck-keys', {json.dumps(json.dumps(entries))});"
    )
