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
    """What a claim is; every sentence becomes a claim of one kind, nothing is dropped (a
    dateline is no claim: it is the place and date of the sentence it opens)."""

    FACTUAL = "factual"
    QUOTE = "quote"
    OPINION = "opinion"
    QUESTION = "question"
    HEADING = "heading"
    CREDIT = "credit"  # "Reporting by ...; Editing by ...": who wrote it, nothing to check


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
    so that numbers of different things are not compared; a count of people something
    happened to names the event too (``"person (killed)"`` for "17 people were killed",
    "17 dead", "killing 17").
    ``qualifier`` says how the figure is stated: ``""`` exactly, or one of ``QUALIFIERS``
    ("at least 2": ``"lower bound"``, "up to 600": ``"upper bound"``, "about 300",
    "nearly 900", "dozens": ``"approximate"``); ``text`` then includes the hedge words.
    """

    kind: FactKind
    value: str
    text: str
    start: int
    end: int
    unit: str = ""
    qualifier: str = ""


LOWER_BOUND, UPPER_BOUND, APPROXIMATE = "lower bound", "upper bound", "approximate"
QUALIFIERS = (LOWER_BOUND, UPPER_BOUND, APPROXIMATE)


@dataclass(frozen=True)
class Agreement:
    """Facts of a claim compared with the facts of one evidence passage."""

    matches: tuple[tuple[Fact, Fact], ...] = ()
    conflicts: tuple[tuple[Fact, Fact], ...] = ()

    @property
    def has_conflict(self) -> bool:
        return bool(self.conflicts)

    def describe_conflicts(self) -> tuple[str, ...]:
        """Readable flags, one per conflict: ``"date: June 15, 2024 ≠ 14 June 2024"``,
        ``"number: killing at least two people (lower bound, holds) ≠ 17 people were
        killed"``. See ``describe_conflict`` for the kinds of difference."""
        return tuple(describe_conflict(c, e) for c, e in self.conflicts)


def describe_conflict(claim: Fact, evidence: Fact) -> str:
    """``"<kind>: <claim figure> (<how stated>) ≠ <evidence figure> (<how stated>)"``.

    The kinds of difference a flag names (DESIGN.md, "Figures"):

    - two exact figures that differ: no parenthesis (``30 members ≠ 32 members``);
    - an approximate claim outside the tolerance: ``(approximate)``;
    - a bound in the claim against an exact figure: ``(lower bound, holds)`` when the
      evidence satisfies it but lies far from it (the claim understates: "at least two"
      against 17), ``(lower bound, contradicted)`` when it does not ("more than 150"
      against 141); the same with ``upper bound``;
    - a bound against a bound: both qualifiers, no verdict (neither side is exact).

    >>> two = Fact(FactKind.NUMBER, "2", "at least two people", 0, 19, "person", LOWER_BOUND)
    >>> describe_conflict(two, Fact(FactKind.NUMBER, "17", "17 people", 0, 9, "person"))
    'number: at least two people (lower bound, holds) ≠ 17 people'
    """
    return (
        f"{claim.kind.value}: {claim.text}{_claim_qualifier(claim, evidence)}"
        f" ≠ {evidence.text}{f' ({evidence.qualifier})' if evidence.qualifier else ''}"
    )


def _claim_qualifier(claim: Fact, evidence: Fact) -> str:
    if not claim.qualifier:
        return ""
    if claim.qualifier not in (LOWER_BOUND, UPPER_BOUND) or evidence.qualifier:
        return f" ({claim.qualifier})"
    stated, found = _amount(claim.value), _amount(evidence.value)
    holds = found >= stated if claim.qualifier == LOWER_BOUND else found <= stated
    return f" ({claim.qualifier}, {'holds' if holds else 'contradicted'})"


def _amount(value: str) -> float:
    """The number in a canonical value ("17", "USD 5000000"); 0.0 when there is none."""
    try:
        return float(value.split()[-1])
    except (ValueError, IndexError):
        return 0.0


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
    """One claim as the reviewer sees it: its sentence, ranked evidence and verdict.
    ``dateline`` is the dateline sentence that opens the claim's sentence, if any: the
    claim's place and date (``checks.datelines`` reads it). ``dismissed`` holds the passages
    the reviewer marked not relevant (out of ``evidence``)."""

    sentence: Sentence
    claim: Claim
    evidence: tuple[Evidence, ...]
    verdict: Verdict
    dateline: Sentence | None = None
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

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """The sentences of the claims and their datelines, in order, once each."""
        found = {row.sentence.index: row.sentence for row in self.rows}
        found |= {row.dateline.index: row.dateline for row in self.rows if row.dateline}
        return tuple(found[index] for index in sorted(found))
