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
REVISION = "revision.txt"

_memory: dict[Path, tuple[Matcher, ...]] = {}
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
    folder: Path | None,
    revision: str,
    rows: Callable[[int], Iterable[tuple[int, str, str]]],
) -> tuple[Matcher, ...]:
    """The matchers over the fact-checks (``rows(after)``: id, claim, headline of the
    fact-checks with an id above ``after``), from memory, from ``folder`` or built.

    A few fact-checks imported since the saved index do not rebuild it: they get a small
    matcher of their own (its scores compare with the saved one's, ``checks.match.merge``)
    until they are more than ``DELTA_SHARE`` of the whole, when a full index is built and
    saved. Empty when there is no fact-check."""
    count, top = _numbers(revision)
    if count == 0:
        return ()
    home = folder or Path(tempfile.gettempdir()) / "unsaved"
    target = home / index_key(revision)
    with _lock:
        if target in _memory:
            stats["memory"] += 1
            return _memory[target]
        found = _with_delta(folder, count, top, rows)
        if found is None:
            built = build(rows(0))
            found = (built,) if built is not None else ()
            if folder is not None and built is not None:
                _save(built, target, revision=revision)
            stats["built"] += 1
        _memory.clear()
        _memory[target] = found
        return found


DELTA_SHARE = 0.05
DELTA_MIN = 2_000


def _numbers(revision: str) -> tuple[int, int]:
    count, _, top = revision.partition("-")
    return int(count or 0), int(top or 0)


def _with_delta(
    folder: Path | None,
    count: int,
    top: int,
    rows: Callable[[int], Iterable[tuple[int, str, str]]],
) -> tuple[Matcher, ...] | None:
    """The saved index of this revision, or the newest saved one plus a matcher over the
    fact-checks added since (None when there is none to use, or too much was added)."""
    if folder is None or not folder.is_dir():
        return None
    for candidate in sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True):
        saved = _revision_of(candidate)
        if saved is None:
            continue
        base_count, base_top = _numbers(saved)
        added = count - base_count
        if base_top > top or added < 0 or added > max(DELTA_MIN, DELTA_SHARE * base_count):
            continue
        base = _load(candidate)
        if base is None:
            continue
        stats["loaded"] += 1
        if added == 0 and base_top == top:
            return (base,)
        delta = build(rows(base_top))
        if delta is None or len(delta.passages) != added:
            return None  # something was removed: the saved index no longer fits
        return (base, delta)
    return None


def _revision_of(candidate: Path) -> str | None:
    try:
        with (candidate / REVISION).open(encoding="utf-8") as handle:
            return handle.read().strip() or None
    except OSError:
        return None


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


def _save(matcher: Matcher, target: Path, *, revision: str) -> None:
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
        (scratch / REVISION).write_text(revision, encoding="utf-8")
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
