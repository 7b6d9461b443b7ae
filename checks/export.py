"""Export a reviewed article as CSV: one row per claim, ready for a spreadsheet.

(JSONL, ClaimReview and Markdown live in ``jsonl.py``, ``claimreview.py`` and ``report.py``;
``formats.py`` picks one; ``verdict_import.py`` reads this CSV back.) The last three columns
repeat the article's metadata on every row so a file stands on its own.

The CSV is UTF-8 with a byte-order mark (so spreadsheets show ’ “ ” and emoji correctly),
quoted by the csv module, with ``\\r\\n`` line endings. The ``evidence``, ``source_*``,
``score`` and ``conflicts`` columns describe the rank-1 evidence, ``evidence_2``/``_3`` the
next ranks; ``cited_evidence_rank`` says which rank the reviewer cited, if any. The
``dateline*`` columns give the dateline that opens the claim's sentence (its text, place,
date and agency) and, in ``dateline_conflicts``, the flags of the rank-1 evidence that are
about the dateline's date (they are in ``conflicts`` too).

Text cells that a spreadsheet would run as a formula (starting with ``= + - @``, a tab or a
carriage return) are prefixed with a single quote (OWASP "CSV injection" advice). Number
cells (ids, offsets, scores, ranks) are written as numbers and never prefixed; the engine
produces no negative numbers, and a negative number is not a formula anyway.

>>> neutralise("=SUM(1)"), neutralise("plain"), unneutralise("'=SUM(1)")
("'=SUM(1)", 'plain', '=SUM(1)')
"""

from __future__ import annotations

import csv
import io
from typing import Final

from checks import datelines, relevance
from checks.factchecks.exports import CSV_COLUMNS as FACTCHECK_COLUMNS
from checks.factchecks.exports import Checked, csv_cells
from checks.model import Evidence, Review, ReviewRow

CSV_COLUMNS: Final[tuple[str, ...]] = (
    "article_id",
    "article_title",
    "claim_id",
    "sentence_index",
    "start",
    "end",
    "claim",
    "kind",
    "checkworthiness",
    "verdict",
    "note",
    "cited_evidence_rank",
    "evidence",
    "source_title",
    "source_url",
    "score",
    "band",
    "conflicts",
    "evidence_2",
    "source_2_url",
    "evidence_3",
    "source_3_url",
    "updated_at",
    "article_url",
    "article_author",
    "article_published",
    "dateline",
    "dateline_place",
    "dateline_date",
    "dateline_agency",
    "dateline_conflicts",
    *FACTCHECK_COLUMNS,
)

FORMULA_TRIGGERS: Final[tuple[str, ...]] = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float


def _needs_prefix(cell: str) -> bool:
    """True when the cell, after any leading quotes, starts with a formula trigger.

    Leading quotes count so that ``unneutralise`` is an exact inverse: ``'=x`` written by a
    person becomes ``''=x`` and reads back as ``'=x``.
    """
    return cell.lstrip("'")[:1] in FORMULA_TRIGGERS


def neutralise(cell: str) -> str:
    """Prefix ``'`` to text a spreadsheet would treat as a formula."""
    return "'" + cell if _needs_prefix(cell) else cell


def unneutralise(cell: str) -> str:
    """The inverse of ``neutralise``: ``unneutralise(neutralise(s)) == s`` for every ``s``."""
    return cell[1:] if cell.startswith("'") and _needs_prefix(cell[1:]) else cell


def _evidence_cells(review: Review, evidence: Evidence | None) -> tuple[str, str]:
    """Passage text and source url of one evidence, or two empty cells."""
    if evidence is None:
        return "", ""
    doc = review.document(evidence.passage.document_key)
    return neutralise(evidence.passage.text), neutralise(doc.url if doc else "")


def _best_cells(review: Review, best: Evidence | None) -> tuple[Cell, ...]:
    """evidence, source_title, source_url, score, band, conflicts of the rank-1 evidence."""
    if best is None:
        return "", "", "", "", "", ""
    doc = review.document(best.passage.document_key)
    return (
        neutralise(best.passage.text),
        neutralise(doc.title if doc else ""),
        neutralise(doc.url if doc else ""),
        round(best.score, 3),
        relevance.band(best.score).value,
        neutralise("; ".join(best.agreement.describe_conflicts())),
    )


def csv_row(review: Review, row: ReviewRow, checked: Checked | None = None) -> tuple[Cell, ...]:
    """One claim's cells, in ``CSV_COLUMNS`` order, neutralised."""
    ranked = sorted(relevance.shown(row.evidence), key=lambda e: e.rank)
    nth = [ranked[i] if i < len(ranked) else None for i in range(3)]
    verdict = row.verdict
    cited: Cell = "" if verdict.evidence_rank is None else verdict.evidence_rank
    return (
        review.article.id,
        neutralise(review.article.title),
        neutralise(row.claim.id),
        row.sentence.index,
        row.sentence.start,
        row.sentence.end,
        neutralise(row.claim.text),
        neutralise(row.claim.kind.value),
        round(row.claim.checkworthiness, 3),
        neutralise(verdict.label),
        neutralise(verdict.note),
        cited,
        *_best_cells(review, nth[0]),
        *_evidence_cells(review, nth[1]),
        *_evidence_cells(review, nth[2]),
        neutralise(verdict.updated_at),
        neutralise(review.article.url),
        neutralise(review.article.author),
        neutralise(review.article.published),
        *_dateline_cells(row, nth[0]),
        *(neutralise(c) if isinstance(c, str) else c for c in csv_cells(checked, row.claim.id)),
    )


def _dateline_cells(row: ReviewRow, best: Evidence | None) -> tuple[str, ...]:
    """dateline, dateline_place, dateline_date, dateline_agency, dateline_conflicts."""
    if row.dateline is None:
        return "", "", "", "", ""
    found = datelines.parse(row.dateline.text)
    flags = datelines.dateline_conflicts(best.agreement, found.text) if best else ()
    place = ", ".join(part for part in (found.place, found.region) if part)
    return tuple(
        neutralise(cell) for cell in (found.text, place, found.date, found.agency, "; ".join(flags))
    )


def to_csv(review: Review, *, checked: Checked | None = None) -> bytes:
    """The review as CSV bytes: BOM, header ``CSV_COLUMNS``, one row per claim in order."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(review, row, checked) for row in review.rows)
    return buffer.getvalue().encode("utf-8-sig")
