"""The reviewer's claim edits against a real SQLite file (undo: tests/store/test_verdicts.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from checks import edits, references, workflow
from checks.errors import InputError, StoreError
from checks.model import ClaimKind
from checks.pipeline import analyze
from checks.sources.library import LibrarySource, seed_demo_library
from checks.store import Store
from tests.conftest import DEMO_ARTICLE


@pytest.fixture
def store(db_path: Path) -> Store:
    return Store.open(db_path)


@pytest.fixture
def article_id(store: Store) -> int:
    seed_demo_library(store)
    text = DEMO_ARTICLE.read_text(encoding="utf-8")
    article = store.add_article(title="Demo", text=text)
    store.save_analysis(article.id, analyze(text, sources=(LibrarySource(store),)))
    return article.id


def state(store: Store, article_id: int) -> dict[str, tuple[str, str]]:
    return {
        row.claim.id: (row.verdict.label, row.verdict.note)
        for row in store.review(article_id).rows
        if (row.verdict.label, row.verdict.note) != ("unreviewed", "")
    }


# --- claim edits ---------------------------------------------------------------------------


def ids(store: Store, article_id: int) -> list[str]:
    return [row.claim.id for row in store.review(article_id).rows]


def test_edit_text_keeps_id_place_and_verdict_and_matches_again(
    store: Store, article_id: int
) -> None:
    store.set_verdict(article_id, "c5", label="false", note="n")
    before = ids(store, article_id)
    claim = edits.edit_text(
        store, article_id, "c5", "NATO was founded in 1949 by twelve countries."
    )
    assert ids(store, article_id) == before
    row = next(r for r in store.review(article_id).rows if r.claim.id == "c5")
    assert row.claim == claim
    assert row.claim.text == "NATO was founded in 1949 by twelve countries."
    assert "year: 1949" in row.claim.reasons
    assert (row.verdict.label, row.verdict.note) == ("false", "n")
    assert row.evidence[0].passage.document_key == "library:nato"
    assert [e.action for e in store.claim_edits(article_id)] == ["edit"]


def test_split_keeps_the_first_id_and_gives_the_second_a_new_one(
    store: Store, article_id: int
) -> None:
    store.set_verdict(article_id, "c6", label="true")
    text = next(r.claim.text for r in store.review(article_id).rows if r.claim.id == "c6")
    first, second = edits.split_guess(text)
    assert first
    assert second
    new = edits.split(store, article_id, "c6", first, second)
    count = len(ids(store, article_id))
    assert new.id == f"c{count}"  # one more than the highest id the article had
    order = ids(store, article_id)
    assert order[order.index("c6") + 1] == new.id
    assert state(store, article_id) == {"c6": ("true", "")}
    assert [e.action for e in store.claim_edits(article_id)] == ["split"]


def test_merge_deletes_the_second_and_ids_are_never_reused(store: Store, article_id: int) -> None:
    store.set_verdict(article_id, "c3", label="half true")
    store.set_verdict(article_id, "c4", label="false")
    last = ids(store, article_id)[-1]
    merged = edits.merge_with_next(store, article_id, "c3")
    assert "c4" not in ids(store, article_id)
    assert merged.id == "c3"
    assert state(store, article_id) == {"c3": ("half true", "")}
    edits.delete(store, article_id, last)
    added = edits.add_from_passage(store, article_id, "a ceasefire")
    assert added.id == f"c{int(last[1:]) + 1}"  # neither c4 nor the deleted last id again
    assert store.new_claim_ids(article_id, 2) == (
        f"c{int(last[1:]) + 2}",
        f"c{int(last[1:]) + 3}",
    )


def test_add_from_passage_finds_it_ignoring_spaces_and_case(store: Store, article_id: int) -> None:
    text = store.review(article_id).article.text
    start = text.index("Moscow, June 15")
    passage = text[start : start + 40].upper().replace(" ", "  ")
    claim = edits.add_from_passage(store, article_id, passage)
    rows = store.review(article_id).rows
    row = next(r for r in rows if r.claim.id == claim.id)
    assert row.claim.text == text[start : start + 40]
    assert row.sentence.start <= start < row.sentence.end
    position = [r.claim.id for r in rows].index(claim.id)
    # the dateline makes no claim of its own: the new claim sits in its place, between the
    # headline's claim and the claim of the sentence the dateline opens
    assert (rows[position - 1].sentence.index, row.sentence.index) == (0, 1)
    assert rows[position + 1].sentence.index == 2


def test_add_a_passage_not_in_the_article_is_refused(store: Store, article_id: int) -> None:
    with pytest.raises(InputError, match="not in the article"):
        edits.add_from_passage(store, article_id, "the moon is made of cheese")
    assert store.claim_edits(article_id) == ()


def test_an_edited_heading_stays_a_heading(store: Store, article_id: int) -> None:
    claim = edits.edit_text(store, article_id, "c1", "Putin offers a ceasefire")
    assert claim.kind is ClaimKind.HEADING


def test_an_old_id_cannot_be_written_as_new(store: Store, article_id: int) -> None:
    edits.delete(store, article_id, "c4")
    claim = next(r.claim for r in store.review(article_id).rows if r.claim.id == "c3")
    with pytest.raises(StoreError, match="used before"):
        store.replace_claims(article_id, "add", write=(replace(claim, id="c4"),))


def test_analyse_again_keeps_edited_claims_and_verdicts(store: Store, article_id: int) -> None:
    store.set_verdict(article_id, "c2", label="false")
    edits.edit_text(store, article_id, "c5", "NATO was founded in 1949.")
    edits.delete(store, article_id, "c7")
    before = ids(store, article_id)
    done = workflow.analyse_again(store, article_id, sources=(LibrarySource(store),))
    assert done.kept_claims
    analysis = done.analysis
    assert ids(store, article_id) == before
    assert [c.id for c in analysis.claims] == before
    review = store.review(article_id)
    assert next(r for r in review.rows if r.claim.id == "c5").claim.text == (
        "NATO was founded in 1949."
    )
    assert state(store, article_id) == {"c2": ("false", "")}
    assert any(r.evidence for r in review.rows)


EDITS_THAT_MATCH = {
    "edit": lambda s, a: edits.edit_text(s, a, "c6", "NATO was founded in 1949."),
    "split": lambda s, a: edits.split(s, a, "c6", "The first half", "the second half."),
    "merge": lambda s, a: edits.merge_with_next(s, a, "c6"),
    "add": lambda s, a: edits.add_from_passage(s, a, "a ceasefire"),
}


@pytest.mark.parametrize("edit", list(EDITS_THAT_MATCH))
def test_a_failure_while_matching_changes_nothing(
    store: Store, article_id: int, monkeypatch: pytest.MonkeyPatch, edit: str
) -> None:
    """The new claims and their evidence are computed first, then written in one
    transaction: a failure in matching leaves text, evidence, verdicts and log as they were."""
    cited = next(r for r in store.review(article_id).rows if r.claim.id == "c6")
    assert len(cited.evidence) == 3
    store.set_verdict(article_id, "c6", label="false", note="n", evidence_rank=1)
    before = store.review(article_id)

    def broken(*args: object, **kwargs: object) -> tuple[()]:
        raise RuntimeError("the passage index is damaged")

    monkeypatch.setattr(references, "match_documents", broken)
    with pytest.raises(RuntimeError, match="index is damaged"):
        EDITS_THAT_MATCH[edit](store, article_id)
    assert store.review(article_id) == before
    assert store.claim_edits(article_id) == ()
    assert store.new_claim_ids(article_id, 1) == (f"c{len(before.rows) + 1}",)
