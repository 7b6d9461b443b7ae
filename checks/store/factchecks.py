"""Published fact-checks (``factchecks``, ``factcheck_imports``; migration
``0012_factchecks``) and the desk's
memory (every claim with a verdict, read from ``claims``/``verdicts``/``evidence``).

Every function runs inside the caller's transaction (``Store`` opens it). An import is one
transaction: a feed that turns out broken half-way leaves nothing behind.

``factchecks.key`` is the identity of a fact-check (review address + claim, normalised:
``FactCheck.key``), so importing the same feed again adds nothing. ``revision`` changes
whenever a fact-check is added or removed; the persisted search index is keyed by it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Final

from checks import config
from checks.factchecks.records import (
    NEW,
    PRESENT,
    SKIPPED,
    FactCheck,
    ImportReport,
    ItemReport,
    Parsed,
)
from checks.factchecks.search import DeskVerdict

_INSERT: Final = """
INSERT INTO factchecks ("key", url, claim, rating, rating_value, best_rating, worst_rating,
    publisher, publisher_url, date, language, headline, claimant, claim_date, appearances,
    import_id, imported_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT ("key") DO NOTHING
"""
_COLUMNS: Final = (
    "id, url, claim, rating, rating_value, best_rating, worst_rating, publisher, "
    "publisher_url, date, language, headline, claimant, claim_date, appearances"
)
_DESK: Final = """
SELECT c.article_id, a.title, c.claim_id, c.text, v.label, v.note, v.updated_at,
    e.text AS evidence, coalesce(d.url, '') AS evidence_url
FROM verdicts v
JOIN claims c ON c.article_id = v.article_id AND c.claim_id = v.claim_id
JOIN articles a ON a.id = c.article_id
LEFT JOIN evidence e ON e.article_id = v.article_id AND e.claim_id = v.claim_id
    AND e.rank = v.evidence_rank
LEFT JOIN documents d ON d.uid = e.document_uid
WHERE lower(v.label) NOT IN (?, ?) AND v.article_id != ?
ORDER BY c.article_id, c.position
"""
_CLAIMS: Final = """
SELECT c.article_id, a.title, c.claim_id, c.text, coalesce(v.label, ?), coalesce(v.note, ''),
    coalesce(v.updated_at, a.created_at), e.text AS evidence, coalesce(d.url, '') AS evidence_url
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN verdicts v ON v.article_id = c.article_id AND v.claim_id = c.claim_id
LEFT JOIN evidence e ON e.article_id = v.article_id AND e.claim_id = v.claim_id
    AND e.rank = v.evidence_rank
LEFT JOIN documents d ON d.uid = e.document_uid
ORDER BY c.article_id, c.position
"""


BATCH: Final = 1_000


def add(
    connection: sqlite3.Connection, parsed: Iterable[Parsed], *, name: str, kind: str, now: str
) -> ImportReport:
    """Insert the fact-checks of ``parsed`` (new keys only) and record the import. Items go
    in batches: the keys already stored are looked up for a batch at once, the new ones
    inserted with one ``executemany``."""
    cursor = connection.execute(
        "INSERT INTO factcheck_imports (name, kind, imported_at, new, present, skipped) "
        "VALUES (?, ?, ?, 0, 0, 0)",
        (name, kind, now),
    )
    import_id = int(cursor.lastrowid or 0)
    seen: dict[str, int] = {}
    reports: list[ItemReport] = []
    batch: list[Parsed] = []
    for item in parsed:
        batch.append(item)
        if len(batch) >= BATCH:
            reports.extend(_add_batch(connection, batch, seen, import_id, now))
            batch = []
    reports.extend(_add_batch(connection, batch, seen, import_id, now))
    report = ImportReport(name, tuple(reports), kind)
    connection.execute(
        "UPDATE factcheck_imports SET new = ?, present = ?, skipped = ? WHERE id = ?",
        (report.new, report.present, report.skipped, import_id),
    )
    return report


def _stored(connection: sqlite3.Connection, keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = list(keys[start : start + 500])
        marks = ",".join("?" * len(chunk))
        rows = connection.execute(f'SELECT "key" FROM factchecks WHERE "key" IN ({marks})', chunk)
        found.update(str(row[0]) for row in rows)
    return found


def _add_batch(
    connection: sqlite3.Connection,
    batch: Sequence[Parsed],
    seen: dict[str, int],
    import_id: int,
    now: str,
) -> list[ItemReport]:
    keyed = [(item, item.factcheck.key if item.factcheck else "") for item in batch]
    stored = _stored(connection, [key for _, key in keyed if key])
    reports: list[ItemReport] = []
    rows: list[tuple[object, ...]] = []
    for item, key in keyed:
        check = item.factcheck
        if check is None:
            reports.append(ItemReport(item.number, item.where, SKIPPED, item.claim, item.notes))
        elif key in seen:
            note = f"same review url and claim as item {seen[key]} of this file"
            reports.append(
                ItemReport(item.number, item.where, PRESENT, check.claim, (note, *item.notes))
            )
        else:
            seen[key] = item.number
            outcome = PRESENT if key in stored else NEW
            if outcome == NEW:
                rows.append(_params(check, key, import_id, now))
            reports.append(ItemReport(item.number, item.where, outcome, check.claim, item.notes))
    connection.executemany(_INSERT, rows)
    return reports


def _params(check: FactCheck, key: str, import_id: int, now: str) -> tuple[object, ...]:
    return (
        key, check.url, check.claim, check.rating, check.rating_value, check.best_rating,
        check.worst_rating, check.publisher, check.publisher_url, check.date, check.language,
        check.headline, check.claimant, check.claim_date, json.dumps(list(check.appearances)),
        import_id, now,
    )  # fmt: skip


def _factcheck(row: sqlite3.Row | tuple[object, ...]) -> tuple[int, FactCheck]:
    (fid, url, claim, rating, value, best, worst, publisher, publisher_url, date, language,
     headline, claimant, claim_date, appearances) = tuple(row)  # fmt: skip
    return int(str(fid)), FactCheck(
        url=str(url),
        claim=str(claim),
        rating=str(rating),
        rating_value=None if value is None else float(str(value)),
        best_rating=None if best is None else float(str(best)),
        worst_rating=None if worst is None else float(str(worst)),
        publisher=str(publisher),
        publisher_url=str(publisher_url),
        date=str(date),
        language=str(language),
        headline=str(headline),
        claimant=str(claimant),
        claim_date=str(claim_date),
        appearances=tuple(str(u) for u in json.loads(str(appearances))),
    )


def by_id(connection: sqlite3.Connection, ids: Sequence[int]) -> dict[int, FactCheck]:
    """The fact-checks with these ids (missing ids are left out)."""
    found: dict[int, FactCheck] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        rows = connection.execute(
            f"SELECT {_COLUMNS} FROM factchecks WHERE id IN ({marks})", chunk
        ).fetchall()
        found.update(_factcheck(row) for row in rows)
    return found


def listed(
    connection: sqlite3.Connection, *, limit: int = 100, offset: int = 0, publisher: str = ""
) -> tuple[tuple[int, FactCheck], ...]:
    """Fact-checks newest first (by review date, then import), ``publisher`` only if given."""
    where, params = ("WHERE publisher = ?", [publisher]) if publisher else ("", [])
    rows = connection.execute(
        f"SELECT {_COLUMNS} FROM factchecks {where} ORDER BY date DESC, id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return tuple(_factcheck(row) for row in rows)


def texts(connection: sqlite3.Connection, *, after: int = 0) -> Iterator[tuple[int, str, str]]:
    """``(id, claim, headline)`` of the fact-checks with an id above ``after``, by id (what
    the search index is built from)."""
    cursor = connection.execute(
        "SELECT id, claim, headline FROM factchecks WHERE id > ? ORDER BY id", (after,)
    )
    for fid, claim, headline in cursor:
        yield int(fid), str(claim), str(headline)


def revision(connection: sqlite3.Connection) -> str:
    """Changes whenever a fact-check is added or removed: ``"<count>-<max id>"``."""
    count, top = connection.execute(
        "SELECT count(*), coalesce(max(id), 0) FROM factchecks"
    ).fetchone()
    return f"{int(count)}-{int(top)}"


def publishers(connection: sqlite3.Connection) -> tuple[tuple[str, int], ...]:
    """Each publisher with its number of fact-checks, most first."""
    rows = connection.execute(
        "SELECT publisher, count(*) FROM factchecks GROUP BY publisher ORDER BY 2 DESC, 1"
    ).fetchall()
    return tuple((str(name), int(n)) for name, n in rows)


def imports(connection: sqlite3.Connection) -> tuple[tuple[str, str, str, int, int, int], ...]:
    """Every import: name, kind, when, new, present, skipped; newest first."""
    rows = connection.execute(
        "SELECT name, kind, imported_at, new, present, skipped FROM factcheck_imports "
        "ORDER BY id DESC"
    ).fetchall()
    return tuple((str(a), str(b), str(c), int(d), int(e), int(f)) for a, b, c, d, e, f in rows)


def desk(connection: sqlite3.Connection, exclude: int = 0) -> tuple[DeskVerdict, ...]:
    """Every claim with a verdict other than unreviewed and not checkable, in every
    article but ``exclude`` (0: none), with its note, cited evidence and the verdict's
    date."""
    found = connection.execute(_DESK, (config.UNREVIEWED, config.NOT_CHECKABLE, exclude))
    return tuple(map(_desk_verdict, found.fetchall()))


_DESK_REVISION: Final = """
SELECT (SELECT coalesce(sum(revision), 0) FROM verdict_revisions WHERE article_id != ?1),
    (SELECT coalesce(sum(revision), 0) FROM review_revisions WHERE article_id != ?1)
"""


def desk_revision(connection: sqlite3.Connection, exclude: int = 0) -> tuple[int, int]:
    """Moves on every change to what ``desk(exclude)`` reads: the counters of migrations
    0014 and 0016 only grow (a deleted article's rows stay), so their sums over the other
    articles grow with any write to their verdicts, titles, claims or evidence (row 0 of
    verdict_revisions: a document's url)."""
    verdicts, claims = connection.execute(_DESK_REVISION, (exclude,)).fetchone()
    return int(verdicts), int(claims)


def every_claim(connection: sqlite3.Connection) -> tuple[DeskVerdict, ...]:
    """Every claim of every article with its verdict (``unreviewed`` if none), note and
    cited evidence; indexed with its note and label (the Search page)."""
    rows = connection.execute(_CLAIMS, (config.UNREVIEWED,)).fetchall()
    records = map(_desk_verdict, rows)
    return tuple(replace(r, searchable=f"{r.claim}\n{r.note}\n{r.label}".strip()) for r in records)


def _desk_verdict(row: sqlite3.Row) -> DeskVerdict:
    return DeskVerdict(
        article_id=int(row[0]),
        article_title=str(row[1]),
        claim_id=str(row[2]),
        claim=str(row[3]),
        label=str(row[4]),
        note=str(row[5]),
        date=str(row[6])[:10],
        evidence=str(row[7] or ""),
        evidence_url=str(row[8] or ""),
    )
