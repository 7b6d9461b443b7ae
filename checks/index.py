"""The passage index of the reference library, built once and kept next to the database.

``load_or_build(folder, documents)`` returns a ``Matcher`` over the passages of
``documents``. The index lives in ``<folder>/<key>/``, where ``key`` is a content hash of the
documents (each one's uid, revision, title, language and text) and of how they are indexed
(``FORMAT``, the matcher's ``VERSION``):

- the same documents again (the next analysis, a Streamlit rerun, another process): the
  index is read from disk, or taken from this process's memory if it was the last one used;
- a document added, removed or changed: a new key. The index is built once for it, and
  only the changed documents are split and stemmed: the others are copied from the newest
  index already on disk (``checks.passage_table``). It is written to a temporary folder and
  renamed into place (two processes building at once both end with a complete folder); the
  older keys are then deleted.

On disk: the passage table's columns (``checks.passage_table``: spans, stem ids, title stem
ids, document frequencies as ``.npy``; the documents' uids and digests and the stem
vocabulary as JSON) and bm25s's own files (``checks.bm25_matrix``). Every file is listed in
``manifest.json`` with its size and SHA-256; the manifest is written last, so a folder
without a valid one is incomplete. Loading checks the manifest, every listed file's size and
hash, and that the arrays fit together and fit the documents (spans inside their texts, ids
inside the vocabulary, bm25s's ``indptr`` consistent): on any doubt the index is built again
and the damaged folder replaced, so a damaged file costs one rebuild and never an error or a
different result. The arrays are then memory-mapped, not read again.

Only folders this module made are ever deleted: a ``<key>`` folder holding ``OWNER`` (written
first, before anything else), a ``.build-`` or ``.trash-`` folder of this module older than
``STALE_SECONDS``, or an index of the layout before ``FORMAT`` 2. Anything else under the
folder is left alone.

Files of other components (the semantic matcher's passage vectors, say) can live in the same
folder, under the same content hash: ``attach`` moves a finished file in and lists it in the
manifest under ``attached``; ``attached`` returns its path when its size and hash still
match, else None. They go when the key goes.

The app and the CLI put the folder at ``<database file>.index`` (``folder_for``). Documents
fetched for one article (Wikipedia pages differ per article) are not persisted: the pipeline
builds a small matcher for them on the fly and merges its evidence with the library's by
score (``checks.match.merge``).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import bm25s
import numpy as np

from checks.bm25_matrix import EMPTY_TOKEN, PassageBM25, bm25_index
from checks.match import K1, VERSION, B, Matcher
from checks.model import Document
from checks.passage_table import (
    BodyView,
    PassageTable,
    PassageView,
    build_table,
    check_table,
    document_digest,
    field_length,
)

FORMAT = "3"
TOOL = "checks.index"
MANIFEST = "manifest.json"
OWNER = "created-by-checks-index"
DOCUMENTS = "documents.json"
STEMS = "stems.json"
ARRAYS = (
    "doc_offsets",
    "spans",
    "body_ids",
    "body_offsets",
    "title_ids",
    "title_offsets",
    "field_df",
)
_DTYPES = {"body_ids": np.int32, "title_ids": np.int32}
MEMORY_SLOTS = 2
STALE_SECONDS = 3600
"""A ``.build-`` folder older than this is a crashed build's leftover and may go."""
_KEY = re.compile(r"[0-9a-f]{24}")
_SCRATCH = ".build-"
_TRASH = ".trash-"
_LEGACY_FILES = ("passages.json", "params.index.json")

stats: Counter[str] = Counter()
"""How often an index was ``built``, ``loaded`` from disk, taken from ``memory`` or found
``damaged`` (and then built again)."""
documents_stats: Counter[str] = Counter()
"""Documents ``split`` anew or ``reused`` (copied from an older index) while building."""

_memory: dict[Path, Matcher] = {}
_lock = threading.Lock()


