"""Splitting a claim in one text box: the split point is a ``|`` in the claim's text.

The review page shows the claim with a ``|`` where it most likely splits
(``edits.split_guess``); the reviewer moves it (or types it where the claim splits) and the
text before and after it become the two claims.

>>> marked("Putin offered a ceasefire; Kyiv rejected it.")
'Putin offered a ceasefire | Kyiv rejected it.'
>>> split_at_mark("Putin offered a ceasefire | Kyiv rejected it.")
('Putin offered a ceasefire', 'Kyiv rejected it.')
"""

from __future__ import annotations

from checks.edits import split_guess
from checks.errors import InputError

MARK = "|"
SPARE = "¦"  # the mark for a claim whose text has a "|" of its own


def mark_for(text: str) -> str:
    """The mark to split ``text`` with: ``|``, or ``¦`` when the text holds a ``|``."""
    return SPARE if MARK in text else MARK


def marked(text: str) -> str:
    """``text`` with the mark at the likeliest split point."""
    first, second = split_guess(text)
    return f"{first} {mark_for(text)} {second}"


def split_at_mark(text: str, *, mark: str = MARK) -> tuple[str, str]:
    """The two claims of a marked text; InputError unless there is exactly one mark with
    words on both sides."""
    parts = text.split(mark)
    if len(parts) != 2:
        found = "none" if len(parts) == 1 else str(len(parts) - 1)
        raise InputError(f"Put one {mark} where the claim splits ({found} found).")
    first, second = (" ".join(part.split()) for part in parts)
    if not first or not second:
        raise InputError(f"Both sides of the {mark} need words: move it inside the claim.")
    return first, second
