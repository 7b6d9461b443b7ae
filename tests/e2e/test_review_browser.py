"""A journalist's session in a real browser: demo, keyboard verdicts, note, table edit,
reload, and the CSV download, checked against the database at the end.

Runs the real server (``streamlit run app.py``) and Chromium; see conftest.py.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from checks.store import Store
from tests.e2e.review_page import (
    DEMO_TITLE,
    NOTE_LABEL,
    ScriptRuns,
    claim_picker,
    focused_number,
    open_demo,
    open_first_visit,
    progress,
)
from tests.e2e.server import Server
from tests.e2e.table_page import cell, select_cell, table_row

pytestmark = pytest.mark.e2e

CLAIMS = 32  # the demo article's sentences but the dateline (metadata of the claim it opens)
NOTE = "Speech was on 14 June – the article says 15 June; “check” the wire copy."
TABLE_ROW = 7  # claim #8, edited in the table, then undone
TABLE_VERDICT = "half true"


def press(page: Page, key: str) -> None:
    """A key press on the page itself (not in a text box): the verdict shortcuts."""
    page.locator("body").press(key)


def reviewed(page: Page, count: int) -> None:
    expect(progress(page)).to_have_text(f"{count} of {CLAIMS} reviewed")


def shot(page: Page, artifacts: Path, name: str) -> None:
    page.screenshot(path=artifacts / f"review-{name}.png")


def test_keyboard_note_table_undo_reload_and_csv(
    page: Page, app_server: Server, artifacts: Path
) -> None:
    runs = ScriptRuns(page)
    open_first_visit(runs, app_server.url)
    shot(page, artifacts, "01-new-article")

    open_demo(runs)
    expect(page.get_by_role("heading", name=DEMO_TITLE)).to_be_visible()
    reviewed(page, 0)
    shot(page, artifacts, "02-demo-opened")

    picker = claim_picker(page)
    with runs.rerun():
        press(page, "K")  # previous claim: #1, the headline (the review opened on #2)
    expect(picker).to_have_value(focused_number(1))
    with runs.rerun():
        press(page, "J")  # next claim: #2, the one the dateline opens
    expect(picker).to_have_value(focused_number(2))
    expect(page).to_have_url(re.compile(r"[?&]claim=c2\b"))

    with runs.rerun():
        press(page, "2")  # mostly true, then on to the next unreviewed claim
    reviewed(page, 1)
    expect(picker).to_have_value(focused_number(3))

    with runs.rerun():
        press(page, "5")  # false
    reviewed(page, 2)
    expect(picker).to_have_value(focused_number(5))  # #4 is a heading: "next unreviewed" skips it

    with runs.rerun():
        press(page, "ArrowLeft")  # back to the heading #4
    expect(picker).to_have_value(focused_number(4))
    with runs.rerun():
        press(page, "ArrowRight")
    expect(picker).to_have_value(focused_number(5))
    with runs.rerun():
        press(page, "3")  # half true
    reviewed(page, 3)
    expect(picker).to_have_value(focused_number(6))
    expect(page.get_by_text("Verdict: unreviewed")).to_be_visible()
    shot(page, artifacts, "03-after-keys")

    # "n" focuses the note; keys typed there are text, never shortcuts.
    press(page, "n")
    note = page.get_by_label(NOTE_LABEL)
    expect(note).to_be_focused()
    page.keyboard.type("1ju5")
    page.wait_for_timeout(500)  # a shortcut would have started a run by now
    expect(note).to_have_value("1ju5")
    reviewed(page, 3)
    expect(picker).to_have_value(focused_number(6))
    note.fill(NOTE)
    with runs.rerun():
        note.press("Control+Enter")
    expect(page.get_by_label(NOTE_LABEL)).to_have_value(NOTE)
    page.keyboard.press("Escape")  # leaves the note box
    expect(page.get_by_label(NOTE_LABEL)).not_to_be_focused()
    shot(page, artifacts, "04-note")

    expect(cell(page, 0, TABLE_ROW)).to_have_text(str(TABLE_ROW + 1))
    verdict_column = select_cell(page, TABLE_ROW, "verdict")
    expect(cell(page, verdict_column, TABLE_ROW)).to_have_text("unreviewed")
    page.keyboard.press("Enter")  # opens the selectbox editor of the cell
    option = page.get_by_role("option", name=TABLE_VERDICT, exact=True)
    expect(option).to_be_visible()
    shot(page, artifacts, "05-table-editor")
    with runs.rerun():
        option.click()
    reviewed(page, 4)
    expect(cell(page, verdict_column, TABLE_ROW)).to_have_text(TABLE_VERDICT)
    shot(page, artifacts, "06-table-edited")
    # In the table, digits and letters edit cells; they never act as page shortcuts.
    select_cell(page, TABLE_ROW - 1, "claim")
    page.keyboard.press("u")
    page.wait_for_timeout(500)
    page.keyboard.press("Escape")
    reviewed(page, 4)

    page.get_by_role("heading", name=DEMO_TITLE).click()  # the focus leaves the table
    with runs.rerun():
        press(page, "u")  # undo the table edit of the claim in row TABLE_ROW
    reviewed(page, 3)
    expect(picker).to_have_value(focused_number(TABLE_ROW + 1))
    shot(page, artifacts, "07-undone")

    with runs.rerun():
        page.reload()
    reviewed(page, 3)
    expect(picker).to_have_value(focused_number(TABLE_ROW + 1))
    select_cell(page, 0, "note")  # brings the verdict and note columns into view
    table_state = {row: table_row(page, row) for row in range(TABLE_ROW + 1)}
    assert table_state == {
        0: ("unreviewed", ""),
        1: ("mostly true", ""),
        2: ("false", ""),
        3: ("unreviewed", ""),
        4: ("half true", ""),
        5: ("unreviewed", NOTE),
        6: ("unreviewed", ""),
        7: ("unreviewed", ""),
    }
    page.keyboard.press("Escape")
    shot(page, artifacts, "08-after-reload")

    expected = {"c2": ("mostly true", ""), "c3": ("false", ""), "c5": ("half true", "")}
    expected["c6"] = ("unreviewed", NOTE)
    table_claim = f"c{TABLE_ROW + 1}"
    with Store.open(app_server.db_path) as store:
        review = store.review(1)
        history = store.history(1)
    saved = {row.claim.id: (row.verdict.label, row.verdict.note) for row in review.rows}
    assert len(saved) == CLAIMS
    assert {k: v for k, v in saved.items() if v != ("unreviewed", "")} == expected
    assert [(h.claim_id, h.label, h.note, h.undoes) for h in history] == [
        ("c2", "mostly true", "", None),
        ("c3", "false", "", None),
        ("c5", "half true", "", None),
        ("c6", "unreviewed", NOTE, None),
        (table_claim, TABLE_VERDICT, "", None),
        (table_claim, "unreviewed", "", 5),
    ]

    page.get_by_role("button", name="Export").click()
    download_button = page.locator(".st-key-download-csv").get_by_role("button")
    expect(download_button).to_be_visible()
    shot(page, artifacts, "09-export")
    with page.expect_download() as download_info:
        download_button.click()
    download = download_info.value
    assert download.suggested_filename == "article-1-verdicts.csv"
    with open(download.path(), encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["claim_id"] for row in rows] == [row.claim.id for row in review.rows]
    exported = {row["claim_id"]: (row["verdict"], row["note"]) for row in rows}
    assert exported == saved
    page.keyboard.press("Escape")

    with runs.rerun():
        page.goto(f"{app_server.url}/articles")
    expect(page.get_by_test_id("stMain").get_by_role("heading", name="Articles")).to_be_visible()
    expect(page.get_by_text(f"{CLAIMS} claims · 3 reviewed")).to_be_visible()
    shot(page, artifacts, "10-articles")
