"""Digits written by others (article text, a query string, a CSV cell, an HTTP header) ->
``int``, within bounds.

``int()`` refuses a string of more than 4,300 digits (Python's conversion limit raises
``ValueError``) and ``str.isdigit()`` accepts characters ``int()`` refuses ("²"), so neither
alone is safe on untrusted text. ``parse_id`` takes ASCII digits only, and at most
``MAX_ID_DIGITS`` of them.

>>> parse_id("42"), parse_id(" 42"), parse_id("²"), parse_id("7" * 5000), parse_id("")
(42, None, None, None, None)
"""

from __future__ import annotations

import re

__all__ = ["MAX_ID_DIGITS", "parse_id"]

MAX_ID_DIGITS = 18  # every id and size this tool reads fits; 10**18 is more than SQLite holds
_ASCII_DIGITS = re.compile(r"[0-9]+")


def parse_id(text: str, *, max_digits: int = MAX_ID_DIGITS) -> int | None:
    """``text`` as a non-negative int when it is 1 to ``max_digits`` ASCII digits, else None."""
    if len(text) > max_digits or _ASCII_DIGITS.fullmatch(text) is None:
        return None
    return int(text)
