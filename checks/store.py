"""SQLite store: articles, their analysis, reference documents, verdicts and verdict history.

One file, one connection, one ``threading.RLock`` around every operation (Streamlit calls in
from several threads). Every write is one transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``) with
``synchronous=FULL`` in WAL mode, so a write that returned is on disk.

The schema is built by ``MIGRATIONS``: ordered, named SQL scripts, each applied once, in its own
transaction, and recorded in the ``migrations`` table.

Timestamps are ISO 8601 UTC with seconds, e.g. ``2026-11-27T14:03:05Z``.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import Any, Final

from checks import config
from checks.errors import DamagedDatabaseError, NotFoundError, StoreError, VerdictError
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
    Lookup,
    Passage,
    Review,
    ReviewRow,
    Sentence,
    SentenceRole,
    SourceKind,
    Verdict,
)
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


class _Unset(Enum):
    """Sentinel type: "leave this field as it is" where ``None`` is a meaningful value."""

    UNSET = "unset"


UNSET: Final = _Unset.UNSET


@dataclass(frozen=True)
class ArticleSummary:
    """One line of the article list; counts are over the article's current claims."""

    id: int
    title: str
    created_at: str
    claims: int
    reviewed: int
    conflicts: int


@dataclass(frozen=True)
class HistoryEntry:
    """One saved verdict change (append-only), oldest first by ``id``."""

    id: int
    article_id: int
    claim_id: str
    label: str
    note: str
    evidence_rank: int | None
    changed_at: str
    undoes: int | None = None  # the id of the entry this one undid (``Store.undo``)


@dataclass(frozen=True)
class ClaimEdit:
    """One change the reviewer made to an article's claims (append-only log).

    ``action`` is edit, split, merge, add or delete; ``before`` and ``after`` are the
    ``(claim_id, text)`` pairs it replaced and created.
    """

    id: int
    article_id: int
    action: str
    before: tuple[tuple[str, str], ...]
    after: tuple[tuple[str, str], ...]
    changed_at: str


def canonical_label(label: str, *, scale: Sequence[str]) -> str:
    """The scale's spelling of ``label``, compared case-insensitively.

    >>> canonical_label(" Mostly TRUE ", scale=config.DEFAULT_SCALE)
    'mostly true'
    """
    wanted = label.strip().casefold()
    for entry in scale:
        if entry.casefold() == wanted:
            return entry
    raise VerdictError(f"{label!r} is not on the verdict scale: {', '.join(scale)}")


def unreviewed(claim_id: str) -> Verdict:
    """The verdict of a claim nobody has reviewed yet (no row in ``verdicts``)."""
    return Verdict(claim_id, config.UNREVIEWED, "", None, "")


# --- migrations ---------------------------------------------------------------------------


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


# --- damaged and foreign files -----------------------------------------------------------

# Low byte of ``sqlite3.Error.sqlite_errorcode``: SQLITE_CORRUPT and SQLITE_NOTADB.
_DAMAGE_CODES: Final = frozenset({11, 26})
DAMAGED_HINT: Final = (
    "Nothing was changed. Keep the file (it may be repairable); to go on, move it aside or "
    f"point --db / ${config.DB_ENV} at another file, and a new database starts there."
)


def _is_damage(exc: sqlite3.Error) -> bool:
    """Does this error say the file is not a (healthy) SQLite database?"""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in _DAMAGE_CODES
    return "not a database" in str(exc) or "malformed" in str(exc)


def _check_file(connection: sqlite3.Connection, path: Path) -> None:
    """Before anything is written: the file is SQLite, intact, and empty or a workbench
    database. Another program's database is refused, never migrated into."""
    tables = sorted(
        str(row[0])
        for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    )
    if tables and "migrations" not in tables:
        raise DamagedDatabaseError(
            f"{path} is not a workbench database: it is another program's SQLite file "
            f"(tables: {', '.join(tables[:5])}{', ...' if len(tables) > 5 else ''}). "
            + DAMAGED_HINT,
            path=path,
        )
    result = str(connection.execute("PRAGMA quick_check(1)").fetchone()[0])
    if result != "ok":
        raise DamagedDatabaseError(f"{path} is damaged ({result}). {DAMAGED_HINT}", path=path)


def damaged_name(path: Path, *, clock: Clock = utc_now) -> Path:
    """Where ``move_aside`` puts a damaged file: ``<name>.damaged-<timestamp>``.

    >>> damaged_name(Path("/d/workbench.sqlite3"), clock=lambda: "2026-11-27T14:03:05Z")
    PosixPath('/d/workbench.sqlite3.damaged-20261127T140305Z')
    """
    stamp = clock().replace("-", "").replace(":", "")
    return path.with_name(f"{path.name}.damaged-{stamp}")


def move_aside(path: Path, *, clock: Clock = utc_now) -> Path:
    """Rename a damaged database (and its ``-wal``/``-shm`` files, which belong to it) to
    ``<name>.damaged-<timestamp>``, never over an existing file; returns the new path.
    The next ``Store.open(path)`` starts a new, empty database."""
    base = damaged_name(path, clock=clock)
    target, number = base, 1
    while any(Path(f"{target}{end}").exists() for end in ("", "-wal", "-shm")):
        number += 1
        target = base.with_name(f"{base.name}-{number}")
    try:
        path.rename(target)
        for end in ("-wal", "-shm"):
            side = Path(f"{path}{end}")
            if side.exists():
                side.rename(Path(f"{target}{end}"))
    except OSError as exc:
        raise StoreError(f"cannot move {path} aside: {exc.strerror or exc}") from exc
    return target


def _configure(connection: sqlite3.Connection) -> None:
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA busy_timeout = 5000")
    mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StoreError(f"SQLite refused WAL journal mode (got {mode!r})")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    if connection.execute("PRAGMA foreign_keys").fetchone()[0] != 1:
        raise StoreError("this SQLite build does not enforce foreign keys")


