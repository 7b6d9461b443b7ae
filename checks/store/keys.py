"""Receipts of the review page's key presses (``key_receipts``): a press ``(tab, seq)`` is
applied once; its receipt is written in the transaction of the change it made, and a press
that finds its receipt changes nothing (``checks.keyqueue`` has the protocol).

Every function runs inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3

from checks.keyqueue import Receipt


def get(connection: sqlite3.Connection, tab: str, seq: int) -> Receipt | None:
    row = connection.execute(
        "SELECT * FROM key_receipts WHERE tab = ? AND seq = ?", (tab, seq)
    ).fetchone()
    if row is None:
        return None
    return Receipt(str(row["tab"]), int(row["seq"]), int(row["article_id"]), str(row["focus"]))


def put(connection: sqlite3.Connection, receipt: Receipt, now: str) -> bool:
    """Save the receipt; False (and nothing written) when the press already has one."""
    cursor = connection.execute(
        "INSERT INTO key_receipts (tab, seq, article_id, focus, applied_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (tab, seq) DO NOTHING",
        (receipt.tab, receipt.seq, receipt.article_id, receipt.focus, now),
    )
    return cursor.rowcount == 1
