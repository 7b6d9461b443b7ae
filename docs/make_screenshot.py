"""Make the README's picture of the review screen: ``python docs/make_screenshot.py``.

Starts the app on a temporary database (the same way as the browser tests, see
tests/e2e/server.py), opens the demo article, focuses the dateline claim "Moscow, June 15,
2024" (its evidence says 14 June 2024, a date conflict) and saves a 1440x1000 screenshot
of the top of the page: title, progress, toolbar and the focus panel.
Needs Playwright and Chromium (``apt-get install chromium`` on Debian).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.e2e.review_page import (  # noqa: E402
    ScriptRuns,
    claim_picker,
    focused_number,
    open_demo,
    open_first_visit,
)
from tests.e2e.server import CHROMIUM_ARGS, find_chromium, running_app  # noqa: E402

DATELINE = "Moscow, June 15, 2024"


def make_screenshot(out: Path, chromium: str) -> None:
    with (
        tempfile.TemporaryDirectory() as directory,
        running_app(Path(directory) / "workbench.sqlite3") as server,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        page.set_default_timeout(30_000)
        runs = ScriptRuns(page)
        open_first_visit(runs, server.url)
        open_demo(runs)
        picker = claim_picker(page)
        picker.click()
        picker.fill(DATELINE)
        with runs.rerun():
            page.get_by_role("option", name=f"#2 · {DATELINE}").click()
        expect(page).to_have_url(re.compile(r"[?&]claim=c2\b"))
        with runs.rerun():
            page.reload()  # as a returning reviewer sees it: no one-off message, no focus ring
        expect(picker).to_have_value(focused_number(2))
        expect(page.get_by_text("⚠ date").first).to_be_visible()
        # The focus panel comes right after the title, progress bar and toolbar: no scrolling.
        page.mouse.move(1430, 600)  # park the pointer on the empty right margin
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=out)
        browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "review.png")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print("Chromium not found: apt-get install chromium (Debian)", file=sys.stderr)
        return 1
    make_screenshot(args.out, chromium)
    print(f"saved {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
