"""checks.claim_ids: ids carried over by sentence identity, fresh ids never reused, moves."""

from __future__ import annotations

import pytest

from checks.claim_ids import DATELINE, OVERLAP, Move, carry_ids, moved_verdict, rekey
from checks.model import (
    Analysis,
    Claim,
    ClaimKind,
    Evidence,
    Lookup,
    Passage,
    Sentence,
    SentenceRole,
    SourceKind,
    Verdict,
)

BODY, LINE = SentenceRole.BODY, SentenceRole.DATELINE


def sentence(index: int, start: int, text: str, role: SentenceRole = BODY) -> Sentence:
    return Sentence(index, start, start + len(text), text, 0, role)


def claim(claim_id: str, s: Sentence) -> Claim:
    return Claim(claim_id, s.index, s.text, ClaimKind.FACTUAL, 0.5)


def ids(
    old: list[Sentence], new: list[Sentence], *, top: int
) -> tuple[list[str], tuple[Move, ...]]:
    """Old claims c1.. on ``old`` (datelines included, as the old code made them), new claims
    on ``new`` (datelines left out, as the new code makes them)."""
    old_pairs = [(claim(f"c{n}", s), s) for n, s in enumerate(old, start=1)]
    made = [claim(f"c{n}", s) for n, s in enumerate((s for s in new if s.role is BODY), start=1)]
    carried = carry_ids(old_pairs, made, new, top=top)
    return [c.id for c in carried.claims], carried.moves


A, B, C = "Talks began on 3 May.", "They ended on 9 May.", "No deal was signed."


@pytest.mark.parametrize(
    ("old", "new", "top", "expected", "moves"),
    [
        # the same sentences: the same ids
        ([sentence(0, 0, A), sentence(1, 22, B)], [sentence(0, 0, A), sentence(1, 22, B)], 2,
         ["c1", "c2"], ()),
        # a sentence added: the others keep theirs, the new one gets c<top+1>, not c2
        ([sentence(0, 0, A), sentence(1, 22, B)],
         [sentence(0, 0, A), sentence(1, 22, C), sentence(2, 42, B)], 5, ["c1", "c6", "c2"], ()),
        # same text, other offsets (the text moved): carried by text, in order
        ([sentence(0, 0, A), sentence(1, 22, A)], [sentence(0, 3, A), sentence(1, 25, A)], 2,
         ["c1", "c2"], ()),
        # a dateline claim of the old code: gone, its verdict goes to the claim it opens
        ([sentence(0, 0, "MOSCOW"), sentence(1, 9, A)],
         [sentence(0, 0, "MOSCOW", LINE), sentence(1, 9, A)], 2,
         ["c2"], (Move("c1", "c2", DATELINE, "MOSCOW"),)),
        # two sentences now split as one: the second's verdict goes to the one that holds it
        ([sentence(0, 0, A), sentence(1, 22, B)], [sentence(0, 0, A + " " + B)], 2,
         ["c3"], (Move("c1", "c3", OVERLAP, A), Move("c2", "c3", OVERLAP, B))),
        # nothing stored yet: c1, c2 ... (top is 0)
        ([], [sentence(0, 0, A), sentence(1, 22, B)], 0, ["c1", "c2"], ()),
        # the article lost every claim: nothing to move to
        ([sentence(0, 0, A)], [], 1, [], ()),
    ],
    ids=["same", "added", "moved-text", "dateline", "merged", "first", "empty"],
)  # fmt: skip
def test_carry_ids(
    old: list[Sentence], new: list[Sentence], top: int, expected: list[str], moves: tuple[Move, ...]
) -> None:
    assert ids(old, new, top=top) == (expected, moves)


def test_a_fresh_id_is_above_every_id_the_article_ever_had() -> None:
    got, _ = ids([sentence(0, 0, A)], [sentence(0, 0, B)], top=41)
    assert got == ["c42"]  # c1's sentence is gone (its verdict moves), c2..c41 were used before


