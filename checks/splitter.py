"""Sentence spans of reference text, fast: sure boundaries by rule, pysbd only for the rest.

A library of a million passages cannot wait for pysbd (about 1.2 ms a sentence, and slower
the longer the run), yet its passages must be the sentences pysbd would give. Most of the
text is plain prose whose sentence ends are beyond doubt, so ``sentence_spans`` here:

1. finds the **sure boundaries** of a run of text: a ``.``, ``!`` or ``?`` right after a word
   of two or more letters (or a number of three or more digits) that is no abbreviation in
   pysbd's list, then spaces, then a capital letter followed by a small one ("...in Kyiv. The
   talks..."), and not inside a stretch that pysbd keeps together (quotes, parentheses,
   brackets, double dashes, as pysbd's own rules find them; a run that opens with a quote or
   a bracket, up to its first closing mark);
2. cuts the run there. A piece with nothing pysbd could act on (no other ``.!?`` than its
   last character and decimal points, no quote, bracket or list marker) is one sentence; any
   other piece goes to pysbd (``checks.segment.sentence_spans``), cut first into chunks of at
   most ``checks.segment.MAX_CHUNK_CHARS`` like an article's runs, so no pysbd call ever sees
   more than that;
3. sends a whole run to pysbd (chunked the same way) where the cuts could change what pysbd
   decides elsewhere in it: a run opening with ``?!`` or the like, ``" (...) "``, a word that
   opens with an apostrophe, a footnote number ("...in 2014.12 The"), a numbered or lettered
   list (pysbd pairs list numbers across the run; a long one in chunks of
   ``LIST_CHUNK_CHARS``), and any language other than English (the rules above are pysbd's
   English ones).

Measured: the same spans as pysbd on the whole run for every document of the demo library,
every generated library sentence in ``bench.scale``, the English golden rules, real news
text, and 24,000 generated runs dense with the cases above (tests/test_splitter.py keeps a
Hypothesis version of that comparison). Runs longer than a chunk that reach pysbd may be cut
differently from pysbd on the whole run: that is the price of never stalling.

>>> text = "Putin spoke in Moscow. He offered talks (in June. Or later). Kyiv said no."
>>> [text[s:e] for s, e in sentence_spans(text)]
['Putin spoke in Moscow.', 'He offered talks (in June. Or later).', 'Kyiv said no.']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pysbd.exclamation_words import ExclamationWords
from pysbd.lang.english import English
from pysbd.lists_item_replacer import ListItemReplacer

from checks import kept_together, segment

Span = tuple[int, int]

_ABBREVIATIONS = frozenset(
    word.strip().lower()
    for word in (
        *English.Abbreviation.ABBREVIATIONS,
        *English.Abbreviation.PREPOSITIVE_ABBREVIATIONS,
        *English.Abbreviation.NUMBER_ABBREVIATIONS,
    )
)
_EXCLAMATION_WORDS = frozenset(
    word.rstrip("!").lower() for word in ExclamationWords.EXCLAMATION_WORDS
)
# A sentence mark, then spaces and a capital with a small letter after it; the word before the
# mark (after a space or at the start) must be letters or digits, joined by - ' ’ or a
# thousands comma.
_CANDIDATE = re.compile(r"[.!?](?= +[A-Z][a-z])")
_WORD = re.compile(r"[^\W_]+(?:(?:[-'’]|(?<=\d),(?=\d))[^\W_]+)*")
# Runs where pysbd looks across the whole run: lists (it pairs list numbers and letters),
# parentheses between quotes, a run that opens with a quote or a bracket. A list item ends in
# "." or ")" after one or two digits or a letter; only where two such marks are found do
# pysbd's own list patterns run.
_LIST_MARK = re.compile(  # "." or ")" after one to three word characters (fixed-width looks)
    r"[.)](?:(?<=\W\w[.)])|(?<=\W\w\w[.)])|(?<=\W\w\w\w[.)])"
    r"|(?<=^\w[.)])|(?<=^\w\w[.)])|(?<=^\w\w\w[.)]))"
)
_LIST_ITEM_CHARS = 3  # "12", "b", "iv"; "xviii" ends in "iii"
_LIST_WINDOW = 8  # a list pattern's match ends at the mark and starts this close before it
LIST_CHUNK_CHARS = 500
"""Chunk size for a run with a list in it that is longer than ``segment.MAX_CHUNK_CHARS``
(a shorter one goes to pysbd whole, as pysbd would see it): pysbd's list rules take time
quadratic in a chunk's items (300 KB of "1. ... 2. ..." in one paragraph: 24 s in chunks of
2,000 characters, 12 s of 1,000, 7 s of 500 on the shared machine)."""
_LIST_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        ListItemReplacer.NUMBERED_LIST_REGEX_1,
        ListItemReplacer.NUMBERED_LIST_PARENS_REGEX,
        ListItemReplacer.ALPHABETICAL_LIST_WITH_PERIODS,
        ListItemReplacer.ALPHABETICAL_LIST_WITH_PARENS,
    )
)
_LIST_ITEMS = frozenset(ListItemReplacer.ROMAN_NUMERALS) | frozenset(
    ListItemReplacer.LATIN_NUMERALS
)
# A run that opens with a double mark ("?!" is one mark only when the run does not open
# with one).
_OPENS_DOUBLE_MARK = re.compile(r"\s*[!?]{2}")
# pysbd starts a new segment after a footnote number ("...in 2014.12 The"), and looks at
# quotes after a space again if a word opens with an apostrophe ('tis).
_NUMBERED_REFERENCE = re.compile(English.NUMBERED_REFERENCE_REGEX)
_REFERENCE_MARK = re.compile(r"[.∯](?=[\d\[])")
# What may make a piece more than one plain sentence for pysbd: a sentence mark, a quote, a
# bracket, a dash, a tab or a line break, or a character pysbd uses as a marker of its own.
# ``_plain`` lets a decimal point, an apostrophe after a letter and a single dash pass.
_SUSPECT = re.compile(
    r"[.!?。．！？\"'“”‘’«»()\[\]{}（）「」\t\n\r\x0b\x0c\-"
    r"∯∮♨☝☏☉☈☇☄ȸȹᓰᓱᓳᓴᓷᓸ⎋✂⌬♬♭ƪ♟♝]"
)


def sentence_spans(text: str, *, offset: int = 0, language: str = "en") -> tuple[Span, ...]:
    """Spans of the sentences of ``text`` (one run of prose, no line breaks needed), as
    ``checks.segment.sentence_spans`` would give them for the whole run; ``offset`` is added
    to every span; ``language`` is pysbd's (ISO 639-1): only English has the fast path.
    """
    if language != "en":  # other marks and rules: pysbd for all of it
        spans = list(_by_pysbd(text, 0, len(text), language=language))
        return tuple((start + offset, end + offset) for start, end in spans)
    limit = _whole_run_limit(text)
    pieces = [(0, len(text))] if limit else list(_pieces(text))
    spans = []
    for piece_start, piece_end in pieces:
        start, end = _trim(text, piece_start, piece_end)
        if start == end:
            continue
        last = end - 1 if text[end - 1] in ".!?" else end
        if _plain(text, start, last):
            spans.append((start, end))
        else:  # the piece as cut, spaces included: pysbd reads the space after ".pdf"
            spans.extend(
                _by_pysbd(
                    text,
                    piece_start,
                    piece_end,
                    language=language,
                    limit=limit or segment.MAX_CHUNK_CHARS,
                )
            )
    return tuple((start + offset, end + offset) for start, end in spans)


def _whole_run_limit(text: str) -> int | None:
    """None when ``text`` may be cut at its sure boundaries; else the chunk size in which
    pysbd gets all of it, because pysbd looks across the whole run: a list (it pairs list
    numbers; small chunks, as its list rules take time quadratic in a chunk's items), a run
    opening with "?!", parentheses between quotes, a leading apostrophe, a footnote number."""
    if _OPENS_DOUBLE_MARK.match(text):
        return segment.MAX_CHUNK_CHARS
    if kept_together.parens_between_quotes(text) or kept_together.leading_apostrophe(text):
        return segment.MAX_CHUNK_CHARS
    for mark in _REFERENCE_MARK.finditer(text):
        if _NUMBERED_REFERENCE.match(text, mark.start()):
            return segment.MAX_CHUNK_CHARS
    if not _has_list(text):
        return None
    return LIST_CHUNK_CHARS if len(text) > segment.MAX_CHUNK_CHARS else segment.MAX_CHUNK_CHARS


def _has_list(text: str) -> bool:
    """Do pysbd's list patterns find two items or more (checked near each "." or ")" that
    follows one or two digits or a list letter)?"""
    marks = []
    for match in _LIST_MARK.finditer(text):
        before = match.start()
        start = before
        while start > 0 and before - start < _LIST_ITEM_CHARS and text[start - 1].isalnum():
            start -= 1
        item = text[start:before].lower()
        if item.isdigit():  # "2. " or "2.)" or "2)": not the 2 of 2.5
            after = text[before + 1 : before + 2]
            if len(item) <= 2 and (text[before] == ")" or after in ("", ")") or after.isspace()):
                marks.append(before)
        elif item in _LIST_ITEMS:
            marks.append(before)
    if len(marks) < 2:
        return False
    for pattern in _LIST_PATTERNS:
        found: set[tuple[int, int]] = set()
        for mark in marks:
            window = pattern.finditer(text, max(0, mark - _LIST_WINDOW), mark + 2)
            found.update(m.span() for m in window if _is_list_item(m.group()))
        if len(found) > 1:
            return True
    return False


def _is_list_item(found: str) -> bool:
    item = found.strip()
    return item.isdigit() or item.lower() in _LIST_ITEMS


def _pieces(text: str) -> Iterator[Span]:
    """``text`` cut at its sure boundaries (see the module docstring)."""
    kept = kept_together.spans(text)
    start = 0
    for match in _CANDIDATE.finditer(text):
        mark = match.start()
        word_start = text.rfind(" ", 0, mark) + 1
        word = text[word_start:mark]
        if not _sure_word(word) or _inside(kept, mark + 1):
            continue
        yield start, mark + 1
        start = mark + 1
    if start < len(text):
        yield start, len(text)


def _sure_word(word: str) -> bool:
    """May a sentence end after ``word`` for certain (no abbreviation, no list number)?"""
    if len(word) < 2 or (word.isdigit() and len(word) < 3):
        return False
    lowered = word.lower()
    if lowered in _ABBREVIATIONS or lowered in _EXCLAMATION_WORDS:
        return False
    return _WORD.fullmatch(word) is not None


def _plain(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` free of anything pysbd could cut at or keep together?"""
    for match in _SUSPECT.finditer(text, start, end):
        at = match.start()
        char = text[at]
        if char == ".":
            if not (
                at > start and text[at - 1].isdigit() and at + 1 < end and text[at + 1].isdigit()
            ):
                return False
        elif char in "'’":
            if not (at > start and text[at - 1].isalpha()):
                return False
        elif char == "-":
            if at + 1 < end and text[at + 1] == "-":
                return False
        else:
            return False
    return True


def _inside(kept: list[Span], position: int) -> bool:
    """Is ``position`` strictly inside one of the sorted ``kept`` spans?"""
    low, high = 0, len(kept)
    while low < high:
        middle = (low + high) // 2
        if kept[middle][1] <= position:
            low = middle + 1
        else:
            high = middle
    return low < len(kept) and kept[low][0] < position


def _by_pysbd(
    text: str, start: int, end: int, *, language: str, limit: int = segment.MAX_CHUNK_CHARS
) -> Iterator[Span]:
    """pysbd's sentences of ``text[start:end]``, in chunks of at most ``limit`` characters
    (``segment.chunk_bounds``), as spans into ``text``."""
    piece = text[start:end]
    for left, right in segment.chunk_bounds(piece, limit=limit):
        yield from segment.sentence_spans(piece[left:right], offset=start + left, language=language)


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
