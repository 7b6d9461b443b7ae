"""checks.passage_table: passages and stems as columns, copied per unchanged document."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from checks import passage_table
from checks.match import tokens
from checks.model import Document, Passage, SourceKind
from checks.passage_table import (
    BodyView,
    PassageView,
    build_table,
    check_table,
    document_digest,
    field_length,
)
from checks.passages import passages_for


def _doc(key: str, title: str, text: str) -> Document:
    return Document(SourceKind.LIBRARY, key, title, "", "r1", "en", text, "2024-06-15")


DOCS = [
    _doc("nato", "NATO", "NATO was founded in 1949. Its headquarters are in Brussels."),
    _doc("crimea", "Crimea", "Russia annexed Crimea in March 2014."),
    _doc("rain", "Weather", "Heavy rain flooded the valley. Roads closed. Schools shut."),
]


def _table(docs: list[Document], **options: object):  # type: ignore[no-untyped-def]
    return build_table(docs, [document_digest(d) for d in docs], **options)  # type: ignore[arg-type]


def test_views_are_the_passages_and_their_stems() -> None:
    table = _table(DOCS)
    passages, bodies = PassageView(table), BodyView(table)
    expected = passages_for(DOCS)
    assert len(passages) == len(bodies) == 6
    assert passages == expected
    assert tuple(passages) == expected
    assert list(bodies) == [tokens(p.text) for p in expected]
    assert passages[-1] == Passage("library:rain", 45, 58, "Schools shut.")
    assert passages[1:3] == expected[1:3]
    assert bodies[0] == ("nato", "found", "1949")
    with pytest.raises(IndexError):
        passages[6]
    with pytest.raises(IndexError):
        bodies[-7]
    assert table.titled() == {"library:nato": ("nato",), "library:crimea": ("crimea",),
                              "library:rain": ("weather",)}  # fmt: skip


def test_unchanged_documents_are_copied_and_the_vocabulary_stays_compact() -> None:
    first = _table(DOCS)
    changed = [DOCS[0], replace(DOCS[1], text="Russia annexed Crimea in 2014."), DOCS[2]]
    second = _table(changed[:2], previous=first)  # one edited, one removed
    assert second.reused == 1
    assert PassageView(second) == passages_for(changed[:2])
    assert list(BodyView(second)) == [tokens(p.text) for p in passages_for(changed[:2])]
    assert {"flood", "weather"}.isdisjoint(second.stems)  # the removed document's stems
    assert "march" not in second.stems  # the edited document's old stem
    assert sorted(second.stems) == sorted(set().union(*BodyView(second), {"nato", "crimea"}))


@pytest.mark.parametrize("block", [100_000, 2, 1])
def test_frequencies_count_each_passage_once(block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passage_table, "BLOCK_PASSAGES", block)
    table = _table([_doc("a", "", "Rain rain rain. Rain again. Sun.")])
    df = dict(zip(table.stems, table.field_df.tolist(), strict=True))
    assert df == {"rain": 2, "again": 1, "sun": 1}


@pytest.mark.parametrize("block", [100_000, 2, 1])
def test_frequencies_count_the_title_with_every_passage_of_its_document(
    block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # bm25s indexes body + title: df and length must count the same field, or a
    # restatement of a passage scores below 1 (issue 11, ``match._Stats``).
    monkeypatch.setattr(passage_table, "BLOCK_PASSAGES", block)
    table = _table([
        _doc("a", "Rain report", "Rain rain rain. Rain again. Sun."),
        _doc("b", "Sun", "Sun at noon."),
    ])  # fmt: skip
    df = dict(zip(table.stems, table.field_df.tolist(), strict=True))
    assert df == {"rain": 3, "report": 3, "again": 1, "sun": 2, "non": 1}  # "noon" squeezed
    bodies = sum(len(body) for body in BodyView(table))
    assert field_length(table) == bodies + 3 * 2 + 1 * 1  # two title stems x 3 passages, one


@pytest.mark.parametrize(
    "change",
    [
        {"spans": np.array([[0, 999]] * 6, np.int64)},
        {"body_ids": np.full(12, 999, np.int32)},
        {"doc_offsets": np.array([0, 3, 2, 6], np.int64)},
        {"field_df": np.zeros(2, np.int64)},
    ],
    ids=["span beyond its text", "stem id beyond vocabulary", "offsets go back", "df size"],
)
def test_check_table_refuses_arrays_that_do_not_fit(change: dict[str, object]) -> None:
    table = _table(DOCS)
    check_table(table)
    with pytest.raises(ValueError, match="do not fit"):
        check_table(replace(table, **change))  # type: ignore[arg-type]
