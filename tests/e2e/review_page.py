"""Browser helpers for the app's screens, shared by the e2e tests and docs/make_screenshot.py."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager

from google.protobuf.message import DecodeError
from playwright.sync_api import Locator, Page, WebSocket, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

DEMO_TITLE = "Putin Proposes Ceasefire (demo)"
NOTE_LABEL = "Note (saved when you leave the box or press Ctrl+Enter)"
PROGRESS = re.compile(r"^\d+ of \d+ reviewed$")


def wait_for_run(page: Page) -> None:
    """Wait until Streamlit has no script run in progress."""
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-script-state", "notRunning")


class ScriptRuns:
    """Counts the script runs the server reports finished to this page (over its websocket).

    Waiting for the run itself, not only for a visible change, matters: during a run the
    page holds stale copies of elements (two "Claim" boxes for a moment), and the focus
    panel's buttons still belong to the previous claim, so a key pressed then acts on the
    previous claim. Create it before the page opens the app.
    """

    def __init__(self, page: Page) -> None:
        self.page = page
        self.finished = 0
        page.on("websocket", self._watch)

    def _watch(self, socket: WebSocket) -> None:
        socket.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        if isinstance(payload, str):
            return
        try:
            message = ForwardMsg.FromString(payload)
        except DecodeError:
            return
        if (
            message.WhichOneof("type") == "script_finished"
            and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
        ):
            self.finished += 1

    @contextmanager
    def rerun(self, *, timeout_ms: float = 30_000) -> Iterator[None]:
        """Wrap an action that makes Streamlit rerun; wait until that rerun has finished."""
        before = self.finished
        yield
        deadline = time.monotonic() + timeout_ms / 1000
        while self.finished == before:
            if time.monotonic() > deadline:
                raise AssertionError(f"no Streamlit script run finished in {timeout_ms} ms")
            self.page.wait_for_timeout(50)  # lets Playwright deliver the websocket events
        wait_for_run(self.page)


def progress(page: Page) -> Locator:
    """The "N of M reviewed" text above the focus panel."""
    return page.get_by_test_id("stMain").get_by_text(PROGRESS)


def claim_picker(page: Page) -> Locator:
    """The focused-claim selectbox; its value is "#<n> · <claim text>"."""
    return page.get_by_role("combobox", name="Claim")


def focused_number(number: int) -> re.Pattern[str]:
    return re.compile(rf"^#{number} · ")


def open_first_visit(runs: ScriptRuns, url: str) -> None:
    """A new database opens on New article, with the demo text already in the box."""
    page = runs.page
    with runs.rerun():
        page.goto(url)
    expect(page.get_by_role("heading", name="New article")).to_be_visible()
    expect(page.get_by_label("Article text")).to_have_value(re.compile(r"^Putin Proposes"))
    wait_for_run(page)


def open_demo(runs: ScriptRuns) -> None:
    """Press "Open the demo article" and wait for its review screen, focused on the first
    check-worthy claim (#2, the dateline; #1 is the headline)."""
    page = runs.page
    with runs.rerun(timeout_ms=60_000):
        page.get_by_role("button", name="Open the demo article").click()
    expect(page.get_by_role("heading", name=DEMO_TITLE)).to_be_visible(timeout=60_000)
    expect(claim_picker(page)).to_have_value(focused_number(2))
    wait_for_run(page)
