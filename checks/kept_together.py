"""Where pysbd will not cut a run of text, found in time linear in its length.

pysbd keeps together what lies between quotes, brackets and double dashes, and takes a
quoted or bracketed sentence whole when one opens a sentence. Its regular expressions for
that (``BetweenPunctuation``, ``SENTENCE_BOUNDARY_REGEX``, ``PARENS_BETWEEN_DOUBLE_QUOTES``,
``WORD_WITH_LEADING_APOSTROPHE``) scan to the end of the text for every opening mark without
a closing one, so 300 KB of ". (" take seconds to minutes. Here each opening mark finds its
closing mark by bisection in a list of positions made once. The spans cover at least what
pysbd's rules cover (tests/test_kept_together.py compares them on generated text); where a
backslash could change how pysbd pairs quotes, the pairs are taken wider.

>>> text = 'He said "no. Never." Then (in June. Or so) it ended.'
>>> [text[s:e] for s, e in spans(text)]
['"no. Never."', '(in June. Or so)']
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right

Span = tuple[int, int]

_MARKS = re.compile(r"['‘\"“«(\[（「-]")
_SENTENCE_END = set(".!?。．！？'\"”)）」")
_OPENERS = "'‘\"“«([（「"
_CLOSER = {"'": "'", "‘": "’", '"': '"', "“": "”", "«": "»", "(": ")", "[": "]", "（": "）"}
_CLOSER["「"] = "」"
# (opening, closing, marks that stop the content): pysbd's BetweenPunctuation pairs
_PAIRS = (('"', '"', ""), ("“", "”", ""), ("«", "»", ""), ("[", "]", ""), ("(", ")", "("))


class _Positions:
    """Sorted positions of each character of ``text``, made when first asked for."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[str, list[int]] = {}

    def of(self, chars: str) -> list[int]:
        found = self._found.get(chars)
        if found is None:
            pattern = "[" + re.escape(chars) + "]"
            found = self._found[chars] = [m.start() for m in re.finditer(pattern, self.text)]
        return found

    def next(self, chars: str, after: int) -> int:
        """The first position > ``after`` of one of ``chars``, or -1."""
        found = self.of(chars)
        at = bisect_right(found, after)
        return found[at] if at < len(found) else -1


def spans(text: str) -> list[Span]:
    """Sorted, merged spans of ``text`` that pysbd keeps together."""
    if _MARKS.search(text) is None:
        return []
    positions = _Positions(text)
    found = [
        *_sentence_openings(text, positions),
        *_single_quotes(text, positions, "'", "'"),
        *_single_quotes(text, positions, "‘", "’"),
        *_dashes(text, positions),
    ]
    wide = "\\" in text  # a backslash escapes a mark in pysbd's rules: pair every opener
    for opening, closing, stops in _PAIRS:
        found += _pairs(text, positions, opening, closing, stops, overlapping=wide)
    return _merged(found)


def _pairs(
    text: str, positions: _Positions, opening: str, closing: str, stops: str, *, overlapping: bool
) -> list[Span]:
    """``opening`` ... ``closing`` with something between and none of ``stops``, paired
    from the left like ``re.finditer`` (every opening mark, with ``overlapping``)."""
    found = []
    resume = -1
    for at in positions.of(opening):
        if at < resume:
            continue
        end = positions.next(closing + stops, at)
        if end > at + 1 and text[end] == closing:
            found.append((at, end + 1))
            resume = at + 1 if overlapping else end + 1
    return found


def _single_quotes(text: str, positions: _Positions, opening: str, closing: str) -> list[Span]:
    """pysbd's ``(?<=\\s)'(?:[^']|'[a-zA-Z])*'``: from a quote after a space to the first
    closing quote not followed by a letter, else to the last one."""
    found = []
    closers = positions.of(closing)
    resume = -1
    for at in positions.of(opening):
        if at < resume or at == 0 or not text[at - 1].isspace():
            continue
        first = bisect_right(closers, at)
        end = -1
        for candidate in closers[first:]:
            after = text[candidate + 1 : candidate + 2]
            if not (after.isascii() and after.isalpha()):
                end = candidate
                break
        if end < 0 and first < len(closers):
            end = closers[-1]
        if end > at:
            found.append((at, end + 1))
            resume = end + 1
    return found


def _dashes(text: str, positions: _Positions) -> list[Span]:
    """pysbd's ``--[^-]*--``."""
    found = []
    dashes = positions.of("-")
    resume = -1
    for index, at in enumerate(dashes):
        if at < resume or index + 1 >= len(dashes) or dashes[index + 1] != at + 1:
            continue
        end = positions.next("-", at + 1)
        if end > 0 and end + 1 < len(text) and text[end + 1] == "-":
            found.append((at, end + 2))
            resume = end + 2
    return found


def _sentence_openings(text: str, positions: _Positions) -> list[Span]:
    """A quote or bracket where a sentence may start (the text's start, or after a sentence
    mark or a closing mark and spaces), to its next closing mark: pysbd's boundary rule may
    take all of that as one sentence, whatever pairs came before."""
    found = []
    for opening in _OPENERS:
        for at in positions.of(opening):
            before = at - 1
            while before >= 0 and text[before].isspace():
                before -= 1
            if before >= 0 and text[before] not in _SENTENCE_END:
                continue
            end = positions.next(_CLOSER[opening], at)
            if end > at:
                found.append((at, end + 1))
    return found


def _merged(found: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def parens_between_quotes(text: str) -> bool:
    """pysbd's ``["”]\\s\\(.*\\)\\s["“]`` (which splits the run there) somewhere in ``text``."""
    opening = re.search(r"[\"”]\s\(", text)
    if opening is None:
        return False
    closings = [m.start() for m in re.finditer(r"\)\s[\"“]", text)]
    at = bisect_left(closings, opening.end())
    return at < len(closings)


def leading_apostrophe(text: str) -> bool:
    r"""pysbd's ``(?<=\s)'(?:[^']|'[a-zA-Z])*'\S`` somewhere in ``text``: a quote after a
    space whose next quote is followed by something other than a space (a quote followed by
    a space ends what the regex can reach; one followed by a letter already matches)."""
    if "'" not in text:
        return False
    quotes = [m.start() for m in re.finditer("'", text)]
    for at, later in itertools.pairwise(quotes):
        if at > 0 and text[at - 1].isspace():
            after = text[later + 1 : later + 2]
            if after and not after.isspace():
                return True
    return False
