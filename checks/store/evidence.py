"""Evidence (``evidence``: ranked passages of documents per claim), the lookups that found it
(``lookups``), and the one rule for citations when evidence is replaced.

A verdict cites a passage by its identity: document uid, span and text (``cited_*`` columns
of ``verdicts``); ``evidence_rank`` is where that passage ranks in the claim's evidence now.
Every path that replaces evidence (a new analysis, "analyse again" keeping the claims, a
claim matched again after an edit or an added reference) goes through ``replace_evidence``,
which moves each citation of the claims it touches to the passage's new rank, or drops it
(returned as ``DroppedCitation``) when the new evidence no longer has that passage. The
same passage is the same document with the same text: at the same span if it is there,
else anywhere in the document (a revision moved it), the best rank first.

Every function runs inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Sequence
from typing import Final

from checks.errors import NotFoundError, StoreError
from checks.model import Document, Evidence, Lookup, Passage
from checks.store import articles, documents, rows
from checks.store.rows import DroppedCitation

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
    articles.require(connection, article_id)
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


_SAME_PASSAGE: Final = """
SELECT rank, "start", "end" FROM evidence
WHERE article_id = :article AND claim_id = :claim AND document_uid = :document AND text = :text
ORDER BY ("start" = :start AND "end" = :end) DESC, rank LIMIT 1
"""
_CITATIONS: Final = """
SELECT claim_id, cited_document, cited_start, cited_end, cited_text FROM verdicts
WHERE article_id = ? AND cited_document IS NOT NULL ORDER BY claim_id
"""
_CITE: Final = """
UPDATE verdicts SET evidence_rank = ?, cited_document = ?, cited_start = ?, cited_end = ?,
    cited_text = ? WHERE article_id = ? AND claim_id = ?
"""


def passage_at(
    connection: sqlite3.Connection, article_id: int, claim_id: str, rank: int
) -> Passage | None:
    """The passage at ``rank`` of the claim's evidence, or None."""
    row = connection.execute(
        'SELECT document_uid, "start", "end", text FROM evidence'
        " WHERE article_id = ? AND claim_id = ? AND rank = ?",
        (article_id, claim_id, rank),
    ).fetchone()
    return None if row is None else Passage(str(row[0]), int(row[1]), int(row[2]), str(row[3]))


def find_passage(
    connection: sqlite3.Connection, article_id: int, claim_id: str, passage: Passage
) -> tuple[int, Passage] | None:
    """Where the claim's evidence has ``passage`` now (the rule above): its rank and the
    passage as it is there, or None."""
    row = connection.execute(
        _SAME_PASSAGE,
        {
            "article": article_id, "claim": claim_id, "document": passage.document_key,
            "text": passage.text, "start": passage.start, "end": passage.end,
        },
    ).fetchone()  # fmt: skip
    if row is None:
        return None
    return int(row[0]), Passage(passage.document_key, int(row[1]), int(row[2]), passage.text)


def replace_evidence(
    connection: sqlite3.Connection,
    article_id: int,
    evidence: Sequence[Evidence],
    *,
    claim_ids: Collection[str] | None,
) -> tuple[DroppedCitation, ...]:
    """Replace the evidence of ``claim_ids`` (None: of every claim of the article) with
    ``evidence``, then apply the citation rule to their verdicts; returns the citations
    dropped. ``evidence`` must be for those claims only."""
    if claim_ids is None:
        connection.execute("DELETE FROM evidence WHERE article_id = ?", (article_id,))
    else:
        if any(e.claim_id not in claim_ids for e in evidence):
            raise StoreError("evidence for a claim whose evidence is not being replaced")
        connection.executemany(
            "DELETE FROM evidence WHERE article_id = ? AND claim_id = ?",
            [(article_id, claim_id) for claim_id in claim_ids],
        )
    insert(connection, article_id, evidence)
    dropped: list[DroppedCitation] = []
    for row in connection.execute(_CITATIONS, (article_id,)).fetchall():
        claim_id = str(row[0])
        if claim_ids is not None and claim_id not in claim_ids:
            continue
        cited = Passage(str(row[1]), int(row[2]), int(row[3]), str(row[4]))
        found = find_passage(connection, article_id, claim_id, cited)
        if found is None:
            dropped.append(DroppedCitation(claim_id, cited))
        cite(connection, article_id, claim_id, found)
    return tuple(dropped)


def cite(
    connection: sqlite3.Connection,
    article_id: int,
    claim_id: str,
    where: tuple[int, Passage] | None,
) -> None:
    """Set the verdict's citation to a rank and the passage there (None: no citation)."""
    values: tuple[object, ...] = (None,) * 5
    if where is not None:
        rank, passage = where
        values = (rank, passage.document_key, passage.start, passage.end, passage.text)
    connection.execute(_CITE, (*values, article_id, claim_id))


def replace_for_claim(
    connection: sqlite3.Connection,
    article_id: int,
    claim_id: str,
    evidence: Sequence[Evidence],
    docs: Sequence[Document],
    now: str,
) -> tuple[DroppedCitation, ...]:
    """Replace one claim's evidence (after a reference was added for it); upserts ``docs``."""
    if any(e.claim_id != claim_id for e in evidence):
        raise StoreError(f"evidence for another claim than {claim_id!r}")
    articles.require(connection, article_id)
    if not connection.execute(
        "SELECT 1 FROM claims WHERE article_id = ? AND claim_id = ?", (article_id, claim_id)
    ).fetchone():
        raise NotFoundError(f"article {article_id} has no claim {claim_id!r}")
    documents.upsert(connection, docs)
    require_documents(connection, evidence)
    dropped = replace_evidence(connection, article_id, evidence, claim_ids={claim_id})
    documents.purge_removed(connection)
    articles.touch(connection, article_id, now)
    return dropped


def replace_all(
    connection: sqlite3.Connection,
    article_id: int,
    docs: Sequence[Document],
    evidence: Sequence[Evidence],
    found: Sequence[Lookup],
    now: str,
) -> tuple[DroppedCitation, ...]:
    """Replace the evidence and lookups of every claim, keeping the claims as they are."""
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
    require_documents(connection, evidence)
    connection.execute("DELETE FROM lookups WHERE article_id = ?", (article_id,))
    insert_lookups(connection, article_id, found)
    dropped = replace_evidence(connection, article_id, evidence, claim_ids=None)
    documents.purge_removed(connection)
    articles.touch(connection, article_id, now)
    return dropped
