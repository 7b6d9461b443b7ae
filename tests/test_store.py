"""The store against a real SQLite file in tmp_path."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from checks.errors import NotFoundError, StoreError, VerdictError
from checks.model import (
    Agreement,
    Analysis,
    Article,
    Claim,
    ClaimKind,
    Document,
    Evidence,
    Fact,
    FactKind,
    Passage,
    Review,
    ReviewRow,
    Sentence,
    SentenceRole,
    SourceKind,
    Verdict,
)
from checks.store import (
    MIGRATIONS,
    ArticleSummary,
    HistoryEntry,
    Store,
    apply_migrations,
)

ALL_MIGRATIONS = (
    "0001_articles_sentences_claims",
    "0002_documents_evidence",
    "0003_verdicts_history",
    "0004_documents_removed_at",
    "0005_settings",
    "0006_source_cache_lookups",
    "0007_article_metadata",
    "0008_undo_and_claim_edits",
)
T1, T2, T3, T4, T5, T6 = (f"2026-11-27T14:03:0{n}Z" for n in range(1, 7))

TEXT = (
    "Talks resume in Cairo\n\nThe talks began on 3 May 2024. Officials said 32 members attended.\n"
)
S0 = Sentence(0, 0, 21, "Talks resume in Cairo", 0, SentenceRole.HEADLINE)
S1 = Sentence(1, 23, 53, "The talks began on 3 May 2024.", 1, SentenceRole.BODY)
S2 = Sentence(2, 54, 89, "Officials said 32 members attended.", 1, SentenceRole.BODY)
C1 = Claim("c1", 0, "Talks resume in Cairo", ClaimKind.HEADING, 0.0, ("heading",))
C2 = Claim("c2", 1, "The talks began on 3 May 2024.", ClaimKind.FACTUAL, 0.85, ("date", "event"))
C3 = Claim("c3", 2, "Officials said 32 members attended.", ClaimKind.FACTUAL, 0.7, ("number",))

WIKI = Document(
    SourceKind.WIKIPEDIA,
    "Cairo_talks",
    "Cairo talks",
    "https://en.wikipedia.org/w/index.php?title=Cairo_talks&oldid=123",
    "123",
    "en",
    "The talks opened on 2 May 2024 in Cairo.",
    "2026-11-27T13:00:00Z",
)
NOTES = Document(
    SourceKind.LIBRARY, "notes.txt", "Desk notes", "", "", "en",
    "Notes: 32 members attended the Cairo talks.", "2026-11-26T09:00:00Z",
)  # fmt: skip
UNCITED = Document(
    SourceKind.LIBRARY, "old.txt", "Archive", "", "", "en", "Nothing here.", "2026-01-01T00:00:00Z"
)

CLAIM_DATE = Fact(FactKind.DATE, "2024-05-03", "3 May 2024", 19, 29)
WIKI_DATE = Fact(FactKind.DATE, "2024-05-02", "2 May 2024", 20, 30)
CLAIM_YEAR = Fact(FactKind.YEAR, "2024", "2024", 25, 29)
WIKI_YEAR = Fact(FactKind.YEAR, "2024", "2024", 26, 30)
CLAIM_COUNT = Fact(FactKind.NUMBER, "32", "32 members", 15, 25, "member")
NOTES_COUNT = Fact(FactKind.NUMBER, "32", "32 members", 7, 17, "member")

E2_1 = Evidence(
    "c2", 1, Passage("wikipedia:Cairo_talks", 0, 40, "The talks opened on 2 May 2024 in Cairo."),
    0.8125,
    Agreement(matches=((CLAIM_YEAR, WIKI_YEAR),), conflicts=((CLAIM_DATE, WIKI_DATE),)),
)  # fmt: skip
E2_2 = Evidence(
    "c2", 2, Passage("library:notes.txt", 0, 43, "Notes: 32 members attended the Cairo talks."),
    0.25,
)  # fmt: skip
E3_1 = Evidence(
    "c3", 1, Passage("library:notes.txt", 0, 43, "Notes: 32 members attended the Cairo talks."),
    0.9, Agreement(matches=((CLAIM_COUNT, NOTES_COUNT),)),
)  # fmt: skip

ANALYSIS = Analysis(
    sentences=(S0, S1, S2),
    claims=(C1, C2, C3),
    documents=(UNCITED, NOTES, WIKI),
    evidence=(E2_1, E2_2, E3_1),
)


@dataclass
class Clock:
    """A clock the test sets; every store write takes its timestamp from here."""

    now: str = T1

    def __call__(self) -> str:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db_path(db_path: Path) -> Path:
    """conftest's path (with $CHECKS_VERDICT_SCALE unset), in folders that do not exist yet."""
    return db_path.parent / "nested" / "folder" / db_path.name


