"""The review the store keeps in memory (migration 0014): reused while the article's claims
and evidence are unchanged, read again after any write to them, whoever wrote it."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from checks.model import Analysis, Review, ReviewRow
from checks.store import REVIEWS_KEPT, Store
from tests.store.samples import ANALYSIS, C3, E2_1, E3_1, T2, TEXT, Clock


def rows_by_id(review: Review) -> dict[str, ReviewRow]:
    return {row.claim.id: row for row in review.rows}


def test_a_second_read_reuses_every_row_and_a_verdict_replaces_only_its_row(
    store: Store, clock: Clock, article_id: int
) -> None:
    first = store.review(article_id)
    again = store.review(article_id)
    assert all(a is b for a, b in zip(first.rows, again.rows, strict=True))
    clock.now = T2
    store.set_verdict(article_id, "c2", label="false", note="wrong day")
    after = store.review(article_id)
    changed = [
        row.claim.id for row, old in zip(after.rows, again.rows, strict=True) if row is not old
    ]
    assert changed == ["c2"]
    c2 = rows_by_id(after)["c2"]
    assert (c2.verdict.label, c2.verdict.note, c2.verdict.updated_at) == ("false", "wrong day", T2)
    assert c2.evidence == rows_by_id(first)["c2"].evidence
    store.undo(article_id)
    assert rows_by_id(store.review(article_id))["c2"].verdict.label == "unreviewed"


def test_every_write_to_claims_evidence_and_marks_is_seen(store: Store, article_id: int) -> None:
    store.review(article_id)
    store.replace_claim_evidence(article_id, "c3", [replace(E3_1, score=0.5)])
    assert rows_by_id(store.review(article_id))["c3"].evidence[0].score == 0.5

    store.dismiss_evidence(article_id, "c2", 1)
    c2 = rows_by_id(store.review(article_id))["c2"]
    assert c2.dismissed == (E2_1,)
    assert E2_1 not in c2.evidence
    store.undo(article_id)
    assert E2_1 in rows_by_id(store.review(article_id))["c2"].evidence

    store.replace_claims(article_id, "edit", write=[replace(C3, text="Officials said 33 came.")])
    assert rows_by_id(store.review(article_id))["c3"].claim.text == "Officials said 33 came."

    store.save_analysis(article_id, Analysis(ANALYSIS.sentences, ANALYSIS.claims[:2], (), ()))
    assert list(rows_by_id(store.review(article_id))) == ["c1", "c2"]  # cascaded deletes


def test_a_write_through_another_connection_is_seen(
    store: Store, article_id: int, db_path: Path
) -> None:
    """The CLI, or a second app, writes with its own connection: no in-memory hint."""
    store.review(article_id)
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("UPDATE evidence SET score = 0.25 WHERE claim_id = 'c3'")
    connection.close()
    assert rows_by_id(store.review(article_id))["c3"].evidence[0].score == 0.25


def test_a_reused_article_id_never_shows_the_old_article(store: Store, clock: Clock) -> None:
    first = store.add_article(title="One", text=TEXT)
    store.save_analysis(first.id, ANALYSIS)
    store.review(first.id)
    store.delete_article(first.id)
    clock.now = T2
    second = store.add_article(title="Two", text="Only one sentence here.")
    assert second.id == first.id  # SQLite gives the freed id again
    review = store.review(second.id)
    assert (review.article.title, review.rows) == ("Two", ())


def test_only_the_last_few_articles_are_kept(store: Store, article_id: int) -> None:
    ids = [article_id]
    for n in range(REVIEWS_KEPT + 1):
        added = store.add_article(title=f"A{n}", text=TEXT)
        store.save_analysis(added.id, ANALYSIS)
        ids.append(added.id)
    for number in ids:
        store.review(number)
    assert len(store._reviews) == REVIEWS_KEPT
    assert list(store._reviews) == ids[-REVIEWS_KEPT:]
