"""What every reader returns: the article's text and the metadata found with it.

>>> first_line_title("\\n## Talks resume in Cairo\\nBody.")
'Talks resume in Cairo'
>>> paragraphs(["  One.", "", "Two.  "])
'One.\\n\\nTwo.'
>>> iso_date(" 2024-06-15 "), iso_date("2024-06-15T10:30:00Z"), iso_date("")
('2024-06-15', '2024-06-15', '')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from checks.errors import InputError
from checks.sources.library import normalise_newlines

MAX_BYTES = 10_000_000  # the app's upload limit (.streamlit/config.toml) and the fetch limit
MAX_TITLE_CHARS = 200
# The most text a Word or PDF file is read for (the article limit, checks.pipeline): a small
# file can hold far more (a 300 KB .docx held 60 million characters), so its readers stop here.
MAX_TEXT_CHARS = 5_000_000


@dataclass(frozen=True)
class ArticleInput:
    """An article ready to analyse. ``published`` is ``YYYY-MM-DD`` or ``""``; ``origin``
    names where it came from (a file name or the final URL) for messages."""

    title: str
    text: str
    url: str = ""
    author: str = ""
    published: str = ""
    origin: str = ""


def text_too_long(name: str, limit: int) -> InputError:
    """The error for a file whose text runs past ``limit`` characters (reading stopped)."""
    return InputError(
        f"{name} has more than {limit:,} characters of text, the limit: split it into parts, "
        "or keep only the part you need"
    )


def first_line_title(text: str) -> str:
    """The first non-blank line without Markdown heading marks, else ``"Untitled article"``."""
    line = next((line.strip(" #\t") for line in text.splitlines() if line.strip()), "")
    return line[:MAX_TITLE_CHARS] or "Untitled article"


def iso_date(text: str) -> str:
    """A publication date as ``YYYY-MM-DD`` (a time after it is dropped), or ``""``."""
    value = text.strip()[:10]
    if not value:
        return ""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as error:
        raise InputError(f"{text.strip()!r} is not a date: write it as YYYY-MM-DD") from error


def paragraphs(blocks: Iterable[str]) -> str:
    """Blocks of text joined as paragraphs (a blank line between), empty ones dropped."""
    return "\n\n".join(block.strip() for block in blocks if block.strip())


def article(
    text: str,
    *,
    origin: str,
    title: str = "",
    url: str = "",
    author: str = "",
    published: str = "",
) -> ArticleInput:
    """An ``ArticleInput`` with clean text; ``InputError`` when no text is left."""
    clean = normalise_newlines(text).strip()
    if not clean:
        raise InputError(f"{origin} is empty: it holds no text")
    if "\x00" in clean:
        raise InputError(f"{origin} looks like a binary file, not text")
    return ArticleInput(
        title=" ".join(title.split())[:MAX_TITLE_CHARS] or first_line_title(clean),
        text=clean,
        url=url.strip(),
        author=" ".join(author.split()),
        published=_date_or_empty(published),
        origin=origin,
    )


def _date_or_empty(text: str) -> str:
    """Extracted dates are a hint: one that does not parse is dropped, not an error."""
    try:
        return iso_date(text)
    except InputError:
        return ""
