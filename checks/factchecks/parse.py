"""Fact-check feeds -> ``FactCheck`` items, each with notes on what was taken and why not.

Read as fact-checkers publish them:

- **schema.org ClaimReview JSON-LD**: one object, a list of them, a page's ``@graph``, a
  ``DataFeed`` whose ``dataFeedElement`` holds ``DataFeedItem``s with the ClaimReview (or a
  list of them) in ``item`` (the feed of Google's Fact Check Markup Tool and Data Commons),
  an ``ItemList``, one JSON value per line (JSONL), and this tool's own ClaimReview export;
- a fact-checker's **web page** saved as HTML: its ``<script type="application/ld+json">``
  blocks;
- a **CSV** (or TSV) with the columns claim, rating, publisher, url, date (the names are
  matched loosely: ``claimReviewed``, ``textualRating``, ``review_url`` ... also work).

Real feeds are messy, so every field is read forgivingly and every change is noted: HTML in
text is removed, entities decoded; a list where one value is expected gives its first value;
a string where an object is expected (``"author": "Full Fact"``, ``"reviewRating":
"False"``) is read as its name; ``@type`` may be a list or a full IRI; ``author`` may be a
nested list or an ``{"@id": ...}`` reference to a node of the same ``@graph``; a rating may
have only numbers or only words. An item without a claim, or that is not a ClaimReview, is
skipped, with the reason.

Bounds: a file larger than ``MAX_BYTES``, more than ``MAX_ITEMS`` items or JSON nested
deeper than ``MAX_NESTING`` is refused with a ``FeedError`` before anything is built
(the depth is measured on the raw bytes first: a hostile ``[[[[...`` costs nothing).
Files up to ``WHOLE_BYTES`` are parsed whole (``@id`` references resolve across the
graph); larger ones are streamed item by item (ijson), so a 200,000-item feed needs
little memory.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from html.parser import HTMLParser
from typing import Any

import ijson
import numpy as np

from checks.errors import FeedError
from checks.factchecks.records import FactCheck, Parsed

MAX_BYTES = 512 * 2**20
WHOLE_BYTES = 16 * 2**20
MAX_ITEMS = 1_000_000
MAX_NESTING = 64
MAX_WALK = 12
"""How deep below the top a ClaimReview is looked for (feed > item > list > review)."""
MAX_CLAIM = 2_000
MAX_FIELD = 300
MAX_APPEARANCES = 5
CONTAINERS = ("dataFeedElement", "@graph", "item", "itemListElement", "mainEntity", "review")
"""Keys under which ClaimReviews are looked for in an object that is not one."""
FEED_TYPES = frozenset({"DataFeed", "DataFeedItem", "ItemList", "ListItem", "WebPage"})

_TAG = re.compile(r"<[^<>]{0,2000}>")
_SPACE = re.compile(r"\s+")
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:!?])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_HTTP = re.compile(r"^https?://[^\s/?#]+", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$")
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%d.%m.%Y")
_ESCAPED = b"bfnrtu/"
_STRUCTURE = bytes(range(256)).translate(None, b'[]{}"\\' + _ESCAPED)
_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_STRING = re.compile(rb'"[^"]*"')
_BLANK = re.compile(rb"\s*")


# ---------------------------------------------------------------- entry point


def read_feed(data: bytes, *, name: str) -> tuple[str, Iterator[Parsed]]:
    """The kind of file (``json``, ``html`` or ``csv``) and its items, lazily.

    ``FeedError`` when the file is too large, empty, nested too deeply, or not JSON, HTML or
    CSV; a JSON error in the middle of a streamed file is raised while iterating."""
    if len(data) > MAX_BYTES:
        raise FeedError(
            f"{name} is {len(data) / 2**20:.0f} MiB; feeds of up to {MAX_BYTES // 2**20} MiB "
            "are read: split it"
        )
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    first = _BLANK.match(body).end()  # type: ignore[union-attr]
    start = body[first : first + 1]
    if not start:
        raise FeedError(f"{name} is empty")
    if start in (b"{", b"["):
        check_nesting(body, name=name)
        return "json", _json_items(body, name=name)
    if start == b"<":
        return "html", _html_items(body, name=name)
    return "csv", _csv_items(body, name=name)


def check_nesting(data: bytes, *, name: str) -> None:
    """``FeedError`` if brackets outside strings nest deeper than ``MAX_NESTING``.

    >>> check_nesting(b'{"a": ["[[[[", {"b": 1}]}', name="x")
    >>> check_nesting(b"[" * 65 + b"]" * 65, name="x")
    Traceback (most recent call last):
    ...
    checks.errors.FeedError: x nests JSON deeper than 64 levels: not a feed
    """
    if nesting(data) > MAX_NESTING:
        raise FeedError(f"{name} nests JSON deeper than {MAX_NESTING} levels: not a feed")


def nesting(data: bytes) -> int:
    """How deep the arrays and objects of JSON text nest, measured on the bytes at C speed:
    everything is deleted but brackets, quotes, backslashes and the characters an escape
    may have after its backslash; escapes are removed as pairs, then those characters, then
    the strings; the brackets left are counted (vectorised).

    >>> nesting(b'{"a": "x\\n", "b": "[[[", "c": [[1], {"d": []}]}')
    4
    """
    skeleton = data.translate(None, _STRUCTURE)
    skeleton = _ESCAPE.sub(b"", skeleton).translate(None, _ESCAPED)
    return _deepest(_STRING.sub(b"", skeleton))


_STEP = np.zeros(256, dtype=np.int8)
_STEP[[0x5B, 0x7B]] = 1
_STEP[[0x5D, 0x7D]] = -1


def _deepest(brackets: bytes, *, chunk: int = 1 << 20) -> int:
    """The deepest nesting of a string of brackets (vectorised, in chunks: a 512 MiB
    ``[][][]...`` is counted in about a second, in little memory)."""
    deepest = depth = 0
    for start in range(0, len(brackets), chunk):
        steps = _STEP[
            np.frombuffer(
                brackets, dtype=np.uint8, count=min(chunk, len(brackets) - start), offset=start
            )
        ]
        running = np.cumsum(steps, dtype=np.int32)
        running += depth
        if running.size:
            deepest = max(deepest, int(running.max()))
            depth = int(running[-1])
    return deepest


# ---------------------------------------------------------------- JSON


def _json_items(data: bytes, *, name: str) -> Iterator[Parsed]:
    if len(data) <= WHOLE_BYTES:
        values = _whole_values(data, name=name)
        nodes: Iterator[tuple[str, Any]] = (
            node for where, value in values for node in _walk(value, where, 0)
        )
        ids: Mapping[str, Any] = _LazyIds(values)
    else:
        nodes = _streamed_nodes(data, name=name)
        ids = {}
    return _numbered(nodes, ids, name=name)


def _whole_values(data: bytes, *, name: str) -> list[tuple[str, Any]]:
    """Every top-level JSON value of the file (one, or one per line / concatenated)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FeedError(f"{name} is not UTF-8 text (byte {error.start})") from error
    decoder = json.JSONDecoder()
    values: list[tuple[str, Any]] = []
    position = 0
    try:
        while True:
            while position < len(text) and text[position].isspace():
                position += 1
            if position >= len(text):
                break
            value, position = decoder.raw_decode(text, position)
            values.append(("", value))
    except json.JSONDecodeError as error:
        raise FeedError(
            f"{name} is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from error
    except RecursionError as error:
        raise FeedError(f"{name} nests JSON too deeply: not a feed") from error
    if len(values) > 1:
        return [(f"line {n}", value) for n, (_, value) in enumerate(values, start=1)]
    return values


def _streamed_nodes(data: bytes, *, name: str) -> Iterator[tuple[str, Any]]:
    """Items of a large file one at a time: the elements of a top-level list, of a
    DataFeed's ``dataFeedElement`` or of a ``@graph``, or each top-level value."""
    prefix = _stream_prefix(data)
    base = prefix.removesuffix("item").rstrip(".")
    try:
        for number, value in enumerate(
            ijson.items(io.BytesIO(data), prefix, use_float=True, multiple_values=True)
        ):
            where = f"{base}[{number}]" if prefix else f"line {number + 1}"
            yield from _walk(value, where, 1, quiet=base == "@graph")
    except ijson.JSONError as error:
        raise FeedError(f"{name} is not valid JSON: {error}") from error


def _stream_prefix(data: bytes) -> str:
    """The ijson prefix of the items: ``item`` for a top-level list, ``dataFeedElement.item``
    or ``@graph.item`` for a feed or graph, ``""`` for top-level objects."""
    first = _BLANK.match(data).end()  # type: ignore[union-attr]
    if data[first : first + 1] == b"[":
        return "item"
    try:
        for prefix, event, value in ijson.parse(io.BytesIO(data), multiple_values=True):
            if prefix == "" and event == "map_key" and value in ("dataFeedElement", "@graph"):
                return f"{value}.item"
            if prefix == "" and event == "end_map":
                break
    except ijson.JSONError:
        pass
    return ""


def _numbered(
    nodes: Iterator[tuple[str, Any]], ids: Mapping[str, Any], *, name: str
) -> Iterator[Parsed]:
    for number, (where, node) in enumerate(nodes, start=1):
        if number > MAX_ITEMS:
            raise FeedError(f"{name} has more than {MAX_ITEMS:,} items: split it")
        yield review_item(node, number=number, where=where or "top", ids=ids)


_TOO_DEEP = object()


def _walk(value: Any, where: str, depth: int, *, quiet: bool = False) -> Iterator[tuple[str, Any]]:
    """ClaimReview candidates under ``value``: ClaimReviews themselves, and the objects found
    where one was expected that are something else (reported as skipped). ``quiet``: the
    nodes of a page's ``@graph`` or script that are not ClaimReviews (the page, its
    publisher, breadcrumbs) are context, not items, and are passed over."""
    if depth > MAX_WALK:
        yield where, _TOO_DEEP
        return
    if isinstance(value, list):
        for index, element in enumerate(value):
            yield from _walk(element, f"{where}[{index}]", depth + 1, quiet=quiet)
        return
    if not isinstance(value, dict):
        if not quiet:
            yield where, value
        return
    types = types_of(value)
    if "ClaimReview" in types or "claimReviewed" in value:
        yield where, value
        return
    found = False
    for key in CONTAINERS:
        inner = value.get(key)
        if inner is None or (key in ("mainEntity", "review") and not _has_review(inner)):
            continue
        found = True
        inside = f"{where}.{key}" if where else key
        yield from _walk(inner, inside, depth + 1, quiet=quiet or key == "@graph")
    if not found and not quiet:
        yield where, value


def _has_review(value: Any) -> bool:
    items = value if isinstance(value, list) else [value]
    return any(isinstance(item, dict) and "ClaimReview" in types_of(item) for item in items)


class _LazyIds(Mapping[str, Any]):
    """``_ids`` of the file, collected the first time a reference is looked up (most feeds
    have none, and walking a whole file for nothing costs a third of the parse)."""

    def __init__(self, values: list[tuple[str, Any]]) -> None:
        self._values = values
        self._found: dict[str, Any] | None = None

    def _all(self) -> dict[str, Any]:
        if self._found is None:
            self._found = _ids(self._values)
        return self._found

    def __getitem__(self, key: str) -> Any:
        return self._all()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def _ids(values: list[tuple[str, Any]]) -> dict[str, Any]:
    """Objects with an ``@id`` anywhere in the file (for ``{"@id": ...}`` references)."""
    found: dict[str, Any] = {}
    stack: list[tuple[Any, int]] = [(value, 0) for _, value in values]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_WALK:
            continue
        if isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, dict):
            identifier = value.get("@id")
            if isinstance(identifier, str) and len(value) > 1:
                found.setdefault(identifier, value)
            stack.extend((item, depth + 1) for item in value.values())
    return found


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


