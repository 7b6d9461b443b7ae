"""checks.claims: one claim per sentence, its kind, its check-worthiness and the reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.claims import WORD_WEIGHT, claim_kind, entities, extract_claims, features, is_quote
from checks.model import Claim, ClaimKind, Sentence, SentenceRole
from checks.segment import segment

DEMO = (Path(__file__).parent.parent / "data" / "ceasefire-proposal-2024.txt").read_text(
    encoding="utf-8"
)
F, Q, OP, QU, H = (
    ClaimKind.FACTUAL,
    ClaimKind.QUOTE,
    ClaimKind.OPINION,
    ClaimKind.QUESTION,
    ClaimKind.HEADING,
)


def _claim(text: str, role: SentenceRole = SentenceRole.BODY) -> Claim:
    (claim,) = extract_claims([Sentence(0, 0, len(text), text, 0, role)])
    return claim


def test_one_claim_per_sentence_but_the_dateline_with_ids_and_texts() -> None:
    sentences = segment(DEMO)
    claims = extract_claims(sentences)
    assert len(sentences) == 33
    assert sentences[1].role is SentenceRole.DATELINE  # "Moscow, June 15, 2024": metadata
    assert len(claims) == 32
    assert [c.id for c in claims] == [f"c{n}" for n in range(1, 33)]
    assert [c.sentence_index for c in claims] == [0, *range(2, 33)]
    assert [c.text for c in claims] == [s.text for s in sentences if s.index != 1]
    assert extract_claims([]) == ()


def test_demo_kinds() -> None:
    kinds = [c.kind for c in extract_claims(segment(DEMO))]
    assert kinds == [
        H, F, F, H, F, F, H, F, Q, F, H, F, F, F, F, F,
        H, F, F, OP, OP, H, OP, F, OP, H, F, F, F, OP, OP, OP,
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "role", "kind"),
    [
        ("Details of the Proposal", SentenceRole.HEADING, H),
        ("Putin Proposes Ceasefire", SentenceRole.HEADLINE, H),
        ("Will the ceasefire hold?", SentenceRole.BODY, QU),
        ("Is Russia likely to accept a deal?", SentenceRole.BODY, QU),
        (
            "“Ukraine will never surrender its lands,” Zelensky declared in Kyiv.",
            SentenceRole.BODY,
            Q,
        ),
        ("Zelensky said: “We will never surrender our lands or our right.”", SentenceRole.BODY, Q),
        ("“We will fight until the end.”", SentenceRole.BODY, Q),
        ("“Is this over?” he asked the crowd.", SentenceRole.BODY, Q),
        ("Stoltenberg dismissed the conditions as “unacceptable” on Monday.", SentenceRole.BODY, F),
        ("Diplomatic efforts are expected to intensify.", SentenceRole.BODY, OP),
        ("The path to peace remains uncertain.", SentenceRole.BODY, OP),
        ("The proposal marks a significant moment in the conflict.", SentenceRole.BODY, OP),
        ("The conditions make it unlikely to be accepted.", SentenceRole.BODY, OP),
        ("Ukraine sees membership as crucial for its defense.", SentenceRole.BODY, OP),
        ("Analysts believe the talks could fail.", SentenceRole.BODY, OP),
        ("The conflict began in 2014 with the annexation of Crimea.", SentenceRole.BODY, F),
        ("Putin stated that Russia is ready to halt operations.", SentenceRole.BODY, F),
        ("He emphasized that any ceasefire must involve a withdrawal.", SentenceRole.BODY, F),
        ("The economy may shrink by 3.2% in 2025, the bank said.", SentenceRole.BODY, F),
        ("The United Nations has called for an emergency session.", SentenceRole.BODY, F),
        ("The talks in May ended without a deal.", SentenceRole.BODY, F),
    ],
)
def test_claim_kind(text: str, role: SentenceRole, kind: ClaimKind) -> None:
    assert _claim(text, role).kind is kind


@pytest.mark.parametrize(
    ("text", "role", "score", "reasons"),
    [
        (
            "Russian President Vladimir Putin offered a ceasefire on June 15, 2024, "
            "with 32 conditions, the Kremlin said.",
            SentenceRole.BODY,
            0.914,
            (
                "date: June 15, 2024",
                "number: 32",
                "past: offered",
                "entity: Vladimir Putin",
                "attribution: said",
                "length: 17 words",
            ),
        ),
        (
            "The conflict, which began in 2014 with Russia’s annexation of Crimea, has seen "
            "a recent escalation with intense fighting in Eastern Ukraine.",
            SentenceRole.BODY,
            0.634,
            ("year: 2014", "past: began", "entity: Eastern Ukraine", "length: 22 words"),
        ),
        (
            "NATO Secretary-General Jens Stoltenberg met the United Nations chief in Brussels.",
            SentenceRole.BODY,
            0.52,
            (
                "past: met",
                "entity: NATO",
                "entity: Jens Stoltenberg",
                "entity: United Nations",
                "length: 11 words",
            ),
        ),
        (
            "According to the ministry, $5 million was sent.",
            SentenceRole.BODY,
            0.628,
            ("number: $5 million", "past: was", "attribution: according to", "length: 8 words"),
        ),
        (
            "Diplomatic efforts are expected to intensify.",
            SentenceRole.BODY,
            0.17,
            ("hedge: expected to",),  # "expected" is the hedge, not a past-tense predicate
        ),
        (
            "It is likely that a significant and crucial change may come.",
            SentenceRole.BODY,
            0.0,
            (
                "hedge: likely",
                "hedge: may",
                "evaluative: significant",
                "evaluative: crucial",
                "length: 11 words",
            ),
        ),
        (
            "This proposal comes amid ongoing conflict and heightened international tensions.",
            SentenceRole.BODY,
            0.366,
            ("past: heightened", "length: 10 words"),
        ),
        (
            "Unemployment fell from 7.8 to 4.7 percent in 2016, the lowest rate in 10 years, "
            "a report showed.",
            SentenceRole.BODY,
            1.0,
            (
                "year: 2016",
                "number: 7.8",
                "number: 4.7 percent",
                "number: 10",
                "quantity: rate",
                "comparison: lowest",
                "change: fell",
                "source: report",
                "past: showed",
                "length: 18 words",
            ),
        ),
        (
            "Exports have nearly doubled since the agreement, according to official data.",
            SentenceRole.BODY,
            0.71,
            (
                "comparison: nearly",
                "change: doubled",
                "source: data",
                "past: doubled",
                "attribution: according to",
                "length: 11 words",
            ),
        ),
        (
            "The government cut taxes for a majority of workers.",
            SentenceRole.BODY,
            0.572,
            ("quantity: majority", "change: cut", "length: 9 words"),
        ),
        (
            "The ministry called for increased aid in a televised address.",
            SentenceRole.BODY,
            0.366,
            ("past: called", "length: 10 words"),  # participles after "for", "a" are adjectives
        ),
        (
            "I think we will win this, and you know it.",
            SentenceRole.BODY,
            0.0,
            ("hedge: think", "personal: I think", "future: will", "length: 10 words"),
        ),
        (
            "We are going to build a better future.",
            SentenceRole.BODY,
            0.038,
            ("personal: We are going to", "future: going to", "length: 8 words"),
        ),
        (
            "Will the ceasefire hold?",
            SentenceRole.BODY,
            0.0,
            ("future: Will", "short: 4 words", "question"),
        ),
        (
            "Details of the Proposal",
            SentenceRole.HEADING,
            0.1,
            ("entity: Details of the Proposal", "short: 4 words", "heading"),
        ),
        (
            "Next Steps",
            SentenceRole.HEADING,
            0.1,
            ("short: 2 words", "heading"),
        ),
    ],
)
def test_checkworthiness_golden(
    text: str, role: SentenceRole, score: float, reasons: tuple[str, ...]
) -> None:
    claim = _claim(text, role)
    assert claim.checkworthiness == score
    assert claim.reasons == reasons


def test_demo_factual_claims_outrank_opinions_and_headings() -> None:
    claims = extract_claims(segment(DEMO))
    lowest_factual = min(c.checkworthiness for c in claims if c.kind is F)
    assert lowest_factual > max(c.checkworthiness for c in claims if c.kind in (OP, H))
    assert not any(c.text == "Moscow, June 15, 2024" for c in claims)
    for name in (
        "Vladimir Putin has offered",
        "Zelensky swiftly rejected",
        "Stoltenberg dismissed",
    ):
        claim = next(c for c in claims if name in c.text)
        assert claim.checkworthiness > 0.45


def test_a_dateline_makes_no_claim_but_an_old_dateline_claim_stays_factual() -> None:
    dateline = Sentence(0, 0, 21, "Moscow, June 15, 2024", 0, SentenceRole.DATELINE)
    assert extract_claims([dateline]) == ()
    # a dateline claim made by an older version (the reviewer edited the article's claims
    # since, so "analyse again" keeps them): still classified as before
    assert claim_kind(dateline, features(dateline.text)) is F


def test_figures_count_up_to_a_cap() -> None:
    one = _claim("The fund paid 40 workers in the region.")
    three = _claim("The fund paid 40 workers, 12 managers and 3 drivers.")
    five = _claim("The fund paid 40 workers, 12 managers, 3 drivers, 2 cooks and 7 guards.")
    assert one.checkworthiness < three.checkworthiness
    assert [r for r in five.reasons if r.startswith("number:")] == [
        "number: 40", "number: 12", "number: 3", "number: 2", "number: 7"
    ]  # fmt: skip
    # the 4th and 5th figures add nothing; only the four extra words do
    assert five.checkworthiness - three.checkworthiness == pytest.approx(4 * WORD_WEIGHT, abs=1e-9)


def test_the_score_is_fine_grained() -> None:
    claims = extract_claims(segment(DEMO))
    assert len({c.checkworthiness for c in claims if c.kind is not H}) >= 20


def test_specific_claim_outranks_vague_opinion() -> None:
    specific = _claim("On June 15, 2024, Vladimir Putin offered 32 conditions in Moscow.")
    vague = _claim("This could be a significant moment that may change everything.")
    assert specific.checkworthiness > vague.checkworthiness
    assert (specific.kind, vague.kind) == (F, OP)


def test_scores_stay_in_range_and_headings_stay_low() -> None:
    claims = extract_claims(segment(DEMO))
    assert all(0.0 <= c.checkworthiness <= 1.0 for c in claims)
    assert max(c.checkworthiness for c in claims if c.kind is H) == 0.1
    assert all("heading" in c.reasons for c in claims if c.kind is H)


def test_entity_bonus_is_capped() -> None:
    many = _claim("Jens Stoltenberg, Vladimir Putin, Olaf Scholz and Emmanuel Macron met.")
    # base 0.25 + past 0.1 + three entities (0.05 each, capped at 0.15), not four + length
    assert many.checkworthiness == 0.516
    assert many.reasons == (
        "past: met",
        "entity: Jens Stoltenberg",
        "entity: Vladimir Putin",
        "entity: Olaf Scholz",
        "entity: Emmanuel Macron",
        "length: 10 words",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian President Vladimir Putin has offered a ceasefire to NATO.",
            ("Vladimir Putin", "NATO"),
        ),
        ("The United States and European Union echoed this.", ("United States", "European Union")),
        ("Vladimir Putin spoke first.", ("Vladimir Putin",)),
        ("Within Russia, Putin’s proposal has received mixed reactions.", ()),
        (
            "The Bank of England raised rates; the EU and UN agreed.",
            ("Bank of England", "EU", "UN"),
        ),
    ],
)
def test_entities(text: str, expected: tuple[str, ...]) -> None:
    assert entities(text) == expected


def test_features_keep_dates_years_and_numbers_apart() -> None:
    found = features("On 3 March 2023 the 27 members met, as in 2014 and in May 2020.")
    assert (found.dates, found.years, found.numbers) == (
        ("3 March 2023", "May 2020"),
        ("2014",),
        ("27",),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will win,” he said.", True),
        ("“We will fight until the end.”", True),
        ("We will win the war,” he said.", True),
        ("He dismissed the plan as “unacceptable” on Monday.", False),
        ("He called it “a peace offer” in the talks on Monday and Tuesday.", False),
        ("Ukraine’s bid to join NATO is contentious.", False),
    ],
)
def test_is_quote(text: str, expected: bool) -> None:
    assert is_quote(text) is expected


@pytest.mark.parametrize(
    "text",
    ["Jane Roe/Social Media/via REUTERS", "(AP Photo/John Doe, File)", "REUTERS/John Doe",
     "Photo: Getty Images", "Photograph: Jane Roe for the Desk"],
)  # fmt: skip
def test_a_photo_credit_is_a_credit_line_not_a_claim(text: str) -> None:
    assert _claim(text, SentenceRole.BODY).kind is ClaimKind.CREDIT


@pytest.mark.parametrize(
    "text",
    ["The AFP/Reuters tally rose to 40 dead on Monday.", "Input/output costs rose 4%."],
)
def test_a_slash_in_a_sentence_is_no_photo_credit(text: str) -> None:
    assert _claim(text, SentenceRole.BODY).kind is not ClaimKind.CREDIT
