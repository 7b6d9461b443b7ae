"""Datelines and credit lines as pages saved from the web write them (agency styles, a page
of several stories, a region the splitter cuts off, contact footers), and "analyse again" of
an article analysed before a dateline was read: the claim keeps its id, so its verdict.
Every text here is written for the test."""

from __future__ import annotations

from checks.claim_ids import carry_ids
from checks.claims import extract_claims
from checks.model import Claim, ClaimKind, Sentence, SentenceRole
from checks.segment import segment

D, B = SentenceRole.DATELINE, SentenceRole.BODY


def _roles(text: str) -> list[tuple[str, str]]:
    return [(s.role.value, s.text) for s in segment(text) if s.role in (D, B)]


def test_the_wire_hyphen_with_no_space_after_it() -> None:
    assert _roles("Title\n\nLONDON (Reuters) -The fund said it would act.") == [
        ("dateline", "LONDON (Reuters)"),
        ("body", "The fund said it would act."),
    ]
    # without an agency a tight hyphen is no dateline's dash
    assert _roles("Title\n\nLONDON -The fund said it would act.") == [
        ("body", "LONDON -The fund said it would act."),
    ]


def test_each_story_of_a_page_keeps_its_dateline() -> None:
    text = (
        "Regional news\n\n"
        "ROME (AP) — The ferry left port on Monday.\n\n"
        "The weather was calm.\n\n"
        "OSLO, Norway (AP) - The council voted on Tuesday.\n\n"
        "Paris (AFP) - Two ministers met on Friday.\n\n"
        "GENEVA, May 3 (Reuters) – Talks resumed.\n\n"
        "Lisbon, Portugal — The mayor spoke on Sunday.\n\n"
        "Anna Berg — a teacher — said the vote was close."
    )
    assert _roles(text) == [
        ("dateline", "ROME (AP)"),
        ("body", "The ferry left port on Monday."),
        ("body", "The weather was calm."),
        ("dateline", "OSLO, Norway (AP)"),
        ("body", "The council voted on Tuesday."),
        ("dateline", "Paris (AFP)"),
        ("body", "Two ministers met on Friday."),
        ("dateline", "GENEVA, May 3 (Reuters)"),
        ("body", "Talks resumed."),
        # later in a page, a dateline needs an agency or a place in capitals
        ("body", "Lisbon, Portugal — The mayor spoke on Sunday."),
        ("body", "Anna Berg — a teacher — said the vote was close."),
    ]


def test_a_region_the_splitter_cut_off_stays_with_its_place() -> None:
    assert _roles("Title\n\nFRESNO, Calif. — In the valley, farmers waited for rain.") == [
        ("dateline", "FRESNO, Calif."),
        ("body", "In the valley, farmers waited for rain."),
    ]


def test_each_dateline_opens_its_claim_and_makes_none_of_its_own() -> None:
    text = "News\n\nROME (AP) — The ferry left on Monday.\n\nOSLO (AP) — The vote was held."
    claims = extract_claims(segment(text))
    assert [claim.text for claim in claims] == [
        "News",
        "The ferry left on Monday.",
        "The vote was held.",
    ]


def test_contact_footers_are_credit_lines() -> None:
    text = (
        "Title\n\nThe ferry sank on Monday.\n\nContact us at letters@example.com\n\n"
        "Write to Jane Roe at jane.roe@example.com\n\n"
        "Contact with the crew was lost at 9:03 a.m. on Monday."
    )
    kinds = [(claim.text, claim.kind) for claim in extract_claims(segment(text))]
    assert kinds[2:] == [
        ("Contact us at letters@example.com", ClaimKind.CREDIT),
        ("Write to Jane Roe at jane.roe@example.com", ClaimKind.CREDIT),
        ("Contact with the crew was lost at 9:03 a.m. on Monday.", ClaimKind.FACTUAL),
    ]


def _pairs(text: str, sentences: tuple[Sentence, ...]) -> list[tuple[Claim, Sentence]]:
    by_index = {s.index: s for s in sentences}
    return [(claim, by_index[claim.sentence_index]) for claim in extract_claims(sentences)]


def test_analyse_again_keeps_the_id_of_a_claim_whose_dateline_is_now_read() -> None:
    """The old analysis (written out: how the code before read it) had the whole paragraph
    as one claim, or the region cut off as a claim of its own; now the dateline is split off.
    The claim keeps its id (so its verdict and note); nothing moves but a gone dateline."""
    text = (
        "News\n\nROME (AP) — The ferry left on Monday.\n\n"
        "OSLO, Norway (AP) - The council voted on Tuesday.\n\n"
        "FRESNO, Calif. — In the valley, farmers waited for rain."
    )
    new = segment(text)
    at = text.index("OSLO")
    oslo = len("OSLO, Norway (AP) - The council voted on Tuesday.")
    fresno = text.index("FRESNO")
    dash = text.index("— In")
    old_sentences = (
        *new[:3],
        Sentence(3, at, at + oslo, text[at : at + oslo], 2, B),
        Sentence(4, fresno, fresno + 14, "FRESNO, Calif.", 3, B),
        Sentence(5, dash, len(text), text[dash:], 3, B),
    )
    old = [
        (Claim(f"c{n + 1}", s.index, s.text, ClaimKind.FACTUAL, 0.5), s)
        for n, s in enumerate(s for s in old_sentences if s.role is not D)
    ]
    assert [c.text for c, _ in old][2:] == [
        "OSLO, Norway (AP) - The council voted on Tuesday.",
        "FRESNO, Calif.",
        "— In the valley, farmers waited for rain.",
    ]
    carried = carry_ids(old, extract_claims(new), new, top=5)
    assert [(c.id, c.text) for c in carried.claims] == [
        ("c1", "News"),
        ("c2", "The ferry left on Monday."),
        ("c3", "The council voted on Tuesday."),
        ("c5", "In the valley, farmers waited for rain."),
    ]
    assert [(m.source, m.target, m.why) for m in carried.moves] == [("c4", "c5", "dateline")]
