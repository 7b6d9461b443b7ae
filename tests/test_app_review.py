"""The review loop of issue 5 driven by AppTest: undo, claim edits, filters, Articles page."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from checks.store import Store
from tests.test_app import button, open_demo, start


@pytest.fixture(autouse=True)
def fresh_resources() -> None:
    st.cache_resource.clear()


def saved(db_path: Path) -> dict[str, str]:
    with Store.open(db_path) as store:
        rows = store.review(1).rows
    return {row.claim.id: row.verdict.label for row in rows if row.verdict.label != "unreviewed"}


def test_undo_button_reverts_the_last_verdict_and_focuses_its_claim(db_path: Path) -> None:
    at = open_demo()
    at.selectbox(key="focus-1").select("c3").run()
    button(at, "false").click().run()  # type: ignore[attr-defined]
    assert at.selectbox(key="focus-1").value == "c5"  # c4 is a heading: skipped
    assert saved(db_path) == {"c3": "false"}
    button(at, "Undo").click().run()  # type: ignore[attr-defined]
    assert not at.exception
    assert saved(db_path) == {}
    assert at.selectbox(key="focus-1").value == "c3"
    assert any("Undone: c3" in t.value for t in at.toast)


def test_bulk_action_is_undone_as_one(db_path: Path) -> None:
    at = open_demo()
    button(at, "Mark headings, questions and opinions not checkable").click().run()  # type: ignore[attr-defined]
    assert saved(db_path)
    button(at, "Undo").click().run()  # type: ignore[attr-defined]
    assert saved(db_path) == {}


def test_split_a_claim_from_the_panel(db_path: Path) -> None:
    at = open_demo()
    at.selectbox(key="focus-1").select("c3").run()
    at.text_area(key="edit-1-c3-first").input("Putin has offered a ceasefire to Ukraine.")
    at.text_area(key="edit-1-c3-second").input("Ukraine must abandon its NATO bid.")
    button(at, "Split in two").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    with Store.open(db_path) as store:
        rows = store.review(1).rows
        edits = store.claim_edits(1)
    ids = [row.claim.id for row in rows]
    assert ids[ids.index("c3") + 1] == "c33"  # 32 claims: the dateline is no claim
    texts = {row.claim.id: row.claim.text for row in rows}
    assert texts["c33"] == "Ukraine must abandon its NATO bid."
    assert [e.action for e in edits] == ["split"]
    assert any(
        option.startswith("#4 · Ukraine must") for option in at.selectbox(key="focus-1").options
    )


def test_delete_a_claim_needs_the_confirmation(db_path: Path) -> None:
    at = open_demo()
    at.selectbox(key="focus-1").select("c4").run()
    button(at, "Delete c4").click().run()  # type: ignore[attr-defined]
    with Store.open(db_path) as store:
        assert "c4" in [row.claim.id for row in store.review(1).rows]
    at.checkbox(key="edit-1-c4-confirm").check().run()
    button(at, "Delete c4").click().run()  # type: ignore[attr-defined]
    with Store.open(db_path) as store:
        assert "c4" not in [row.claim.id for row in store.review(1).rows]
    assert at.selectbox(key="focus-1").value == "c5"


def test_table_filters_and_sort(db_path: Path) -> None:
    at = open_demo()
    at.multiselect(key="filter-kinds").select("heading").run()
    assert any("claims shown" in c.value and not c.value.startswith("33 ") for c in at.caption)
    at.multiselect(key="filter-kinds").unselect("heading").run()
    assert not at.exception


def test_articles_page_renames_and_deletes_after_confirmation(db_path: Path) -> None:
    open_demo()
    at = start()
    at.switch_page("pages/articles.py").run()
    assert not at.exception, at.exception
    at.text_input(key="rename-1").input("Ceasefire offer, June 2024")
    button(at, "Save the title").click().run()  # type: ignore[attr-defined]
    with Store.open(db_path) as store:
        assert store.article(1).title == "Ceasefire offer, June 2024"
    button(at, "Delete the article").click().run()  # type: ignore[attr-defined]
    with Store.open(db_path) as store:
        assert len(store.articles()) == 1
    at.checkbox(key="delete-1").check().run()
    button(at, "Delete the article").click().run()  # type: ignore[attr-defined]
    assert not at.exception
    with Store.open(db_path) as store:
        assert store.articles() == ()


def test_a_second_tab_shows_the_saved_state(db_path: Path) -> None:
    first = open_demo()
    first.selectbox(key="focus-1").select("c2").run()
    button(first, "true").click().run()  # type: ignore[attr-defined]
    second = AppTest.from_file(str(Path(__file__).parent.parent / "app.py"), default_timeout=120)
    second.query_params["article"] = "1"
    second.query_params["claim"] = "c2"
    second.run()
    assert not second.exception
    assert any("Verdict: **true**" in m.value for m in second.markdown)
