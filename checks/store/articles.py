"""Articles (``articles``): add, read, list with counts, change metadata, rename, delete.

Deleting an article cascades to its sentences, claims, evidence, lookups, verdicts, history
and claim edits. Every function runs inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import Final

from checks.errors import NotFoundError, StoreError
from checks.model import Article
from checks.store import documents, rows
from checks.store.rows import ArticleSummary

SUMMARIES: Final = """
SELECT a.id, a.title, a.created_at,
    (SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claims,
    (SELECT count(*) FROM verdicts v JOIN claims c
        ON c.article_id = v.article_id AND c.claim_id = v.claim_id
        WHERE v.article_id = a.id AND lower(v.label) != 'unreviewed') AS reviewed,
    (SELECT count(*) FROM evidence e
        WHERE e.article_id = a.id AND e.rank = 1
        AND json_array_length(e.agreement, '$.conflicts') > 0) AS conflicts
FROM articles a ORDER BY a.created_at DESC, a.id DESC
"""
"""The article list with its counts. The two WHERE terms are those of the partial indexes of
migration 0011, written out (a parameter would keep SQLite from using them); ``'unreviewed'``
is ``config.UNREVIEWED``."""


def require(connection: sqlite3.Connection, article_id: int) -> Article:
    """The article, or NotFoundError."""
    row = connection.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no article {article_id}")
    return rows.article(row)


def touch(connection: sqlite3.Connection, article_id: int, now: str) -> None:
    """Record that the article changed at ``now``."""
    connection.execute("UPDATE articles SET updated_at = ? WHERE id = ?", (now, article_id))


def add(
    connection: sqlite3.Connection,
    *,
    title: str,
    text: str,
    url: str,
    author: str,
    published: str,
    now: str,
) -> Article:
    cursor = connection.execute(
        "INSERT INTO articles (title, text, url, created_at, updated_at, author,"
        " published) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (title, text, url, now, now, author, published),
    )
    if cursor.lastrowid is None:
        raise StoreError("the new article got no id")
    return Article(
        id=cursor.lastrowid, title=title, text=text, url=url, created_at=now,
        author=author, published=published,
    )  # fmt: skip


def set_metadata(
    connection: sqlite3.Connection,
    article_id: int,
    *,
    title: str | None,
    url: str | None,
    author: str | None,
    published: str | None,
    now: str,
) -> Article:
    """Change the given fields (``None`` leaves one as it is); an empty title is refused."""
    if title is not None and not title.strip():
        raise StoreError("an article needs a title; the title given is empty")
    current = require(connection, article_id)
    wanted = replace(
        current,
        title=current.title if title is None else title.strip(),
        url=current.url if url is None else url.strip(),
        author=current.author if author is None else author.strip(),
        published=current.published if published is None else published.strip(),
    )
    if wanted != current:
        connection.execute(
            "UPDATE articles SET title = ?, url = ?, author = ?, published = ? WHERE id = ?",
            (wanted.title, wanted.url, wanted.author, wanted.published, article_id),
        )
        touch(connection, article_id, now)
    return wanted


def summaries(connection: sqlite3.Connection) -> tuple[ArticleSummary, ...]:
    """Every article, newest first, with its claim, reviewed and conflict counts."""
    found = connection.execute(SUMMARIES)
    return tuple(rows.summary(row) for row in found.fetchall())


def rename(connection: sqlite3.Connection, article_id: int, title: str, now: str) -> None:
    cursor = connection.execute(
        "UPDATE articles SET title = ?, updated_at = ? WHERE id = ?", (title, now, article_id)
    )
    if cursor.rowcount == 0:
        raise NotFoundError(f"no article {article_id}")


def delete(connection: sqlite3.Connection, article_id: int) -> None:
    """Delete the article and everything of it; removed documents it alone cited go too."""
    cursor = connection.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    if cursor.rowcount == 0:
        raise NotFoundError(f"no article {article_id}")
    documents.purge_removed(connection)
