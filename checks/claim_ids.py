"""Claim ids across "analyse again": carried over by sentence, never given twice.

Ids name claims in verdicts, notes, history, exports and bookmarks (``?claim=c5``), so a new
analysis of an article must give each claim the id it had. ``carry_ids`` decides, from the
stored claims with their sentences and the new analysis, pure and in order:

1. a new claim whose sentence has the span and text of an old claim's sentence keeps that
   claim's id; then, among the rest, one with the same sentence text (in order) does;
2. an old claim left over is gone, and its verdict and note move (``Move``) to the new claim
   that now holds its text: the claim its dateline opens, for a dateline (a dateline is no
   claim any more, ``checks.datelines``), else the claim whose sentence overlaps its own
   most (sentences split differently); nothing a reviewer wrote is dropped;
3. every other new claim gets a fresh id: ``c<N+1>``, ``c<N+2>`` ... where N is the highest
   number the article ever used (``top``, which the store knows: claims, history, edits).

``moved_verdict`` says what the claim that receives a move keeps. A dateline's verdict was
given to the dateline matched with its sentence, which is what the opened claim is now: it
keeps its own verdict if it has one, else takes the dateline's. A verdict of a sentence split
differently is on other words: the label is not taken, only written down. Either way the
moved note (and label) is added to its note on a line naming where it came from, so the
reviewer sees it, and the store writes it as one history entry.

>>> from checks.model import Claim, ClaimKind, Sentence, SentenceRole
>>> def s(i, start, text, role=SentenceRole.BODY):
...     return Sentence(i, start, start + len(text), text, 0, role)
>>> def c(cid, i, text):
...     return Claim(cid, i, text, ClaimKind.FACTUAL, 0.5)
>>> old = [(c("c1", 0, "Title"), s(0, 0, "Title")),
...        (c("c2", 1, "Moscow, June 15, 2024"), s(1, 7, "Moscow, June 15, 2024")),
...        (c("c3", 2, "Putin spoke."), s(2, 31, "Putin spoke."))]
>>> new_sentences = [s(0, 0, "Title"), s(1, 7, "Moscow, June 15, 2024", SentenceRole.DATELINE),
...                  s(2, 31, "Putin spoke.")]
>>> new_claims = [c("c1", 0, "Title"), c("c2", 2, "Putin spoke.")]
>>> carried = carry_ids(old, new_claims, new_sentences, top=3)
>>> [claim.id for claim in carried.claims], carried.moves
(['c1', 'c3'], (Move(source='c2', target='c3', why='dateline', text='Moscow, June 15, 2024'),))
"""

from __future__ import annotations

import bisect
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from checks.model import Analysis, Claim, Lookup, Sentence, SentenceRole, Verdict

__all__ = ["Carried", "Move", "carry_ids", "moved_verdict", "rekey"]

DATELINE, OVERLAP = "dateline", "overlap"
Pair = tuple[Claim, Sentence]


@dataclass(frozen=True)
class Move:
    """An old claim that is gone; its verdict and note go to ``target``."""

    source: str
    target: str
    why: str  # DATELINE or OVERLAP
    text: str  # the gone claim's text, for the note


@dataclass(frozen=True)
class Carried:
    """The new claims with their ids, and what moves where."""

    claims: tuple[Claim, ...]
    moves: tuple[Move, ...] = ()

    def ids(self, analysed: Sequence[Claim]) -> dict[str, str]:
        """``{id in the analysis: id kept}`` for claims in the order they were analysed."""
        return {old.id: new.id for old, new in zip(analysed, self.claims, strict=True)}


def carry_ids(
    old: Sequence[Pair], new: Sequence[Claim], sentences: Sequence[Sentence], *, top: int
) -> Carried:
    """New claims (in order) with the ids the old claims had by sentence; see the module."""
    by_index = {sentence.index: sentence for sentence in sentences}
    new_pairs = [(claim, by_index[claim.sentence_index]) for claim in new]
    openers = {s.index + 1: s for s in sentences if s.role is SentenceRole.DATELINE}
    kept = _match(old, new_pairs, openers)
    ids: list[str] = []
    fresh = top
    for position in range(len(new_pairs)):
        if position in kept:
            ids.append(old[kept[position]][0].id)
        else:
            fresh += 1
            ids.append(f"c{fresh}")
    claims = tuple(replace(claim, id=claim_id) for claim, claim_id in zip(new, ids, strict=True))
    used = set(kept.values())
    targets = _Targets(claims, sentences)
    gone = [pair for at, pair in enumerate(old) if at not in used]
    moves = tuple(move for claim, sentence in gone if (move := targets.move(claim, sentence)))
    return Carried(claims, moves)


