"""checks.match: BM25 retrieval, rapidfuzz re-score, ranks, calibration and agreement."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from checks import facts
from checks.match import Matcher, content_words, match_claims, normalise, tokens, variant
from checks.model import Claim, ClaimKind, FactKind, Passage
from checks.relevance import FLOOR, Band, band

LIBRARY = (
    (
        "notes:putin",
        "On 14 June 2024, in a speech at the Foreign Ministry, Putin offered a "
        "ceasefire if Ukraine withdrew its troops from four regions and gave up its bid to join "
        "NATO.",
    ),
    ("notes:putin", "Putin said talks could start as soon as the withdrawal began."),
    ("notes:putin", "Ukraine and its Western partners rejected the conditions within hours."),
    ("notes:stoltenberg", "Jens Stoltenberg was Secretary General of NATO from 2014 to 2024."),
    (
        "notes:stoltenberg",
        "Stoltenberg said the proposal was not made in good faith and would reward aggression.",
    ),
    ("notes:stoltenberg", "Mark Rutte succeeded him as Secretary General in October 2024."),
    (
        "notes:crimea",
        "Russia annexed Crimea in March 2014 after a referendum held under military occupation.",
    ),
    (
        "notes:crimea",
        "Most members of the United Nations still regard Crimea as Ukrainian territory.",
    ),
    (
        "notes:nato",
        "NATO is a military alliance of European and North American countries founded in 1949.",
    ),
    ("notes:nato", "Finland joined NATO in April 2023 and Sweden joined in March 2024."),
    ("notes:nato", "Its headquarters are in Brussels."),
    (
        "notes:summit",
        "The Summit on Peace in Ukraine was held in Switzerland on 15 and 16 June 2024.",
    ),
    ("notes:summit", "About 100 delegations attended the summit at the Bürgenstock resort."),
    ("notes:weather", "Heavy rain flooded the valley in the spring."),
)
PASSAGES = tuple(Passage(key, 0, len(text), text) for key, text in LIBRARY)


def _claim(text: str, claim_id: str = "c1") -> Claim:
    return Claim(claim_id, 0, text, ClaimKind.FACTUAL, 0.9)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher.build(PASSAGES)


@pytest.mark.parametrize(
    ("claim", "expected_top"),
    [
        ("Putin offered a ceasefire in June 2024 if Ukraine gave up its NATO bid.", 0),
        ("Stoltenberg dismissed the proposal as not made in good faith.", 4),
        ("Mark Rutte became NATO Secretary General in October 2024.", 5),
        ("Russia annexed Crimea in 2014.", 6),
        ("Sweden joined NATO in 2024.", 9),
        ("Where is NATO's headquarters? In Brussels.", 10),
        ("Switzerland hosted a peace summit.", 11),
        ("Delegations attending the summit met at Bürgenstock.", 12),
        ("The valley flooded after heavy rain in spring.", 13),
    ],
)
def test_expected_top_passage(matcher: Matcher, claim: str, expected_top: int) -> None:
    found = matcher.match(_claim(claim))
    assert found[0].passage == PASSAGES[expected_top]


def test_claim_sharing_nothing_gets_no_evidence(matcher: Matcher) -> None:
    assert matcher.match(_claim("The cat sat on the mat.")) == ()
    assert matcher.match(_claim("The and of it.")) == ()  # stopwords only


def test_only_passages_sharing_two_topical_words_are_evidence(matcher: Matcher) -> None:
    claim = "The alliance has its headquarters in Brussels, a city of chocolate."
    assert [e.passage for e in matcher.match(_claim(claim), top=5)] == [PASSAGES[10]]
    # sharing one word ("Brussels") is not enough for a claim that says more
    assert matcher.match(_claim("Brussels is a city of chocolate."), top=5) == ()
    # ... but it is for a claim of one topical word
    assert [e.passage for e in matcher.match(_claim("Brussels."), top=5)] == [PASSAGES[10]]


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        ("Stoltenberg dismissed the proposal as not made in good faith.", 3),
        ("Jens Stoltenberg led NATO for ten years.", 9),
    ],
)
def test_one_shared_word_is_not_evidence(matcher: Matcher, claim: str, passage: int) -> None:
    found = matcher.match(_claim(claim), top=len(PASSAGES))
    assert PASSAGES[passage] not in [e.passage for e in found]
    assert found  # the claim does have evidence elsewhere


@pytest.mark.parametrize(
    ("claim", "passage", "low", "high", "expected"),
    [
        # near-verbatim restatements
        (
            "Putin offered a ceasefire on 14 June 2024 if Ukraine withdrew its troops from four "
            "regions and gave up its bid to join NATO.",
            0,
            0.9,
            0.95,
            Band.STRONG,
        ),
        ("Sweden joined NATO in 2024.", 9, 0.88, 0.93, Band.STRONG),
        ("The valley flooded after heavy rain in spring.", 13, 0.84, 0.89, Band.STRONG),
        # related sentences on the same topic
        ("Switzerland hosted a peace summit.", 11, 0.57, 0.63, Band.STRONG),
        ("Finland is a member of NATO.", 9, 0.49, 0.54, Band.STRONG),
        ("Jens Stoltenberg led NATO for ten years.", 3, 0.4, 0.45, Band.STRONG),
    ],
)
def test_score_calibration(
    matcher: Matcher, claim: str, passage: int, low: float, high: float, expected: Band
) -> None:
    """In a 14-passage library (scored as if it held 5,000, ``MIN_IDF_PASSAGES``) a passage
    sharing most of a short claim's words is strong."""
    found = matcher.match(_claim(claim), top=len(PASSAGES))
    score = next(e.score for e in found if e.passage == PASSAGES[passage])
    assert low <= score <= high
    assert band(score) is expected


