""" "Analyse again" of an article analysed and reviewed by the code of before datelines became
metadata: the database in tests/fixtures was made by that code (make_dateline_claims_db.py),
with the dateline "Moscow, June 15, 2024" as claim c2, marked and noted. Nothing is lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from checks.claim_ids import DATELINE, Move
from checks.model import Review
from checks.pipeline import analyze
from checks.sources.library import LibrarySource
from checks.store import HistoryEntry, Store
from tests.conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "dateline_claims_2024.sqlite3"
MOVED_NOTE = (
    "From c2 (its dateline, “Moscow, June 15, 2024”), marked mostly true: Speech was on 14 "
    "June, not 15 June."
)


@pytest.fixture
def old_db(db_path: Path) -> Path:
    """A copy of the old database at $CHECKS_DB (the committed file is never written)."""
    shutil.copyfile(FIXTURE, db_path)
    return db_path


def _before(path: Path) -> tuple[Review, tuple[HistoryEntry, ...]]:
    with Store.open(path) as store:
        return store.review(1), store.history(1)


def test_the_fixture_is_what_the_old_code_made(old_db: Path) -> None:
    review, history = _before(old_db)
    assert [row.claim.id for row in review.rows] == [f"c{n}" for n in range(1, 34)]
    assert review.rows[1].claim.text == "Moscow, June 15, 2024"
    assert review.rows[1].sentence.role.value == "dateline"
    assert [(h.claim_id, h.label, h.note) for h in history] == [
        ("c2", "mostly true", "Speech was on 14 June, not 15 June."),
        ("c3", "true", ""),
        ("c4", "unreviewed", "Check the UN statement."),
    ]


def _assert_nothing_lost(path: Path, before: Review, history: tuple[HistoryEntry, ...]) -> None:
    with Store.open(path) as store:
        after = store.review(1)
        now = store.history(1)
        fresh = store.new_claim_ids(1, 1)
    ids = [row.claim.id for row in after.rows]
    assert ids == ["c1", *(f"c{n}" for n in range(3, 34))]  # c2 is gone, no id moved
    old_texts = {row.claim.id: row.claim.text for row in before.rows}
    assert all(row.claim.text == old_texts[row.claim.id] for row in after.rows)
    rows = {row.claim.id: row for row in after.rows}
    assert (rows["c3"].verdict.label, rows["c3"].verdict.note) == ("true", MOVED_NOTE)
    assert (rows["c4"].verdict.label, rows["c4"].verdict.note) == (
        "unreviewed",
        "Check the UN statement.",
    )
    assert all(row.verdict.label == "unreviewed" and not row.verdict.note
               for row in after.rows if row.claim.id not in ("c3", "c4"))  # fmt: skip
    assert now[: len(history)] == history  # the old history stays, c2's included
    assert [(h.claim_id, h.label, h.note) for h in now[len(history) :]] == [
        ("c3", "true", MOVED_NOTE)
    ]
    assert rows["c3"].dateline is not None
    assert rows["c3"].dateline.text == "Moscow, June 15, 2024"
    assert (
        "date: June 15, 2024 ≠ 14 June 2024"
        in rows["c3"].evidence[0].agreement.describe_conflicts()
    )
    assert fresh == ("c34",)  # c2 ... c33 were used: never given again


def test_analyse_again_moves_the_dateline_verdict_and_keeps_every_other(old_db: Path) -> None:
    before, history = _before(old_db)
    with Store.open(old_db) as store:
        article = store.article(1)
        analysis = analyze(
            article.text, sources=[LibrarySource(store)], published=article.published
        )
        moves = store.save_analysis(1, analysis).moves
    assert moves == (Move("c2", "c3", DATELINE, "Moscow, June 15, 2024"),)
    _assert_nothing_lost(old_db, before, history)


def test_analyse_again_twice_changes_nothing_more(old_db: Path) -> None:
    with Store.open(old_db) as store:
        article = store.article(1)
        for _ in range(2):
            analysis = analyze(article.text, sources=[LibrarySource(store)])
            moved = store.save_analysis(1, analysis).moves
        history = store.history(1)
    assert moved == ()
    assert [h.claim_id for h in history] == ["c2", "c3", "c4", "c3"]


def test_the_app_analyses_it_again_and_says_where_the_note_went(old_db: Path) -> None:
    before, history = _before(old_db)
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["article"] = "1"
    at.run()
    at.switch_page("pages/review.py").run()
    next(b for b in at.button if b.label == "Analyse again now").click().run()
    assert not at.exception, at.exception
    _assert_nothing_lost(old_db, before, history)
    shown = " ".join(
        str(element.value)
        for element in at.get("toast") + list(at.success) + list(at.info) + list(at.caption)
    )
    assert "c2 → c3" in shown
