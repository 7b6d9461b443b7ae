"""The use cases the app and the CLI call (checks.workflow), against a real SQLite file and
a real library (text the team wrote)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks import relevance, workflow
from checks.errors import InputError, VerdictError
from checks.model import ClaimKind, Passage
from checks.pipeline import analyze
from checks.sources.library import LibrarySource, document_from_text, seed_demo_library
from checks.store import Store
from tests.conftest import DEMO_ARTICLE

HISTORY = "The Harbour Bridge opened to traffic in March 1932 after eight years of work."
NOTE = "Officials said the Harbour Bridge opened in 1932."
BRIDGE = (
    "Harbour Bridge turns 92\n\nThe Harbour Bridge opened in 1932 after eight years of building."
    " The mayor spoke at the party.\n"
)


@pytest.fixture
def store(db_path: Path) -> Store:
    return Store.open(db_path)


def library(store: Store) -> tuple[LibrarySource, ...]:
    return (LibrarySource(store),)


@pytest.mark.parametrize("claims", ["split again", "kept (edited)"])
@pytest.mark.parametrize("removed", ["the first passage", "the cited passage"])
def test_analyse_again_with_a_changed_library_moves_or_drops_the_citation(
    store: Store, claims: str, removed: str
) -> None:
    history = document_from_text(title="Bridge history", text=HISTORY)
    note = document_from_text(title="Desk notes", text=NOTE)
    for doc in (history, note):
        store.upsert_document(doc)
    done = workflow.analyse_new(store, title="Bridge", text=BRIDGE, sources=library(store))
    article_id = done.article_id
    row = store.review(article_id).rows[1]
    assert [e.passage.document_key for e in row.evidence] == [history.uid, note.uid]
    store.set_verdict(article_id, "c2", label="true", note="as the desk says", evidence_rank=2)
    if claims == "kept (edited)":
        edit = workflow.ClaimChange(workflow.EDIT, "c3", "The mayor spoke.")
        workflow.edit_claim(store, article_id, edit)

    store.delete_document(history.uid if removed == "the first passage" else note.uid)
    again = workflow.analyse_again(store, article_id, sources=library(store))

    assert again.kept_claims is (claims == "kept (edited)")
    after = store.review(article_id).rows[1]
    assert (after.verdict.label, after.verdict.note) == ("true", "as the desk says")
    if removed == "the first passage":  # the cited passage now ranks first: the citation follows
        assert [e.passage.document_key for e in after.evidence] == [note.uid]
        assert after.verdict.evidence_rank == 1
        assert again.notices == ()
    else:  # the cited passage is gone: the citation is dropped, and the reviewer is told
        assert [e.passage.document_key for e in after.evidence] == [history.uid]
        assert after.verdict.evidence_rank is None
        assert again.notices == (
            "Claim c2: the passage its verdict cited is no longer among its evidence, so the"
            f" citation was removed (“{NOTE}”, {note.uid}).",
        )


def test_analyse_new_stores_the_article_and_its_analysis(store: Store) -> None:
    seed_demo_library(store)
    text = DEMO_ARTICLE.read_text(encoding="utf-8")
    done = workflow.analyse_new(store, title="  ", text=text, url="https://example.org/a",
                                sources=library(store))  # fmt: skip
    review = store.review(done.article_id)
    assert review.article.title == (
        "Putin Proposes Ceasefire: Ukraine Must Abandon NATO Aspirations and Russian-Claimed"
        " Territories"
    )
    assert review.article.url == "https://example.org/a"
    assert [row.claim for row in review.rows] == list(done.analysis.claims)
    shown = {e.claim_id for e in done.analysis.evidence if e.score >= relevance.FLOOR}
    assert done.claims_with_evidence == len(shown) > 0  # weak matches are not evidence
    assert len(shown) < len({e.claim_id for e in done.analysis.evidence})
    assert done.kept_claims is False


@pytest.mark.parametrize(("keep", "articles"), [(True, 1), (False, 0)])
def test_a_failed_analysis_keeps_the_text_only_when_asked(
    store: Store, monkeypatch: pytest.MonkeyPatch, keep: bool, articles: int
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise InputError("the analysis broke")

    monkeypatch.setattr(workflow, "analyze", broken)
    with pytest.raises(InputError, match="broke"):
        workflow.analyse_new(store, title="T", text="Some text.", sources=(),
                             keep_text_on_failure=keep)  # fmt: skip
    assert len(store.articles()) == articles
    if keep:
        assert store.article(store.articles()[0].id).text == "Some text."


def test_text_that_cannot_be_analysed_stores_nothing(store: Store) -> None:
    with pytest.raises(InputError, match="The article is empty"):
        workflow.analyse_new(store, title="T", text="  \n", sources=())
    assert store.articles() == ()


@pytest.fixture
def demo(store: Store) -> int:
    seed_demo_library(store)
    text = DEMO_ARTICLE.read_text(encoding="utf-8")
    article = store.add_article(title="Demo", text=text)
    store.save_analysis(article.id, analyze(text, sources=library(store)))
    return article.id


def test_every_claim_edit_goes_through_one_function(store: Store, demo: int) -> None:
    change = workflow.ClaimChange
    total = len(store.review(demo).rows)
    edited = workflow.edit_claim(store, demo, change(workflow.EDIT, "c5", "Putin spoke."))
    assert [c.text for c in edited.claims] == ["Putin spoke."]
    split = workflow.edit_claim(store, demo, change(workflow.SPLIT, "c6", "One part", "another."))
    assert [c.id for c in split.claims] == ["c6", f"c{total + 1}"]
    merged = workflow.edit_claim(store, demo, change(workflow.MERGE, "c8"))
    assert merged.claims[0].text.startswith("Ukrainian President Volodymyr Zelensky")
    added = workflow.edit_claim(store, demo, change(workflow.ADD, text="a ceasefire"))
    assert added.claims[0].text == "a ceasefire"
    deleted = workflow.edit_claim(store, demo, change(workflow.DELETE, "c5"))
    assert deleted.claims == ()
    assert [e.action for e in store.claim_edits(demo)] == ["edit", "split", "merge", "add",
                                                           "delete"]  # fmt: skip
    with pytest.raises(InputError, match="unknown claim edit 'rename'"):
        workflow.edit_claim(store, demo, change("rename", "c6"))


def test_a_pasted_reference_is_stored_and_its_claim_matched_again(store: Store, demo: int) -> None:
    def no_wikipedia(language: str) -> object:
        raise AssertionError("pasted text is never fetched")

    text = (
        "Putin stated in a televised address that Russia is ready to halt military operations"
        " at once if Ukraine recognises the annexation of the Donetsk, Luhansk, Kherson and"
        " Zaporizhzhia regions."
    )
    added = workflow.add_reference(store, demo, "c5", title="Desk memo", text=text,
                                   wikipedia=no_wikipedia)  # type: ignore[arg-type]  # fmt: skip
    row = next(r for r in store.review(demo).rows if r.claim.id == "c5")
    assert added.document.title == "Desk memo"
    assert added.evidence == len(relevance.shown(row.evidence)) > 0
    assert row.evidence[0].passage == Passage(added.document.uid, 0, len(text), text)
    assert store.document(added.document.uid).text == text
    with pytest.raises(InputError, match="no claim 'c99'"):
        workflow.add_reference(store, demo, "c99", title="x", text="y",
                               wikipedia=no_wikipedia)  # type: ignore[arg-type]  # fmt: skip


def test_mark_not_checkable_marks_headings_questions_and_opinions(store: Store, demo: int) -> None:
    rows = store.review(demo).rows
    skip = {ClaimKind.HEADING, ClaimKind.OPINION, ClaimKind.QUESTION}
    expected = {row.claim.id for row in rows if row.claim.kind in skip}
    assert expected
    assert workflow.mark_not_checkable(store, demo) == len(expected)
    marked = {r.claim.id for r in store.review(demo).rows if r.verdict.label == "not checkable"}
    assert marked == expected
    assert workflow.mark_not_checkable(store, demo) == 0
    with pytest.raises(VerdictError, match="no 'not checkable' label"):
        workflow.mark_not_checkable(store, demo, scale=("unreviewed", "true", "false"))
