"""checks.estimate: the claims a text will give, guessed before analysing, and the time."""

from __future__ import annotations

import pytest

from checks import estimate
from checks.claims import extract_claims
from checks.segment import segment
from tests.conftest import DEMO_ARTICLE

# Text the team wrote: a headline, a dateline, quotations of several sentences, a question,
# a hard-wrapped paragraph and two subheadings.
NEWS = """Harbour Council Approves Budget After Long Night

PORTVALE, March 3, 2025 — The harbour council approved its budget on Monday by 32 votes \
to 9. The vote came after a debate that lasted eleven hours.

“We have waited long enough. The harbour needs dredging now,” said Mayor Ana Ortiz, who \
proposed the plan. She added that the work would start in June.

Opposition members said the plan cost too much. “Nobody has shown us the bill,” said \
councillor Tom Reyes. “Where does the money come from?”

What the budget contains

The budget sets aside 4.5 million euros for dredging and 1.2 million for the ferry pier.
Councillors also agreed to hire twelve more harbour staff, the first new posts in
six years. Fees for visiting yachts rise by 8 percent from April.

The council will meet again on 17 March. A public hearing on the ferry pier is planned for May.

Critics remain

Local fishermen welcomed the dredging but criticised the fee rise. Their association wrote \
to the council last week. It asked for a delay of one year.

Is the plan affordable? The treasurer said it was, as long as port traffic grows by 3 \
percent a year.
"""


def claims(text: str) -> int:
    return len(extract_claims(segment(text)))


@pytest.mark.parametrize(
    ("name", "text", "real", "guess"),
    [
        ("news", NEWS, 20, 20),  # a dateline is no claim of its own, and no guess
        ("demo", DEMO_ARTICLE.read_text(encoding="utf-8"), 32, 32),
    ],
)
def test_the_guess_is_within_a_tenth_of_the_real_count(
    name: str, text: str, real: int, guess: int
) -> None:
    assert claims(text) == real
    assert estimate.rough_claims(text) == guess
    assert abs(guess - real) <= real / 10


def test_quotations_are_one_sentence_as_the_segmenter_keeps_them() -> None:
    text = "“We are ready. Are you? We wait,” she said. Talks resumed."
    assert claims(text) == 2
    assert estimate.rough_claims(text) == 2


def test_lines_without_words_count_nothing_and_any_word_counts() -> None:
    assert estimate.rough_claims("---\n\n* * *\n\n") == 0
    assert estimate.rough_claims("Ceasefire") == 1


def test_a_long_paste_asks_and_a_short_one_does_not() -> None:
    demo = DEMO_ARTICLE.read_text(encoding="utf-8")
    long = "\n\n".join([demo] * 64)
    guess = estimate.estimate(long)
    assert guess.claims == 64 * 32 == 2048
    assert guess.asks
    assert guess.seconds == pytest.approx(2048 * estimate.SECONDS_PER_CLAIM)
    assert guess.lookups == 0.0
    assert not estimate.estimate(demo).asks
    assert not estimate.Estimate(estimate.ASK_ABOVE_CLAIMS, 1.0).asks  # over, not at


def test_wikipedia_adds_its_lookups_whatever_the_length() -> None:
    guess = estimate.estimate(NEWS, wikipedia=True)
    assert guess.lookups == estimate.WIKIPEDIA_SECONDS
    assert guess.seconds == pytest.approx(20 * estimate.SECONDS_PER_CLAIM + guess.lookups)


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (0.2, "about 5 seconds"),
        (5.0, "about 5 seconds"),
        (5.1, "about 10 seconds"),
        (59.0, "about 60 seconds"),
        (60.0, "about a minute"),
        (61.0, "about 1.5 minutes"),
        (600.0, "about 10 minutes"),
    ],
)
def test_durations_are_said_rounded_up(seconds: float, said: str) -> None:
    assert estimate.describe_seconds(seconds) == said
