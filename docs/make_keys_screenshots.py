"""Pictures of the review table at 1280 px and of keys waiting: ``python
docs/make_keys_screenshots.py`` (Playwright and Chromium, as the browser tests).

Starts the app on a temporary database with the demo article, marks a few claims by key,
then saves:

- ``docs/review-table-1280.png``: the table scrolled to its header, 1280x900;
- ``docs/review-keys-waiting.png``: the top of the page right after six fast keys, with the
  server held busy for a moment (the page's queue sends nothing for three seconds, as when
  a run takes long) so the "6 keys waiting…" line is on screen.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from checks.pipeline import analyze  # noqa: E402
from checks.sources.library import LibrarySource, seed_demo_library  # noqa: E402
from checks.store import Store  # noqa: E402
from tests.e2e.keys_page import drained, press_keys, ready  # noqa: E402
from tests.e2e.server import CHROMIUM_ARGS, find_chromium, running_app  # noqa: E402
from tests.e2e.table_page import show_top  # noqa: E402
from tests.long_article import add_long_article  # noqa: E402

DEMO = ROOT / "data" / "ceasefire-proposal-2024.txt"
HOLD = """(keys) => {
  const queue = window.__factCheckKeys;
  queue.awaiting = true;  // as if a run were going on: nothing is sent for a while
  queue.lastSend = Date.now();
  for (const key of keys) {
    document.body.dispatchEvent(new KeyboardEvent("keydown", {key, bubbles: true}));
  }
}"""


def make(out: Path, chromium: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "workbench.sqlite3"
        text = DEMO.read_text(encoding="utf-8")
        with Store.open(path) as store:
            seed_demo_library(store)
            article = store.add_article(title="Putin Proposes Ceasefire (demo)", text=text)
            store.save_analysis(article.id, analyze(text, sources=[LibrarySource(store)]))
        long_id = add_long_article(path, 8_000)
        with running_app(path) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(60_000)
            page.goto(f"{server.url}/?article=1&claim=c2")
            ready(page)
            press_keys(page, ["5", "1", "J", "3", "K"], gap_ms=40)
            drained(page)
            page.mouse.move(1270, 890)
            page.evaluate(HOLD, ["1", "2", "J", "6", "1", "1"])
            page.wait_for_timeout(300)
            page.screenshot(path=out / "review-keys-waiting.png")
            drained(page)
            show_top(page)
            page.mouse.move(1270, 890)
            page.wait_for_timeout(500)
            page.screenshot(path=out / "review-table-1280.png")
            page.goto(f"{server.url}/?article={long_id}")
            ready(page)
            box = page.get_by_role("spinbutton", name="Go to #")
            box.fill("7654")
            box.press("Enter")
            drained(page)
            press_keys(page, ["5"], gap_ms=0)
            drained(page)
            page.get_by_text("Table page").first.scroll_into_view_if_needed()
            page.mouse.move(1270, 890)
            page.wait_for_timeout(500)
            page.screenshot(path=out / "review-8000-claims.png")
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print("Chromium not found: apt-get install chromium (Debian)", file=sys.stderr)
        return 1
    make(args.out, chromium)
    names = ("review-keys-waiting.png", "review-table-1280.png", "review-8000-claims.png")
    print("saved " + ", ".join(str(args.out / name) for name in names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
