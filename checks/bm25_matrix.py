"""bm25s's index of a passage table, computed with whole-array numpy instead of per passage.

``bm25s.BM25.index`` loops over the passages in Python (about 15 µs each, and a Python list
of ints per passage: seconds and gigabytes at a million). ``bm25_index`` computes the same
score matrix from ``PassageTable``'s arrays in a few vectorised steps and hands bm25s the
finished arrays, as ``bm25s.BM25.load`` does. Same arithmetic, same order, same dtypes as
bm25s 0.3 ("lucene" method and idf): each passage is its body stems plus its document's
title stems, ``idf = log(1 + (N - df + 0.5) / (df + 0.5))``, ``tfc = tf / (k1 * (1 - b + b *
dl / avgdl) + tf)`` in float64, the score rounded to float32, the matrix column-major with
passages in order; tests/test_bm25_matrix.py checks it value for value against bm25s's own.
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import bm25s
import numpy as np

from checks.passage_table import IdArray, IntArray, PassageTable

EMPTY_TOKEN = ""
"""bm25s adds the empty token to the vocabulary after the last stem (no column of its own)."""
TIED_FACTOR = 3
"""``PassageBM25.retrieve`` returns at most this many times ``k`` passages per query."""
THREADS = 2
THREADED_WORK = 50_000_000
"""Queries times passages from which ``retrieve`` scores the queries on ``THREADS`` threads
(500 claims against 1,000,000 passages: 5.2 s on one, 4.0 s on two, on the shared machine)."""


class PassageBM25(bm25s.BM25):  # type: ignore[misc]  # bm25s has no type hints
    """bm25s's index with a top k that does not grow with the library.

    bm25s picks the top k with ``np.argpartition`` over every passage's score: at a million
    passages that is 25 ms a query (most scores tie at 0), half the analysis of 500 claims,
    and among passages that tie with the k-th score it keeps whichever the partition left
    there; it sums the scores with ``np.add.at`` (slow). ``retrieve`` here keeps every
    passage that scores at least the k-th best score (up to ``TIED_FACTOR`` times k, by
    passage order), best first and ties in passage order: a superset of what bm25s returns,
    the same scores, decided the same way every time. Rows are padded with passage 0 and
    score 0 (``checks.match.Matcher`` keeps scores > 0).
    """

    @staticmethod
    def _compute_relevance_from_scores(
        data: np.ndarray,
        indptr: np.ndarray,
        indices: np.ndarray,
        num_docs: int,
        query_tokens_ids: np.ndarray,
        dtype: np.dtype[Any],
    ) -> np.ndarray:
        """bm25s's sum of the query stems' columns, with ``+=`` on the column's passages
        instead of ``np.add.at``: a column names each passage once, so the float32 sums are
        the same, added in the same (query) order, several times faster."""
        scores = np.zeros(num_docs, dtype=dtype)
        for token in query_tokens_ids.tolist():
            start, end = indptr[token], indptr[token + 1]
            scores[indices[start:end]] += data[start:end]
        return scores

    def retrieve(self, query_tokens: Any, *_: Any, k: int = 10, **__: Any) -> Any:
        queries = [list(query) for query in query_tokens]
        if len(queries) * self.scores["num_docs"] >= THREADED_WORK:  # numpy lets go of the GIL
            with ThreadPoolExecutor(max_workers=THREADS) as pool:
                found = list(pool.map(lambda query: self._top(query, k), queries))
        else:
            found = [self._top(query, k) for query in queries]
        width = max([k, *(len(ids) for ids, _ in found)])
        documents = np.zeros((len(found), width), dtype=np.int64)
        scores = np.zeros((len(found), width), dtype=np.float32)
        for row, (ids, values) in enumerate(found):
            documents[row, : len(ids)] = ids
            scores[row, : len(ids)] = values
        return bm25s.Results(documents=documents, scores=scores)

    def _top(self, query: list[str], k: int) -> tuple[IntArray, np.ndarray]:
        """The passages scoring at least the ``k``-th best score (> 0) and their scores."""
        known = [stem for stem in query if stem in self.vocab_dict and stem != EMPTY_TOKEN]
        if not known or k < 1:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        scores = self.get_scores(known)
        k = min(k, len(scores))
        kth = -np.partition(-scores, k - 1)[k - 1]
        chosen = np.flatnonzero(scores >= kth) if kth > 0 else np.flatnonzero(scores > 0)
        values = scores[chosen]
        order = np.lexsort((chosen, -values))[: TIED_FACTOR * k]
        return chosen[order], values[order]


BLOCK_PASSAGES = 100_000
"""Passages counted per step: the temporary arrays stay a few tens of megabytes, whatever
the library's size."""


