"""The schema: migrations applied in order, once each, forward from any older version."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from checks.errors import StoreError
from checks.model import Article, Verdict
from checks.store import MIGRATIONS, Store, apply_migrations
from tests.store.samples import ALL_MIGRATIONS, ANALYSIS, NOTES, T1, T2, TEXT, Clock, raw


def test_fresh_database_records_every_migration_in_order(db_path: Path, clock: Clock) -> None:
    with Store.open(db_path, clock=clock) as store:
        assert store.applied_migrations() == ALL_MIGRATIONS
    assert raw(db_path, "SELECT name, applied_at FROM migrations ORDER BY rowid") == [
        (name, T1) for name in ALL_MIGRATIONS
    ]


def test_database_made_by_first_migration_only_migrates_forward(
    db_path: Path, clock: Clock
) -> None:
    db_path.parent.mkdir(parents=True)
    connection = sqlite3.connect(db_path, isolation_level=None)
    assert apply_migrations(connection, MIGRATIONS[:1], clock=clock) == (ALL_MIGRATIONS[0],)
    connection.execute(
        "INSERT INTO articles (title, text, url, created_at, updated_at)"
        " VALUES ('Old', 'Old text.', '', '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z')"
    )
    connection.execute("INSERT INTO sentences VALUES (1, 0, 0, 9, 'Old text.', 0, 'body')")
    connection.execute(
        "INSERT INTO claims VALUES (1, 'c1', 0, 0, 'Old text.', 'factual', 0.5, '[]')"
    )
    connection.close()

    clock.now = T2
    with Store.open(db_path, clock=clock) as store:
        assert store.applied_migrations() == ALL_MIGRATIONS
        assert store.article(1) == Article(1, "Old", "Old text.", "", "2026-01-02T03:04:05Z")
        assert store.set_verdict(1, "c1", label="true") == Verdict("c1", "true", "", None, T2)
    assert raw(db_path, "SELECT name, applied_at FROM migrations ORDER BY rowid") == [
        (ALL_MIGRATIONS[0], T1),
        *((name, T2) for name in ALL_MIGRATIONS[1:]),
    ]


# The schema as version 0.1 of the tool shipped it (migrations 0001-0003), written out here
# so that an edit to an old migration in checks/store/schema.py cannot silently change this test.
SCHEMA_V01 = """
CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL);
CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE sentences (article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    paragraph INTEGER NOT NULL, role TEXT NOT NULL, PRIMARY KEY (article_id, idx));
CREATE TABLE claims (article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    claim_id TEXT NOT NULL, position INTEGER NOT NULL, sentence_index INTEGER NOT NULL,
    text TEXT NOT NULL, kind TEXT NOT NULL, checkworthiness REAL NOT NULL,
    reasons TEXT NOT NULL DEFAULT '[]', PRIMARY KEY (article_id, claim_id),
    UNIQUE (article_id, position), FOREIGN KEY (article_id, sentence_index)
    REFERENCES sentences(article_id, idx) ON DELETE CASCADE);
CREATE TABLE documents (uid TEXT PRIMARY KEY, source TEXT NOT NULL, "key" TEXT NOT NULL,
    title TEXT NOT NULL, url TEXT NOT NULL, revision TEXT NOT NULL, language TEXT NOT NULL,
    text TEXT NOT NULL, fetched_at TEXT NOT NULL, UNIQUE (source, "key"));
CREATE TABLE evidence (article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    claim_id TEXT NOT NULL, rank INTEGER NOT NULL CHECK (rank >= 1),
    document_uid TEXT NOT NULL REFERENCES documents(uid) ON DELETE RESTRICT,
    "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, score REAL NOT NULL,
    agreement TEXT NOT NULL DEFAULT '{"matches": [], "conflicts": []}',
    PRIMARY KEY (article_id, claim_id, rank), FOREIGN KEY (article_id, claim_id)
    REFERENCES claims(article_id, claim_id) ON DELETE CASCADE);
CREATE INDEX evidence_document ON evidence(document_uid);
CREATE TABLE verdicts (article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    claim_id TEXT NOT NULL, label TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',
    evidence_rank INTEGER, updated_at TEXT NOT NULL, PRIMARY KEY (article_id, claim_id));
CREATE TABLE verdict_history (id INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    claim_id TEXT NOT NULL, label TEXT NOT NULL, note TEXT NOT NULL, evidence_rank INTEGER,
    changed_at TEXT NOT NULL);
