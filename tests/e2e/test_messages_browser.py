"""Issue 12 in a real browser: messages that say what to do (a fetch that fails, a file of
another type than its name says) and the claim edits (split in one box, merge with the
claim before). A server of its own on a database with the demo article (claims c1..c32)."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect

from checks.store import Store
from tests.e2e.desk import demo_app
from tests.e2e.keys_page import drained, ready
from tests.e2e.review_page import ScriptRuns, claim_picker, focused_number, wait_for_run
from tests.e2e.server import Server

pytestmark = pytest.mark.e2e

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(scope="module")
def server(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with demo_app(tmp_path_factory.mktemp("messages") / "workbench.sqlite3") as running:
        yield running


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def alerts(page: Page) -> Locator:
    return page.get_by_test_id("stAlert")


def open_new_article(runs: ScriptRuns, server: Server) -> None:
    runs.page.goto(server.url)
    ready(runs.page)  # the review of the demo article
    with runs.rerun(timeout_ms=60_000):
        nav = runs.page.get_by_test_id("stSidebarNav")
        nav.get_by_role("link", name="New article").click()
    expect(runs.page.get_by_role("heading", name="New article")).to_be_visible()
    wait_for_run(runs.page)


def test_a_fetch_that_fails_says_what_happened_in_words(page: Page, server: Server) -> None:
    runs = ScriptRuns(page)
    open_new_article(runs, server)
    port = closed_port()
    page.get_by_role("tab", name="Fetch a web address").click()
    address = page.get_by_role("textbox", name="Article address")
    address.fill(f"http://127.0.0.1:{port}/story.html")
    with runs.rerun():
        address.press("Enter")
    with runs.rerun():
        page.get_by_role("button", name="Fetch and analyze").click()
    message = alerts(page).filter(has_text="refused the connection")
    expect(message).to_contain_text(
        f"127.0.0.1:{port} refused the connection: the site is down or the address is wrong."
    )
    expect(message).to_contain_text("paste the text")
    main = page.get_by_test_id("stMain")
    assert "Errno" not in main.inner_text()
    assert page.get_by_test_id("stException").count() == 0


def test_a_file_of_another_type_says_what_it_is(page: Page, server: Server) -> None:
    runs = ScriptRuns(page)
    open_new_article(runs, server)
    page.get_by_role("tab", name="Upload a file").click()
    with runs.rerun():
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
            files=[{"name": "fake.pdf", "mimeType": "application/pdf", "buffer": PNG}]
        )
    with runs.rerun():
        page.get_by_role("button", name="Analyze the file").click()
    expect(alerts(page).filter(has_text="fake.pdf is a PNG image, not a PDF")).to_be_visible()
    assert page.get_by_test_id("stException").count() == 0


def texts(server: Server) -> dict[str, str]:
    with Store.open(server.db_path) as store:
        return {row.claim.id: row.claim.text for row in store.review(1).rows}


def test_split_in_one_box_then_merge_with_the_claim_before(page: Page, server: Server) -> None:
    runs = ScriptRuns(page)
    page.goto(f"{server.url}/?article=1&claim=c3")
    ready(page)
    expect(claim_picker(page)).to_have_value(focused_number(3))
    before = texts(server)
    main = page.get_by_test_id("stMain")
    main.get_by_text("Edit claims: fix the text, split, merge, delete").click()
    main.get_by_role("tab", name="Split in two").click()
    box = main.get_by_role("textbox", name="The claim, with")
    sentence = before["c3"]
    cut = sentence.index(" amid ")
    with runs.rerun():
        box.fill(f"{sentence[:cut]} | {sentence[cut + 1 :]}")
        box.press("Control+Enter")
    expect(main.get_by_text(f"new claim: {sentence[cut + 1 :]}")).to_be_visible()
    with runs.rerun():
        main.get_by_role("button", name="Split in two", exact=True).click()
    drained(page)
    after = texts(server)
    assert after["c3"] == sentence[:cut]
    (new,) = set(after) - set(before)
    assert after[new] == sentence[cut + 1 :]
    ids = list(after)
    assert ids[ids.index("c3") + 1] == new

    page.goto(f"{server.url}/?article=1&claim={new}")
    ready(page)
    main.get_by_text("Edit claims: fix the text, split, merge, delete").click()
    main.get_by_role("tab", name="Merge or delete").click()
    with runs.rerun():
        main.get_by_role("button", name=f"Merge c3 + {new} (keeps c3 and its verdict)").click()
    drained(page)
    merged = texts(server)
    assert new not in merged
    assert " ".join(merged["c3"].split()) == " ".join(sentence.split())
    assert page.get_by_test_id("stException").count() == 0
