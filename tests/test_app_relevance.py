"""Relevance bands in the real app (AppTest): the review opens on the first check-worthy
claim, "next unreviewed" passes claims that are not checkable, a claim with nothing above
the floor says "No relevant evidence in your sources", the "show weaker matches" switch,
the counts after an analysis."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from checks import navigation
from checks.store import Store
from tests.test_app import button, open_demo, start


@pytest.fixture(autouse=True)
def fresh_resources() -> None:
    st.cache_resource.clear()


def html_text(at: AppTest) -> str:
    return " ".join(h.proto.body for h in at.get("html"))


def focus(at: AppTest, claim_id: str) -> AppTest:
    at.selectbox(key="focus-1").select(claim_id).run()
    assert not at.exception, at.exception
    return at


def test_the_message_counts_only_claims_with_evidence_above_the_floor(db_path: Path) -> None:
    at = open_demo()  # no dateline claim; the message is in the page, not a toast
    assert ":material/info: 32 claims, 20 with evidence." in [c.value for c in at.caption]
    assert list(at.toast) == []


def test_the_review_opens_on_the_first_check_worthy_claim_not_the_headline(
    db_path: Path,
) -> None:
    at = open_demo()
    assert at.selectbox(key="focus-1").value == "c2"  # c1 is the headline


def test_a_strong_and_a_related_passage_show_their_band(db_path: Path) -> None:
    at = open_demo()
    focus(at, "c2")  # matched with its dateline "Moscow, June 15, 2024"
    shown = html_text(at)
    assert "score 0.60" in shown
    assert "fc-band-strong" in shown
    assert "fc-band-related" in shown  # ranks 2 and 3 (0.34, 0.33)
    assert "fc-band-weak" not in shown
    assert not any("No relevant evidence" in i.value for i in at.info)


def test_only_weak_matches_say_no_relevant_evidence_until_the_switch(db_path: Path) -> None:
    at = open_demo()
    focus(at, "c29")  # "In Ukraine, the proposal has galvanized public support ..."
    assert [i.value for i in at.info] == ["No relevant evidence in your sources."]
    captions = [c.value for c in at.caption]
    assert "Searched: your reference library · no Wikipedia page for this claim." in captions
    assert any(c.startswith("3 weaker matches below the relevance floor") for c in captions)
    assert "fc-band" not in html_text(at)  # no passage drawn
    at.toggle(key="show-weak").set_value(True).run()
    shown = html_text(at)
    assert shown.count("fc-band-weak") == 3
    assert "weak: not evidence" in shown
    assert "score 0.19" in shown
    # the switch stays on for the next claim: a related claim shows its weak third passage
    focus(at, "c14")
    shown = html_text(at)
    assert shown.count("fc-band-related") == 2
    assert shown.count("fc-band-weak") == 1


def test_a_claim_with_no_passage_at_all_offers_one_click_to_add_a_reference(
    db_path: Path,
) -> None:
    at = open_demo()
    focus(at, "c3")  # "This proposal comes amid ongoing conflict ...": no passage at all
    assert [i.value for i in at.info] == ["No relevant evidence in your sources."]
    assert not any("weaker match" in c.value for c in at.caption)
    assert at.session_state["add-reference"] is False
    assert [e.label for e in at.expander if e.proto.expanded] == []
    button(at, "Add a reference for this claim").click().run()  # type: ignore[attr-defined]
    assert not at.exception
    assert at.session_state["add-reference"] is True
    assert [e.label for e in at.expander if e.proto.expanded] == ["Add a reference for this claim"]


def test_no_evidence_filter_counts_weak_only_claims(db_path: Path) -> None:
    at = open_demo()
    at.segmented_control(key="show").set_value("no evidence").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    # 12 of 32: 8 without any passage (headings, c3, c23) and 4 with only weak ones
    assert "12 of 32 claims shown" in captions


def test_next_unreviewed_skips_headings_unless_settings_say_otherwise(db_path: Path) -> None:
    at = open_demo()
    focus(at, "c3")
    button(at, "false").click().run()  # type: ignore[attr-defined]
    assert at.selectbox(key="focus-1").value == "c5"  # c4 is a heading
    with Store.open(db_path) as store:
        assert store.setting(navigation.SETTING_SKIP, "on") == "on"

    settings = start()
    settings.switch_page("pages/settings.py").run()
    toggle = settings.toggle(key="setting-skip-not-checkable")
    assert toggle.value is True
    toggle.set_value(False).run()
    assert not settings.exception
    with Store.open(db_path) as store:
        assert store.setting(navigation.SETTING_SKIP) == "off"

    st.cache_resource.clear()
    again = AppTest.from_file(str(Path(__file__).parent.parent / "app.py"), default_timeout=120)
    again.query_params["article"] = "1"
    again.query_params["claim"] = "c6"
    again.run()
    button(again, "false").click().run()  # type: ignore[attr-defined]
    assert again.selectbox(key="focus-1").value == "c7"  # the heading is not skipped now