class _Damaged(Exception):
    """An index folder that cannot be trusted (internal: it is rebuilt, never shown)."""


def folder_for(db_path: Path | str) -> Path | None:
    """Where the index of the library in database ``db_path`` lives; None for an in-memory
    database.

    >>> folder_for(Path("/data/workbench.sqlite3")).as_posix()
    '/data/workbench.sqlite3.index'
    >>> folder_for(":memory:") is None
    True
    """
    if str(db_path) in ("", ":memory:"):
        return None
    path = Path(db_path)
    return path.with_name(path.name + ".index")


def library_key(documents: Sequence[Document]) -> str:
    """A content hash of ``documents`` (order does not matter) and of how they are indexed."""
    return _key(documents, [document_digest(doc) for doc in documents])


def location(folder: Path, documents: Sequence[Document]) -> Path:
    """The folder of the index of ``documents`` under ``folder`` (it may not exist yet)."""
    return folder / library_key(documents)


def _key(documents: Sequence[Document], digests: Sequence[str]) -> str:
    digest = hashlib.sha256(f"format {FORMAT} matcher {VERSION}\n".encode())
    for uid, each in sorted(zip((doc.uid for doc in documents), digests, strict=True)):
        digest.update(f"{uid}\t{each}\n".encode())
    return digest.hexdigest()[:24]


def load_or_build(folder: Path, documents: Sequence[Document]) -> Matcher:
    """The matcher over ``documents``' passages, from memory, from ``folder`` or built once
    (and then saved there)."""
    digests = [document_digest(doc) for doc in documents]
    target = folder / _key(documents, digests)
    with _lock:
        if target in _memory:
            stats["memory"] += 1
            return _memory[target]
        damaged_before = stats["damaged"]
        loaded = _load(target, documents, digests)
        if loaded is not None:
            stats["loaded"] += 1
            matcher = _matcher(*loaded)
        else:
            previous = _previous(folder, target)
            table = build_table(documents, digests, previous=previous)
            stats["built"] += 1
            documents_stats.update(
                {
                    k: n
                    for k, n in (("reused", table.reused), ("split", len(documents) - table.reused))
                    if n
                }
            )
            index = bm25_index(table, k1=K1, b=B) if len(table.body_ids) else None
            _save(table, index, target, damaged=stats["damaged"] > damaged_before)
            matcher = _matcher(table, index)
        _remember(target, matcher)
        return matcher


def forget() -> None:
    """Drop the indexes held in memory (the files stay)."""
    with _lock:
        _memory.clear()


def _remember(target: Path, matcher: Matcher) -> None:
    _memory[target] = matcher
    while len(_memory) > MEMORY_SLOTS:
        del _memory[next(iter(_memory))]


def _matcher(table: PassageTable, index: bm25s.BM25 | None) -> Matcher:
    df = {table.stems[j]: n for j, n in enumerate(table.field_df.tolist()) if n}
    return Matcher.assemble(
        PassageView(table),
        BodyView(table),
        table.titled(),
        index=index,
        df=df,
        total_stems=field_length(table),
    )


# --- writing -----------------------------------------------------------------------------