@pytest.fixture
def store(db_path: Path, clock: Clock) -> Iterator[Store]:
    with Store.open(db_path, clock=clock) as opened:
        yield opened


@pytest.fixture
def article_id(store: Store) -> int:
    article = store.add_article(title="Ceasefire", text=TEXT, url="https://example.org/a")
    store.save_analysis(article.id, ANALYSIS)
    return article.id


def raw(db_path: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    """Read the file with a separate connection: what is on disk, not what the store says."""
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


# --- opening and migrations -----------------------------------------------------------------


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
# so that an edit to an old migration in store.py cannot silently change this test.
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


def test_wal_journal_full_sync_and_foreign_keys(store: Store, db_path: Path) -> None:
    assert store.pragmas() == {"journal_mode": "wal", "synchronous": "full", "foreign_keys": "on"}
    assert raw(db_path, "PRAGMA journal_mode") == [("wal",)]


@pytest.mark.parametrize(
    "content", [b"not a database", b"not a database\n" * 512], ids=["short", "page-sized"]
)
def test_file_that_is_not_a_database_raises_naming_it(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=re.escape(f"cannot open {path}: file is not a database")):
        Store.open(path)
    assert path.read_bytes() == content


def test_directory_in_place_of_the_file_raises(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=re.escape(f"cannot open {tmp_path}")):
        Store.open(tmp_path)


def test_closed_store_raises(db_path: Path) -> None:
    with Store.open(db_path) as store:
        pass
    store.close()
    with pytest.raises(StoreError, match="is closed"):
        store.articles()


# --- articles -------------------------------------------------------------------------------


def test_add_rename_and_read_an_article(store: Store, clock: Clock) -> None:
    added = store.add_article(title="Draft", text="Body.")
    assert added == Article(1, "Draft", "Body.", "", T1)
    store.rename_article(added.id, "Final")
    assert store.article(added.id) == Article(1, "Final", "Body.", "", T1)


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.article(42),
        lambda s: s.rename_article(42, "x"),
        lambda s: s.delete_article(42),
        lambda s: s.review(42),
        lambda s: s.history(42),
        lambda s: s.verdict_counts(42),
        lambda s: s.save_analysis(42, ANALYSIS),
    ],
    ids=["article", "rename", "delete", "review", "history", "counts", "save_analysis"],
)
def test_unknown_article_raises_not_found(store: Store, call: object) -> None:
    with pytest.raises(NotFoundError, match="no article 42"):
        call(store)  # type: ignore[operator]


def test_article_summaries_newest_first_with_counts(store: Store, clock: Clock) -> None:
    first = store.add_article(title="Ceasefire", text=TEXT)
    store.save_analysis(first.id, ANALYSIS)
    store.set_verdict(first.id, "c2", label="false")
    store.set_verdict(first.id, "c1", note="headline, skip")  # label stays unreviewed
    clock.now = T2
    second = store.add_article(title="Budget", text="Spending rose.")
    assert store.articles() == (
        ArticleSummary(second.id, "Budget", T2, claims=0, reviewed=0, conflicts=0),
        ArticleSummary(first.id, "Ceasefire", T1, claims=3, reviewed=1, conflicts=1),
    )


def test_delete_article_cascades_and_leaves_other_articles(
    store: Store, db_path: Path, article_id: int
) -> None:
    other = store.add_article(title="Other", text=TEXT)
    store.save_analysis(other.id, ANALYSIS)
    for aid in (article_id, other.id):
        store.set_verdict(aid, "c2", label="false", evidence_rank=1)
    store.delete_article(article_id)

    for table in ("sentences", "claims", "evidence", "verdicts", "verdict_history"):
        counts = raw(db_path, f"SELECT article_id, count(*) FROM {table} GROUP BY article_id")
        expected = {"sentences": 3, "claims": 3, "evidence": 3}.get(table, 1)
        assert counts == [(other.id, expected)], table
    assert raw(db_path, "SELECT uid FROM documents ORDER BY uid") == [
        ("library:notes.txt",), ("library:old.txt",), ("wikipedia:Cairo_talks",),
    ]  # fmt: skip
    with pytest.raises(NotFoundError):
        store.article(article_id)


# --- analysis and review --------------------------------------------------------------------


