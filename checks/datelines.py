"""A dateline ("Moscow, June 15, 2024 —", "TAIPEI (Reuters) –", "KYIV, Ukraine (AP) —") is the
place and date of the sentence it opens, not a claim of its own.

``segment`` keeps it as a sentence of role DATELINE (so its span and text are stored with the
article's sentences); ``claims`` makes no claim of it; the claim of the next sentence carries
it as metadata (``ReviewRow.dateline``, read here as place, region, date and agency). The
claim is matched with its dateline written before it (``prefixed``), so the dateline's date
meets the evidence like any date of the claim, and its conflict shows on that claim;
``dateline_conflicts`` tells those flags apart for the focus panel and the exports.

>>> parse("KYIV, Ukraine (AP)")
Dateline(text='KYIV, Ukraine (AP)', place='KYIV', region='Ukraine', date='', agency='AP')
>>> prefixed("Moscow, June 15, 2024", "Putin has offered a ceasefire.")
'Moscow, June 15, 2024 — Putin has offered a ceasefire.'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checks.model import Agreement, Fact, Sentence, SentenceRole, describe_conflict
from checks.segment import dateline_parts

__all__ = ["Dateline", "dateline_conflicts", "opened_by", "parse", "prefixed"]

SEPARATOR = " — "


@dataclass(frozen=True)
class Dateline:
    """A dateline's parts as written; ``""`` for a part it does not have."""

    text: str
    place: str
    region: str = ""
    date: str = ""
    agency: str = ""


def parse(text: str) -> Dateline:
    place, region, date, agency = dateline_parts(text)
    return Dateline(text, place, region, date, agency)


def prefixed(dateline: str, text: str) -> str:
    """The text a claim is matched with: its dateline, a dash, the claim."""
    return f"{dateline}{SEPARATOR}{text}"


def opened_by(sentences: Sequence[Sentence]) -> dict[int, Sentence]:
    """For each sentence a dateline opens, that dateline: ``{sentence index: dateline}``."""
    by_index = {sentence.index: sentence for sentence in sentences}
    return {
        sentence.index + 1: sentence
        for sentence in sentences
        if sentence.role is SentenceRole.DATELINE and sentence.index + 1 in by_index
    }


def from_dateline(fact: Fact, dateline: str) -> bool:
    """Whether a claim-side fact was read from the dateline written before the claim."""
    return fact.end <= len(dateline) and dateline[fact.start : fact.end] == fact.text


def dateline_conflicts(agreement: Agreement, dateline: str) -> tuple[str, ...]:
    """The flags of ``agreement`` whose claim side is the dateline's date.

    >>> from checks.facts import agreement
    >>> found = agreement(prefixed("Moscow, June 15, 2024", "Putin spoke."), "On 14 June 2024")
    >>> dateline_conflicts(found, "Moscow, June 15, 2024")
    ('date: June 15, 2024 ≠ 14 June 2024',)
    """
    return tuple(
        describe_conflict(claim, evidence)
        for claim, evidence in agreement.conflicts
        if from_dateline(claim, dateline)
    )
