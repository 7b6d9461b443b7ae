"""checks.bm25_matrix: the same score matrix as bm25s's own index, value for value."""

from __future__ import annotations

import random
from pathlib import Path

import bm25s
import numpy as np
import pytest

from checks import bm25_matrix
from checks.bm25_matrix import EMPTY_TOKEN, bm25_index
from checks.match import K1, B
from checks.model import Document, SourceKind
from checks.passage_table import BodyView, PassageTable, PassageView, build_table, document_digest

WORDS = (
    "ceasefire", "summit", "troops", "border", "talks", "sanctions", "grain", "export", "port",
    "missile", "drone", "energy", "grid", "winter", "aid", "loan", "parliament", "vote",
)  # fmt: skip


def _library(count: int, seed: int) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for number in range(count):
        sentences = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 9))).capitalize() + "."
            for _ in range(rng.randint(0, 6))
        ]
        title = " ".join(rng.sample(WORDS, rng.randint(0, 3)))
        text = " ".join(sentences) if number % 17 else "It is the. Or it is."  # some wordless
        docs.append(Document(SourceKind.LIBRARY, f"d{number}", title, "", "r1", "en", text, "t"))
    return docs


def _table(docs: list[Document]) -> PassageTable:
    return build_table(docs, [document_digest(d) for d in docs])


def _reference(table: PassageTable) -> bm25s.BM25:
    titled = table.titled()
    corpus = [
        [*body, *titled[p.document_key]]
        for body, p in zip(BodyView(table), PassageView(table), strict=True)
    ]
    reference = bm25s.BM25(k1=K1, b=B)
    reference.index(corpus, show_progress=False)
    return reference


@pytest.mark.parametrize(("seed", "block"), [(1, 100_000), (2, 7), (3, 1)])
def test_same_scores_as_bm25s_for_every_stem_and_passage(
    seed: int, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bm25_matrix, "BLOCK_PASSAGES", block)  # counted in blocks of that many
    table = _table(_library(300, seed))
    mine, reference = bm25_index(table, k1=K1, b=B), _reference(table)
    assert mine.scores["num_docs"] == reference.scores["num_docs"] == table.passage_count
    assert set(mine.vocab_dict) == set(reference.vocab_dict)
    assert mine.vocab_dict[EMPTY_TOKEN] == len(table.stems)
    for stem, at in mine.vocab_dict.items():
        if stem == EMPTY_TOKEN:
            continue
        theirs = reference.vocab_dict[stem]
        a, b = mine.scores["indptr"][at : at + 2]
        c, d = reference.scores["indptr"][theirs : theirs + 2]
        assert np.array_equal(mine.scores["indices"][a:b], reference.scores["indices"][c:d])
        assert np.array_equal(mine.scores["data"][a:b], reference.scores["data"][c:d])  # exact
    for name in ("data", "indices", "indptr"):
        assert mine.scores[name].dtype == reference.scores[name].dtype


def _hits(result: bm25s.Results, row: int) -> dict[int, float]:
    return {
        int(i): float(v)
        for i, v in zip(result.documents[row], result.scores[row], strict=True)
        if v > 0
    }


QUERIES = [["ceasefir", "summit"], ["grain", "export", "port"], ["vote"], ["missil"], ["zzz"], []]


def test_retrieval_keeps_what_bm25s_keeps_and_every_tie() -> None:
    table = _table(_library(300, 4))
    mine, reference = bm25_index(table, k1=K1, b=B), _reference(table)
    ours = mine.retrieve(QUERIES, k=20, show_progress=False)
    theirs = reference.retrieve(QUERIES[:-1], k=20, show_progress=False)  # not the empty one
    for row, query in enumerate(QUERIES):
        got = _hits(ours, row)
        expected = _hits(theirs, row) if query else {}
        assert expected.items() <= got.items()  # the same passages with the same scores ...
        floor = min(expected.values(), default=0.0)
        assert all(v >= floor for v in got.values())  # ... and only those that tie the last
        ranked = sorted(got, key=lambda i: (-got[i], i))
        assert list(got) == ranked  # best first, ties in passage order
        if query in (["zzz"], []):
            assert got == {}


def test_threads_give_the_same_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    table = _table(_library(300, 8))
    mine = bm25_index(table, k1=K1, b=B)
    alone = mine.retrieve(QUERIES * 5, k=20, show_progress=False)
    monkeypatch.setattr(bm25_matrix, "THREADED_WORK", 1)
    threaded = mine.retrieve(QUERIES * 5, k=20, show_progress=False)
    assert np.array_equal(threaded.documents, alone.documents)
    assert np.array_equal(threaded.scores, alone.scores)


def test_passages_that_tie_at_the_kth_score_all_come_back() -> None:
    docs = [
        Document(SourceKind.LIBRARY, f"t{n}", "", "", "r1", "en", "Grain export rose.", "t")
        for n in range(50)
    ] + _library(100, 6)
    table = _table(docs)
    mine, reference = bm25_index(table, k1=K1, b=B), _reference(table)
    ours = _hits(mine.retrieve([["grain", "export", "rose"]], k=20, show_progress=False), 0)
    theirs = _hits(reference.retrieve([["grain", "export", "rose"]], k=20, show_progress=False), 0)
    assert len(theirs) == 20  # bm25s keeps 20 of the 50 identical passages
    assert sorted(ours)[:50] == list(range(50))  # all 50, in passage order
    assert theirs.items() <= ours.items()
    assert len(ours) <= 3 * 20


def test_saved_and_loaded_by_bm25s(tmp_path: Path) -> None:
    table = _table(_library(50, 5))
    mine = bm25_index(table, k1=K1, b=B)
    mine.save(str(tmp_path), show_progress=False)
    again = bm25_matrix.PassageBM25.load(str(tmp_path), show_progress=False)
    plain = bm25s.BM25.load(str(tmp_path), show_progress=False)  # bm25s's own format
    queries = [["ceasefir"], ["drone", "energi"]]
    assert np.array_equal(
        again.retrieve(queries, k=5, show_progress=False).scores,
        mine.retrieve(queries, k=5, show_progress=False).scores,
    )
    for query in queries:
        assert np.array_equal(plain.get_scores(query), mine.get_scores(query))


def test_scores_are_bm25s_own_to_the_bit() -> None:
    table = _table(_library(300, 7))
    mine = bm25_index(table, k1=K1, b=B)
    plain = bm25s.BM25(k1=K1, b=B)
    plain.scores, plain.vocab_dict = mine.scores, mine.vocab_dict  # same arrays, bm25s's sum
    plain.unique_token_ids_set, plain.nonoccurrence_array = mine.unique_token_ids_set, None
    for query in (["ceasefir"], ["grain", "export", "grain"], ["vote", "aid", "loan", "port"]):
        assert np.array_equal(mine.get_scores(query), plain.get_scores(query))
        assert mine.get_scores(query).dtype == np.float32
