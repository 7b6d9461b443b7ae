"""Row <-> model: the store's own records (article summaries, history entries, claim edits)
and the conversions between SQLite rows and the dataclasses of ``checks.model``.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from checks.claim_ids import Move
from checks.model import (
    Agreement,
    Article,
    Claim,
    ClaimKind,
    Document,
    Evidence,
    Fact,
    FactKind,
    Lookup,
    Passage,
    Sentence,
    SentenceRole,
    SourceKind,
    Verdict,
)


@dataclass(frozen=True)
class ArticleSummary:
    """One line of the article list; counts are over the article's current claims."""

    id: int
    title: str
    created_at: str
    claims: int
    reviewed: int
    conflicts: int


VERDICT = "verdict"  # history actions: a verdict, label, note or citation changed
NOT_RELEVANT = "not relevant"  # a passage marked not relevant for the claim
RELEVANT_AGAIN = "relevant again"  # that mark undone
CLAIMS = "claims"  # a claim edit (split, merge, edit, add, delete), ``detail`` names it
CLAIMS_UNDONE = "claims undone"  # the claims put back as they were before that edit


@dataclass(frozen=True)
class HistoryEntry:
    """One saved verdict change (append-only), oldest first by ``id``."""

    id: int
    article_id: int
    claim_id: str
    label: str
    note: str
    evidence_rank: int | None
    changed_at: str
    undoes: int | None = None  # the id of the entry this one undid (``Store.undo``)
    action: str = "verdict"  # or NOT_RELEVANT, RELEVANT_AGAIN, CLAIMS, CLAIMS_UNDONE
    detail: str = ""  # JSON: the passage (not relevant) or the claim edit (claims)


@dataclass(frozen=True)
class ClaimEdit:
    """One change the reviewer made to an article's claims (append-only log).

    ``action`` is edit, split, merge, add or delete; ``before`` and ``after`` are the
    ``(claim_id, text)`` pairs it replaced and created.
    """

    id: int
    article_id: int
    action: str
    before: tuple[tuple[str, str], ...]
    after: tuple[tuple[str, str], ...]
    changed_at: str


@dataclass(frozen=True)
class DroppedCitation:
    """A verdict's citation removed because new evidence of its claim no longer has the
    cited passage (``passage``: the one it cited)."""

    claim_id: str
    passage: Passage


@dataclass(frozen=True)
class SavedAnalysis:
    """What saving an analysis did besides storing it: citations dropped because their
    passage is gone, and verdicts or notes moved from a claim that is gone to the claim that
    now holds its text (a dateline's, onto the claim it opens)."""

    dropped: tuple[DroppedCitation, ...] = ()
    moves: tuple[Move, ...] = ()


def fact_to_json(fact: Fact) -> dict[str, Any]:
    return {
        "kind": fact.kind.value,
        "value": fact.value,
        "text": fact.text,
        "start": fact.start,
        "end": fact.end,
        "unit": fact.unit,
        "qualifier": fact.qualifier,
    }


def fact_from_json(data: dict[str, Any]) -> Fact:
    return Fact(
        kind=FactKind(data["kind"]),
        value=str(data["value"]),
        text=str(data["text"]),
        start=int(data["start"]),
        end=int(data["end"]),
        unit=str(data.get("unit", "")),
        qualifier=str(data.get("qualifier", "")),  # absent in rows written before it existed
    )


def agreement_to_json(agreement: Agreement) -> str:
    """``{"matches": [[claim_fact, evidence_fact], ...], "conflicts": [...]}``."""
    return json.dumps(
        {
            "matches": [[fact_to_json(c), fact_to_json(e)] for c, e in agreement.matches],
            "conflicts": [[fact_to_json(c), fact_to_json(e)] for c, e in agreement.conflicts],
        },
        ensure_ascii=False,
    )


def agreement_from_json(text: str) -> Agreement:
    data = json.loads(text)
    return Agreement(
        matches=tuple((fact_from_json(c), fact_from_json(e)) for c, e in data["matches"]),
        conflicts=tuple((fact_from_json(c), fact_from_json(e)) for c, e in data["conflicts"]),
    )


def article(row: sqlite3.Row) -> Article:
    return Article(
        id=int(row["id"]),
        title=str(row["title"]),
        text=str(row["text"]),
        url=str(row["url"]),
        created_at=str(row["created_at"]),
        author=str(row["author"]),
        published=str(row["published"]),
    )


def sentence(row: sqlite3.Row) -> Sentence:
    return Sentence(
        index=int(row["idx"]),
        start=int(row["start"]),
        end=int(row["end"]),
        text=str(row["text"]),
        paragraph=int(row["paragraph"]),
        role=SentenceRole(row["role"]),
    )


