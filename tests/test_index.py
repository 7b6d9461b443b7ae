"""checks.index: the library's passage index is built once, reused, rebuilt on change or
damage, and only this module's own folders are ever deleted."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
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


def _fresh(docs: list[Document]) -> Matcher:
    return Matcher.build(passages_for(docs), titles={d.uid: d.title for d in docs})


@pytest.fixture(autouse=True)
def _clear() -> None:
    index.forget()
    index.stats.clear()
    index.documents_stats.clear()


def _keys(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_built_once_then_reused_from_memory_and_disk(tmp_path: Path) -> None:
    docs = _library()
    first = index.load_or_build(tmp_path, docs)
    assert index.stats == {"built": 1}
    (key,) = _keys(tmp_path)
    assert key == index.library_key(docs)
    written = {p.name: p.stat().st_mtime_ns for p in (tmp_path / key).iterdir()}
    assert {index.MANIFEST, index.OWNER, "spans.npy", "indptr.csc.index.npy"} <= set(written)

    assert index.load_or_build(tmp_path, list(reversed(docs))) is first  # order is no change
    index.forget()  # a new process, or a Streamlit server restart
    again = index.load_or_build(tmp_path, docs)
    assert index.stats == {"built": 1, "memory": 1, "loaded": 1}
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / key).iterdir()} == written
    assert again.passages == first.passages
    assert again.match_many(CLAIMS) == first.match_many(CLAIMS)


def test_loaded_index_matches_like_a_fresh_build(tmp_path: Path) -> None:
    docs = _library()
    built = index.load_or_build(tmp_path, docs)
    index.forget()
    loaded = index.load_or_build(tmp_path, docs)
    fresh = _fresh(docs)
    for matcher in (built, loaded):
        assert list(matcher.passages) == list(fresh.passages)  # the documents' order
        assert list(matcher.bodies) == list(fresh.bodies)
        assert matcher._stats == fresh._stats  # the same df, count and mean length
        assert matcher.match_many(CLAIMS, top=5) == fresh.match_many(CLAIMS, top=5)
    assert loaded.match_many(CLAIMS)[0][0].agreement.has_conflict  # 2015 vs March 2014


@pytest.mark.parametrize("change", ["edit", "add", "remove", "retitle", "language"])
def test_rebuilt_when_a_document_changes_splitting_only_that_one(
    tmp_path: Path, change: str
) -> None:
    docs = _library()
    index.load_or_build(tmp_path, docs)
    (old,) = _keys(tmp_path)
    index.documents_stats.clear()
    if change == "edit":
        docs[0] = document_from_text(title="NATO", text=NOTES["NATO"] + " It has 32 members.")
    elif change == "add":
        docs.append(document_from_text(title="Rain", text="Heavy rain flooded the valley."))
    elif change == "remove":
        docs.pop()
    elif change == "retitle":
        docs[0] = replace(docs[0], title="North Atlantic Treaty Organization")
    else:
        docs[0] = replace(docs[0], language="de")
    matcher = index.load_or_build(tmp_path, docs)
    assert index.stats == {"built": 2}
    if change == "remove":
        assert index.documents_stats == {"reused": 2}
    else:
        assert index.documents_stats == {"split": 1, "reused": len(docs) - 1}
    (new,) = _keys(tmp_path)  # the old key is gone
    assert new != old
    fresh = _fresh(docs)
    assert list(matcher.passages) == list(fresh.passages)
    assert matcher._stats == fresh._stats
    assert matcher.match_many(CLAIMS, top=5) == fresh.match_many(CLAIMS, top=5)


def test_an_empty_or_wordless_library_still_saves_and_loads(tmp_path: Path) -> None:
    docs = [document_from_text(title="It", text="It is the. Or it is.")]
    assert index.load_or_build(tmp_path, docs).match_many(CLAIMS) == ((), (), ())
    index.forget()
    assert index.load_or_build(tmp_path, docs).match_many(CLAIMS) == ((), (), ())
    assert index.stats == {"built": 1, "loaded": 1}


# --- damage: every kind is found on load, rebuilt, and the folder replaced ----------------


def _empty(name: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_bytes(b"")


def _rewrite_json(name: str, value: object) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_text(json.dumps(value), encoding="utf-8")


def _edit_array(name: str, edit: Callable[[np.ndarray], np.ndarray]) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        np.save(folder / name, edit(np.load(folder / name)), allow_pickle=False)

    return damage


def _shift_indptr(indptr: np.ndarray) -> np.ndarray:
    changed = indptr.copy()
    changed[1:-1] = np.maximum(changed[1:-1] - 1, 0)  # still monotonic, other evidence
    return changed


DAMAGE = {
    "spans.npy emptied": _empty("spans.npy"),
    "data.npy emptied": _empty("data.csc.index.npy"),
    "indptr changed": _edit_array("indptr.csc.index.npy", _shift_indptr),
    "span out of range": _edit_array("spans.npy", lambda a: a + 10_000),
    "stem id out of range": _edit_array("body_ids.npy", lambda a: a + 10_000),
    "passage out of range": _edit_array("indices.csc.index.npy", lambda a: a + 10_000),
    "stems.json wrong types": _rewrite_json("stems.json", [1, 2, 3]),
    "documents.json wrong types": _rewrite_json("documents.json", {"uid": 3}),
    "vocab wrong types": _rewrite_json("vocab.index.json", ["not", "a", "dict"]),
    "params changed": _rewrite_json("params.index.json", {"k1": 9}),
    "manifest emptied": _empty(index.MANIFEST),
    "manifest wrong types": _rewrite_json(index.MANIFEST, {"tool": "checks.index", "files": []}),
    "file missing": lambda folder: (folder / "body_offsets.npy").unlink(),
    "folder emptied": lambda folder: [p.unlink() for p in folder.iterdir()],
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_damage_is_found_rebuilt_and_replaced(
    tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    docs = _library()
    index.load_or_build(tmp_path, docs)
    (key,) = _keys(tmp_path)
    damage(tmp_path / key)
    index.forget()
    matcher = index.load_or_build(tmp_path, docs)  # no exception, the same evidence
    assert matcher.match_many(CLAIMS, top=5) == _fresh(docs).match_many(CLAIMS, top=5)
    assert index.stats == {"built": 2, "damaged": 1}
    assert _keys(tmp_path) == [key]
    index.forget()
    index.stats.clear()
    index.load_or_build(tmp_path, docs)  # the damage did not stay
    assert index.stats == {"loaded": 1}


@pytest.mark.parametrize(
    "damage",
    [
        _edit_array("spans.npy", lambda a: a + 10_000),
        _edit_array("body_ids.npy", lambda a: a + 10_000),
        _edit_array("body_offsets.npy", lambda a: a[::-1].copy()),
        _edit_array("indices.csc.index.npy", lambda a: a + 10_000),
        _edit_array("indptr.csc.index.npy", lambda a: a[::-1].copy()),
        _edit_array("field_df.npy", lambda a: a[:-1].copy()),
        _rewrite_json("stems.json", ["a", "a", "b"]),
        _edit_array("title_ids.npy", lambda a: a.astype(np.int64)),
    ],
    ids=["spans", "stem ids", "offsets", "passages", "indptr", "df", "stems", "dtype"],
)
def test_inconsistent_arrays_are_refused_even_with_matching_hashes(
    tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    """A folder whose manifest was rewritten to fit broken files is still not trusted."""
    docs = _library()
    index.load_or_build(tmp_path, docs)
    (key,) = _keys(tmp_path)
    folder = tmp_path / key
    damage(folder)
    manifest = json.loads((folder / index.MANIFEST).read_text(encoding="utf-8"))
    for name in manifest["files"]:
        manifest["files"][name] = index._describe(folder / name)
    (folder / index.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    index.forget()
    matcher = index.load_or_build(tmp_path, docs)
    assert index.stats == {"built": 2, "damaged": 1}
    assert matcher.match_many(CLAIMS, top=5) == _fresh(docs).match_many(CLAIMS, top=5)


def test_a_damaged_older_index_is_not_copied_from(tmp_path: Path) -> None:
    docs = _library()
    index.load_or_build(tmp_path, docs)
    (key,) = _keys(tmp_path)
    _empty("body_ids.npy")(tmp_path / key)
    docs.append(document_from_text(title="Rain", text="Heavy rain flooded the valley."))
    index.documents_stats.clear()
    matcher = index.load_or_build(tmp_path, docs)
    assert index.documents_stats == {"split": 4}  # nothing copied from the damaged one
    assert matcher.match_many(CLAIMS, top=5) == _fresh(docs).match_many(CLAIMS, top=5)


# --- only this module's folders are deleted -------------------------------------------------


def _age_folder(path: Path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_only_folders_made_here_are_deleted(tmp_path: Path) -> None:
    docs = _library()
    index.load_or_build(tmp_path, docs)
    (old,) = _keys(tmp_path)
    foreign = tmp_path / "notes"
    foreign.mkdir()
    (foreign / "mine.txt").write_text("a reviewer's notes", encoding="utf-8")
    lookalike = tmp_path / ("ab" * 12)  # named like a key, not made here
    lookalike.mkdir()
    (lookalike / "data.bin").write_bytes(b"\x00")
    legacy = tmp_path / ("cd" * 12)  # an index of the layout before format 2
    legacy.mkdir()
    for name in ("passages.json", "params.index.json", "vocab.index.json"):
        (legacy / name).write_text("{}", encoding="utf-8")
    stale = tmp_path / ".build-crashed"
    stale.mkdir()
    _age_folder(stale, index.STALE_SECONDS + 60)
    running = tmp_path / ".build-running"  # another process's build in progress
    running.mkdir()
    (tmp_path / "readme.txt").write_text("a file", encoding="utf-8")

    docs.pop()
    index.load_or_build(tmp_path, docs)
    new = index.library_key(docs)
    assert _keys(tmp_path) == sorted(
        [new, foreign.name, lookalike.name, running.name, "readme.txt"]
    )
    assert old not in _keys(tmp_path)
    assert (foreign / "mine.txt").read_text(encoding="utf-8") == "a reviewer's notes"
    assert (lookalike / "data.bin").read_bytes() == b"\x00"


def test_a_foreign_folder_at_the_key_path_is_set_aside_not_read(tmp_path: Path) -> None:
    docs = _library()
    target = tmp_path / index.library_key(docs)
    target.mkdir()
    (target / "manifest.json").write_text('{"tool": "someone else"}', encoding="utf-8")
    matcher = index.load_or_build(tmp_path, docs)
    assert index.stats == {"damaged": 1, "built": 1}
    assert matcher.match_many(CLAIMS) == _fresh(docs).match_many(CLAIMS)
    assert (target / index.OWNER).is_file()


def test_a_second_build_of_the_same_key_keeps_the_first(tmp_path: Path) -> None:
    """Two processes building at once: the one that renames second keeps the first's folder."""
    docs = _library()
    index.load_or_build(tmp_path, docs)
    (key,) = _keys(tmp_path)
    before = (tmp_path / key / index.MANIFEST).stat().st_mtime_ns
    table = index.build_table(docs, [index.document_digest(d) for d in docs])
    index._save(table, index.bm25_index(table, k1=1.5, b=0.5), tmp_path / key)
    assert _keys(tmp_path) == [key]
    assert (tmp_path / key / index.MANIFEST).stat().st_mtime_ns == before


