"""``analyze(text, sources=..., on_progress=...)``: the stages of DESIGN.md, in order.

split -> claims -> sources -> matching. Each stage reports its start (0.0) and end (1.0)
to ``on_progress``; a failing source becomes a notice, never a crash. With ``index_dir``
the library's passage index is built once and kept there (``checks.index``); documents
from other sources are indexed per analysis and their evidence merged by score.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from checks import datelines, index
from checks.claims import extract_claims
from checks.errors import (
    AnalysisError,
    ChecksError,
    DegradedSourceError,
    InputError,
    SourceError,
    SourceUnreachableError,
)
from checks.match import Matcher, merge
from checks.model import (
    Analysis,
    Claim,
    Document,
    Evidence,
    Lookup,
    Sentence,
    SentenceRole,
    SourceKind,
    Stage,
)
from checks.passages import passages_for
from checks.segment import segment
from checks.semantic import SemanticOptions, vectors
from checks.semantic.matching import Part, semantic_matchers
from checks.sources.base import Source

ProgressCallback = Callable[[Stage, float, str], None]
MAX_ARTICLE_CHARS = 5_000_000
TOP_EVIDENCE = 3


def check_text(text: str) -> str:
    """The article text if it can be analysed, else an InputError a journalist can read."""
    if not text or not text.strip():
        raise InputError("The article is empty: paste, upload or open some text first.")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(
            f"The article has {len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,}. "
            "Split it into parts and analyse each."
        )
    if "\x00" in text:
        raise InputError("The text contains NUL bytes: it looks like a binary file, not text.")
    return text


def degraded_notice(error: DegradedSourceError, sources: Sequence[Source]) -> str:
    """One notice for a source that answered in part, e.g. "Wikipedia unreachable: used the
    cache and your library"."""
    if not isinstance(error, SourceUnreachableError):
        return str(error)
    library = any(source.kind is SourceKind.LIBRARY for source in sources)
    return f"{error}: used the cache{' and your library' if library else ''}"


def failed_source_notice(source: Source, error: Exception) -> str:
    """The notice for a source that failed with a library's own error."""
    return (
        f"{source.kind.value} failed ({type(error).__name__}: {error}); its documents were "
        "not used, the other sources were"
    )


def gather_documents(
    sources: Sequence[Source], claims: Sequence[Claim], *, text: str
) -> tuple[tuple[Document, ...], tuple[str, ...], tuple[Lookup, ...]]:
    """Documents from every source, de-duplicated by uid; failures become notices (one per
    message); the lookups of sources that record them (``last_lookups``) are collected.

    A source that fails in any way (a ``SourceError``, or a library inside it raising its
    own error: a ``KeyError`` from a malformed answer, a ``RuntimeError`` from libzim) is
    one notice naming it, and the other sources go on."""
    documents: dict[str, Document] = {}
    notices: list[str] = []
    lookups: list[Lookup] = []
    for source in sources:
        try:
            found = source.documents(claims, text=text)
        except DegradedSourceError as error:
            notices.append(degraded_notice(error, sources))
            found = error.documents
        except SourceError as error:
            notices.append(f"{source.kind.value} unavailable: {error}")
            found = ()
        except ChecksError:
            raise
        except Exception as error:  # noqa: BLE001 - a library's own failure: one notice
            notices.append(failed_source_notice(source, error))
            found = ()
        lookups += getattr(source, "last_lookups", ())
        for doc in found:
            documents.setdefault(doc.uid, doc)
    if not documents:
        notices.append("No reference documents: add some on the Sources page.")
    return tuple(documents.values()), tuple(dict.fromkeys(notices)), tuple(lookups)


def matching_claims(claims: Sequence[Claim], sentences: Sequence[Sentence]) -> tuple[Claim, ...]:
    """The claims as they are matched: a dateline ("Moscow, June 15, 2024") says where and
    when the event of the sentence it opens took place, so the claim of that sentence is
    matched with the dateline written before it (its date meets the evidence's dates; on its
    own a dateline would find any passage that mentions the same city or day). A dateline
    claim made before datelines became metadata is matched with the sentence it opened."""
    by_index = {sentence.index: sentence for sentence in sentences}
    opened = datelines.opened_by(sentences)
    out: list[Claim] = []
    for claim in claims:
        sentence = by_index.get(claim.sentence_index)
        following = by_index.get(claim.sentence_index + 1)
        if sentence and following and sentence.role is SentenceRole.DATELINE:
            claim = replace(claim, text=datelines.prefixed(claim.text, following.text))
        elif claim.sentence_index in opened:
            dateline = opened[claim.sentence_index].text
            claim = replace(claim, text=datelines.prefixed(dateline, claim.text))
        out.append(claim)
    return tuple(out)


def match_documents(
    claims: Sequence[Claim],
    documents: Sequence[Document],
    *,
    sentences: Sequence[Sentence] = (),
    top: int = TOP_EVIDENCE,
    index_dir: Path | None = None,
    semantic: SemanticOptions | None = None,
) -> tuple[Evidence, ...]:
    """Evidence for every claim from the passages of ``documents`` (``match_documents_noted``
    without its notices)."""
    evidence, _ = match_documents_noted(
        claims, documents, sentences=sentences, top=top, index_dir=index_dir, semantic=semantic
    )
    return evidence


