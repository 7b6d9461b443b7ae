"""checks.semantic.search: the union of lexical and semantic candidates, blended."""

from __future__ import annotations

import pytest

from checks.match import Matcher
from checks.model import Claim, ClaimKind, Passage
from checks.semantic import model, search

NOTES = {
    "library:ceasefire": (
        "Putin's ceasefire offer",
        "Putin offered a ceasefire on 14 June 2024, if Ukraine withdrew from four regions.",
    ),
    "library:kyiv": ("Kyiv", "Kyiv is the capital and most populous city of Ukraine."),
    "library:nato": ("NATO", "NATO was founded in 1949 by twelve countries."),
}
PASSAGES = [Passage(key, 0, len(text), text) for key, (_, text) in NOTES.items()]
TITLES = {key: title for key, (title, _) in NOTES.items()}


def claim(text: str, claim_id: str = "c1") -> Claim:
    return Claim(claim_id, 0, text, ClaimKind.FACTUAL, 0.9)


@pytest.fixture(scope="module")
def matcher() -> search.SemanticMatcher:
    return search.SemanticMatcher.build(
        Matcher.build(PASSAGES, titles=TITLES), TITLES, model.shared()
    )


def test_a_paraphrase_with_no_shared_word_is_found_by_meaning(
    matcher: search.SemanticMatcher,
) -> None:
    paraphrase = claim("The Russian president proposed a truce in June 2024.")
    assert matcher.lexical.match_many([paraphrase]) == ((),)  # "June 2024" is not a topic
    (found,) = matcher.scored_many([paraphrase])  # every passage of the union, ranked
    best = found[0]
    assert matcher.passages[best.index].document_key == "library:ceasefire"
    assert best.lexical == 0.0
    assert best.blend == pytest.approx((1 - search.WEIGHT) * best.similarity)
    assert best.is_evidence  # close enough in meaning: blend >= EVIDENCE_BLEND
    assert [s.is_evidence for s in found[1:]] == [False, False]
    ((evidence,),) = matcher.match_many([paraphrase])
    assert (evidence.rank, evidence.passage.document_key) == (1, "library:ceasefire")
    assert evidence.score == pytest.approx(search.calibrated(best.blend))
    assert evidence.score >= search.LEXICAL_FLOOR


def test_an_unrelated_claim_gets_no_evidence(matcher: search.SemanticMatcher) -> None:
    assert matcher.match_many([claim("Quarterly profits at the bank rose by 4 percent.")]) == ((),)


def test_the_blend_and_the_conflicts_of_a_lexical_match(matcher: search.SemanticMatcher) -> None:
    restated = claim("Putin offered a ceasefire on 15 June 2024.")
    (found,) = matcher.scored_many([restated])
    best = found[0]
    assert matcher.passages[best.index].document_key == "library:ceasefire"
    assert best.lexical > 0.5
    assert best.blend == pytest.approx(
        search.WEIGHT * best.lexical + (1 - search.WEIGHT) * best.similarity
    )
    ((evidence, *_),) = matcher.match_many([restated])
    assert [(mine.value, theirs.value) for mine, theirs in evidence.agreement.conflicts] == [
        ("2024-06-15", "2024-06-14")
    ]
    assert [s.blend for s in found] == sorted((s.blend for s in found), reverse=True)


def test_an_empty_library_and_no_claims(matcher: search.SemanticMatcher) -> None:
    empty = search.SemanticMatcher.build(Matcher.build([]), {}, model.shared())
    assert empty.match_many([claim("Putin offered a ceasefire.")]) == ((),)
    assert matcher.match_many([]) == ()
