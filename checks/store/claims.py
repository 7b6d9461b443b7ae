"""Sentences and claims (``sentences``, ``claims``) and the reviewer's claim edits, logged in
the append-only ``claim_edits`` table.

Claim ids are stable and never reused: a new claim gets ``c<N+1>`` where N is the highest
number the article ever used (claims, verdict history and the edit log). Every function runs
inside the caller's transaction.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from typing import Final

from checks.errors import NotFoundError, StoreError
from checks.model import Claim, Evidence, Sentence
from checks.store import articles, evidence, rows, verdicts
from checks.store.rows import ClaimEdit, DroppedCitation

_INSERT_SENTENCE: Final = """
INSERT INTO sentences (article_id, idx, "start", "end", text, paragraph, role)
VALUES (?, ?, ?, ?, ?, ?, ?)
"""
_INSERT_CLAIM: Final = """
INSERT INTO claims (article_id, claim_id, position, sentence_index, text, kind,
    checkworthiness, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""
_UPSERT_CLAIM_KEEPING_POSITION: Final = """
INSERT INTO claims (article_id, claim_id, position, sentence_index, text, kind,
    checkworthiness, reasons) VALUES (?, ?,
    (SELECT coalesce(max(position), -1) + 1 FROM claims WHERE article_id = ?),
    ?, ?, ?, ?, ?)
ON CONFLICT (article_id, claim_id) DO UPDATE SET sentence_index = excluded.sentence_index,
    text = excluded.text, kind = excluded.kind, checkworthiness = excluded.checkworthiness,
    reasons = excluded.reasons
"""
_CLAIM_NUMBER: Final = re.compile(r"^c(\d+)")


def insert(
    connection: sqlite3.Connection,
    article_id: int,
    sentences: Sequence[Sentence],
    claims: Sequence[Claim],
) -> None:
    """Insert an analysis's sentences and claims (claims in the order given)."""
    connection.executemany(_INSERT_SENTENCE, [
        (article_id, s.index, s.start, s.end, s.text, s.paragraph, s.role.value)
        for s in sentences
    ])  # fmt: skip
    connection.executemany(
        _INSERT_CLAIM, [rows.claim_params(article_id, n, c) for n, c in enumerate(claims)]
    )


def delete_all(connection: sqlite3.Connection, article_id: int) -> None:
    """Delete the article's sentences, which cascades to its claims and their evidence."""
    connection.execute("DELETE FROM sentences WHERE article_id = ?", (article_id,))


def sentences(connection: sqlite3.Connection, article_id: int) -> dict[int, Sentence]:
    """The article's sentences by index."""
    found = connection.execute(
        "SELECT * FROM sentences WHERE article_id = ? ORDER BY idx", (article_id,)
    )
    return {s.index: s for s in map(rows.sentence, found.fetchall())}


def in_order(connection: sqlite3.Connection, article_id: int) -> tuple[Claim, ...]:
    """The article's claims in their order."""
    found = connection.execute(
        "SELECT * FROM claims WHERE article_id = ? ORDER BY position", (article_id,)
    )
    return tuple(map(rows.claim, found.fetchall()))


def edits(connection: sqlite3.Connection, article_id: int) -> tuple[ClaimEdit, ...]:
    """The reviewer's changes to the article's claims, oldest first."""
    articles.require(connection, article_id)
    found = connection.execute(
        "SELECT * FROM claim_edits WHERE article_id = ? ORDER BY id", (article_id,)
    ).fetchall()
    return tuple(map(rows.claim_edit, found))


def top_number(connection: sqlite3.Connection, article_id: int) -> int:
    """The highest number of any claim id the article ever had (claims, history, edits)."""
    return _claim_numbers(connection, article_id)


def new_ids(connection: sqlite3.Connection, article_id: int, count: int) -> tuple[str, ...]:
    """``count`` claim ids the article never had (``c34``, ``c35`` ...)."""
    articles.require(connection, article_id)
    top = _claim_numbers(connection, article_id)
    return tuple(f"c{top + n}" for n in range(1, count + 1))


def replace(
    connection: sqlite3.Connection,
    article_id: int,
    action: str,
    *,
    remove: Sequence[str],
    write: Sequence[Claim],
    after: str | None,
    found: Sequence[Evidence],
    now: str,
) -> tuple[DroppedCitation, ...]:
    """One claim edit: delete the ``remove`` claims (with their verdicts; history stays),
    insert or update the ``write`` claims with ``found`` as their evidence (the citation
    rule of ``evidence`` applies), log it in ``claim_edits``. New claims are placed after
    ``after`` (default: after the last claim of their sentence); claims already there keep
    their place and their verdict. Returns the citations dropped."""
    articles.require(connection, article_id)
    touched = dict.fromkeys([*remove, *(c.id for c in write)])
    old = {
        claim_id: _require_claim(connection, article_id, claim_id)
        for claim_id in touched
        if claim_id in remove or _claim_exists(connection, article_id, claim_id)
    }
    top = _claim_numbers(connection, article_id)
    for claim in write:
        if claim.id not in old and not _fresh_id(claim.id, top):
            raise StoreError(f"claim id {claim.id!r} was used before in this article")
        if not claim.text.strip():
            raise StoreError("a claim needs text; the text given is empty")
        _require_sentence(connection, article_id, claim.sentence_index)
    for claim_id in remove:
        verdicts.drop(connection, article_id, claim_id)
        connection.execute(
            "DELETE FROM claims WHERE article_id = ? AND claim_id = ?", (article_id, claim_id)
        )
    order = _claim_order(connection, article_id)
    for claim in write:
        _write_claim(connection, article_id, claim)
    new = [c for c in write if c.id not in old]
    _renumber(connection, article_id, _placed(connection, article_id, order, new, after))
    evidence.require_documents(connection, found)
    dropped = evidence.replace_evidence(
        connection, article_id, found, claim_ids={c.id for c in write}
    )
    _log_edit(connection, article_id, action, list(old.values()), write, now)
    return dropped


def _claim_numbers(connection: sqlite3.Connection, article_id: int) -> int:
    """The highest number of any claim id the article ever had (``c34`` -> 34)."""
    ids = [
        str(row[0])
        for row in connection.execute(
            "SELECT claim_id FROM claims WHERE article_id = ?1 UNION"
            " SELECT claim_id FROM verdict_history WHERE article_id = ?1",
            (article_id,),
        )
    ]
    for row in connection.execute(
        "SELECT before, after FROM claim_edits WHERE article_id = ?", (article_id,)
    ):
        ids += [str(pair[0]) for pair in json.loads(row["before"]) + json.loads(row["after"])]
    numbers = [int(match.group(1)) for match in map(_CLAIM_NUMBER.match, ids) if match]
    return max(numbers, default=0)


def _renumber(connection: sqlite3.Connection, article_id: int, order: Sequence[str]) -> None:
    """Give the article's claims the positions of ``order`` (two passes: positions are
    unique at every step)."""
    connection.execute(
        "UPDATE claims SET position = -1 - position WHERE article_id = ?", (article_id,)
    )
    connection.executemany(
        "UPDATE claims SET position = ? WHERE article_id = ? AND claim_id = ?",
        [(position, article_id, claim_id) for position, claim_id in enumerate(order)],
    )


def _claim_order(connection: sqlite3.Connection, article_id: int) -> list[str]:
    return [
        str(row[0])
        for row in connection.execute(
            "SELECT claim_id FROM claims WHERE article_id = ? ORDER BY position", (article_id,)
        )
    ]


def _claim_exists(connection: sqlite3.Connection, article_id: int, claim_id: str) -> bool:
    return bool(
        connection.execute(
            "SELECT 1 FROM claims WHERE article_id = ? AND claim_id = ?", (article_id, claim_id)
        ).fetchone()
    )


def _fresh_id(claim_id: str, top: int) -> bool:
    match = _CLAIM_NUMBER.match(claim_id)
    return match is not None and int(match.group(1)) > top and claim_id == f"c{match.group(1)}"


def _require_sentence(connection: sqlite3.Connection, article_id: int, index: int) -> None:
    if not connection.execute(
        "SELECT 1 FROM sentences WHERE article_id = ? AND idx = ?", (article_id, index)
    ).fetchone():
        raise NotFoundError(f"article {article_id} has no sentence {index}")


def _placed(
    connection: sqlite3.Connection,
    article_id: int,
    order: list[str],
    new: Sequence[Claim],
    after: str | None,
) -> list[str]:
    """``order`` with the ``new`` claims inserted after ``after`` or after the last claim of
    their sentence (by sentence index when none is there)."""
    sentence_of = {
        str(row[0]): int(row[1])
        for row in connection.execute(
            "SELECT claim_id, sentence_index FROM claims WHERE article_id = ?", (article_id,)
        )
    }
    result = [claim_id for claim_id in order if claim_id in sentence_of]
    anchor = after
    for claim in new:
        if anchor is not None and anchor in result:
            where = result.index(anchor) + 1
        else:
            before = [i for i, c in enumerate(result) if sentence_of[c] <= claim.sentence_index]
            where = before[-1] + 1 if before else 0
        result.insert(where, claim.id)
        anchor = claim.id
    return result


def _require_claim(connection: sqlite3.Connection, article_id: int, claim_id: str) -> Claim:
    articles.require(connection, article_id)
    row = connection.execute(
        "SELECT * FROM claims WHERE article_id = ? AND claim_id = ?", (article_id, claim_id)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"article {article_id} has no claim {claim_id!r}")
    return rows.claim(row)


def _write_claim(connection: sqlite3.Connection, article_id: int, claim: Claim) -> None:
    """Insert or replace a claim's text, sentence, kind and score (position kept; a new
    claim goes last until ``_renumber``)."""
    params = rows.claim_params(article_id, 0, claim)
    connection.execute(_UPSERT_CLAIM_KEEPING_POSITION, (article_id, claim.id, article_id,
                                                        *params[3:]))  # fmt: skip


def _log_edit(
    connection: sqlite3.Connection,
    article_id: int,
    action: str,
    before: Sequence[Claim],
    after: Sequence[Claim],
    now: str,
) -> None:
    connection.execute(
        "INSERT INTO claim_edits (article_id, action, before, after, changed_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (
            article_id, action,
            json.dumps([[c.id, c.text] for c in before], ensure_ascii=False),
            json.dumps([[c.id, c.text] for c in after], ensure_ascii=False),
            now,
        ),
    )  # fmt: skip
    articles.touch(connection, article_id, now)