def claim(row: sqlite3.Row) -> Claim:
    return Claim(
        id=str(row["claim_id"]),
        sentence_index=int(row["sentence_index"]),
        text=str(row["text"]),
        kind=ClaimKind(row["kind"]),
        checkworthiness=float(row["checkworthiness"]),
        reasons=tuple(str(reason) for reason in json.loads(row["reasons"])),
    )


def evidence(row: sqlite3.Row) -> Evidence:
    passage = Passage(
        document_key=str(row["document_uid"]),
        start=int(row["start"]),
        end=int(row["end"]),
        text=str(row["text"]),
    )
    return Evidence(
        claim_id=str(row["claim_id"]),
        rank=int(row["rank"]),
        passage=passage,
        score=float(row["score"]),
        agreement=agreement_from_json(row["agreement"]),
    )


def document(row: sqlite3.Row) -> Document:
    return Document(
        source=SourceKind(row["source"]),
        key=str(row["key"]),
        title=str(row["title"]),
        url=str(row["url"]),
        revision=str(row["revision"]),
        language=str(row["language"]),
        text=str(row["text"]),
        fetched_at=str(row["fetched_at"]),
    )


def lookup(row: sqlite3.Row) -> Lookup:
    return Lookup(
        source=SourceKind(row["source"]),
        kind=str(row["kind"]),
        query=str(row["query"]),
        claim_ids=tuple(json.loads(row["claim_ids"])),
        phrases=tuple(json.loads(row["phrases"])),
        outcome=str(row["outcome"]),
        document_uid=str(row["document_uid"]),
    )


def optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def verdict(row: sqlite3.Row) -> Verdict:
    return Verdict(
        claim_id=str(row["claim_id"]),
        label=str(row["label"]),
        note=str(row["note"]),
        evidence_rank=optional_int(row["evidence_rank"]),
        updated_at=str(row["updated_at"]),
    )


def history_entry(row: sqlite3.Row) -> HistoryEntry:
    return HistoryEntry(
        id=int(row["id"]),
        article_id=int(row["article_id"]),
        claim_id=str(row["claim_id"]),
        label=str(row["label"]),
        note=str(row["note"]),
        evidence_rank=optional_int(row["evidence_rank"]),
        changed_at=str(row["changed_at"]),
        undoes=optional_int(row["undoes"]),
        action=str(row["action"]),
        detail=str(row["detail"]),
    )


def claim_edit(row: sqlite3.Row) -> ClaimEdit:
    def pairs(text: str) -> tuple[tuple[str, str], ...]:
        return tuple((str(a), str(b)) for a, b in json.loads(text))

    return ClaimEdit(
        id=int(row["id"]),
        article_id=int(row["article_id"]),
        action=str(row["action"]),
        before=pairs(row["before"]),
        after=pairs(row["after"]),
        changed_at=str(row["changed_at"]),
    )


def summary(row: sqlite3.Row) -> ArticleSummary:
    return ArticleSummary(
        id=int(row["id"]),
        title=str(row["title"]),
        created_at=str(row["created_at"]),
        claims=int(row["claims"]),
        reviewed=int(row["reviewed"]),
        conflicts=int(row["conflicts"]),
    )


def verdict_of_entry(row: sqlite3.Row) -> Verdict:
    return Verdict(
        claim_id=str(row["claim_id"]),
        label=str(row["label"]),
        note=str(row["note"]),
        evidence_rank=optional_int(row["evidence_rank"]),
        updated_at=str(row["changed_at"]),
    )


def document_params(doc: Document) -> tuple[str, ...]:
    return (
        doc.uid, doc.source.value, doc.key, doc.title, doc.url,
        doc.revision, doc.language, doc.text, doc.fetched_at,
    )  # fmt: skip


def claim_params(article_id: int, position: int, claim: Claim) -> tuple[Any, ...]:
    """The values of ``INSERT INTO claims`` for a claim at ``position``."""
    return (
        article_id, claim.id, position, claim.sentence_index, claim.text, claim.kind.value,
        claim.checkworthiness, json.dumps(list(claim.reasons), ensure_ascii=False),
    )  # fmt: skip


def evidence_params(article_id: int, item: Evidence) -> tuple[Any, ...]:
    """The values of ``INSERT INTO evidence`` for one piece of evidence."""
    return (
        article_id, item.claim_id, item.rank, item.passage.document_key, item.passage.start,
        item.passage.end, item.passage.text, item.score, agreement_to_json(item.agreement),
    )  # fmt: skip


def lookup_params(article_id: int, position: int, lookup: Lookup) -> tuple[Any, ...]:
    """The values of ``INSERT INTO lookups`` for the lookup at ``position``."""
    return (
        article_id, position, lookup.source.value, lookup.kind, lookup.query,
        json.dumps(list(lookup.claim_ids), ensure_ascii=False),
        json.dumps(list(lookup.phrases), ensure_ascii=False), lookup.outcome,
        lookup.document_uid,
    )  # fmt: skip