def test_rekey_renames_claims_evidence_and_lookups() -> None:
    s = sentence(0, 0, A)
    analysis = Analysis(
        sentences=(s,),
        claims=(claim("c1", s),),
        documents=(),
        evidence=(Evidence("c1", 1, Passage("library:x", 0, 5, "Talks"), 0.5),),
        lookups=(Lookup(SourceKind.WIKIPEDIA, "title", "Talks", ("c1",), ("Talks",), "fetched"),),
    )
    carried = carry_ids([(claim("c7", s), s)], analysis.claims, analysis.sentences, top=9)
    renamed = rekey(analysis, carried)
    assert [c.id for c in renamed.claims] == ["c7"]
    assert [e.claim_id for e in renamed.evidence] == ["c7"]
    assert renamed.lookups[0].claim_ids == ("c7",)


def v(claim_id: str, label: str = "unreviewed", note: str = "") -> Verdict:
    return Verdict(claim_id, label, note, None, "")


LINE_MOVE = Move("c2", "c3", DATELINE, "Moscow, June 15, 2024")
SPLIT_MOVE = Move("c5", "c6", OVERLAP, "They ended on 9 May.")


@pytest.mark.parametrize(
    ("moves", "verdicts", "expected"),
    [
        # nothing written on the gone claim: nothing moves
        ([LINE_MOVE], {"c2": v("c2")}, {}),
        # the opened claim is unreviewed: it takes the dateline's verdict, the note says so
        ([LINE_MOVE], {"c2": v("c2", "false", "Wrong day.")},
         {"c3": ("false", "From c2 (its dateline, “Moscow, June 15, 2024”), marked false: "
                          "Wrong day.")}),
        # the opened claim has its own verdict and note: both stay, the moved line is added
        ([LINE_MOVE], {"c2": v("c2", "false"), "c3": v("c3", "true", "Kremlin transcript.")},
         {"c3": ("true", "Kremlin transcript.\n\nFrom c2 (its dateline, “Moscow, June 15, "
                         "2024”), marked false.")}),
        # a note without a verdict
        ([LINE_MOVE], {"c2": v("c2", note="Ask the desk.")},
         {"c3": ("unreviewed", "From c2 (its dateline, “Moscow, June 15, 2024”): Ask the desk.")}),
        # a sentence split differently: its label is other words' label, only written down
        ([SPLIT_MOVE], {"c5": v("c5", "true")},
         {"c6": ("unreviewed", "From c5 (a sentence of the earlier analysis, “They ended on 9 "
                               "May.”), marked true.")}),
    ],
    ids=["nothing", "takes", "keeps-own", "note-only", "split"],
)  # fmt: skip
def test_moved_verdict(
    moves: list[Move], verdicts: dict[str, Verdict], expected: dict[str, tuple[str, str]]
) -> None:
    assert moved_verdict(moves, verdicts, unreviewed="unreviewed") == expected


def test_two_moves_to_one_claim_both_land_in_its_note() -> None:
    moves = [Move("c1", "c3", OVERLAP, "One."), Move("c2", "c3", OVERLAP, "Two.")]
    got = moved_verdict(moves, {"c1": v("c1", note="a"), "c2": v("c2", note="b")},
                        unreviewed="unreviewed")  # fmt: skip
    assert got == {
        "c3": (
            "unreviewed",
            "From c1 (a sentence of the earlier analysis, “One.”): a\n\n"
            "From c2 (a sentence of the earlier analysis, “Two.”): b",
        )
    }


def test_a_whole_article_segmented_anew_is_carried_by_text() -> None:
    """40,000 claims (a 5 MB article), every sentence shifted by one character: all carried
    by their text. (bench/review_rerun.py times "analyse again"; this checks the result.)"""
    old = [sentence(i, i * 30, f"Sentence number {i} is here.") for i in range(40_000)]
    new = [sentence(i, i * 30 + 1, f"Sentence number {i} is here.") for i in range(40_000)]
    assert ids(old, new, top=40_000) == ([f"c{n}" for n in range(1, 40_001)], ())
