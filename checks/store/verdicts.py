"""Verdicts (``verdicts``: one per reviewed claim), their append-only history
(``verdict_history``) and undo.

No row in ``verdicts`` means unreviewed. Every change writes the new verdict and one history
entry; an undo is a new entry restoring the state before the undone one (``undoes`` names
it), so the history never changes. Every function runs inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Sequence
from dataclasses import replace
from enum import Enum
from typing import Final

from checks import config
from checks.errors import NotFoundError, VerdictError
from checks.model import Passage, Verdict
from checks.store import articles, claim_undo, dismissals, evidence, rows
from checks.store.rows import HistoryEntry


class _Unset(Enum):
    """Sentinel type: "leave this field as it is" where ``None`` is a meaningful value."""

    UNSET = "unset"


UNSET: Final = _Unset.UNSET
Unset = _Unset

_UPSERT_VERDICT: Final = """
INSERT INTO verdicts (article_id, claim_id, label, note, evidence_rank, updated_at,
    cited_document, cited_start, cited_end, cited_text)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (article_id, claim_id) DO UPDATE SET
    label = excluded.label, note = excluded.note,
    evidence_rank = excluded.evidence_rank, updated_at = excluded.updated_at,
    cited_document = excluded.cited_document, cited_start = excluded.cited_start,
    cited_end = excluded.cited_end, cited_text = excluded.cited_text
"""
_INSERT_HISTORY: Final = """
INSERT INTO verdict_history (article_id, claim_id, label, note, evidence_rank, changed_at,
    cited_document, cited_start, cited_end, cited_text, undoes, batch, action)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
UNDOABLE: Final = """
SELECT h.* FROM verdict_history h
WHERE h.article_id = :article AND h.undoes IS NULL
    AND NOT EXISTS (SELECT 1 FROM verdict_history u WHERE u.undoes = h.id)
    AND (h.action = 'claims' OR EXISTS (SELECT 1 FROM claims c
        WHERE c.article_id = h.article_id AND c.claim_id = h.claim_id))
"""
"""The history entries undo may still revert: not undo entries themselves, not undone yet,
of a claim that still exists, or claim edits (``:article``). Migration 0009 indexes both
look-ups."""
_VERDICT_COUNTS: Final = """
SELECT coalesce(v.label, :unreviewed) AS label, count(*) AS n
FROM claims c LEFT JOIN verdicts v ON v.article_id = c.article_id AND v.claim_id = c.claim_id
WHERE c.article_id = :article GROUP BY 1
"""


def canonical_label(label: str, *, scale: Sequence[str]) -> str:
    """The scale's spelling of ``label``, compared case-insensitively.

    >>> canonical_label(" Mostly TRUE ", scale=config.DEFAULT_SCALE)
    'mostly true'
    """
    wanted = label.strip().casefold()
    for entry in scale:
        if entry.casefold() == wanted:
            return entry
    raise VerdictError(f"{label!r} is not on the verdict scale: {', '.join(scale)}")


def unreviewed(claim_id: str) -> Verdict:
    """The verdict of a claim nobody has reviewed yet (no row in ``verdicts``)."""
    return Verdict(claim_id, config.UNREVIEWED, "", None, "")


def scale_or_default(scale: Sequence[str] | None) -> Sequence[str]:
    """``scale``, or ``config.verdict_scale()`` read now."""
    return config.verdict_scale() if scale is None else scale


def of_article(connection: sqlite3.Connection, article_id: int) -> dict[str, Verdict]:
    """The saved verdicts of the article by claim id (unreviewed claims have none)."""
    found = connection.execute(
        "SELECT * FROM verdicts WHERE article_id = ? ORDER BY claim_id", (article_id,)
    )
    return {v.claim_id: v for v in map(rows.verdict, found.fetchall())}


def drop_of_gone_claims(connection: sqlite3.Connection, article_id: int) -> None:
    """Delete the verdicts of claim ids the article no longer has (their history stays)."""
    connection.execute(
        "DELETE FROM verdicts WHERE article_id = ?1 AND claim_id NOT IN"
        " (SELECT claim_id FROM claims WHERE article_id = ?1)",
        (article_id,),
    )


def drop(connection: sqlite3.Connection, article_id: int, claim_id: str) -> None:
    """Delete one claim's verdict (its history stays)."""
    connection.execute(
        "DELETE FROM verdicts WHERE article_id = ? AND claim_id = ?", (article_id, claim_id)
    )


def current(connection: sqlite3.Connection, article_id: int, claim_id: str) -> Verdict:
    """The saved verdict, or the unreviewed default; NotFoundError for an unknown claim."""
    articles.require(connection, article_id)
    if not connection.execute(
        "SELECT 1 FROM claims WHERE article_id = ? AND claim_id = ?", (article_id, claim_id)
    ).fetchone():
        raise NotFoundError(f"article {article_id} has no claim {claim_id!r}")
    row = connection.execute(
        "SELECT * FROM verdicts WHERE article_id = ? AND claim_id = ?", (article_id, claim_id)
    ).fetchone()
    return unreviewed(claim_id) if row is None else rows.verdict(row)


