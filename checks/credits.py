"""Credit lines that stand apart: bylines ("By Steve Scherer and Gabriele Pileri") and photo
credits, a line naming who took a picture ("Jane Roe/Social Media/via REUTERS",
"(AP Photo/John Doe)", "Photo: Getty Images"), and the contact footers of a page ("Contact us
at letters@example.com", "Write to Jane Roe at jane.roe@example.com"). Not a claim
(``checks.claims`` gives it the credit kind), and on a page saved from the web it often stands
between the headline and the dateline (``checks.segment`` looks past it for one)."""

from __future__ import annotations

import re

_PHOTO_LEAD = re.compile(r"^[(\[]?\s*(?:photo(?:graph)?|picture|image|credit)s?\s*:\s*\S", re.I)
_GLUE = frozenset(
    ("and", "&", "de", "da", "van", "von", "der", "al", "bin", "el", "via", "of", "for", "the",
     "photo", "pool", "handout", "file")
)  # fmt: skip
MAX_WORDS = 12
_BYLINE = re.compile(r"^[(\[]?\s*by\s+(?=[A-Z])", re.IGNORECASE)
_NAME_GLUE = frozenset(("and", "&", "de", "da", "van", "von", "der", "al", "bin", "el"))
BYLINE_MAX_WORDS = 15


def is_byline(text: str) -> bool:
    """ "By" and names only.

    >>> is_byline("By Steve Scherer and Gabriele Pileri")
    True
    >>> is_byline("By Tuesday, talks had stalled.")
    False
    """
    byline = _BYLINE.match(text)
    if byline is None:
        return False
    words = text[byline.end() :].strip(" )]").replace(",", " ").split()
    return 0 < len(words) <= BYLINE_MAX_WORDS and all(
        word[0].isupper() or word.lower() in _NAME_GLUE for word in words
    )


def is_photo_credit(text: str) -> bool:
    """A photo's credit: names and agencies joined by slashes, or "Photo: ..." (short).

    >>> is_photo_credit("Jane Roe/Social Media/via REUTERS")
    True
    >>> is_photo_credit("(AP Photo/John Doe, File)")
    True
    >>> is_photo_credit("Photo: Getty Images")
    True
    >>> is_photo_credit("The AFP/Reuters tally rose to 40 dead on Monday.")
    False
    >>> is_photo_credit("Input/output costs rose.")
    False
    """
    words = text.strip(" .()[]").replace(",", " ").replace("/", " / ").split()
    if not 0 < len(words) <= MAX_WORDS:
        return False
    if _PHOTO_LEAD.match(text):
        return True
    names = [word for word in words if word != "/"]
    return "/" in words and all(word[0].isupper() or word.lower() in _GLUE for word in names)


_CONTACT_LEAD = re.compile(
    r"^[(\[]?\s*(?:contact\s+(?:us|the\s+(?:author|reporter|writer|editor)s?|[A-Z][\w.'’-]*"
    r"(?:\s+[A-Z][\w.'’-]*){0,3})|write\s+to|e-?mail|send\s+(?:news\s+)?tips|reach)\b",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|\bhttps?://|\bwww\.|(?<!\w)@\w{2,}")
CONTACT_MAX_WORDS = 20


def is_contact_line(text: str) -> bool:
    """A page's footer asking readers to write: short, "Contact ..." / "Write to ..." /
    "Email ...", with an address.

    >>> is_contact_line("Contact us at letters@example.com")
    True
    >>> is_contact_line("Write to Jane Roe at jane.roe@example.com")
    True
    >>> is_contact_line("Contact with the crew was lost at 9:03 a.m.")
    False
    """
    return (
        len(text.split()) <= CONTACT_MAX_WORDS
        and _CONTACT_LEAD.match(text) is not None
        and _ADDRESS.search(text) is not None
    )
