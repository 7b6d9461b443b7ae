"""checks.segment: sentences with exact spans, paragraphs, headline, headings, dateline."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.model import Sentence, SentenceRole
from checks.segment import segment, sentence_spans, split_dateline

DEMO = (Path(__file__).parent.parent / "data" / "ceasefire-proposal-2024.txt").read_text(
    encoding="utf-8"
)
H, HL, D, B = SentenceRole.HEADING, SentenceRole.HEADLINE, SentenceRole.DATELINE, SentenceRole.BODY


def _summary(sentences: tuple[Sentence, ...]) -> list[tuple[str, str, int]]:
    return [(s.role.value, s.text, s.paragraph) for s in sentences]


def _assert_spans(text: str, sentences: tuple[Sentence, ...]) -> None:
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
    for before, after in itertools.pairwise(sentences):
        assert before.end <= after.start


# --- the demo article --------------------------------------------------------------------


def test_demo_sentence_count_roles_and_paragraphs() -> None:
    sentences = segment(DEMO)
    assert len(sentences) == 33
    assert [s.role for s in sentences] == [
        HL, D, B, B, H, B, B, H, B, B, B, H, B, B, B, B, B,
        H, B, B, B, B, H, B, B, B, H, B, B, B, B, B, B,
    ]  # fmt: skip
    assert [s.paragraph for s in sentences] == [
        0, 1, 1, 1, 2, 3, 3, 4, 5, 5, 5, 6, 7, 7, 7, 8, 8,
        9, 10, 10, 11, 11, 12, 13, 13, 13, 14, 15, 15, 15, 16, 16, 16,
    ]  # fmt: skip
    _assert_spans(DEMO, sentences)


@pytest.mark.parametrize(
    ("index", "start", "end", "role", "text"),
    [
        (
            0,
            0,
            95,
            HL,
            "Putin Proposes Ceasefire: Ukraine Must Abandon NATO Aspirations and "
            "Russian-Claimed Territories",
        ),
        (1, 97, 118, D, "Moscow, June 15, 2024"),
        (
            2,
            121,
            319,
            B,
            "Russian President Vladimir Putin has offered a ceasefire to Ukraine under the "
            "condition that it relinquishes claims to territories currently under Russian control "
            "and withdraws its bid to join NATO.",
        ),
        (
            3,
            320,
            400,
            B,
            "This proposal comes amid ongoing conflict and heightened international tensions.",
        ),
        (4, 402, 425, H, "Details of the Proposal"),
        (7, 820, 838, H, "Ukraine’s Response"),
        (
            9,
            997,
            1124,
            B,
            "“Ukraine will never surrender its lands or its right to self-determination,” "
            "Zelensky declared in a press conference from Kyiv.",
        ),
        (11, 1235, 1258, H, "International Reactions"),
        (17, 1917, 1944, H, "Background and Significance"),
        (
            20,
            2229,
            2298,
            B,
            "Ukraine’s bid to join NATO has been a particularly contentious issue.",
        ),
        (22, 2460, 2470, H, "Next Steps"),
        (26, 2806, 2821, H, "Domestic Impact"),
        (
            30,
            3177,
            3282,
            B,
            "Putin’s ceasefire proposal marks a significant moment in the ongoing conflict "
            "between Russia and Ukraine.",
        ),
        (
            32,
            3434,
            3597,
            B,
            "The international community continues to watch closely, aware that the conflict’s "
            "resolution—or escalation—will have far-reaching implications for global security.",
        ),
    ],
)
def test_demo_golden_sentences(
    index: int, start: int, end: int, role: SentenceRole, text: str
) -> None:
    sentence = segment(DEMO)[index]
    assert (sentence.index, sentence.start, sentence.end, sentence.role) == (
        index,
        start,
        end,
        role,
    )
    assert sentence.text == text
    assert DEMO[start:end] == text


def test_demo_headings_and_headline_are_headings() -> None:
    headings = [s.text for s in segment(DEMO) if s.is_heading]
    assert headings == [
        "Putin Proposes Ceasefire: Ukraine Must Abandon NATO Aspirations and "
        "Russian-Claimed Territories",
        "Details of the Proposal",
        "Ukraine’s Response",
        "International Reactions",
        "Background and Significance",
        "Next Steps",
        "Domestic Impact",
    ]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_endings_give_the_same_sentences(newline: str) -> None:
    text = DEMO.replace("\n", newline)
    sentences = segment(text)
    assert _summary(sentences) == _summary(segment(DEMO))
    _assert_spans(text, sentences)


@pytest.mark.parametrize(
    ("newline", "start", "end"), [("\n", 97, 118), ("\r\n", 99, 120), ("\r", 97, 118)]
)
def test_line_endings_shift_spans_by_their_length(newline: str, start: int, end: int) -> None:
    dateline = segment(DEMO.replace("\n", newline))[1]
    assert (dateline.text, dateline.start, dateline.end) == ("Moscow, June 15, 2024", start, end)


# --- structure ---------------------------------------------------------------------------


def test_empty_and_whitespace_text_give_no_sentences() -> None:
    assert segment("") == ()
    assert segment("   \n\n\t \r\n  ") == ()


def test_markdown_headings_exclude_the_markers() -> None:
    text = "# Big Title\n\nSome text here. More text.\n\n## Sub heading ##\n\nBody."
    assert _summary(segment(text)) == [
        ("headline", "Big Title", 0),
        ("body", "Some text here.", 1),
        ("body", "More text.", 1),
        ("heading", "Sub heading", 2),
        ("body", "Body.", 3),
    ]
    assert segment(text)[0].start == 2
    assert segment(text)[3].start == text.index("Sub heading")


def test_headline_only_when_short_and_without_closing_punctuation() -> None:
    text = "This first line is a sentence.\n\nNext Steps\n\nThe talks go on."
    assert _summary(segment(text)) == [
        ("body", "This first line is a sentence.", 0),
        ("heading", "Next Steps", 1),
        ("body", "The talks go on.", 2),
    ]


def test_heading_on_its_own_line_inside_a_paragraph() -> None:
    text = "Title\nThe body starts here. It goes on.\n\nSub head\nBody line."
    assert _summary(segment(text)) == [
        ("headline", "Title", 0),
        ("body", "The body starts here.", 0),
        ("body", "It goes on.", 0),
        ("heading", "Sub head", 1),
        ("body", "Body line.", 1),
    ]


def test_hard_wrapped_lines_are_joined_not_headings() -> None:
    text = (
        "He left.\nThe next day he went to the\n"
        "White House and the Senate and the Congress of the United States.\n\n"
        "Russian President Vladimir Putin has offered a ceasefire to Ukraine under the\n"
        "condition that it relinquishes claims to territories currently\n"
        "under Russian control. He said so."
    )
    assert _summary(segment(text)) == [
        ("body", "He left.", 0),
        (
            "body",
            "The next day he went to the\n"
            "White House and the Senate and the Congress of the United States.",
            0,
        ),
        (
            "body",
            "Russian President Vladimir Putin has offered a ceasefire to Ukraine under the\n"
            "condition that it relinquishes claims to territories currently\n"
            "under Russian control.",
            1,
        ),
        ("body", "He said so.", 1),
    ]


def test_list_items_and_rules() -> None:
    text = "Intro line.\n- first item\n- second item\n\n* * *\n\nEnd."
    assert _summary(segment(text)) == [
        ("body", "Intro line.", 0),
        ("body", "first item", 0),
        ("body", "second item", 0),
        ("body", "End.", 1),
    ]


# --- datelines ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dateline", "rest"),
    [
        ("Moscow, June 15, 2024 — Putin spoke. He left.", "Moscow, June 15, 2024", "Putin spoke."),
        ("KYIV, Ukraine (AP) — Drones hit the city.", "KYIV, Ukraine (AP)", "Drones hit the city."),
        ("Washington, 3 March 2023 - It voted.", "Washington, 3 March 2023", "It voted."),
        ("LONDON — The pound fell.", "LONDON", "The pound fell."),
        ("LONDON—The pound fell.", "LONDON", "The pound fell."),
        ("PARIS -- Talks resumed.", "PARIS", "Talks resumed."),
        ("Berlin, Jan. 5 (Reuters) – Talks resumed.", "Berlin, Jan. 5 (Reuters)", "Talks resumed."),
        ("КИЇВ — Президент заявив про це.", "КИЇВ", "Президент заявив про це."),
        ("**Berlin, 28 March 2024** – Prices rose.", "Berlin, 28 March 2024", "Prices rose."),
    ],
)  # fmt: skip
def test_dateline_is_split_from_the_first_body_sentence(
    text: str, dateline: str, rest: str
) -> None:
    sentences = segment("Headline Here\n\n" + text)
    assert _summary(sentences)[1:3] == [("dateline", dateline, 1), ("body", rest, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Smith — a banker — left the bank.",
        "Moscow -- talks resumed.",
        "The deal — if it holds — ends the war.",
        "In Moscow, June 15 was quiet.",
    ],
)
def test_no_dateline_without_date_agency_region_or_capitals(text: str) -> None:
    assert [s.role for s in segment(text)] == [B] * len(segment(text))
    assert split_dateline(text, 0, len(text)) is None


def test_dateline_only_in_the_first_body_paragraph() -> None:
    text = "Title\n\nThe talks began.\n\nLONDON — Nothing moved."
    assert [s.role for s in segment(text)] == [HL, B, B]


# --- quotes, non-ASCII -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“We will fight. We will win,” he said. Then he left.",
            ["“We will fight. We will win,” he said.", "Then he left."],
        ),
        ("He said: “We fight.” Then left.", ["He said: “We fight.”", "Then left."]),
        ('He said "yes." Then left.', ['He said "yes."', "Then left."]),
        (
            "Der Kanzler sagte: „Das ist gut.“ Dann ging er. Übermorgen kommt er.",
            ["Der Kanzler sagte: „Das ist gut.“", "Dann ging er.", "Übermorgen kommt er."],
        ),
        (
            "Президент України заявив про це. Він пішов!",
            ["Президент України заявив про це.", "Він пішов!"],
        ),
        ("Is it true? Yes. Really!", ["Is it true?", "Yes.", "Really!"]),
        (
            "The U.S. economy grew 3.2% in 2023. Mr. Smith met Dr. Jones at 5 p.m. on Monday.",
            ["The U.S. economy grew 3.2% in 2023.", "Mr. Smith met Dr. Jones at 5 p.m. on Monday."],
        ),
    ],
)
def test_sentences_with_quotes_and_other_languages(text: str, expected: list[str]) -> None:
    sentences = segment(text)
    assert [s.text for s in sentences] == expected
    _assert_spans(text, sentences)


def test_non_ascii_headline_and_heading() -> None:
    text = "Заголовок статті\n\nПерший абзац тут. Другий тут.\n\nÜberschrift Zwei\n\nEnde."
    assert _summary(segment(text)) == [
        ("headline", "Заголовок статті", 0),
        ("body", "Перший абзац тут.", 1),
        ("body", "Другий тут.", 1),
        ("heading", "Überschrift Zwei", 2),
        ("body", "Ende.", 3),
    ]


# --- sentence_spans ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("It rained. Then it stopped!  ", 0, ((0, 10), (11, 27))),
        ("  It rained. Then it stopped!", 100, ((102, 112), (113, 129))),
        ("Er sagte: „Gut.“ Dann ging er.", 0, ((0, 16), (17, 30))),
        ("", 0, ()),
    ],
)
def test_sentence_spans(text: str, offset: int, expected: tuple[tuple[int, int], ...]) -> None:
    assert sentence_spans(text, offset=offset) == expected


# --- properties and speed ----------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "Putin spoke.",
        "“Quoted,” he said.",
        "Über alles!",
        "Він пішов?",
        "# Heading",
        "LONDON —",
        "Mr. Smith",
        "U.S.",
        "3.2%",
        " ",
        "  ",
        "\t",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "—",
        "- item",
        "…",
        "Next Steps",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=25).map("".join))
def test_spans_always_index_the_original_text(text: str) -> None:
    sentences = segment(text)
    _assert_spans(text, sentences)
    assert all(s.start < s.end for s in sentences)
    paragraphs = [s.paragraph for s in sentences]
    assert paragraphs == sorted(paragraphs)
    assert sum(s.role is SentenceRole.HEADLINE for s in sentences) <= 1
    assert sum(s.role is SentenceRole.DATELINE for s in sentences) <= 1


def test_a_100_kb_article_is_fast() -> None:
    text = "\n\n".join([DEMO] * 28)
    assert len(text) > 100_000
    began = time.perf_counter()
    sentences = segment(text)
    assert time.perf_counter() - began < 5.0
    assert len(sentences) == 28 * 33 - 27  # later copies: no dateline split (headline: heading)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>" * 5 + "\x1f1. <script>alert(1)</script>",
        "Prices rose.\x1f2. The next item follows. Done.",
        "Zahlen:\x1c3. Punkt eins. Ende.",
    ],
)
def test_control_characters_before_a_numbered_item_do_not_break_pysbd(text: str) -> None:
    # pysbd reads "\x1f1" as a list number and calls int() on it (found by hypothesis).
    sentences = segment(text)
    assert sentences
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert "".join(s.text for s in sentences).replace("\x1f", "").replace("\x1c", "")[:5]


def test_a_pysbd_failure_falls_back_to_sure_sentence_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        def segment(self, text: str) -> list[str]:
            raise ValueError("invalid literal for int() with base 10")

    monkeypatch.setattr("checks.segment._segmenter", lambda language="en": Broken())
    text = "The bridge closed on Monday. Traffic moved to the ring road. It reopens in May."
    assert [s.text for s in segment(text)] == [
        "The bridge closed on Monday.",
        "Traffic moved to the ring road.",
        "It reopens in May.",
    ]


def test_the_dateline_is_found_past_a_photo_caption_its_credit_and_a_byline() -> None:
    text = (
        "Storm closes the coast road\n\n"
        "Waves break over the sea wall in this photo taken on Oct. 3. Jane Roe/Handout/via"
        " REUTERS\n\n"
        "By John Doe and Ann Smith\n\n"
        "HALIFAX, N.S. (Reuters) – A storm closed 40 miles of the coast road on Sunday.\n\n"
        "LONDON — A second paragraph is never a dateline."
    )
    roles = [(s.role.value, s.text) for s in segment(text)]
    assert ("dateline", "HALIFAX, N.S. (Reuters)") in roles
    assert ("body", "A storm closed 40 miles of the coast road on Sunday.") in roles
    assert [role for role, _ in roles].count("dateline") == 1


def test_no_dateline_is_looked_for_past_a_paragraph_of_story() -> None:
    text = (
        "Title\n\nA photo of the wall. Jane Roe/Handout/via REUTERS\n\n"
        "The talks began.\n\nLONDON — Nothing moved."
    )
    assert "dateline" not in [s.role.value for s in segment(text)]