def test_review_round_trips_the_analysis(store: Store, article_id: int) -> None:
    assert store.review(article_id) == Review(
        article=Article(article_id, "Ceasefire", TEXT, "https://example.org/a", T1),
        rows=(
            ReviewRow(S0, C1, (), Verdict("c1", "unreviewed", "", None, "")),
            ReviewRow(S1, C2, (E2_1, E2_2), Verdict("c2", "unreviewed", "", None, "")),
            ReviewRow(S2, C3, (E3_1,), Verdict("c3", "unreviewed", "", None, "")),
        ),
        documents=(WIKI, NOTES),
    )


def test_review_of_an_article_without_analysis_has_no_rows(store: Store) -> None:
    article = store.add_article(title="Empty", text="")
    assert store.review(article.id) == Review(Article(1, "Empty", "", "", T1), (), ())


def test_save_analysis_creates_no_verdict_rows(db_path: Path, article_id: int) -> None:
    assert raw(db_path, "SELECT count(*) FROM verdicts") == [(0,)]
    assert raw(db_path, "SELECT count(*) FROM verdict_history") == [(0,)]


def test_save_analysis_again_keeps_verdicts_of_kept_claim_ids(
    store: Store, db_path: Path, clock: Clock, article_id: int
) -> None:
    store.set_verdict(article_id, "c2", label="false", note="Date is 2 May.", evidence_rank=1)
    store.set_verdict(article_id, "c3", label="true")
    s2 = Sentence(2, 54, 89, "Officials said 30 members attended.", 1)
    c4 = Claim("c4", 2, "Officials said 30 members attended.", ClaimKind.FACTUAL, 0.7)
    clock.now = T2
    store.save_analysis(article_id, Analysis((S0, S1, s2), (C1, C2, c4), (WIKI,), (E2_1,)))

    rows = store.review(article_id).rows
    assert [(row.claim, row.evidence, row.verdict) for row in rows] == [
        (C1, (), Verdict("c1", "unreviewed", "", None, "")),
        (C2, (E2_1,), Verdict("c2", "false", "Date is 2 May.", 1, T1)),
        (c4, (), Verdict("c4", "unreviewed", "", None, "")),
    ]
    assert raw(db_path, "SELECT claim_id FROM verdicts") == [("c2",)]
    assert [entry.claim_id for entry in store.history(article_id)] == ["c2", "c3"]


@pytest.mark.parametrize(
    ("analysis", "message"),
    [
        (Analysis((S0,), (C1, C2), (), ()), "claim c2 points at missing sentence 1"),
        (Analysis((S0, S1), (C1, C1), (), ()), "analysis repeats a claim id"),
        (Analysis((S0,), (C1,), (), (E2_1,)), "evidence rank 1 is for unknown claim c2"),
        (Analysis((S0, S1), (C1, C2), (), (E2_1,)), "wikipedia:Cairo_talks, which is not stored"),
    ],
    ids=["sentence", "duplicate", "claim", "document"],
)
def test_inconsistent_analysis_is_refused_and_nothing_changes(
    db_path: Path, clock: Clock, analysis: Analysis, message: str
) -> None:
    with Store.open(db_path, clock=clock) as store:
        article = store.add_article(title="A", text=TEXT)
        with pytest.raises(StoreError, match=message):
            store.save_analysis(article.id, analysis)
        assert store.review(article.id).rows == ()
        assert store.documents() == ()


def test_replacing_analysis_keeps_the_old_one_when_the_new_one_is_refused(
    store: Store, article_id: int
) -> None:
    before = store.review(article_id)
    bad = Analysis((S0, S1), (C1, C2), (), (Evidence("c2", 1, Passage("zim:X", 0, 1, "x"), 0.5),))
    with pytest.raises(StoreError, match="zim:X"):
        store.save_analysis(article_id, bad)
    assert store.review(article_id) == before


# --- documents ------------------------------------------------------------------------------


def test_documents_upsert_list_filter_and_delete(store: Store) -> None:
    for doc in (WIKI, NOTES, UNCITED):
        store.upsert_document(doc)
    assert store.documents() == (UNCITED, NOTES, WIKI)
    assert store.documents(source=SourceKind.WIKIPEDIA) == (WIKI,)
    assert store.documents(source=SourceKind.ZIM) == ()

    revised = Document(
        SourceKind.WIKIPEDIA, "Cairo_talks", "Cairo talks", WIKI.url.replace("123", "124"),
        "124", "en", "The talks opened on 3 May 2024.", "2026-11-28T08:00:00Z",
    )  # fmt: skip
    store.upsert_document(revised)
    assert store.document("wikipedia:Cairo_talks") == revised

    store.delete_document("library:old.txt")
    assert store.documents() == (NOTES, revised)
    with pytest.raises(NotFoundError, match=r"no document library:old\.txt"):
        store.document("library:old.txt")
    with pytest.raises(NotFoundError, match=r"no document library:old\.txt"):
        store.delete_document("library:old.txt")


