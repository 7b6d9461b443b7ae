"""Union scoring: the lexical matcher's candidates and the model's own, ranked by a blend.

For each claim:

1. the lexical matcher's top ``pool`` candidates that pass its topical gate, with their
   score (``Matcher.scored_many``: coverage and rapidfuzz, in [0, 1]);
2. the ``pool`` passages most similar to the claim by the model (cosine of unit vectors);
3. every passage of the union blended::

       blend = WEIGHT * lexical + (1 - WEIGHT) * max(0, similarity)

   with ``lexical`` 0 for a passage the lexical matcher did not propose, ranked by it (ties:
   the lexical score, then library order).

Re-ranking only the lexical top 50 gains little: the gate and the top 50 miss the gold
passage for a part of the claims, and the model finds it ("Putin offered a ceasefire" and
"the Russian president proposed a truce" share no word).

**The score a reviewer sees** is the blend put on the scale of the lexical score
(``calibrated``): a blend of ``EVIDENCE_BLEND`` becomes ``LEXICAL_FLOOR`` (the lowest score of
evidence) and ``STRONG_BLEND`` becomes ``LEXICAL_STRONG``, linearly in between and beyond,
so one floor and one "strong" mark mean the same for both methods. The order is the blend's.
Bands (``checks.relevance``) then apply unchanged: below the floor a passage is weak. A
passage the model alone proposed and below the floor is not even returned by
``match_many`` (it shares no topical word and is not close enough in meaning), as the
lexical gate leaves out passages without the claim's words.

``WEIGHT`` was chosen on half 1 of each shared retrieval set and checked on half 2;
``EVIDENCE_BLEND`` so that, on half 1, the tweets of checkthat2020-dev matched against the
climate-fever corpus get almost no evidence while the right top passages are kept, and
``STRONG_BLEND`` where top passages are mostly the right ones (bench/RESULTS.md). Facts are
compared as in ``checks.match`` (``relevance.compares_facts`` on the calibrated score).

What is embedded: the claim and ``"<document title>: <passage>"`` (a sentence out of its
article often names its subject only in the title), both through ``match.normalise``
(links dropped, hashtags split).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from checks import relevance
from checks.match import Matcher, normalise
from checks.model import Claim, Evidence, Passage
from checks.semantic.model import Embedder

WEIGHT = 0.4
"""The lexical score's share of the blend; the semantic similarity has the rest."""
POOL = 50
"""Candidates taken from each side per claim."""
EVIDENCE_BLEND = 0.36
"""The lowest blend of evidence: shown as ``LEXICAL_FLOOR``."""
STRONG_BLEND = 0.6
"""The lowest blend of a strong match: shown as ``LEXICAL_STRONG``."""
LEXICAL_FLOOR = relevance.FLOOR
"""The lowest score of evidence (``checks.relevance``, issue 10)."""
LEXICAL_STRONG = relevance.STRONG
"""The lowest score of a strong match (``checks.relevance``, issue 10)."""
BLOCK = 256
"""Claims compared with the passage matrix at once (bounds the similarity matrix's size)."""


def embedded_text(text: str, title: str = "") -> str:
    """What the model reads for a passage (or, without a title, for a claim).

    >>> embedded_text("It was signed in 1994.", "Budapest Memorandum")
    'Budapest Memorandum: It was signed in 1994.'
    >>> embedded_text("Read https://t.co/x1 #StandWithUkraine")
    'Read Stand With Ukraine'
    """
    return " ".join(normalise(f"{title}: {text}" if title else text).split())


def calibrated(blend: float) -> float:
    """The blend on the lexical score's scale: piecewise linear through (0, 0),
    (EVIDENCE_BLEND, LEXICAL_FLOOR), (STRONG_BLEND, LEXICAL_STRONG) and (1, 1).

    >>> [round(calibrated(b), 3) for b in (0.0, EVIDENCE_BLEND, STRONG_BLEND, 0.8, 1.0)]
    [0.0, 0.22, 0.35, 0.675, 1.0]
    """
    points = ((0.0, 0.0), (EVIDENCE_BLEND, LEXICAL_FLOOR), (STRONG_BLEND, LEXICAL_STRONG))
    for (x0, y0), (x1, y1) in zip(points, (*points[1:], (1.0, 1.0)), strict=True):
        if blend <= x1:
            return y0 + (y1 - y0) * (max(blend, x0) - x0) / (x1 - x0)
    return 1.0


