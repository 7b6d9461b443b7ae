"""JSONL export: everything about each claim, one JSON object per line.

Each line holds ``article_id``, ``claim_id``, ``article`` (with its metadata), ``claim`` (its
sentence span, kind, check-worthiness and reasons), ``verdict`` (label, note, cited rank, time),
``evidence`` (every ranked passage above the relevance floor with its score, band, matching
and conflicting facts and its source document), ``weak_matches`` (the passages below the
floor, band ``weak``: not evidence, kept for the record) and ``history`` (every saved
verdict change of the claim, oldest first).
Lines end with ``\\n``; text is UTF-8, not ``\\u`` escaped, except ``< > &``, direction
controls and the characters some readers take for a line break (U+2028, U+2029, U+0085),
so one claim stays one line for any reader (``checks.untrusted.json_text``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from checks import datelines, relevance
from checks.factchecks.exports import Checked, jsonl_list
from checks.model import Article, Document, Evidence, Review, ReviewRow
from checks.store import HistoryEntry, agreement_to_json
from checks.untrusted import json_text


def _article(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "author": article.author,
        "published": article.published,
        "created_at": article.created_at,
    }


def _document(doc: Document | None, uid: str) -> dict[str, Any]:
    if doc is None:
        return {"uid": uid}
    return {
        "uid": doc.uid,
        "source": doc.source.value,
        "key": doc.key,
        "title": doc.title,
        "url": doc.url,
        "revision": doc.revision,
        "language": doc.language,
        "fetched_at": doc.fetched_at,
    }


def _evidence(review: Review, evidence: Evidence) -> dict[str, Any]:
    passage = evidence.passage
    return {
        "rank": evidence.rank,
        "score": evidence.score,
        "band": relevance.band(evidence.score).value,
        "text": passage.text,
        "start": passage.start,
        "end": passage.end,
        "conflicts": list(evidence.agreement.describe_conflicts()),
        "agreement": json.loads(agreement_to_json(evidence.agreement)),
        "document": _document(review.document(passage.document_key), passage.document_key),
    }


def _dateline(row: ReviewRow) -> dict[str, Any] | None:
    """The dateline that opens the claim's sentence: parts, span, and the flags (per evidence
    rank) that are about its date; None when the sentence has no dateline."""
    if row.dateline is None:
        return None
    found = datelines.parse(row.dateline.text)
    return {
        "text": found.text,
        "place": found.place,
        "region": found.region,
        "date": found.date,
        "agency": found.agency,
        "start": row.dateline.start,
        "end": row.dateline.end,
        "conflicts": {
            str(e.rank): list(datelines.dateline_conflicts(e.agreement, found.text))
            for e in row.evidence
            if relevance.is_evidence(e.score)  # weak matches are not evidence: no flags
        },
    }


def _history(entry: HistoryEntry) -> dict[str, Any]:
    record: dict[str, Any] = {
        "label": entry.label,
        "note": entry.note,
        "evidence_rank": entry.evidence_rank,
        "changed_at": entry.changed_at,
    }
    if entry.action != "verdict":  # a passage marked not relevant (or back), a claim edit
        record["action"] = entry.action
        record["detail"] = json.loads(entry.detail) if entry.detail else None
    if entry.undoes is not None:
        record["undoes"] = entry.undoes
    return record


def jsonl_record(
    review: Review,
    row: ReviewRow,
    history: Sequence[HistoryEntry],
    checked: Checked | None = None,
) -> dict[str, Any]:
    """One claim with everything known about it; ``history`` is filtered to the claim."""
    sentence, claim, verdict = row.sentence, row.claim, row.verdict
    ranked = sorted(row.evidence, key=lambda e: e.rank)
    return {
        "article_id": review.article.id,
        "claim_id": claim.id,
        "article": _article(review.article),
        "claim": {
            "text": claim.text,
            "kind": claim.kind.value,
            "checkworthiness": claim.checkworthiness,
            "reasons": list(claim.reasons),
            "sentence_index": sentence.index,
            "sentence": sentence.text,
            "role": sentence.role.value,
            "paragraph": sentence.paragraph,
            "start": sentence.start,
            "end": sentence.end,
        },
        "verdict": {
            "label": verdict.label,
            "note": verdict.note,
            "cited_evidence_rank": verdict.evidence_rank,
            "updated_at": verdict.updated_at,
        },
        "dateline": _dateline(row),
        "evidence": [_evidence(review, e) for e in ranked if relevance.is_evidence(e.score)],
        "weak_matches": [
            _evidence(review, e) for e in ranked if not relevance.is_evidence(e.score)
        ],
        "not_relevant": [_evidence(review, e) for e in row.dismissed],
        "history": [_history(entry) for entry in history if entry.claim_id == claim.id],
        "checked_before": jsonl_list(checked, claim.id),
    }


def to_jsonl(
    review: Review, history: Sequence[HistoryEntry], *, checked: Checked | None = None
) -> bytes:
    """The review as JSONL bytes, one claim per line in article order."""
    lines = (json_text(jsonl_record(review, row, history, checked)) + "\n" for row in review.rows)
    return "".join(lines).encode("utf-8")
