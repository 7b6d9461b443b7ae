"""Checked-before matches in the exports: the CSV's three columns (the best match above the
relevance floor: its url, rating and score), the JSONL's full list (weak ones too, with
their band), the Markdown report's section naming the matches above the floor.

Text from feeds is untrusted: CSV cells are neutralised by the CSV writer's caller, the
report escapes everything (``checks.report.inline``) and links only http(s) addresses.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from checks import relevance
from checks.factchecks.search import FACTCHECK, Match
from checks.model import Review

CSV_COLUMNS: Final = ("checked_before_url", "checked_before_rating", "checked_before_score")
Checked = Mapping[str, tuple[Match, ...]]


def csv_cells(checked: Checked | None, claim_id: str) -> tuple[str, str, float | str]:
    """url, rating and score of the claim's best match (empty cells when none)."""
    matches = [m for m in (checked or {}).get(claim_id, ()) if relevance.is_evidence(m.score)]
    if not matches:
        return "", "", ""
    best = matches[0]
    where = best.url or f"article {best.article_id} claim {best.claim_id}"
    return where, f"{best.publisher}: {best.rating}", round(best.score, 3)


def jsonl_list(checked: Checked | None, claim_id: str) -> list[dict[str, Any]]:
    return [m.to_json() for m in (checked or {}).get(claim_id, ())]


def markdown_section(review: Review, checked: Checked | None) -> str:
    """``## Checked before``: each claim with matches, and who checked it, when, where."""
    from checks.report import inline, link

    lines = []
    for row in review.rows:
        for match in (checked or {}).get(row.claim.id, ()):
            if not relevance.is_evidence(match.score):
                continue
            if match.kind == FACTCHECK:
                who = link(match.publisher or "a fact-checker", match.url)
            else:
                who = inline(f"this desk, article {match.article_id} claim {match.claim_id}")
            lines.append(
                f"- **{row.claim.id}** {who}, {inline(match.date or 'undated')}: "
                f"“{inline(match.rating)}” on “{inline(match.claim)}” "
                f"(score {match.score:.2f}, {match.band})"
            )
    return "\n".join(lines) or "No claim of this article was checked before."
