"""Check-worthiness reasons say what the sentence does: a golden table of reason cases."""

from __future__ import annotations

import pytest

from checks.claims import WORD_WEIGHT, extract_claims, relative_dates
from checks.model import Claim, ClaimKind, Sentence, SentenceRole

F, OP, CR = ClaimKind.FACTUAL, ClaimKind.OPINION, ClaimKind.CREDIT


def claim(text: str, published: str = "") -> Claim:
    (found,) = extract_claims([Sentence(0, 0, len(text), text, 0)], published=published)
    return found


REASONS: list[tuple[str, str, ClaimKind, tuple[str, ...]]] = [
    # hyphenated adjectives are not past-tense predicates
    ("Excluding the volatile food and energy categories, so-called core prices rose 0.7% "
     "from May to June.", "", F, ("number: 0.7%", "change: rose", "length: 16 words")),
    ("China claims self-ruled Taiwan as its own territory.", "", F, ("length: 8 words",)),
    ("The long-awaited report was released on Sunday.", "", F,
     ("date: Sunday (relative)", "source: report", "past: was", "length: 7 words")),
    # "record" as a superlative is a comparison, as a document a source
    ("The Dow hit a record high on Tuesday.", "", F,
     ("date: Tuesday (relative)", "comparison: record", "length: 8 words")),
    ("Prices hit record levels in 2022, the data showed.", "", F,
     ("year: 2022", "comparison: record", "source: data", "past: showed", "length: 9 words")),
    ("Court records show he paid $5,000 in 2019.", "", F,
     ("year: 2019", "number: $5,000", "source: records", "past: paid", "length: 8 words")),
    # "must" states a rule; "must have" guesses
    ("A party must win 218 seats to control the House.", "", F,
     ("number: 218", "length: 10 words")),
    ("He must have known about the plan.", "", OP, ("hedge: must", "length: 7 words")),
    # weekdays are dates relative to the article's date, resolved when it is known
    ("The Dow hit a record high on Tuesday.", "2024-06-15", F,
     ("date: Tuesday (relative to 15 June 2024: 11 June)", "comparison: record",
      "length: 8 words")),
    ("The minister will resign on Friday.", "2024-06-12", F,
     ("date: Friday (relative to 12 June 2024: 14 June)", "future: will")),
    ("Talks resumed last Monday in Cairo.", "2024-06-17", F,
     ("date: Monday (relative to 17 June 2024: 10 June)", "past: resumed")),
    ("On Tuesday, June 11, 2024, the court ruled.", "2024-06-15", F,
     ("date: June 11, 2024", "past: ruled", "length: 8 words")),  # a calendar date: no weekday
    ("The minister resigned on Tuesday.", "not a date", F,
     ("date: Tuesday (relative)", "past: resigned", "short: 5 words")),
    # a participle after a present or future "be" or a linking verb is no past tense
    ("Officials are concerned about the dam.", "", F, ()),
    ("The samples are still being analyzed by the lab.", "", F, ("length: 9 words",)),
    ("The council remains divided over the plan.", "", F, ("length: 7 words",)),
    ("Troops will be deployed to the border.", "", F, ("future: will", "length: 7 words")),
    ("The minister resigned and was replaced.", "", F, ("past: resigned",)),
    # a deadline or a plan is ahead of the article's date; "since" and a past verb behind it
    ("The ministers must agree a budget by Friday.", "2024-06-12", F,
     ("date: Friday (relative to 12 June 2024: 14 June)", "length: 8 words")),
    ("The vote is scheduled for Monday.", "2024-06-12", F,
     ("date: Monday (relative to 12 June 2024: 17 June)",)),
    ("Talks had collapsed by Friday.", "2024-06-12", F,
     ("date: Friday (relative to 12 June 2024: 7 June)", "past: had", "short: 5 words")),
    ("Prices have fallen since Monday.", "2024-06-12", F,
     ("date: Monday (relative to 12 June 2024: 10 June)", "change: fallen", "short: 5 words")),
    # a clock time is no figure; "third" and "quarter" are quantities only as fractions
    ("The ferry left at 6:30 a.m. with 40 people aboard.", "", F,
     ("number: 40", "past: left", "length: 10 words")),
    ("Modi won a third term in the vote.", "", F, ("past: won", "length: 8 words")),
    ("Profit rose in the first quarter of 2024.", "", F,
     ("year: 2024", "change: rose", "length: 8 words")),
    ("A quarter of the homes were lost.", "", F,
     ("quantity: quarter", "change: lost", "past: were", "length: 7 words")),
    # credit lines are not checkable
    ("Reporting by Ben Blanchard; Editing by Lincoln Feast", "", CR, ("credit line",)),
    ("(Reporting by Yimou Lee and Ben Blanchard; Editing by Jane Doe)", "", CR,
     ("credit line",)),
    ("Associated Press writer Jill Lawless contributed to this report.", "", CR,
     ("credit line",)),
    ("Additional reporting by David Shepardson in Washington", "", CR, ("credit line",)),
    ("Reporting by the Guardian revealed that the minister had lied.", "", F,
     ("past: revealed", "length: 10 words")),  # a sentence about reporting, not a credit
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "kind", "reasons"), REASONS)
def test_reasons(text: str, published: str, kind: ClaimKind, reasons: tuple[str, ...]) -> None:
    found = claim(text, published)
    assert (found.kind, found.reasons) == (kind, reasons)


