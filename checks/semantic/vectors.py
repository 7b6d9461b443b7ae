"""Passage vectors, computed once and kept on disk in chunks: resumable, never recomputed.

``load_or_build(folder, texts, embedder)`` returns the vectors of ``texts`` (one row each):

- from this process's memory when they were the last ones used;
- from ``folder``: ``meta.json`` (what the vectors depend on: the model's ``EMBEDDING_ID``
  and a digest of every text, in order) and ``00000.npy``, ``00001.npy``... of ``CHUNK``
  rows each, every chunk written to a temporary file and renamed into place;
- else computed chunk by chunk, each chunk saved as soon as it is done. A build that is
  stopped (Ctrl+C, the app's Stop, a closed tab, a crash) loses at most the chunk it was
  in; the next call goes on from there. ``budget_s`` bounds how long one call may build:
  past it, the call returns without vectors (``Vectors.complete`` is False), the chunks done
  kept for the next call.

The library's folder is ``<index folder>/<library key>.vectors`` (``folder_for``), a
sibling of the lexical index of the same content hash (``checks.index.library_key``); a new
library key's folder replaces the other ``*.vectors`` folders there (so does
``checks.index`` when it deletes old keys).
A folder that cannot be written is no error: the vectors are used unsaved.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from checks.semantic.model import DIM, EMBEDDING_ID, Embedder

CHUNK = 512
META = "meta.json"
SUFFIX = ".vectors"

Progress = Callable[[int, int], None]
"""``on_progress(done, total)``: passages with vectors so far, of all."""

_memory: dict[Path, tuple[str, np.ndarray]] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Vectors:
    """The outcome of ``load_or_build``: ``matrix`` (``total`` x DIM, unit rows) when every
    passage has its vector, else None with ``done`` of ``total`` built so far."""

    matrix: np.ndarray | None
    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.matrix is not None


def folder_for(index_dir: Path, key: str) -> Path:
    """The vectors folder of the library whose lexical index is ``index_dir / key``.

    >>> folder_for(Path("/data/db.sqlite3.index"), "ab12").as_posix()
    '/data/db.sqlite3.index/ab12.vectors'
    """
    return index_dir / f"{key}{SUFFIX}"


def digest(texts: Sequence[str]) -> str:
    """What a set of vectors depends on: the model and every text, in order."""
    hasher = hashlib.sha256(f"{EMBEDDING_ID}\n{len(texts)}\n".encode())
    for text in texts:
        hasher.update(hashlib.sha256(text.encode("utf-8")).digest())
    return hasher.hexdigest()[:32]


def load_or_build(
    folder: Path | None,
    texts: Sequence[str],
    embedder: Embedder,
    *,
    on_progress: Progress | None = None,
    budget_s: float | None = None,
) -> Vectors:
    """The vectors of ``texts``, from memory, from ``folder`` or computed (and saved there
    chunk by chunk). ``folder`` None: computed, kept in memory only."""
    key = digest(texts)
    remembered = _memory.get(folder) if folder is not None else None
    if remembered is not None and remembered[0] == key:
        return Vectors(remembered[1], len(texts), len(texts))
    writable = folder is not None and _prepare(folder, key)
    chunks: list[np.ndarray] = []
    started = time.monotonic()
    report = on_progress or (lambda done, total: None)
    for number, start in enumerate(range(0, len(texts), CHUNK)):
        part = texts[start : start + CHUNK]
        path = folder / f"{number:05d}.npy" if folder is not None else None
        found = _read_chunk(path, len(part)) if path is not None and writable else None
        if found is None:
            if budget_s is not None and time.monotonic() - started >= budget_s:
                report(start, len(texts))
                return Vectors(None, start, len(texts))
            found = embedder.embed(part, on_batch=_offset(report, start, len(texts)))
            if path is not None and writable:
                _write_chunk(path, found)
        chunks.append(found)
        report(start + len(part), len(texts))
    matrix = np.concatenate(chunks) if chunks else np.zeros((0, DIM), dtype=np.float32)
    if folder is not None:
        with _lock:
            _memory.clear()
            _memory[folder] = (key, matrix)
    return Vectors(matrix, len(texts), len(texts))


def status(folder: Path, texts: Sequence[str]) -> int:
    """How many of ``texts`` already have saved vectors in ``folder`` (0 if none match)."""
    meta = _read_meta(folder)
    if meta is None or meta.get("digest") != digest(texts):
        return 0
    done = 0
    for number, start in enumerate(range(0, len(texts), CHUNK)):
        if not (folder / f"{number:05d}.npy").is_file():
            break
        done = min(len(texts), start + CHUNK)
    return done


def forget() -> None:
    """Drop the vectors held in memory (the files stay)."""
    with _lock:
        _memory.clear()


def _offset(report: Progress, start: int, total: int) -> Callable[[int], None]:
    """``embed``'s per-batch count within a chunk, as passages done of ``total``."""

    def on_batch(done: int) -> None:
        report(start + done, total)

    return on_batch


def _read_meta(folder: Path) -> dict[str, Any] | None:
    try:
        with (folder / META).open(encoding="utf-8") as handle:
            meta = json.load(handle)
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def _prepare(folder: Path, key: str) -> bool:
    """``folder`` ready for the vectors ``key`` (chunks of other texts removed); False when
    it cannot be written."""
    meta = _read_meta(folder)
    if meta is not None and meta.get("digest") == key and meta.get("chunk") == CHUNK:
        return True
    try:
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        _prune_siblings(folder)
        _atomic_write(
            folder / META,
            json.dumps({"digest": key, "embedding": EMBEDDING_ID, "chunk": CHUNK, "dim": DIM}),
        )
    except OSError:
        return False
    return True


def _prune_siblings(folder: Path) -> None:
    """Delete the other ``*.vectors`` folders beside a library's new one: they belong to
    library keys that are gone (``checks.index`` keeps only the newest key)."""
    if not folder.name.endswith(SUFFIX):
        return
    for other in folder.parent.iterdir():
        if other != folder and other.name.endswith(SUFFIX) and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)


def _read_chunk(path: Path, rows: int) -> np.ndarray | None:
    """A saved chunk of ``rows`` vectors, or None (missing, cut short, damaged)."""
    try:
        found: np.ndarray = np.load(path, allow_pickle=False)
    except (OSError, ValueError, EOFError):
        return None
    if found.shape != (rows, DIM) or found.dtype != np.float32:
        return None
    return found


def _write_chunk(path: Path, matrix: np.ndarray) -> None:
    """Save one chunk: a temporary file renamed into place, so a reader never sees half."""
    scratch = _scratch(path)
    try:
        with scratch.open("wb") as out:
            np.save(out, matrix, allow_pickle=False)
        os.replace(scratch, path)
    except OSError:
        scratch.unlink(missing_ok=True)


def _atomic_write(path: Path, text: str) -> None:
    scratch = _scratch(path)
    scratch.write_text(text, encoding="utf-8")
    os.replace(scratch, path)


def _scratch(path: Path) -> Path:
    """A temporary name beside ``path``, unique to this process and thread."""
    return path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
