"""Reading the fields of one ClaimReview, forgivingly, noting every change.

A list where one value is expected gives its first value (noted); a string where an object
is expected (``"author": "Full Fact"``, ``"reviewRating": "False"``) is read as its name;
``@type`` may be a list or a full IRI; ``author`` may be a nested list or an ``{"@id"}``
reference; text loses its HTML and entities; dates are read from ISO text or "March 5,
2024"; addresses are kept only when they are http(s).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from checks.factchecks.records import FactCheck, Parsed

MAX_CLAIM: Final = 2_000
MAX_FIELD: Final = 300
MAX_APPEARANCES: Final = 5
FEED_TYPES: Final = frozenset({"DataFeed", "DataFeedItem", "ItemList", "ListItem", "WebPage"})
TOO_DEEP: Final = object()
"""Put where a ClaimReview was looked for too deep in a file (reported as skipped)."""

_TAG = re.compile(r"<[^<>]{0,2000}>")
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:!?])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_HTTP = re.compile(r"^https?://[^\s/?#]+", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$")
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%d.%m.%Y")


def types_of(node: Mapping[str, Any]) -> frozenset[str]:
    """The ``@type`` names of a node, a list or one, IRIs shortened.

    >>> sorted(types_of({"@type": ["Review", "http://schema.org/ClaimReview"]}))
    ['ClaimReview', 'Review']
    >>> sorted(types_of({"type": "schema:ClaimReview"}))
    ['ClaimReview']
    """
    raw = node.get("@type", node.get("type"))
    names = raw if isinstance(raw, list) else [raw]
    return frozenset(_short_type(name) for name in names if isinstance(name, str))


def _short_type(name: str) -> str:
    if "/" in name or ":" in name or "#" in name:
        return re.split(r"[/:#]", name.strip())[-1]
    return name.strip()


class Notes:
    """The notes of one item, in the order they arose, each once."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, note: str) -> None:
        if note not in self.items:
            self.items.append(note)


def review_item(
    node: Any, *, number: int, where: str, ids: Mapping[str, Any] | None = None
) -> Parsed:
    """One ClaimReview candidate as a ``Parsed`` item (``factcheck`` None if skipped)."""
    if node is TOO_DEEP:
        return Parsed(number, where, None, ("nested too deeply to be a feed item",))
    if not isinstance(node, dict):
        kind = "text" if isinstance(node, str) else type(node).__name__
        return Parsed(number, where, None, (f"a {kind} value, not a ClaimReview",))
    types = types_of(node)
    if "ClaimReview" not in types and "claimReviewed" not in node:
        shown = ", ".join(sorted(types)) or "an object without @type"
        if types & FEED_TYPES:
            reason = f"a {shown[:60]} with no ClaimReview in it"
            return Parsed(number, where, None, (reason,))
        return Parsed(number, where, None, (f"{shown[:80]}, not a ClaimReview",))
    notes = Notes()
    if "ClaimReview" not in types:
        notes.add("no @type ClaimReview, read as one (it has claimReviewed)")
    refs: Mapping[str, Any] = {} if ids is None else ids
    claim = text_of(get(node, "claimReviewed"), "claimReviewed", notes, limit=MAX_CLAIM)
    if not claim:
        return Parsed(number, where, None, ("no claimReviewed (the claim's text)",))
    factcheck = FactCheck(
        url=_review_url(node, notes),
        claim=claim,
        **rating_of(get(node, "reviewRating"), notes),
        **_organisation(get(node, "author") or get(node, "publisher"), refs, notes),
        date=date_of(get(node, "datePublished"), "datePublished", notes),
        language=_language(get(node, "inLanguage"), notes),
        headline=text_of(get(node, "headline") or get(node, "name"), "headline", notes),
        **_item_reviewed(get(node, "itemReviewed"), refs, notes),
    )
    return Parsed(number, where, factcheck, tuple(notes.items), claim)


def get(node: Any, key: str) -> Any:
    """``node[key]`` (also ``schema:key`` or a capitalised ``Key``), None when absent."""
    if not isinstance(node, dict):
        return None
    if key in node:
        return node[key]
    for candidate in (f"schema:{key}", key[:1].upper() + key[1:]):
        if candidate in node:
            return node[candidate]
    return None


