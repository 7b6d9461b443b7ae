"""Sentence -> claim: its kind and an explainable check-worthiness score.

Every sentence becomes exactly one claim (``c1``, ``c2`` ...); headings and opinions are kept
so the reviewer sees them, pre-marked. The score is a transparent weighted sum of features,
clipped to [0, 1]; ``Claim.reasons`` names each feature that fired.

>>> from checks.model import Sentence
>>> claim, = extract_claims([Sentence(0, 0, 36, "Putin said on June 15, 2024 it ended.", 0)])
>>> claim.kind.value, claim.checkworthiness, claim.reasons
('factual', 0.55, ('date: June 15, 2024', 'attribution: said'))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from checks.model import Claim, ClaimKind, Sentence, SentenceRole

# The weighted sum: BASE_SCORE plus each feature's weight, clipped to [0, 1].
BASE_SCORE = 0.25
DATE_WEIGHT = 0.2  # a calendar date (June 15, 2024; 3 March 2023; 2024-06-15)
YEAR_WEIGHT = 0.15  # a year outside a date (in 2014)
NUMBER_WEIGHT = 0.15  # any other figure (3.2%, $5 million, 32 members)
ENTITY_WEIGHT = 0.1  # each named entity, up to MAX_ENTITY_BONUS
MAX_ENTITY_BONUS = 0.2
ATTRIBUTION_WEIGHT = 0.1  # said, according to, stated ...
HEDGE_WEIGHT = -0.15  # each hedge or prediction (likely, may, expected to ...)
EVALUATIVE_WEIGHT = -0.1  # each evaluative word (significant, crucial ...)
MAX_CUE_PENALTY = -0.3  # hedges and evaluative words together lower the score at most this much
SHORT_WEIGHT = -0.1  # fewer than SHORT_WORDS words
SHORT_WORDS = 6
QUESTION_WEIGHT = -0.15
HEADING_MAX = 0.1  # headings stay claims but never score above this
QUOTE_SHARE = 0.5  # quoted share of a sentence that makes it a quote on its own ...
QUOTE_SHARE_WITH_VERB = 0.25  # ... or together with a speech verb


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = re.compile(
    rf"\b(?:{_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?{_MONTH}(?:,?\s\d{{4}})?"
    rf"|{_MONTH}\s\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})(?!\w)"
)
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)s?\b")
_NUMBER = re.compile(
    r"[$€£¥]?(?<![\w.])\d+(?:[.,]\d+)*"
    r"(?:\s?(?:%|percent|per cent|million|billion|trillion|thousand|km|kilometres|miles))?(?!\w)"
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?"
    r"|millions?|billions?)\b",
    re.IGNORECASE,
)
_CAPITALISED = r"[A-ZÀ-ÞА-ЯЁЄІЇҐ][\w\-]*"
_NAME = re.compile(
    rf"{_CAPITALISED}(?:\s(?:(?:of|of the|de|la|van|von|der|bin|al)\s)?{_CAPITALISED})*"
)
_ACRONYMS = _word_set(
    "NATO UN EU US USA UK IMF WHO OPEC OSCE IAEA ICC ICJ WTO UNESCO UNICEF UNHCR FBI CIA "
    "NASA BRICS ASEAN OECD ECB FSB SBU G7 G20 AU"
)
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,6}\b")
_TITLES = _word_set(
    "President Vice Prime Minister Secretary Secretary-General Chancellor King Queen Prince "
    "Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. General Gen. Senator Sen. Governor Mayor Judge Pope "
    "Ambassador Spokesman Spokeswoman Chairman CEO Colonel Commander Foreign Defense Defence"
)
_OPENERS = _word_set(
    "The A An This That These Those In On At As For But And Or However While When If Within "
    "After Before Since During Under With Without From By To Of Additionally Meanwhile "
    "Although Despite It He She They We I Its Their His Her Our Yet So Still Then Also Many "
    "Some Most All Both Each Every No Not There Here What Why How Who Where Last Next "
    "Earlier Later Today Yesterday Tomorrow Such Several Other Another Over Amid Among"
)
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|stated|declared|declares|announced|announces|according to"
    r"|reported|confirmed|confirms|wrote|writes|added|noted|emphasi[sz]ed|claimed|insisted"
    r"|warned|urged|demanded|denied|testified|tweeted|asked|replied|explained)\b"
)
_SPEECH_VERB = _ATTRIBUTION
_HEDGE = re.compile(
    r"\b(?:likely|unlikely|may|might|could|should|must|possibly|probably|perhaps|potentially"
    r"|expected to|appears? to|seems?(?: to)?|remains? (?:unclear|uncertain)|uncertain"
    r"|believes?|argues?|argued|thinks?|suggests?|predicts?|forecasts?|would)\b"
)
_EVALUATIVE = re.compile(
    r"\b(?:significant|significantly|crucial|essential|important|vital|critical|key"
    r"|historic|unprecedented|dramatic|remarkable|controversial|contentious|far-reaching"
    r"|devastating|alarming|shocking|disastrous|excellent|terrible|best|worst)\b"
)
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?|«[^»]*»?|„[^“”]*[“”]?|(?<!\w)‘[^’]*(?:’(?!\w)|$)")
_OPENING_QUOTES = '“"‘«„'


@dataclass(frozen=True)
class Features:
    """What a sentence contains, each item as written in it."""

    dates: tuple[str, ...]
    years: tuple[str, ...]
    numbers: tuple[str, ...]
    entities: tuple[str, ...]
    attributions: tuple[str, ...]
    hedges: tuple[str, ...]
    evaluatives: tuple[str, ...]
    words: int


def _found(pattern: re.Pattern[str], text: str) -> tuple[str, ...]:
    """Distinct matches of ``pattern``, in order."""
    return tuple(dict.fromkeys(match.group(0) for match in pattern.finditer(text)))


def _outside(pattern: re.Pattern[str], text: str, taken: list[tuple[int, int]]) -> list[str]:
    """Matches that do not overlap a span in ``taken``; their spans are added to it."""
    found: list[str] = []
    for match in pattern.finditer(text):
        if any(match.start() < end and start < match.end() for start, end in taken):
            continue
        taken.append(match.span())
        found.append(match.group(0))
    return list(dict.fromkeys(found))


def _split_titles(name: str) -> list[str]:
    """``"Russian President Vladimir Putin"`` -> ``["Russian", "Vladimir Putin"]``."""
    parts: list[list[str]] = [[]]
    for word in name.split():
        if word in _TITLES:
            parts.append([])
        else:
            parts[-1].append(word)
    return [" ".join(part) for part in parts if part]


def entities(text: str) -> tuple[str, ...]:
    """Multi-word capitalised names (titles removed) and known acronyms, in order.

    >>> entities("NATO Secretary-General Jens Stoltenberg met the United Nations chief.")
    ('NATO', 'Jens Stoltenberg', 'United Nations')
    """
    found: list[tuple[int, str]] = []
    for match in _NAME.finditer(text):
        words = re.sub(r"['’]s$", "", match.group(0)).split()
        if match.start() == _first_word_at(text) and words[0] in _OPENERS:
            words = words[1:]
        for name in _split_titles(" ".join(words)):
            if " " in name:
                found.append((max(text.find(name, match.start()), match.start()), name))
    found += [(m.start(), m.group(0)) for m in _ACRONYM.finditer(text) if m.group(0) in _ACRONYMS]
    return tuple(dict.fromkeys(name for _, name in sorted(found)))


def _first_word_at(text: str) -> int:
    """Offset of the first letter or digit of ``text`` (past opening quotes)."""
    return next((i for i, char in enumerate(text) if char.isalnum()), 0)


def features(text: str) -> Features:
    """The features of one sentence that the score and the kind are made of.

    Cue words are matched in lower case (a sentence's first letter is lowered first), so
    "United States" is no attribution and "May" the month no hedge.
    """
    taken: list[tuple[int, int]] = []
    dates = _outside(_DATE, text, taken)
    years = _outside(_YEAR, text, taken)
    numbers = _outside(_NUMBER, text, taken)
    first = _first_word_at(text)
    lowered = text[:first] + text[first : first + 1].lower() + text[first + 1 :]
    return Features(
        dates=tuple(dates),
        years=tuple(years),
        numbers=tuple(numbers),
        entities=entities(text),
        attributions=_found(_ATTRIBUTION, lowered),
        hedges=_found(_HEDGE, lowered),
        evaluatives=_found(_EVALUATIVE, lowered),
        words=len(text.split()),
    )


def _quoted_share(text: str) -> float:
    """Share of the sentence's characters inside quotation marks (an unclosed quote runs on)."""
    quoted = sum(len(match.group(0)) for match in _QUOTED.finditer(text))
    closer = min((text.find(c) for c in "”»" if c in text), default=-1)
    if closer >= 0 and not any(c in text[:closer] for c in _OPENING_QUOTES):
        quoted += closer + 1  # the end of a quotation that began in the sentence before
    return min(1.0, quoted / len(text)) if text else 0.0


def is_quote(text: str) -> bool:
    """Mainly a direct quotation: mostly quoted, or partly quoted with a speech verb.

    >>> is_quote("“We will win,” he said.")
    True
    >>> is_quote("He dismissed the plan as “unacceptable” on Monday.")
    False
    """
    share = _quoted_share(text)
    starts_quoted = text[:1] in _OPENING_QUOTES
    speech = _SPEECH_VERB.search(text) is not None
    return share >= QUOTE_SHARE or (speech and (starts_quoted or share >= QUOTE_SHARE_WITH_VERB))


def _has_anchor(found: Features) -> bool:
    """A strong factual anchor: a date, a year, a figure or an attribution."""
    return bool(found.dates or found.years or found.numbers or found.attributions)


def claim_kind(sentence: Sentence, found: Features) -> ClaimKind:
    """HEADING, QUESTION, QUOTE, OPINION or FACTUAL, in that order of precedence."""
    text = sentence.text.rstrip()
    if sentence.is_heading:
        return ClaimKind.HEADING
    if sentence.role is SentenceRole.DATELINE:
        return ClaimKind.FACTUAL
    if text.endswith("?"):
        return ClaimKind.QUESTION
    if is_quote(text):
        return ClaimKind.QUOTE
    if (found.hedges or found.evaluatives) and not _has_anchor(found):
        return ClaimKind.OPINION
    return ClaimKind.FACTUAL


def _contributions(found: Features) -> list[tuple[float, str]]:
    """Each fired feature as (weight, reason); cue penalties are capped afterwards."""
    parts: list[tuple[float, str]] = [(DATE_WEIGHT, f"date: {d}") for d in found.dates[:1]]
    parts += [(YEAR_WEIGHT, f"year: {y}") for y in found.years[:1]]
    parts += [(NUMBER_WEIGHT, f"number: {n}") for n in found.numbers[:1]]
    for rank, name in enumerate(found.entities):
        bonus = ENTITY_WEIGHT if (rank + 1) * ENTITY_WEIGHT <= MAX_ENTITY_BONUS + 1e-9 else 0.0
        parts.append((bonus, f"entity: {name}"))
    parts += [(ATTRIBUTION_WEIGHT, f"attribution: {a}") for a in found.attributions[:1]]
    parts += [(HEDGE_WEIGHT, f"hedge: {h}") for h in found.hedges]
    parts += [(EVALUATIVE_WEIGHT, f"evaluative: {e}") for e in found.evaluatives]
    if found.words < SHORT_WORDS:
        parts.append((SHORT_WEIGHT, f"short: {found.words} words"))
    return parts


def checkworthiness(kind: ClaimKind, found: Features) -> tuple[float, tuple[str, ...]]:
    """The score in [0, 1] and the reasons behind it.

    >>> checkworthiness(ClaimKind.OPINION, features("The outcome remains uncertain."))
    (0.0, ('hedge: remains uncertain', 'short: 4 words'))
    """
    parts = _contributions(found)
    gains = sum(weight for weight, _ in parts if weight > 0 or weight == SHORT_WEIGHT)
    cues = sum(weight for weight, _ in parts if weight in (HEDGE_WEIGHT, EVALUATIVE_WEIGHT))
    score = BASE_SCORE + gains + max(cues, MAX_CUE_PENALTY)
    reasons = [reason for _, reason in parts]
    if kind is ClaimKind.QUESTION:
        score += QUESTION_WEIGHT
        reasons.append("question")
    if kind is ClaimKind.HEADING:
        score = min(score, HEADING_MAX)
        reasons.append("heading")
    return round(min(1.0, max(0.0, score)), 3), tuple(reasons)


def extract_claims(sentences: Sequence[Sentence]) -> tuple[Claim, ...]:
    """One claim per sentence, in order, with id ``c{index + 1}`` and the sentence's text."""
    claims: list[Claim] = []
    for sentence in sentences:
        found = features(sentence.text)
        kind = claim_kind(sentence, found)
        score, reasons = checkworthiness(kind, found)
        claims.append(
            Claim(
                id=f"c{sentence.index + 1}",
                sentence_index=sentence.index,
                text=sentence.text,
                kind=kind,
                checkworthiness=score,
                reasons=reasons,
            )
        )
    return tuple(claims)