def _changed(
    connection: sqlite3.Connection,
    article_id: int,
    current: Verdict,
    label: str | None,
    note: str | None,
    evidence_rank: int | _Unset | None,
    scale: Sequence[str],
    now: str,
) -> Verdict | None:
    """The verdict after the change, or None when nothing would change."""
    rank = current.evidence_rank
    if not isinstance(evidence_rank, _Unset):
        rank = _require_rank(connection, article_id, current.claim_id, evidence_rank)
    wanted = Verdict(
        claim_id=current.claim_id,
        label=current.label if label is None else canonical_label(label, scale=scale),
        note=current.note if note is None else note,
        evidence_rank=rank,
        updated_at=now,
    )
    same = (wanted.label, wanted.note, wanted.evidence_rank) == (
        current.label, current.note, current.evidence_rank,
    )  # fmt: skip
    return None if same else wanted


def _require_rank(
    connection: sqlite3.Connection, article_id: int, claim_id: str, rank: int | None
) -> int | None:
    if rank is None:
        return None
    if (
        isinstance(rank, bool)
        or evidence.passage_at(connection, article_id, claim_id, rank) is None
    ):
        raise NotFoundError(f"claim {claim_id!r} of article {article_id} has no evidence {rank}")
    return rank


def _save(
    connection: sqlite3.Connection,
    article_id: int,
    verdict: Verdict,
    *,
    undoes: int | None = None,
    batch: str | None = None,
    action: str = rows.VERDICT,
) -> int:
    """Write the verdict, citing the passage at its rank, and its history entry; returns
    the entry's id."""
    cited = None
    if verdict.evidence_rank is not None:
        cited = evidence.passage_at(connection, article_id, verdict.claim_id, verdict.evidence_rank)
    passage = (None,) * 4 if cited is None else (
        cited.document_key, cited.start, cited.end, cited.text,
    )  # fmt: skip
    values = (
        article_id, verdict.claim_id, verdict.label, verdict.note,
        verdict.evidence_rank, verdict.updated_at, *passage,
    )  # fmt: skip
    connection.execute(_UPSERT_VERDICT, values)
    cursor = connection.execute(_INSERT_HISTORY, (*values, undoes, batch, action))
    articles.touch(connection, article_id, verdict.updated_at)
    return int(cursor.lastrowid or 0)


def set_one(
    connection: sqlite3.Connection,
    article_id: int,
    claim_id: str,
    *,
    label: str | None,
    note: str | None,
    evidence_rank: int | _Unset | None,
    scale: Sequence[str],
    now: str,
) -> Verdict:
    """Change the given fields of a claim's verdict; returns the verdict now saved."""
    saved = current(connection, article_id, claim_id)
    wanted = _changed(connection, article_id, saved, label, note, evidence_rank, scale, now)
    if wanted is None:
        return saved
    _save(connection, article_id, wanted)
    return wanted


def set_many(
    connection: sqlite3.Connection,
    article_id: int,
    changes: Sequence[tuple[str, str | None, str | None]],
    *,
    scale: Sequence[str],
    now: str,
) -> int:
    """Apply ``(claim_id, label, note)`` changes as one batch; returns how many changed."""
    changed = 0
    batch = uuid.uuid4().hex if len(changes) > 1 else None  # undone together
    for claim_id, label, note in changes:
        saved = current(connection, article_id, claim_id)
        wanted = _changed(connection, article_id, saved, label, note, UNSET, scale, now)
        if wanted is not None:
            _save(connection, article_id, wanted, batch=batch)
            changed += 1
    return changed


def _state_before(connection: sqlite3.Connection, entry: HistoryEntry, now: str) -> Verdict:
    """The claim's verdict just before ``entry`` was saved (its previous history entry, or
    unreviewed). Its citation follows the cited passage to its rank now, by the rule of
    ``evidence``; it is dropped when the passage is gone. (An entry saved before migration
    0010 has only a rank: kept if the claim still has evidence at that rank.)"""
    row = connection.execute(
        "SELECT * FROM verdict_history WHERE article_id = ? AND claim_id = ? AND id < ?"
        " ORDER BY id DESC LIMIT 1",
        (entry.article_id, entry.claim_id, entry.id),
    ).fetchone()
    before = unreviewed(entry.claim_id) if row is None else rows.verdict_of_entry(row)
    rank = before.evidence_rank
    if row is not None and row["cited_document"] is not None:
        cited = Passage(
            str(row["cited_document"]), int(row["cited_start"]), int(row["cited_end"]),
            str(row["cited_text"]),
        )  # fmt: skip
        found = evidence.find_passage(connection, entry.article_id, entry.claim_id, cited)
        rank = None if found is None else found[0]
    elif (
        rank is not None
        and evidence.passage_at(connection, entry.article_id, entry.claim_id, rank) is None
    ):
        rank = None
    return replace(before, evidence_rank=rank, updated_at=now)


