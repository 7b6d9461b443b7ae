"""The app with Wikipedia: unreachable (one notice), reachable (simulated with the HTTP
transport), the Wikipedia settings, the Sources page and "add a reference for this claim"."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.fake_mediawiki import demo_wiki, handler
from checks.model import SourceKind
from checks.sources import choice
from checks.sources.wikipedia import SETTING_CONTACT, SETTING_LANGUAGE, SETTING_TTL_DAYS
from checks.store import Store
from tests.test_app import APP, TIMEOUT, button, open_demo, start

NOTICE = "Wikipedia unreachable: used the cache and your library"


@pytest.fixture(autouse=True)
def fresh_resources() -> None:
    st.cache_resource.clear()


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route to host", request=request)

    monkeypatch.setenv("CHECKS_WIKIPEDIA", "on")
    monkeypatch.setattr(choice, "TRANSPORT", lambda: httpx.MockTransport(refuse))


@pytest.fixture
def online(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKS_WIKIPEDIA", "on")
    monkeypatch.setattr(choice, "TRANSPORT", lambda: httpx.MockTransport(handler(demo_wiki())))


def test_offline_demo_shows_one_notice_once_and_the_library_evidence(
    db_path: Path, offline: None
) -> None:
    at = open_demo()
    assert [w.value for w in at.warning] == [NOTICE]
    evidence_text = " ".join(h.proto.body for h in at.get("html"))
    assert "14 June 2024" in evidence_text  # the library still answers
    at.run()
    assert NOTICE not in [w.value for w in at.warning]  # once, not on every rerun


def test_online_demo_is_matched_against_wikipedia_with_permanent_links(
    db_path: Path, online: None
) -> None:
    at = open_demo()
    assert not at.warning
    with Store.open(db_path) as store:
        review = store.review(1)
        lookups = store.lookups(1)
    wiki_docs = [d for d in review.documents if d.source is SourceKind.WIKIPEDIA]
    assert {d.title for d in wiki_docs} >= {"Vladimir Putin", "Jens Stoltenberg"}
    assert all("&oldid=" in d.url for d in wiki_docs)
    assert any(x.query == "Volodymyr Zelensky" and "Zelenskyy" in x.outcome for x in lookups)


def test_settings_page_saves_wikipedia_settings_and_warns_until_a_contact_is_set(
    db_path: Path,
) -> None:
    at = start()
    at.switch_page("pages/settings.py").run()
    assert any("Set a contact" in w.value for w in at.warning)
    inputs = {t.label.split(" (")[0]: t for t in at.text_input}
    inputs["Language"].input("de")
    inputs["Contact for the User-Agent"].input("desk@example.org")
    button(at, "Save Wikipedia settings").click().run()  # type: ignore[attr-defined]
    assert not at.exception
    with Store.open(db_path) as store:
        assert store.setting(SETTING_LANGUAGE) == "de"
        assert store.setting(SETTING_CONTACT) == "desk@example.org"
    at.run()
    assert not any("Set a contact" in w.value for w in at.warning)
    assert any("desk@example.org" in c.value for c in at.caption)


def test_sources_page_fetches_a_wikipedia_link(db_path: Path, online: None) -> None:
    at = start()
    at.switch_page("pages/sources.py").run()
    at.text_input(key="wikipedia-wanted").input("https://en.wikipedia.org/wiki/Jens_Stoltenberg")
    button(at, "Fetch the page").click().run()  # type: ignore[attr-defined]
    assert not at.exception
    assert any("Jens Stoltenberg" in s.value for s in at.success)
    with Store.open(db_path) as store:
        docs = store.documents(source=SourceKind.WIKIPEDIA)
    assert [d.title for d in docs] == ["Jens Stoltenberg"]
    assert "&oldid=" in docs[0].url


def test_a_reference_added_in_the_focus_panel_rematches_the_claim(db_path: Path) -> None:
    at = open_demo()
    focus = at.selectbox(key="focus-1")
    beijing = next(label for label in focus.options if "Beijing" in label)
    focus.select(beijing).run()
    claim_id = at.selectbox(key="focus-1").value
    form_inputs = [t for t in at.text_input if t.label.startswith("Title (a Wikipedia")]
    form_inputs[0].input("Chinese Foreign Ministry briefing, 17 June 2024")
    text = next(t for t in at.text_area if t.label.startswith("Text of the reference"))
    text.input(
        "The Foreign Ministry in Beijing emphasized the need for a peaceful resolution and "
        "repeated its stance on non-interference in sovereign matters."
    )
    button(at, "Add and match this claim again").click().run()  # type: ignore[attr-defined]
    assert not at.exception
    assert any("matched again" in t.value for t in at.caption)
    with Store.open(db_path) as store:
        row = next(r for r in store.review(1).rows if r.claim.id == claim_id)
        best = store.document(row.evidence[0].passage.document_key)
    assert best.title == "Chinese Foreign Ministry briefing, 17 June 2024"


def test_restart_keeps_the_cache_offline(
    db_path: Path, online: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_demo()

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route to host", request=request)

    monkeypatch.setattr(choice, "TRANSPORT", lambda: httpx.MockTransport(refuse))
    with Store.open(db_path) as store:
        store.set_setting(SETTING_TTL_DAYS, "0")  # every cached page is stale: ask the network
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.switch_page("pages/new_article.py").run()
    button(at, "Open the demo article").click().run()  # type: ignore[attr-defined]
    assert [w.value for w in at.warning] == [NOTICE]
    with Store.open(db_path) as store:
        review = store.review(2)
    assert any(d.source is SourceKind.WIKIPEDIA for d in review.documents)
