"""Claims -> ranked evidence passages: BM25 retrieval, then a rapidfuzz re-score.

1. **Retrieve.** BM25 (bm25s, Lucene variant, k1=1.5, b=0.5) over the passages' ``tokens``:
   web text normalised (``normalise``: links dropped, #hashtags split into words, accents
   folded), English stopwords removed, words stemmed (Snowball "english"), doubled letters
   squeezed (``variant``: "Zelenskyy" and "Zelensky" are one stem). With ``titles``, the
   words of a passage's document title are indexed with the passage (a weak extra field).
   Up to ``candidates`` passages (at least ``top``) with a BM25 score above zero go on; a
   passage that shares no word stem with the claim is never evidence, so a claim with
   nothing in common with the library gets no evidence at all.
2. **Re-score.** Each candidate gets ``score`` in [0, 1]::

       coverage = min(1, bm25(claim, passage) / bm25(claim, claim))
       score    = 0.95 * coverage + 0.05 * scorer(claim words, passage words) / 100

   ``bm25(claim, claim)`` is the claim scored against itself as if it were a passage of the
   library (the idf and mean length of the fields bm25s indexed, titles included), so
   ``coverage`` is 1 for a restatement and falls with every rare word of the claim that the
   passage lacks: a restatement scores 0.8-1, a related sentence on
   the same topic 0.3-0.6, one shared word about 0.1 (0.3 for a three-word claim).
   ``scorer`` (default rapidfuzz ``token_sort_ratio``) compares the stemmed content words
   (``processor=content_words``) and rewards passages that say the same words and little
   else. Its weight is small on purpose: measured on ../shared/eval, a weight of 0.05 improves
   MAP@5 over BM25 on both retrieval sets, 0.2 or more makes climate-fever worse.
3. **Rank.** By ``score``, then BM25, then library order, so ties break the same way every time.
   ``agreement`` is ``facts.agreement(claim.text, passage.text)``; it is shown, never ranked
   on (a conflict penalty in the score did not help on ../shared/eval: bench/RESULTS.md).

Every constant here was chosen on half of each shared retrieval set and checked on the other
half; bench/RESULTS.md has the numbers, including the ideas that did not help.

>>> from checks.model import Claim, ClaimKind, Passage
>>> texts = ["Putin offered a ceasefire on 14 June 2024.", "Kyiv is the capital of Ukraine."]
>>> library = [Passage("library:notes", 0, len(t), t) for t in texts]
>>> claim = Claim("c1", 0, "Putin offered a ceasefire in June 2024.", ClaimKind.FACTUAL, 0.9)
>>> [(e.rank, e.passage.text) for e in Matcher.build(library).match(claim)]
[(1, 'Putin offered a ceasefire on 14 June 2024.')]
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import bm25s
import Stemmer
from bm25s.stopwords import STOPWORDS_EN
from rapidfuzz import fuzz

from checks import facts, relevance
from checks.model import Agreement, Claim, Evidence, Passage
from checks.words import FUNCTION_WORDS

Scorer = Callable[..., float]
"""A rapidfuzz scorer: ``scorer(s1, s2, *, processor=..., score_cutoff=...) -> 0..100``."""

K1 = 1.5
B = 0.5
BM25_WEIGHT = 0.95
VERSION = "3"
"""Changes whenever ``tokens`` or the index layout changes: persisted indexes are rebuilt."""

MIN_IDF_PASSAGES = 5_000
"""The score's idf counts at least this many passages (never the retrieval's): a smaller
index is scored as if the missing passages held none of the claim's words. A word in 15 of
a small library's 86 passages is not a common word: the library is small and about it.
Unpadded, the demo library's own topic words (Putin, NATO, ceasefire) weighed little, so
its passages scored lower than in a large index (the demo's restatement of Putin's offer:
0.45 unpadded, 0.53 padded); padded, a score means about the same in both. Both shared
sets hold more than 5,000 passages, so their scores do not change (bench/RESULTS.md)."""
MIN_TOPICAL_EVIDENCE = 2
"""Shared topical stems a passage needs to be evidence (fewer if the claim has fewer)."""

_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_STOPWORDS = frozenset(STOPWORDS_EN)
_LINK = re.compile(
    r"(?i)(?:https?://|www\.|pic\.twitter\.com/)\S*"
    r"|\b(?:[a-z0-9-]+\.)+(?:com|org|net|gov|edu|co|ly|io|me|gl|uk)/\S*"
)
_HASHTAG = re.compile(r"(?<![\w&])#(\w+)")
_CASE_CHANGE = re.compile(
    r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])"
)
_DOUBLED = re.compile(r"(.)\1+")
_CALENDAR = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday today yesterday tomorrow year years month months week day days"
)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    return Stemmer.Stemmer("english")


def normalise(text: str) -> str:
    """Web text as words: HTML entities decoded, links dropped (``http...``, ``www...``,
    ``pic.twitter.com/...``, ``t.co/...``), a #hashtag split where its case changes, accents
    folded. Handles (@name) stay: the tokenizer reads them as a word.

    >>> normalise("Stop it! #DefundTheCBC https://t.co/CsHG8 pic.twitter.com/0eJ at Bürgenstock")
    'Stop it!  Defund The CBC      at Burgenstock'
    """
    text = _LINK.sub(" ", html.unescape(text))
    text = _HASHTAG.sub(lambda m: f" {_CASE_CHANGE.sub(' ', m.group(1))} ", text)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return text


@lru_cache(maxsize=262_144)
def variant(stem: str) -> str:
    """A stem with doubled letters squeezed and a final consonant + "y" read as "i" (Snowball
    turns "Zelensky" into "zelenski" but leaves "Zelenskyy" alone): transliterated names
    spelt two ways meet. Applied to every stem on both sides, so it never splits a word.

    >>> [variant(s) for s in ("zelenskyy", "zelenski", "zelenskiy", "bill", "committe")]
    ['zelenski', 'zelenski', 'zelenski', 'bil', 'comite']
    """
    squeezed = _DOUBLED.sub(r"\1", stem)
    if len(squeezed) > 2 and squeezed[-1] == "y" and squeezed[-2] not in "aeouy":
        squeezed = _DOUBLED.sub(r"\1", squeezed[:-1] + "i")
    return squeezed


def tokens(text: str) -> tuple[str, ...]:
    """Word stems of ``text`` as BM25 sees it: ``normalise``d, lower-cased, English stopwords
    removed, stemmed, ``variant``.

    >>> tokens("The ceasefire was offered by Putin in 2024")
    ('ceasefir', 'ofer', 'putin', '2024')
    >>> tokens("Zelenskyy #StandWithUkraine") == tokens("Zelensky stands with Ukraine")
    True
    """
    words = [w for w in _TOKEN.findall(normalise(text).lower()) if w not in _STOPWORDS]
    return tuple(variant(stem) for stem in _stemmer().stemWords(words))


@lru_cache(maxsize=1)
def function_stems() -> frozenset[str]:
    """The stems of ``checks.words.FUNCTION_WORDS`` as ``tokens`` makes them."""
    return frozenset(tokens(" ".join(sorted(FUNCTION_WORDS))))


@lru_cache(maxsize=1)
def _weak_stems() -> frozenset[str]:
    return frozenset(tokens(_CALENDAR)) | function_stems()


def topical(query: Collection[str], body: Collection[str]) -> frozenset[str]:
    """Stems that ``query`` and ``body`` share and that say what they are about: not a
    number, a month, a weekday or another calendar word, not a function word ("has",
    "from", "said": ``checks.words``). A passage that shares only a "28", a "March" or a
    "were" with a claim is not evidence for it.

    >>> sorted(topical(tokens("Prices rose in March 2024"), tokens("Crimea, March 2024")))
    []
    >>> sorted(topical(tokens("Putin offered a ceasefire"), tokens("Putin's ceasefire offer")))
    ['ceasefir', 'ofer', 'putin']
    >>> sorted(topical(tokens("Another 164 were injured, he said"), tokens("He said we were")))
    []
    """
    weak = _weak_stems()
    return frozenset(
        stem for stem in set(query) & set(body) if not stem.isdigit() and stem not in weak
    )


def content_words(text: str) -> str:
    """The processor for the rapidfuzz scorer: ``tokens`` joined by spaces.

    >>> content_words("Putin offered a ceasefire.")
    'putin ofer ceasefir'
    """
    return " ".join(tokens(text))


@dataclass(frozen=True)
class _Stats:
    """What BM25 needs to score a claim against itself as the index scores a passage:
    document frequencies, count and mean length of the fields bm25s indexed (a passage's
    stems with its document's title stems). Counting only the body here, while the index
    holds the titles, gave a title word a higher idf in the denominator than in the
    passage's own score: a restatement then scored 0.57 instead of 1."""

    df: Mapping[str, int]
    count: int
    avgdl: float
    _idf: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    def padded(self, passages: int) -> _Stats:
        """The same statistics with ``passages`` more passages that hold none of the words:
        every idf rises, the idf of a library's own topic words the most
        (``MIN_IDF_PASSAGES``)."""
        return replace(self, count=self.count + passages, _idf={})

    @classmethod
    def of(cls, fields: Sequence[Sequence[str]]) -> _Stats:
        """The statistics of the indexed ``fields`` (one stem sequence per passage)."""
        df = Counter(stem for field in fields for stem in set(field))
        count = max(1, len(fields))
        return cls(dict(df), count, max(1.0, sum(map(len, fields)) / count))

    def bm25(self, query: Sequence[str], body: Sequence[str]) -> float:
        """Lucene BM25 of ``query`` against ``body`` (bm25s's formula, k1=K1, b=B)."""
        counts = Counter(body)
        norm = K1 * (1 - B + B * len(body) / self.avgdl)
        total = 0.0
        for stem in query:
            tf = counts.get(stem, 0)
            if tf:
                total += self.idf(stem) * tf / (norm + tf)
        return total

    def idf(self, stem: str) -> float:
        """Lucene's idf of ``stem`` (remembered: a matcher asks for the same stems often)."""
        found = self._idf.get(stem)
        if found is None:
            df = self.df.get(stem, 0)
            found = self._idf[stem] = math.log(1 + (self.count - df + 0.5) / (df + 0.5))
        return found


@dataclass(frozen=True)
class Matcher:
    """A BM25 index over passages, built once, queried for many claims."""

    passages: Sequence[Passage]
    _index: Any = field(repr=False, compare=False)
    _bodies: Sequence[tuple[str, ...]] = field(repr=False, compare=False)
    _stats: _Stats = field(repr=False, compare=False)
    _scoring: _Stats = field(repr=False, compare=False)
    _titled: Mapping[str, tuple[str, ...]] = field(repr=False, compare=False, default_factory=dict)
    _fields: dict[int, frozenset[str]] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def build(
        cls, passages: Sequence[Passage], *, titles: Mapping[str, str] | None = None
    ) -> Matcher:
        """Index ``passages``; ``titles`` (document uid -> title) adds the words of a
        document's title to each of its passages for retrieval and ranking only."""
        bodies = tuple(tokens(p.text) for p in passages)
        titled = {uid: tokens(title) for uid, title in (titles or {}).items()}
        return cls.assemble(passages, bodies, titled)

    @classmethod
    def assemble(
        cls,
        passages: Sequence[Passage],
        bodies: Sequence[tuple[str, ...]],
        titled: Mapping[str, tuple[str, ...]],
        *,
        index: Any = None,
        df: Mapping[str, int] | None = None,
        total_stems: int | None = None,
    ) -> Matcher:
        """A matcher from ``tokens`` already computed: ``bodies[i]`` of ``passages[i]``,
        ``titled`` the title stems of each document uid. ``index`` is a bm25s index built
        over body + title stems (``checks.index`` loads it from disk); None builds it.

        ``df`` (how many passages hold each stem in the indexed field: body or title) and
        ``total_stems`` (the fields' summed length) may come precomputed with the index, and
        ``passages``/``bodies`` may be read-only sequences that make each item when asked
        (``checks.passage_table``): a library of a million passages is then neither counted
        nor copied here. Both must count the fields bm25s indexed, titles included, or a
        restatement scores less than 1 (``_Stats``)."""
        passages = tuple(passages) if isinstance(passages, list) else passages
        bodies = tuple(bodies) if isinstance(bodies, list) else bodies
        corpus: list[tuple[str, ...]] | None = None
        if df is None or total_stems is None:
            corpus = [
                (*body, *titled.get(p.document_key, ()))
                for body, p in zip(bodies, passages, strict=True)
            ]
            stats = _Stats.of(corpus)
        else:
            count = max(1, len(bodies))
            stats = _Stats(dict(df), count, max(1.0, total_stems / count))
        if not stats.df:
            return cls(passages, None, bodies, stats, stats)
        if index is None:
            index = bm25s.BM25(k1=K1, b=B)
            if corpus is None:
                corpus = [
                    (*body, *titled.get(p.document_key, ()))
                    for body, p in zip(bodies, passages, strict=True)
                ]
            index.index([list(field) for field in corpus], show_progress=False)
        scoring = stats.padded(max(0, MIN_IDF_PASSAGES - stats.count))
        return cls(passages, index, bodies, stats, scoring, dict(titled))

    @property
    def bm25_index(self) -> Any:
        """The bm25s index (None for a library without a single indexable word)."""
        return self._index

    @property
    def bodies(self) -> Sequence[tuple[str, ...]]:
        """``tokens`` of each passage, in passage order."""
        return self._bodies

    def match(
        self,
        claim: Claim,
        *,
        top: int = 3,
        candidates: int = 30,
        scorer: Scorer = fuzz.token_sort_ratio,
        processor: Callable[[str], str] = content_words,
    ) -> tuple[Evidence, ...]:
        """Up to ``top`` evidence passages for ``claim``, best first, ranks 1..n."""
        (found,) = self.match_many(
            [claim], top=top, candidates=candidates, scorer=scorer, processor=processor
        )
        return found

    def match_many(
        self,
        claims: Sequence[Claim],
        *,
        top: int = 3,
        candidates: int = 30,
        scorer: Scorer = fuzz.token_sort_ratio,
        processor: Callable[[str], str] = content_words,
    ) -> tuple[tuple[Evidence, ...], ...]:
        """``match`` for every claim, with one batched BM25 retrieval; one tuple per claim."""
        queries = [tokens(c.text) for c in claims]
        retrieved = self._retrieve(queries, candidates=max(candidates, top))
        return tuple(
            self._evidence(claim, query, hits, top=top, scorer=scorer, processor=processor)
            for claim, query, hits in zip(claims, queries, retrieved, strict=True)
        )

    def _retrieve(
        self, queries: Sequence[tuple[str, ...]], *, candidates: int
    ) -> list[list[tuple[int, float]]]:
        """``(passage index, bm25)`` of up to ``candidates`` passages per query, bm25 > 0."""
        if self._index is None or not queries or candidates < 1:
            return [[] for _ in queries]
        k = min(candidates, len(self.passages))
        ids, scores = self._index.retrieve([list(q) for q in queries], k=k, show_progress=False)
        return [
            [(int(i), float(s)) for i, s in zip(row_ids, row_scores, strict=True) if s > 0]
            for row_ids, row_scores in zip(ids, scores, strict=True)
        ]

    def scored_many(
        self,
        claims: Sequence[Claim],
        *,
        candidates: int = 30,
        scorer: Scorer = fuzz.token_sort_ratio,
        processor: Callable[[str], str] = content_words,
    ) -> tuple[tuple[tuple[int, float], ...], ...]:
        """``(passage index, score)`` of each claim's candidates that pass the topical gate,
        best first, before the cut to ``top`` and without facts: what ``match_many`` ranks.
        ``checks.semantic.search`` blends these scores with the semantic similarity."""
        queries = [tokens(c.text) for c in claims]
        retrieved = self._retrieve(queries, candidates=candidates)
        return tuple(
            tuple(self._ranked(claim, query, hits, scorer, processor))
            for claim, query, hits in zip(claims, queries, retrieved, strict=True)
        )

    def agreement_for(self, claim: Claim, index: int, *, score: float) -> Agreement:
        """The facts of passage ``index`` compared with ``claim`` under the rule ``match``
        follows (``relevance.compares_facts``: evidence sharing two topical stems)."""
        return self._agreement(claim.text, tokens(claim.text), index, score=score)

    def _ranked(
        self,
        claim: Claim,
        query: tuple[str, ...],
        hits: list[tuple[int, float]],
        scorer: Scorer,
        processor: Callable[[str], str],
    ) -> list[tuple[int, float]]:
        """``(passage index, score)`` of the candidates of one claim, ranked; passages that
        share no topical stem with the claim (see ``topical``) are dropped."""
        processed = processor(claim.text)
        stats = self._scoring
        best = stats.bm25(query, query)
        needed = min(MIN_TOPICAL_EVIDENCE, len(topical(query, query)))
        ranked = []
        for index, bm25 in hits:
            field = self._field_stems(index)
            if len(topical(query, field)) < needed:
                continue
            coverage = min(1.0, stats.bm25(query, field) / best) if best > 0 else 0.0
            fuzzy = scorer(processed, self._processed(index, processor)) / 100
            score = BM25_WEIGHT * coverage + (1 - BM25_WEIGHT) * fuzzy
            ranked.append((-round(score, 9), -bm25, index, score))
        ranked.sort()
        return [(index, score) for _, _, index, score in ranked]

    def _evidence(
        self,
        claim: Claim,
        query: tuple[str, ...],
        hits: list[tuple[int, float]],
        *,
        top: int,
        scorer: Scorer,
        processor: Callable[[str], str],
    ) -> tuple[Evidence, ...]:
        """Score, rank and cut the candidates of one claim (``_ranked``), facts compared."""
        ranked = self._ranked(claim, query, hits, scorer, processor)
        return tuple(
            Evidence(
                claim_id=claim.id,
                rank=rank,
                passage=self.passages[index],
                score=min(1.0, max(0.0, score)),
                agreement=self._agreement(claim.text, query, index, score=score),
            )
            for rank, (index, score) in enumerate(ranked[:top], start=1)
        )

    def _field_stems(self, index: int) -> tuple[str, ...]:
        """What bm25s indexed for passage ``index``: its stems, then its title's."""
        return (*self._bodies[index], *self._titled.get(self.passages[index].document_key, ()))

    def _field(self, index: int) -> frozenset[str]:
        """What the index holds for passage ``index``: its stems and its title's (made when
        first asked for, so loading a large index does not make 100,000 sets)."""
        found = self._fields.get(index)
        if found is None:
            title = self._titled.get(self.passages[index].document_key, ())
            found = self._fields[index] = frozenset((*self._bodies[index], *title))
        return found

    def _agreement(
        self, claim: str, query: tuple[str, ...], index: int, *, score: float
    ) -> Agreement:
        """Facts compared only when the passage is about the claim's topic: a date that
        differs in a passage on another subject is no conflict a reviewer should see."""
        if not relevance.compares_facts(score, topical(query, self._bodies[index])):
            return Agreement()
        return facts.agreement(claim, self.passages[index].text)

    def _processed(self, index: int, processor: Callable[[str], str]) -> str:
        """The passage's text through ``processor`` (precomputed for ``content_words``)."""
        if processor is content_words:
            return " ".join(self._bodies[index])
        return processor(self.passages[index].text)


def merge(
    groups: Sequence[Sequence[tuple[Evidence, ...]]], *, top: int = 3
) -> tuple[tuple[Evidence, ...], ...]:
    """Evidence of the same claims from several matchers (say the persisted library index and
    one built for the pages fetched for this article), merged by ``score``, ranks renumbered.

    ``score`` is comparable across matchers: coverage is the passage's BM25 over the claim's
    BM25 against itself, both with the idf of the passage's own index. Ties keep the order
    of ``groups``, then the rank within a group.
    """
    if not groups:
        return ()
    merged = []
    for per_claim in zip(*groups, strict=True):
        pooled = sorted(
            ((-e.score, g, e.rank, e) for g, found in enumerate(per_claim) for e in found),
            key=lambda item: item[:3],
        )
        merged.append(
            tuple(replace(e, rank=rank) for rank, (*_, e) in enumerate(pooled[:top], start=1))
        )
    return tuple(merged)


def match_claims(
    claims: Sequence[Claim],
    passages: Sequence[Passage],
    *,
    top: int = 3,
    titles: Mapping[str, str] | None = None,
) -> tuple[Evidence, ...]:
    """Evidence for every claim against ``passages``, building the index once; flat, in
    claim order then rank."""
    found = Matcher.build(passages, titles=titles).match_many(claims, top=top)
    return tuple(evidence for per_claim in found for evidence in per_claim)