def _save(
    table: PassageTable, index: bm25s.BM25 | None, target: Path, *, damaged: bool = False
) -> None:
    """Write the index into a temporary sibling, rename it to ``target`` (replacing a
    ``damaged`` one), delete older keys. A folder that cannot be written is no error: the
    matcher is used unsaved."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=_SCRATCH, dir=target.parent))
    except OSError:
        return
    try:
        (scratch / OWNER).write_text(TOOL + "\n", encoding="utf-8")
        _write_table(table, scratch)
        if index is not None:
            index.save(str(scratch), show_progress=False)
        names = sorted(p.name for p in scratch.iterdir() if p.name != OWNER)
        manifest = {
            "tool": TOOL,
            "format": FORMAT,
            "version": VERSION,
            "key": target.name,
            "passages": table.passage_count,
            "documents": len(table.uids),
            "bm25": index is not None,
            "files": {name: _describe(scratch / name) for name in names},
            "attached": {},
        }
        _write_json(scratch / MANIFEST, manifest)
        _install(scratch, target, damaged=damaged)
    except OSError:
        shutil.rmtree(scratch, ignore_errors=True)
        return
    _clean(target.parent, keep=target)


def _write_table(table: PassageTable, folder: Path) -> None:
    listed = [[uid, digest] for uid, digest in zip(table.uids, table.digests, strict=True)]
    _write_json(folder / DOCUMENTS, listed)
    _write_json(folder / STEMS, list(table.stems))
    for name in ARRAYS:
        array = np.ascontiguousarray(getattr(table, name))
        np.save(folder / f"{name}.npy", array, allow_pickle=False)


def _install(scratch: Path, target: Path, *, damaged: bool) -> None:
    """Rename ``scratch`` to ``target``. If ``target`` exists, keep it when another process
    was faster with a good one, else (``damaged``, or it does not verify) move it aside and
    put ``scratch`` in its place."""
    try:
        os.replace(scratch, target)
        return
    except OSError:
        if not target.exists():
            raise
    if not damaged and _manifest_ok(target):
        shutil.rmtree(scratch, ignore_errors=True)
        return
    trash = Path(tempfile.mkdtemp(prefix=_TRASH, dir=target.parent))
    os.replace(target, trash / target.name)
    os.replace(scratch, target)
    shutil.rmtree(trash, ignore_errors=True)


def _manifest_ok(target: Path) -> bool:
    try:
        _verified_manifest(target)
    except _Damaged:
        return False
    return True


def _clean(folder: Path, *, keep: Path) -> None:
    """Delete this module's other folders under ``folder`` (see the module docstring)."""
    try:
        children = list(folder.iterdir())
    except OSError:
        return
    for child in children:
        if child != keep and child.is_dir() and not child.is_symlink() and _ours(child):
            shutil.rmtree(child, ignore_errors=True)


def _ours(path: Path) -> bool:
    """Did this module make ``path`` (and may it go)?"""
    name = path.name
    if name.startswith((_SCRATCH, _TRASH)):
        try:
            return time.time() - path.stat().st_mtime > STALE_SECONDS
        except OSError:
            return False
    if not _KEY.fullmatch(name):
        return False
    if (path / OWNER).is_file():
        return True
    return all((path / legacy).is_file() for legacy in _LEGACY_FILES)


def _describe(path: Path) -> dict[str, Any]:
    return {"bytes": path.stat().st_size, "sha256": _sha256(path)}


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _write_json(path: Path, value: Any) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(value, handle, ensure_ascii=False, separators=(",", ":"))


# --- reading -----------------------------------------------------------------------------


def _load(
    target: Path, documents: Sequence[Document], digests: Sequence[str]
) -> tuple[PassageTable, bm25s.BM25 | None] | None:
    """The table and bm25s index saved in ``target`` for exactly ``documents``, or None if
    there is none or it is damaged (then counted in ``stats["damaged"]``). The cyclic
    garbage collector pauses meanwhile (the vocabulary makes many small objects, none in a
    cycle)."""
    if not target.exists():
        return None
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _read(target, documents, digests)
    except _Damaged:
        stats["damaged"] += 1
        return None
    finally:
        if enabled:
            gc.enable()


def _previous(folder: Path, target: Path) -> PassageTable | None:
    """The newest other index of this module under ``folder`` that verifies, as a table
    whose unchanged documents can be copied (its texts are the ones it was built from)."""
    try:
        candidates = [
            child
            for child in folder.iterdir()
            if child != target and _KEY.fullmatch(child.name) and (child / MANIFEST).is_file()
        ]
    except OSError:
        return None
    for child in sorted(candidates, key=_age):
        try:
            manifest = _verified_manifest(child)
            return _read_table(child, manifest, documents=None)
        except (_Damaged, OSError):
            continue
    return None