def _match(
    old: Sequence[Pair], new: Sequence[Pair], openers: dict[int, Sentence] | None = None
) -> dict[int, int]:
    """``{new position: old position}``: same span and text first, then same text (in
    order), then a claim whose dateline is now split off (``openers``: the dateline opening
    each sentence index): the old sentence ends where it ends and starts at its dateline or
    between it and the claim ("BANNING, Calif. (AP) - Southern ..." is "Southern ..." with
    its dateline, the same claim). Linear: dictionaries, never a scan per claim (an article
    has 40,000)."""
    kept: dict[int, int] = {}
    taken: set[int] = set()
    by_span = {(s.start, s.end, s.text): at for at, (_, s) in enumerate(old)}
    for position, (_, sentence) in enumerate(new):
        at = by_span.get((sentence.start, sentence.end, sentence.text))
        if at is not None and at not in taken:
            kept[position] = at
            taken.add(at)
    by_text: dict[str, deque[int]] = {}
    for at, (_, sentence) in enumerate(old):
        if at not in taken:
            by_text.setdefault(sentence.text, deque()).append(at)
    for position, (_, sentence) in enumerate(new):
        waiting = by_text.get(sentence.text)
        if position not in kept and waiting:
            kept[position] = waiting.popleft()
    used = set(kept.values())
    by_end = {s.end: at for at, (_, s) in enumerate(old) if at not in used}
    for position, (_, sentence) in enumerate(new):
        dateline = (openers or {}).get(sentence.index)
        at = by_end.get(sentence.end)
        if position in kept or dateline is None or at is None or at in used:
            continue
        if dateline.start <= old[at][1].start < sentence.start:
            kept[position] = at
            used.add(at)
    return kept


class _Targets:
    """Where the verdicts of gone claims go; built once (bisect on sentence starts), so a
    whole article segmented anew costs n log n, not n squared."""

    def __init__(self, claims: Sequence[Claim], sentences: Sequence[Sentence]) -> None:
        by_index = {s.index: s for s in sentences}
        self._claims = claims
        self._opened = {c.sentence_index: c for c in claims}
        self._datelines: dict[object, Sentence] = {}
        for s in sentences:
            if s.role is SentenceRole.DATELINE:
                self._datelines[(s.start, s.end, s.text)] = s
                self._datelines.setdefault(s.text, s)
        self._spans = sorted(
            (by_index[c.sentence_index].start, by_index[c.sentence_index].end, at)
            for at, c in enumerate(claims)
        )
        self._starts = [start for start, _, _ in self._spans]

    def move(self, claim: Claim, sentence: Sentence) -> Move | None:
        """The claim its dateline opens, else the claim whose sentence overlaps it most
        (the nearest one when none does); None when the article has no claim left."""
        key = (sentence.start, sentence.end, sentence.text)
        dateline = self._datelines.get(key) or self._datelines.get(sentence.text)
        if dateline is not None and (opened := self._opened.get(dateline.index + 1)):
            return Move(claim.id, opened.id, DATELINE, claim.text)
        if not self._spans:
            return None
        at = bisect.bisect_right(self._starts, sentence.start)
        end = at
        while end < len(self._spans) and self._spans[end][0] < sentence.end:
            end += 1
        near = self._spans[max(0, at - 1) : max(end, at + 1)]
        best = max(
            near,
            key=lambda span: (
                max(0, min(span[1], sentence.end) - max(span[0], sentence.start)),
                -abs(span[0] - sentence.start),
            ),
        )
        return Move(claim.id, self._claims[best[2]].id, OVERLAP, claim.text)


def rekey(analysis: Analysis, carried: Carried) -> Analysis:
    """The analysis with the carried ids on its claims, evidence and lookups."""
    ids = carried.ids(analysis.claims)
    evidence = tuple(replace(e, claim_id=ids[e.claim_id]) for e in analysis.evidence)
    lookups = tuple(_rekey_lookup(lookup, ids) for lookup in analysis.lookups)
    return replace(analysis, claims=carried.claims, evidence=evidence, lookups=lookups)


def _rekey_lookup(lookup: Lookup, ids: dict[str, str]) -> Lookup:
    return replace(
        lookup, claim_ids=tuple(ids.get(claim_id, claim_id) for claim_id in lookup.claim_ids)
    )


def moved_verdict(
    moves: Iterable[Move], verdicts: dict[str, Verdict], *, unreviewed: str
) -> dict[str, tuple[str, str]]:
    """``{target id: (label, note)}`` for targets whose verdict or note changes.

    The target keeps its own label when it has one, else takes a dateline's; each moved note
    (and label) is added to its note on a line of its own, naming the claim it comes from:

    >>> v = lambda cid, label, note: Verdict(cid, label, note, None, "")
    >>> moves = [Move("c2", "c3", DATELINE, "Moscow, June 15, 2024")]
    >>> moved = moved_verdict(moves, {"c2": v("c2", "mostly true", "Speech was on 14 June.")},
    ...                       unreviewed="unreviewed")
    >>> moved["c3"][0]
    'mostly true'
    >>> print(moved["c3"][1])
    From c2 (its dateline, “Moscow, June 15, 2024”), marked mostly true: Speech was on 14 June.
    """
    out: dict[str, tuple[str, str]] = {}
    for move in moves:
        source = verdicts.get(move.source)
        if source is None or (source.label == unreviewed and not source.note.strip()):
            continue
        target = verdicts.get(move.target)
        label, note = out.get(
            move.target, (target.label, target.note) if target else (unreviewed, "")
        )
        line = _note_line(move, source, unreviewed=unreviewed)
        takes = label == unreviewed and move.why == DATELINE
        out[move.target] = (
            source.label if takes else label,
            f"{note}\n\n{line}" if note.strip() else line,
        )
    return out


def _note_line(move: Move, source: Verdict, *, unreviewed: str) -> str:
    where = "its dateline" if move.why == DATELINE else "a sentence of the earlier analysis"
    head = f"From {move.source} ({where}, “{_short(move.text)}”)"
    marked = f", marked {source.label}" if source.label != unreviewed else ""
    body = f": {source.note.strip()}" if source.note.strip() else ""
    return f"{head}{marked}{body}." if not body else f"{head}{marked}{body}"


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
