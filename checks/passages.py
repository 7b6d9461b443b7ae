"""Documents -> sentence passages with exact spans back into the document text.

A passage is one sentence of a reference document (``document.text[p.start:p.end] == p.text``)
as pysbd splits it (``checks.splitter``: plain prose by rule, pysbd where its rules matter,
never more than ``checks.segment.MAX_CHUNK_CHARS`` characters per pysbd call, so a long
one-paragraph source costs time in proportion to its length). The text is split into lines
first, so a heading or a list item never merges with the sentence after it; a line that
starts in lower case (a hard-wrapped sentence) continues the line before it. A front-matter
block (``---`` ... ``---``) at the top of the text, markdown markers (``#``, ``-``, ``>``,
``1.``) and lines without a word are skipped.

>>> from checks.model import Document, SourceKind
>>> doc = Document(SourceKind.LIBRARY, "n1", "Note", "", "", "en",
...                "---\\ntitle: Note\\n---\\n# Ceasefire\\nPutin spoke. He\\noffered a truce.",
...                "2024-06-15T00:00:00Z")
>>> [p.text for p in split_passages(doc)]
['Ceasefire', 'Putin spoke.', 'He\\noffered a truce.']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from checks.language import splitter_language
from checks.model import Document, Passage
from checks.splitter import sentence_spans

_LINE = re.compile(r"[^\r\n]*")
_FENCE = re.compile(r"\A\ufeff?[ \t]*---[ \t]*\r?\n.*?^[ \t]*(?:---|\.\.\.)[ \t]*$", re.M | re.S)
_MARKER = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|[-*+>][ \t]+|\d{1,3}[.)][ \t]+)*")
_WORD = re.compile(r"\w")
_FLATTEN = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def split_passages(document: Document, *, max_chars: int = 600) -> tuple[Passage, ...]:
    """The sentences of ``document`` as passages keyed by ``document.uid``.

    A sentence longer than ``max_chars`` is cut into pieces of at most ``max_chars``
    characters, each ending on a word boundary where there is one.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, got {max_chars}")
    text = document.text
    language = splitter_language(document.language)
    passages: list[Passage] = []
    uid = document.uid
    for block_start, block_end in _blocks(text):
        flat = _FLATTEN.sub(" ", text[block_start:block_end])  # same length, one line
        for start, end in sentence_spans(flat, offset=block_start, language=language):
            for s, e in _cut(text, start, end, max_chars=max_chars):
                if _WORD.search(text, s, e):
                    passages.append(Passage(uid, s, e, text[s:e]))
    return tuple(passages)


def passages_for(documents: Sequence[Document], *, max_chars: int = 600) -> tuple[Passage, ...]:
    """The passages of every document, in document order."""
    return tuple(p for doc in documents for p in split_passages(doc, max_chars=max_chars))


def _lines(text: str, start: int) -> Iterator[tuple[int, int, str]]:
    """``(start, end, kind)`` of each line from ``start`` on, markers skipped.

    ``kind`` is ``"blank"`` (no word in it), ``"heading"`` (``#``) or ``"text"``.
    """
    line_start = start
    for raw in text[start:].splitlines(keepends=True):
        line_end = line_start + len(raw.rstrip(_BREAKS))
        marker = _MARKER.match(text, line_start, line_end)
        body_start = marker.end() if marker else line_start
        if not _WORD.search(text, body_start, line_end):
            yield line_start, line_end, "blank"
        elif text[line_start:body_start].lstrip().startswith("#"):
            yield body_start, line_end, "heading"
        else:
            yield body_start, line_end, "text"
        line_start += len(raw)


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Spans of runs of lines that may hold one sentence across a line break."""
    fence = _FENCE.match(text)
    current: tuple[int, int] | None = None
    previous = "blank"
    for start, end, kind in _lines(text, fence.end() if fence else 0):
        if current is not None and kind == previous == "text" and _continues(text, start):
            current = (current[0], end)
        elif kind != "blank":
            if current is not None:
                yield current
            current = (start, end)
        previous = kind
    if current is not None:
        yield current


def _continues(text: str, start: int) -> bool:
    """True when a line starting at ``start`` carries on the sentence of the line before."""
    first = text[start]
    return first.islower()


def _cut(text: str, start: int, end: int, *, max_chars: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` in pieces of at most ``max_chars``, cut at whitespace where possible."""
    while end - start > max_chars:
        limit = start + max_chars
        space = max(text.rfind(" ", start + 1, limit + 1), text.rfind("\n", start + 1, limit + 1))
        cut = space if space > start else limit
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        yield start, piece_end
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end