def test_unwritable_folder_still_matches(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    matcher = index.load_or_build(blocker / "index", _library())
    assert matcher.match_many(CLAIMS)[1]


def test_folder_for() -> None:
    assert index.folder_for(Path("/tmp/db.sqlite3")) == Path("/tmp/db.sqlite3.index")
    assert index.folder_for(":memory:") is None


# --- files of other components in the index folder -----------------------------------------


def test_attached_files_are_listed_checked_and_go_with_the_key(tmp_path: Path) -> None:
    docs = _library()
    index.load_or_build(tmp_path, docs)
    target = index.location(tmp_path, docs)
    vectors = tmp_path / "vectors.tmp"
    with vectors.open("wb") as handle:
        np.save(handle, np.ones((3, 4), np.float32), allow_pickle=False)
    index.attach(target, "vectors.npy", vectors)
    found = index.attached(target, "vectors.npy")
    assert found == target / "vectors.npy"
    assert np.load(found).shape == (3, 4)
    assert not vectors.exists()
    index.forget()
    index.load_or_build(tmp_path, docs)
    assert index.stats == {"built": 1, "loaded": 1}  # the index still verifies
    with pytest.raises(ValueError, match="file of the index"):
        index.attach(target, "spans.npy", tmp_path / "x")
    with pytest.raises(ValueError, match="not a file name"):
        index.attach(target, "../escape.npy", tmp_path / "x")

    (target / "vectors.npy").write_bytes(b"damaged")
    assert index.attached(target, "vectors.npy") is None
    assert index.attached(target, "absent.npy") is None
    docs.pop()
    index.load_or_build(tmp_path, docs)
    assert not target.exists()  # gone with its key


# --- the pipeline ---------------------------------------------------------------------------


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
