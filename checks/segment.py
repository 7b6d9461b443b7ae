"""Text -> sentences with exact character spans (pysbd), paragraphs, headings, dateline.

STUB being extended by the segment helper: ``sentence_spans`` is the shared primitive
(also used by ``passages.py``); ``segment`` is the article-level entry point.
"""

from __future__ import annotations

from functools import lru_cache

import pysbd


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def sentence_spans(text: str, *, offset: int = 0) -> tuple[tuple[int, int], ...]:
    """Spans of the sentences of ``text`` (one paragraph or more), trimmed of whitespace.

    Spans are located in ``text`` itself, so ``text[s:e]`` is always the sentence as written.

    >>> text = "It rained. Then it stopped!  "
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['It rained.', 'Then it stopped!']
    """
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in _segmenter().segment(text):
        stripped = piece.strip()
        if not stripped:
            continue
        found = text.find(stripped, cursor)
        if found < 0:  # pysbd altered the text; fall back to the cursor position
            found = cursor
        end = found + len(stripped)
        spans.append((found + offset, end + offset))
        cursor = end
    return tuple(spans)