def match_documents_noted(
    claims: Sequence[Claim],
    documents: Sequence[Document],
    *,
    sentences: Sequence[Sentence] = (),
    top: int = TOP_EVIDENCE,
    index_dir: Path | None = None,
    semantic: SemanticOptions | None = None,
    on_progress: ProgressCallback | None = None,
) -> tuple[tuple[Evidence, ...], tuple[str, ...]]:
    """Evidence for every claim from the passages of ``documents``, and notices.

    Without ``index_dir`` one index is built over all of them. With it, the library's
    documents are matched with the index persisted there (built only when they changed),
    the other documents with an index built now, and the two merged by score. With
    ``semantic`` the matchers also compare meaning (``checks.semantic.matching``); when
    that cannot be done, a notice says why and matching stays lexical.
    """
    queries = matching_claims(claims, sentences)
    parts = _lexical_parts(documents, index_dir)
    matchers: list[Any] = [part.matcher for part in parts]
    notices: tuple[str, ...] = ()
    if semantic is not None and parts:
        report = on_progress or (lambda stage, fraction, message: None)
        matchers, notices = semantic_matchers(
            parts,
            semantic,
            report=lambda fraction, message: report(Stage.MATCHING, 0.9 * fraction, message),
        )
    found = merge([m.match_many(queries, top=top) for m in matchers], top=top)
    return tuple(evidence for per_claim in found for evidence in per_claim), notices


def _lexical_parts(documents: Sequence[Document], index_dir: Path | None) -> list[Part]:
    """The lexical matchers of ``documents``: one over all without ``index_dir``; else the
    library's persisted index (its vectors' folder beside it) and one for the rest."""
    if index_dir is None:
        titles = {doc.uid: doc.title for doc in documents}
        return [Part(Matcher.build(passages_for(documents), titles=titles), titles)]
    library = [doc for doc in documents if doc.source is SourceKind.LIBRARY]
    fetched = [doc for doc in documents if doc.source is not SourceKind.LIBRARY]
    parts = []
    if library:
        folder = vectors.folder_for(index_dir, index.library_key(library))
        titles = {doc.uid: doc.title for doc in library}
        parts.append(Part(index.load_or_build(index_dir, library), titles, folder))
    if fetched:
        titles = {doc.uid: doc.title for doc in fetched}
        parts.append(Part(Matcher.build(passages_for(fetched), titles=titles), titles))
    return parts


class _Stages:
    """Reports each stage's start and end to the callback and records its duration.

    A stage that fails with a library's own error (pysbd, bm25s, rapidfuzz, numpy...) is an
    ``AnalysisError`` naming the stage, never a traceback: nothing of the analysis is kept,
    and the caller says so. Source failures never get here: they are notices."""

    def __init__(self, report: ProgressCallback | None) -> None:
        self._report = report or (lambda stage, fraction, message: None)
        self.timings: list[tuple[Stage, float]] = []

    @contextmanager
    def stage(self, stage: Stage, message: str) -> Iterator[None]:
        self._report(stage, 0.0, message)
        started = time.perf_counter()
        with named_failure(message):
            yield
        self.timings.append((stage, time.perf_counter() - started))
        self._report(stage, 1.0, message)


@contextmanager
def named_failure(message: str) -> Iterator[None]:
    """A library's own error inside the block as an ``AnalysisError`` that names the stage
    (``message``: "Matching claims with evidence"); the engine's own errors pass as they are."""
    try:
        yield
    except ChecksError:
        raise
    except Exception as error:  # a library's failure becomes a named error (re-raised)
        raise AnalysisError(
            f"{message} failed ({type(error).__name__}: {error}); nothing of the analysis was kept."
        ) from error


def analyze(
    text: str,
    *,
    sources: Sequence[Source],
    on_progress: ProgressCallback | None = None,
    top: int = TOP_EVIDENCE,
    index_dir: Path | None = None,
    published: str = "",
    semantic: SemanticOptions | None = None,
) -> Analysis:
    """Run every stage on ``text`` and return what each produced; ``index_dir`` keeps the
    library's passage index between analyses, ``semantic`` adds the optional model (see
    ``match_documents_noted``); ``published`` (the article's date, ``YYYY-MM-DD``) is what
    weekdays in the text are relative to.

    Raises InputError for text that cannot be analysed; source failures are notices.
    """
    check_text(text)
    stages = _Stages(on_progress)
    with stages.stage(Stage.SPLIT, "Splitting the text into sentences"):
        sentences = segment(text)
    with stages.stage(Stage.CLAIMS, "Finding claims"):
        claims = extract_claims(sentences, published=published)
    with stages.stage(Stage.SOURCES, "Reading reference sources"):
        documents, notices, lookups = gather_documents(sources, claims, text=text)
    with stages.stage(Stage.MATCHING, "Matching claims with evidence"):
        evidence, matched = match_documents_noted(
            claims,
            documents,
            sentences=sentences,
            top=top,
            index_dir=index_dir,
            semantic=semantic,
            on_progress=on_progress,
        )
    return Analysis(
        sentences=sentences,
        claims=claims,
        documents=documents,
        evidence=evidence,
        notices=tuple(dict.fromkeys((*notices, *matched))),
        timings=tuple(stages.timings),
        lookups=lookups,
    )