@pytest.mark.parametrize("top", [1, 2, 3, 5, 14])
def test_ranks_scores_and_top(matcher: Matcher, top: int) -> None:
    claim = _claim("NATO members Finland and Sweden joined in 2023 and 2024.")
    found = matcher.match(claim, top=top)
    assert len(found) == min(top, 2)
    # the two passages that share two topical stems with the claim (nato, join, finland...);
    # five more share one stem or only a year ("2024") and are not evidence
    assert {e.passage for e in found} <= {PASSAGES[i] for i in (0, 9)}
    assert found[0].passage == PASSAGES[9]
    assert [e.rank for e in found] == list(range(1, len(found) + 1))
    assert all(0.0 <= e.score <= 1.0 for e in found)
    assert [e.score for e in found] == sorted((e.score for e in found), reverse=True)
    assert {e.claim_id for e in found} == {"c1"}


def test_top_zero_gives_nothing(matcher: Matcher) -> None:
    assert matcher.match(_claim("Sweden joined NATO."), top=0) == ()


def test_candidates_is_raised_to_top(matcher: Matcher) -> None:
    claim = _claim("NATO members Finland and Sweden joined in 2023 and 2024.")
    assert len(matcher.match(claim, top=2, candidates=1)) == 2


def test_empty_library_gives_no_evidence() -> None:
    assert Matcher.build([]).match(_claim("Sweden joined NATO.")) == ()
    assert match_claims([_claim("Sweden joined NATO.")], []) == ()


def test_library_of_stopwords_only_gives_no_evidence() -> None:
    only = Passage("notes:x", 0, 10, "It is the.")
    assert Matcher.build([only]).match(_claim("Is it the?")) == ()


def test_ties_break_by_library_order() -> None:
    twin = "Rutte took office in October 2024."
    passages = [Passage(f"notes:{key}", 0, len(twin), twin) for key in ("b", "a", "c")]
    found = Matcher.build(passages).match(_claim("Rutte took office in October 2024."))
    assert [e.passage.document_key for e in found] == ["notes:b", "notes:a", "notes:c"]


def test_titles_are_a_weak_extra_field() -> None:
    twin = "The prime minister resigned in 2019."
    passages = [Passage(key, 0, len(twin), twin) for key in ("notes:johnson", "notes:may")]
    titles = {"notes:johnson": "Boris Johnson", "notes:may": "Theresa May"}
    claim = _claim("Theresa May resigned as prime minister in 2019.")
    assert Matcher.build(passages).match(claim)[0].passage.document_key == "notes:johnson"
    assert Matcher.build(passages, titles=titles).match(claim)[0].passage.document_key == (
        "notes:may"
    )


def test_swappable_scorer_changes_the_score_not_the_candidates(matcher: Matcher) -> None:
    claim = _claim("Sweden joined NATO in 2024.")
    default = matcher.match(claim, top=1)[0]
    exact = matcher.match(claim, top=1, scorer=lambda a, b, **_: 100.0)[0]
    assert exact.passage == default.passage == PASSAGES[9]
    assert exact.score > default.score


def test_batch_equals_one_by_one(matcher: Matcher) -> None:
    claims = [
        _claim("Sweden joined NATO in 2024.", "c1"),
        _claim("The cat sat on the mat.", "c2"),
        _claim("Russia annexed Crimea, now Ukrainian territory under occupation.", "c3"),
    ]
    batch = matcher.match_many(claims, top=2)
    assert batch == tuple(matcher.match(c, top=2) for c in claims)
    flat = match_claims(claims, PASSAGES, top=2)
    assert [(e.claim_id, e.rank) for e in flat] == [("c1", 1), ("c1", 2), ("c3", 1), ("c3", 2)]
    assert flat == batch[0] + batch[2]