# ---------------------------------------------------------------- one ClaimReview


class _Notes:
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
    if node is _TOO_DEEP:
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
    notes = _Notes()
    if "ClaimReview" not in types:
        notes.add("no @type ClaimReview, read as one (it has claimReviewed)")
    refs: Mapping[str, Any] = {} if ids is None else ids
    claim = text_of(get(node, "claimReviewed"), "claimReviewed", notes, limit=MAX_CLAIM)
    if not claim:
        return Parsed(number, where, None, ("no claimReviewed (the claim's text)",))
    factcheck = FactCheck(
        url=_review_url(node, notes),
        claim=claim,
        **_rating(get(node, "reviewRating"), notes),
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


def first(value: Any, field: str, notes: _Notes) -> Any:
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


def text_of(value: Any, field: str, notes: _Notes, *, limit: int = MAX_FIELD) -> str:
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


def url_of(value: Any, field: str, notes: _Notes) -> str:
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


def _review_url(node: Mapping[str, Any], notes: _Notes) -> str:
    url = url_of(get(node, "url"), "url", notes)
    if not url:
        url = url_of(get(node, "@id"), "url", _Notes())
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


def _rating(value: Any, notes: _Notes) -> dict[str, Any]:
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
    value: Any, ids: Mapping[str, Any], notes: _Notes, *, field: str = "author"
) -> dict[str, Any]:
    """publisher and publisher_url of the fact-checker (``author``, else ``publisher``)."""
    name, url = _named(value, ids, field, notes)
    if not name:
        notes.add("no author or publisher: the fact-checker is unknown")
    return {"publisher": name, "publisher_url": url}


