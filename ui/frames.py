"""The review table as a pandas frame: one row per claim, indexed by claim id (stable).

Its evidence columns describe the best passage above the relevance floor (``score`` and its
``band``); a claim with only weak matches shows "— no relevant evidence".

``#`` is the claim's place in the article (as in the focus panel's "#5 · ..."), so it stays
right after claims are split, merged or added."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from checks import relevance
from checks.factchecks.search import Match
from checks.model import Review, ReviewRow
from checks.review_rules import best_conflicts, best_evidence
from checks.untrusted import reveal_controls
from ui.html import link_url

COLUMNS = (  # the first seven fit 1280 px without scrolling sideways; the rest follow
    "#",
    "claim",
    "verdict",
    "note",
    "band",
    "conflicts",
    "evidence",
    "checked before",
    "score",
    "source",
    "link",
    "kind",
    "worth",
)
EDITABLE = ("verdict", "note")
SNIPPET = 220


def verdict_options(scale: Sequence[str]) -> list[str]:
    """The scale in the order the table's verdict cell offers it.

    When the reviewer types in the cell, its editor highlights the first option that
    contains the typed text, so "false" picked "mostly false" (listed before it). Here each
    label comes before every label that contains it, and otherwise the scale's order stays.

    >>> verdict_options(["unreviewed", "true", "mostly true", "half true", "mostly false",
    ...                  "false", "unproven", "not checkable"])  # doctest: +NORMALIZE_WHITESPACE
    ['unreviewed', 'true', 'mostly true', 'half true', 'false', 'mostly false', 'unproven',
     'not checkable']
    """
    ordered: list[str] = []
    for label in scale:
        containing = [i for i, other in enumerate(ordered) if label.lower() in other.lower()]
        ordered.insert(containing[0] if containing else len(ordered), label)
    return ordered


def snippet(text: str, limit: int = SNIPPET) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def checked_cell(matches: tuple[Match, ...]) -> str:
    """The best checked-before match in one cell: "Publisher: rating (0.83, strong)"."""
    if not matches:
        return ""
    best = matches[0]
    return reveal_controls(f"{best.publisher}: {best.rating} ({best.score:.2f}, {best.band})")


def _row(review: Review, row: ReviewRow, number: int) -> dict[str, object]:
    best = best_evidence(row)
    doc = review.document(best.passage.document_key) if best else None
    return {
        "#": number,
        "claim": reveal_controls(row.claim.text),
        "kind": row.claim.kind.value,
        "worth": round(row.claim.checkworthiness, 2),
        "evidence": (
            reveal_controls(snippet(best.passage.text)) if best else "— no relevant evidence"
        ),
        "source": reveal_controls(doc.title) if doc else "",
        "link": (link_url(doc.url) or "") if doc else "",  # http(s) only: never javascript:
        "score": round(best.score, 3) if best else None,
        "band": relevance.band(best.score).value if best else "",
        "conflicts": "; ".join(best_conflicts(row)),
        "verdict": row.verdict.label,
        "note": row.verdict.note,
    }


def review_frame(
    review: Review,
    *,
    rows: tuple[ReviewRow, ...] | None = None,
    checked: Mapping[str, tuple[Match, ...]] | None = None,
) -> pd.DataFrame:
    """The table the reviewer sees, for ``rows`` (default: every claim); ``checked`` fills
    the "checked before" column (the best match of each claim)."""
    chosen = review.rows if rows is None else rows
    numbers = {row.claim.id: number for number, row in enumerate(review.rows, start=1)}
    frame = pd.DataFrame(
        [_row(review, row, numbers[row.claim.id]) for row in chosen],
        columns=list(COLUMNS),
        index=pd.Index([row.claim.id for row in chosen], name="id"),
    )
    frame["checked before"] = [checked_cell((checked or {}).get(r.claim.id, ())) for r in chosen]
    frame["score"] = frame["score"].astype("float64")
    return frame
