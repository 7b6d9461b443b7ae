"""Checked before in the real app (AppTest): the focus panel's matches, A to adopt, U to
undo, the table filter, and the Search page."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from checks.factchecks.importer import import_bytes
from checks.factchecks.search import Match
from checks.store import Store
from tests.factcheck_samples import dumps, review
from tests.test_app import button, open_demo, start
from ui.checked_before import match_html

CLAIM = (
    "Vladimir Putin offered Ukraine a ceasefire on condition that it relinquishes claims to "
    "territories under Russian control and withdraws its bid to join NATO."
)
FEED = [
    review(
        CLAIM,
        "https://checks.example/fact-check/putin-offer",
        rating={"@type": "Rating", "alternateName": "Mostly True", "ratingValue": 4,
                "bestRating": 5, "worstRating": 1},
        datePublished="2024-06-16",
    ),
    review(
        "<script>alert(1)</script>Zelensky rejected the proposal in Kyiv.",
        "javascript:alert(2)",
        rating="Correct",
        author={"@type": "Organization", "name": "<b>Bold</b> Checks"},
    ),
]  # fmt: skip


@pytest.fixture(autouse=True)
def fresh_resources() -> None:
    st.cache_resource.clear()


@pytest.fixture
def imported(db_path: Path) -> Path:
    with Store.open(db_path) as store:
        assert import_bytes(store, dumps(FEED), name="feed.json").summary() == (
            "2 new, 0 already present, 0 skipped"
        )
    return db_path


def verdict(db_path: Path, claim_id: str) -> tuple[str, str]:
    with Store.open(db_path) as store:
        row = next(r for r in store.review(1).rows if r.claim.id == claim_id)
    return row.verdict.label, row.verdict.note


def test_adopt_copies_the_verdict_and_the_source_then_undo(imported: Path) -> None:
    at = open_demo()
    at.selectbox(key="focus-1").select("c2").run()
    assert "Checked before: 1 match" in [e.label for e in at.expander]
    shown = " ".join(h.proto.body for h in at.get("html"))
    assert "Mostly True" in shown
    assert 'href="https://checks.example/fact-check/putin-offer"' in shown
    adopt = button(at, "Adopt the best match's verdict (mostly true)")
    assert adopt.proto.shortcut == "a"  # type: ignore[attr-defined]  # before the queue is up
    adopt.click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    assert verdict(imported, "c2") == (
        "mostly true",
        "As checked by Checks Desk on 2024-06-16, https://checks.example/fact-check/putin-offer"
        " (rated “Mostly True”)",
    )
    assert any("Adopted for c2: verdict mostly true" in c.value for c in at.caption)
    button(at, "Undo").click().run()  # type: ignore[attr-defined]
    assert verdict(imported, "c2") == ("unreviewed", "")


def test_untrusted_feed_text_is_escaped_and_bad_links_dropped() -> None:
    hostile = Match(
        "factcheck", "factcheck:9", "<script>alert(1)</script>Claim\u202e.", "<b>False</b>",
        "<img src=x onerror=alert(3)>", "2024-01-01", "javascript:alert(2)", 0.7, "strong",
    )  # fmt: skip
    html = match_html(hostile, 1)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Claim[U+202E]." in html
    assert "<img" not in html
    assert "&lt;b&gt;False&lt;/b&gt;" in html
    assert "javascript:" not in html
    assert "no link" in html


def test_the_table_filter_shows_the_claims_checked_before(imported: Path) -> None:
    at = open_demo()
    at.segmented_control(key="show").set_value("checked before").run()
    assert not at.exception, at.exception
    shown = [c.value for c in at.caption if "claims shown" in c.value]
    assert shown
    assert shown[0].endswith("of 32 claims shown")
    assert not shown[0].startswith("0 ")
    assert not shown[0].startswith("32 ")


def test_search_page_finds_factchecks_and_claims_and_links_to_the_claim(imported: Path) -> None:
    open_demo()
    at = start()
    at.switch_page("pages/search.py").run()
    assert not at.exception, at.exception
    at.text_input(key="search-query").input("Putin ceasefire NATO bid").run()
    assert not at.exception, at.exception
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "https://checks.example/fact-check/putin-offer" in html
    opens = [b for b in at.button if b.label.startswith("Open “")]
    assert opens
    at.multiselect(key="search-publishers").select("Checks Desk").run()
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "this desk, article" not in html
    assert "putin-offer" in html


def test_a_search_hit_opens_its_article_at_the_claim(imported: Path) -> None:
    at = open_demo()
    at.selectbox(key="focus-1").select("c4").run()  # a focus chosen earlier
    at.switch_page("pages/search.py").run()
    at.text_input(key="search-query").input("Zelensky rejected the proposal").run()
    target = next(b for b in at.button if b.label.startswith("Open “"))
    claim_id = target.label.rsplit(" at ", 1)[1]
    assert claim_id != "c4"
    target.click().run()
    assert not at.exception, at.exception
    assert at.selectbox(key="focus-1").value == claim_id
    assert at.query_params["claim"] == claim_id


def test_a_weak_match_shows_only_with_the_weaker_matches_switch(db_path: Path) -> None:
    weak = review(
        "NATO membership talks stalled in Brussels last winter.", "https://w.example/nato-talks"
    )
    with Store.open(db_path) as store:
        import_bytes(store, dumps([weak]), name="weak.json")
    at = open_demo()
    at.selectbox(key="focus-1").select("c6").run()
    assert "Checked before: nothing found" in [e.label for e in at.expander]
    assert any("1 weaker match below the relevance floor" in c.value for c in at.caption)
    at.toggle(key="show-weak").set_value(True).run()
    assert not at.exception, at.exception
    assert "Checked before: 1 match" in [e.label for e in at.expander]
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "https://w.example/nato-talks" in html
    assert "(weak)" in html


ADOPTED_LINE = (
    "As checked by Checks Desk on 2024-06-16, https://checks.example/fact-check/putin-offer"
    " (rated “Mostly True”)"
)


def history(db_path: Path) -> list[tuple[str, str, str, bool]]:
    with Store.open(db_path) as store:
        return [(h.claim_id, h.label, h.note, h.undoes is not None) for h in store.history(1)]


def test_a_in_the_key_queue_adopts_where_the_keys_before_it_lead_once(imported: Path) -> None:
    """``1 K A`` as ui/keys.js sends it (the component's state): the verdict moves on to c3,
    K comes back to c2 and A adopts there; a reload sending the presses again adopts
    nothing again, and its U takes the adoption back in one step."""
    presses = [
        {"tab": "t1", "seq": 1, "article": 1, "op": "verdict", "label": "true", "anchor": "c2"},
        {"tab": "t1", "seq": 2, "article": 1, "op": "move", "step": -1},
        {"tab": "t1", "seq": 3, "article": 1, "op": "adopt"},
    ]
    at = open_demo()
    at.session_state["keys"] = {"queue": {"presses": presses}}
    at.run()
    assert not at.exception, at.exception
    assert verdict(imported, "c2") == ("mostly true", ADOPTED_LINE)
    assert history(imported) == [
        ("c2", "true", "", False), ("c2", "mostly true", ADOPTED_LINE, False),
    ]  # fmt: skip
    assert at.selectbox(key="focus-1").value == "c2"  # adopt stays on the claim
    assert any("Adopted for c2: verdict mostly true" in c.value for c in at.caption)
    again = AppTest.from_file(str(Path(__file__).parent.parent / "app.py"), default_timeout=120)
    again.query_params["article"] = "1"
    again.run()
    undo = {"tab": "t1", "seq": 4, "article": 1, "op": "undo"}
    again.session_state["keys"] = {"queue": {"presses": [*presses, undo]}}
    again.run()
    assert not again.exception, again.exception
    assert verdict(imported, "c2") == ("true", "")
    assert len(history(imported)) == 3
    assert again.selectbox(key="focus-1").value == "c2"


def test_a_in_the_key_queue_counts_a_weak_match_only_with_the_switch(db_path: Path) -> None:
    weak = review(
        "NATO membership talks stalled in Brussels last winter.", "https://w.example/nato-talks"
    )
    with Store.open(db_path) as store:
        import_bytes(store, dumps([weak]), name="weak.json")
    at = open_demo()
    adopt = {"tab": "t1", "article": 1, "op": "adopt", "anchor": "c6"}
    at.session_state["keys"] = {"queue": {"presses": [{**adopt, "seq": 1}]}}
    at.run()
    assert not at.exception, at.exception
    assert any("c6 has no checked-before match to adopt." in c.value for c in at.caption)
    assert verdict(db_path, "c6") == ("unreviewed", "")
    at.toggle(key="show-weak").set_value(True).run()
    at.session_state["keys"] = {"queue": {"presses": [{**adopt, "seq": 2}]}}
    at.run()
    assert not at.exception, at.exception
    assert verdict(db_path, "c6") == (
        "false", "As checked by Checks Desk on an unknown date, https://w.example/nato-talks"
        " (rated “False”)",
    )  # fmt: skip
