"""Pictures of the relevance bands: ``python docs/make_band_screenshots.py``.

Starts the app on a temporary database (as the browser tests do, tests/e2e/server.py) with
Wikipedia off (the demo library alone, as ``python -m bench.demo``), opens the demo article
and saves 1440x1000 screenshots of the focus panel for four claims:

- ``docs/bands-strong.png``: c3, Putin's offer, restated by the library (score 0.53, strong);
- ``docs/bands-related.png``: c16, China urging dialogue (0.26, related);
- ``docs/bands-none.png``: c30, public support in Ukraine: only weak matches, so "No relevant
  evidence in your sources", what was searched, and the button to add a reference;
- ``docs/bands-weak.png``: the same claim with "Show weaker matches" on.

Needs Playwright and Chromium (``apt-get install chromium`` on Debian).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from checks.sources import wikipedia  # noqa: E402
from tests.e2e.review_page import (  # noqa: E402
    ScriptRuns,
    open_demo,
    open_first_visit,
    wait_for_run,
)
from tests.e2e.server import CHROMIUM_ARGS, find_chromium, running_app  # noqa: E402

SHOTS = (("strong", "c3"), ("related", "c16"), ("none", "c30"))


def _focus(runs: ScriptRuns, url: str, claim_id: str) -> None:
    page = runs.page
    with runs.rerun(timeout_ms=60_000):
        page.goto(f"{url}/?article=1&claim={claim_id}")
    expect(page.get_by_text(f"{claim_id} · kind")).to_be_visible()
    wait_for_run(page)
    expect(page.get_by_text("Show weaker matches", exact=True)).to_be_visible()
    page.wait_for_timeout(1_500)  # let the buttons finish drawing


def _save(page: Page, out: Path) -> None:
    wait_for_run(page)
    page.mouse.move(1430, 600)  # park the pointer on the empty right margin
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=out)
    print(f"saved {out}")


def make_screenshots(folder: Path, chromium: str) -> None:
    os.environ[wikipedia.ENV] = "off"  # the demo library alone, as bench.demo measures it
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
        for name, claim_id in SHOTS:
            _focus(runs, server.url, claim_id)
            if name == "none":
                expect(page.get_by_text("No relevant evidence in your sources.")).to_be_visible()
            else:
                expect(page.locator(f".fc-band-{name}").first).to_be_visible()
            _save(page, folder / f"bands-{name}.png")
        with runs.rerun():
            page.get_by_text("Show weaker matches", exact=True).click()
        expect(page.locator(".fc-band-weak").first).to_be_visible()
        _save(page, folder / "bands-weak.png")
        browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print("Chromium not found: apt-get install chromium (Debian)", file=sys.stderr)
        return 1
    make_screenshots(args.out, chromium)
    return 0


if __name__ == "__main__":
    sys.exit(main())
