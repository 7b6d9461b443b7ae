"""The schema: ordered, named SQL scripts (``MIGRATIONS``), each applied once, in its own
transaction, and recorded in the ``migrations`` table (sqlite-utils style). A database that
records a migration this code does not know was written by a newer version and is refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from typing import Final

from checks.errors import StoreError
from checks.timestamps import utc_now

Clock = Callable[[], str]

MIGRATIONS: Final[tuple[tuple[str, str], ...]] = (
    (
        "0001_articles_sentences_claims",
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            url TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE sentences (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            "start" INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            paragraph INTEGER NOT NULL,
            role TEXT NOT NULL,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE claims (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            claim_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            sentence_index INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            checkworthiness REAL NOT NULL,
            reasons TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (article_id, claim_id),
            UNIQUE (article_id, position),
            FOREIGN KEY (article_id, sentence_index)
                REFERENCES sentences(article_id, idx) ON DELETE CASCADE
        );
        """,
    ),
    (
        "0002_documents_evidence",
        """
        CREATE TABLE documents (
            uid TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            "key" TEXT NOT NULL,
            title TEXT NOT NULL,
            url TEXT NOT NULL,
            revision TEXT NOT NULL,
            language TEXT NOT NULL,
            text TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            UNIQUE (source, "key")
        );
        CREATE TABLE evidence (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            claim_id TEXT NOT NULL,
            rank INTEGER NOT NULL CHECK (rank >= 1),
            document_uid TEXT NOT NULL REFERENCES documents(uid) ON DELETE RESTRICT,
            "start" INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            score REAL NOT NULL,
            agreement TEXT NOT NULL DEFAULT '{"matches": [], "conflicts": []}',
            PRIMARY KEY (article_id, claim_id, rank),
            FOREIGN KEY (article_id, claim_id)
                REFERENCES claims(article_id, claim_id) ON DELETE CASCADE
        );
        CREATE INDEX evidence_document ON evidence(document_uid);
        """,
    ),
    (
        "0003_verdicts_history",
        """
        CREATE TABLE verdicts (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            claim_id TEXT NOT NULL,
            label TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            evidence_rank INTEGER,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (article_id, claim_id)
        );
        CREATE TABLE verdict_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            claim_id TEXT NOT NULL,
            label TEXT NOT NULL,
            note TEXT NOT NULL,
            evidence_rank INTEGER,
            changed_at TEXT NOT NULL
        );
        CREATE INDEX verdict_history_claim ON verdict_history(article_id, claim_id, id);
        CREATE TRIGGER verdict_history_append_only BEFORE UPDATE ON verdict_history
        BEGIN
            SELECT RAISE(ABORT, 'verdict_history is append-only');
        END;
        """,
    ),
    (
        "0004_documents_removed_at",
        """
        ALTER TABLE documents ADD COLUMN removed_at TEXT;
        """,
    ),
    (
        "0005_settings",
        """
        CREATE TABLE settings (
            "key" TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """,
    ),
    (
        "0006_source_cache_lookups",
        """
        CREATE TABLE source_cache (
            source TEXT NOT NULL,
            "key" TEXT NOT NULL,
            value TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            PRIMARY KEY (source, "key")
        );
        CREATE TABLE lookups (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            source TEXT NOT NULL,
            kind TEXT NOT NULL,
            query TEXT NOT NULL,
            claim_ids TEXT NOT NULL DEFAULT '[]',
            phrases TEXT NOT NULL DEFAULT '[]',
            outcome TEXT NOT NULL,
            document_uid TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (article_id, position)
        );
        """,
    ),
    (
        "0007_article_metadata",
        """
        ALTER TABLE articles ADD COLUMN author TEXT NOT NULL DEFAULT '';
        ALTER TABLE articles ADD COLUMN published TEXT NOT NULL DEFAULT '';
        """,
    ),
    (
        "0008_undo_and_claim_edits",
        """
        ALTER TABLE verdict_history ADD COLUMN undoes INTEGER;
        ALTER TABLE verdict_history ADD COLUMN batch TEXT;
        CREATE TABLE claim_edits (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            action TEXT NOT NULL,
            before TEXT NOT NULL DEFAULT '[]',
            after TEXT NOT NULL DEFAULT '[]',
            changed_at TEXT NOT NULL
        );
        CREATE INDEX claim_edits_article ON claim_edits(article_id, id);
        CREATE TRIGGER claim_edits_append_only BEFORE UPDATE ON claim_edits
        BEGIN
            SELECT RAISE(ABORT, 'claim_edits is append-only');
        END;
        """,
    ),
)


def _statements(script: str) -> Iterator[str]:
    """Split an SQL script into complete statements (triggers included)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        raise StoreError(f"incomplete SQL statement in a migration: {buffer.strip()!r}")


def applied_migrations(connection: sqlite3.Connection) -> tuple[str, ...]:
    """Names of the migrations recorded in the database, in the order they were applied."""
    rows = connection.execute("SELECT name FROM migrations ORDER BY rowid").fetchall()
    return tuple(str(row[0]) for row in rows)


def apply_migrations(
    connection: sqlite3.Connection,
    migrations: Sequence[tuple[str, str]] = MIGRATIONS,
    *,
    clock: Clock = utc_now,
) -> tuple[str, ...]:
    """Apply the migrations not yet recorded, in order, each in its own transaction.

    Returns the names applied now. ``connection`` must be in autocommit mode
    (``isolation_level=None``). A database recording a migration this code does not know
    was written by a newer version and is refused.
    """
    connection.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    known = {name for name, _ in migrations}
    unknown = [name for name in applied_migrations(connection) if name not in known]
    if unknown:
        raise StoreError(f"database has migrations this version does not know: {unknown}")
    return tuple(
        name for name, sql in migrations if _apply_migration(connection, name, sql, clock())
    )


def _apply_migration(connection: sqlite3.Connection, name: str, sql: str, now: str) -> bool:
    connection.execute("BEGIN IMMEDIATE")
    try:
        if connection.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
            connection.execute("COMMIT")
            return False
        for statement in _statements(sql):
            connection.execute(statement)
        connection.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, now))
        connection.execute("COMMIT")
        return True
    except sqlite3.Error as exc:
        raise StoreError(f"migration {name} failed: {exc}") from exc
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
