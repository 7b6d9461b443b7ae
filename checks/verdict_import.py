"""Verdicts back in: a CSV as exported (possibly edited in a spreadsheet) applied by claim id.

Only the ``verdict`` and ``note`` columns are read (with ``claim_id`` and ``article_id``); every
other column may be edited or dropped. Labels match the scale without regard to case; cells
neutralised on export (a leading ``'``) read back as typed. An empty verdict cell leaves the
verdict as it is; a missing ``note`` column leaves notes as they are. Every problem is reported
with its row number as a spreadsheet shows it (the header is row 1), and then nothing is
applied; otherwise all changes go in at once (one transaction, each in the history).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from checks import config
from checks.digits import parse_id
from checks.errors import ExportError, VerdictError, VerdictImportError
from checks.export import unneutralise
from checks.model import Review
from checks.sources.library import decode_text
from checks.store import Store, canonical_label

DELIMITERS = ",;\t"  # a European spreadsheet saves with ";", "Unicode text" with tabs
REQUIRED = ("claim_id",)
READ_COLUMNS = ("article_id", "claim_id", "verdict", "note")


@dataclass(frozen=True)
class VerdictChange:
    row: int
    claim_id: str
    label: str | None
    note: str | None


@dataclass(frozen=True)
class ImportResult:
    article_id: int
    rows: int
    changed: int


def _decode(data: bytes, *, name: str) -> str:
    """A file as exported (UTF-8 with a byte-order mark, no NUL) reads back whatever control
    characters its notes hold; anything else goes through ``decode_text``'s binary check."""
    if data.startswith(codecs.BOM_UTF8) and b"\x00" not in data:
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError:
            pass
    return decode_text(data, name=name)


def read_rows(data: bytes, *, name: str = "the CSV file") -> list[dict[str, str]]:
    """The CSV's records as dicts (any encoding ``decode_text`` reads, delimiter sniffed).

    A cell may be as long as the file (a note of any length reads back); a quote opened and
    never closed and a column the import reads given twice are each an ``ExportError``
    naming the row or the column (``plan`` finds rows that a quote swallowed)."""
    text = _decode(data, name=name)
    header = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=header.count)
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records = _records(reader, name=name)
    columns = [column.strip() for column in next(records, [])]
    missing = [column for column in REQUIRED if column not in columns]
    if missing or not {"verdict", "note"} & set(columns):
        raise ExportError(
            f"{name} is not a verdicts CSV: it needs a claim_id column and a verdict or note "
            "column (export one from the article to see the layout)"
        )
    _refuse_duplicate_columns(columns, name=name)
    rows: list[dict[str, str]] = []
    for cells in records:
        record = {key: value for key, value in zip(columns, cells, strict=False) if key}
        rows.append({key: record.get(key, "") for key in columns if key})
    return rows


def _records(reader: Iterator[list[str]], *, name: str) -> Iterator[list[str]]:
    """The reader's records; a malformed one is an ``ExportError`` with its row number."""
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ExportError(
                f'{name}, row {number + 1}: a quote (") in this row is not closed where the '
                f"cell ends ({error}); fix the quotes in that row and import again"
            ) from error
        number += 1
        yield cells


def _refuse_duplicate_columns(columns: Sequence[str], *, name: str) -> None:
    for column in READ_COLUMNS:
        places = [_column_letter(i) for i, found in enumerate(columns) if found == column]
        if len(places) > 1:
            raise ExportError(
                f"{name} has {len(places)} {column} columns ({', '.join(places)}): "
                "delete all but one and import again"
            )


def _column_letter(index: int) -> str:
    """The spreadsheet name of a 0-based column: A, B, ..., Z, AA, ..."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


_ROW_CELL = re.compile(r"(?:^|[,;\t])\s*'?(c\d+)\s*(?=[,;\t]|$)")


def _swallowed(record: dict[str, str]) -> Iterator[tuple[str, str]]:
    """(column, claim id) for each later line of a cell that starts like a row of claims
    (a cell that is a claim id: ``1,c12,true``): what a quote opened in that cell and closed
    only later swallowed."""
    for column, value in record.items():
        for line in value.splitlines()[1:]:
            for found in _ROW_CELL.finditer(line):
                yield column, found.group(1)


def article_of(rows: Sequence[dict[str, str]], *, wanted: int | None) -> int:
    """The one article the rows belong to (``wanted`` if given and consistent)."""
    found = {unneutralise(row.get("article_id", "")).strip() for row in rows} - {""}
    if len(found) > 1:
        raise ExportError(f"the file mixes articles {', '.join(sorted(found))}: import one")
    named = next(iter(found), "")
    number = parse_id(named)
    if named and number is None:
        raise ExportError(f"article_id {named[:40]!r} is not an article number")
    if wanted is not None and number is not None and number != wanted:
        raise ExportError(f"the file holds verdicts of article {named}, not of article {wanted}")
    if wanted is not None:
        return wanted
    if number is None:
        raise ExportError("the file has no article_id: say which article to import into")
    return number


def plan(
    rows: Sequence[dict[str, str]], review: Review, *, scale: Sequence[str]
) -> tuple[VerdictChange, ...]:
    """The changes the rows ask for; VerdictImportError listing every bad row."""
    current = {row.claim.id: row.verdict for row in review.rows}
    seen: dict[str, int] = {}
    problems: list[str] = []
    changes: list[VerdictChange] = []
    for number, record in enumerate(rows, start=2):
        if not any(value.strip() for value in record.values()):
            continue
        claim_id = unneutralise(record.get("claim_id", "")).strip()
        where = f"row {number} ({claim_id or 'no claim id'})"
        if claim_id not in current:
            problems.append(f"{where}: the article has no claim {claim_id!r}")
            continue
        if claim_id in seen:
            problems.append(f"{where}: claim already given in row {seen[claim_id]}")
            continue
        seen[claim_id] = number
        typed = unneutralise(record.get("verdict", "")).strip()
        try:
            label = canonical_label(typed, scale=scale) if typed else None
        except VerdictError:
            problems.append(f"{where}: {typed!r} is not a verdict ({', '.join(scale)})")
            continue
        note = unneutralise(record["note"]) if "note" in record else None
        verdict = current[claim_id]
        if (label or verdict.label, verdict.note if note is None else note) != (
            verdict.label, verdict.note,
        ):  # fmt: skip
            changes.append(VerdictChange(number, claim_id, label, note))
    problems += [
        f"row {number}: the {column} cell holds the row of claim {claim_id} (a quote opened "
        "in this cell is closed only later); fix the quotes in that row"
        for number, record in enumerate(rows, start=2)
        for column, claim_id in _swallowed(record)
        if claim_id in current and claim_id not in seen
    ]
    if problems:
        raise VerdictImportError(tuple(problems))
    return tuple(changes)


def import_verdicts(
    store: Store,
    data: bytes,
    *,
    article_id: int | None = None,
    scale: Sequence[str] | None = None,
    name: str = "the CSV file",
) -> ImportResult:
    """Apply a verdicts CSV to its article: all rows or none."""
    labels = config.verdict_scale() if scale is None else scale
    rows = read_rows(data, name=name)
    target = article_of(rows, wanted=article_id)
    changes = plan(rows, store.review(target), scale=labels)
    changed = store.set_verdicts(
        target, [(c.claim_id, c.label, c.note) for c in changes], scale=labels
    )
    return ImportResult(article_id=target, rows=len(rows), changed=changed)