def test_removing_a_cited_document_keeps_it_for_its_evidence_until_uncited(
    store: Store, db_path: Path, article_id: int
) -> None:
    before = store.review(article_id)
    store.delete_document("library:notes.txt")
    assert store.documents() == (UNCITED, WIKI)
    assert store.document("library:notes.txt") == NOTES
    assert store.review(article_id) == before
    with pytest.raises(NotFoundError, match=r"no document library:notes\.txt"):
        store.delete_document("library:notes.txt")

    store.save_analysis(article_id, Analysis((S0, S1), (C1, C2), (), (E2_1,)))
    assert raw(db_path, "SELECT uid FROM documents ORDER BY uid") == [
        ("library:old.txt",), ("wikipedia:Cairo_talks",),
    ]  # fmt: skip


def test_upserting_a_removed_document_lists_it_again(store: Store, article_id: int) -> None:
    store.delete_document("library:notes.txt")
    store.upsert_document(NOTES)
    assert store.documents(source=SourceKind.LIBRARY) == (UNCITED, NOTES)


def test_deleting_the_last_citing_article_drops_removed_documents(
    store: Store, db_path: Path, article_id: int
) -> None:
    store.delete_document("wikipedia:Cairo_talks")
    store.delete_article(article_id)
    assert raw(db_path, "SELECT uid FROM documents ORDER BY uid") == [
        ("library:notes.txt",), ("library:old.txt",),
    ]  # fmt: skip


# --- verdicts -------------------------------------------------------------------------------


def test_verdict_is_on_disk_when_acknowledged_and_survives_reopen(
    store: Store, db_path: Path, clock: Clock, article_id: int
) -> None:
    saved = store.set_verdict(article_id, "c2", label="Mostly False", note="Off by a day.")
    assert saved == Verdict("c2", "mostly false", "Off by a day.", None, T1)
    assert raw(db_path, "SELECT claim_id, label, note FROM verdicts") == [
        ("c2", "mostly false", "Off by a day.")
    ]
    store.close()
    with Store.open(db_path, clock=clock) as reopened:
        assert reopened.review(article_id).rows[1].verdict == saved


def test_history_appends_one_entry_per_change_and_none_on_no_op(
    store: Store, clock: Clock, article_id: int
) -> None:
    steps = [
        (T1, "c2", {"label": "False"}),
        (T2, "c2", {"label": "false"}),  # same label: no-op
        (T3, "c2", {"note": "Date is 2 May.", "evidence_rank": 1}),
        (T4, "c2", {"note": "Date is 2 May.", "evidence_rank": 1}),  # no-op
        (T5, "c3", {"label": "true"}),
        (T6, "c2", {"evidence_rank": None}),
    ]
    for now, claim_id, fields in steps:
        clock.now = now
        store.set_verdict(article_id, claim_id, **fields)  # type: ignore[arg-type]
    aid = article_id
    c3_entry = HistoryEntry(3, aid, "c3", "true", "", None, T5)
    assert store.history(aid) == (
        HistoryEntry(1, aid, "c2", "false", "", None, T1),
        HistoryEntry(2, aid, "c2", "false", "Date is 2 May.", 1, T3),
        c3_entry,
        HistoryEntry(4, aid, "c2", "false", "Date is 2 May.", None, T6),
    )
    assert store.history(aid, "c3") == (c3_entry,)
    assert store.review(aid).rows[1].verdict == Verdict("c2", "false", "Date is 2 May.", None, T6)


def test_no_op_returns_the_saved_verdict_untouched(
    store: Store, clock: Clock, article_id: int
) -> None:
    assert store.set_verdict(article_id, "c1", label="unreviewed", note="") == Verdict(
        "c1", "unreviewed", "", None, ""
    )
    store.set_verdict(article_id, "c2", label="true")
    clock.now = T2
    assert store.set_verdict(article_id, "c2", label="TRUE") == Verdict("c2", "true", "", None, T1)
    assert len(store.history(article_id)) == 1


def test_set_verdict_changes_only_the_given_fields(store: Store, article_id: int) -> None:
    store.set_verdict(article_id, "c2", label="false", note="first", evidence_rank=2)
    assert store.set_verdict(article_id, "c2", note="second") == Verdict(
        "c2", "false", "second", 2, T1
    )
    assert store.set_verdict(article_id, "c2", label="half true") == Verdict(
        "c2", "half true", "second", 2, T1
    )


