"""Real-browser fixtures: the app served by ``streamlit run`` on a temp database, and Chromium.

The server and the browser are started once per session; each test gets a fresh page.
Without Chromium the tests are skipped, except under CI (``$CI`` set), where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect, sync_playwright

from tests.e2e.server import CHROMIUM_ARGS, ROOT, Server, find_chromium, running_app

ARTIFACTS = ROOT / "test-artifacts"
VIEWPORT: ViewportSize = {"width": 1440, "height": 1000}
TIMEOUT_MS = 20_000

expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        message = "Chromium not found: apt-get install chromium (Debian) to run the browser tests"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (CI is set, so the browser tests must run)")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def app_server(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app on a free port with $CHECKS_DB in a temp directory; stopped at the end."""
    directory = tmp_path_factory.mktemp("e2e-app")
    with running_app(directory / "workbench.sqlite3") as server:
        yield server


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Remember each phase's report on the test item, for the failure screenshot below."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser tab; on failure its last screen is saved as test-artifacts/failed-*.png."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"failed-{request.node.name}.png")
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (git-ignored): test-artifacts/ at the repository root."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
