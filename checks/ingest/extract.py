"""The article inside a web page, with trafilatura: main text, title, author, date.

Navigation, menus, footers, comments and other boilerplate are left out. A page with too
little main text (a home page, a list of links, a page that needs JavaScript) is refused.
"""

from __future__ import annotations

from typing import Any

import trafilatura
from lxml.etree import LxmlError

from checks.errors import InputError
from checks.ingest.base import ArticleInput, article, paragraphs

MIN_ARTICLE_WORDS = 40
_DATE_OPTIONS = {"extensive_search": False, "original_date": True}


def _extract(data: bytes | str, url: str) -> dict[str, Any] | None:
    try:
        found = trafilatura.bare_extraction(
            data,
            url=url or None,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            favor_precision=True,
            date_extraction_params=_DATE_OPTIONS,
        )
    except (LxmlError, ValueError, TypeError) as error:
        raise InputError(f"the page could not be parsed as HTML ({error})") from error
    if found is None:
        return None
    return found if isinstance(found, dict) else dict(found.as_dict())


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def article_from_html(data: bytes | str, *, origin: str, url: str = "") -> ArticleInput:
    """The article of an HTML page. ``url`` (the page's final address) is kept as metadata
    and helps trafilatura; ``origin`` names the page or file in messages."""
    found = _extract(data, url) or {}
    body = _text(found.get("text"))
    if len(body.split()) < MIN_ARTICLE_WORDS:
        raise InputError(
            f"{origin} does not look like an article: no main text found (a home page, a list "
            "of links, or a page that needs JavaScript?). Paste the article text instead."
        )
    title = _text(found.get("title"))
    text = paragraphs(body.split("\n"))
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"  # the headline is a claim like any other sentence
    return article(
        text,
        origin=origin,
        title=title,
        url=url,
        author=_text(found.get("author")),
        published=_text(found.get("date")),
    )