def test_tokens_and_processor() -> None:
    assert tokens("Russia's annexation of Crimea, 2014") == ("rusia", "anex", "crimea", "2014")
    assert content_words("The summits are held") == "sumit held"
    assert fuzz.token_sort_ratio(content_words("NATO joined"), content_words("joined NATO")) == 100


@pytest.mark.skipif(
    facts.extract_facts("14 June 2024") == (), reason="checks/facts.py is still the stub"
)
def test_agreement_flags_a_date_conflict(matcher: Matcher) -> None:
    claim = _claim(
        "On 15 June 2024 Putin offered a ceasefire if Ukraine gave up its bid to join NATO."
    )
    best = matcher.match(claim)[0]
    assert best.passage == PASSAGES[0]
    assert best.agreement.has_conflict
    assert [(c.kind, c.value, e.value) for c, e in best.agreement.conflicts] == [
        (FactKind.DATE, "2024-06-15", "2024-06-14")
    ]


def test_a_passage_sharing_only_numbers_or_months_is_not_evidence() -> None:
    library = [
        Passage("n:a", 0, 44, "Russia annexed Crimea in March 2014 quickly."),
        Passage("n:b", 0, 40, "Talks first met on 28 February 2022 here."),
    ]
    claim = _claim("German consumer prices rose on 28 March 2024, said the statistics office.")
    assert Matcher.build(library).match(claim) == ()


def test_conflicts_are_flagged_only_on_passages_about_the_claims_topic() -> None:
    on_topic = "Putin offered a ceasefire in a speech on 14 June 2024."
    off_topic = "Putin met the press on 14 June 2024."
    library = [
        Passage("n:a", 0, len(on_topic), on_topic),
        Passage("n:b", 0, len(off_topic), off_topic),
    ]
    matcher = Matcher.build(library)
    (found,) = matcher.match(_claim("Putin offered a ceasefire on June 15, 2024."))
    assert found.passage.text == on_topic
    assert found.agreement.describe_conflicts() == ("date: June 15, 2024 ≠ 14 June 2024",)
    # a short claim may rest on one shared word, but then a differing date is no conflict
    short = {e.passage.text: e for e in matcher.match(_claim("Putin, June 15, 2024."))}
    assert set(short) == {on_topic, off_topic}
    assert all(e.agreement.conflicts == () for e in short.values())


NORMALISED = [
    # links of every common shape are dropped
    ("see https://example.org/a?b=1 now", "see   now"),
    ("see http://t.co/AbC now", "see   now"),
    ("via www.bbc.co.uk/news/x", "via  "),
    ("photo pic.twitter.com/0eJtwJyS1J", "photo  "),
    ("short t.co/CsHG8R9cHp link", "short   link"),
    ("#DefundTheCBChttps://t.co/CsHG8R9cHp", " Defund The CBC  "),
    # hashtags split where the case changes; digits apart from letters
    ("#AustralianFires", " Australian Fires "),
    ("#COVID19 cases", " COVID 19  cases"),
    ("#climatechange", " climatechange "),
    ("#NATOSummit2024", " NATO Summit 2024 "),
    # not hashtags: HTML entities, issue numbers inside words, handles stay words
    ("Q&amp;A with @BradTrostCPC", "Q&A with @BradTrostCPC"),
    ("C# and F#", "C# and F#"),
    # accents folded
    ("Bürgenstock, São Paulo, Zürich", "Burgenstock, Sao Paulo, Zurich"),
    ("plain ASCII text stays", "plain ASCII text stays"),
]


@pytest.mark.parametrize(("text", "expected"), NORMALISED)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Zelenskyy", "Zelensky"),
        ("Zelenskiy", "Zelensky"),
        ("Gaddafi", "Gadafi"),
        ("Bürgenstock", "Burgenstock"),
        ("#PeaceSummit", "peace summit"),
        ("bills", "bill"),
    ],
)
def test_name_variants_meet(one: str, other: str) -> None:
    assert tokens(one) == tokens(other)


@pytest.mark.parametrize(("one", "other"), [("Putin", "Putina"), ("Kyiv", "Kiev"), ("day", "die")])
def test_different_words_stay_apart(one: str, other: str) -> None:
    assert tokens(one) != tokens(other)


def test_variant_is_idempotent() -> None:
    for stem in ("zelenskyy", "sumit", "rusia", "ofer", "day", "citi"):
        assert variant(variant(stem)) == variant(stem)


