"""Claim edits in the undo history: each edit (split, merge, edit, add, delete) saves the
claims it touched as they were (``claim_edit_states``: their rows, verdicts and evidence,
and the claims' order) and a ``claims`` entry in the verdict history; undoing that entry
puts those claims back exactly, removes the claims the edit made, and logs the undo in the
append-only ``claim_edits`` log (action ``undo``).

Rows are copied column by column as SQLite holds them, so a column added by a later
migration is restored too. Every function runs inside the caller's transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any, Final

from checks import config
from checks.errors import StoreError
from checks.store import articles, claims, dismissals
from checks.store.rows import CLAIMS, CLAIMS_UNDONE, HistoryEntry

UNDO: Final = "undo"  # the claim_edits action of an undone edit
_INSERT_ENTRY: Final = """
INSERT INTO verdict_history (article_id, claim_id, label, note, evidence_rank, changed_at,
    cited_document, cited_start, cited_end, cited_text, undoes, batch, action, detail)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
"""


class LapsedEdit(StoreError):
    """The claims are no longer those the edit left (the article was analysed again, or
    the edit was saved before claim edits could be undone): it cannot be undone."""


def _rows(
    connection: sqlite3.Connection, table: str, article_id: int, ids: Sequence[str]
) -> list[dict[str, Any]]:
    marks = ", ".join("?" * len(ids))
    found = connection.execute(
        f"SELECT * FROM {table} WHERE article_id = ? AND claim_id IN ({marks})",
        (article_id, *ids),
    )
    return [dict(row) for row in found.fetchall()]


def _insert(connection: sqlite3.Connection, table: str, row: dict[str, Any]) -> None:
    columns = ", ".join(f'"{name}"' for name in row)
    marks = ", ".join("?" * len(row))
    connection.execute(
        f"INSERT OR REPLACE INTO {table} ({columns}) VALUES ({marks})",
        tuple(row.values()),
    )


def snapshot(
    connection: sqlite3.Connection, article_id: int, claim_ids: Iterable[str]
) -> dict[str, Any]:
    """The touched claims as they are now (before the edit), with the article's order."""
    order = claims._claim_order(connection, article_id)
    ids = [claim_id for claim_id in dict.fromkeys(claim_ids) if claim_id in order]
    return {
        "order": order,
        "claims": _rows(connection, "claims", article_id, ids),
        "verdicts": _rows(connection, "verdicts", article_id, ids),
        "evidence": _rows(connection, "evidence", article_id, ids),
    }


def _verdict_now(
    connection: sqlite3.Connection, article_id: int, claim_id: str
) -> tuple[str, str, int | None]:
    row = connection.execute(
        "SELECT label, note, evidence_rank FROM verdicts WHERE article_id = ? AND claim_id = ?",
        (article_id, claim_id),
    ).fetchone()
    if row is None:
        return (config.UNREVIEWED, "", None)
    return (str(row[0]), str(row[1]), None if row[2] is None else int(row[2]))


def _entry(
    connection: sqlite3.Connection,
    article_id: int,
    claim_id: str,
    now: str,
    *,
    action: str,
    detail: dict[str, Any],
    undoes: int | None = None,
) -> HistoryEntry:
    label, note, rank = _verdict_now(connection, article_id, claim_id)
    text = json.dumps(detail, ensure_ascii=False)
    cited = dismissals.cited_now(connection, article_id, claim_id)
    values = (article_id, claim_id, label, note, rank, now, *cited, undoes, action, text)
    entry_id = int(connection.execute(_INSERT_ENTRY, values).lastrowid or 0)
    return HistoryEntry(
        entry_id, article_id, claim_id, label, note, rank, now, undoes=undoes, action=action,
        detail=text,
    )  # fmt: skip


