"""How relevant an evidence passage is, in words a reviewer can read: strong, related, weak.

The band is derived from ``Evidence.score`` (``checks.match``: the share of the claim's
BM25 weight the passage covers, with a little rapidfuzz), never stored:

- **strong** (score >= ``STRONG``): the passage says most of what the claim says;
- **related** (``FLOOR`` <= score < ``STRONG``): it is about the claim's subject and
  shares several of its specific words;
- **weak** (score < ``FLOOR``): it shares a word or two with the claim and little else.
  A weak passage is not evidence: it is not shown unless the reviewer asks for weaker
  matches, it does not count in "with evidence", and its facts are not compared with the
  claim's (a date that differs in a passage on another subject is no conflict).

Where the numbers come from: ``python -m bench.retrieval --offtopic`` on the shared sets
(../shared/eval/retrieval: tweets against fact-checked claims, climate claims against
Wikipedia sentences), tuned on half 1 of the queries and checked on half 2, each set's
queries also matched against the other set's corpus. On half 1 of checkthat the share of
right top passages kept (``kept_gold``) is the same, 0.905, for every floor from 0.195 to
0.22, while tweets shown evidence from the climate corpus (``offtopic_shown``) fall from
0.071 to 0.040: ``FLOOR`` is the top of that range. Half 2 and the full sets agree (kept
0.90, shown 0.041; climate-fever kept 0.96). News on an earthquake, an election and
quarterly earnings gets nothing above it against the demo library (its best score is 0.18);
the demo article keeps 20 of its 33 claims. At or above ``STRONG`` every checkthat query's
top passage was the right one (67 of 67). bench/RESULTS.md has the tables, DESIGN.md the
operating point and why; its "second look" has the band scores measured against this one
(passage-side coverage, names, word rarity, margins), none of which holds on unseen
pairings, and the known weakness: a short claim sharing two ordinary words or one name
("Prime Minister") with a passage can reach the floor.

>>> band(0.62), band(0.3), band(0.1)
(<Band.STRONG: 'strong'>, <Band.RELATED: 'related'>, <Band.WEAK: 'weak'>)
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from enum import Enum

from checks.model import Evidence

FLOOR = 0.22
"""The lowest score of a passage that is evidence (related); below it, weak."""
STRONG = 0.35
"""The lowest score of a strong passage."""
MIN_SHARED_FOR_CONFLICT = 2
"""Topical stems a passage's own text must share with the claim before facts are compared."""


class Band(str, Enum):
    """How relevant a passage is to its claim."""

    STRONG = "strong"
    RELATED = "related"
    WEAK = "weak"


def band(score: float) -> Band:
    """The band of a score in [0, 1]."""
    if score >= STRONG:
        return Band.STRONG
    if score >= FLOOR:
        return Band.RELATED
    return Band.WEAK


def is_evidence(score: float) -> bool:
    """True for a passage that is shown and counted as evidence (strong or related)."""
    return score >= FLOOR


def compares_facts(score: float, shared: Collection[str]) -> bool:
    """Whether the facts of a passage are compared with its claim's: only on evidence (a
    weak passage is about something near the claim, the war's escalation for a claim on
    its start, and a different date there is no contradiction) that shares at least
    ``MIN_SHARED_FOR_CONFLICT`` topical stems of its own text (``shared``; a claim of one
    word may find evidence through it, but one shared name is no ground for a conflict).

    >>> compares_facts(0.6, {"putin", "ceasefir"}), compares_facts(0.6, {"putin"})
    (True, False)
    >>> compares_facts(0.1, {"putin", "ceasefir"})
    False
    """
    return is_evidence(score) and len(shared) >= MIN_SHARED_FOR_CONFLICT


def shown(evidence: Iterable[Evidence], *, weak: bool = False) -> tuple[Evidence, ...]:
    """The passages a reviewer sees: those above the floor, or all of them with ``weak``
    (the "show weaker matches" switch). Order and ranks are kept."""
    return tuple(item for item in evidence if weak or is_evidence(item.score))


def has_evidence(evidence: Iterable[Evidence]) -> bool:
    """Whether any passage of a claim is evidence (what "with evidence" counts)."""
    return any(is_evidence(item.score) for item in evidence)


def claims_with_evidence(evidence: Iterable[Evidence]) -> int:
    """How many distinct claims have a passage above the floor."""
    return len({item.claim_id for item in evidence if is_evidence(item.score)})
