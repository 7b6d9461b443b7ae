"""checks.passages: sentence passages with exact spans into the document text."""

from __future__ import annotations

import pysbd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.model import Document, Passage, SourceKind
from checks.passages import passages_for, split_passages
from checks.segment import MAX_CHUNK_CHARS


def _doc(text: str, key: str = "note") -> Document:
    return Document(SourceKind.LIBRARY, key, key.title(), "", "", "en", text, "2024-06-15")


def _texts(passages: tuple[Passage, ...]) -> list[str]:
    return [p.text for p in passages]


def _assert_exact(document: Document, passages: tuple[Passage, ...]) -> None:
    for passage in passages:
        assert document.text[passage.start : passage.end] == passage.text
        assert passage.document_key == document.uid


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Putin spoke on 14 June 2024. He offered a ceasefire.",
            ["Putin spoke on 14 June 2024.", "He offered a ceasefire."],
            id="two-sentences",
        ),
        pytest.param(
            "Stoltenberg\r\nStoltenberg led NATO.\r\n\r\nRutte followed him. He took office.\r\n",
            ["Stoltenberg", "Stoltenberg led NATO.", "Rutte followed him.", "He took office."],
            id="crlf",
        ),
        pytest.param(
            "Zelenskyy’s office — in Kyiv — said “no”. Café prices rose 5 € in Zürich.",
            ["Zelenskyy’s office — in Kyiv — said “no”.", "Café prices rose 5 € in Zürich."],
            id="non-ascii",
        ),
        pytest.param(
            "---\ntitle: Putin's conditions\nurl: https://example.org\n---\n\nPutin spoke.\n",
            ["Putin spoke."],
            id="front-matter-skipped",
        ),
        pytest.param(
            "# Background\nThe war began in 2014.\n## Talks\n- Talks failed in 2022.\n1. A list.",
            ["Background", "The war began in 2014.", "Talks", "Talks failed in 2022.", "A list."],
            id="markdown-headings-and-lists-stay-apart",
        ),
        pytest.param(
            "Ukraine applied to join NATO on\n30 September 2022, the same day.\nA new line.",
            ["Ukraine applied to join NATO on", "30 September 2022, the same day.", "A new line."],
            id="line-starting-with-a-digit-is-its-own-line",
        ),
        pytest.param(
            "The summit was held in\nSwitzerland in June. It\nended without Russia.",
            ["The summit was held in", "Switzerland in June.", "It\nended without Russia."],
            id="lower-case-line-continues-the-sentence",
        ),
        pytest.param("", [], id="empty"),
        pytest.param("---\n\n***\n   \n—", [], id="no-words"),
    ],
)
def test_split_passages(text: str, expected: list[str]) -> None:
    document = _doc(text)
    passages = split_passages(document)
    assert _texts(passages) == expected
    _assert_exact(document, passages)


def test_spans_point_into_the_document_after_the_front_matter() -> None:
    text = "---\ntitle: T\n---\nNATO was founded in 1949.\r\nIts headquarters are in Brussels."
    assert split_passages(_doc(text)) == (
        Passage("library:note", 17, 42, "NATO was founded in 1949."),
        Passage("library:note", 44, 77, "Its headquarters are in Brussels."),
    )


def test_long_sentence_is_cut_on_word_boundaries() -> None:
    text = "alpha beta gamma delta epsilon zeta eta theta."
    document = _doc(text)
    passages = split_passages(document, max_chars=12)
    assert _texts(passages) == ["alpha beta", "gamma delta", "epsilon zeta", "eta theta."]
    assert all(len(p.text) <= 12 for p in passages)
    _assert_exact(document, passages)


def test_word_longer_than_max_chars_is_cut_hard() -> None:
    passages = split_passages(_doc("Supercalifragilistic word."), max_chars=10)
    assert _texts(passages) == ["Supercalif", "ragilistic", "word."]


def test_max_chars_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_chars"):
        split_passages(_doc("Text."), max_chars=0)


def test_passages_for_keeps_document_order_and_keys() -> None:
    first, second = _doc("One. Two.", key="a"), _doc("Three.", key="b")
    passages = passages_for([first, second])
    assert [(p.document_key, p.text) for p in passages] == [
        ("library:a", "One."),
        ("library:a", "Two."),
        ("library:b", "Three."),
    ]


@pytest.mark.parametrize(
    ("paragraph", "pysbd_chars", "count"),
    [
        pytest.param(
            "Putin spoke in Moscow. He offered talks on 14 June. " * 6_000, 0, 11_539, id="prose"
        ),
        pytest.param(
            '"' + "Mr. Smith spoke in Moscow. He left. " * 8_500, 225_004, 16_668, id="quoted"
        ),
    ],
)
def test_a_300_kb_one_paragraph_source_reaches_pysbd_in_bounded_pieces(
    paragraph: str, pysbd_chars: int, count: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 11: pysbd ran on the whole paragraph (300 KB: 130 s instead of 3 s)."""
    calls: list[int] = []
    original = pysbd.Segmenter.segment
    monkeypatch.setattr(
        pysbd.Segmenter,
        "segment",
        lambda self, text: calls.append(len(text)) or original(self, text),
    )
    document = _doc(paragraph[:300_001])
    passages = split_passages(document)
    assert max(calls, default=0) <= MAX_CHUNK_CHARS  # the whole 300,001 characters before
    assert sum(calls) == pysbd_chars  # prose: none at all; else only the pieces with "Mr."
    assert len(passages) == count
    _assert_exact(document, passages)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Putin spoke.", "Kyiv", "—", "\r\n", "\n\n", "# ", "- ", "café ", "it rained ", "  "]
        ),
        max_size=12,
    )
)
def test_spans_are_exact_for_any_mix(pieces: list[str]) -> None:
    document = _doc("".join(pieces))
    passages = split_passages(document, max_chars=8)
    _assert_exact(document, passages)
    assert all(p.text == p.text.strip() and 0 < len(p.text) <= 8 for p in passages)