def first(value: Any, field: str, notes: Notes) -> Any:
    """The first non-empty value of a list (noted), or the value itself."""
    if not isinstance(value, list):
        return value
    values = [item for item in value if item not in (None, "", [], {})]
    if len(values) > 1:
        notes.add(f"{field} had {len(values)} values: the first was taken")
    return values[0] if values else None


def clean(text: str) -> tuple[str, bool]:
    """Text with tags removed, entities decoded (twice-escaped ones too), control
    characters dropped and white space collapsed; and whether tags were removed.

    >>> clean("<p>Vaccines &amp;amp; <b>autism</b></p>\\n ")
    ('Vaccines & autism', True)
    """
    stripped = _TAG.sub(" ", text) if "<" in text else text
    had_tags = stripped != text
    decoded = html.unescape(stripped) if "&" in stripped else stripped
    if "&" in decoded and decoded != stripped:
        decoded = html.unescape(decoded)
    if not decoded.isprintable():
        decoded = _CONTROL.sub(" ", decoded)
    text = " ".join(decoded.split())
    if had_tags:
        text = _SPACE_BEFORE_STOP.sub(r"\1", text)
    return text, had_tags


def text_of(value: Any, field: str, notes: Notes, *, limit: int = MAX_FIELD) -> str:
    """A text field: a string, the first of a list, ``@value``/``name``/``text`` of an
    object, or a number; cleaned (``clean``) and cut at ``limit`` characters (noted)."""
    value = first(value, field, notes)
    if isinstance(value, dict):
        value = value.get("@value", value.get("name", value.get("text")))
        value = first(value, field, notes)
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (int, float)):
        value = f"{value:g}"
    if not isinstance(value, str):
        notes.add(f"{field} is not text: left out")
        return ""
    text, had_tags = clean(value)
    if had_tags:
        notes.add(f"HTML removed from {field}")
    if len(text) > limit:
        notes.add(f"{field} cut to {limit:,} characters (it had {len(text):,})")
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text


def url_of(value: Any, field: str, notes: Notes) -> str:
    """An http(s) address from a string, a list or an object's ``url``/``@id``; else ""."""
    value = first(value, field, notes)
    if isinstance(value, dict):
        value = value.get("url", value.get("@id"))
        value = first(value, field, notes)
    if not isinstance(value, str) or not value.strip():
        return ""
    url = html.unescape(value.strip())
    if not _HTTP.match(url) or len(url.split(maxsplit=1)) > 1:
        notes.add(f"{field} is not an http(s) address: left out")
        return ""
    return url[:2000]


def _review_url(node: Mapping[str, Any], notes: Notes) -> str:
    url = url_of(get(node, "url"), "url", notes)
    if not url:
        url = url_of(get(node, "@id"), "url", Notes())
    if not url:
        notes.add("no review url: the fact-check cannot be linked")
    return url


