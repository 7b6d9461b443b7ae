"""checks.splitter: the sentences pysbd gives, found by rule where the text is plain prose."""

from __future__ import annotations

import pysbd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks import segment, splitter


@pytest.fixture
def pysbd_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of the text of every pysbd call made meanwhile."""
    calls: list[int] = []
    original = pysbd.Segmenter.segment

    def counting(self: pysbd.Segmenter, text: str) -> list[str]:
        calls.append(len(text))
        return original(self, text)  # type: ignore[no-any-return]

    monkeypatch.setattr(pysbd.Segmenter, "segment", counting)
    return calls


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in splitter.sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Putin spoke in Moscow. He offered talks. Kyiv said no.",
            ["Putin spoke in Moscow.", "He offered talks.", "Kyiv said no."],
            id="plain",
        ),
        pytest.param(
            "Mr. Smith met Gen. Jones in the U.S. capital. They spoke for an hour.",
            ["Mr. Smith met Gen. Jones in the U.S. capital.", "They spoke for an hour."],
            id="abbreviations",
        ),
        pytest.param(
            'He said "we go. Now is the time." Then he left. Prices rose 3.5% in 2014. It ended.',
            [
                'He said "we go. Now is the time."',
                "Then he left.",
                "Prices rose 3.5% in 2014.",
                "It ended.",
            ],
            id="quote-kept-together",
        ),
        pytest.param(
            "The plan (agreed in June. Signed in July.) failed. Talks resumed.",
            ["The plan (agreed in June. Signed in July.) failed.", "Talks resumed."],
            id="parentheses-kept-together",
        ),
        pytest.param(
            "Options are 1. talks and 2. sanctions. Both failed.",
            ["Options are", "1. talks and", "2. sanctions.", "Both failed."],
            id="numbered-list-as-pysbd",
        ),
        pytest.param(
            "Russia annexed Crimea in March 2014. Most UN members regard it as Ukrainian.",
            ["Russia annexed Crimea in March 2014.", "Most UN members regard it as Ukrainian."],
            id="year-before-the-stop",
        ),
        pytest.param(
            "The talks ended at 5 p.m. Officials left. It was a long day!",
            ["The talks ended at 5 p.m.", "Officials left.", "It was a long day!"],
            id="pm-as-pysbd",
        ),
        pytest.param("", [], id="empty"),
        pytest.param("   ", [], id="spaces"),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected
    assert splitter.sentence_spans(text) == segment.sentence_spans(text)  # pysbd's own answer


def test_offset_is_added() -> None:
    assert splitter.sentence_spans("It rained. It stopped.", offset=10) == ((10, 20), (21, 32))


def test_plain_prose_never_reaches_pysbd(pysbd_calls: list[int]) -> None:
    text = (
        "Putin spoke in Moscow on 14 June 2024. He offered talks. Prices rose 3.5% after it. " * 50
    )
    spans = splitter.sentence_spans(text)
    assert len(spans) == 150
    assert pysbd_calls == []


def test_only_the_hard_piece_reaches_pysbd(pysbd_calls: list[int]) -> None:
    text = "Putin spoke in Moscow. Mr. Smith agreed with him. Kyiv said no."
    assert _sentences(text) == [
        "Putin spoke in Moscow.",
        "Mr. Smith agreed with him.",
        "Kyiv said no.",
    ]
    assert pysbd_calls == [len(" Mr. Smith agreed with him.")]


@pytest.mark.parametrize(
    "paragraph",
    [
        pytest.param("Putin spoke in Moscow. He offered talks. " * 7_500, id="plain-prose"),
        pytest.param('"' + "Putin spoke in Mr. Smith's house. " * 9_000, id="opens-with-a-quote"),
        pytest.param("one two three four " * 16_000, id="no-sentence-break"),
        pytest.param("He said (" + "it was Dr. Who. " * 2_000 + ")", id="one-parenthesis"),
        pytest.param("Options are 1. talks and 2. sanctions. " * 800, id="lists"),
    ],
)
def test_a_long_paragraph_reaches_pysbd_in_bounded_pieces(
    paragraph: str, pysbd_calls: list[int]
) -> None:
    assert len(paragraph) > 6 * segment.MAX_CHUNK_CHARS
    spans = splitter.sentence_spans(paragraph)
    assert max(pysbd_calls, default=0) <= segment.MAX_CHUNK_CHARS
    assert sum(pysbd_calls) <= len(paragraph)  # every character at most once
    assert all(0 <= s < e <= len(paragraph) for s, e in spans)
    assert [s for s, _ in spans] == sorted(s for s, _ in spans)


def test_a_paragraph_with_a_numbered_list_is_pysbds_whole() -> None:
    """Not cut into chunks: only a run longer than segment.MAX_CHUNK_CHARS is."""
    text = (
        "The auditors say in their report on the three years under review (1) that the "
        "agency did not publish its figures on time, although the law asked it to; (2) that "
        "the board ignored the warnings of its own staff for months, even when they were "
        "written down and sent to every member of it; (3) that the accounts were kept in a "
        "way that made the losses hard to see and harder still to explain, even for the "
        "auditors themselves, who needed a year for it; and (4) that nobody was ever asked "
        "to answer for any of it. The board disputes all four."
    )
    assert len(text) > 500  # longer than splitter.LIST_CHUNK_CHARS in its first sentence
    assert splitter.sentence_spans(text) == segment.sentence_spans(text)
    assert [text[e - 6 : e] for _, e in splitter.sentence_spans(text)] == ["of it.", " four."]


def test_other_languages_use_their_own_pysbd_rules(pysbd_calls: list[int]) -> None:
    text = "Die Wahl ist am 31. Januar 2025. Der Bundestag stimmte zu."
    assert splitter.sentence_spans(text, language="de") == segment.sentence_spans(
        text, language="de"
    )
    assert _sentences(text) != [text[s:e] for s, e in segment.sentence_spans(text, language="de")]
    assert pysbd_calls  # German went to pysbd


# Text made of the things pysbd has rules for, between plain words: the rule-based cuts must
# give exactly what pysbd gives for the whole run.
WORDS = ("the", "war", "began", "in", "2014", "Putin", "said", "talks", "Kyiv", "members", "on")
CAPITALS = ("The", "Then", "It", "He", "She", "They", "Russia", "Ukraine", "Officials", "Östlich")
TRICKY = (
    "Mr.", "Dr.", "U.S.", "e.g.", "etc.", "Inc.", "No.", "St.", "Jan.", "a.m.", "p.m.", "Jr.",
    "1.", "2.", "12.", "2014.", "3.5", "1,234.", "5%.", "$5.", "a.", "b.", "ii.", "(a)", "(b)",
    "a)", "1)", "2)", "(ii)", '"', "“", "”", "‘", "’", "'", "(", ")", "[", "]", "--", "—",
    "...", "…", "!", "?", "?!", "!!", "Yahoo!", "I", "I'm", "x.com", "a@b.org", "«", "»", ".",
    ",", ";", "Russia's", "dogs'", "'Tis", "K.", "A.", "Co.", "KG", "(Reuters)", "-", "5.The",
    "end.12", "file.pdf", ".pdf", "O'Neil", "\t", "\u00a0", "ex-gov.", "it's", "II.", "vs.",
    "[1]", ".[3]", "“Yes.”", "'Maybe.'", '"Go."', "(see below.)", "COVID-19.", "1990s.",
)  # fmt: skip
ENDS = (".", ".", "!", "?", '."', ".”", ".)", "", "...")
GAPS = (" ", " ", "  ", "\t", " \u00a0")


@st.composite
def _runs(draw: st.DrawFn) -> str:
    tricky = draw(st.sampled_from((0.02, 0.1, 0.3)))
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        words = [draw(st.sampled_from(CAPITALS))]
        for _ in range(draw(st.integers(2, 10))):
            pick = draw(st.floats(0, 1))
            words.append(draw(st.sampled_from(TRICKY if pick < tricky else WORDS)))
        parts.append(" ".join(words) + draw(st.sampled_from(ENDS)) + draw(st.sampled_from(GAPS)))
    lead = draw(st.sampled_from(("", "", "", *TRICKY)))
    return (lead + " " if lead else "") + "".join(parts)


@settings(max_examples=200, deadline=None)
@given(_runs())
def test_same_sentences_as_pysbd_on_the_whole_run(text: str) -> None:
    assert splitter.sentence_spans(text) == segment.sentence_spans(text)
