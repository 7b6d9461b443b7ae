"""The reference library (``documents``) and the sources' answer cache (``source_cache``).

A removed document that evidence still cites stays in the table, hidden (``removed_at``), so
the articles quoting it keep their evidence; ``purge_removed`` deletes it once nothing cites
it. Every function runs inside the caller's transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any, Final

from checks.errors import NotFoundError
from checks.model import Document, SourceKind
from checks.store import rows

_UPSERT_DOCUMENT: Final = """
INSERT INTO documents (uid, source, "key", title, url, revision, language, text, fetched_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (uid) DO UPDATE SET
    title = excluded.title, url = excluded.url, revision = excluded.revision,
    language = excluded.language, text = excluded.text, fetched_at = excluded.fetched_at,
    removed_at = NULL
"""
_PURGE_REMOVED_DOCUMENTS: Final = """
DELETE FROM documents WHERE removed_at IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.document_uid = documents.uid)
"""


def upsert(connection: sqlite3.Connection, documents: Sequence[Document]) -> None:
    """Insert or update by ``uid``; a removed document comes back to the list."""
    for doc in documents:
        connection.execute(_UPSERT_DOCUMENT, rows.document_params(doc))


def purge_removed(connection: sqlite3.Connection) -> None:
    """Delete the removed documents no evidence cites any more."""
    connection.execute(_PURGE_REMOVED_DOCUMENTS)


def listed(connection: sqlite3.Connection, source: SourceKind | None) -> tuple[Document, ...]:
    """Documents not removed, by source, title and uid; optionally of one source."""
    query = "SELECT * FROM documents WHERE removed_at IS NULL"
    params: tuple[str, ...] = ()
    if source is not None:
        query, params = query + " AND source = ?", (source.value,)
    found = connection.execute(query + " ORDER BY source, title, uid", params)
    return tuple(map(rows.document, found.fetchall()))


def require(connection: sqlite3.Connection, uid: str) -> Document:
    """A stored document by uid, also one removed but still cited as evidence."""
    row = connection.execute("SELECT * FROM documents WHERE uid = ?", (uid,)).fetchone()
    if row is None:
        raise NotFoundError(f"no document {uid}")
    return rows.document(row)


def cached(connection: sqlite3.Connection, uid: str) -> Document | None:
    """A document by uid unless it is unknown or was removed from the list."""
    row = connection.execute(
        "SELECT * FROM documents WHERE uid = ? AND removed_at IS NULL", (uid,)
    ).fetchone()
    return None if row is None else rows.document(row)


def remove(connection: sqlite3.Connection, uid: str, now: str) -> None:
    """Take a document off the list (deleted at once unless evidence cites it)."""
    cursor = connection.execute(
        "UPDATE documents SET removed_at = ? WHERE uid = ? AND removed_at IS NULL", (now, uid)
    )
    if cursor.rowcount == 0:
        raise NotFoundError(f"no document {uid}")
    purge_removed(connection)


def cache_get(
    connection: sqlite3.Connection, source: SourceKind, key: str
) -> tuple[dict[str, Any], str] | None:
    """A cached answer of a source (JSON object) and when it was fetched, or None."""
    row = connection.execute(
        'SELECT value, fetched_at FROM source_cache WHERE source = ? AND "key" = ?',
        (source.value, key),
    ).fetchone()
    if row is None:
        return None
    value = json.loads(row["value"])
    return (value if isinstance(value, dict) else {}), str(row["fetched_at"])


def cache_put(
    connection: sqlite3.Connection,
    source: SourceKind,
    key: str,
    value: dict[str, Any],
    fetched_at: str,
) -> None:
    """Save (or replace) a source's answer."""
    connection.execute(
        'INSERT INTO source_cache (source, "key", value, fetched_at) VALUES (?, ?, ?, ?)'
        ' ON CONFLICT (source, "key") DO UPDATE SET value = excluded.value,'
        " fetched_at = excluded.fetched_at",
        (source.value, key, json.dumps(value, ensure_ascii=False), fetched_at),
    )