CREATE INDEX verdict_history_claim ON verdict_history(article_id, claim_id, id);
CREATE TRIGGER verdict_history_append_only BEFORE UPDATE ON verdict_history
BEGIN SELECT RAISE(ABORT, 'verdict_history is append-only'); END;
INSERT INTO migrations VALUES ('0001_articles_sentences_claims', '2026-01-02T03:04:05Z'),
    ('0002_documents_evidence', '2026-01-02T03:04:05Z'),
    ('0003_verdicts_history', '2026-01-02T03:04:05Z');
INSERT INTO articles VALUES (1, 'Ceasefire', 'Talks resume in Cairo

The talks began on 3 May 2024. Officials said 32 members attended.
', 'https://example.org/a', '2026-01-02T03:04:05Z', '2026-01-03T00:00:00Z');
INSERT INTO sentences VALUES (1, 0, 0, 21, 'Talks resume in Cairo', 0, 'headline'),
    (1, 1, 23, 53, 'The talks began on 3 May 2024.', 1, 'body'),
    (1, 2, 54, 89, 'Officials said 32 members attended.', 1, 'body');
INSERT INTO claims VALUES (1, 'c1', 0, 0, 'Talks resume in Cairo', 'heading', 0.0, '["heading"]'),
    (1, 'c2', 1, 1, 'The talks began on 3 May 2024.', 'factual', 0.85, '["date"]'),
    (1, 'c3', 2, 2, 'Officials said 32 members attended.', 'factual', 0.7, '["number"]');
INSERT INTO documents VALUES ('library:notes.txt', 'library', 'notes.txt', 'Desk notes', '',
    '', 'en', 'Notes: 32 members attended the Cairo talks.', '2026-01-01T09:00:00Z');
INSERT INTO evidence VALUES (1, 'c3', 1, 'library:notes.txt', 0, 43,
    'Notes: 32 members attended the Cairo talks.', 0.9, '{"matches": [], "conflicts": []}');
INSERT INTO verdicts VALUES (1, 'c2', 'false', 'Wire says 2 May', NULL, '2026-01-03T00:00:00Z'),
    (1, 'c3', 'true', 'Matches the desk notes', 1, '2026-01-02T10:00:00Z');
INSERT INTO verdict_history (article_id, claim_id, label, note, evidence_rank, changed_at)
VALUES (1, 'c2', 'true', '', NULL, '2026-01-02T09:00:00Z'),
    (1, 'c3', 'true', 'Matches the desk notes', 1, '2026-01-02T10:00:00Z'),
    (1, 'c2', 'false', 'Wire says 2 May', NULL, '2026-01-03T00:00:00Z');
"""


def test_a_realistic_database_of_version_0_1_keeps_verdicts_and_history(
    db_path: Path, clock: Clock
) -> None:
    db_path.parent.mkdir(parents=True)
    connection = sqlite3.connect(db_path)
    connection.executescript(SCHEMA_V01)
    connection.close()

    clock.now = T2
    with Store.open(db_path, clock=clock) as store:
        assert store.applied_migrations() == ALL_MIGRATIONS
        review = store.review(1)
        assert review.article == Article(
            1, "Ceasefire", TEXT, "https://example.org/a", "2026-01-02T03:04:05Z", "", ""
        )
        assert [(r.claim.id, r.verdict.label, r.verdict.note, r.verdict.evidence_rank)
                for r in review.rows] == [
            ("c1", "unreviewed", "", None),
            ("c2", "false", "Wire says 2 May", None),
            ("c3", "true", "Matches the desk notes", 1),
        ]  # fmt: skip
        assert [e.passage.text for e in review.rows[2].evidence] == [NOTES.text]
        assert [(h.claim_id, h.label, h.changed_at) for h in store.history(1)] == [
            ("c2", "true", "2026-01-02T09:00:00Z"),
            ("c3", "true", "2026-01-02T10:00:00Z"),
            ("c2", "false", "2026-01-03T00:00:00Z"),
        ]
        # The new features work on the old data: metadata, settings, a new verdict.
        store.set_article_metadata(1, author="Jane Reporter", published="2024-05-04")
        store.set_setting("publisher.name", "Desk")
        store.set_verdict(1, "c1", label="not checkable")
        assert len(store.history(1)) == 4
        assert store.documents() == (replace(NOTES, fetched_at="2026-01-01T09:00:00Z"),)
    assert raw(db_path, "SELECT name, applied_at FROM migrations ORDER BY rowid") == [
        *((name, "2026-01-02T03:04:05Z") for name in ALL_MIGRATIONS[:3]),
        *((name, T2) for name in ALL_MIGRATIONS[3:]),
    ]


def test_database_from_a_newer_version_is_refused(db_path: Path, clock: Clock) -> None:
    Store.open(db_path, clock=clock).close()
    connection = sqlite3.connect(db_path)
    connection.execute("INSERT INTO migrations VALUES ('0099_from_the_future', ?)", (T1,))
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="0099_from_the_future"):
        Store.open(db_path, clock=clock)


def test_migration_0010_cites_the_passage_at_the_saved_rank_and_clears_a_rank_of_nothing(
    db_path: Path, clock: Clock
) -> None:
    with Store.open(db_path, clock=clock) as store:
        article = store.add_article(title="Ceasefire", text=TEXT)
        store.save_analysis(article.id, ANALYSIS)
    connection = sqlite3.connect(db_path)
    connection.executescript(
        """
        DELETE FROM migrations WHERE name IN ('0010_citations_by_passage',
            '0011_article_list_indexes', '0012_factchecks',
            '0013_key_receipts_not_relevant_claim_undo', '0014_review_revisions',
            '0015_claims_by_sentence', '0016_verdict_revisions');
        DROP INDEX claims_sentence;
        DROP TRIGGER verdicts_insert_revision;
        DROP TRIGGER verdicts_update_revision;
        DROP TRIGGER verdicts_delete_revision;
        DROP TRIGGER articles_title_revision;
        DROP TRIGGER documents_url_revision;
        DROP TABLE verdict_revisions;
        DROP TRIGGER sentences_insert_revision;
        DROP TRIGGER sentences_update_revision;
        DROP TRIGGER sentences_delete_revision;
        DROP TRIGGER claims_insert_revision;
        DROP TRIGGER claims_update_revision;
        DROP TRIGGER claims_delete_revision;
        DROP TRIGGER evidence_insert_revision;
        DROP TRIGGER evidence_update_revision;
        DROP TRIGGER evidence_delete_revision;
        DROP TRIGGER dismissed_evidence_insert_revision;
        DROP TRIGGER dismissed_evidence_update_revision;
        DROP TRIGGER dismissed_evidence_delete_revision;
        DROP TABLE review_revisions;
        DROP TABLE key_receipts;
        DROP TABLE dismissed_evidence;
        DROP TABLE claim_edit_states;
        ALTER TABLE verdict_history DROP COLUMN action;
        ALTER TABLE verdict_history DROP COLUMN detail;
        DROP TABLE factchecks;
        DROP TABLE factcheck_imports;
        DROP INDEX articles_newest;
        DROP INDEX verdicts_reviewed;
        DROP INDEX evidence_conflicts;
        DELETE FROM verdicts;
        ALTER TABLE verdicts DROP COLUMN cited_document;
        ALTER TABLE verdicts DROP COLUMN cited_start;
        ALTER TABLE verdicts DROP COLUMN cited_end;
        ALTER TABLE verdicts DROP COLUMN cited_text;
        ALTER TABLE verdict_history DROP COLUMN cited_document;
        ALTER TABLE verdict_history DROP COLUMN cited_start;
        ALTER TABLE verdict_history DROP COLUMN cited_end;
        ALTER TABLE verdict_history DROP COLUMN cited_text;
        INSERT INTO verdicts VALUES (1, 'c2', 'false', '', 2, '2026-01-02T03:04:05Z'),
            (1, 'c3', 'true', '', 2, '2026-01-02T03:04:05Z');
        """
    )
    connection.close()
    with Store.open(db_path, clock=clock) as store:
        assert store.applied_migrations() == ALL_MIGRATIONS
        assert [row.verdict.evidence_rank for row in store.review(1).rows] == [None, 2, None]
    assert raw(db_path, "SELECT claim_id, cited_document, cited_start, cited_end, cited_text"
               " FROM verdicts ORDER BY claim_id") == [
        ("c2", "library:notes.txt", 0, 43, NOTES.text),
        ("c3", None, None, None, None),  # c3 has one passage: rank 2 cited nothing
    ]  # fmt: skip
