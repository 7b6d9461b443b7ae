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

import io
import json
import re
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from typing import Any

import ijson
import numpy as np

from checks.errors import FeedError
from checks.factchecks.csvfeed import csv_items
from checks.factchecks.fields import TOO_DEEP, review_item, types_of
from checks.factchecks.records import Parsed

MAX_BYTES = 512 * 2**20
WHOLE_BYTES = 16 * 2**20
MAX_ITEMS = 1_000_000
MAX_NESTING = 64
MAX_WALK = 12
"""How deep below the top a ClaimReview is looked for (feed > item > list > review)."""
CONTAINERS = ("dataFeedElement", "@graph", "item", "itemListElement", "mainEntity", "review")
"""Keys under which ClaimReviews are looked for in an object that is not one."""

_ESCAPED = b"bfnrtu/"
_STRUCTURE = bytes(range(256)).translate(None, b'[]{}"\\' + _ESCAPED)
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
    return "csv", csv_items(body, name=name, max_items=MAX_ITEMS)


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
    """How deep the arrays and objects of JSON text nest, measured on the bytes at C speed,
    without a Python object per string: everything is deleted but brackets, quotes,
    backslashes and the letters an escape may have after its backslash; escaped backslashes
    and then escaped quotes are removed (``bytes.replace``, left to right, as JSON reads
    them); backslashes and letters go; then numpy counts the brackets outside quotes.

    >>> nesting(b'{"a": "x\\n", "b": "[[[", "c": [[1], {"d": []}]}')
    4
    """
    skeleton = data.translate(None, _STRUCTURE)
    skeleton = skeleton.replace(b"\\\\", b"").replace(b'\\"', b"")
    return _deepest(skeleton.translate(None, b"\\" + _ESCAPED))


_STEP = np.zeros(256, dtype=np.int8)
_STEP[[0x5B, 0x7B]] = 1
_STEP[[0x5D, 0x7D]] = -1


def _deepest(skeleton: bytes, *, chunk: int = 1 << 20) -> int:
    """The deepest nesting of brackets outside quoted runs in a string of brackets and
    quotes (vectorised, in chunks: little memory for any size)."""
    deepest = depth = quotes = 0
    for start in range(0, len(skeleton), chunk):
        size = min(chunk, len(skeleton) - start)
        part = np.frombuffer(skeleton, dtype=np.uint8, count=size, offset=start)
        quoted = np.cumsum(part == 0x22, dtype=np.int64) + quotes
        steps = _STEP[part].astype(np.int32)
        steps[(quoted & 1) == 1] = 0
        running = np.cumsum(steps, dtype=np.int32)
        running += depth
        deepest = max(deepest, int(running.max()))
        depth, quotes = int(running[-1]), int(quoted[-1])
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


def _walk(value: Any, where: str, depth: int, *, quiet: bool = False) -> Iterator[tuple[str, Any]]:
    """ClaimReview candidates under ``value``: ClaimReviews themselves, and the objects found
    where one was expected that are something else (reported as skipped). ``quiet``: the
    nodes of a page's ``@graph`` or script that are not ClaimReviews (the page, its
    publisher, breadcrumbs) are context, not items, and are passed over."""
    if depth > MAX_WALK:
        yield where, TOO_DEEP
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
