"""The passages of a library as columns: spans and stem ids in numpy arrays, per document.

A million passages as Python objects (``Passage``, a tuple of stems each) take gigabytes and
seconds to make; as columns they take a few hundred megabytes, load in a second, and
``PassageView`` / ``BodyView`` make a ``Passage`` or a tuple of stems only when the matcher
asks for one (about 30 candidates per claim).

``build_table(documents, digests, previous=...)`` splits and stems only the documents that
``previous`` (the index built before, see ``checks.index``) does not hold with the same
``document_digest``; the others' spans and stems are copied over. The stem vocabulary is
rebuilt compact: stems of removed documents do not linger.

>>> from checks.model import Document, SourceKind
>>> doc = Document(SourceKind.LIBRARY, "n1", "NATO", "", "r1", "en",
...                "NATO was founded in 1949. It has 32 members.", "2024-06-15T00:00:00Z")
>>> table = build_table([doc], [document_digest(doc)])
>>> [p.text for p in PassageView(table)]
['NATO was founded in 1949.', 'It has 32 members.']
>>> list(BodyView(table))
[('nato', 'found', '1949'), ('has', '32', 'member')]
>>> build_table([doc], [document_digest(doc)], previous=table).reused
1
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from checks.match import tokens
from checks.model import Document, Passage
from checks.passages import split_passages

IntArray = npt.NDArray[np.int64]
IdArray = npt.NDArray[np.int32]

BLOCK_PASSAGES = 100_000
"""Passages counted per step, so the temporary arrays stay small whatever the library."""


def document_digest(document: Document) -> str:
    """A hash of everything a document's passages and stems depend on: uid, revision,
    title, language and text."""
    text = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
    fields = [document.uid, document.revision, document.title, document.language, text]
    return hashlib.sha256(json.dumps(fields).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class PassageTable:
    """Passages and stems of documents (in this order) as arrays.

    Document ``d`` is ``uids[d]`` (``Document.uid``) with text ``texts[d]`` and
    ``document_digest`` ``digests[d]``; its passages are rows ``doc_offsets[d]:doc_offsets[d
    + 1]``; passage ``i`` is ``texts[d][spans[i, 0]:spans[i, 1]]``, its stems are ``stems[j]
    for j in body_ids[body_offsets[i]:body_offsets[i + 1]]``; the title stems of document
    ``d`` are ``title_ids[title_offsets[d]:title_offsets[d + 1]]``. ``texts`` may be empty
    strings for a table read back only to copy from (``checks.index``).
    """

    uids: tuple[str, ...]
    texts: tuple[str, ...]
    digests: tuple[str, ...]
    doc_offsets: IntArray
    spans: IntArray
    stems: tuple[str, ...]
    body_ids: IdArray
    body_offsets: IntArray
    title_ids: IdArray
    title_offsets: IntArray
    field_df: IntArray
    """For each stem id, how many passages hold it in the field bm25s indexes: the body or
    the document's title (``Matcher``'s ``df``; the title stems count, as in bm25s)."""
    reused: int = 0
    """How many documents were copied from the previous table rather than split again."""
    _doc_of: IdArray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        counts = np.diff(self.doc_offsets)
        _require(self.doc_offsets.ndim == 1 and bool(np.all(counts >= 0)), "document offsets")
        _require(int(counts.sum()) == len(self.spans), "document offsets")
        doc_of = np.repeat(np.arange(len(self.uids), dtype=np.int32), counts)
        object.__setattr__(self, "_doc_of", doc_of)

    @property
    def passage_count(self) -> int:
        return len(self.spans)

    def document_of(self, passage: int) -> int:
        """The position of the document that passage ``passage`` belongs to."""
        return int(self._doc_of[passage])

    def passage_documents(self) -> IdArray:
        """The document position of every passage."""
        return self._doc_of

    def titled(self) -> dict[str, tuple[str, ...]]:
        """Each document uid's title stems."""
        return {
            uid: tuple(self.stems[j] for j in self._title(d).tolist())
            for d, uid in enumerate(self.uids)
        }

    def _title(self, document: int) -> IdArray:
        return self.title_ids[self.title_offsets[document] : self.title_offsets[document + 1]]


class PassageView(Sequence[Passage]):
    """The table's passages as a read-only sequence; each ``Passage`` is made when asked."""

    def __init__(self, table: PassageTable) -> None:
        self._table = table
        self._spans = table.spans

    def __len__(self) -> int:
        return self._table.passage_count

    @overload
    def __getitem__(self, index: int) -> Passage: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Passage, ...]: ...
    def __getitem__(self, index: int | slice) -> Passage | tuple[Passage, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        at = _position(index, len(self))
        d = self._table.document_of(at)
        start, end = (int(x) for x in self._spans[at])
        return Passage(self._table.uids[d], start, end, self._table.texts[d][start:end])

    def __iter__(self) -> Iterator[Passage]:
        for at in range(len(self)):
            yield self[at]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]