def number_of(value: Any) -> float | None:
    """A rating number from a number or a numeric string ("4", "4,5"); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().replace(",", "."))
        except ValueError:
            return None
    return None


def rating_of(value: Any, notes: Notes) -> dict[str, Any]:
    """rating, rating_value, best_rating, worst_rating of a ``reviewRating``."""
    value = first(value, "reviewRating", notes)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        value = {"alternateName": value}
    if not isinstance(value, dict):
        notes.add("no rating")
        return {}
    label = text_of(get(value, "alternateName") or get(value, "name"), "rating", notes)
    number = number_of(first(get(value, "ratingValue"), "ratingValue", notes))
    best = number_of(first(get(value, "bestRating"), "bestRating", notes))
    worst = number_of(first(get(value, "worstRating"), "worstRating", notes))
    if number is not None:
        best = 5.0 if best is None else best
        worst = 1.0 if worst is None else worst
        low, high = min(best, worst), max(best, worst)
        if not low <= number <= high:
            notes.add(f"ratingValue {number:g} is outside {worst:g}–{best:g}: left out")
            number = None
    if not label and number is not None:
        label = f"{number:g} of {worst:g}–{best:g}"
        notes.add("the rating has only numbers")
    if not label:
        notes.add("no rating")
        return {}
    if number is None:
        best = worst = None
    return {"rating": label, "rating_value": number, "best_rating": best, "worst_rating": worst}


def _organisation(
    value: Any, ids: Mapping[str, Any], notes: Notes, *, field: str = "author"
) -> dict[str, Any]:
    """publisher and publisher_url of the fact-checker (``author``, else ``publisher``)."""
    name, url = _named(value, ids, field, notes)
    if not name:
        notes.add("no author or publisher: the fact-checker is unknown")
    return {"publisher": name, "publisher_url": url}


def _named(value: Any, ids: Mapping[str, Any], field: str, notes: Notes) -> tuple[str, str]:
    """The name and http(s) url of a person or organisation: an object, a string, an
    ``{"@id"}`` reference, or nested lists of them (the first with a name)."""
    candidates = [value]
    for _ in range(64):
        if not candidates:
            break
        item = candidates.pop(0)
        if isinstance(item, list):
            candidates[:0] = item
            continue
        if isinstance(item, dict) and set(item) <= {"@id", "@type"} and "@id" in item:
            item = ids.get(str(item["@id"]), item)
        if isinstance(item, str):
            name = text_of(item, field, notes)
            if name and not _HTTP.match(name):
                return name, ""
        if isinstance(item, dict):
            name = text_of(get(item, "name") or get(item, "legalName"), field, notes)
            if name:
                return name, url_of(get(item, "url") or get(item, "sameAs"), field, Notes())
    return "", ""


def date_of(value: Any, field: str, notes: Notes) -> str:
    """``YYYY-MM-DD`` (or ``YYYY-MM``/``YYYY``) from ISO text or "March 5, 2024"; else ""."""
    value = first(value, field, notes)
    if isinstance(value, dict):
        value = value.get("@value")
    if value in (None, ""):
        return ""
    if not isinstance(value, str):
        notes.add(f"{field} is not a date: left out")
        return ""
    text = value.strip()
    matched = _ISO_DATE.match(text)
    if matched:
        year, month, day = matched.groups()
        try:
            if day:
                return datetime(int(year), int(month), int(day)).strftime("%Y-%m-%d")
            if month:
                return datetime(int(year), int(month), 1).strftime("%Y-%m")
            return year
        except ValueError:
            pass
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).strftime("%Y-%m-%d")
        except ValueError:
            continue
    notes.add(f"{field} {text[:40]!r} is not a date this tool reads: left out")
    return ""


def _language(value: Any, notes: Notes) -> str:
    """A language code ("en", "pt-BR") from a string or a Language object."""
    value = first(value, "inLanguage", notes)
    if isinstance(value, dict):
        value = get(value, "alternateName") or get(value, "name")
    if not isinstance(value, str):
        return ""
    return text_of(value, "inLanguage", notes, limit=40)


def _item_reviewed(value: Any, ids: Mapping[str, Any], notes: Notes) -> dict[str, Any]:
    """claimant, claim_date and appearances of the reviewed ``Claim`` (or CreativeWork)."""
    value = first(value, "itemReviewed", notes)
    if isinstance(value, str):
        url = url_of(value, "itemReviewed", Notes())
        return {"appearances": (url,)} if url else {}
    if not isinstance(value, dict):
        return {}
    claimant, _ = _named(get(value, "author"), ids, "itemReviewed.author", notes)
    urls: list[str] = []
    for key in ("appearance", "firstAppearance", "url", "sameAs"):
        raw = get(value, key)
        for element in raw if isinstance(raw, list) else [raw]:
            url = url_of(element, f"itemReviewed.{key}", Notes())
            if url and url not in urls:
                urls.append(url)
    if len(urls) > MAX_APPEARANCES:
        notes.add(f"itemReviewed has {len(urls)} appearances: the first {MAX_APPEARANCES} kept")
    return {
        "claimant": claimant,
        "claim_date": date_of(get(value, "datePublished"), "itemReviewed.datePublished", notes),
        "appearances": tuple(urls[:MAX_APPEARANCES]),
    }
