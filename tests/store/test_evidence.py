"""Evidence replaced for one claim or for every claim, and what happens to a citation."""

from __future__ import annotations

import pytest

from checks.errors import NotFoundError, StoreError
from checks.model import Evidence, Lookup, SourceKind
from checks.store import Store
from tests.store.samples import E2_1, E2_2, E3_1, NOTES


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
