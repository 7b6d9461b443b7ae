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
    assert any("Undone: c3" in t.value for t in at.caption)


def test_bulk_action_is_undone_as_one(db_path: Path) -> None:
    at = open_demo()
    button(at, "Mark headings, questions and opinions not checkable").click().run()  # type: ignore[attr-defined]
    assert saved(db_path)
    button(at, "Undo").click().run()  # type: ignore[attr-defined]
    assert saved(db_path) == {}


def test_split_a_claim_from_the_panel(db_path: Path) -> None:
    at = open_demo()
    at.selectbox(key="focus-1").select("c3").run()
    box = at.text_area(key="edit-1-c3-split")
    assert box.value.count("|") == 1  # the likeliest split point, shown in the sentence
    box.input("Putin has offered a ceasefire to Ukraine. | Ukraine must abandon its NATO bid.")
    at.run()
    assert any("**new claim**: Ukraine must abandon its NATO bid." in c.value for c in at.caption)
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


def test_undo_puts_split_claims_back_and_a_passage_marked_not_relevant(db_path: Path) -> None:
    at = open_demo()
    at.selectbox(key="focus-1").select("c3").run()
    with Store.open(db_path) as store:
        before = [(row.claim.id, row.claim.text) for row in store.review(1).rows]
    at.text_area(key="edit-1-c3-split").input("Putin offered a ceasefire | on conditions.")
    button(at, "Split in two").click().run()  # type: ignore[attr-defined]
    at.button(key="dismiss-1").click().run()
    assert any("Passage 1 of c3 marked not relevant" in c.value for c in at.caption)
    assert any("1 passage marked not relevant for this claim" in c.value for c in at.caption)
    button(at, "Undo").click().run()  # type: ignore[attr-defined]
    assert any("Undone: the passage is evidence of c3 again." in c.value for c in at.caption)
    button(at, "Undo").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    assert any("Undone: the split; the claims are as they were (c3)." in c.value
               for c in at.caption)  # fmt: skip
    with Store.open(db_path) as store:
        assert [(row.claim.id, row.claim.text) for row in store.review(1).rows] == before
        assert [e.action for e in store.claim_edits(1)] == ["split", "undo"]
    assert at.selectbox(key="focus-1").value == "c3"


def test_a_split_without_one_mark_changes_nothing_and_says_why(db_path: Path) -> None:
    at = open_demo()
    at.selectbox(key="focus-1").select("c3").run()
    at.text_area(key="edit-1-c3-split").input("no mark | here | twice").run()
    shown = [c.value for c in at.caption]  # Markdown source: the | is escaped
    assert any(r"Put one \| where the claim splits (2 found)." in value for value in shown)
    button(at, "Split in two").click().run()  # type: ignore[attr-defined]
    assert any(r"Not changed: Put one \| where" in c.value for c in at.caption)
    with Store.open(db_path) as store:
        assert store.claim_edits(1) == ()


def test_merge_with_the_claim_before_keeps_its_id_and_verdict(db_path: Path) -> None:
    at = open_demo()
    at.selectbox(key="focus-1").select("c3").run()
    button(at, "true").click().run()  # type: ignore[attr-defined]
    at.selectbox(key="focus-1").select("c4").run()
    with Store.open(db_path) as store:
        texts = {row.claim.id: row.claim.text for row in store.review(1).rows}
    button(at, "Merge c3 + c4 (keeps c3 and its verdict)").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    with Store.open(db_path) as store:
        rows = {row.claim.id: row for row in store.review(1).rows}
        assert [e.action for e in store.claim_edits(1)] == ["merge"]
    assert "c4" not in rows
    assert rows["c3"].claim.text == f"{texts['c3']} {texts['c4']}"
    assert rows["c3"].verdict.label == "true"
    assert at.selectbox(key="focus-1").value == "c3"
    assert any(b.label == "Merge c2 + c3 (keeps c2 and its verdict)" for b in at.button)


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


def test_keys_sent_again_by_a_reloaded_page_apply_once(db_path: Path) -> None:
    """What ui/keys.js sends (the component's state), applied by the page; a new session
    (a reload, a duplicated tab) sending the same presses changes nothing."""
    presses = [
        {"tab": "t1", "seq": 1, "article": 1, "op": "verdict", "label": "true", "anchor": "c2"},
        {"tab": "t1", "seq": 2, "article": 1, "op": "verdict", "label": "false"},
        {"tab": "t1", "seq": 3, "article": 1, "op": "move", "step": 1},
    ]
    first = open_demo()
    first.session_state["keys"] = {"queue": {"presses": presses[:2]}}
    first.run()
    assert not first.exception, first.exception
    assert saved(db_path) == {"c2": "true", "c3": "false"}
    assert first.selectbox(key="focus-1").value == "c5"  # c4 is a heading: passed by
    again = AppTest.from_file(str(Path(__file__).parent.parent / "app.py"), default_timeout=120)
    again.query_params["article"] = "1"
    again.run()
    again.session_state["keys"] = {"queue": {"presses": presses}}
    again.run()
    assert not again.exception, again.exception
    with Store.open(db_path) as store:
        assert [(h.claim_id, h.label) for h in store.history(1)] == [
            ("c2", "true"), ("c3", "false"),
        ]  # fmt: skip
        assert store.key_receipt("t1", 3) is not None
    assert again.selectbox(key="focus-1").value == "c6"  # where the first two led, then J


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