def _age(folder: Path) -> float:
    """Seconds since ``folder``'s manifest was written (infinite if it is gone)."""
    try:
        return time.time() - (folder / MANIFEST).stat().st_mtime
    except OSError:
        return float("inf")


def _read(
    target: Path, documents: Sequence[Document], digests: Sequence[str]
) -> tuple[PassageTable, bm25s.BM25 | None]:
    manifest = _verified_manifest(target)
    if manifest["key"] != target.name:
        raise _Damaged("key")
    table = _read_table(target, manifest, documents=documents)
    wanted = dict(zip((doc.uid for doc in documents), digests, strict=True))
    if any(wanted[uid] != got for uid, got in zip(table.uids, table.digests, strict=True)):
        raise _Damaged("documents")
    index = _read_bm25(target, table) if manifest["bm25"] else None
    if (index is None) != (len(table.body_ids) == 0):
        raise _Damaged("bm25")
    return table, index


def _verified_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of ``folder`` if it is this module's, of this format and version, and
    every file it lists has its size and hash."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise _Damaged("manifest") from error
    expected = {"tool": TOOL, "format": FORMAT, "version": VERSION}
    if not isinstance(manifest, dict) or any(manifest.get(k) != v for k, v in expected.items()):
        raise _Damaged("manifest")
    files = manifest.get("files")
    if not isinstance(files, dict) or not isinstance(manifest.get("bm25"), bool):
        raise _Damaged("manifest")
    if not isinstance(manifest.get("key"), str) or not isinstance(manifest.get("passages"), int):
        raise _Damaged("manifest")
    required = {DOCUMENTS, STEMS, *(f"{name}.npy" for name in ARRAYS)}
    if not required <= set(files):
        raise _Damaged("manifest")
    for name, described in files.items():
        _check_file(folder, name, described)
    return manifest


def _check_file(folder: Path, name: Any, described: Any) -> None:
    if not isinstance(name, str) or "/" in name or "\\" in name or name.startswith("."):
        raise _Damaged("file name")
    if not isinstance(described, dict):
        raise _Damaged(name)
    path = folder / name
    try:
        if path.stat().st_size != described.get("bytes") or _sha256(path) != described.get(
            "sha256"
        ):
            raise _Damaged(name)
    except OSError as error:
        raise _Damaged(name) from error


def _read_table(
    folder: Path, manifest: Mapping[str, Any], *, documents: Sequence[Document] | None
) -> PassageTable:
    """The passage table in ``folder``. With ``documents``, its documents are those (by uid;
    each must be there); without, they are rebuilt from the previous index's own record and
    are only good for copying spans and stems (see ``_previous``)."""
    try:
        listed = json.loads((folder / DOCUMENTS).read_text(encoding="utf-8"))
        stems = json.loads((folder / STEMS).read_text(encoding="utf-8"))
        arrays = {name: _array(folder / f"{name}.npy", name) for name in ARRAYS}
    except (OSError, ValueError) as error:
        raise _Damaged("table") from error
    pairs = _document_pairs(listed)
    if not isinstance(stems, list) or not all(isinstance(s, str) for s in stems):
        raise _Damaged("stems")
    if len(set(stems)) != len(stems) or EMPTY_TOKEN in stems:
        raise _Damaged("stems")
    if documents is None:
        texts = ("",) * len(pairs)
    else:
        by_uid = {doc.uid: doc.text for doc in documents}
        if len(pairs) != len(documents) or {uid for uid, _ in pairs} != set(by_uid):
            raise _Damaged("documents")
        texts = tuple(by_uid[uid] for uid, _ in pairs)
    try:
        table = PassageTable(
            uids=tuple(uid for uid, _ in pairs),
            texts=texts,
            digests=tuple(digest for _, digest in pairs),
            doc_offsets=arrays["doc_offsets"],
            spans=arrays["spans"],
            stems=tuple(stems),
            body_ids=arrays["body_ids"],
            body_offsets=arrays["body_offsets"],
            title_ids=arrays["title_ids"],
            title_offsets=arrays["title_offsets"],
            field_df=arrays["field_df"],
        )
        check_table(table, texts=documents is not None)
    except ValueError as error:
        raise _Damaged("table") from error
    if manifest["passages"] != table.passage_count:
        raise _Damaged("table")
    return table