# --- row <-> model ------------------------------------------------------------------------


def _fact_to_json(fact: Fact) -> dict[str, Any]:
    return {
        "kind": fact.kind.value,
        "value": fact.value,
        "text": fact.text,
        "start": fact.start,
        "end": fact.end,
        "unit": fact.unit,
    }


def _fact_from_json(data: dict[str, Any]) -> Fact:
    return Fact(
        kind=FactKind(data["kind"]),
        value=str(data["value"]),
        text=str(data["text"]),
        start=int(data["start"]),
        end=int(data["end"]),
        unit=str(data.get("unit", "")),
    )


def agreement_to_json(agreement: Agreement) -> str:
    """``{"matches": [[claim_fact, evidence_fact], ...], "conflicts": [...]}``."""
    return json.dumps(
        {
            "matches": [[_fact_to_json(c), _fact_to_json(e)] for c, e in agreement.matches],
            "conflicts": [[_fact_to_json(c), _fact_to_json(e)] for c, e in agreement.conflicts],
        },
        ensure_ascii=False,
    )


def agreement_from_json(text: str) -> Agreement:
    data = json.loads(text)
    return Agreement(
        matches=tuple((_fact_from_json(c), _fact_from_json(e)) for c, e in data["matches"]),
        conflicts=tuple((_fact_from_json(c), _fact_from_json(e)) for c, e in data["conflicts"]),
    )


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=int(row["id"]),
        title=str(row["title"]),
        text=str(row["text"]),
        url=str(row["url"]),
        created_at=str(row["created_at"]),
        author=str(row["author"]),
        published=str(row["published"]),
    )


def _sentence(row: sqlite3.Row) -> Sentence:
    return Sentence(
        index=int(row["idx"]),
        start=int(row["start"]),
        end=int(row["end"]),
        text=str(row["text"]),
        paragraph=int(row["paragraph"]),
        role=SentenceRole(row["role"]),
    )


def _claim(row: sqlite3.Row) -> Claim:
    return Claim(
        id=str(row["claim_id"]),
        sentence_index=int(row["sentence_index"]),
        text=str(row["text"]),
        kind=ClaimKind(row["kind"]),
        checkworthiness=float(row["checkworthiness"]),
        reasons=tuple(str(reason) for reason in json.loads(row["reasons"])),
    )


def _evidence(row: sqlite3.Row) -> Evidence:
    passage = Passage(
        document_key=str(row["document_uid"]),
        start=int(row["start"]),
        end=int(row["end"]),
        text=str(row["text"]),
    )
    return Evidence(
        claim_id=str(row["claim_id"]),
        rank=int(row["rank"]),
        passage=passage,
        score=float(row["score"]),
        agreement=agreement_from_json(row["agreement"]),
    )


def _document(row: sqlite3.Row) -> Document:
    return Document(
        source=SourceKind(row["source"]),
        key=str(row["key"]),
        title=str(row["title"]),
        url=str(row["url"]),
        revision=str(row["revision"]),
        language=str(row["language"]),
        text=str(row["text"]),
        fetched_at=str(row["fetched_at"]),
    )


def _lookup(row: sqlite3.Row) -> Lookup:
    return Lookup(
        source=SourceKind(row["source"]),
        kind=str(row["kind"]),
        query=str(row["query"]),
        claim_ids=tuple(json.loads(row["claim_ids"])),
        phrases=tuple(json.loads(row["phrases"])),
        outcome=str(row["outcome"]),
        document_uid=str(row["document_uid"]),
    )


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _verdict(row: sqlite3.Row) -> Verdict:
    return Verdict(
        claim_id=str(row["claim_id"]),
        label=str(row["label"]),
        note=str(row["note"]),
        evidence_rank=_optional_int(row["evidence_rank"]),
        updated_at=str(row["updated_at"]),
    )


def _history_entry(row: sqlite3.Row) -> HistoryEntry:
    return HistoryEntry(
        id=int(row["id"]),
        article_id=int(row["article_id"]),
        claim_id=str(row["claim_id"]),
        label=str(row["label"]),
        note=str(row["note"]),
        evidence_rank=_optional_int(row["evidence_rank"]),
        changed_at=str(row["changed_at"]),
        undoes=_optional_int(row["undoes"]),
    )


def _claim_edit(row: sqlite3.Row) -> ClaimEdit:
    def pairs(text: str) -> tuple[tuple[str, str], ...]:
        return tuple((str(a), str(b)) for a, b in json.loads(text))

    return ClaimEdit(
        id=int(row["id"]),
        article_id=int(row["article_id"]),
        action=str(row["action"]),
        before=pairs(row["before"]),
        after=pairs(row["after"]),
        changed_at=str(row["changed_at"]),
    )


def _summary(row: sqlite3.Row) -> ArticleSummary:
    return ArticleSummary(
        id=int(row["id"]),
        title=str(row["title"]),
        created_at=str(row["created_at"]),
        claims=int(row["claims"]),
        reviewed=int(row["reviewed"]),
        conflicts=int(row["conflicts"]),
    )


# --- SQL ----------------------------------------------------------------------------------

_SUMMARIES = """
SELECT a.id, a.title, a.created_at,
    (SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claims,
    (SELECT count(*) FROM verdicts v JOIN claims c
        ON c.article_id = v.article_id AND c.claim_id = v.claim_id
        WHERE v.article_id = a.id AND lower(v.label) != :unreviewed) AS reviewed,
    (SELECT count(*) FROM evidence e
        WHERE e.article_id = a.id AND e.rank = 1
        AND json_array_length(e.agreement, '$.conflicts') > 0) AS conflicts
FROM articles a ORDER BY a.created_at DESC, a.id DESC
"""
_UPSERT_DOCUMENT = """
INSERT INTO documents (uid, source, "key", title, url, revision, language, text, fetched_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (uid) DO UPDATE SET
    title = excluded.title, url = excluded.url, revision = excluded.revision,
    language = excluded.language, text = excluded.text, fetched_at = excluded.fetched_at,
    removed_at = NULL
"""
_PURGE_REMOVED_DOCUMENTS = """
DELETE FROM documents WHERE removed_at IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.document_uid = documents.uid)
"""
_INSERT_LOOKUP = """
INSERT INTO lookups (article_id, position, source, kind, query, claim_ids, phrases, outcome,
    document_uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_INSERT_SENTENCE = """
