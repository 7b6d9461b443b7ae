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

import bm25s
import numpy as np

from checks.passage_table import IdArray, IntArray, PassageTable

EMPTY_TOKEN = ""
"""bm25s adds the empty token to the vocabulary after the last stem (no column of its own)."""


def bm25_index(table: PassageTable, *, k1: float, b: float) -> bm25s.BM25:
    """A ready bm25s index over ``table``'s passages (body + title stems), vocabulary
    ``table.stems`` in order."""
    rows, ids = _corpus(table)
    n_docs, n_vocab = table.passage_count, len(table.stems)
    lengths = np.bincount(rows, minlength=n_docs).astype(np.int64)
    pairs, tf = np.unique(rows.astype(np.int64) * max(1, n_vocab) + ids, return_counts=True)
    pair_rows = pairs // max(1, n_vocab)
    pair_ids = pairs % max(1, n_vocab)
    df = np.bincount(pair_ids, minlength=n_vocab)
    idf = _idf(df, n_docs)
    avg = np.array(lengths).mean() if n_docs else 0.0
    norm = k1 * ((1 - b) + b * lengths / avg) if n_docs else np.zeros(0)
    tf32 = tf.astype(np.float32)
    scores = (idf[pair_ids] * (tf32 / (norm[pair_rows] + tf32))).astype(np.float32)
    order = np.argsort(pair_ids, kind="stable")
    indptr = np.zeros(n_vocab + 1, dtype=np.int64)
    np.cumsum(np.bincount(pair_ids, minlength=n_vocab), out=indptr[1:])
    index = bm25s.BM25(k1=k1, b=b)
    index.scores = {
        "data": scores[order],
        "indices": pair_rows[order].astype(np.int32),
        "indptr": indptr,
        "num_docs": n_docs,
    }
    index.vocab_dict = {stem: at for at, stem in enumerate(table.stems)}
    index.vocab_dict[EMPTY_TOKEN] = n_vocab
    index.unique_token_ids_set = set(index.vocab_dict.values())
    index.nonoccurrence_array = None
    return index


def _corpus(table: PassageTable) -> tuple[IdArray, IdArray]:
    """(passage, stem id) of every stem bm25s indexes: each body, then its title's stems."""
    n = table.passage_count
    body_rows = np.repeat(np.arange(n, dtype=np.int32), np.diff(table.body_offsets))
    documents = table.passage_documents()
    title_lengths = np.diff(table.title_offsets)[documents]
    title_starts = table.title_offsets[:-1][documents]
    title_rows = np.repeat(np.arange(n, dtype=np.int32), title_lengths)
    title_ids = table.title_ids[_ragged_positions(title_starts, title_lengths)]
    return np.concatenate([body_rows, title_rows]), np.concatenate([table.body_ids, title_ids])


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
