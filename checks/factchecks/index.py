"""The search index of the published fact-checks, built once per content and kept on disk.

Like the library's index (``checks.index``): ``<database>.factchecks/<key>/`` holds bm25s's
files and a table of the fact-checks' ids, claims and stems, so loading tokenizes nothing.
``key`` hashes the store's fact-check revision (count and highest id: it changes on every
import that adds something and on every removal) and the matcher's ``VERSION``; an older key
is deleted when a new one is written. The last index used stays in memory, so a Streamlit
rerun or the next claim does not even read the disk.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import bm25s

from checks.factchecks.search import FACTCHECK, passage
from checks.match import VERSION, Matcher, tokens

FORMAT = "1"
TABLE = "factchecks.json"

_memory: dict[Path, Matcher | None] = {}
_lock = threading.Lock()
stats: dict[str, int] = {"built": 0, "loaded": 0, "memory": 0}


def folder_for(db_path: Path | str) -> Path | None:
    """``<database file>.factchecks``; None for an in-memory database."""
    if str(db_path) in ("", ":memory:"):
        return None
    path = Path(db_path)
    return path.with_name(path.name + ".factchecks")


def index_key(revision: str) -> str:
    return hashlib.sha256(f"format {FORMAT} matcher {VERSION} {revision}".encode()).hexdigest()[:24]


def load_or_build(
    folder: Path | None, revision: str, rows: Callable[[], Iterable[tuple[int, str, str]]]
) -> Matcher | None:
    """The matcher over the fact-checks (``rows()``: id, claim, headline), from memory, from
    ``folder`` or built (and saved); None when there is no fact-check."""
    if revision.startswith("0-"):
        return None
    target = (folder or Path(tempfile.gettempdir()) / "unsaved") / index_key(revision)
    with _lock:
        if target in _memory:
            stats["memory"] += 1
            return _memory[target]
        matcher = _load(target) if folder is not None else None
        if matcher is None:
            matcher = build(rows())
            if folder is not None and matcher is not None:
                _save(matcher, target)
            stats["built"] += 1
        else:
            stats["loaded"] += 1
        _memory.clear()
        _memory[target] = matcher
        return matcher


def forget() -> None:
    with _lock:
        _memory.clear()


def build(rows: Iterable[tuple[int, str, str]]) -> Matcher | None:
    passages, bodies, titled = [], [], {}
    for fid, claim, headline in rows:
        passages.append(passage(fid, claim))
        bodies.append(_interned(tokens(claim)))
        if headline:
            titled[f"{FACTCHECK}:{fid}"] = _interned(tokens(headline))
    if not passages:
        return None
    return Matcher.assemble(passages, bodies, titled)


def _interned(stems: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sys.intern(stem) for stem in stems)


def _save(matcher: Matcher, target: Path) -> None:
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
            "ids": [p.document_key for p in matcher.passages],
            "claims": [p.text for p in matcher.passages],
            "bodies": [" ".join(body) for body in matcher.bodies],
            "titles": {key: " ".join(stems) for key, stems in _titles(matcher).items()},
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


def _titles(matcher: Matcher) -> dict[str, tuple[str, ...]]:
    titled: dict[str, tuple[str, ...]] = getattr(matcher, "_titled", {})
    return titled


def _load(target: Path) -> Matcher | None:
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
        passages = [
            passage(int(key.partition(":")[2]), claim)
            for key, claim in zip(table["ids"], table["claims"], strict=True)
        ]
        bodies = [_interned(tuple(body.split())) for body in table["bodies"]]
        titled = {key: _interned(tuple(words.split())) for key, words in table["titles"].items()}
        index = bm25s.BM25.load(str(target)) if any(bodies) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Matcher.assemble(passages, bodies, titled, index=index)
