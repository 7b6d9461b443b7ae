"""The desk: reads over every article at once, for the charts of the Articles page
(``checks.stats`` turns them into counts). Every function runs inside the caller's
transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Final

from checks import config
from checks.store import rows
from checks.store.rows import HistoryEntry

_COUNTS: Final = """
SELECT c.article_id AS article_id, coalesce(v.label, :unreviewed) AS label, count(*) AS n
FROM claims c LEFT JOIN verdicts v ON v.article_id = c.article_id AND v.claim_id = c.claim_id
GROUP BY 1, 2 ORDER BY 1, 2
"""


def verdict_counts(
    connection: sqlite3.Connection, scale: Sequence[str]
) -> dict[int, dict[str, int]]:
    """Claims per label of every article that has claims: each article's dict has every scale
    label in scale order (zeros included), then any saved label no longer on the scale.
    Claims without a verdict count as unreviewed."""
    result: dict[int, dict[str, int]] = {}
    found = connection.execute(_COUNTS, {"unreviewed": config.UNREVIEWED})
    for row in found.fetchall():
        counts = result.setdefault(int(row["article_id"]), dict.fromkeys(scale, 0))
        counts[str(row["label"])] = int(row["n"])
    return result


def history(connection: sqlite3.Connection) -> tuple[HistoryEntry, ...]:
    """Every verdict change of every article still in the database, oldest first."""
    found = connection.execute("SELECT * FROM verdict_history ORDER BY id")
    return tuple(map(rows.history_entry, found))