def _named(value: Any, ids: Mapping[str, Any], field: str, notes: _Notes) -> tuple[str, str]:
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
                return name, url_of(get(item, "url") or get(item, "sameAs"), field, _Notes())
    return "", ""


def date_of(value: Any, field: str, notes: _Notes) -> str:
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


def _language(value: Any, notes: _Notes) -> str:
    """A language code ("en", "pt-BR") from a string or a Language object."""
    value = first(value, "inLanguage", notes)
    if isinstance(value, dict):
        value = get(value, "alternateName") or get(value, "name")
    if not isinstance(value, str):
        return ""
    return text_of(value, "inLanguage", notes, limit=40)


def _item_reviewed(value: Any, ids: Mapping[str, Any], notes: _Notes) -> dict[str, Any]:
    """claimant, claim_date and appearances of the reviewed ``Claim`` (or CreativeWork)."""
    value = first(value, "itemReviewed", notes)
    if isinstance(value, str):
        url = url_of(value, "itemReviewed", _Notes())
        return {"appearances": (url,)} if url else {}
    if not isinstance(value, dict):
        return {}
    claimant, _ = _named(get(value, "author"), ids, "itemReviewed.author", notes)
    urls: list[str] = []
    for key in ("appearance", "firstAppearance", "url", "sameAs"):
        raw = get(value, key)
        for element in raw if isinstance(raw, list) else [raw]:
            url = url_of(element, f"itemReviewed.{key}", _Notes())
            if url and url not in urls:
                urls.append(url)
    if len(urls) > MAX_APPEARANCES:
        notes.add(f"itemReviewed has {len(urls)} appearances: the first {MAX_APPEARANCES} kept")
    return {
        "claimant": claimant,
        "claim_date": date_of(get(value, "datePublished"), "itemReviewed.datePublished", notes),
        "appearances": tuple(urls[:MAX_APPEARANCES]),
    }


