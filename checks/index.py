"""The passage index of the reference library, built once and kept next to the database.

``load_or_build(folder, documents)`` returns a ``Matcher`` over the passages of
``documents``. The index lives in ``<folder>/<key>/``, where ``key`` is a content hash of the
documents (uid, revision, title and text, plus the matcher's ``VERSION``):

- the same documents again (the next analysis, a Streamlit rerun, another process): the
  index is read from disk, or taken from this process's memory if it was the last one used;
- a document added, removed or changed: a new key, so the index is built once for it, written
  to a temporary folder and renamed into place (two processes building at once both end with
  a complete folder), and older keys are deleted.

On disk: bm25s's own files (``BM25.save``; scores, vocabulary, parameters) and
``passages.json``, the passage table (document uid, start, end, text) with each passage's
stems and each document's title stems, so loading tokenizes nothing.

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
import shutil
import tempfile
import threading
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import bm25s

from checks.match import VERSION, Matcher, tokens
from checks.model import Document, Passage
from checks.passages import passages_for

FORMAT = "1"
TABLE = "passages.json"
MEMORY_SLOTS = 2

stats: Counter[str] = Counter()
"""How often an index was ``built``, ``loaded`` from disk or taken from ``memory``."""

_memory: dict[Path, Matcher] = {}
_lock = threading.Lock()


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
    digest = hashlib.sha256(f"format {FORMAT} matcher {VERSION}\n".encode())
    for doc in sorted(documents, key=lambda d: d.uid):
        text = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
        digest.update(json.dumps([doc.uid, doc.revision, doc.title, text]).encode("utf-8"))
    return digest.hexdigest()[:24]


def load_or_build(folder: Path, documents: Sequence[Document]) -> Matcher:
    """The matcher over ``documents``' passages, from memory, from ``folder`` or built once
    (and then saved there)."""
    target = folder / library_key(documents)
    with _lock:
        if target in _memory:
            stats["memory"] += 1
            return _memory[target]
        matcher = _load(target)
        if matcher is None:
            matcher = Matcher.build(
                passages_for(documents), titles={doc.uid: doc.title for doc in documents}
            )
            _save(matcher, documents, target)
            stats["built"] += 1
        else:
            stats["loaded"] += 1
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


def _save(matcher: Matcher, documents: Sequence[Document], target: Path) -> None:
    """Write the index into a temporary sibling, rename it to ``target``, delete old keys.
    A folder that cannot be written is no error: the matcher is used unsaved."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
    except OSError:
        return
    try:
        if matcher.bm25_index is not None:
            matcher.bm25_index.save(str(scratch))
        table = {
            "format": FORMAT,
            "version": VERSION,
            "passages": [[p.document_key, p.start, p.end, p.text] for p in matcher.passages],
            "bodies": [" ".join(body) for body in matcher.bodies],
            "titles": {doc.uid: " ".join(tokens(doc.title)) for doc in documents},
        }
        with (scratch / TABLE).open("w", encoding="utf-8") as handle:
            json.dump(table, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(scratch, target)
    except OSError:
        shutil.rmtree(scratch, ignore_errors=True)
        return
    for old in target.parent.iterdir():
        if old != target and old.is_dir() and not old.name.startswith(".build-"):
            shutil.rmtree(old, ignore_errors=True)


def _load(target: Path) -> Matcher | None:
    """The matcher saved in ``target``, or None if there is none (or it is unreadable).
    The cyclic garbage collector pauses meanwhile: the hundreds of thousands of tuples made
    here hold no cycles, and scanning them again and again tripled the load time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _read(target)
    finally:
        if enabled:
            gc.enable()


def _read(target: Path) -> Matcher | None:
    try:
        with (target / TABLE).open(encoding="utf-8") as handle:
            table: dict[str, Any] = json.load(handle)
        if table.get("format") != FORMAT or table.get("version") != VERSION:
            return None
        passages = [Passage(str(k), int(s), int(e), str(t)) for k, s, e, t in table["passages"]]
        bodies = [tuple(body.split()) for body in table["bodies"]]
        titled = {uid: tuple(words.split()) for uid, words in table["titles"].items()}
        index = bm25s.BM25.load(str(target)) if any(bodies) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Matcher.assemble(passages, bodies, titled, index=index)
