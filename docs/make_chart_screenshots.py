"""Pictures of the charts and of the question before a very long article is analysed:

    python docs/make_chart_screenshots.py

Starts the app (as the browser tests do, tests/e2e/server.py) with Wikipedia off on a
database seeded with the browser tests' desk (tests/e2e/desk.py: the demo article twice, a
hostile title, verdicts over eight days, one undone) and saves 1440x1000 screenshots:

- ``docs/charts-review.png``: the review page, its chart under the progress bar;
- ``docs/charts-articles.png``: the Articles page's two charts (the whole page);
- ``docs/long-article.png``: New article after pasting the demo article 64 times
  (about 2,048 claims): the question before the analysis (on a second, empty database).

Needs Playwright and Chromium (``apt-get install chromium`` on Debian).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from checks.sources import wikipedia  # noqa: E402
from tests.e2e.desk import seed_desk  # noqa: E402
from tests.e2e.review_page import ScriptRuns, wait_for_run  # noqa: E402
from tests.e2e.server import CHROMIUM_ARGS, find_chromium, running_app  # noqa: E402

LONG = "\n\n".join([(ROOT / "data" / "ceasefire-proposal-2024.txt").read_text("utf-8")] * 64)


def _open(runs: ScriptRuns, url: str) -> None:
    with runs.rerun(timeout_ms=60_000):
        runs.page.goto(url)
    sidebar = runs.page.get_by_test_id("stSidebarUserContent")
    expect(sidebar.get_by_text("Articles", exact=True)).to_be_visible()
    wait_for_run(runs.page)


def _save(page: Page, out: Path, *, full_page: bool = False) -> None:
    wait_for_run(page)
    page.wait_for_timeout(1_500)  # let the charts finish drawing
    page.mouse.move(1430, 990)  # park the pointer where no tooltip opens
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=out, full_page=full_page)
    print(f"saved {out}")


def make_screenshots(folder: Path, chromium: str) -> None:
    os.environ[wikipedia.ENV] = "off"
    with tempfile.TemporaryDirectory() as directory, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        desk = Path(directory) / "desk.sqlite3"
        seed_desk(desk, first_day=date(2026, 11, 20))
        with running_app(desk) as server:
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            runs = ScriptRuns(page)
            _open(runs, f"{server.url}/?article=1&claim=c13")
            expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible()
            _save(page, folder / "charts-review.png")
            with runs.rerun():
                page.get_by_test_id("stSidebarNav").get_by_role("link", name="Articles").click()
            expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(2)
            _save(page, folder / "charts-articles.png", full_page=True)
        with running_app(Path(directory) / "empty.sqlite3") as server:
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            runs = ScriptRuns(page)
            _open(runs, server.url)
            page.get_by_label("Article text").fill(LONG)
            with runs.rerun():
                page.get_by_role("button", name="Analyze", exact=True).click()
            expect(page.get_by_role("button", name="Analyse all 2,048 claims")).to_be_visible()
            _save(page, folder / "long-article.png")
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    chromium = find_chromium()
    if chromium is None:
        print("Chromium not found: apt-get install chromium", file=sys.stderr)
        return 1
    make_screenshots(args.out, chromium)
    return 0


if __name__ == "__main__":
    sys.exit(main())
