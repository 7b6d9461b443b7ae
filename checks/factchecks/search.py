"""Has this been checked before? Claims matched against published fact-checks and the
desk's own verdicts, with the app's matcher (``checks.match``).

Two indexes, one ranking: the fact-checks (persisted, ``checks.factchecks.index``; the
claim as the passage, the fact-check's headline as its title field) and the desk's memory
(every claim with a verdict other than unreviewed and not checkable, built on the fly: it
is small and changes with every verdict). Their scores compare (coverage is a ratio within
each index), so they are merged by score (``checks.match.merge``), cut at the floor and
banded (``checks.factchecks.bands``). The desk's own verdicts on the same article are left
out: "checked before" means in another article.

>>> from checks.factchecks.records import FactCheck
>>> checks = {1: FactCheck(url="https://c.example/1", claim="Sweden joined NATO in March 2024.",
...                        rating="True", publisher="C", date="2024-03-08")}
>>> searcher = Searcher.build(checks)
>>> [(m.kind, m.rating, m.band) for m in searcher.search("Sweden joined NATO in 2024")]
[('factcheck', 'True', 'strong')]
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from checks.factchecks.bands import FLOOR, band
from checks.factchecks.records import FactCheck
from checks.match import Matcher, merge
from checks.model import Claim, ClaimKind, Evidence, Passage

FACTCHECK = "factcheck"
VERDICT = "verdict"
DESK = "this desk"
"""The publisher named for the desk's own verdicts."""

Fetch = Callable[[Sequence[int]], Mapping[int, FactCheck]]
"""Fact-checks by id (the store's ``factchecks_by_id``, or a dict's ``get`` in tests)."""


@dataclass(frozen=True)
class DeskVerdict:
    """A claim of an earlier article with the desk's verdict on it."""

    article_id: int
    article_title: str
    claim_id: str
    claim: str
    label: str
    note: str = ""
    date: str = ""
    evidence: str = ""
    evidence_url: str = ""
    searchable: str = ""
    """What is indexed, when not the claim alone (the Search page adds note and label)."""

    @property
    def ref(self) -> str:
        return f"verdict:{self.article_id}:{self.claim_id}"


@dataclass(frozen=True)
class Match:
    """One checked-before match of a claim, best first in its list.

    ``rating`` is the fact-checker's rating or the desk's verdict label; ``url`` the
    fact-check's address (``""`` for the desk's verdicts, which name ``article_id`` and
    ``claim_id``); ``band`` says how close (``checks.factchecks.bands``); ``conflicts``
    are numbers or dates that differ between the two claims (``checks.facts``).
    """

    kind: str
    ref: str
    claim: str
    rating: str
    publisher: str
    date: str
    url: str
    score: float
    band: str
    conflicts: tuple[str, ...] = ()
    article_id: int | None = None
    claim_id: str = ""
    article_title: str = ""
    note: str = ""
    evidence: str = ""
    evidence_url: str = ""
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    language: str = ""
    headline: str = ""
    claimant: str = ""

    def to_json(self) -> dict[str, Any]:
        """The match as a JSON object (the CLI's ``search --json``, the JSONL export)."""
        out = asdict(self)
        out["score"] = round(self.score, 4)
        out["conflicts"] = list(self.conflicts)
        return out


def _claim(text: str, number: int = 0) -> Claim:
    return Claim(f"q{number}", 0, text, ClaimKind.FACTUAL, 1.0)


