"""Verdict keys in a real browser: how long one key takes, and how many keys per second are
kept when a reviewer types fast (``python -m bench.review_rerun --browser``).

Starts the real app (``streamlit run``, as the e2e tests do) on a database with copies of
one article (matched against the demo library) and drives headless Chromium:

- one key at a time: "1" pressed on a settled page, timed until the page holds no waiting
  key and Streamlit has finished the run (what the reviewer waits for);
- bursts: 20 "1" presses at a fixed interval on a fresh copy of the article, timed from the
  first press until the page has caught up; the history then shows how many were saved.

The same bursts run with the page's key queue switched off (``window.__factCheckKeysOff``):
Streamlit's own button shortcuts, as before issue 12, the baseline of the same run.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from bench.review_rerun import percentile
from checks.pipeline import analyze
from checks.sources.library import LibrarySource, seed_demo_library
from checks.store import Store
from tests.e2e.keys_page import drained, ready
from tests.e2e.server import CHROMIUM_ARGS, find_chromium, running_app

INTERVALS = (300, 100, 50, 20)  # ms between two presses of a burst
BURST = 20
SINGLE = 30
SETTLED_S = 1.5  # the baseline has no queue to watch: quiet this long means done


def _build(path: Path, text: str, copies: int) -> int:
    with Store.open(path) as store:
        seed_demo_library(store)
        analysis = analyze(text, sources=[LibrarySource(store)])
        for number in range(copies):
            article = store.add_article(title=f"Keys bench {number + 1}", text=text)
            store.save_analysis(article.id, analysis)
        return len(analysis.claims)


def _saved(path: Path, article_id: int) -> int:
    with Store.open(path) as store:
        return len(store.history(article_id))


def _settled(page: Page) -> None:
    """Wait until Streamlit has not run for SETTLED_S seconds."""
    quiet_since = time.monotonic()
    while time.monotonic() - quiet_since < SETTLED_S:
        state = page.get_by_test_id("stApp").get_attribute("data-test-script-state")
        if state != "notRunning":
            quiet_since = time.monotonic()
        page.wait_for_timeout(50)


def _open(page: Page, url: str, article_id: int, *, queue: bool) -> None:
    page.goto(f"{url}/?article={article_id}")
    ready(page)
    page.evaluate(f"window.__factCheckKeysOff = {'false' if queue else 'true'}")


CAUGHT_UP = """() => {
  const status = document.querySelector("#factcheck-keys-status");
  const app = document.querySelector('[data-testid="stApp"]');
  return status.dataset.pending === "0" && app.dataset.testScriptState === "notRunning";
}"""


def _caught_up(page: Page) -> None:
    """Wait, checking every animation frame, until no key waits and no run is going on
    (expect() polls at 100-1000 ms steps, too coarse to time with)."""
    page.wait_for_function(CAUGHT_UP, polling="raf", timeout=120_000)


PROBE = """() => {
  // The page's key handler stops the keydown it takes, so the press is timed from the
  // moment the status line counts it as waiting (the same task as the keydown).
  const probe = window.__keyProbe = {down: 0, saved: 0, done: 0};
  const status = document.querySelector("#factcheck-keys-status");
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => {
    const waiting = status.dataset.pending !== "0";
    if (waiting && !probe.down) probe.down = performance.now();
    if (!waiting && probe.down && !probe.saved) probe.saved = performance.now();
  }).observe(status, {attributes: true, attributeFilter: ["data-pending"]});
  new MutationObserver(() => {
    if (probe.saved && app.dataset.testScriptState === "notRunning") probe.done = performance.now();
  }).observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
}"""
RESET_PROBE = "() => { Object.assign(window.__keyProbe, {down: 0, saved: 0, done: 0}); }"
READ_PROBE = (
    "() => [window.__keyProbe.saved - window.__keyProbe.down,"
    " window.__keyProbe.done - window.__keyProbe.down]"
)


def _single(page: Page) -> tuple[list[float], list[float], list[float]]:
    """Per key: (pressed to caught up as Python sees it, and in the page's own clock:
    the press counted to the press confirmed by the server, and to the end of that run)."""
    times, saved, done = [], [], []
    page.evaluate(PROBE)
    for _ in range(SINGLE):
        page.evaluate(RESET_PROBE)
        started = time.perf_counter()
        page.keyboard.press("1")
        _caught_up(page)
        times.append((time.perf_counter() - started) * 1000)
        drained(page)
        page.wait_for_timeout(100)  # the run's last mutation is in
        confirmed, finished = page.evaluate(READ_PROBE)
        saved.append(float(confirmed))
        done.append(float(finished))
    return times, saved, done


def _burst(
    page: Page, path: Path, article_id: int, interval: int, *, queue: bool
) -> tuple[int, float]:
    """(saved, seconds from the first press until caught up) for BURST presses."""
    before = _saved(path, article_id)
    started = time.perf_counter()
    for number in range(BURST):
        if number:
            page.wait_for_timeout(interval)
        page.keyboard.press("1")
    if queue:
        _caught_up(page)
    else:
        _settled(page)
    elapsed = time.perf_counter() - started - (SETTLED_S if not queue else 0.0)
    return _saved(path, article_id) - before, elapsed


def run(folder: Path, *, text: str) -> int:
    chromium = find_chromium()
    if chromium is None:
        print("Chromium not found: the browser part is skipped (apt-get install chromium)")
        return 1
    path = folder / "keys.sqlite3"
    copies = 1 + 2 * len(INTERVALS)
    claims = _build(path, text, copies)
    rows: list[tuple[str, int, int, float, float]] = []
    with running_app(path) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(120_000)
        _open(page, server.url, 1, queue=True)
        single_runs = _single(page)
        article = 2
        for queue in (False, True):
            for interval in INTERVALS:
                _open(page, server.url, article, queue=queue)
                saved, seconds = _burst(page, path, article, interval, queue=queue)
                name = "key queue" if queue else "Streamlit shortcuts (before)"
                rows.append((name, interval, saved, seconds, saved / seconds))
                article += 1
        browser.close()
    print(f"\nVerdict keys in Chromium, {claims} claims (ms)\n")
    print("| step | median | p95 | max |")
    print("|---|---|---|---|")
    single, confirmed_ms, finished_ms = single_runs
    for name, values in (
        (f"one key, pressed to caught up ({SINGLE} keys; Playwright's clock)", single),
        ("  in the page: press to the press confirmed (verdict shown)", confirmed_ms),
        ("  in the page: press to the end of that run", finished_ms),
    ):
        print(
            f"| {name} | {statistics.median(values):.0f} | {percentile(values, 0.95):.0f} |"
            f" {max(values):.0f} |"
        )
    print(f"\nBursts of {BURST} verdict keys\n")
    print("| keys handled by | ms between keys | saved | lost | s to catch up | saved keys/s |")
    print("|---|---|---|---|---|---|")
    for name, interval, saved, seconds, rate in rows:
        print(f"| {name} | {interval} | {saved} | {BURST - saved} | {seconds:.2f} | {rate:.1f} |")
    return 0
