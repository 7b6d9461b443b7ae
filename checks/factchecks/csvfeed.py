"""Fact-checks from a CSV (or TSV, semicolons): the columns claim, rating, publisher, url,
date (and language, headline, claimant, claim_date), named loosely (``claimReviewed``,
``textualRating``, ``review_url`` ... also work), every cell read like the JSON-LD fields.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from typing import Any

from checks.errors import FeedError
from checks.factchecks.fields import (
    MAX_CLAIM,
    Notes,
    date_of,
    rating_of,
    text_of,
    url_of,
)
from checks.factchecks.records import FactCheck, Parsed

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


def csv_items(data: bytes, *, name: str, max_items: int) -> Iterator[Parsed]:
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
    return _csv_rows(reader, columns, name=name, encoding_note=encoding_note, max_items=max_items)


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, raw in enumerate(header):
        label = raw.strip().strip('"').casefold()
        for field, names in COLUMN_NAMES.items():
            if label in names and field not in found:
                found[field] = index
    return found


def _csv_rows(
    reader: Any, columns: dict[str, int], *, name: str, encoding_note: str, max_items: int
) -> Iterator[Parsed]:
    number = 0
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            number += 1
            if number > max_items:
                raise FeedError(f"{name} has more than {max_items:,} rows: split it")
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
    notes = Notes()
    if encoding_note:
        notes.add(encoding_note)

    def cell(field: str) -> str:
        index = columns.get(field)
        return row[index].strip() if index is not None and index < len(row) else ""

    where = f"line {line}"
    claim = text_of(cell("claim"), "claim", notes, limit=MAX_CLAIM)
    if not claim:
        return Parsed(number, where, None, ("no claim",))
    rating = rating_of(cell("rating") or None, notes)
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
