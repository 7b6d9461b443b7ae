"""A long article on the review page (issue 12): the table draws one page, the Claim box a
window around the focused claim, "Go to #" reaches any claim, and keys keep working."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from checks import paging
from checks.store import Store
from tests.long_article import add_long_article
from tests.test_app import TIMEOUT, button

CLAIMS = 450  # three pages of paging.TABLE_PAGE


@pytest.fixture(autouse=True)
def fresh_resources() -> None:
    st.cache_resource.clear()


def open_long(db_path: Path) -> AppTest:
    article_id = add_long_article(db_path, CLAIMS)
    at = AppTest.from_file(str(Path(__file__).parent.parent / "app.py"), default_timeout=TIMEOUT)
    at.query_params["article"] = str(article_id)
    at.run()
    assert not at.exception, at.exception
    return at


def table(at: AppTest) -> list[int]:
    (frame,) = [d.value for d in at.dataframe if "verdict" in d.value.columns]
    return list(frame["#"])


def test_the_table_draws_one_page_and_the_claim_box_a_window(db_path: Path) -> None:
    at = open_long(db_path)
    assert table(at) == list(range(1, paging.TABLE_PAGE + 1))
    assert at.number_input(key="table-page-1").value == 1
    assert any(c.value == "rows 1–200 of 450" for c in at.caption)
    options = at.selectbox(key="focus-1").options
    assert len(options) == paging.PICKER_WINDOW
    assert options[0].startswith("#1 · The council met 1 times")

    at.number_input(key="table-page-1").set_value(3).run()
    assert table(at) == list(range(401, 451))
    assert at.selectbox(key="focus-1").value == "c1"  # the table's page moves no focus


def test_go_to_a_far_claim_moves_the_focus_the_window_and_the_page(db_path: Path) -> None:
    at = open_long(db_path)
    at.number_input(key="goto-1").set_value(420).run()
    assert not at.exception, at.exception
    assert at.selectbox(key="focus-1").value == "c420"
    assert at.number_input(key="goto-1").value is None  # emptied for the next jump
    options = at.selectbox(key="focus-1").options
    assert len(options) == paging.PICKER_WINDOW
    assert any(option.startswith("#420 · ") for option in options)
    assert table(at) == list(range(401, 451))  # the page of the claim moved to

    button(at, "false").click().run()  # type: ignore[attr-defined]
    assert at.selectbox(key="focus-1").value == "c421"
    with Store.open(db_path) as store:
        labels = {row.claim.id: row.verdict.label for row in store.review(1).rows}
    assert labels["c420"] == "false"
    assert sum(label != "unreviewed" for label in labels.values()) == 1


def test_the_page_follows_a_move_off_it_and_stays_put_otherwise(db_path: Path) -> None:
    at = open_long(db_path)
    at.number_input(key="goto-1").set_value(200).run()
    assert table(at)[0] == 1
    at.number_input(key="table-page-1").set_value(3).run()
    assert table(at)[0] == 401
    button(at, "Next").click().run()  # type: ignore[attr-defined]
    assert at.selectbox(key="focus-1").value == "c201"
    assert table(at)[0] == 201  # c201 is on page 2: the page followed
    button(at, "Next").click().run()  # type: ignore[attr-defined]
    at.number_input(key="table-page-1").set_value(1).run()
    assert table(at)[0] == 1  # moving within nothing: the reviewer's page stays
    at.run()
    assert table(at)[0] == 1


def test_a_filter_that_leaves_one_page_draws_no_page_control(db_path: Path) -> None:
    at = open_long(db_path)
    at.number_input(key="table-page-1").set_value(3).run()
    at.segmented_control(key="show").set_value("has conflict").run()
    assert not at.exception, at.exception
    assert not [n for n in at.number_input if n.key == "table-page-1"]
