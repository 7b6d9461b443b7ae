"""How close a checked-before match is, in words: the one place that turns a score into a
band, and the floor below which a match is not shown at all.

The scores are the matcher's (``checks.match``): coverage of the new claim's rare words by
the earlier one, 1 for a restatement, 0.3-0.6 for a sentence on the same topic, about 0.1
for one shared word; and a match already shares two topical stems (the matcher's gate). The
cut points follow those ranges, not a benchmark: ``strong`` (0.6 and up) restates the claim,
``related`` (0.3 up to 0.6) is about the same thing, ``weak`` (0.1 up to 0.3) shares some
rare words, typically a long text (a post, a quote) that repeats a short fact-checked claim
among other words; below 0.1 a match is noise and is dropped. (A floor of 0.2 or 0.3 would
drop a fifth of the right answers for social-media posts: they carry many other words.)

>>> [band(s) for s in (0.95, 0.6, 0.4, 0.2, 0.05)]
['strong', 'strong', 'related', 'weak', '']
"""

from __future__ import annotations

from typing import Final

STRONG: Final = 0.6
RELATED: Final = 0.3
FLOOR: Final = 0.1


def band(score: float) -> str:
    """``strong``, ``related`` or ``weak``; ``""`` below the floor (not shown)."""
    if score >= STRONG:
        return "strong"
    if score >= RELATED:
        return "related"
    if score >= FLOOR:
        return "weak"
    return ""
