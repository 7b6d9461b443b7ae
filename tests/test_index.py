"""checks.index: the library's passage index is built once, reused, rebuilt on change."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from checks import index
from checks.match import Matcher, merge
from checks.model import Claim, ClaimKind, Document, SourceKind
from checks.passages import passages_for
from checks.pipeline import match_documents
from checks.sources.library import document_from_text

NOTES = {
    "NATO": "NATO is a military alliance founded in 1949. Its headquarters are in Brussels.",
    "Crimea": "Russia annexed Crimea in March 2014. Most UN members regard it as Ukrainian.",
    "Summit": "The Summit on Peace in Ukraine was held at Bürgenstock on 15 and 16 June 2024.",
}
CLAIMS = [
    Claim("c1", 0, "Russia annexed Crimea in 2015.", ClaimKind.FACTUAL, 0.9),
    Claim("c2", 1, "NATO's headquarters are in Brussels.", ClaimKind.FACTUAL, 0.9),
    Claim("c3", 2, "The cat sat on the mat.", ClaimKind.FACTUAL, 0.9),
]


def _library() -> list[Document]:
    return [document_from_text(title=title, text=text) for title, text in NOTES.items()]


@pytest.fixture(autouse=True)
def _fresh() -> None:
    index.forget()
    index.stats.clear()


def _keys(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_built_once_then_reused_from_memory_and_disk(tmp_path: Path) -> None:
    docs = _library()
    first = index.load_or_build(tmp_path, docs)
    assert index.stats == {"built": 1}
    (key,) = _keys(tmp_path)
    assert key == index.library_key(docs)
    written = {p.name: p.stat().st_mtime_ns for p in (tmp_path / key).iterdir()}
    assert index.TABLE in written

    assert index.load_or_build(tmp_path, list(reversed(docs))) is first  # order is no change
    index.forget()  # a new process, or a Streamlit server restart
    again = index.load_or_build(tmp_path, docs)
    assert index.stats == {"built": 1, "memory": 1, "loaded": 1}
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / key).iterdir()} == written
    assert again.passages == first.passages
    assert again.match_many(CLAIMS) == first.match_many(CLAIMS)


def test_loaded_index_matches_like_a_fresh_build(tmp_path: Path) -> None:
    docs = _library()
    index.load_or_build(tmp_path, docs)
    index.forget()
    loaded = index.load_or_build(tmp_path, docs)
    fresh = Matcher.build(passages_for(docs), titles={d.uid: d.title for d in docs})
    assert loaded.match_many(CLAIMS, top=5) == fresh.match_many(CLAIMS, top=5)
    assert loaded.match_many(CLAIMS)[0][0].agreement.has_conflict  # 2015 vs March 2014


@pytest.mark.parametrize("change", ["edit", "add", "remove", "retitle"])
def test_rebuilt_when_a_document_changes(tmp_path: Path, change: str) -> None:
    docs = _library()
    index.load_or_build(tmp_path, docs)
    (old,) = _keys(tmp_path)
    if change == "edit":
        docs[0] = document_from_text(title="NATO", text=NOTES["NATO"] + " It has 32 members.")
    elif change == "add":
        docs.append(document_from_text(title="Rain", text="Heavy rain flooded the valley."))
    elif change == "remove":
        docs.pop()
    else:
        docs[0] = replace(docs[0], title="North Atlantic Treaty Organization")
    matcher = index.load_or_build(tmp_path, docs)
    assert index.stats == {"built": 2}
    (new,) = _keys(tmp_path)  # the old key is gone
    assert new != old
    assert len(matcher.passages) == len(passages_for(docs))


def test_an_empty_or_wordless_library_still_saves_and_loads(tmp_path: Path) -> None:
    docs = [document_from_text(title="It", text="It is the. Or it is.")]
    assert index.load_or_build(tmp_path, docs).match_many(CLAIMS) == ((), (), ())
    index.forget()
    assert index.load_or_build(tmp_path, docs).match_many(CLAIMS) == ((), (), ())
    assert index.stats == {"built": 1, "loaded": 1}


def test_a_damaged_index_is_rebuilt(tmp_path: Path) -> None:
    docs = _library()
    index.load_or_build(tmp_path, docs)
    (key,) = _keys(tmp_path)
    (tmp_path / key / index.TABLE).write_text("{not json", encoding="utf-8")
    index.forget()
    assert index.load_or_build(tmp_path, docs).match_many(CLAIMS)[1]
    assert index.stats == {"built": 2}


def test_unwritable_folder_still_matches(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    matcher = index.load_or_build(blocker / "index", _library())
    assert matcher.match_many(CLAIMS)[1]


def test_folder_for() -> None:
    assert index.folder_for(Path("/tmp/db.sqlite3")) == Path("/tmp/db.sqlite3.index")
    assert index.folder_for(":memory:") is None


def test_pipeline_merges_library_index_with_fetched_documents(tmp_path: Path) -> None:
    library = _library()
    wiki = replace(
        document_from_text(
            title="Annexation of Crimea",
            text="Russia annexed Crimea from Ukraine in March 2014 after a disputed referendum.",
        ),
        source=SourceKind.WIKIPEDIA,
    )
    together = match_documents(CLAIMS, [*library, wiki], top=3)
    persisted = match_documents(CLAIMS, [*library, wiki], top=3, index_dir=tmp_path)
    assert index.stats == {"built": 1}  # the library only; the fetched page is never saved
    assert {e.passage for e in persisted} == {e.passage for e in together}
    crimea = [e for e in persisted if e.claim_id == "c1"]
    assert [e.rank for e in crimea] == [1, 2]
    assert {e.passage.document_key for e in crimea} == {library[1].uid, wiki.uid}
    assert [e.score for e in crimea] == sorted((e.score for e in crimea), reverse=True)
    assert "c3" not in {e.claim_id for e in persisted}
    match_documents(CLAIMS, [*library, wiki], index_dir=tmp_path)
    assert index.stats == {"built": 1, "memory": 1}


def test_merge_orders_by_score_and_renumbers_ranks() -> None:
    docs = _library()
    left = Matcher.build(passages_for(docs[:2])).match_many(CLAIMS, top=2)
    right = Matcher.build(passages_for(docs[2:])).match_many(CLAIMS, top=2)
    merged = merge([left, right], top=2)
    assert len(merged) == len(CLAIMS)
    for per_claim in merged:
        assert [e.rank for e in per_claim] == list(range(1, len(per_claim) + 1))
        assert [e.score for e in per_claim] == sorted((e.score for e in per_claim), reverse=True)
    assert merge([left], top=2) == left
    assert merge([], top=2) == ()
