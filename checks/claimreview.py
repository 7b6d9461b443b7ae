"""ClaimReview JSON-LD (schema.org): one ClaimReview per reviewed claim.

The verdict becomes ``reviewRating`` with ``alternateName`` (the label as written) and, where
the label is on the five-step true..false scale, ``ratingValue`` 5..1 with ``bestRating`` 5 and
``worstRating`` 1; "unproven" and labels of a custom scale carry ``alternateName`` only.
Unreviewed and not-checkable claims are left out. ``itemReviewed`` is the ``Claim`` with the
article's author and publication date, its ``appearance`` the article's URL. ``author`` is
the organisation set in Settings (``Publisher``); ``url`` is the page where the fact-check is
published, with ``#<claim id>`` appended.

>>> sorted(rating("Mostly True").items())  # doctest: +NORMALIZE_WHITESPACE
[('@type', 'Rating'), ('alternateName', 'Mostly True'), ('bestRating', 5), ('ratingValue', 4),
 ('worstRating', 1)]
>>> rating("unproven")
{'@type': 'Rating', 'alternateName': 'unproven'}
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from checks import config
from checks.errors import ExportError
from checks.model import Article, Review, ReviewRow
from checks.untrusted import json_text

CONTEXT: Final = "https://schema.org"
RATING_VALUES: Final[dict[str, int]] = {
    "true": 5,
    "mostly true": 4,
    "half true": 3,
    "mostly false": 2,
    "false": 1,
}
LEFT_OUT: Final = frozenset({config.UNREVIEWED, config.NOT_CHECKABLE})
SETTING_NAME: Final = "publisher.name"
SETTING_URL: Final = "publisher.url"
SETTING_REVIEW_URL: Final = "publisher.review_url"
_HTTP = re.compile(r"^https?://\S+$", re.IGNORECASE)


@dataclass(frozen=True)
class Publisher:
    """The fact-checking organisation: ``name``, its home page ``url``, and ``review_url``,
    the page where this article's fact-checks are published (default: ``url``)."""

    name: str
    url: str = ""
    review_url: str = ""

    @classmethod
    def from_settings(cls, setting: Callable[[str, str], str]) -> Publisher:
        """From ``Store.setting`` (or any ``(key, default) -> value``)."""
        return cls(
            name=setting(SETTING_NAME, "").strip(),
            url=setting(SETTING_URL, "").strip(),
            review_url=setting(SETTING_REVIEW_URL, "").strip(),
        )

    def page(self) -> str:
        """The fact-check page; ExportError when the publisher is not set up."""
        page = self.review_url or self.url
        if not self.name or not _HTTP.match(page):
            raise ExportError(
                "ClaimReview needs your organisation's name and a web address (http or https) "
                "for the fact-checks: set them under Settings > Publisher"
            )
        return page


def rating(label: str) -> dict[str, Any]:
    value = RATING_VALUES.get(label.strip().casefold())
    out: dict[str, Any] = {"@type": "Rating", "alternateName": label}
    if value is not None:
        out.update(ratingValue=value, bestRating=5, worstRating=1)
    return out


def _people(author: str) -> dict[str, str] | list[dict[str, str]]:
    """One Person, or a list of them for "A; B", "A, B" or "A and B"."""
    names = [name.strip() for name in re.split(r";|,| and ", author) if name.strip()]
    people = [{"@type": "Person", "name": name} for name in names]
    return people[0] if len(people) == 1 else people


def item_reviewed(article: Article) -> dict[str, Any]:
    """The ``Claim`` as it appeared in the article (fields left out when unknown)."""
    item: dict[str, Any] = {"@type": "Claim"}
    if article.author:
        item["author"] = _people(article.author)
    if article.published:
        item["datePublished"] = article.published
    if _HTTP.match(article.url):
        item["appearance"] = {"@type": "CreativeWork", "url": article.url}
        if article.title:
            item["appearance"]["headline"] = article.title
    return item


def claim_review(review: Review, row: ReviewRow, *, publisher: Publisher) -> dict[str, Any]:
    organisation: dict[str, Any] = {"@type": "Organization", "name": publisher.name}
    if publisher.url:
        organisation["url"] = publisher.url
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": f"{publisher.page()}#{row.claim.id}",
        "claimReviewed": row.claim.text,
        "reviewRating": rating(row.verdict.label),
        "itemReviewed": item_reviewed(review.article),
        "author": organisation,
        "datePublished": row.verdict.updated_at[:10],
    }
    if row.verdict.note.strip():
        out["reviewBody"] = row.verdict.note
    return out


def claim_reviews(review: Review, *, publisher: Publisher) -> list[dict[str, Any]]:
    """ClaimReviews of the reviewed claims, in article order."""
    publisher.page()  # fail early, before any work
    return [
        claim_review(review, row, publisher=publisher)
        for row in review.rows
        if row.verdict.label.casefold() not in LEFT_OUT
    ]


def to_claimreview(review: Review, *, publisher: Publisher) -> bytes:
    """A JSON array of ClaimReview objects (JSON-LD), UTF-8, indented; ``< > &`` are
    ``\\u``-escaped so it can be pasted into a ``<script type="application/ld+json">``."""
    data = claim_reviews(review, publisher=publisher)
    return (json_text(data, indent=2) + "\n").encode("utf-8")
