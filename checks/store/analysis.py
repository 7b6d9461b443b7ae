"""An article's analysis as a whole: save it (sentences, claims, evidence, lookups and the
documents they cite, replacing the last one) and read it back as a ``Review``.

Every function runs inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3

from checks.errors import StoreError
from checks.model import Analysis, Evidence, Review, ReviewRow
from checks.store import articles, claims, documents, evidence, verdicts


def check(analysis: Analysis) -> None:
    """Every claim points at a sentence, every evidence at a claim; ids are unique."""
    sentence_indexes = {s.index for s in analysis.sentences}
    claim_ids = [c.id for c in analysis.claims]
    if len(set(claim_ids)) != len(claim_ids):
        raise StoreError(f"analysis repeats a claim id: {claim_ids}")
    for claim in analysis.claims:
        if claim.sentence_index not in sentence_indexes:
            raise StoreError(f"claim {claim.id} points at missing sentence {claim.sentence_index}")
    known = set(claim_ids)  # a set: a 5 MB article has 40,000 claims and 90,000 evidence
    for item in analysis.evidence:
        if item.claim_id not in known:
            raise StoreError(f"evidence rank {item.rank} is for unknown claim {item.claim_id}")


def save(connection: sqlite3.Connection, article_id: int, analysis: Analysis, now: str) -> None:
    """Replace the article's sentences, claims, evidence and lookups; upsert the documents.
    Verdicts of claim ids that still exist are kept, those of ids that are gone dropped."""
    check(analysis)
    articles.require(connection, article_id)
    documents.upsert(connection, analysis.documents)
    evidence.require_documents(connection, analysis.evidence)
    claims.delete_all(connection, article_id)  # cascades to claims and evidence
    connection.execute("DELETE FROM lookups WHERE article_id = ?", (article_id,))
    claims.insert(connection, article_id, analysis.sentences, analysis.claims)
    evidence.insert_lookups(connection, article_id, analysis.lookups)
    evidence.insert(connection, article_id, analysis.evidence)
    verdicts.drop_of_gone_claims(connection, article_id)
    documents.purge_removed(connection)
    articles.touch(connection, article_id, now)


def review(connection: sqlite3.Connection, article_id: int) -> Review:
    """The article's claims in order, each with its sentence, evidence and verdict."""
    article = articles.require(connection, article_id)
    sentences = claims.sentences(connection, article_id)
    found = evidence.in_order(connection, article_id)
    saved = verdicts.of_article(connection, article_id)
    by_claim: dict[str, list[Evidence]] = {}
    for item in found:  # grouped once: linear in the evidence, not claims x evidence
        by_claim.setdefault(item.claim_id, []).append(item)
    rows = tuple(
        ReviewRow(
            sentence=sentences[claim.sentence_index],
            claim=claim,
            evidence=tuple(by_claim.get(claim.id, ())),
            verdict=saved.get(claim.id, verdicts.unreviewed(claim.id)),
        )
        for claim in claims.in_order(connection, article_id)
    )
    return Review(
        article=article,
        rows=rows,
        documents=evidence.cited_documents(connection, article_id, found),
    )
