"""Passages marked not relevant: out of the claim's evidence, in the history, undoable."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.errors import NotFoundError
from checks.model import ReviewRow
from checks.store import Store
from tests.store.samples import ANALYSIS, E2_1, E2_2, T1, T2, T3, Clock, raw


def row(store: Store, article_id: int, claim_id: str) -> ReviewRow:
    return next(r for r in store.review(article_id).rows if r.claim.id == claim_id)


def test_a_marked_passage_leaves_the_evidence_and_stays_out_after_analysing_again(
    store: Store, article_id: int
) -> None:
    entry = store.dismiss_evidence(article_id, "c2", 1)
    assert entry is not None
    assert (entry.claim_id, entry.action, entry.label) == ("c2", "not relevant", "unreviewed")
    c2 = row(store, article_id, "c2")
    assert (c2.evidence, c2.dismissed) == ((E2_2,), (E2_1,))
    store.save_analysis(article_id, ANALYSIS)  # the same passage found again
    assert row(store, article_id, "c2").evidence == (E2_2,)
    assert store.dismiss_evidence(article_id, "c2", 1) is None  # marked already: no entry
    assert [h.action for h in store.history(article_id)] == ["not relevant"]


def test_undo_takes_the_mark_back_and_the_citation_with_it(
    store: Store, clock: Clock, article_id: int, db_path: Path
) -> None:
    store.set_verdict(article_id, "c2", label="false", evidence_rank=1)
    clock.now = T2
    store.dismiss_evidence(article_id, "c2", 1)
    assert row(store, article_id, "c2").verdict.evidence_rank is None  # cited: un-cited
    assert raw(db_path, "SELECT claim_id, document_uid FROM dismissed_evidence") == [
        ("c2", "wikipedia:Cairo_talks")
    ]
    clock.now = T3
    (undone,) = store.undo(article_id)
    assert (undone.action, undone.undoes, undone.evidence_rank) == ("relevant again", 2, 1)
    c2 = row(store, article_id, "c2")
    assert (c2.evidence, c2.dismissed, c2.verdict.evidence_rank) == ((E2_1, E2_2), (), 1)
    assert raw(db_path, "SELECT count(*) FROM dismissed_evidence") == [(0,)]
    (again,) = store.undo(article_id)  # then the verdict before it
    assert (again.label, again.action) == ("unreviewed", "verdict")
    assert [(h.action, h.changed_at) for h in store.history(article_id)] == [
        ("verdict", T1), ("not relevant", T2), ("relevant again", T3), ("verdict", T3),
    ]  # fmt: skip


def test_a_rank_the_claim_does_not_have_is_refused(store: Store, article_id: int) -> None:
    with pytest.raises(NotFoundError, match="has no evidence 7"):
        store.dismiss_evidence(article_id, "c2", 7)
    assert store.history(article_id) == ()
