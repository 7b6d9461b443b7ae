"""Browser helpers for the review table (Streamlit's Glide data grid): find and select cells
through the grid's accessible mirror table, as a user would (click, arrow keys)."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

# Glide data grid geometry: the header is 35 px high, rows are pages/review.ROW_HEIGHT.
HEADER_HEIGHT = 35
ROW_HEIGHT = 66
CLAIM_COLUMN = 1  # "#" is column 0 (the index is hidden); columns are found by their header


def grid(page: Page) -> Locator:
    return page.get_by_test_id("stDataFrame")


def show_top(page: Page) -> None:
    """Scroll the page so the table's header sits just below Streamlit's top bar (the table
    is taller than the window: 20 rows show before it scrolls)."""
    grid(page).evaluate(
        """(table) => {
          table.scrollIntoView({block: "start"});
          let box = table.parentElement;
          while (box && !(box.scrollHeight > box.clientHeight
                          && getComputedStyle(box).overflowY !== "visible")) {
            box = box.parentElement;
          }
          if (box) box.scrollTop -= 80;
        }"""
    )
    page.wait_for_timeout(100)


def cell(page: Page, column: int, row: int) -> Locator:
    """A cell in the grid's accessible mirror table (only cells scrolled into view exist)."""
    return grid(page).get_by_test_id(f"glide-cell-{column}-{row}")


def header(page: Page, name: str) -> Locator:
    return grid(page).locator("th[role=columnheader]").filter(has_text=re.compile(f"^{name}$"))


def column(page: Page, name: str) -> int:
    """The grid column index of the column headed ``name`` (it must be scrolled into view)."""
    index = header(page, name).get_attribute("aria-colindex")
    assert index is not None, f"no column {name!r} in view"
    return int(index) - 1


def table_row(page: Page, row: int) -> tuple[str, str]:
    """(verdict, note) as the grid shows them in ``row``."""
    return (
        cell(page, column(page, "verdict"), row).inner_text(),
        cell(page, column(page, "note"), row).inner_text(),
    )


def select_cell(page: Page, row: int, name: str) -> int:
    """Select the cell of ``row`` in the column headed ``name``, as a user would: click the
    claim cell on the canvas, then walk right with the arrow key. Returns the column index."""
    table = grid(page)
    show_top(page)
    box = table.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 150, box["y"] + HEADER_HEIGHT + ROW_HEIGHT * row + ROW_HEIGHT / 2)
    expect(cell(page, CLAIM_COLUMN, row)).to_have_attribute("aria-selected", "true")
    current = CLAIM_COLUMN
    while header(page, name).count() == 0:  # scroll right until the column is in view
        assert current < 20, f"no column {name!r}"
        page.keyboard.press("ArrowRight")
        current += 1
    target = column(page, name)
    for _ in range(target - current):
        page.keyboard.press("ArrowRight")
    expect(cell(page, target, row)).to_have_attribute("aria-selected", "true")
    return target