def _document_pairs(listed: Any) -> list[tuple[str, str]]:
    if not isinstance(listed, list):
        raise _Damaged("documents")
    pairs = []
    for item in listed:
        if not (
            isinstance(item, list)
            and len(item) == 2
            and all(isinstance(part, str) for part in item)
        ):
            raise _Damaged("documents")
        pairs.append((item[0], item[1]))
    if len({uid for uid, _ in pairs}) != len(pairs):
        raise _Damaged("documents")
    return pairs


def _array(path: Path, name: str) -> Any:
    # mapped, not read: the pages are the file cache's (hashed a moment ago), shared, and
    # given back under memory pressure; a plain ndarray view slices without memmap's cost
    array = np.load(path, mmap_mode="r", allow_pickle=False).view(np.ndarray)
    dtype = _DTYPES.get(name, np.int64)
    if array.dtype != dtype:
        raise _Damaged(name)
    return array


def _read_bm25(folder: Path, table: PassageTable) -> bm25s.BM25:
    try:
        index = PassageBM25.load(str(folder), mmap=True, show_progress=False)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise _Damaged("bm25") from error
    scores = index.scores
    for name in ("data", "indices", "indptr"):
        if isinstance(scores.get(name), np.memmap):
            scores[name] = scores[name].view(np.ndarray)
    n_vocab = len(table.stems)
    expected_vocab = {stem: at for at, stem in enumerate(table.stems)}
    expected_vocab[EMPTY_TOKEN] = n_vocab
    try:
        data, indices, indptr = scores["data"], scores["indices"], scores["indptr"]
        ok = (
            index.vocab_dict == expected_vocab
            and scores["num_docs"] == table.passage_count
            and indptr.shape == (n_vocab + 1,)
            and int(indptr[0]) == 0
            and bool(np.all(np.diff(indptr) >= 0))
            and int(indptr[-1]) == len(indices) == len(data)
            and (
                len(indices) == 0
                or (int(indices.min()) >= 0 and int(indices.max()) < table.passage_count)
            )
            and bool(np.all(np.isfinite(data)))
            and (index.k1, index.b) == (K1, B)
        )
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise _Damaged("bm25") from error
    if not ok:
        raise _Damaged("bm25")
    return index


# --- attached files ------------------------------------------------------------------------


def attach(target: Path, name: str, source: Path) -> None:
    """Move the finished file ``source`` into the index folder ``target`` (see
    ``location``) as ``name`` and list it in the manifest's ``attached`` with its size and
    hash. Raises ``ValueError`` for a name that is not a plain file name or clashes with the
    index's own files, ``FileNotFoundError`` when ``target`` holds no index."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name) or name in (MANIFEST, OWNER):
        raise ValueError(f"not a file name for an index folder: {name!r}")
    with _lock:
        manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
        if name in manifest["files"]:
            raise ValueError(f"{name!r} is a file of the index itself")
        os.replace(source, target / name)
        manifest.setdefault("attached", {})[name] = _describe(target / name)
        scratch = target / f".{MANIFEST}.{os.getpid()}.tmp"
        _write_json(scratch, manifest)
        os.replace(scratch, target / MANIFEST)


def attached(target: Path, name: str) -> Path | None:
    """The path of the file ``name`` attached to the index in ``target``, or None when it
    is not there or its size or hash no longer match the manifest."""
    try:
        manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
        described = manifest["attached"][name]
        _check_file(target, name, described)
    except (OSError, ValueError, KeyError, TypeError, _Damaged):
        return None
    return target / name