def test_hashtag_claim_finds_its_passage() -> None:
    text = "President Zelensky addressed the Summit on Peace in Ukraine at Burgenstock."
    other = "Heavy rain flooded the valley in the spring."
    library = [Passage("n:a", 0, len(other), other), Passage("n:b", 0, len(text), text)]
    claim = _claim("Zelenskyy spoke at Bürgenstock #PeaceSummit https://t.co/x1Y2")
    assert [e.passage.text for e in Matcher.build(library).match(claim)] == [text]


def test_a_passage_near_the_topic_but_about_another_event_flags_no_conflict() -> None:
    # the claim is about how the conflict began; the passage about its escalation years later
    claim = _claim(
        "The conflict, which began in 2014 with Russia’s annexation of Crimea, has seen a "
        "recent escalation with intense fighting in Eastern Ukraine."
    )
    text = "The war escalated when Russia began its full-scale invasion on 24 February 2022."
    (found,) = Matcher.build([Passage("n:war", 0, len(text), text)]).match(claim)
    assert 0.2 < found.score < FLOOR
    assert band(found.score) is Band.WEAK
    assert found.agreement.conflicts == ()


def test_weak_passages_are_returned_but_flag_no_conflict() -> None:
    """One rule for conflicts: facts are compared on evidence (strong or related) only."""
    text = "Putin met the press in Moscow in 2021 after the parade."
    passages = [Passage("n:a", 0, len(text), text)]
    claim = _claim(
        "Putin signed a decree on gas exports to China, India and Turkey in Moscow in 2023, "
        "energy ministry officials said."
    )
    (found,) = Matcher.build(passages).match(claim)
    assert band(found.score) is Band.WEAK
    assert found.agreement.conflicts == ()
    assert facts.agreement(claim.text, text).conflicts  # the facts do differ


TITLED = {
    "notes:putin": "Vladimir Putin's ceasefire offer",
    "notes:stoltenberg": "Jens Stoltenberg",
    "notes:crimea": "Annexation of Crimea by Russia",
    "notes:nato": "NATO",
    "notes:summit": "Summit on Peace in Ukraine",
    "notes:weather": "Valley weather",
}


@pytest.mark.parametrize(
    "claim",
    [
        "Putin offered a ceasefire in June 2024 if Ukraine gave up its NATO bid.",
        "Russia annexed Crimea in March 2014 after a referendum.",
        "The Summit on Peace in Ukraine was held in Switzerland.",
        "NATO NATO NATO headquarters",  # a repeated stem counts each time, on both sides
    ],
)
def test_self_normalisation_uses_the_statistics_bm25s_scores_with(claim: str) -> None:
    """``_Stats`` scores a field exactly as bm25s does: same df, count and mean length of
    the indexed fields (body and title stems), so the claim-against-itself denominator and
    the passage's score are on one scale."""
    matcher = Matcher.build(PASSAGES, titles=TITLED)
    query = tokens(claim)
    expected = matcher.bm25_index.get_scores(list(query))
    for index, passage in enumerate(PASSAGES):
        field = (*matcher.bodies[index], *tokens(TITLED[passage.document_key]))
        assert matcher._stats.bm25(query, field) == pytest.approx(float(expected[index]), rel=1e-5)


def test_a_restatement_scores_one_when_titles_are_indexed() -> None:
    """A passage restated word for word scores (nearly) 1, also when its document's title
    shares words with it and with many other passages of the same document."""
    sentences = [
        "Vladimir Putin offered a ceasefire to Ukraine in June 2024.",
        "Putin spoke at the Foreign Ministry in Moscow.",
        "Putin set conditions for talks.",
        "Putin said the offer was final.",
    ]
    passages = [Passage("wikipedia:putin", 0, len(t), t) for t in sentences]
    other = "Heavy rain flooded the valley in the spring."
    passages.append(Passage("notes:weather", 0, len(other), other))
    titles = {"wikipedia:putin": "Vladimir Putin", "notes:weather": "Weather"}
    (best, *_) = Matcher.build(passages, titles=titles).match(_claim(sentences[0]))
    assert best.passage.text == sentences[0]
    assert best.score >= 0.95


def test_padded_statistics_keep_their_own_idf() -> None:
    """The score's statistics (padded to ``MIN_IDF_PASSAGES``) never share the remembered
    idf of the index's own (the ones bm25s scores with)."""
    matcher = Matcher.build(PASSAGES)
    own = matcher._stats.idf("putin")
    padded = matcher._stats.padded(5_000)
    assert padded.idf("putin") > own + 5
    assert matcher._stats.idf("putin") == own