def passage_texts(passages: Sequence[Passage], titles: Mapping[str, str]) -> list[str]:
    """``embedded_text`` of every passage, with its document's title."""
    return [embedded_text(p.text, titles.get(p.document_key, "")) for p in passages]


@dataclass(frozen=True)
class Scored:
    """One candidate of a claim: passage index, the blend and both of its parts, and the
    score shown (``calibrated`` blend)."""

    index: int
    blend: float
    lexical: float
    similarity: float

    @property
    def score(self) -> float:
        return calibrated(self.blend)

    @property
    def is_evidence(self) -> bool:
        """Strong or related (``checks.relevance``): a blend of ``EVIDENCE_BLEND`` or more."""
        return relevance.is_evidence(self.score)


@dataclass(frozen=True)
class SemanticMatcher:
    """A lexical ``Matcher`` with a vector per passage; ``match_many`` like the Matcher's."""

    lexical: Matcher
    vectors: np.ndarray = field(repr=False)
    embedder: Embedder = field(repr=False)
    weight: float = WEIGHT
    pool: int = POOL

    @property
    def passages(self) -> Sequence[Passage]:
        return self.lexical.passages

    @classmethod
    def build(
        cls, lexical: Matcher, titles: Mapping[str, str], embedder: Embedder
    ) -> SemanticMatcher:
        """Vectors computed now (kept in the embedder's memory): for the few pages fetched
        for one article. The library's come from ``checks.semantic.vectors``."""
        texts = passage_texts(lexical.passages, titles)
        return cls(lexical, embedder.embed_cached(texts), embedder)

    def scored_many(self, claims: Sequence[Claim]) -> list[list[Scored]]:
        """Every claim's union of candidates, scored and ranked, best first (evidence or
        not: see ``Scored.is_evidence``)."""
        lexical = self.lexical.scored_many(claims, candidates=self.pool)
        if not claims:
            return []
        queries = self.embedder.embed_cached([embedded_text(c.text) for c in claims])
        ranked: list[list[Scored]] = []
        for start in range(0, len(claims), BLOCK):
            block = queries[start : start + BLOCK] @ self.vectors.T if len(self.vectors) else None
            for offset, found in enumerate(lexical[start : start + BLOCK]):
                sims = block[offset] if block is not None else np.zeros(0, dtype=np.float32)
                ranked.append(self._union(dict(found), sims))
        return ranked

    def _union(self, lexical: dict[int, float], sims: np.ndarray) -> list[Scored]:
        candidates = set(lexical)
        if len(sims):
            take = min(self.pool, len(sims))
            candidates.update(int(i) for i in np.argpartition(-sims, take - 1)[:take])
        scored = []
        for index in candidates:
            lex = lexical.get(index, 0.0)
            sim = float(sims[index]) if len(sims) else 0.0
            blend = self.weight * lex + (1 - self.weight) * max(0.0, sim)
            scored.append(Scored(index, min(1.0, max(0.0, blend)), lex, sim))
        scored.sort(key=lambda s: (-round(s.blend, 9), -s.lexical, s.index))
        return scored

    def match_many(
        self, claims: Sequence[Claim], *, top: int = 3
    ) -> tuple[tuple[Evidence, ...], ...]:
        """Up to ``top`` passages per claim, best first, ranks 1..n, scores ``calibrated``:
        like ``Matcher.match_many``, weak passages included (``checks.relevance`` keeps
        them out of view and out of the counts), except those the model alone proposed
        below the floor, which share no topical word with the claim (the lexical gate
        leaves such passages out too)."""
        return tuple(
            tuple(
                Evidence(
                    claim_id=claim.id,
                    rank=rank,
                    passage=self.passages[item.index],
                    score=item.score,
                    agreement=self.lexical.agreement_for(claim, item.index, score=item.score),
                )
                for rank, item in enumerate(
                    [item for item in found if item.lexical > 0 or item.is_evidence][:top],
                    start=1,
                )
            )
            for claim, found in zip(claims, self.scored_many(claims), strict=True)
        )