INSERT INTO sentences (article_id, idx, "start", "end", text, paragraph, role)
VALUES (?, ?, ?, ?, ?, ?, ?)
"""
_INSERT_CLAIM = """
INSERT INTO claims (article_id, claim_id, position, sentence_index, text, kind,
    checkworthiness, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""
_INSERT_EVIDENCE = """
INSERT INTO evidence (article_id, claim_id, rank, document_uid, "start", "end", text, score,
    agreement) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_UPSERT_VERDICT = """
INSERT INTO verdicts (article_id, claim_id, label, note, evidence_rank, updated_at)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (article_id, claim_id) DO UPDATE SET
    label = excluded.label, note = excluded.note,
    evidence_rank = excluded.evidence_rank, updated_at = excluded.updated_at
"""
_INSERT_HISTORY = """
INSERT INTO verdict_history (article_id, claim_id, label, note, evidence_rank, changed_at,
    undoes, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""
_UNDOABLE = """
SELECT h.* FROM verdict_history h
WHERE h.article_id = :article AND h.undoes IS NULL
    AND NOT EXISTS (SELECT 1 FROM verdict_history u WHERE u.undoes = h.id)
    AND EXISTS (SELECT 1 FROM claims c
        WHERE c.article_id = h.article_id AND c.claim_id = h.claim_id)
"""
_EVIDENCE_IN_ORDER = """
SELECT e.* FROM evidence e JOIN claims c
    ON c.article_id = e.article_id AND c.claim_id = e.claim_id
WHERE e.article_id = ? ORDER BY c.position, e.rank
"""
_VERDICT_COUNTS = """
SELECT coalesce(v.label, :unreviewed) AS label, count(*) AS n
FROM claims c LEFT JOIN verdicts v ON v.article_id = c.article_id AND v.claim_id = c.claim_id
WHERE c.article_id = :article GROUP BY 1
"""


def _document_params(doc: Document) -> tuple[str, ...]:
    return (
        doc.uid, doc.source.value, doc.key, doc.title, doc.url,
        doc.revision, doc.language, doc.text, doc.fetched_at,
    )  # fmt: skip


def _check_analysis(analysis: Analysis) -> None:
    """Every claim points at a sentence, every evidence at a claim; ids are unique."""
    sentence_indexes = {s.index for s in analysis.sentences}
    claim_ids = [c.id for c in analysis.claims]
    if len(set(claim_ids)) != len(claim_ids):
        raise StoreError(f"analysis repeats a claim id: {claim_ids}")
    for claim in analysis.claims:
        if claim.sentence_index not in sentence_indexes:
            raise StoreError(f"claim {claim.id} points at missing sentence {claim.sentence_index}")
    known = set(claim_ids)  # a set: a 5 MB article has 40,000 claims and 90,000 evidence
    for evidence in analysis.evidence:
        if evidence.claim_id not in known:
            raise StoreError(
                f"evidence rank {evidence.rank} is for unknown claim {evidence.claim_id}"
            )


# --- the store ----------------------------------------------------------------------------


class Store:
    """The workbench database. Open with ``Store.open(path)``; use as a context manager."""

    def __init__(self, connection: sqlite3.Connection, path: Path, *, clock: Clock) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = connection
        self._clock = clock
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: Path, *, clock: Clock = utc_now) -> Store:
        """Open (creating folders and file if needed) and migrate the database at ``path``."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open {path}: {exc}") from exc
        try:
            _check_file(connection, path)
            _configure(connection)
            apply_migrations(connection, clock=clock)
        except DamagedDatabaseError:
            connection.close()
            raise
        except (sqlite3.Error, StoreError) as exc:
            connection.close()
            cause = exc.__cause__ if isinstance(exc, StoreError) else exc
            if isinstance(cause, sqlite3.Error) and _is_damage(cause):
                message = f"cannot open {path}: {exc}. {DAMAGED_HINT}"
                raise DamagedDatabaseError(message, path=path) from exc
            raise StoreError(f"cannot open {path}: {exc}") from exc
        return cls(connection, path, clock=clock)

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _transaction(self, begin: str = "BEGIN IMMEDIATE") -> Iterator[sqlite3.Connection]:
        """One transaction under the lock; sqlite3 errors become StoreError naming the file."""
        with self._lock:
            if self._connection is None:
                raise StoreError(f"store {self.path} is closed")
            connection = self._connection
            try:
                connection.execute(begin)
                yield connection
                connection.execute("COMMIT")
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: {exc}") from exc
            finally:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")

    # --- diagnostics ----------------------------------------------------------------------

    def pragmas(self) -> dict[str, str]:
        """The connection's journal_mode, synchronous and foreign_keys settings."""
        names = {0: "off", 1: "normal", 2: "full", 3: "extra"}
        with self._lock:
            if self._connection is None:
                raise StoreError(f"store {self.path} is closed")
            run = self._connection.execute
            return {
                "journal_mode": str(run("PRAGMA journal_mode").fetchone()[0]),
                "synchronous": names[int(run("PRAGMA synchronous").fetchone()[0])],
                "foreign_keys": "on" if run("PRAGMA foreign_keys").fetchone()[0] else "off",
            }

    def applied_migrations(self) -> tuple[str, ...]:
        with self._transaction("BEGIN") as connection:
            return applied_migrations(connection)

    # --- settings -------------------------------------------------------------------------

    def setting(self, key: str, default: str = "") -> str:
        """A user setting saved in the database (``default`` when never set)."""
        with self._transaction("BEGIN") as connection:
            row = connection.execute(
                'SELECT value FROM settings WHERE "key" = ?', (key,)
            ).fetchone()
        return str(row[0]) if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Save a user setting at once (one transaction)."""
        with self._transaction() as connection:
            connection.execute(
                'INSERT INTO settings ("key", value, updated_at) VALUES (?, ?, ?) '
                'ON CONFLICT("key") DO UPDATE SET value = excluded.value, '
                "updated_at = excluded.updated_at",
                (key, value, self._clock()),
            )

    # --- articles -------------------------------------------------------------------------

    def add_article(
        self, *, title: str, text: str, url: str = "", author: str = "", published: str = ""
    ) -> Article:
        now = self._clock()
        with self._transaction() as connection:
            cursor = connection.execute(
                "INSERT INTO articles (title, text, url, created_at, updated_at, author,"
                " published) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (title, text, url, now, now, author, published),
            )
            article_id = cursor.lastrowid
        if article_id is None:
            raise StoreError(f"{self.path}: the new article got no id")
        return Article(
            id=article_id, title=title, text=text, url=url, created_at=now,
            author=author, published=published,
        )  # fmt: skip

    def set_article_metadata(
        self,
        article_id: int,
        *,
        title: str | None = None,
        url: str | None = None,
        author: str | None = None,
        published: str | None = None,
    ) -> Article:
        """Change the given metadata fields (``None`` leaves one as it is); returns the
        article as saved. An empty title is refused: the article list needs one."""
        if title is not None and not title.strip():
            raise StoreError("an article needs a title; the title given is empty")
        with self._transaction() as connection:
            current = _require_article(connection, article_id)
            wanted = replace(
                current,
                title=current.title if title is None else title.strip(),
                url=current.url if url is None else url.strip(),
                author=current.author if author is None else author.strip(),
                published=current.published if published is None else published.strip(),
            )
            if wanted != current:
                connection.execute(
                    "UPDATE articles SET title = ?, url = ?, author = ?, published = ?"
                    " WHERE id = ?",
                    (wanted.title, wanted.url, wanted.author, wanted.published, article_id),
                )
                _touch(connection, article_id, self._clock())
            return wanted

    def article(self, article_id: int) -> Article:
        with self._transaction("BEGIN") as connection:
            return _require_article(connection, article_id)

    def articles(self) -> tuple[ArticleSummary, ...]:
        """Every article, newest first, with its claim, reviewed and conflict counts."""
        with self._transaction("BEGIN") as connection:
            rows = connection.execute(_SUMMARIES, {"unreviewed": config.UNREVIEWED})
            return tuple(_summary(row) for row in rows.fetchall())

    def rename_article(self, article_id: int, title: str) -> None:
        now = self._clock()
        with self._transaction() as connection:
            cursor = connection.execute(
                "UPDATE articles SET title = ?, updated_at = ? WHERE id = ?",
                (title, now, article_id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"no article {article_id}")

    def delete_article(self, article_id: int) -> None:
        """Delete an article with its sentences, claims, evidence, verdicts and history."""
        with self._transaction() as connection:
            cursor = connection.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            if cursor.rowcount == 0:
                raise NotFoundError(f"no article {article_id}")
            connection.execute(_PURGE_REMOVED_DOCUMENTS)

    # --- analysis -------------------------------------------------------------------------

    def save_analysis(self, article_id: int, analysis: Analysis) -> None:
        """Replace the article's sentences, claims and evidence in one transaction.

        Upserts ``analysis.documents``. Verdicts of claim ids that still exist are kept;
        verdicts of claim ids that are gone are dropped (their history stays). New claims
        get no verdict row: no row means unreviewed.
        """
        _check_analysis(analysis)
        now = self._clock()
        with self._transaction() as connection:
            _require_article(connection, article_id)
            for doc in analysis.documents:
                connection.execute(_UPSERT_DOCUMENT, _document_params(doc))
            _require_documents(connection, analysis)
            # Cascades to claims and evidence.
            connection.execute("DELETE FROM sentences WHERE article_id = ?", (article_id,))
            connection.execute("DELETE FROM lookups WHERE article_id = ?", (article_id,))
            _insert_analysis(connection, article_id, analysis)
            connection.execute(
                "DELETE FROM verdicts WHERE article_id = ?1 AND claim_id NOT IN"
                " (SELECT claim_id FROM claims WHERE article_id = ?1)",
                (article_id,),
            )
            connection.execute(_PURGE_REMOVED_DOCUMENTS)
            _touch(connection, article_id, now)

    def replace_claim_evidence(
        self,
        article_id: int,
        claim_id: str,
        evidence: Sequence[Evidence],
        *,
        documents: Sequence[Document] = (),
    ) -> None:
        """Replace one claim's evidence (after a reference was added for it), in one
        transaction; upserts ``documents``. A cited rank that no longer exists is un-cited."""
        if any(e.claim_id != claim_id for e in evidence):
            raise StoreError(f"evidence for another claim than {claim_id!r}")
        now = self._clock()
        with self._transaction() as connection:
            _current_verdict(connection, article_id, claim_id)  # the claim exists
            for doc in documents:
                connection.execute(_UPSERT_DOCUMENT, _document_params(doc))
            connection.execute(
                "DELETE FROM evidence WHERE article_id = ? AND claim_id = ?", (article_id, claim_id)
            )
            connection.executemany(_INSERT_EVIDENCE, [
                (article_id, e.claim_id, e.rank, e.passage.document_key, e.passage.start,
                 e.passage.end, e.passage.text, e.score, agreement_to_json(e.agreement))
                for e in evidence
            ])  # fmt: skip
            connection.execute(
                "UPDATE verdicts SET evidence_rank = NULL WHERE article_id = ? AND claim_id = ?"
                " AND evidence_rank > ?",
                (article_id, claim_id, len(evidence)),
            )
            connection.execute(_PURGE_REMOVED_DOCUMENTS)
            _touch(connection, article_id, now)

    def lookups(self, article_id: int) -> tuple[Lookup, ...]:
        """The pages the sources looked up for the article's last analysis, and why."""
        with self._transaction("BEGIN") as connection:
            _require_article(connection, article_id)
            rows = _select(connection, "lookups", article_id, "position")
        return tuple(map(_lookup, rows))

    def review(self, article_id: int) -> Review:
        """The article's claims in order, each with its sentence, evidence and verdict."""
        with self._transaction("BEGIN") as connection:
            article = _require_article(connection, article_id)
            sentences = {
                s.index: s
                for s in map(_sentence, _select(connection, "sentences", article_id, "idx"))
            }
            claims = tuple(map(_claim, _select(connection, "claims", article_id, "position")))
            evidence = tuple(map(_evidence, connection.execute(_EVIDENCE_IN_ORDER, (article_id,))))
            verdicts = {
                v.claim_id: v
                for v in map(_verdict, _select(connection, "verdicts", article_id, "claim_id"))
            }
            documents = _cited_documents(connection, article_id, evidence)
        by_claim: dict[str, list[Evidence]] = {}
        for item in evidence:  # grouped once: linear in the evidence, not claims x evidence
            by_claim.setdefault(item.claim_id, []).append(item)
        rows = tuple(
            ReviewRow(
                sentence=sentences[claim.sentence_index],
                claim=claim,
                evidence=tuple(by_claim.get(claim.id, ())),
                verdict=verdicts.get(claim.id, unreviewed(claim.id)),
            )
            for claim in claims
        )
        return Review(article=article, rows=rows, documents=documents)

    # --- documents ------------------------------------------------------------------------

    def upsert_document(self, doc: Document) -> None:
        """Insert or update by ``doc.uid``; a removed document comes back to the list."""
        with self._transaction() as connection:
            connection.execute(_UPSERT_DOCUMENT, _document_params(doc))

    def documents(self, *, source: SourceKind | None = None) -> tuple[Document, ...]:
        """Documents in the library (not removed), by source, title and uid; optionally of
        one source."""
        query = "SELECT * FROM documents WHERE removed_at IS NULL"
        params: tuple[str, ...] = ()
        if source is not None:
            query, params = query + " AND source = ?", (source.value,)
        with self._transaction("BEGIN") as connection:
            rows = connection.execute(query + " ORDER BY source, title, uid", params)
            return tuple(map(_document, rows.fetchall()))

    def document(self, uid: str) -> Document:
        """A stored document by uid, also one removed but still cited as evidence."""
        with self._transaction("BEGIN") as connection:
            row = connection.execute("SELECT * FROM documents WHERE uid = ?", (uid,)).fetchone()
        if row is None:
            raise NotFoundError(f"no document {uid}")
        return _document(row)

    def cached_document(self, uid: str) -> Document | None:
        """A document by uid unless it is unknown or was removed from the list."""
        with self._transaction("BEGIN") as connection:
            row = connection.execute(
                "SELECT * FROM documents WHERE uid = ? AND removed_at IS NULL", (uid,)
            ).fetchone()
        return None if row is None else _document(row)

    # --- source cache ---------------------------------------------------------------------

    def cache_get(self, source: SourceKind, key: str) -> tuple[dict[str, Any], str] | None:
        """A cached answer of a source (JSON object) and when it was fetched, or None."""
        with self._transaction("BEGIN") as connection:
            row = connection.execute(
                'SELECT value, fetched_at FROM source_cache WHERE source = ? AND "key" = ?',
                (source.value, key),
            ).fetchone()
        if row is None:
            return None
        value = json.loads(row["value"])
        return (value if isinstance(value, dict) else {}), str(row["fetched_at"])

    def cache_put(
        self, source: SourceKind, key: str, value: dict[str, Any], *, fetched_at: str
    ) -> None:
        """Save (or replace) a source's answer, e.g. where a title redirects, a search's hits."""
        with self._transaction() as connection:
            connection.execute(
                'INSERT INTO source_cache (source, "key", value, fetched_at) VALUES (?, ?, ?, ?)'
                ' ON CONFLICT (source, "key") DO UPDATE SET value = excluded.value,'
                " fetched_at = excluded.fetched_at",
                (source.value, key, json.dumps(value, ensure_ascii=False), fetched_at),
            )

    def delete_document(self, uid: str) -> None:
        """Remove a document from the library: ``documents()`` no longer lists it.

        A document no evidence cites is deleted. A cited one stays, hidden, so the articles
        quoting it keep their evidence and its source; it is deleted once no evidence cites
        it (after re-analysis or deletion of those articles).
        """
        now = self._clock()
        with self._transaction() as connection:
            cursor = connection.execute(
                "UPDATE documents SET removed_at = ? WHERE uid = ? AND removed_at IS NULL",
                (now, uid),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"no document {uid}")
            connection.execute(_PURGE_REMOVED_DOCUMENTS)

    # --- verdicts -------------------------------------------------------------------------

    def set_verdict(
        self,
        article_id: int,
        claim_id: str,
        *,
        label: str | None = None,
        note: str | None = None,
        evidence_rank: int | _Unset | None = UNSET,
        scale: Sequence[str] | None = None,
    ) -> Verdict:
        """Change the given fields of a claim's verdict; returns the verdict now saved.

        ``label``/``note`` ``None`` and ``evidence_rank`` ``UNSET`` leave a field unchanged;
        ``evidence_rank=None`` clears the citation. ``scale`` defaults to
        ``config.verdict_scale()`` read at call time. Saving the same values again writes
        nothing (no history row).
        """
        now = self._clock()
        with self._transaction() as connection:
            current = _current_verdict(connection, article_id, claim_id)
            wanted = _changed(
                connection, article_id, current, label, note, evidence_rank, _scale(scale), now
            )
            if wanted is None:
                return current
            _save_verdict(connection, article_id, wanted)
            return wanted

    def set_verdicts(
        self,
        article_id: int,
        changes: Sequence[tuple[str, str | None, str | None]],
        *,
        scale: Sequence[str] | None = None,
    ) -> int:
        """Apply ``(claim_id, label, note)`` changes in one transaction: all or nothing.

        Returns how many verdicts changed; unchanged ones write nothing.
        """
        now = self._clock()
        labels = _scale(scale)
        changed = 0
        batch = uuid.uuid4().hex if len(changes) > 1 else None  # undone together
        with self._transaction() as connection:
            for claim_id, label, note in changes:
                current = _current_verdict(connection, article_id, claim_id)
                wanted = _changed(connection, article_id, current, label, note, UNSET, labels, now)
                if wanted is not None:
                    _save_verdict(connection, article_id, wanted, batch=batch)
                    changed += 1
        return changed

    def undoable(self, article_id: int) -> tuple[HistoryEntry, ...]:
        """The changes ``undo`` would revert now, newest first (empty: nothing to undo)."""
        with self._transaction("BEGIN") as connection:
            _require_article(connection, article_id)
            return tuple(map(_history_entry, _next_undo(connection, article_id)))

    def undo(self, article_id: int) -> tuple[HistoryEntry, ...]:
        """Revert the article's latest verdict change not yet undone; returns the entries
        written (empty when there is nothing to undo).

        The history stays append-only: an undo is a new entry restoring the claim's state
        before the undone one, with ``undoes`` naming it. Undo entries are never undone
        themselves, so pressing undo again reverts the change before (a stack, like an
        editor's undo). A bulk change (``set_verdicts``) is undone as a whole. Changes of
        claims that no longer exist are skipped.
        """
        now = self._clock()
        written: list[HistoryEntry] = []
        with self._transaction() as connection:
            _require_article(connection, article_id)
            targets = [_history_entry(row) for row in _next_undo(connection, article_id)]
            batch = uuid.uuid4().hex if len(targets) > 1 else None
            for entry in targets:
                before = _state_before(connection, entry, now)
                _save_verdict(connection, article_id, before, undoes=entry.id, batch=batch)
                new_id = int(connection.execute("SELECT last_insert_rowid()").fetchone()[0])
                written.append(
                    HistoryEntry(
                        new_id, article_id, entry.claim_id, before.label, before.note,
                        before.evidence_rank, now, undoes=entry.id,
                    )
                )  # fmt: skip
        return tuple(written)

    # --- claim edits ----------------------------------------------------------------------

    def claim_edits(self, article_id: int) -> tuple[ClaimEdit, ...]:
        """The reviewer's changes to the article's claims, oldest first."""
        with self._transaction("BEGIN") as connection:
            _require_article(connection, article_id)
            rows = connection.execute(
                "SELECT * FROM claim_edits WHERE article_id = ? ORDER BY id", (article_id,)
            ).fetchall()
        return tuple(map(_claim_edit, rows))

    def new_claim_ids(self, article_id: int, count: int) -> tuple[str, ...]:
        """``count`` claim ids the article never had (``c34``, ``c35`` ...): an id of a
        deleted claim is never given again, so old history and exports stay unambiguous."""
        with self._transaction("BEGIN") as connection:
            _require_article(connection, article_id)
            top = _claim_numbers(connection, article_id)
        return tuple(f"c{top + n}" for n in range(1, count + 1))

    def replace_claims(
        self,
        article_id: int,
        action: str,
        *,
        remove: Sequence[str] = (),
        write: Sequence[Claim] = (),
        after: str | None = None,
    ) -> None:
        """One claim edit in one transaction: delete the ``remove`` claims (with their
        verdicts; history stays), insert or update the ``write`` claims (their evidence is
        dropped: match them again), and log it in ``claim_edits``.

        Claims in ``write`` that are new are placed after the claim ``after`` (default: after
        the last claim of their sentence), in the given order; claims already there keep
        their place and their verdict. New ids must be ids the article never had
        (``new_claim_ids``). Untouched claims keep everything.
        """
        now = self._clock()
        with self._transaction() as connection:
            _require_article(connection, article_id)
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
                _drop_claim(connection, article_id, claim_id)
            order = _claim_order(connection, article_id)
            for claim in write:
                _write_claim(connection, article_id, claim)
            order = _placed(connection, article_id, order, [c for c in write if c.id not in old],
                            after)  # fmt: skip
            _renumber(connection, article_id, order)
            _log_edit(connection, article_id, action, list(old.values()), write, now)

    def save_evidence(
        self,
        article_id: int,
        documents: Sequence[Document],
        evidence: Sequence[Evidence],
        lookups: Sequence[Lookup] = (),
    ) -> None:
        """Replace the evidence (and lookups) of every claim, keeping the claims as they are:
        "analyse again" of an article whose claims the reviewer edited. Cited ranks that no
        longer exist are un-cited."""
        now = self._clock()
        with self._transaction() as connection:
            _require_article(connection, article_id)
            ids = set(_claim_order(connection, article_id))
            if any(e.claim_id not in ids for e in evidence):
                raise StoreError("evidence for a claim the article does not have")
            for doc in documents:
                connection.execute(_UPSERT_DOCUMENT, _document_params(doc))
            connection.execute("DELETE FROM evidence WHERE article_id = ?", (article_id,))
            connection.execute("DELETE FROM lookups WHERE article_id = ?", (article_id,))
            _insert_analysis(
                connection,
                article_id,
                Analysis(sentences=(), claims=(), documents=(), evidence=tuple(evidence),
                         lookups=tuple(lookups)),
            )  # fmt: skip
            connection.execute(
                "UPDATE verdicts SET evidence_rank = NULL WHERE article_id = ?1"
                " AND evidence_rank IS NOT NULL AND NOT EXISTS (SELECT 1 FROM evidence e"
                " WHERE e.article_id = ?1 AND e.claim_id = verdicts.claim_id"
                " AND e.rank = verdicts.evidence_rank)",
                (article_id,),
            )
            connection.execute(_PURGE_REMOVED_DOCUMENTS)
            _touch(connection, article_id, now)

    def history(self, article_id: int, claim_id: str | None = None) -> tuple[HistoryEntry, ...]:
        """Verdict changes of the article (or of one claim), oldest first."""
        query = "SELECT * FROM verdict_history WHERE article_id = ?"
        params: tuple[int | str, ...] = (article_id,)
        if claim_id is not None:
            query, params = query + " AND claim_id = ?", (article_id, claim_id)
        with self._transaction("BEGIN") as connection:
            _require_article(connection, article_id)
            rows = connection.execute(query + " ORDER BY id", params).fetchall()
        return tuple(map(_history_entry, rows))

    def verdict_counts(
        self, article_id: int, *, scale: Sequence[str] | None = None
    ) -> dict[str, int]:
        """Claims per label: every scale label in scale order (zeros included), then any
        saved label no longer on the scale. Claims without a verdict count as unreviewed."""
        counts = dict.fromkeys(_scale(scale), 0)
        with self._transaction("BEGIN") as connection:
            _require_article(connection, article_id)
            rows = connection.execute(
                _VERDICT_COUNTS, {"unreviewed": config.UNREVIEWED, "article": article_id}
            ).fetchall()
        for row in rows:
            counts[str(row["label"])] = int(row["n"])
        return counts


# --- helpers that run inside a transaction ------------------------------------------------


def _scale(scale: Sequence[str] | None) -> Sequence[str]:
    return config.verdict_scale() if scale is None else scale


def _select(
    connection: sqlite3.Connection, table: str, article_id: int, order: str
) -> list[sqlite3.Row]:
    # ``table`` and ``order`` are constants of this module, never user input.
    return connection.execute(
        f"SELECT * FROM {table} WHERE article_id = ? ORDER BY {order}", (article_id,)
    ).fetchall()


def _require_article(connection: sqlite3.Connection, article_id: int) -> Article:
    row = connection.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no article {article_id}")
    return _article(row)


def _require_documents(connection: sqlite3.Connection, analysis: Analysis) -> None:
    for uid in sorted({e.passage.document_key for e in analysis.evidence}):
        if not connection.execute("SELECT 1 FROM documents WHERE uid = ?", (uid,)).fetchone():
            raise StoreError(f"evidence cites document {uid}, which is not stored")


def _insert_analysis(connection: sqlite3.Connection, article_id: int, analysis: Analysis) -> None:
    connection.executemany(_INSERT_SENTENCE, [
        (article_id, s.index, s.start, s.end, s.text, s.paragraph, s.role.value)
        for s in analysis.sentences
    ])  # fmt: skip
    connection.executemany(_INSERT_CLAIM, [
        (article_id, c.id, position, c.sentence_index, c.text, c.kind.value,
         c.checkworthiness, json.dumps(list(c.reasons), ensure_ascii=False))
        for position, c in enumerate(analysis.claims)
    ])  # fmt: skip
    connection.executemany(_INSERT_LOOKUP, [
        (article_id, position, x.source.value, x.kind, x.query,
         json.dumps(list(x.claim_ids), ensure_ascii=False),
         json.dumps(list(x.phrases), ensure_ascii=False), x.outcome, x.document_uid)
        for position, x in enumerate(analysis.lookups)
    ])  # fmt: skip
    connection.executemany(_INSERT_EVIDENCE, [
        (article_id, e.claim_id, e.rank, e.passage.document_key, e.passage.start,
         e.passage.end, e.passage.text, e.score, agreement_to_json(e.agreement))
        for e in analysis.evidence
    ])  # fmt: skip


def _touch(connection: sqlite3.Connection, article_id: int, now: str) -> None:
    connection.execute("UPDATE articles SET updated_at = ? WHERE id = ?", (now, article_id))


def _cited_documents(
    connection: sqlite3.Connection, article_id: int, evidence: Sequence[Evidence]
) -> tuple[Document, ...]:
    """Documents cited by the evidence, in order of first citation."""
    first = dict.fromkeys(e.passage.document_key for e in evidence)
    order = {uid: n for n, uid in enumerate(first)}
    rows = connection.execute(
        "SELECT * FROM documents WHERE uid IN"
        " (SELECT document_uid FROM evidence WHERE article_id = ?)",
        (article_id,),
    ).fetchall()
    return tuple(sorted(map(_document, rows), key=lambda doc: order.get(doc.uid, len(order))))


def _current_verdict(connection: sqlite3.Connection, article_id: int, claim_id: str) -> Verdict:
    """The saved verdict, or the unreviewed default; NotFoundError for an unknown claim."""
    _require_article(connection, article_id)
    if not connection.execute(
        "SELECT 1 FROM claims WHERE article_id = ? AND claim_id = ?", (article_id, claim_id)
    ).fetchone():
        raise NotFoundError(f"article {article_id} has no claim {claim_id!r}")
    row = connection.execute(
        "SELECT * FROM verdicts WHERE article_id = ? AND claim_id = ?", (article_id, claim_id)
    ).fetchone()
    return unreviewed(claim_id) if row is None else _verdict(row)


def _changed(
    connection: sqlite3.Connection,
    article_id: int,
    current: Verdict,
    label: str | None,
    note: str | None,
    evidence_rank: int | _Unset | None,
    scale: Sequence[str],
    now: str,
) -> Verdict | None:
    """The verdict after the change, or None when nothing would change."""
    rank = current.evidence_rank
    if not isinstance(evidence_rank, _Unset):
        rank = _require_rank(connection, article_id, current.claim_id, evidence_rank)
    wanted = Verdict(
        claim_id=current.claim_id,
        label=current.label if label is None else canonical_label(label, scale=scale),
        note=current.note if note is None else note,
        evidence_rank=rank,
        updated_at=now,
    )
    same = (wanted.label, wanted.note, wanted.evidence_rank) == (
        current.label, current.note, current.evidence_rank,
    )  # fmt: skip
    return None if same else wanted


def _require_rank(
    connection: sqlite3.Connection, article_id: int, claim_id: str, rank: int | None
) -> int | None:
    if rank is None:
        return None
    found = connection.execute(
        "SELECT 1 FROM evidence WHERE article_id = ? AND claim_id = ? AND rank = ?",
        (article_id, claim_id, rank),
    ).fetchone()
    if isinstance(rank, bool) or not found:
        raise NotFoundError(f"claim {claim_id!r} of article {article_id} has no evidence {rank}")
    return rank


def _save_verdict(
    connection: sqlite3.Connection,
    article_id: int,
    verdict: Verdict,
    *,
    undoes: int | None = None,
    batch: str | None = None,
) -> None:
    values = (
        article_id, verdict.claim_id, verdict.label, verdict.note,
        verdict.evidence_rank, verdict.updated_at,
    )  # fmt: skip
    connection.execute(_UPSERT_VERDICT, values)
    connection.execute(_INSERT_HISTORY, (*values, undoes, batch))
    _touch(connection, article_id, verdict.updated_at)


def _state_before(connection: sqlite3.Connection, entry: HistoryEntry, now: str) -> Verdict:
    """The claim's verdict just before ``entry`` was saved (its previous history entry, or
    unreviewed); a cited rank its evidence no longer has is un-cited."""
    row = connection.execute(
        "SELECT * FROM verdict_history WHERE article_id = ? AND claim_id = ? AND id < ?"
        " ORDER BY id DESC LIMIT 1",
        (entry.article_id, entry.claim_id, entry.id),
    ).fetchone()
    before = unreviewed(entry.claim_id) if row is None else _verdict_of_entry(row)
    rank = before.evidence_rank
    if (
        rank is not None
        and not connection.execute(
            "SELECT 1 FROM evidence WHERE article_id = ? AND claim_id = ? AND rank = ?",
            (entry.article_id, entry.claim_id, rank),
        ).fetchone()
    ):
        rank = None
    return replace(before, evidence_rank=rank, updated_at=now)


def _verdict_of_entry(row: sqlite3.Row) -> Verdict:
    return Verdict(
        claim_id=str(row["claim_id"]),
        label=str(row["label"]),
        note=str(row["note"]),
        evidence_rank=_optional_int(row["evidence_rank"]),
        updated_at=str(row["changed_at"]),
    )


def _next_undo(connection: sqlite3.Connection, article_id: int) -> list[sqlite3.Row]:
    """The history entries the next undo reverts: the latest undoable entry, with every
    undoable entry of its batch (a bulk change is undone as one)."""
    latest = connection.execute(
        _UNDOABLE + " ORDER BY h.id DESC LIMIT 1", {"article": article_id}
    ).fetchone()
    if latest is None or latest["batch"] is None:
        return [] if latest is None else [latest]
    return connection.execute(
        _UNDOABLE + " AND h.batch = :batch ORDER BY h.id DESC",
        {"article": article_id, "batch": latest["batch"]},
    ).fetchall()


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


_CLAIM_NUMBER = re.compile(r"^c(\d+)")


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
    _require_article(connection, article_id)
    row = connection.execute(
        "SELECT * FROM claims WHERE article_id = ? AND claim_id = ?", (article_id, claim_id)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"article {article_id} has no claim {claim_id!r}")
    return _claim(row)


def _write_claim(connection: sqlite3.Connection, article_id: int, claim: Claim) -> None:
    """Insert or replace a claim's text, sentence, kind and score (position kept; a new
    claim goes last until ``_renumber``); its old evidence is dropped."""
    connection.execute(
        "INSERT INTO claims (article_id, claim_id, position, sentence_index, text, kind,"
        " checkworthiness, reasons) VALUES (?, ?,"
        " (SELECT coalesce(max(position), -1) + 1 FROM claims WHERE article_id = ?),"
        " ?, ?, ?, ?, ?)"
        " ON CONFLICT (article_id, claim_id) DO UPDATE SET sentence_index ="
        " excluded.sentence_index, text = excluded.text, kind = excluded.kind,"
        " checkworthiness = excluded.checkworthiness, reasons = excluded.reasons",
        (
            article_id, claim.id, article_id, claim.sentence_index, claim.text,
            claim.kind.value, claim.checkworthiness,
            json.dumps(list(claim.reasons), ensure_ascii=False),
        ),
    )  # fmt: skip
    connection.execute(
        "DELETE FROM evidence WHERE article_id = ? AND claim_id = ?", (article_id, claim.id)
    )
    connection.execute(
        "UPDATE verdicts SET evidence_rank = NULL WHERE article_id = ? AND claim_id = ?",
        (article_id, claim.id),
    )


def _drop_claim(connection: sqlite3.Connection, article_id: int, claim_id: str) -> None:
    """Delete a claim with its evidence and verdict (its history stays)."""
    connection.execute(
        "DELETE FROM verdicts WHERE article_id = ? AND claim_id = ?", (article_id, claim_id)
    )
    connection.execute(
        "DELETE FROM claims WHERE article_id = ? AND claim_id = ?", (article_id, claim_id)
    )


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
    _touch(connection, article_id, now)