@dataclass(frozen=True)
class Searcher:
    """The fact-check matcher with a way to fetch fact-checks, and the desk's verdicts."""

    factchecks: tuple[Matcher, ...]
    """The fact-check index: one matcher, or a saved one and a small one over the
    fact-checks imported since (``checks.factchecks.index``)."""
    fetch: Fetch
    desk: tuple[DeskVerdict, ...] = ()
    _desk_matcher: Matcher | None = field(default=None, repr=False, compare=False)

    @classmethod
    def build(
        cls,
        factchecks: Mapping[int, FactCheck],
        desk: Iterable[DeskVerdict] = (),
    ) -> Searcher:
        """A searcher over fact-checks held in memory (tests, small sets)."""
        ids = list(factchecks)
        passages = [passage(i, factchecks[i].claim) for i in ids]
        titles = {f"{FACTCHECK}:{i}": factchecks[i].headline for i in ids}
        matchers = (Matcher.build(passages, titles=titles),) if passages else ()
        return cls.over(matchers, lambda wanted: {i: factchecks[i] for i in wanted}, desk)

    @classmethod
    def over(
        cls, matchers: Sequence[Matcher], fetch: Fetch, desk: Iterable[DeskVerdict]
    ) -> Searcher:
        """A searcher over prepared fact-check matchers and the desk's verdicts."""
        records = tuple(desk)
        desk_matcher = desk_index(records)
        return cls(tuple(matchers), fetch, records, desk_matcher)

    def search(
        self, text: str, *, top: int = 3, exclude_article: int | None = None
    ) -> tuple[Match, ...]:
        """Up to ``top`` matches of ``text``, best first, none below the floor."""
        (found,) = self.search_many([text], top=top, exclude_article=exclude_article)
        return found

    def search_many(
        self,
        texts: Sequence[str],
        *,
        top: int = 3,
        exclude_article: int | None = None,
    ) -> tuple[tuple[Match, ...], ...]:
        """``search`` for every text, one batched retrieval per index."""
        claims = [_claim(text, n) for n, text in enumerate(texts)]
        if not claims:
            return ()
        groups: list[tuple[tuple[Evidence, ...], ...]] = []
        for matcher in self.factchecks:
            groups.append(matcher.match_many(claims, top=top))
        if self._desk_matcher is not None:
            skip = {d.ref for d in self.desk if d.article_id == exclude_article}
            found = self._desk_matcher.match_many(claims, top=top + len(skip))
            groups.append(
                tuple(tuple(e for e in row if e.passage.document_key not in skip) for row in found)
            )
        if not groups:
            return tuple(() for _ in claims)
        merged = merge(groups, top=top)
        return self._resolve(merged)

    def _resolve(self, merged: Sequence[tuple[Evidence, ...]]) -> tuple[tuple[Match, ...], ...]:
        kept = [tuple(e for e in row if band(e.score)) for row in merged]
        wanted = sorted({fid for row in kept for e in row if (fid := factcheck_id(e)) is not None})
        fetched = self.fetch(wanted) if wanted else {}
        desk = {d.ref: d for d in self.desk}
        out = []
        for row in kept:
            matches = []
            for evidence in row:
                fid = factcheck_id(evidence)
                if fid is not None and fid in fetched:
                    matches.append(from_factcheck(fid, fetched[fid], evidence))
                elif evidence.passage.document_key in desk:
                    matches.append(from_desk(desk[evidence.passage.document_key], evidence))
            out.append(tuple(matches))
        return tuple(out)


def passage(factcheck_id: int, claim: str) -> Passage:
    """The passage a fact-check is indexed as: its claim, keyed ``factcheck:<id>``."""
    return Passage(f"{FACTCHECK}:{factcheck_id}", 0, len(claim), claim)


def factcheck_id(evidence: Evidence) -> int | None:
    kind, _, rest = evidence.passage.document_key.partition(":")
    return int(rest) if kind == FACTCHECK and rest.isdigit() else None


def desk_index(records: Sequence[DeskVerdict]) -> Matcher | None:
    """A matcher over the desk's verdicts (cached by their content: a rerun with the same
    verdicts builds nothing)."""
    if not records:
        return None
    digest = hashlib.sha256()
    for record in records:
        digest.update(f"{record.ref}\x00{record.searchable or record.claim}\x01".encode())
    key = digest.hexdigest()
    cached = _DESK_CACHE.get(key)
    if cached is None:
        passages = [Passage(r.ref, 0, len(r.claim), r.searchable or r.claim) for r in records]
        cached = Matcher.build(passages)
        _DESK_CACHE.clear()
        _DESK_CACHE[key] = cached
    return cached


_DESK_CACHE: dict[str, Matcher] = {}


def from_factcheck(fid: int, check: FactCheck, evidence: Evidence) -> Match:
    return Match(
        kind=FACTCHECK,
        ref=f"{FACTCHECK}:{fid}",
        claim=check.claim,
        rating=check.rating,
        publisher=check.publisher,
        date=check.date,
        url=check.url,
        score=evidence.score,
        band=band(evidence.score),
        conflicts=evidence.agreement.describe_conflicts(),
        rating_value=check.rating_value,
        best_rating=check.best_rating,
        worst_rating=check.worst_rating,
        language=check.language,
        headline=check.headline,
        claimant=check.claimant,
    )


def from_desk(record: DeskVerdict, evidence: Evidence) -> Match:
    return Match(
        kind=VERDICT,
        ref=record.ref,
        claim=record.claim,
        rating=record.label,
        publisher=DESK,
        date=record.date,
        url="",
        score=evidence.score,
        band=band(evidence.score),
        conflicts=evidence.agreement.describe_conflicts(),
        article_id=record.article_id,
        claim_id=record.claim_id,
        article_title=record.article_title,
        note=record.note,
        evidence=record.evidence,
        evidence_url=record.evidence_url,
    )


__all__ = ["DESK", "FLOOR", "DeskVerdict", "Match", "Searcher", "band"]
