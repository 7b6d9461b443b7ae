"""Pages of a long list and a window around one item: the review page of an 8,000-claim
article draws one page of the table and a window of the claim picker, not every claim."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

TABLE_PAGE = 200  # table rows drawn at once
PICKER_WINDOW = 200  # claims the Claim box offers around the focused one


@dataclass(frozen=True)
class Page:
    """Page ``number`` (1-based) of ``count`` pages: items ``start`` to ``end`` (0-based,
    end excluded) of ``total``."""

    number: int
    count: int
    start: int
    end: int
    total: int

    @property
    def label(self) -> str:
        """ "rows 201–400 of 8,092" (people count from 1)."""
        if self.total == 0:
            return "no rows"
        return f"rows {self.start + 1:,}–{self.end:,} of {self.total:,}"


def page_count(total: int, *, size: int = TABLE_PAGE) -> int:
    return max(1, -(-total // size))


def page(total: int, number: int, *, size: int = TABLE_PAGE) -> Page:
    """Page ``number``, clamped to the pages there are (a filter can shrink the list under
    a page the reviewer was on)."""
    count = page_count(total, size=size)
    number = min(max(1, number), count)
    start = (number - 1) * size
    return Page(number, count, start, min(total, start + size), total)


def page_of(index: int, *, size: int = TABLE_PAGE) -> int:
    """The page (1-based) that holds item ``index`` (0-based)."""
    return index // size + 1


def window(items: Sequence[T], index: int, *, size: int = PICKER_WINDOW) -> Sequence[T]:
    """At most ``size`` items around ``items[index]``, the item itself always in it, as many
    before as after where the list allows."""
    if len(items) <= size:
        return items
    start = min(max(0, index - size // 2), len(items) - size)
    return items[start : start + size]
