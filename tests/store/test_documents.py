"""The reference library: upsert, list, remove; a cited document stays until uncited."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.errors import NotFoundError
from checks.model import Analysis, Document, SourceKind
from checks.store import Store
from tests.store.samples import C1, C2, E2_1, NOTES, S0, S1, UNCITED, WIKI, raw


def test_documents_upsert_list_filter_and_delete(store: Store) -> None:
    for doc in (WIKI, NOTES, UNCITED):
        store.upsert_document(doc)
    assert store.documents() == (UNCITED, NOTES, WIKI)
    assert store.documents(source=SourceKind.WIKIPEDIA) == (WIKI,)
    assert store.documents(source=SourceKind.ZIM) == ()

    revised = Document(
        SourceKind.WIKIPEDIA, "Cairo_talks", "Cairo talks", WIKI.url.replace("123", "124"),
        "124", "en", "The talks opened on 3 May 2024.", "2026-11-28T08:00:00Z",
    )  # fmt: skip
    store.upsert_document(revised)
    assert store.document("wikipedia:Cairo_talks") == revised

    store.delete_document("library:old.txt")
    assert store.documents() == (NOTES, revised)
    with pytest.raises(NotFoundError, match=r"no document library:old\.txt"):
        store.document("library:old.txt")
    with pytest.raises(NotFoundError, match=r"no document library:old\.txt"):
        store.delete_document("library:old.txt")


def test_removing_a_cited_document_keeps_it_for_its_evidence_until_uncited(
    store: Store, db_path: Path, article_id: int
) -> None:
    before = store.review(article_id)
    store.delete_document("library:notes.txt")
    assert store.documents() == (UNCITED, WIKI)
    assert store.document("library:notes.txt") == NOTES
    assert store.review(article_id) == before
    with pytest.raises(NotFoundError, match=r"no document library:notes\.txt"):
        store.delete_document("library:notes.txt")

    store.save_analysis(article_id, Analysis((S0, S1), (C1, C2), (), (E2_1,)))
    assert raw(db_path, "SELECT uid FROM documents ORDER BY uid") == [
        ("library:old.txt",), ("wikipedia:Cairo_talks",),
    ]  # fmt: skip


def test_upserting_a_removed_document_lists_it_again(store: Store, article_id: int) -> None:
    store.delete_document("library:notes.txt")
    store.upsert_document(NOTES)
    assert store.documents(source=SourceKind.LIBRARY) == (UNCITED, NOTES)


def test_deleting_the_last_citing_article_drops_removed_documents(
    store: Store, db_path: Path, article_id: int
) -> None:
    store.delete_document("wikipedia:Cairo_talks")
    store.delete_article(article_id)
    assert raw(db_path, "SELECT uid FROM documents ORDER BY uid") == [
        ("library:notes.txt",), ("library:old.txt",),
    ]  # fmt: skip