@pytest.mark.parametrize("label", ["maybe", "", "true-ish", "unreviewed!"])
def test_label_off_the_scale_raises_and_saves_nothing(
    store: Store, article_id: int, label: str
) -> None:
    with pytest.raises(VerdictError, match="is not on the verdict scale: unreviewed, true"):
        store.set_verdict(article_id, "c2", label=label, note="lost?")
    assert store.history(article_id) == ()
    assert store.review(article_id).rows[1].verdict == Verdict("c2", "unreviewed", "", None, "")


def test_custom_scale_from_argument_and_from_environment(
    store: Store, article_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    scale = ("unreviewed", "correct", "wrong")
    assert store.set_verdict(article_id, "c2", label="Correct", scale=scale).label == "correct"
    with pytest.raises(VerdictError):
        store.set_verdict(article_id, "c2", label="true", scale=scale)
    monkeypatch.setenv("CHECKS_VERDICT_SCALE", "unreviewed, correct, wrong")
    assert store.set_verdict(article_id, "c3", label="wrong").label == "wrong"
    assert store.verdict_counts(article_id) == {"unreviewed": 1, "correct": 1, "wrong": 1}


def test_unknown_claim_or_evidence_rank_raises_not_found(store: Store, article_id: int) -> None:
    with pytest.raises(NotFoundError, match="article 1 has no claim 'c99'"):
        store.set_verdict(article_id, "c99", label="true")
    with pytest.raises(NotFoundError, match="claim 'c2' of article 1 has no evidence 3"):
        store.set_verdict(article_id, "c2", evidence_rank=3)
    with pytest.raises(NotFoundError, match="claim 'c1' of article 1 has no evidence 1"):
        store.set_verdict(article_id, "c1", evidence_rank=1)
    assert store.history(article_id) == ()


def test_set_verdicts_in_bulk_counts_changes(store: Store, article_id: int) -> None:
    changes = [
        ("c1", "Not Checkable", None),
        ("c2", None, "check the date"),
        ("c3", "unreviewed", ""),  # no change
    ]
    assert store.set_verdicts(article_id, changes) == 2
    assert [row.verdict for row in store.review(article_id).rows] == [
        Verdict("c1", "not checkable", "", None, T1),
        Verdict("c2", "unreviewed", "check the date", None, T1),
        Verdict("c3", "unreviewed", "", None, ""),
    ]
    assert store.set_verdicts(article_id, changes) == 0


def test_set_verdicts_is_all_or_nothing(store: Store, article_id: int) -> None:
    with pytest.raises(VerdictError):
        store.set_verdicts(article_id, [("c1", "not checkable", None), ("c2", "nonsense", None)])
    with pytest.raises(NotFoundError):
        store.set_verdicts(article_id, [("c1", "not checkable", None), ("c9", "true", None)])
    assert store.history(article_id) == ()
    assert store.review(article_id).rows[0].verdict == Verdict("c1", "unreviewed", "", None, "")


def test_verdict_counts_in_scale_order(store: Store, article_id: int) -> None:
    store.set_verdict(article_id, "c2", label="false")
    store.set_verdict(article_id, "c3", label="true")
    assert list(store.verdict_counts(article_id).items()) == [
        ("unreviewed", 1),
        ("true", 1),
        ("mostly true", 0),
        ("half true", 0),
        ("mostly false", 0),
        ("false", 1),
        ("unproven", 0),
        ("not checkable", 0),
    ]


def test_history_table_is_append_only(store: Store, db_path: Path, article_id: int) -> None:
    store.set_verdict(article_id, "c2", label="false")
    connection = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        connection.execute("UPDATE verdict_history SET label = 'true'")
    connection.close()


def test_verdicts_from_many_threads_are_all_saved(store: Store, article_id: int) -> None:
    def write(worker: int) -> None:
        for n in range(10):
            store.set_verdict(article_id, "c2", note=f"worker {worker} edit {n}")

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(write, range(8)))
    notes = sorted(entry.note for entry in store.history(article_id))
    assert notes == sorted(f"worker {w} edit {n}" for w in range(8) for n in range(10))


def test_settings_are_saved_at_once_and_survive_reopening(db_path: Path, clock: Clock) -> None:
    with Store.open(db_path, clock=clock) as store:
        assert store.setting("wikipedia.contact", "nobody") == "nobody"
        store.set_setting("wikipedia.contact", "desk@example.org")
        store.set_setting("wikipedia.contact", "factcheck@example.org")
    with Store.open(db_path, clock=clock) as store:
        assert store.setting("wikipedia.contact") == "factcheck@example.org"
        assert store.setting("other") == ""