def bm25_index(table: PassageTable, *, k1: float, b: float) -> bm25s.BM25:
    """A ready bm25s index over ``table``'s passages (body + title stems), vocabulary
    ``table.stems`` in order."""
    n_docs, n_vocab = table.passage_count, len(table.stems)
    rows, ids, tf = _term_frequencies(table)
    lengths = np.diff(table.body_offsets) + np.diff(table.title_offsets)[table.passage_documents()]
    df = np.bincount(ids, minlength=n_vocab)
    idf = _idf(df, n_docs)
    avg = np.array(lengths).mean() if n_docs else 0.0
    norm = k1 * ((1 - b) + b * lengths / avg) if n_docs else np.zeros(0)
    scores = np.empty(len(tf), dtype=np.float32)
    step = BLOCK_PASSAGES * 16
    for at in range(0, len(tf), step):  # float64 as bm25s, rounded to float32 at the end
        part = slice(at, at + step)
        tf32 = tf[part].astype(np.float32)
        scores[part] = idf[ids[part]] * (tf32 / (norm[rows[part]] + tf32))
    del tf
    order = np.argsort(ids, kind="stable")
    indptr = np.zeros(n_vocab + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    index = PassageBM25(k1=k1, b=b)
    index.scores = {
        "data": scores[order],
        "indices": rows[order],
        "indptr": indptr,
        "num_docs": n_docs,
    }
    index.vocab_dict = {stem: at for at, stem in enumerate(table.stems)}
    index.vocab_dict[EMPTY_TOKEN] = n_vocab
    index.unique_token_ids_set = set(index.vocab_dict.values())
    index.nonoccurrence_array = None
    return index


def _term_frequencies(table: PassageTable) -> tuple[IdArray, IdArray, IdArray]:
    """(passage, stem id, count) of each stem in each passage's body + title, ordered by
    passage then stem id; counted ``BLOCK_PASSAGES`` passages at a time."""
    n_vocab = max(1, len(table.stems))
    found: list[tuple[IdArray, IdArray, IdArray]] = []
    for first in range(0, table.passage_count, BLOCK_PASSAGES):
        last = min(first + BLOCK_PASSAGES, table.passage_count)
        rows, ids = _corpus(table, first, last)
        keys = (rows.astype(np.int64) - first) * n_vocab + ids
        keys.sort()
        starts = np.flatnonzero(np.diff(keys, prepend=-1))
        counts = np.diff(starts, append=len(keys)).astype(np.int32)
        unique = keys[starts]
        found.append(
            (
                (unique // n_vocab + first).astype(np.int32),
                (unique % n_vocab).astype(np.int32),
                counts,
            )
        )
    if not found:
        empty = np.zeros(0, np.int32)
        return empty, empty, empty
    return tuple(np.concatenate(part) for part in zip(*found, strict=True))  # type: ignore[return-value]


def _corpus(table: PassageTable, first: int, last: int) -> tuple[IdArray, IdArray]:
    """(passage, stem id) of every stem bm25s indexes for passages ``first:last``: each body,
    then its title's stems."""
    lo, hi = int(table.body_offsets[first]), int(table.body_offsets[last])
    body_rows = np.repeat(
        np.arange(first, last, dtype=np.int32), np.diff(table.body_offsets[first : last + 1])
    )
    documents = table.passage_documents()[first:last]
    title_lengths = np.diff(table.title_offsets)[documents]
    title_starts = table.title_offsets[:-1][documents]
    title_rows = np.repeat(np.arange(first, last, dtype=np.int32), title_lengths)
    title_ids = table.title_ids[_ragged_positions(title_starts, title_lengths)]
    return np.concatenate([body_rows, title_rows]), np.concatenate(
        [table.body_ids[lo:hi], title_ids]
    )


def _ragged_positions(starts: IntArray, lengths: IntArray) -> IntArray:
    """``concatenate([arange(s, s + n) for s, n in zip(starts, lengths)])``, vectorised."""
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    ends = np.cumsum(lengths)
    within = np.arange(total, dtype=np.int64) - np.repeat(ends - lengths, lengths)
    return np.repeat(starts.astype(np.int64), lengths) + within


def _idf(df: IntArray, n_docs: int) -> np.ndarray:
    """bm25s's lucene idf per stem id: ``math.log`` once per distinct df (bm25s computes it
    in Python floats too, then stores float32), 0 where no passage holds the stem."""
    values, inverse = np.unique(df, return_inverse=True)
    per_value = [
        math.log(1 + (n_docs - value + 0.5) / (value + 0.5)) if value > 0 else 0.0
        for value in values.tolist()
    ]
    return np.asarray(per_value, dtype=np.float32)[inverse]
