"""How close a checked-before match is, in the app's words (``checks.relevance``): strong,
related, weak; and the floor below which a match is dropped altogether.

The bands are the evidence bands of ``checks.relevance`` (the same score, the same cut
points): strong and related matches are shown; weak ones (below the relevance floor) only
with the focus panel's "Show weaker matches" switch, as for evidence. A checked-before
search keeps weak matches down to ``FLOOR`` (0.1), with their band, because the right
fact-check of a long text (a post, a quote that says much else) often scores there: on the
CheckThat! 2020 tweets a cut at 0.2 drops a tenth of the right answers (bench/RESULTS.md).
Below 0.1 a match is noise and is not returned at all.

>>> [band(s) for s in (0.95, 0.3, 0.15, 0.05)]
['strong', 'related', 'weak', '']
>>> shown(0.3, weak=False), shown(0.15, weak=False), shown(0.15, weak=True)
(True, False, True)
"""

from __future__ import annotations

from typing import Final

from checks import relevance

FLOOR: Final = 0.1


def band(score: float) -> str:
    """``strong``, ``related`` or ``weak`` (``checks.relevance``); ``""`` below ``FLOOR``."""
    return relevance.band(score).value if score >= FLOOR else ""


def shown(score: float, *, weak: bool) -> bool:
    """Whether a match is shown: strong and related always, weak ones with ``weak``."""
    return score >= FLOOR and (weak or relevance.is_evidence(score))
