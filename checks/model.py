"""Frozen dataclasses and enums shared by every stage of the engine.

Every stage returns new values; nothing here is mutated after construction.
Spans (``start``/``end``) are Python string offsets into the text they came from,
so ``text[start:end]`` gives the span back exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property


class SentenceRole(str, Enum):
    """Where a sentence sits in the article's structure."""

    HEADLINE = "headline"
    HEADING = "heading"
    DATELINE = "dateline"
    BODY = "body"


class ClaimKind(str, Enum):
    """What a claim is; every sentence becomes a claim of one kind, nothing is dropped."""

    FACTUAL = "factual"
    QUOTE = "quote"
    OPINION = "opinion"
    QUESTION = "question"
    HEADING = "heading"


class SourceKind(str, Enum):
    """Where a reference document came from."""

    LIBRARY = "library"
    WIKIPEDIA = "wikipedia"
    ZIM = "zim"


class FactKind(str, Enum):
    """Kinds of checkable values found in a sentence."""

    YEAR = "year"
    DATE = "date"
    NUMBER = "number"
    PERCENT = "percent"
    MONEY = "money"


class Stage(str, Enum):
    """Stages of the analysis, in order, as reported to a progress callback."""

    SPLIT = "split"
    CLAIMS = "claims"
    SOURCES = "sources"
    MATCHING = "matching"


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    role: SentenceRole = SentenceRole.BODY

    @property
    def is_heading(self) -> bool:
        return self.role in (SentenceRole.HEADLINE, SentenceRole.HEADING)


@dataclass(frozen=True)
class Claim:
    """One checkable statement. ``id`` is stable within its article (``c1``, ``c2`` ...)."""

    id: str
    sentence_index: int
    text: str
    kind: ClaimKind
    checkworthiness: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """A reference text. ``key`` is unique within its source; ``uid`` is unique overall."""

    source: SourceKind
    key: str
    title: str
    url: str
    revision: str
    language: str
    text: str
    fetched_at: str

    @property
    def uid(self) -> str:
        return f"{self.source.value}:{self.key}"


@dataclass(frozen=True)
class Passage:
    """A sentence of a document; ``document_key`` is the document's ``uid``."""

    document_key: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Fact:
    """A checkable value in a sentence.

    ``value`` is canonical so two facts of one kind compare by equality:
    YEAR ``"2024"``; DATE ``"2024-06-15"`` (or ``"2024-06"`` for a month);
    NUMBER ``"3200000"``; PERCENT ``"12.5"``; MONEY ``"USD 5000000"``.
    ``unit`` is the counted noun of a NUMBER, normalised (``"member"`` in "32 members"),
    so that numbers of different things are not compared.
    """

    kind: FactKind
    value: str
    text: str
    start: int
    end: int
    unit: str = ""


@dataclass(frozen=True)
class Agreement:
    """Facts of a claim compared with the facts of one evidence passage."""

    matches: tuple[tuple[Fact, Fact], ...] = ()
    conflicts: tuple[tuple[Fact, Fact], ...] = ()

    @property
    def has_conflict(self) -> bool:
        return bool(self.conflicts)

    def describe_conflicts(self) -> tuple[str, ...]:
        """Readable flags such as ``"date: June 15, 2024 ≠ 14 June 2024"``."""
        return tuple(f"{c.kind.value}: {c.text} ≠ {e.text}" for c, e in self.conflicts)


@dataclass(frozen=True)
class Evidence:
    """One ranked evidence passage for a claim; ``rank`` starts at 1."""

    claim_id: str
    rank: int
    passage: Passage
    score: float
    agreement: Agreement = Agreement()


@dataclass(frozen=True)
class Verdict:
    claim_id: str
    label: str
    note: str
    evidence_rank: int | None
    updated_at: str


@dataclass(frozen=True)
class Article:
    """A stored article. ``author`` and ``published`` (a date, ``2024-06-15``) are metadata
    the reviewer may edit; both are ``""`` when unknown."""

    id: int
    title: str
    text: str
    url: str
    created_at: str
    author: str = ""
    published: str = ""


@dataclass(frozen=True)
class Lookup:
    """One page a source looked up for an article, and why (which claims, which phrases).

    ``kind`` is ``"title"`` or ``"search"``; ``outcome`` says what came of it ("fetched",
    "cached", "missing", "disambiguation", "failed: ...", "redirect: Putin -> Vladimir Putin");
    ``document_uid`` names the document used, or is ``""``.
    """

    source: SourceKind
    kind: str
    query: str
    claim_ids: tuple[str, ...]
    phrases: tuple[str, ...]
    outcome: str
    document_uid: str = ""


@dataclass(frozen=True)
class Analysis:
    """What ``pipeline.analyze`` returns: every stage's output, in order."""

    sentences: tuple[Sentence, ...]
    claims: tuple[Claim, ...]
    documents: tuple[Document, ...]
    evidence: tuple[Evidence, ...]
    notices: tuple[str, ...] = ()
    timings: tuple[tuple[Stage, float], ...] = ()
    lookups: tuple[Lookup, ...] = ()


@dataclass(frozen=True)
class ReviewRow:
    """One claim as the reviewer sees it: its sentence, ranked evidence and verdict;
    ``dismissed`` holds the passages the reviewer marked not relevant (out of ``evidence``)."""

    sentence: Sentence
    claim: Claim
    evidence: tuple[Evidence, ...]
    verdict: Verdict
    dismissed: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Review:
    """An article with every claim, in order, and the documents its evidence cites."""

    article: Article
    rows: tuple[ReviewRow, ...]
    documents: tuple[Document, ...]

    def document(self, uid: str) -> Document | None:
        return self._documents_by_uid.get(uid)

    @cached_property
    def _documents_by_uid(self) -> dict[str, Document]:
        """Built once per Review: the table and the focus panel look a document up for
        every row and passage (a linear search cost 20 ms a rerun on 200 claims)."""
        found: dict[str, Document] = {}
        for doc in self.documents:
            found.setdefault(doc.uid, doc)
        return found
