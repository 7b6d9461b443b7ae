"""An article's analysis as a whole: save it (sentences, claims, evidence, lookups and the
documents they cite, replacing the last one) and read it back as a ``Review``.

Every function runs inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace

from checks import claim_ids, config, datelines
from checks.claim_ids import Move
from checks.errors import StoreError
from checks.model import Analysis, Article, Evidence, Review, ReviewRow, Verdict
from checks.store import articles, claims, dismissals, documents, evidence, verdicts
from checks.store.rows import SavedAnalysis


def check(analysis: Analysis) -> None:
    """Every claim points at a sentence, every evidence at a claim; ids are unique."""
    sentence_indexes = {s.index for s in analysis.sentences}
    claim_ids = [c.id for c in analysis.claims]
    if len(set(claim_ids)) != len(claim_ids):
        raise StoreError(f"analysis repeats a claim id: {claim_ids}")
    for claim in analysis.claims:
        if claim.sentence_index not in sentence_indexes:
            raise StoreError(f"claim {claim.id} points at missing sentence {claim.sentence_index}")
    known = set(claim_ids)  # a set: a 5 MB article has 40,000 claims and 90,000 evidence
    for item in analysis.evidence:
        if item.claim_id not in known:
            raise StoreError(f"evidence rank {item.rank} is for unknown claim {item.claim_id}")


def save(
    connection: sqlite3.Connection, article_id: int, analysis: Analysis, now: str
) -> SavedAnalysis:
    """Replace the article's sentences, claims, evidence and lookups; upsert the documents.

    The new claims get the ids the article's claims had, by sentence (``claim_ids``), so
    their verdicts stay; a claim that is gone (a dateline, now metadata) has its verdict and
    note moved to the claim that holds its text (one history entry each). Citations follow
    their passage or are dropped by the rule of ``evidence``. Returns the dropped citations
    and the moves that carried a verdict or a note.
    """
    check(analysis)
    articles.require(connection, article_id)
    analysis, moves = _carried(connection, article_id, analysis)
    before = verdicts.of_article(connection, article_id)
    documents.upsert(connection, analysis.documents)
    evidence.require_documents(connection, analysis.evidence)
    claims.delete_all(connection, article_id)  # cascades to claims and evidence
    connection.execute("DELETE FROM lookups WHERE article_id = ?", (article_id,))
    claims.insert(connection, article_id, analysis.sentences, analysis.claims)
    evidence.insert_lookups(connection, article_id, analysis.lookups)
    moved = _move_verdicts(connection, article_id, moves, before, now)
    verdicts.drop_of_gone_claims(connection, article_id)
    dropped = evidence.replace_evidence(connection, article_id, analysis.evidence, claim_ids=None)
    documents.purge_removed(connection)
    articles.touch(connection, article_id, now)
    return SavedAnalysis(dropped, moved)


def _carried(
    connection: sqlite3.Connection, article_id: int, analysis: Analysis
) -> tuple[Analysis, tuple[Move, ...]]:
    sentences = claims.sentences(connection, article_id)
    old = [
        (claim, sentences[claim.sentence_index])
        for claim in claims.in_order(connection, article_id)
    ]
    top = claims.top_number(connection, article_id)
    carried = claim_ids.carry_ids(old, analysis.claims, analysis.sentences, top=top)
    return claim_ids.rekey(analysis, carried), carried.moves


def _move_verdicts(
    connection: sqlite3.Connection,
    article_id: int,
    moves: tuple[Move, ...],
    before: dict[str, Verdict],
    now: str,
) -> tuple[Move, ...]:
    if not moves:
        return ()
    scale = verdicts.scale_or_default(None)
    unreviewed = config.UNREVIEWED
    changes = [
        (target, label if label in scale else None, note)  # a label the scale lost: in the note
        for target, (label, note) in claim_ids.moved_verdict(
            moves, before, unreviewed=unreviewed
        ).items()
    ]
    verdicts.set_many(connection, article_id, changes, scale=scale, now=now)
    targets = {target for target, _, _ in changes}
    return tuple(
        move
        for move in moves
        if move.target in targets
        and move.source in before
        and (before[move.source].label != unreviewed or before[move.source].note.strip())
    )


@dataclass(frozen=True)
class Snapshot:
    """A review as read, with the revision of its claims and evidence (migration 0014) and
    the evidence in order: what the next read reuses while the revision stays."""

    revision: tuple[int, str]
    review: Review
    found: tuple[Evidence, ...]


def revision(connection: sqlite3.Connection, article_id: int, created_at: str) -> tuple[int, str]:
    """The counter the triggers of migration 0014 bump on every write to the article's
    sentences, claims, evidence and marks, with the article's creation time (an id reused
    after a deletion, a database file put back from a copy)."""
    found = connection.execute(
        "SELECT revision FROM review_revisions WHERE article_id = ?", (article_id,)
    ).fetchone()
    return (int(found[0]) if found else 0, created_at)


def review(
    connection: sqlite3.Connection, article_id: int, *, last: Snapshot | None = None
) -> Snapshot:
    """The article's claims in order, each with its sentence, evidence and verdict.

    With ``last`` (the snapshot read before) and no write to the claims and evidence since,
    only the article and the verdicts are read again and the rows are reused, a row with a
    changed verdict replaced (an 8,000-claim article: 0.3-0.5 s a read, now a few ms).
    """
    article = articles.require(connection, article_id)
    now = revision(connection, article_id, article.created_at)
    saved = verdicts.of_article(connection, article_id)
    if last is None or last.revision != now or last.review.article.id != article_id:
        return _read_all(connection, article, now, saved)
    rows = tuple(_with_verdict(row, saved) for row in last.review.rows)
    documents = evidence.cited_documents(connection, article_id, last.found)
    return Snapshot(now, Review(article=article, rows=rows, documents=documents), last.found)


def _with_verdict(row: ReviewRow, saved: dict[str, Verdict]) -> ReviewRow:
    verdict = saved.get(row.claim.id) or verdicts.unreviewed(row.claim.id)
    return row if verdict == row.verdict else replace(row, verdict=verdict)


def _read_all(
    connection: sqlite3.Connection,
    article: Article,
    now: tuple[int, str],
    saved: dict[str, Verdict],
) -> Snapshot:
    article_id = article.id
    sentences = claims.sentences(connection, article_id)
    found = tuple(evidence.in_order(connection, article_id))
    marked = dismissals.of_article(connection, article_id)
    by_claim: dict[str, list[Evidence]] = {}
    out: dict[str, list[Evidence]] = {}
    for item in found:  # grouped once: linear in the evidence, not claims x evidence
        group = out if marked and dismissals.key(item) in marked else by_claim
        group.setdefault(item.claim_id, []).append(item)
    opened = datelines.opened_by(tuple(sentences.values()))
    rows = tuple(
        ReviewRow(
            sentence=sentences[claim.sentence_index],
            claim=claim,
            evidence=tuple(by_claim.get(claim.id, ())),
            verdict=saved.get(claim.id, verdicts.unreviewed(claim.id)),
            dateline=opened.get(claim.sentence_index),
            dismissed=tuple(out.get(claim.id, ())),
        )
        for claim in claims.in_order(connection, article_id)
    )
    review = Review(
        article=article,
        rows=rows,
        documents=evidence.cited_documents(connection, article_id, found),
    )
    return Snapshot(now, review, found)
