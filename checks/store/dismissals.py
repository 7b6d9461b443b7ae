"""Passages the reviewer marked not relevant for a claim (``dismissed_evidence``).

A marked passage leaves the claim's evidence as the review shows it (``Review`` rows list it
under ``dismissed``), also after "analyse again" finds it again; the evidence rows stay, so
undo only takes the mark away. The mark is an entry of the verdict history (action
``not relevant``, the passage in ``detail``), undone like a verdict change; a citation of the
passage is dropped with it (and back on undo). Every function runs inside the caller's
transaction.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Final

from checks.errors import NotFoundError
from checks.model import Evidence, Verdict
from checks.store import articles, rows
from checks.store.rows import NOT_RELEVANT, HistoryEntry

Key = tuple[str, str, int, int]  # claim id, document uid, start, end

_INSERT_ENTRY: Final = """
INSERT INTO verdict_history (article_id, claim_id, label, note, evidence_rank, changed_at,
    cited_document, cited_start, cited_end, cited_text, undoes, batch, action, detail)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
"""


def cited_now(connection: sqlite3.Connection, article_id: int, claim_id: str) -> tuple[object, ...]:
    """The verdict's cited passage as saved (migration 0010), four NULLs for none."""
    row = connection.execute(
        "SELECT cited_document, cited_start, cited_end, cited_text FROM verdicts"
        " WHERE article_id = ? AND claim_id = ?",
        (article_id, claim_id),
    ).fetchone()
    return (None,) * 4 if row is None else tuple(row)


def key(item: Evidence) -> Key:
    passage = item.passage
    return (item.claim_id, passage.document_key, passage.start, passage.end)


def of_article(connection: sqlite3.Connection, article_id: int) -> set[Key]:
    found = connection.execute(
        'SELECT claim_id, document_uid, "start", "end" FROM dismissed_evidence'
        " WHERE article_id = ?",
        (article_id,),
    )
    return {(str(r[0]), str(r[1]), int(r[2]), int(r[3])) for r in found}


def detail(item: Evidence) -> str:
    passage = item.passage
    return json.dumps(
        {"document": passage.document_key, "start": passage.start, "end": passage.end,
         "text": passage.text, "rank": item.rank},
        ensure_ascii=False,
    )  # fmt: skip


def dismiss(
    connection: sqlite3.Connection,
    article_id: int,
    claim_id: str,
    rank: int,
    verdict: Verdict,
    now: str,
) -> HistoryEntry | None:
    """Mark the claim's evidence ``rank`` not relevant; None if it was marked already.
    ``verdict`` is the claim's verdict now; a citation of the passage is dropped."""
    articles.require(connection, article_id)
    row = connection.execute(
        "SELECT * FROM evidence WHERE article_id = ? AND claim_id = ? AND rank = ?",
        (article_id, claim_id, rank),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"claim {claim_id!r} of article {article_id} has no evidence {rank}")
    item = rows.evidence(row)
    passage = item.passage
    cursor = connection.execute(
        'INSERT INTO dismissed_evidence (article_id, claim_id, document_uid, "start", "end",'
        " text, dismissed_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (article_id, claim_id, passage.document_key, passage.start, passage.end,
         passage.text, now),
    )  # fmt: skip
    if cursor.rowcount != 1:
        return None
    cited = None if verdict.evidence_rank == rank else verdict.evidence_rank
    if cited != verdict.evidence_rank:
        connection.execute(
            "UPDATE verdicts SET evidence_rank = NULL, cited_document = NULL,"
            " cited_start = NULL, cited_end = NULL, cited_text = NULL, updated_at = ?"
            " WHERE article_id = ? AND claim_id = ?",
            (now, article_id, claim_id),
        )
    text = detail(item)
    values = (article_id, claim_id, verdict.label, verdict.note, cited, now)
    passage_cited = cited_now(connection, article_id, claim_id)
    entry_id = connection.execute(
        _INSERT_ENTRY, (*values, *passage_cited, None, NOT_RELEVANT, text)
    ).lastrowid
    articles.touch(connection, article_id, now)
    return HistoryEntry(
        int(entry_id or 0), article_id, claim_id, verdict.label, verdict.note, cited, now,
        action=NOT_RELEVANT, detail=text,
    )  # fmt: skip


def take_back(connection: sqlite3.Connection, entry: HistoryEntry) -> None:
    """Remove the mark that ``entry`` (a ``not relevant`` entry) made."""
    passage = json.loads(entry.detail)
    connection.execute(
        'DELETE FROM dismissed_evidence WHERE article_id = ? AND claim_id = ?'
        ' AND document_uid = ? AND "start" = ? AND "end" = ?',
        (entry.article_id, entry.claim_id, passage["document"], passage["start"],
         passage["end"]),
    )  # fmt: skip
