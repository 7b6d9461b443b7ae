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
    (
        # Undo finds the latest entry not undone: newest first within the article (no sort
        # of its whole history) and "is it undone?" by index, not by a scan of the table.
        "0009_verdict_history_undo_indexes",
        """
        CREATE INDEX verdict_history_article ON verdict_history(article_id, id);
        CREATE INDEX verdict_history_undoes ON verdict_history(undoes) WHERE undoes IS NOT NULL;
        """,
    ),
    (
        # A verdict cites a passage by what it is (document, span, text), not by a rank
        # that another analysis gives to another passage. ``evidence_rank`` stays: where
        # that passage ranks now, kept by ``evidence.replace_evidence``. A saved rank that
        # points at no evidence (possible before) is cleared.
        "0010_citations_by_passage",
        """
        ALTER TABLE verdicts ADD COLUMN cited_document TEXT;
        ALTER TABLE verdicts ADD COLUMN cited_start INTEGER;
        ALTER TABLE verdicts ADD COLUMN cited_end INTEGER;
        ALTER TABLE verdicts ADD COLUMN cited_text TEXT;
        UPDATE verdicts SET (cited_document, cited_start, cited_end, cited_text) = (
            SELECT e.document_uid, e."start", e."end", e.text FROM evidence e
            WHERE e.article_id = verdicts.article_id AND e.claim_id = verdicts.claim_id
                AND e.rank = verdicts.evidence_rank)
        WHERE evidence_rank IS NOT NULL;
        UPDATE verdicts SET evidence_rank = NULL WHERE cited_document IS NULL;
        ALTER TABLE verdict_history ADD COLUMN cited_document TEXT;
        ALTER TABLE verdict_history ADD COLUMN cited_start INTEGER;
        ALTER TABLE verdict_history ADD COLUMN cited_end INTEGER;
        ALTER TABLE verdict_history ADD COLUMN cited_text TEXT;
        """,
    ),
    (
        # The article list (sidebar, Articles page: every rerun) counts reviewed claims and
        # conflicts of every article: from small partial indexes, not by reading every
        # verdict label and every best evidence's JSON (12 ms -> 2 ms for 200 articles).
        # The WHERE terms must stay as articles.SUMMARIES writes them.
        "0011_article_list_indexes",
        """
        CREATE INDEX articles_newest ON articles(created_at, id, title);
        CREATE INDEX verdicts_reviewed ON verdicts(article_id, claim_id)
            WHERE lower(label) != 'unreviewed';
        CREATE INDEX evidence_conflicts ON evidence(article_id)
            WHERE rank = 1 AND json_array_length(agreement, '$.conflicts') > 0;
        """,
    ),
    (
        "0012_factchecks",
        """
        CREATE TABLE factchecks (
            id INTEGER PRIMARY KEY,
            "key" TEXT NOT NULL UNIQUE,
            url TEXT NOT NULL DEFAULT '',
            claim TEXT NOT NULL,
            rating TEXT NOT NULL DEFAULT '',
            rating_value REAL,
            best_rating REAL,
            worst_rating REAL,
            publisher TEXT NOT NULL DEFAULT '',
            publisher_url TEXT NOT NULL DEFAULT '',
            date TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT '',
            headline TEXT NOT NULL DEFAULT '',
            claimant TEXT NOT NULL DEFAULT '',
            claim_date TEXT NOT NULL DEFAULT '',
            appearances TEXT NOT NULL DEFAULT '[]',
            import_id INTEGER NOT NULL REFERENCES factcheck_imports(id),
            imported_at TEXT NOT NULL
        );
        CREATE TABLE factcheck_imports (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            new INTEGER NOT NULL,
            present INTEGER NOT NULL,
            skipped INTEGER NOT NULL
        );
        CREATE INDEX factchecks_date ON factchecks(date);
        """,
    ),
    (
        # Review keys applied once (``keys``); passages marked not relevant and claim edits
        # in the undo history (``action``: verdict, not relevant, relevant again, claims,
        # claims undone; ``detail``: JSON naming the passage or the claim edit); the claims
        # as they were before each edit, so undo can restore them (``claim_undo``).
        "0013_key_receipts_not_relevant_claim_undo",
        """
        CREATE TABLE key_receipts (
            tab TEXT NOT NULL,
            seq INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            focus TEXT NOT NULL,
            applied_at TEXT NOT NULL,
            PRIMARY KEY (tab, seq)
        );
        ALTER TABLE verdict_history ADD COLUMN action TEXT NOT NULL DEFAULT 'verdict';
        ALTER TABLE verdict_history ADD COLUMN detail TEXT NOT NULL DEFAULT '';
        CREATE TABLE dismissed_evidence (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            claim_id TEXT NOT NULL,
            document_uid TEXT NOT NULL,
            "start" INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            dismissed_at TEXT NOT NULL,
            PRIMARY KEY (article_id, claim_id, document_uid, "start", "end")
        );
        CREATE TABLE claim_edit_states (
            edit_id INTEGER PRIMARY KEY REFERENCES claim_edits(id) ON DELETE CASCADE,
            state TEXT NOT NULL
        );
        """,
    ),
    (
        # The review page of an 8,000-claim article read every claim and passage on each key
        # (0.3-0.5 s): the store now keeps an article's claims and evidence in memory and
        # reads them again only when this counter moved. Triggers bump it on every write to
        # the tables a review is made of (cascaded deletes too), whoever writes (the app,
        # the CLI); verdicts are read fresh each time. The row of a deleted article stays,
        # so a reused article id never meets an old count.
        "0014_review_revisions",
        """
        CREATE TABLE review_revisions (
            article_id INTEGER PRIMARY KEY,
            revision INTEGER NOT NULL
        );
        CREATE TRIGGER sentences_insert_revision AFTER INSERT ON sentences BEGIN
            INSERT INTO review_revisions (article_id, revision) VALUES (NEW.article_id, 1)
            ON CONFLICT (article_id) DO UPDATE SET revision = revision + 1;
        END;
        CREATE TRIGGER sentences_update_revision AFTER UPDATE ON sentences BEGIN
            INSERT INTO review_revisions (article_id, revision) VALUES (NEW.article_id, 1)
            ON CONFLICT (article_id) DO UPDATE SET revision = revision + 1;
        END;
        CREATE TRIGGER sentences_delete_revision AFTER DELETE ON sentences BEGIN
            INSERT INTO review_revisions (article_id, revision) VALUES (OLD.article_id, 1)
            ON CONFLICT (article_id) DO UPDATE SET revision = revision + 1;
        END;
        CREATE TRIGGER claims_insert_revision AFTER INSERT ON claims BEGIN
            INSERT INTO review_revisions (article_id, revision) VALUES (NEW.article_id, 1)
            ON CONFLICT (article_id) DO UPDATE SET revision = revision + 1;
        END;
        CREATE TRIGGER claims_update_revision AFTER UPDATE ON claims BEGIN
            INSERT INTO review_revisions (article_id, revision) VALUES (NEW.article_id, 1)
            ON CONFLICT (article_id) DO UPDATE SET revision = revision + 1;
        END;
        CREATE TRIGGER claims_delete_revision AFTER DELETE ON claims BEGIN
            INSERT INTO review_revisions (article_id, revision) VALUES (OLD.article_id, 1)
            ON CONFLICT (article_id) DO UPDATE SET revision = revision + 1;
        END;
        CREATE TRIGGER evidence_insert_revision AFTER INSERT ON evidence BEGIN
            INSERT INTO review_revisions (article_id, revision) VALUES (NEW.article_id, 1)
            ON CONFLICT (article_id) DO UPDATE SET revision = revision + 1;
        END;
        CREATE TRIGGER evidence_update_revision AFTER UPDATE ON evidence BEGIN
            INSERT INTO review_revisions (article_id, revision) VALUES (NEW.article_id, 1)
            ON CONFLICT (article_id) DO UPDATE SET revision = revision + 1;
        END;
        CREATE TRIGGER evidence_delete_revision AFTER DELETE ON evidence BEGIN
            INSERT INTO review_revisions (article_id, revision) VALUES (OLD.article_id, 1)
            ON CONFLICT (article_id) DO UPDATE SET revision = revision + 1;
        END;
        CREATE TRIGGER dismissed_evidence_insert_revision AFTER INSERT ON dismissed_evidence BEGIN
            INSERT INTO review_revisions (article_id, revision) VALUES (NEW.article_id, 1)
            ON CONFLICT (article_id) DO UPDATE SET revision = revision + 1;
        END;
        CREATE TRIGGER dismissed_evidence_update_revision AFTER UPDATE ON dismissed_evidence BEGIN
            INSERT INTO review_revisions (article_id, revision) VALUES (NEW.article_id, 1)
            ON CONFLICT (article_id) DO UPDATE SET revision = revision + 1;
        END;
        CREATE TRIGGER dismissed_evidence_delete_revision AFTER DELETE ON dismissed_evidence BEGIN
            INSERT INTO review_revisions (article_id, revision) VALUES (OLD.article_id, 1)
            ON CONFLICT (article_id) DO UPDATE SET revision = revision + 1;
        END;
        """,
    ),
    (
        # Deleting an article's sentences (every "analyse again") cascades to its claims,
        # and SQLite looked for each sentence's claims by scanning all the article's claims:
        # 4.4 s for an 8,000-claim article. The index makes each look-up a seek.
        "0015_claims_by_sentence",
        """
        CREATE INDEX claims_sentence ON claims(article_id, sentence_index);
        """,
    ),
    (
        # The desk's memory (every claim with a verdict, for "checked before") was read
        # whole on every key: 45 ms on a desk of 200 articles. The store keeps it and reads
        # it again when these counters moved: one per article, bumped on every write to its
        # verdicts and on a new title (with 0014's counter for its claims and evidence), and
        # row 0 for a cited document's new url.
        "0016_verdict_revisions",
        """
        CREATE TABLE verdict_revisions (
            article_id INTEGER PRIMARY KEY,
            revision INTEGER NOT NULL
        );
        CREATE TRIGGER verdicts_insert_revision AFTER INSERT ON verdicts BEGIN
            INSERT INTO verdict_revisions (article_id, revision) VALUES (NEW.article_id, 1)
            ON CONFLICT (article_id) DO UPDATE SET revision = revision + 1;
        END;
        CREATE TRIGGER verdicts_update_revision AFTER UPDATE ON verdicts BEGIN
            INSERT INTO verdict_revisions (article_id, revision) VALUES (NEW.article_id, 1)
            ON CONFLICT (article_id) DO UPDATE SET revision = revision + 1;
        END;
        CREATE TRIGGER verdicts_delete_revision AFTER DELETE ON verdicts BEGIN
            INSERT INTO verdict_revisions (article_id, revision) VALUES (OLD.article_id, 1)
            ON CONFLICT (article_id) DO UPDATE SET revision = revision + 1;
        END;
        CREATE TRIGGER articles_title_revision AFTER UPDATE OF title ON articles BEGIN
            INSERT INTO verdict_revisions (article_id, revision) VALUES (NEW.id, 1)
            ON CONFLICT (article_id) DO UPDATE SET revision = revision + 1;
        END;
        CREATE TRIGGER documents_url_revision AFTER UPDATE OF url ON documents BEGIN
            INSERT INTO verdict_revisions (article_id, revision) VALUES (0, 1)
            ON CONFLICT (article_id) DO UPDATE SET revision = revision + 1;
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