def record(
    connection: sqlite3.Connection, article_id: int, state: dict[str, Any], now: str
) -> HistoryEntry:
    """After ``claims.replace`` logged an edit: save ``state`` (the ``snapshot`` taken
    before it) for that edit and put a ``claims`` entry in the verdict history."""
    edit = connection.execute(
        "SELECT id, action, before, after FROM claim_edits WHERE article_id = ?"
        " ORDER BY id DESC LIMIT 1",
        (article_id,),
    ).fetchone()
    connection.execute(
        "INSERT INTO claim_edit_states (edit_id, state) VALUES (?, ?)",
        (edit["id"], json.dumps(state, ensure_ascii=False)),
    )
    named = [str(pair[0]) for pair in json.loads(edit["after"]) + json.loads(edit["before"])]
    detail = {"edit": int(edit["id"]), "action": str(edit["action"])}
    return _entry(connection, article_id, named[0], now, action=CLAIMS, detail=detail)


def revert(
    connection: sqlite3.Connection, article_id: int, entry: HistoryEntry, now: str
) -> HistoryEntry:
    """Undo the claim edit of ``entry`` (a ``claims`` entry); LapsedEdit when the claims
    are no longer those it left, nothing changed then."""
    edit_id = int(json.loads(entry.detail)["edit"])
    edit = connection.execute(
        "SELECT e.action, e.after, s.state FROM claim_edits e"
        " LEFT JOIN claim_edit_states s ON s.edit_id = e.id WHERE e.id = ?",
        (edit_id,),
    ).fetchone()
    if edit is None or edit["state"] is None:
        raise LapsedEdit("this claim edit was saved without what undo needs")
    state = json.loads(edit["state"])
    made = [(str(a), str(b)) for a, b in json.loads(edit["after"])]
    now_text = {
        str(row[0]): str(row[1])
        for row in connection.execute(
            "SELECT claim_id, text FROM claims WHERE article_id = ?", (article_id,)
        )
    }
    if any(now_text.get(claim_id) != text for claim_id, text in made):
        raise LapsedEdit("the claims changed since this edit (analysed again?)")
    _put_back(connection, article_id, state, [claim_id for claim_id, _ in made])
    restored = [(str(row["claim_id"]), str(row["text"])) for row in state["claims"]]
    connection.execute(
        "INSERT INTO claim_edits (article_id, action, before, after, changed_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (article_id, UNDO, json.dumps(made, ensure_ascii=False),
         json.dumps(restored, ensure_ascii=False), now),
    )  # fmt: skip
    articles.touch(connection, article_id, now)
    focus = restored[0][0] if restored else entry.claim_id
    detail = {"edit": edit_id, "action": str(edit["action"])}
    return _entry(
        connection, article_id, focus, now, action=CLAIMS_UNDONE, detail=detail,
        undoes=entry.id,
    )  # fmt: skip


def _put_back(
    connection: sqlite3.Connection, article_id: int, state: dict[str, Any], made: list[str]
) -> None:
    before = [str(row["claim_id"]) for row in state["claims"]]
    gone = [claim_id for claim_id in made if claim_id not in before]
    for claim_id in [*gone, *before]:  # their evidence goes with them (cascade)
        tables = (
            ("verdicts", "dismissed_evidence", "claims")
            if claim_id in gone
            else ("verdicts", "claims")
        )
        for table in tables:
            connection.execute(
                f"DELETE FROM {table} WHERE article_id = ? AND claim_id = ?",
                (article_id, claim_id),
            )
    for number, row in enumerate(state["claims"]):
        _insert(connection, "claims", {**row, "position": -1_000_000 - number})
    for row in state["verdicts"]:
        _insert(connection, "verdicts", row)
    known = {str(r[0]) for r in connection.execute("SELECT uid FROM documents")}
    for row in state["evidence"]:
        if row["document_uid"] in known:
            _insert(connection, "evidence", row)
    present = set(claims._claim_order(connection, article_id))
    order = [claim_id for claim_id in state["order"] if claim_id in present]
    order += sorted(present - set(order))
    claims._renumber(connection, article_id, order)


def lapse(
    connection: sqlite3.Connection, article_id: int, entry: HistoryEntry, now: str, *, reason: str
) -> HistoryEntry:
    """Pass over a claim edit that cannot be undone: an entry saying so, which counts as
    its undo (the next undo goes on with the change before)."""
    edit = json.loads(entry.detail)
    detail = {**edit, "lapsed": reason}
    return _entry(
        connection, article_id, entry.claim_id, now, action=CLAIMS_UNDONE, detail=detail,
        undoes=entry.id,
    )  # fmt: skip
