"""Evidence replaced for one claim or for every claim, and what happens to a citation."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from checks.errors import NotFoundError, StoreError
from checks.model import Analysis, Evidence, Lookup, Passage, SourceKind
from checks.store import DroppedCitation, Store
from tests.store.samples import C1, C2, C3, E2_1, E2_2, E3_1, NOTES, S0, S1, S2, raw


def test_replacing_one_claims_evidence_leaves_the_others(store: Store, article_id: int) -> None:
    store.set_verdict(article_id, "c2", label="false", evidence_rank=1)
    store.replace_claim_evidence(article_id, "c2", (E2_1,), documents=(NOTES,))
    rows = store.review(article_id).rows
    assert (rows[1].evidence, rows[2].evidence) == ((E2_1,), (E3_1,))
    assert rows[1].verdict.evidence_rank == 1


def test_replacing_evidence_refuses_another_claims_or_an_unknown_claim(
    store: Store, article_id: int
) -> None:
    with pytest.raises(StoreError, match="evidence for another claim than 'c3'"):
        store.replace_claim_evidence(article_id, "c3", (E2_1,))
    with pytest.raises(NotFoundError, match="article 1 has no claim 'c9'"):
        store.replace_claim_evidence(article_id, "c9", ())
    with pytest.raises(StoreError, match="a claim the article does not have"):
        store.save_evidence(article_id, (), (Evidence("c9", 1, E2_1.passage, 0.5),))
    assert [len(row.evidence) for row in store.review(article_id).rows] == [0, 2, 1]


def test_saving_all_evidence_again_keeps_claims_and_replaces_lookups(
    store: Store, article_id: int
) -> None:
    lookup = Lookup(SourceKind.LIBRARY, "title", "Cairo talks", ("c2",), ("talks",), "fetched",
                    "library:notes.txt")  # fmt: skip
    store.save_evidence(article_id, (), (E2_2, E3_1), (lookup,))
    rows = store.review(article_id).rows
    assert [row.evidence for row in rows] == [(), (E2_2,), (E3_1,)]
    assert store.lookups(article_id) == (lookup,)
    store.save_evidence(article_id, (), ())
    assert [row.evidence for row in store.review(article_id).rows] == [(), (), ()]
    assert store.lookups(article_id) == ()


# --- the one citation rule ------------------------------------------------------------------

MOVED = Passage("library:notes.txt", 10, 53, "Notes: 32 members attended the Cairo talks.")


def save_by(path: str, store: Store, article_id: int, evidence: tuple[Evidence, ...]) -> object:
    """Replace c2's evidence by one of the three paths that replace evidence."""
    if path == "save_analysis":
        saved = store.save_analysis(article_id, Analysis((S0, S1, S2), (C1, C2, C3), (), evidence))
        assert saved.moves == ()  # the same claims: nothing moves
        return saved.dropped
    if path == "save_evidence":
        return store.save_evidence(article_id, (), evidence)
    return store.replace_claim_evidence(
        article_id, "c2", [e for e in evidence if e.claim_id == "c2"]
    )


PATHS = ["save_analysis", "save_evidence", "replace_claim_evidence"]


@pytest.mark.parametrize("path", PATHS)
def test_a_citation_follows_its_passage_to_its_new_rank(
    store: Store, db_path: Path, article_id: int, path: str
) -> None:
    store.set_verdict(article_id, "c2", label="true", note="the notes say so", evidence_rank=2)
    notes_first = (replace(E2_2, rank=1), replace(E2_1, rank=2), E3_1)
    assert save_by(path, store, article_id, notes_first) == ()
    verdict = store.review(article_id).rows[1].verdict
    assert (verdict.label, verdict.note, verdict.evidence_rank) == ("true", "the notes say so", 1)
    assert raw(db_path, "SELECT evidence_rank, cited_document, cited_start, cited_end FROM verdicts"
               ) == [(1, "library:notes.txt", 0, 43)]  # fmt: skip


@pytest.mark.parametrize("path", PATHS)
def test_a_citation_whose_passage_is_gone_is_dropped_and_returned(
    store: Store, db_path: Path, article_id: int, path: str
) -> None:
    store.set_verdict(article_id, "c2", label="false", note="wire says 2 May", evidence_rank=1)
    # Another passage now ranks first: the rank is the same, the passage is not.
    other = replace(E2_2, rank=1)
    assert save_by(path, store, article_id, (other, E3_1)) == (DroppedCitation("c2", E2_1.passage),)
    verdict = store.review(article_id).rows[1].verdict
    assert (verdict.label, verdict.note, verdict.evidence_rank) == (
        "false",
        "wire says 2 May",
        None,
    )
    assert raw(db_path, "SELECT evidence_rank, cited_document, cited_text FROM verdicts") == [
        (None, None, None)
    ]


def test_a_passage_a_revision_moved_in_its_document_is_still_the_cited_one(
    store: Store, db_path: Path, article_id: int
) -> None:
    store.set_verdict(article_id, "c3", label="true", evidence_rank=1)
    moved = replace(E3_1, passage=MOVED)
    assert store.save_evidence(article_id, (), (E2_1, E2_2, moved)) == ()
    assert store.review(article_id).rows[2].verdict.evidence_rank == 1
    assert raw(db_path, "SELECT cited_start, cited_end FROM verdicts") == [(10, 53)]


def test_a_claim_edit_keeps_the_citation_only_if_its_evidence_still_has_the_passage(
    store: Store, article_id: int
) -> None:
    store.set_verdict(article_id, "c3", label="true", evidence_rank=1)
    store.replace_claims(article_id, "edit", write=(replace(C3, text="32 members attended."),))
    assert store.review(article_id).rows[2].verdict.evidence_rank is None


def test_undo_restores_a_citation_at_its_passages_rank_now(store: Store, article_id: int) -> None:
    store.set_verdict(article_id, "c2", label="true", evidence_rank=2)  # the notes passage
    store.set_verdict(article_id, "c2", evidence_rank=None)
    store.save_evidence(article_id, (), (replace(E2_2, rank=1), replace(E2_1, rank=2), E3_1))
    store.undo(article_id)
    assert store.review(article_id).rows[1].verdict.evidence_rank == 1  # not rank 2: the wire
    store.set_verdict(article_id, "c2", evidence_rank=None)
    store.save_evidence(article_id, (), (replace(E2_1, rank=1), E3_1))
    store.undo(article_id)
    assert store.review(article_id).rows[1].verdict.evidence_rank is None  # the notes are gone
