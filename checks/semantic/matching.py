"""The pipeline's seam: lexical matchers in, semantic ones out (or the same, with a notice).

``semantic_matchers(parts, options)`` is what ``checks.pipeline.match_documents`` calls when
semantic matching is on. Each ``Part`` is one lexical matcher (the library's persisted index,
or the pages fetched for this article) with its documents' titles and, for the library,
the folder of its saved vectors. Every part becomes a ``SemanticMatcher``, or none does:
scores of the two kinds are not comparable, and ``checks.match.merge`` ranks by score.

Lexical matching with one notice, never an error, when:

- the component is missing or damaged (``SemanticUnavailableError``: its message says what
  to install or reinstall);
- the library's vectors are not all built within ``options.build_budget_s`` (the chunks
  built are saved; the next analysis or ``python -m checks embed`` goes on).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from checks import index
from checks.errors import SemanticUnavailableError
from checks.match import Matcher
from checks.model import Document
from checks.semantic import SemanticOptions, model, vectors
from checks.semantic.search import SemanticMatcher, passage_texts

Report = Callable[[float, str], None]
"""``report(fraction, message)`` within the matching stage."""

EMBED_COMMAND = "python -m checks embed"


@dataclass(frozen=True)
class Part:
    """One lexical matcher, its documents' titles (uid -> title) and, for the persisted
    library index, where its passage vectors are kept."""

    matcher: Matcher
    titles: Mapping[str, str]
    folder: Path | None = None


def semantic_matchers(
    parts: Sequence[Part],
    options: SemanticOptions,
    *,
    report: Report | None = None,
) -> tuple[list[Any], tuple[str, ...]]:
    """The matchers to use (semantic, or the lexical ones as given) and the notices."""
    lexical: list[Any] = [part.matcher for part in parts]
    say = report or (lambda fraction, message: None)
    try:
        embedder = model.shared()
    except SemanticUnavailableError as error:
        return lexical, (f"{error}. Matched lexically.",)
    upgraded: list[Any] = []
    for part in parts:
        texts = passage_texts(part.matcher.passages, part.titles)
        progress = _progress(say, len(texts))
        if part.folder is None:  # pages fetched for this article: kept in memory only
            matrix = _embed_in_chunks(embedder, texts, progress)
        else:
            built = vectors.load_or_build(
                part.folder,
                texts,
                embedder,
                on_progress=progress,
                budget_s=options.build_budget_s,
            )
            if built.matrix is None:
                return lexical, (
                    f"Semantic matching: vectors for {built.done:,} of {built.total:,} library "
                    f"passages are built and saved; the next analysis (or `{EMBED_COMMAND}`) "
                    "goes on from there. Matched lexically this time.",
                )
            matrix = built.matrix
        upgraded.append(SemanticMatcher(part.matcher, matrix, embedder))
    return upgraded, ()


def _embed_in_chunks(
    embedder: model.Embedder, texts: Sequence[str], progress: vectors.Progress
) -> np.ndarray:
    parts = []
    for start in range(0, len(texts), vectors.CHUNK):
        parts.append(embedder.embed_cached(texts[start : start + vectors.CHUNK]))
        progress(min(len(texts), start + vectors.CHUNK), len(texts))
    return np.concatenate(parts) if parts else np.zeros((0, model.DIM), dtype=np.float32)


def _progress(say: Report, total: int) -> vectors.Progress:
    def on_progress(done: int, of: int) -> None:
        if total >= vectors.CHUNK:
            say(done / max(1, of), f"Computing passage vectors: {done:,} of {of:,}")

    return on_progress


def embed_library(
    index_dir: Path,
    documents: Sequence[Document],
    *,
    on_progress: vectors.Progress | None = None,
) -> vectors.Vectors:
    """Compute (or finish) the library's passage vectors, saved beside its lexical index:
    what ``python -m checks embed`` runs before a first semantic analysis of a large
    library. Raises SemanticUnavailableError when the component cannot run."""
    embedder = model.shared()
    matcher = index.load_or_build(index_dir, documents)
    folder = vectors.folder_for(index_dir, index.library_key(documents))
    texts = passage_texts(matcher.passages, {doc.uid: doc.title for doc in documents})
    return vectors.load_or_build(folder, texts, embedder, on_progress=on_progress)
