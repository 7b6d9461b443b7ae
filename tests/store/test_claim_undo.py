"""Claim edits undone from the history: the claims come back exactly as they were (text,
place, kind, verdict, evidence), the claims the edit made go, and the log says so."""

from __future__ import annotations

from dataclasses import replace

from checks.model import Claim, ReviewRow
from checks.store import Store
from tests.store.samples import ANALYSIS, C2, C3, E2_1, E2_2, E3_1, T1, T2, T3, T4, Clock

HEAD = replace(C2, text="The talks began")
TAIL = Claim("c4", 1, "on 3 May 2024.", C2.kind, 0.4, ())


def rows(store: Store, article_id: int) -> dict[str, ReviewRow]:
    return {row.claim.id: row for row in store.review(article_id).rows}


def order(store: Store, article_id: int) -> list[str]:
    return [row.claim.id for row in store.review(article_id).rows]


def test_undo_of_a_split_puts_the_claim_back_with_its_evidence_and_verdict(
    store: Store, clock: Clock, article_id: int
) -> None:
    store.set_verdict(article_id, "c2", label="false", note="2 May.", evidence_rank=1)
    clock.now = T2
    store.replace_claims(article_id, "split", write=(HEAD, TAIL), after="c2")
    assert order(store, article_id) == ["c1", "c2", "c4", "c3"]
    assert rows(store, article_id)["c2"].evidence == ()  # matched again by checks.edits
    clock.now = T3
    (undone,) = store.undo(article_id)
    assert (undone.action, undone.claim_id, undone.changed_at) == ("claims undone", "c2", T3)
    back = rows(store, article_id)
    assert order(store, article_id) == ["c1", "c2", "c3"]
    assert back["c2"].claim == C2
    assert back["c2"].evidence == (E2_1, E2_2)
    assert (back["c2"].verdict.label, back["c2"].verdict.note) == ("false", "2 May.")
    assert back["c2"].verdict.evidence_rank == 1
    assert [(e.action, e.before, e.after) for e in store.claim_edits(article_id)] == [
        ("split", ((C2.id, C2.text),), ((HEAD.id, HEAD.text), (TAIL.id, TAIL.text))),
        ("undo", ((HEAD.id, HEAD.text), (TAIL.id, TAIL.text)), ((C2.id, C2.text),)),
    ]
    assert [(h.action, h.changed_at) for h in store.history(article_id)] == [
        ("verdict", T1), ("claims", T2), ("claims undone", T3),
    ]  # fmt: skip
    (before,) = store.undo(article_id)  # then the verdict before the split
    assert (before.action, before.label) == ("verdict", "unreviewed")
    assert store.new_claim_ids(article_id, 1) == ("c5",)  # c4 is never given again


def test_undo_of_a_delete_and_of_a_merge(store: Store, clock: Clock, article_id: int) -> None:
    store.set_verdict(article_id, "c3", label="true")
    store.replace_claims(article_id, "delete", remove=("c3",))
    merged = replace(C2, text=f"{C2.text} {C3.text}")
    clock.now = T4
    store.replace_claims(article_id, "merge", remove=("c2",), write=(replace(merged, id="c1"),))
    assert order(store, article_id) == ["c1"]
    store.undo(article_id)  # the merge
    assert order(store, article_id) == ["c1", "c2"]
    assert rows(store, article_id)["c2"].evidence == (E2_1, E2_2)
    store.undo(article_id)  # the delete
    back = rows(store, article_id)
    assert order(store, article_id) == ["c1", "c2", "c3"]
    assert (back["c3"].claim, back["c3"].evidence, back["c3"].verdict.label) == (
        C3, (E3_1,), "true",
    )  # fmt: skip
    assert [row.claim for row in back.values()] == list(ANALYSIS.claims)


def test_an_edit_the_claims_moved_on_from_is_passed_over(
    store: Store, clock: Clock, article_id: int
) -> None:
    store.set_verdict(article_id, "c3", label="true")
    store.replace_claims(article_id, "split", write=(HEAD, TAIL), after="c2")
    store.save_analysis(article_id, ANALYSIS)  # analysed again: the split's claims are gone
    analysed = [(row.claim.id, row.claim.text) for row in store.review(article_id).rows]
    (lapsed,) = store.undo(article_id)
    assert lapsed.action == "claims undone"
    assert "claims changed since this edit" in lapsed.detail
    assert [(row.claim.id, row.claim.text) for row in store.review(article_id).rows] == analysed
    (verdict,) = store.undo(article_id)  # undo goes on with the change before
    assert (verdict.claim_id, verdict.label) == ("c3", "unreviewed")
    assert store.undo(article_id) == ()
