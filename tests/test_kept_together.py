"""checks.kept_together: pysbd's keep-together spans, found without its quadratic scans."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from pysbd.between_punctuation import BetweenPunctuation
from pysbd.lang.english import English

from checks import kept_together

PAIR_RULES = [
    re.compile(pattern)
    for pattern in (
        BetweenPunctuation.BETWEEN_SINGLE_QUOTES_REGEX,
        BetweenPunctuation.BETWEEN_SINGLE_QUOTE_SLANTED_REGEX,
        BetweenPunctuation.BETWEEN_DOUBLE_QUOTES_REGEX_2,
        BetweenPunctuation.BETWEEN_SQUARE_BRACKETS_REGEX_2,
        BetweenPunctuation.BETWEEN_PARENS_REGEX_2,
        BetweenPunctuation.BETWEEN_QUOTE_ARROW_REGEX_2,
        BetweenPunctuation.BETWEEN_EM_DASHES_REGEX_2,
        BetweenPunctuation.BETWEEN_QUOTE_SLANTED_REGEX_2,
    )
]
PIECES = st.sampled_from(
    ["It", " ", "  ", ".", "!", "?", ",", "a", "Kyiv", "'", "’", "‘", '"', "“", "”", "(", ")",
     "[", "]", "«", "»", "-", "--", "\\", "s", "x", "（", "）", "「", "」", "\t"]
)  # fmt: skip
TEXT = st.lists(PIECES, max_size=40).map("".join)


def _covered(spans: list[tuple[int, int]]) -> set[int]:
    return {at for start, end in spans for at in range(start, end)}


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_covers_everything_pysbds_pair_rules_keep_together(text: str) -> None:
    theirs = _covered([m.span() for rule in PAIR_RULES for m in rule.finditer(text)])
    assert theirs <= _covered(kept_together.spans(text))


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_the_whole_run_tests_say_what_pysbds_regexes_say(text: str) -> None:
    parens = re.search(English.PARENS_BETWEEN_DOUBLE_QUOTES_REGEX, text) is not None
    apostrophe = re.search(BetweenPunctuation.WORD_WITH_LEADING_APOSTROPHE, text) is not None
    assert kept_together.parens_between_quotes(text) == parens
    assert kept_together.leading_apostrophe(text) == apostrophe


def test_a_quote_or_bracket_that_opens_a_sentence_is_kept_to_its_closing_mark() -> None:
    text = "'Maybe.'She spoke. It ended. The men' Left. (Then. Now) Go."
    found = [text[s:e] for s, e in kept_together.spans(text)]
    assert found == ["'Maybe.'She spoke. It ended. The men'", "(Then. Now)"]  # 0-8 and 7-38


def test_unclosed_marks_keep_nothing() -> None:
    text = "It rained. (" * 1_000 + "It rained “ " * 1_000
    assert kept_together.spans(text) == []
