"""The review table as a pandas frame: one row per claim, indexed by claim id (stable).

Its evidence columns describe the best passage above the relevance floor (``score`` and its
``band``); a claim with only weak matches shows "— no relevant evidence".

``#`` is the claim's place in the article (as in the focus panel's "#5 · ..."), so it stays
right after claims are split, merged or added."""

from __future__ import annotations

import pandas as pd

from checks import relevance
from checks.model import Review, ReviewRow
from checks.untrusted import reveal_controls
from ui.html import link_url

COLUMNS = (
    "#",
    "claim",
    "verdict",
    "note",
    "kind",
    "worth",
    "score",
    "band",
    "conflicts",
    "evidence",
    "source",
    "link",
)
EDITABLE = ("verdict", "note")
SNIPPET = 220


def snippet(text: str, limit: int = SNIPPET) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _row(review: Review, row: ReviewRow, number: int) -> dict[str, object]:
    shown = relevance.shown(row.evidence)  # weak matches are not evidence
    best = min(shown, key=lambda e: e.rank) if shown else None
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
        "conflicts": "; ".join(best.agreement.describe_conflicts()) if best else "",
        "verdict": row.verdict.label,
        "note": row.verdict.note,
    }


def review_frame(review: Review, *, rows: tuple[ReviewRow, ...] | None = None) -> pd.DataFrame:
    """The table the reviewer sees, for ``rows`` (default: every claim)."""
    chosen = review.rows if rows is None else rows
    numbers = {row.claim.id: number for number, row in enumerate(review.rows, start=1)}
    frame = pd.DataFrame(
        [_row(review, row, numbers[row.claim.id]) for row in chosen],
        columns=list(COLUMNS),
        index=pd.Index([row.claim.id for row in chosen], name="id"),
    )
    frame["score"] = frame["score"].astype("float64")
    return frame
