"""Evidence (``evidence``: ranked passages of documents per claim) and the lookups that found
it (``lookups``), and what happens to a verdict's citation when evidence is replaced.

Every function runs inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Final

from checks.errors import NotFoundError, StoreError
from checks.model import Document, Evidence, Lookup
from checks.store import articles, documents, rows

_INSERT_EVIDENCE: Final = """
INSERT INTO evidence (article_id, claim_id, rank, document_uid, "start", "end", text, score,
    agreement) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_INSERT_LOOKUP: Final = """
INSERT INTO lookups (article_id, position, source, kind, query, claim_ids, phrases, outcome,
    document_uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_EVIDENCE_IN_ORDER: Final = """
SELECT e.* FROM evidence e JOIN claims c
    ON c.article_id = e.article_id AND c.claim_id = e.claim_id
WHERE e.article_id = ? ORDER BY c.position, e.rank
"""


def insert(connection: sqlite3.Connection, article_id: int, evidence: Iterable[Evidence]) -> None:
    connection.executemany(
        _INSERT_EVIDENCE, [rows.evidence_params(article_id, e) for e in evidence]
    )


def insert_lookups(
    connection: sqlite3.Connection, article_id: int, lookups: Sequence[Lookup]
) -> None:
    connection.executemany(
        _INSERT_LOOKUP, [rows.lookup_params(article_id, n, x) for n, x in enumerate(lookups)]
    )


def lookups(connection: sqlite3.Connection, article_id: int) -> tuple[Lookup, ...]:
    """The pages the sources looked up for the article's last analysis, and why."""
    found = connection.execute(
        "SELECT * FROM lookups WHERE article_id = ? ORDER BY position", (article_id,)
    )
    return tuple(map(rows.lookup, found.fetchall()))


def in_order(connection: sqlite3.Connection, article_id: int) -> tuple[Evidence, ...]:
    """The article's evidence in claim order, then by rank."""
    return tuple(map(rows.evidence, connection.execute(_EVIDENCE_IN_ORDER, (article_id,))))


def require_documents(connection: sqlite3.Connection, evidence: Iterable[Evidence]) -> None:
    """StoreError unless every document the evidence cites is stored."""
    for uid in sorted({e.passage.document_key for e in evidence}):
        if not connection.execute("SELECT 1 FROM documents WHERE uid = ?", (uid,)).fetchone():
            raise StoreError(f"evidence cites document {uid}, which is not stored")


def cited_documents(
    connection: sqlite3.Connection, article_id: int, evidence: Sequence[Evidence]
) -> tuple[Document, ...]:
    """Documents cited by the evidence, in order of first citation."""
    first = dict.fromkeys(e.passage.document_key for e in evidence)
    order = {uid: n for n, uid in enumerate(first)}
    found = connection.execute(
        "SELECT * FROM documents WHERE uid IN"
        " (SELECT document_uid FROM evidence WHERE article_id = ?)",
        (article_id,),
    ).fetchall()
    return tuple(sorted(map(rows.document, found), key=lambda doc: order.get(doc.uid, len(order))))


def has_rank(connection: sqlite3.Connection, article_id: int, claim_id: str, rank: int) -> bool:
    return bool(
        connection.execute(
            "SELECT 1 FROM evidence WHERE article_id = ? AND claim_id = ? AND rank = ?",
            (article_id, claim_id, rank),
        ).fetchone()
    )


def drop_for_claim(connection: sqlite3.Connection, article_id: int, claim_id: str) -> None:
    """Delete a claim's evidence and its verdict's citation (its text changed)."""
    connection.execute(
        "DELETE FROM evidence WHERE article_id = ? AND claim_id = ?", (article_id, claim_id)
    )
    connection.execute(
        "UPDATE verdicts SET evidence_rank = NULL WHERE article_id = ? AND claim_id = ?",
        (article_id, claim_id),
    )


def replace_for_claim(
    connection: sqlite3.Connection,
    article_id: int,
    claim_id: str,
    evidence: Sequence[Evidence],
    docs: Sequence[Document],
    now: str,
) -> None:
    """Replace one claim's evidence (after a reference was added for it); upserts ``docs``.
    A cited rank that no longer exists is un-cited."""
    if any(e.claim_id != claim_id for e in evidence):
        raise StoreError(f"evidence for another claim than {claim_id!r}")
    articles.require(connection, article_id)
    if not connection.execute(
        "SELECT 1 FROM claims WHERE article_id = ? AND claim_id = ?", (article_id, claim_id)
    ).fetchone():
        raise NotFoundError(f"article {article_id} has no claim {claim_id!r}")
    documents.upsert(connection, docs)
    connection.execute(
        "DELETE FROM evidence WHERE article_id = ? AND claim_id = ?", (article_id, claim_id)
    )
    insert(connection, article_id, evidence)
    connection.execute(
        "UPDATE verdicts SET evidence_rank = NULL WHERE article_id = ? AND claim_id = ?"
        " AND evidence_rank > ?",
        (article_id, claim_id, len(evidence)),
    )
    documents.purge_removed(connection)
    articles.touch(connection, article_id, now)


def replace_all(
    connection: sqlite3.Connection,
    article_id: int,
    docs: Sequence[Document],
    evidence: Sequence[Evidence],
    found: Sequence[Lookup],
    now: str,
) -> None:
    """Replace the evidence and lookups of every claim, keeping the claims as they are.
    Cited ranks that no longer exist are un-cited."""
    articles.require(connection, article_id)
    ids = {
        str(row[0])
        for row in connection.execute(
            "SELECT claim_id FROM claims WHERE article_id = ?", (article_id,)
        )
    }
    if any(e.claim_id not in ids for e in evidence):
        raise StoreError("evidence for a claim the article does not have")
    documents.upsert(connection, docs)
    connection.execute("DELETE FROM evidence WHERE article_id = ?", (article_id,))
    connection.execute("DELETE FROM lookups WHERE article_id = ?", (article_id,))
    insert(connection, article_id, evidence)
    insert_lookups(connection, article_id, found)
    connection.execute(
        "UPDATE verdicts SET evidence_rank = NULL WHERE article_id = ?1"
        " AND evidence_rank IS NOT NULL AND NOT EXISTS (SELECT 1 FROM evidence e"
        " WHERE e.article_id = ?1 AND e.claim_id = verdicts.claim_id"
        " AND e.rank = verdicts.evidence_rank)",
        (article_id,),
    )
    documents.purge_removed(connection)
    articles.touch(connection, article_id, now)