def next_undo(connection: sqlite3.Connection, article_id: int) -> tuple[HistoryEntry, ...]:
    """The history entries the next undo reverts, newest first: the latest undoable entry,
    with every undoable entry of its batch (a bulk change is undone as one)."""
    articles.require(connection, article_id)
    latest = connection.execute(
        UNDOABLE + " ORDER BY h.id DESC LIMIT 1", {"article": article_id}
    ).fetchone()
    if latest is None or latest["batch"] is None:
        return () if latest is None else (rows.history_entry(latest),)
    found = connection.execute(
        UNDOABLE + " AND h.batch = :batch ORDER BY h.id DESC",
        {"article": article_id, "batch": latest["batch"]},
    ).fetchall()
    return tuple(map(rows.history_entry, found))


def undo(connection: sqlite3.Connection, article_id: int, now: str) -> tuple[HistoryEntry, ...]:
    """Revert the latest change not yet undone; returns the entries written.

    A verdict change gets the verdict before it back; a passage marked not relevant is
    evidence again (``dismissals``); a claim edit puts the claims back as they were
    (``claim_undo``; one that can no longer be undone is passed over with an entry saying
    so, ``detail`` ``{"lapsed": ...}``, and undo goes on with the change before)."""
    targets = next_undo(connection, article_id)
    batch = uuid.uuid4().hex if len(targets) > 1 else None
    written: list[HistoryEntry] = []
    for entry in targets:
        if entry.action == rows.CLAIMS:
            written.append(_undo_claims(connection, article_id, entry, now))
            continue
        before = _state_before(connection, entry, now)
        action = rows.VERDICT
        if entry.action == rows.NOT_RELEVANT:
            dismissals.take_back(connection, entry)
            action = rows.RELEVANT_AGAIN
        new_id = _save(connection, article_id, before, undoes=entry.id, batch=batch, action=action)
        written.append(
            HistoryEntry(
                new_id, article_id, entry.claim_id, before.label, before.note,
                before.evidence_rank, now, undoes=entry.id, action=action,
            )
        )  # fmt: skip
    return tuple(written)


def _undo_claims(
    connection: sqlite3.Connection, article_id: int, entry: HistoryEntry, now: str
) -> HistoryEntry:
    connection.execute("SAVEPOINT claim_undo")
    try:
        done = claim_undo.revert(connection, article_id, entry, now)
    except (claim_undo.LapsedEdit, sqlite3.IntegrityError) as lapsed:  # e.g. a sentence gone
        connection.execute("ROLLBACK TO claim_undo")
        connection.execute("RELEASE claim_undo")
        return claim_undo.lapse(connection, article_id, entry, now, reason=str(lapsed))
    connection.execute("RELEASE claim_undo")
    return done


def labels_in_order(
    connection: sqlite3.Connection, article_id: int
) -> tuple[tuple[str, str, str], ...]:
    """(claim id, label, kind) of the article's claims in their order, unreviewed included."""
    articles.require(connection, article_id)
    found = connection.execute(
        "SELECT c.claim_id, coalesce(v.label, ?), c.kind FROM claims c LEFT JOIN verdicts v"
        " ON v.article_id = c.article_id AND v.claim_id = c.claim_id"
        " WHERE c.article_id = ? ORDER BY c.position",
        (config.UNREVIEWED, article_id),
    )
    return tuple((str(claim_id), str(label), str(kind)) for claim_id, label, kind in found)


def history(
    connection: sqlite3.Connection, article_id: int, claim_id: str | None
) -> tuple[HistoryEntry, ...]:
    """Verdict changes of the article (or of one claim), oldest first."""
    articles.require(connection, article_id)
    query = "SELECT * FROM verdict_history WHERE article_id = ?"
    params: tuple[int | str, ...] = (article_id,)
    if claim_id is not None:
        query, params = query + " AND claim_id = ?", (article_id, claim_id)
    return tuple(map(rows.history_entry, connection.execute(query + " ORDER BY id", params)))


def counts(connection: sqlite3.Connection, article_id: int, scale: Sequence[str]) -> dict[str, int]:
    """Claims per label: every scale label in scale order (zeros included), then any saved
    label no longer on the scale. Claims without a verdict count as unreviewed."""
    result = dict.fromkeys(scale, 0)
    articles.require(connection, article_id)
    found = connection.execute(
        _VERDICT_COUNTS, {"unreviewed": config.UNREVIEWED, "article": article_id}
    ).fetchall()
    for row in found:
        result[str(row["label"])] = int(row["n"])
    return result
