"""What a published fact-check is once read: ``FactCheck``; what an import did with each
item of a feed: ``ItemReport``; the whole import: ``ImportReport``.

``FactCheck.key`` is its identity: the review's address and the claim, normalised, so the
same fact-check imported again (the next download of a feed) is recognised.

>>> a = FactCheck(url="https://Checks.example/a/", claim="The  moon is  cheese.")
>>> b = FactCheck(url="https://checks.example/a", claim="the moon is cheese.")
>>> a.key == b.key, len(a.key)
(True, 24)
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

_SPACE = re.compile(r"\s+")


def normal_url(url: str) -> str:
    """The address as compared for identity: scheme and host lower-cased, no trailing
    slash on the path; the fragment is kept (one page may review several claims,
    ``page#c5``).

    >>> normal_url(" HTTPS://Example.org/Check/?id=2#c5 ")
    'https://example.org/Check?id=2#c5'
    """
    url = url.strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query,
                       parts.fragment))  # fmt: skip


def normal_claim(text: str) -> str:
    """The claim as compared for identity: case-folded, white space collapsed."""
    return _SPACE.sub(" ", text).strip().casefold()


@dataclass(frozen=True)
class FactCheck:
    """One published fact-check (a schema.org ClaimReview, or a row of a CSV).

    ``rating`` is the fact-checker's own words ("Pants on Fire!", "Falso"), or, when the
    feed gives only numbers, ``"1 of 1–5"``; ``rating_value``/``best_rating``/
    ``worst_rating`` are the numbers when given. ``publisher`` is the fact-checking
    organisation (``author``, else ``publisher``). Dates are ``YYYY-MM-DD`` (or
    ``YYYY-MM``, ``YYYY``) or ``""``. ``url`` is an http(s) address or ``""``.
    ``claimant`` and ``claim_date`` describe who made the claim and when
    (``itemReviewed``); ``appearances`` are http(s) addresses where it appeared.
    """

    url: str
    claim: str
    rating: str = ""
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    publisher: str = ""
    publisher_url: str = ""
    date: str = ""
    language: str = ""
    headline: str = ""
    claimant: str = ""
    claim_date: str = ""
    appearances: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Identity: a hash of the normalised review address and claim."""
        text = f"{normal_url(self.url)}\n{normal_claim(self.claim)}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True)
class Parsed:
    """One item of a feed as read: a ``FactCheck`` (None when skipped), where it sits and
    the notes (for a skipped item, the first note says why)."""

    number: int
    where: str
    factcheck: FactCheck | None
    notes: tuple[str, ...] = ()
    claim: str = ""


NEW = "new"
PRESENT = "already present"
SKIPPED = "skipped"


@dataclass(frozen=True)
class ItemReport:
    """What the import did with one item of a feed.

    ``number`` counts the items of the file from 1; ``where`` says where the item sits
    (``dataFeedElement[3].item[0]``, ``row 7``); ``outcome`` is ``new``, ``already present``
    or ``skipped``; ``notes`` say what was left out or changed ("HTML removed from
    claimReviewed", "no rating") or, for a skipped item, why it was skipped.
    """

    number: int
    where: str
    outcome: str
    claim: str = ""
    notes: tuple[str, ...] = ()

    def line(self) -> str:
        """One readable line, e.g. ``item 4 (dataFeedElement[3]): skipped: no claimReviewed``."""
        head = f"item {self.number} ({self.where}): {self.outcome}"
        claim = f" “{self.claim[:80]}”" if self.claim else ""
        notes = f": {'; '.join(self.notes)}" if self.notes else ""
        return head + claim + notes


@dataclass(frozen=True)
class ImportReport:
    """One file's import: the counts and a report of every item, in file order."""

    name: str
    items: tuple[ItemReport, ...]
    kind: str = ""

    def count(self, outcome: str) -> int:
        return sum(1 for item in self.items if item.outcome == outcome)

    @property
    def new(self) -> int:
        return self.count(NEW)

    @property
    def present(self) -> int:
        return self.count(PRESENT)

    @property
    def skipped(self) -> int:
        return self.count(SKIPPED)

    def summary(self) -> str:
        """``"3 new, 1 already present, 2 skipped"``."""
        return f"{self.new} new, {self.present} already present, {self.skipped} skipped"