def test_a_credit_line_scores_zero_and_a_weekday_raises_the_score_only_without_a_date() -> None:
    assert claim("Reporting by Ben Blanchard; Editing by Lincoln Feast").checkworthiness == 0.0
    with_weekday = claim("The minister resigned on Tuesday.").checkworthiness
    without = claim("The minister resigned on time.").checkworthiness
    assert round(with_weekday - without, 3) == 0.1  # RELATIVE_DATE_WEIGHT
    dated = claim("The minister resigned on Tuesday, June 11, 2024.").checkworthiness
    plain = claim("The minister resigned on June 11, 2024.").checkworthiness
    assert round(dated - plain, 3) == WORD_WEIGHT  # one word more, no second date


JUNE_15 = "relative to 15 June 2024"


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("It rained on Saturday.", "2024-06-15", (f"Saturday ({JUNE_15}: 15 June)",)),
        ("It will rain on Saturday.", "2024-06-15", (f"Saturday ({JUNE_15}: 15 June)",)),
        ("It will rain next Saturday.", "2024-06-15", (f"Saturday ({JUNE_15}: 22 June)",)),
        ("It rained last Saturday.", "2024-06-15", (f"Saturday ({JUNE_15}: 8 June)",)),
        ("It rained on Tuesday.", "2025-01-02",
         ("Tuesday (relative to 2 January 2025: 31 December 2024)",)),
        ("Monday's vote and Friday's count.", "", ("Monday (relative)", "Friday (relative)")),
        ("He arrived on Tuesday 11 June.", "2024-06-15", ()),
    ],
)  # fmt: skip
def test_relative_dates(text: str, published: str, expected: tuple[str, ...]) -> None:
    assert relative_dates(text, published=published) == expected


@pytest.mark.parametrize(
    "text",
    ["By Steve Scherer and Gabriele Pileri", "(Reporting By Mitra Taj; Editing by Bill Trott)"],
)
def test_a_credit_on_a_line_of_its_own_is_a_credit_not_a_heading(text: str) -> None:
    line = Sentence(0, 0, len(text), text, 0, SentenceRole.HEADING)
    (found,) = extract_claims([line])
    assert (found.kind, found.checkworthiness, found.reasons) == (CR, 0.0, ("credit line",))


def test_a_real_heading_starting_with_by_stays_a_heading() -> None:
    text = "By the numbers: the 2024 election"
    (found,) = extract_claims([Sentence(0, 0, len(text), text, 0, SentenceRole.HEADING)])
    assert found.kind is ClaimKind.HEADING