# ---------------------------------------------------------------- HTML pages


class _Scripts(HTMLParser):
    """The text of every ``<script type="application/ld+json">`` of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = dict(attrs).get("type") or ""
        if tag == "script" and kind.strip().lower() == "application/ld+json":
            self._inside = True
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.blocks[-1] += data


def _html_items(data: bytes, *, name: str) -> Iterator[Parsed]:
    if len(data) > WHOLE_BYTES:
        raise FeedError(f"{name} is a web page of over {WHOLE_BYTES // 2**20} MiB: not read")
    parser = _Scripts()
    parser.feed(data.decode("utf-8", errors="replace"))
    parser.close()
    if not parser.blocks:
        raise FeedError(f"{name} is a web page without JSON-LD (no application/ld+json script)")
    values: list[tuple[str, Any]] = []
    broken: list[int] = []
    for number, block in enumerate(parser.blocks, start=1):
        try:
            check_nesting(block.encode("utf-8"), name=name)
            values.append((f"script {number}", json.loads(block)))
        except (json.JSONDecodeError, RecursionError):
            broken.append(number)
    nodes = [node for where, value in values for node in _walk(value, where, 0, quiet=True)]
    if not nodes and not broken:
        kinds = sorted({t for _, v in values for t in _all_types(v)})
        raise FeedError(
            f"{name} has JSON-LD but no ClaimReview in it"
            + (f" (found: {', '.join(kinds)[:200]})" if kinds else "")
        )
    items = list(_numbered(iter(nodes), _LazyIds(values), name=name))
    for index, number in enumerate(broken, start=len(items) + 1):
        items.append(Parsed(index, f"script {number}", None, ("not valid JSON",)))
    return iter(items)


def _all_types(value: Any) -> set[str]:
    if isinstance(value, list):
        return {t for item in value[:50] for t in _all_types(item)}
    if isinstance(value, dict):
        found = set(types_of(value))
        for key in ("@graph", "mainEntity"):
            found |= _all_types(value.get(key))
        return found
    return set()


# ---------------------------------------------------------------- CSV

COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "claim": ("claim", "claimreviewed", "claim_reviewed", "text", "claim text", "statement"),
    "rating": ("rating", "textualrating", "textual_rating", "verdict", "label", "alternatename"),
    "publisher": ("publisher", "author", "factchecker", "fact_checker", "fact-checker", "site"),
    "url": ("url", "review_url", "reviewurl", "link", "fact_check_url", "review url"),
    "date": ("date", "datepublished", "date_published", "review_date", "reviewdate"),
    "language": ("language", "inlanguage", "lang", "languagecode"),
    "headline": ("headline", "title"),
    "claimant": ("claimant", "claim_author", "said_by", "speaker"),
    "claim_date": ("claim_date", "claimdate"),
}


def _csv_text(data: bytes, name: str) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise FeedError(f"{name} is neither JSON, a web page nor a CSV text file")
    return data.decode("cp1252", errors="replace"), "not UTF-8: read as Windows-1252"


def _csv_items(data: bytes, *, name: str) -> Iterator[Parsed]:
    text, encoding_note = _csv_text(data, name)
    sample = text[:8192]
    delimiter = max(",;\t", key=lambda d: sample.split("\n", 1)[0].count(d))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise FeedError(f"{name} is not a CSV file with a header row") from error
    columns = _columns(header)
    if "claim" not in columns:
        raise FeedError(
            f"{name} is not JSON-LD, and as CSV it has no claim column "
            f"(found: {', '.join(h.strip() for h in header[:8])[:200]}); "
            "expected claim, rating, publisher, url, date"
        )
    return _csv_rows(reader, columns, name=name, encoding_note=encoding_note)


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, raw in enumerate(header):
        label = raw.strip().strip('"').casefold()
        for field, names in COLUMN_NAMES.items():
            if label in names and field not in found:
                found[field] = index
    return found


def _csv_rows(
    reader: Any, columns: dict[str, int], *, name: str, encoding_note: str
) -> Iterator[Parsed]:
    number = 0
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            number += 1
            if number > MAX_ITEMS:
                raise FeedError(f"{name} has more than {MAX_ITEMS:,} rows: split it")
            yield csv_item(row, columns, number=number, line=reader.line_num,
                           encoding_note=encoding_note)  # fmt: skip
    except csv.Error as error:
        raise FeedError(
            f"{name} is not a readable CSV at line {reader.line_num}: {error}"
        ) from error


def csv_item(
    row: list[str], columns: Mapping[str, int], *, number: int, line: int, encoding_note: str = ""
) -> Parsed:
    """One CSV row as a ``Parsed`` item, with the same cleaning as JSON-LD fields."""
    notes = _Notes()
    if encoding_note:
        notes.add(encoding_note)

    def cell(field: str) -> str:
        index = columns.get(field)
        return row[index].strip() if index is not None and index < len(row) else ""

    where = f"line {line}"
    claim = text_of(cell("claim"), "claim", notes, limit=MAX_CLAIM)
    if not claim:
        return Parsed(number, where, None, ("no claim",))
    rating = _rating(cell("rating") or None, notes)
    publisher = text_of(cell("publisher"), "publisher", notes)
    if not publisher:
        notes.add("no publisher: the fact-checker is unknown")
    url = url_of(cell("url"), "url", notes)
    if not url:
        notes.add("no review url: the fact-check cannot be linked")
    factcheck = FactCheck(
        url=url,
        claim=claim,
        **rating,
        publisher=publisher,
        date=date_of(cell("date"), "date", notes),
        language=text_of(cell("language"), "language", notes, limit=40),
        headline=text_of(cell("headline"), "headline", notes),
        claimant=text_of(cell("claimant"), "claimant", notes),
        claim_date=date_of(cell("claim_date"), "claim_date", notes),
    )
    return Parsed(number, where, factcheck, tuple(notes.items), claim)
