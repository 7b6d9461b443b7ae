"""SQLite store: articles, their analysis, reference documents, verdicts and verdict history.

One file, one connection, one ``threading.RLock`` around every operation (Streamlit calls in
from several threads). Every write is one transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``) with
``synchronous=FULL`` in WAL mode, so a write that returned is on disk.

``Store`` is a thin front: each method opens one transaction and calls one helper of the
module for its data area, which runs inside it:

- ``schema``     the migrations (``MIGRATIONS``), applied once each, recorded in ``migrations``
- ``files``      open and configure the file, refuse a damaged or foreign one, move it aside
- ``rows``       row <-> model, and the store's own records (``HistoryEntry`` ...)
- ``articles``   articles and their summaries
- ``analysis``   an article's whole analysis: save it, read it back as a ``Review``
- ``claims``     sentences, claims and the reviewer's claim edits
- ``evidence``   evidence, lookups and the citation rule
- ``verdicts``   verdicts, history and undo
- ``dismissals`` passages marked not relevant; ``claim_undo`` claim edits in the undo history
- ``keys``       receipts of the review page's key presses (each applied once)
- ``documents``  the reference library and the sources' cache; ``settings`` the user's settings
- ``factchecks`` imported published fact-checks and the desk's memory (claims with verdicts)
- ``desk``       reads over every article at once (the Articles page's charts)

Timestamps are ISO 8601 UTC with seconds, e.g. ``2026-11-27T14:03:05Z``.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from checks.errors import DiskFullError, StoreError
from checks.factchecks.records import FactCheck, ImportReport, Parsed
from checks.factchecks.search import DeskVerdict
from checks.keyqueue import Receipt
from checks.model import (
    Analysis,
    Article,
    Claim,
    Document,
    Evidence,
    Lookup,
    Review,
    SourceKind,
    Verdict,
)
from checks.store import analysis as _analysis
from checks.store import (
    articles,
    claim_undo,
    claims,
    desk,
    dismissals,
    files,
    keys,
    settings,
    verdicts,
)
from checks.store import documents as _documents
from checks.store import evidence as _evidence
from checks.store import factchecks as _factchecks
from checks.store.files import DAMAGED_HINT, damaged_name, move_aside
from checks.store.rows import (
    ArticleSummary,
    ClaimEdit,
    DroppedCitation,
    HistoryEntry,
    SavedAnalysis,
    agreement_from_json,
    agreement_to_json,
)
from checks.store.schema import MIGRATIONS, Clock, applied_migrations, apply_migrations
from checks.store.verdicts import UNSET, Unset, canonical_label, unreviewed
from checks.timestamps import utc_now

__all__ = [
    "DAMAGED_HINT",
    "MIGRATIONS",
    "UNSET",
    "ArticleSummary",
    "ClaimEdit",
    "Clock",
    "DroppedCitation",
    "HistoryEntry",
    "SavedAnalysis",
    "Store",
    "agreement_from_json",
    "agreement_to_json",
    "applied_migrations",
    "apply_migrations",
    "canonical_label",
    "damaged_name",
    "move_aside",
    "unreviewed",
]


REVIEWS_KEPT = 4  # articles whose last review the store keeps in memory


class Store:
    """The workbench database. Open with ``Store.open(path)``; use as a context manager."""

    def __init__(self, connection: sqlite3.Connection, path: Path, *, clock: Clock) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = connection
        self._clock = clock
        self._lock = threading.RLock()
        # The last reviews read, by article (``_analysis.Snapshot``): reused while the
        # article's claims and evidence are unchanged (migration 0014's revision).
        self._reviews: dict[int, _analysis.Snapshot] = {}
        # The desk's memory without one article (``desk_verdicts``), by that article.
        self._desks: dict[int, tuple[tuple[int, int], tuple[DeskVerdict, ...]]] = {}

    @classmethod
    def open(cls, path: Path, *, clock: Clock = utc_now) -> Store:
        """Open (creating folders and file if needed) and migrate the database at ``path``."""
        path = Path(path)
        return cls(files.connect(path, clock=clock), path, clock=clock)

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
    def _transaction(self, begin: str) -> Iterator[sqlite3.Connection]:
        """One transaction under the lock; sqlite3 errors become StoreError naming the file
        (DiskFullError when the disk is full: the transaction is rolled back)."""
        with self._lock:
            if self._connection is None:
                raise StoreError(f"store {self.path} is closed")
            connection = self._connection
            try:
                connection.execute(begin)
                yield connection
                connection.execute("COMMIT")
            except sqlite3.Error as exc:
                if files.is_full(exc):
                    raise DiskFullError(
                        f"Not saved: the disk is full ({self.path}: {exc}); free some space"
                        " and try again."
                    ) from exc
                raise StoreError(f"{self.path}: {exc}") from exc
            finally:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")

    def _read(self) -> AbstractContextManager[sqlite3.Connection]:
        """A read transaction (one consistent snapshot)."""
        return self._transaction("BEGIN")

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        """A write transaction: takes the write lock at once; all or nothing."""
        return self._transaction("BEGIN IMMEDIATE")

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
        with self._read() as connection:
            return applied_migrations(connection)

    # --- settings -------------------------------------------------------------------------

    def setting(self, key: str, default: str = "") -> str:
        """A user setting saved in the database (``default`` when never set)."""
        with self._read() as connection:
            return settings.get(connection, key, default)

    def set_setting(self, key: str, value: str) -> None:
        """Save a user setting at once (one transaction)."""
        with self._write() as connection:
            settings.put(connection, key, value, self._clock())

    # --- articles -------------------------------------------------------------------------

    def add_article(
        self, *, title: str, text: str, url: str = "", author: str = "", published: str = ""
    ) -> Article:
        with self._write() as connection:
            return articles.add(
                connection, title=title, text=text, url=url, author=author,
                published=published, now=self._clock(),
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
        with self._write() as connection:
            return articles.set_metadata(
                connection, article_id, title=title, url=url, author=author,
                published=published, now=self._clock(),
            )  # fmt: skip

    def article(self, article_id: int) -> Article:
        with self._read() as connection:
            return articles.require(connection, article_id)

    def articles(self) -> tuple[ArticleSummary, ...]:
        """Every article, newest first, with its claim, reviewed and conflict counts."""
        with self._read() as connection:
            return articles.summaries(connection)

    def rename_article(self, article_id: int, title: str) -> None:
        with self._write() as connection:
            articles.rename(connection, article_id, title, self._clock())

    def delete_article(self, article_id: int) -> None:
        """Delete an article with its sentences, claims, evidence, verdicts and history."""
        with self._write() as connection:
            articles.delete(connection, article_id)

    # --- analysis -------------------------------------------------------------------------

    def save_analysis(self, article_id: int, analysis: Analysis) -> SavedAnalysis:
        """Replace the article's sentences, claims and evidence in one transaction.

        Upserts ``analysis.documents``. Claims keep the ids they had, by sentence
        (``checks.claim_ids``), and so their verdicts; a claim that is gone has its verdict
        and note moved to the claim holding its text (one history entry each); new claims
        get ids the article never had and no verdict row (unreviewed). A citation follows
        its passage to its new rank; one whose passage is gone is dropped. Both the dropped
        citations and the moves are returned.
        """
        with self._write() as connection:
            return _analysis.save(connection, article_id, analysis, self._clock())

    def replace_claim_evidence(
        self,
        article_id: int,
        claim_id: str,
        evidence: Sequence[Evidence],
        *,
        documents: Sequence[Document] = (),
    ) -> tuple[DroppedCitation, ...]:
        """Replace one claim's evidence (after a reference was added for it), in one
        transaction; upserts ``documents``. Returns the citation dropped, if its passage
        is gone (``evidence.replace_evidence``: the one rule)."""
        with self._write() as connection:
            return _evidence.replace_for_claim(
                connection, article_id, claim_id, evidence, documents, self._clock()
            )

    def save_evidence(
        self,
        article_id: int,
        documents: Sequence[Document],
        evidence: Sequence[Evidence],
        lookups: Sequence[Lookup] = (),
    ) -> tuple[DroppedCitation, ...]:
        """Replace the evidence (and lookups) of every claim, keeping the claims as they are:
        "analyse again" of an article whose claims the reviewer edited. Returns the
        citations dropped because their passage is gone."""
        with self._write() as connection:
            return _evidence.replace_all(
                connection, article_id, documents, evidence, lookups, self._clock()
            )

    def lookups(self, article_id: int) -> tuple[Lookup, ...]:
        """The pages the sources looked up for the article's last analysis, and why."""
        with self._read() as connection:
            return _evidence.lookups(connection, article_id)

    def review(self, article_id: int) -> Review:
        """The article's claims in order, each with its sentence, evidence and verdict."""
        with self._lock, self._read() as connection:
            snapshot = _analysis.review(
                connection, article_id, last=self._reviews.pop(article_id, None)
            )
            self._reviews[article_id] = snapshot  # the newest last; the oldest goes
            while len(self._reviews) > REVIEWS_KEPT:
                del self._reviews[next(iter(self._reviews))]
            return snapshot.review

    # --- documents ------------------------------------------------------------------------

    def upsert_document(self, doc: Document) -> None:
        """Insert or update by ``doc.uid``; a removed document comes back to the list."""
        with self._write() as connection:
            _documents.upsert(connection, (doc,))

    def documents(self, *, source: SourceKind | None = None) -> tuple[Document, ...]:
        """Documents in the library (not removed), by source, title and uid; optionally of
        one source."""
        with self._read() as connection:
            return _documents.listed(connection, source)

    def document(self, uid: str) -> Document:
        """A stored document by uid, also one removed but still cited as evidence."""
        with self._read() as connection:
            return _documents.require(connection, uid)

    def cached_document(self, uid: str) -> Document | None:
        """A document by uid unless it is unknown or was removed from the list."""
        with self._read() as connection:
            return _documents.cached(connection, uid)

    def delete_document(self, uid: str) -> None:
        """Remove a document from the library: ``documents()`` no longer lists it.

        A document no evidence cites is deleted. A cited one stays, hidden, so the articles
        quoting it keep their evidence and its source; it is deleted once no evidence cites
        it (after re-analysis or deletion of those articles).
        """
        with self._write() as connection:
            _documents.remove(connection, uid, self._clock())

    # --- source cache ---------------------------------------------------------------------

    def cache_get(self, source: SourceKind, key: str) -> tuple[dict[str, Any], str] | None:
        """A cached answer of a source (JSON object) and when it was fetched, or None."""
        with self._read() as connection:
            return _documents.cache_get(connection, source, key)

    def cache_put(
        self, source: SourceKind, key: str, value: dict[str, Any], *, fetched_at: str
    ) -> None:
        """Save (or replace) a source's answer, e.g. where a title redirects, a search's hits."""
        with self._write() as connection:
            _documents.cache_put(connection, source, key, value, fetched_at)

    # --- verdicts -------------------------------------------------------------------------

    def set_verdict(
        self,
        article_id: int,
        claim_id: str,
        *,
        label: str | None = None,
        note: str | None = None,
        evidence_rank: int | Unset | None = UNSET,
        scale: Sequence[str] | None = None,
        receipt: Receipt | None = None,
    ) -> Verdict:
        """Change the given fields of a claim's verdict; returns the verdict now saved.

        ``label``/``note`` ``None`` and ``evidence_rank`` ``UNSET`` leave a field unchanged;
        ``evidence_rank=None`` clears the citation. ``scale`` defaults to
        ``config.verdict_scale()`` read at call time. Saving the same values again writes
        nothing (no history row). With ``receipt`` (a key press), the change is made only if
        the press has no receipt yet, and the receipt is saved with it.
        """
        labels = verdicts.scale_or_default(scale)
        with self._write() as connection:
            if receipt is not None and not keys.put(connection, receipt, self._clock()):
                return verdicts.current(connection, article_id, claim_id)
            return verdicts.set_one(
                connection, article_id, claim_id, label=label, note=note,
                evidence_rank=evidence_rank, scale=labels, now=self._clock(),
            )  # fmt: skip

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
        labels = verdicts.scale_or_default(scale)
        with self._write() as connection:
            return verdicts.set_many(
                connection, article_id, changes, scale=labels, now=self._clock()
            )

    def undoable(self, article_id: int) -> tuple[HistoryEntry, ...]:
        """The changes ``undo`` would revert now, newest first (empty: nothing to undo)."""
        with self._read() as connection:
            return verdicts.next_undo(connection, article_id)

    def undo(self, article_id: int, *, receipt: Receipt | None = None) -> tuple[HistoryEntry, ...]:
        """Revert the article's latest change not yet undone (a verdict, a passage marked
        not relevant, a claim edit); returns the entries written (empty when there is
        nothing to undo, or ``receipt``'s key press was applied before).

        The history stays append-only: an undo is a new entry restoring the claim's state
        before the undone one, with ``undoes`` naming it. Undo entries are never undone
        themselves, so pressing undo again reverts the change before (a stack, like an
        editor's undo). A bulk change (``set_verdicts``) is undone as a whole. Changes of
        claims that no longer exist are skipped.
        """
        with self._write() as connection:
            if receipt is not None and not keys.put(connection, receipt, self._clock()):
                return ()
            return verdicts.undo(connection, article_id, self._clock())

    def dismiss_evidence(
        self, article_id: int, claim_id: str, rank: int, *, receipt: Receipt | None = None
    ) -> HistoryEntry | None:
        """Mark the claim's evidence ``rank`` not relevant: it leaves the claim's evidence
        (also after analysing again), a citation of it is dropped, and the mark is a history
        entry that undo takes back. None when it was marked already (or ``receipt``'s key
        press was applied before)."""
        with self._write() as connection:
            now = self._clock()
            if receipt is not None and not keys.put(connection, receipt, now):
                return None
            verdict = verdicts.current(connection, article_id, claim_id)
            return dismissals.dismiss(connection, article_id, claim_id, rank, verdict, now)

    def key_receipt(self, tab: str, seq: int) -> Receipt | None:
        """The receipt of an applied key press, or None (``checks.keyqueue``)."""
        with self._read() as connection:
            return keys.get(connection, tab, seq)

    def save_key_receipt(self, receipt: Receipt) -> bool:
        """Save the receipt of a key press that changes nothing else (a move); False when
        it had one."""
        with self._write() as connection:
            return keys.put(connection, receipt, self._clock())

    def claim_labels(self, article_id: int) -> tuple[tuple[str, str, str], ...]:
        """(claim id, verdict label, kind) of the article's claims in order: what the key
        queue needs, without reading the whole review."""
        with self._read() as connection:
            return verdicts.labels_in_order(connection, article_id)

    def history(self, article_id: int, claim_id: str | None = None) -> tuple[HistoryEntry, ...]:
        """Verdict changes of the article (or of one claim), oldest first."""
        with self._read() as connection:
            return verdicts.history(connection, article_id, claim_id)

    def verdict_counts(
        self, article_id: int, *, scale: Sequence[str] | None = None
    ) -> dict[str, int]:
        """Claims per label: every scale label in scale order (zeros included), then any
        saved label no longer on the scale. Claims without a verdict count as unreviewed."""
        labels = verdicts.scale_or_default(scale)
        with self._read() as connection:
            return verdicts.counts(connection, article_id, labels)

    # --- claim edits ----------------------------------------------------------------------

    def claim_edits(self, article_id: int) -> tuple[ClaimEdit, ...]:
        """The reviewer's changes to the article's claims, oldest first."""
        with self._read() as connection:
            return claims.edits(connection, article_id)

    def new_claim_ids(self, article_id: int, count: int) -> tuple[str, ...]:
        """``count`` claim ids the article never had (``c34``, ``c35`` ...): an id of a
        deleted claim is never given again, so old history and exports stay unambiguous."""
        with self._read() as connection:
            return claims.new_ids(connection, article_id, count)

    def replace_claims(
        self,
        article_id: int,
        action: str,
        *,
        remove: Sequence[str] = (),
        write: Sequence[Claim] = (),
        after: str | None = None,
        evidence: Sequence[Evidence] = (),
    ) -> tuple[DroppedCitation, ...]:
        """One claim edit in one transaction: delete the ``remove`` claims (with their
        verdicts; history stays), insert or update the ``write`` claims with ``evidence``
        as their evidence (matched before the call: nothing is written when matching
        fails), and log it in ``claim_edits``. Returns the citations dropped because the
        new evidence no longer has their passage.

        Claims in ``write`` that are new are placed after the claim ``after`` (default: after
        the last claim of their sentence), in the given order; claims already there keep
        their place and their verdict. New ids must be ids the article never had
        (``new_claim_ids``). Untouched claims keep everything.
        """
        with self._write() as connection:
            now = self._clock()
            before = claim_undo.snapshot(connection, article_id, [*remove, *(c.id for c in write)])
            dropped = claims.replace(
                connection, article_id, action, remove=remove, write=write, after=after,
                found=evidence, now=now,
            )  # fmt: skip
            claim_undo.record(connection, article_id, before, now)
            return dropped

    # --- published fact-checks and the desk's memory (checks.store.factchecks) ------------

    def import_factchecks(self, parsed: Iterable[Parsed], *, name: str, kind: str) -> ImportReport:
        """Import the items of one feed in one transaction: a feed that breaks half-way
        (its iterator raises) leaves nothing behind."""
        with self._write() as connection:
            return _factchecks.add(connection, parsed, name=name, kind=kind, now=self._clock())

    def factchecks_by_id(self, ids: Sequence[int]) -> dict[int, FactCheck]:
        with self._read() as connection:
            return _factchecks.by_id(connection, ids)

    def factchecks(
        self, *, limit: int = 100, offset: int = 0, publisher: str = ""
    ) -> tuple[tuple[int, FactCheck], ...]:
        """Imported fact-checks, newest first (``publisher``'s only, if given)."""
        with self._read() as connection:
            return _factchecks.listed(connection, limit=limit, offset=offset, publisher=publisher)

    def factcheck_texts(self, *, after: int = 0) -> list[tuple[int, str, str]]:
        """``(id, claim, headline)`` of the fact-checks with an id above ``after``."""
        with self._read() as connection:
            return list(_factchecks.texts(connection, after=after))

    def factcheck_revision(self) -> str:
        """Changes whenever a fact-check is added or removed."""
        with self._read() as connection:
            return _factchecks.revision(connection)

    def factcheck_publishers(self) -> tuple[tuple[str, int], ...]:
        with self._read() as connection:
            return _factchecks.publishers(connection)

    def factcheck_imports(self) -> tuple[tuple[str, str, str, int, int, int], ...]:
        with self._read() as connection:
            return _factchecks.imports(connection)

    def desk_verdicts(self, *, exclude_article: int = 0) -> tuple[DeskVerdict, ...]:
        """Every claim with a verdict other than unreviewed and not checkable, in every
        article but ``exclude_article`` (0: every article). Kept in memory for the last
        few articles and read again only when a counter of migrations 0014 and 0016 moved
        for another article (a key of the review page changes only its own article)."""
        with self._lock, self._read() as connection:
            revision = _factchecks.desk_revision(connection, exclude_article)
            kept = self._desks.pop(exclude_article, None)
            records = kept[1] if kept and kept[0] == revision else None
            if records is None:
                records = _factchecks.desk(connection, exclude_article)
            self._desks[exclude_article] = (revision, records)
            while len(self._desks) > REVIEWS_KEPT:
                del self._desks[next(iter(self._desks))]
            return records

    def every_claim(self) -> tuple[DeskVerdict, ...]:
        """Every claim of every article with its verdict (or unreviewed) and note."""
        with self._read() as connection:
            return _factchecks.every_claim(connection)

    # --- the desk (every article) ---------------------------------------------------------

    def desk_verdict_counts(
        self, *, scale: Sequence[str] | None = None
    ) -> dict[int, dict[str, int]]:
        """Claims per label of every article with claims, by article id: every scale label
        in scale order (zeros included), then any saved label no longer on the scale."""
        labels = verdicts.scale_or_default(scale)
        with self._read() as connection:
            return desk.verdict_counts(connection, labels)

    def desk_history(self) -> tuple[HistoryEntry, ...]:
        """Every verdict change of every article, oldest first (one read, one snapshot)."""
        with self._read() as connection:
            return desk.history(connection)
