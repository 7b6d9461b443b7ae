"""Articles: add, read, rename, list with counts, delete with everything of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks import config
from checks.errors import NotFoundError
from checks.model import Article
from checks.store import ArticleSummary, Store, articles
from tests.store.samples import ANALYSIS, T1, T2, TEXT, Clock, raw


def test_add_rename_and_read_an_article(store: Store, clock: Clock) -> None:
    added = store.add_article(title="Draft", text="Body.")
    assert added == Article(1, "Draft", "Body.", "", T1)
    store.rename_article(added.id, "Final")
    assert store.article(added.id) == Article(1, "Final", "Body.", "", T1)


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.article(42),
        lambda s: s.rename_article(42, "x"),
        lambda s: s.delete_article(42),
        lambda s: s.review(42),
        lambda s: s.history(42),
        lambda s: s.verdict_counts(42),
        lambda s: s.save_analysis(42, ANALYSIS),
    ],
    ids=["article", "rename", "delete", "review", "history", "counts", "save_analysis"],
)
def test_unknown_article_raises_not_found(store: Store, call: object) -> None:
    with pytest.raises(NotFoundError, match="no article 42"):
        call(store)  # type: ignore[operator]


def test_article_summaries_newest_first_with_counts(store: Store, clock: Clock) -> None:
    first = store.add_article(title="Ceasefire", text=TEXT)
    store.save_analysis(first.id, ANALYSIS)
    store.set_verdict(first.id, "c2", label="false")
    store.set_verdict(first.id, "c1", note="headline, skip")  # label stays unreviewed
    clock.now = T2
    second = store.add_article(title="Budget", text="Spending rose.")
    assert store.articles() == (
        ArticleSummary(second.id, "Budget", T2, claims=0, reviewed=0, conflicts=0),
        ArticleSummary(first.id, "Ceasefire", T1, claims=3, reviewed=1, conflicts=1),
    )


def test_delete_article_cascades_and_leaves_other_articles(
    store: Store, db_path: Path, article_id: int
) -> None:
    other = store.add_article(title="Other", text=TEXT)
    store.save_analysis(other.id, ANALYSIS)
    for aid in (article_id, other.id):
        store.set_verdict(aid, "c2", label="false", evidence_rank=1)
    store.delete_article(article_id)

    for table in ("sentences", "claims", "evidence", "verdicts", "verdict_history"):
        counts = raw(db_path, f"SELECT article_id, count(*) FROM {table} GROUP BY article_id")
        expected = {"sentences": 3, "claims": 3, "evidence": 3}.get(table, 1)
        assert counts == [(other.id, expected)], table
    assert raw(db_path, "SELECT uid FROM documents ORDER BY uid") == [
        ("library:notes.txt",), ("library:old.txt",), ("wikipedia:Cairo_talks",),
    ]  # fmt: skip
    with pytest.raises(NotFoundError):
        store.article(article_id)


def test_the_article_list_counts_from_its_indexes(store: Store, db_path: Path) -> None:
    """Migration 0011: each count reads a small index, not every verdict label and every
    best evidence's JSON (12 ms -> 2 ms for a desk of 200 articles, bench/RESULTS.md)."""
    store.add_article(title="Budget", text="Spending rose.")
    plan = [str(row[3]) for row in raw(db_path, "EXPLAIN QUERY PLAN " + articles.SUMMARIES)]
    assert plan == [
        "SCAN a USING COVERING INDEX articles_newest",
        "CORRELATED SCALAR SUBQUERY 1",
        "SEARCH c USING COVERING INDEX claims_sentence (article_id=?)",
        "CORRELATED SCALAR SUBQUERY 2",
        "SEARCH v USING INDEX verdicts_reviewed (article_id=?)",
        "SEARCH c USING COVERING INDEX sqlite_autoindex_claims_1 (article_id=? AND claim_id=?)",
        "CORRELATED SCALAR SUBQUERY 3",
        "SEARCH e USING INDEX evidence_conflicts (article_id=?)",
    ]
    assert config.UNREVIEWED == "unreviewed"  # the label SUMMARIES and the index spell out