class BodyView(Sequence[tuple[str, ...]]):
    """The table's passage stems (``checks.match.tokens``) as a read-only sequence."""

    def __init__(self, table: PassageTable) -> None:
        self._stems = table.stems
        self._ids = table.body_ids
        self._offsets = table.body_offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, index: int) -> tuple[str, ...]: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[tuple[str, ...], ...]: ...
    def __getitem__(self, index: int | slice) -> tuple[str, ...] | tuple[tuple[str, ...], ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        at = _position(index, len(self))
        ids = self._ids[self._offsets[at] : self._offsets[at + 1]].tolist()
        return tuple(self._stems[j] for j in ids)

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        for at in range(len(self)):
            yield self[at]


def _position(index: int, length: int) -> int:
    at = index + length if index < 0 else index
    if not 0 <= at < length:
        raise IndexError(index)
    return at


@dataclass
class _Builder:
    """Collects the columns document by document."""

    vocabulary: dict[str, int] = field(default_factory=dict)
    """Stem -> id, in the order first seen (so ``list(vocabulary)`` is the stem of each id)."""
    spans: list[IntArray] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    body_ids: list[IdArray] = field(default_factory=list)
    body_lengths: list[IntArray] = field(default_factory=list)
    title_ids: list[IdArray] = field(default_factory=list)

    def ids(self, words: Sequence[str]) -> list[int]:
        vocabulary = self.vocabulary
        add = vocabulary.setdefault
        return [add(word, len(vocabulary)) for word in words]

    def add_new(self, document: Document) -> None:
        """Split (``checks.passages``) and stem (``checks.match.tokens``) ``document``."""
        vocabulary = self.vocabulary
        add = vocabulary.setdefault
        passages = split_passages(document)
        bodies = [[add(word, len(vocabulary)) for word in tokens(p.text)] for p in passages]
        self.spans.append(np.array([(p.start, p.end) for p in passages], np.int64).reshape(-1, 2))
        self.counts.append(len(passages))
        self.body_ids.append(np.array([j for body in bodies for j in body], np.int32))
        self.body_lengths.append(np.array([len(body) for body in bodies], np.int64))
        self.title_ids.append(np.array(self.ids(tokens(document.title)), np.int32))

    def add_copy(self, previous: PassageTable, d: int, remap: IdArray) -> None:
        """Copy document ``d`` of ``previous``, its stem ids renumbered into this vocabulary."""
        first, last = int(previous.doc_offsets[d]), int(previous.doc_offsets[d + 1])
        lo, hi = int(previous.body_offsets[first]), int(previous.body_offsets[last])
        self.spans.append(previous.spans[first:last])
        self.counts.append(last - first)
        self.body_ids.append(self._renumber(previous.body_ids[lo:hi], previous, remap))
        self.body_lengths.append(np.diff(previous.body_offsets[first : last + 1]))
        self.title_ids.append(self._renumber(previous._title(d), previous, remap))

    def _renumber(self, ids: IdArray, previous: PassageTable, remap: IdArray) -> IdArray:
        missing = np.unique(ids[remap[ids] < 0])
        for old in missing.tolist():
            remap[old] = self.ids([previous.stems[old]])[0]
        return remap[ids]

    def table(
        self, documents: Sequence[Document], digests: Sequence[str], reused: int
    ) -> PassageTable:
        body_lengths = np.concatenate([np.zeros(1, np.int64), *self.body_lengths])
        body_offsets = np.cumsum(body_lengths)
        body_ids = np.concatenate([np.zeros(0, np.int32), *self.body_ids])
        title_lengths = [len(ids) for ids in self.title_ids]
        title_ids = np.concatenate([np.zeros(0, np.int32), *self.title_ids])
        title_offsets = _offsets(title_lengths)
        doc_of = np.repeat(np.arange(len(self.counts), dtype=np.int64), self.counts)
        return PassageTable(
            uids=tuple(doc.uid for doc in documents),
            texts=tuple(doc.text for doc in documents),
            digests=tuple(digests),
            doc_offsets=_offsets(self.counts),
            spans=np.concatenate([np.zeros((0, 2), np.int64), *self.spans]),
            stems=tuple(self.vocabulary),
            body_ids=body_ids,
            body_offsets=body_offsets,
            title_ids=title_ids,
            title_offsets=title_offsets,
            field_df=_frequencies(
                body_ids,
                body_offsets,
                len(self.vocabulary),
                titles=(title_ids, title_offsets, doc_of),
            ),
            reused=reused,
        )


def _frequencies(
    body_ids: IdArray,
    body_offsets: IntArray,
    stems: int,
    *,
    titles: tuple[IdArray, IntArray, IntArray] | None = None,
) -> IntArray:
    """For each stem id, in how many passages it occurs (``Counter`` over ``set(field)``),
    counted ``BLOCK_PASSAGES`` passages at a time (by sorting: numpy's hashed unique is ten
    times slower on these keys). With ``titles`` (title ids, title offsets per document, the
    document of each passage) a passage's field is its body and its document's title."""
    df = np.zeros(stems, np.int64)
    width = max(1, stems)
    passages = len(body_offsets) - 1
    for first in range(0, passages, BLOCK_PASSAGES):
        last = min(first + BLOCK_PASSAGES, passages)
        counts = np.diff(body_offsets[first : last + 1])
        rows = np.repeat(np.arange(last - first, dtype=np.int64), counts)
        keys = rows * width + body_ids[body_offsets[first] : body_offsets[last]]
        if titles is not None:
            keys = np.concatenate([keys, _title_keys(titles, first, last, width)])
        keys.sort()
        distinct = keys[np.flatnonzero(np.diff(keys, prepend=-1))]
        df += np.bincount(distinct % width, minlength=stems)
    return df


def _title_keys(
    titles: tuple[IdArray, IntArray, IntArray], first: int, last: int, width: int
) -> IntArray:
    """``row * width + stem id`` of the title stems of passages ``first:last`` (each
    passage's row in the block, its document's title stems)."""
    title_ids, title_offsets, doc_of = titles
    docs = doc_of[first:last]
    starts = title_offsets[docs]
    lengths = title_offsets[docs + 1] - starts
    total = int(lengths.sum())
    rows = np.repeat(np.arange(last - first, dtype=np.int64), lengths)
    before = np.concatenate([np.zeros(1, np.int64), np.cumsum(lengths)[:-1]])
    where = np.repeat(starts - before, lengths) + np.arange(total, dtype=np.int64)
    return rows * width + title_ids[where].astype(np.int64)


def field_length(table: PassageTable) -> int:
    """The summed length of every passage's field (body stems plus its title's)."""
    titles = np.diff(table.title_offsets)
    return len(table.body_ids) + int(titles[table.passage_documents()].sum())


def _offsets(lengths: Sequence[int]) -> IntArray:
    out = np.zeros(len(lengths) + 1, np.int64)
    np.cumsum(np.asarray(lengths, np.int64), out=out[1:])
    return out


def build_table(
    documents: Sequence[Document],
    digests: Sequence[str],
    *,
    previous: PassageTable | None = None,
) -> PassageTable:
    """The passage table of ``documents`` (``digests[i]`` is ``document_digest`` of
    ``documents[i]``); documents that ``previous`` holds with the same uid and digest are
    copied from it, the others split (``checks.passages``) and stemmed (``checks.match``)."""
    builder = _Builder()
    known: dict[tuple[str, str], int] = {}
    remap: IdArray = np.zeros(0, np.int32)
    if previous is not None:
        pairs = zip(previous.uids, previous.digests, strict=True)
        known = {pair: d for d, pair in enumerate(pairs)}
        remap = np.full(len(previous.stems), -1, np.int32)
    reused = 0
    for document, digest in zip(documents, digests, strict=True):
        at = known.get((document.uid, digest))
        if previous is not None and at is not None:
            builder.add_copy(previous, at, remap)
            reused += 1
        else:
            builder.add_new(document)
    return builder.table(documents, digests, reused=reused)


def check_table(table: PassageTable, *, texts: bool = True) -> None:
    """Raise ``ValueError`` unless the arrays fit together and (with ``texts``) every span
    lies in its document's text: what a table read from disk must satisfy to be trusted."""
    n, d, v = table.passage_count, len(table.uids), len(table.stems)
    _require(len(table.digests) == len(table.texts) == d, "documents")
    _require(table.spans.ndim == 2 and table.spans.shape[1] == 2, "spans")
    _require(table.doc_offsets.shape == (d + 1,), "document offsets")
    _require(_is_offsets(table.doc_offsets, n), "document offsets")
    _require(table.body_offsets.shape == (n + 1,), "body offsets")
    _require(_is_offsets(table.body_offsets, len(table.body_ids)), "body offsets")
    _require(table.title_offsets.shape == (d + 1,), "title offsets")
    _require(_is_offsets(table.title_offsets, len(table.title_ids)), "title offsets")
    _require(table.field_df.shape == (v,), "frequencies")
    for ids in (table.body_ids, table.title_ids):
        _require(ids.size == 0 or (int(ids.min()) >= 0 and int(ids.max()) < v), "stem ids")
    if n and texts:
        lengths = np.array([len(text) for text in table.texts], np.int64)
        starts, ends = table.spans[:, 0], table.spans[:, 1]
        limit = lengths[table.passage_documents()]
        _require(bool(np.all((starts >= 0) & (starts < ends) & (ends <= limit))), "spans")


def _is_offsets(offsets: Any, total: int) -> bool:
    return (
        offsets.ndim == 1
        and len(offsets) >= 1
        and int(offsets[0]) == 0
        and int(offsets[-1]) == total
        and bool(np.all(np.diff(offsets) >= 0))
    )


def _require(condition: bool, what: str) -> None:
    if not condition:
        raise ValueError(f"passage table: the {what} do not fit")
