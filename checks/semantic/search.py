"""Union scoring: the lexical matcher's candidates and the model's own, ranked by a blend.

For each claim:

1. the lexical matcher's top ``pool`` candidates that pass its topical gate, with their
   score (``Matcher.scored_many``: coverage and rapidfuzz, in [0, 1]);
2. the ``pool`` passages most similar to the claim by the model (cosine of unit vectors),
   kept only with a similarity of ``SIMILARITY_FLOOR`` or more: a passage that shares no
   topical word with the claim must be close in meaning to be evidence at all;
3. every passage of the union scored::

       score = WEIGHT * lexical + (1 - WEIGHT) * max(0, similarity)

   with ``lexical`` 0 for a passage the lexical matcher did not propose. Ties break on the
   lexical score, then library order.

Re-ranking only the lexical top 50 gains little: the gate and the top 50 miss the gold
passage for a part of the claims, and the model finds it ("Putin offered a ceasefire" and
"the Russian president proposed a truce" share no word). ``WEIGHT``, ``POOL`` and
``SIMILARITY_FLOOR`` were chosen on half 1 of each shared retrieval set and checked on
half 2 (bench/RESULTS.md). Facts are compared as in ``checks.match``: only for a passage
on the claim's topic whose score is ``MIN_SCORE_FOR_CONFLICT`` or more.

What is embedded: the claim and ``"<document title>: <passage>"`` (a sentence out of its
article often names its subject only in the title), both through ``match.normalise``
(links dropped, hashtags split).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from checks.match import Matcher, normalise
from checks.model import Claim, Evidence, Passage
from checks.semantic.model import Embedder

WEIGHT = 0.45
"""The lexical score's share of the blend; the semantic similarity has the rest."""
POOL = 50
"""Candidates taken from each side per claim."""
SIMILARITY_FLOOR = 0.55
"""The cosine a passage proposed by the model alone needs to be evidence."""
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


def passage_texts(passages: Sequence[Passage], titles: Mapping[str, str]) -> list[str]:
    """``embedded_text`` of every passage, with its document's title."""
    return [embedded_text(p.text, titles.get(p.document_key, "")) for p in passages]


@dataclass(frozen=True)
class Scored:
    """One candidate of a claim: passage index, blended score and both of its parts."""

    index: int
    score: float
    lexical: float
    similarity: float


@dataclass(frozen=True)
class SemanticMatcher:
    """A lexical ``Matcher`` with a vector per passage; ``match_many`` like the Matcher's."""

    lexical: Matcher
    vectors: np.ndarray = field(repr=False)
    embedder: Embedder = field(repr=False)
    weight: float = WEIGHT
    pool: int = POOL
    floor: float = SIMILARITY_FLOOR

    @property
    def passages(self) -> tuple[Passage, ...]:
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
        """Every claim's union of candidates, scored and ranked, best first."""
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
            nearest = np.argpartition(-sims, take - 1)[:take]
            candidates.update(int(i) for i in nearest if sims[i] >= self.floor)
        scored = []
        for index in candidates:
            lex = lexical.get(index, 0.0)
            sim = float(sims[index]) if len(sims) else 0.0
            blend = self.weight * lex + (1 - self.weight) * max(0.0, sim)
            scored.append(Scored(index, min(1.0, max(0.0, blend)), lex, sim))
        scored.sort(key=lambda s: (-round(s.score, 9), -s.lexical, s.index))
        return scored

    def match_many(
        self, claims: Sequence[Claim], *, top: int = 3
    ) -> tuple[tuple[Evidence, ...], ...]:
        """Up to ``top`` evidence passages per claim, best first, ranks 1..n."""
        return tuple(
            tuple(
                Evidence(
                    claim_id=claim.id,
                    rank=rank,
                    passage=self.passages[item.index],
                    score=item.score,
                    agreement=self.lexical.agreement_for(claim, item.index, score=item.score),
                )
                for rank, item in enumerate(found[:top], start=1)
            )
            for claim, found in zip(claims, self.scored_many(claims), strict=True)
        )
