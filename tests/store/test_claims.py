"""Claim edits in the store: one transaction each, logged, ids never reused (the engine side
of edits is tests/test_edits.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from checks.errors import NotFoundError, StoreError
from checks.model import Claim, ClaimKind
from checks.store import ClaimEdit, Store
from tests.store.samples import C2, C3, E2_2, E3_1, T1, raw


def test_an_edited_claim_keeps_place_and_verdict_and_loses_evidence_and_citation(
    store: Store, article_id: int
) -> None:
    store.set_verdict(article_id, "c2", label="false", note="wire says 2 May", evidence_rank=2)
    edited = replace(C2, text="The talks began on 2 May 2024.")
    store.replace_claims(article_id, "edit", write=(edited,))
    rows = store.review(article_id).rows
    assert [row.claim.id for row in rows] == ["c1", "c2", "c3"]
    assert (rows[1].claim, rows[1].evidence) == (edited, ())
    assert (rows[1].verdict.label, rows[1].verdict.note, rows[1].verdict.evidence_rank) == (
        "false", "wire says 2 May", None,
    )  # fmt: skip
    assert len(rows[2].evidence) == 1  # untouched claims keep everything
    assert store.claim_edits(article_id) == (
        ClaimEdit(1, article_id, "edit", (("c2", C2.text),), (("c2", edited.text),), T1),
    )


def test_a_new_claim_goes_after_the_anchor_and_a_removed_id_is_never_given_again(
    store: Store, article_id: int
) -> None:
    assert store.new_claim_ids(article_id, 2) == ("c4", "c5")
    new = Claim("c4", 1, "The talks began.", ClaimKind.FACTUAL, 0.4)
    store.replace_claims(article_id, "split", write=(new,), after="c2")
    store.replace_claims(article_id, "delete", remove=("c4",))
    assert [row.claim.id for row in store.review(article_id).rows] == ["c1", "c2", "c3"]
    assert store.new_claim_ids(article_id, 1) == ("c5",)
    with pytest.raises(StoreError, match="'c4' was used before"):
        store.replace_claims(article_id, "add", write=(new,))


def test_a_refused_edit_changes_nothing(store: Store, article_id: int) -> None:
    before = store.review(article_id)
    with pytest.raises(StoreError, match="needs text"):
        store.replace_claims(article_id, "edit", write=(replace(C3, text="  "),))
    with pytest.raises(NotFoundError, match="no sentence 9"):
        store.replace_claims(article_id, "edit", remove=("c2",),
                             write=(replace(C3, sentence_index=9),))  # fmt: skip
    assert store.review(article_id) == before
    assert store.claim_edits(article_id) == ()


def test_an_edit_writes_its_evidence_in_the_same_transaction_and_the_citation_follows(
    store: Store, article_id: int
) -> None:
    store.set_verdict(article_id, "c2", label="false", evidence_rank=2)  # the desk notes
    edited = replace(C2, text="The talks began on 2 May 2024.")
    notes_only = replace(E2_2, rank=1)
    assert store.replace_claims(article_id, "edit", write=(edited,), evidence=(notes_only,)) == ()
    row = store.review(article_id).rows[1]
    assert (row.claim, row.evidence, row.verdict.evidence_rank) == (edited, (notes_only,), 1)
    with pytest.raises(StoreError, match="not being replaced"):
        store.replace_claims(article_id, "edit", write=(edited,), evidence=(E3_1,))
    assert store.review(article_id).rows[1] == row
    assert len(store.claim_edits(article_id)) == 1


def test_the_claims_of_a_sentence_are_found_by_index(store: Store, db_path: Path) -> None:
    """Migration 0015: deleting a sentence (analyse again deletes them all) looks up its
    claims for the cascade; without the index each look-up scanned the article's claims
    (8,000 claims: 4.4 s to save an analysis again, 0.4 s with it; bench/RESULTS.md)."""
    plan = raw(
        db_path,
        "EXPLAIN QUERY PLAN SELECT 1 FROM claims WHERE article_id = ? AND sentence_index = ?",
        1,
        0,
    )
    assert [str(row[3]) for row in plan] == [
        "SEARCH claims USING COVERING INDEX claims_sentence (article_id=? AND sentence_index=?)"
    ]
