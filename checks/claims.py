"""Sentence -> claim: its kind and an explainable check-worthiness score.

Every sentence becomes exactly one claim (``c1``, ``c2`` ...); headings and opinions are kept
so the reviewer sees them, pre-marked. The score is a transparent weighted sum of features,
clipped to [0, 1]; ``Claim.reasons`` names each feature that fired.

The features are generic linguistics, not a vocabulary learnt from any data set: figures
(counted), quantity words, comparatives of amount, verbs of measured change, words for records
and statistics, past-tense predicates and length raise the score; hedges, evaluative words,
first- and second-person stance, the future tense, shortness and questions lower it. The
weights were tuned on half of a public check-worthiness set and checked on the other half
(``bench/checkworthiness.py``, ``bench/RESULTS.md``).

>>> from checks.model import Sentence
>>> claim, = extract_claims([Sentence(0, 0, 36, "Putin said on June 15, 2024 it ended.", 0)])
>>> claim.kind.value, claim.checkworthiness
('factual', 0.608)
>>> claim.reasons
('date: June 15, 2024', 'past: ended', 'attribution: said', 'length: 8 words')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from checks.credits import is_byline, is_contact_line, is_photo_credit
from checks.model import Claim, ClaimKind, Sentence, SentenceRole

# A claim scoring at least this is check-worthy (the review opens on the first such claim).
# Chosen on half 1 of ClaimBuster as the best-F1 threshold (0.376, F1 0.583) rounded to two
# places (0.38: F1 0.582, P 0.539, R 0.634); half 2 at 0.38: F1 0.580, P 0.537, R 0.631.
# The former 0.3 flags 79% of check-worthy sentences but at precision 0.43 (F1 0.560).
# See DESIGN.md ("Check-worthiness") and bench/RESULTS.md.
CHECK_WORTHY = 0.38

# The weighted sum: BASE_SCORE plus each feature's weight, clipped to [0, 1].
BASE_SCORE = 0.25
DATE_WEIGHT = 0.2  # a calendar date (June 15, 2024; 3 March 2023; 2024-06-15)
RELATIVE_DATE_WEIGHT = 0.1  # a weekday ("on Tuesday"), a day relative to the article's date,
# when the sentence has no calendar date
YEAR_WEIGHT = 0.17  # a year outside a date (in 2014)
NUMBER_WEIGHT = 0.22  # the first other figure (3.2%, $5 million, 32 members)
EXTRA_NUMBER_WEIGHT = 0.1  # each further figure, up to MAX_EXTRA_NUMBERS of them
MAX_EXTRA_NUMBERS = 2
QUANTITY_WEIGHT = 0.18  # a quantity word outside a figure (percent, half, twice, average ...)
COMPARISON_WEIGHT = 0.1  # a comparative or superlative of amount (more than, largest ...)
CHANGE_WEIGHT = 0.13  # a verb of measured change (rose, fell, doubled, cut, increased ...)
SOURCE_WEIGHT = 0.06  # a word for a record or a statistic (report, study, data, poll ...)
PAST_WEIGHT = 0.1  # a past-tense predicate (was, had, passed, voted ...): a reported event
ENTITY_WEIGHT = 0.05  # each named entity, up to MAX_ENTITY_BONUS
MAX_ENTITY_BONUS = 0.15
ATTRIBUTION_WEIGHT = 0.05  # said, according to, stated ...
HEDGE_WEIGHT = -0.08  # each hedge or prediction (likely, may, expected to ...)
EVALUATIVE_WEIGHT = -0.06  # each evaluative word (significant, crucial ...)
MAX_CUE_PENALTY = -0.3  # hedges and evaluative words together lower the score at most this much
PERSONAL_WEIGHT = -0.11  # a first-person stance or an address (I think, we need, you ...)
FUTURE_WEIGHT = -0.11  # a prediction or promise in the future tense (will, going to)
SHORT_WEIGHT = -0.05  # fewer than SHORT_WORDS words
SHORT_WORDS = 6
WORD_WEIGHT = 0.004  # each word past SHORT_WORDS, up to LONG_WORDS: room for specifics
LONG_WORDS = 30
QUESTION_WEIGHT = -0.25
HEADING_MAX = 0.1  # headings stay claims but never score above this
CREDIT_MAX = 0.0  # credit lines ("Reporting by ...; Editing by ...") are not checkable
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
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s?(?:[ap]\.?m\b\.?)|\b\d{1,2}:\d{2}\b", re.I)
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
_HEDGE = re.compile(  # "must have known" guesses; "a party must win 218 seats" states a rule
    r"\b(?:likely|unlikely|may|might|could|should|must(?=\s+have\b)|possibly|probably|perhaps"
    r"|potentially"
    r"|expected to|appears? to|seems?(?: to)?|remains? (?:unclear|uncertain)|uncertain"
    r"|believes?|argues?|argued|thinks?|suggests?|predicts?|forecasts?|would)\b"
)
_EVALUATIVE = re.compile(
    r"\b(?:significant|significantly|crucial|essential|important|vital|critical|key"
    r"|historic|unprecedented|dramatic|remarkable|controversial|contentious|far-reaching"
    r"|devastating|alarming|shocking|disastrous|excellent|terrible|best|worst)\b"
)
_QUANTITY = re.compile(
    r"\b(?:percent|per cent|percentage|proportion|majority|minority|half"
    r"|(?<!first )(?<!second )(?<!third )(?<!fourth )(?<!fiscal )(?:thirds?|quarters?)"
    r"(?=\s+of\b)|twice"  # "a third of voters"; "a third term", "the
    # first quarter" (a period of a year) are no quantity
    r"|thrice|double|triple|average|median|rate|rates|per capita|per year|a year|annually"
    r"|dozens?|hundreds?|thousands?|millions?|billions?|trillions?|number of|amount of"
    r"|total|none|every single|all but)\b",
    re.IGNORECASE,
)
_COMPARISON = re.compile(
    r"\b(?:more than|less than|fewer than|greater than|nearly|roughly|approximately|at least"
    r"|at most|as many as|as much as|higher|lower|larger|bigger|smaller|fewer|greater|faster"
    r"|slower|cheaper|richer|poorer|highest|lowest|largest|biggest|smallest|fewest|greatest"
    r"|fastest|slowest|record)\b"
)
_CHANGE = re.compile(
    r"\b(?:rose|risen|rising|fell|fallen|falling|dropped|declined|decreased|increased"
    r"|increases|decreases|grew|grown|doubled|tripled|quadrupled|halved|cut|cuts|raised"
    r"|lowered|reduced|slashed|gained|lost|created|eliminated|surged|soared|plunged|jumped"
    r"|climbed|shrank|shrunk|expanded|tripling|doubling)\b"
)
_SOURCE = re.compile(  # a record as a document ("court records", "on the record"), not a
    # superlative ("a record high", "hit a record"), which is a comparison
    r"\b(?:reports?|study|studies|survey|surveys|polls?|data|statistics|figures|census"
    r"|research|analysis|estimates?|records|(?:the|public|official|court|police|medical)"
    r"\s+record(?!\s+(?:highs?|lows?|levels?|numbers?|amounts?|pace|years?|heat|turnout"
    r"|profits?|revenues?|sales|gains?|losses|breaking))|audit|index)\b"  # a budget is
    # what a sentence is about ("must agree a budget", "the so-called mini-budget"), no source
)
_PAST = re.compile(  # not inside a hyphenated adjective: "so-called", "self-ruled"
    r"(?<![\w-])(?:was|were|had|did|passed|voted|signed|approved|rejected|vetoed|spent|paid"
    r"|won|lost"
    r"|began|ended|killed|died|arrested|launched|invaded|opened|closed|built|sold|bought"
    r"|founded|elected|appointed|took|gave|sent|made|became|left|held|met|offered|received"
    r"|(?!(?:ind|proc|succ|exc)eed\b|hundred\b)[a-z]{3,}ed)\b(?!-)"
)
_PERSONAL = re.compile(
    r"\b(?:I think|I believe|I feel|I guess|I hope|I want|I'd|I’d|I'm going to|I’m going to"
    r"|I am going to|I will|I'll|I’ll|I would|we are going to|we need|we must|we have to"
    r"|we should|we can|we will|we'll"
    r"|we’ll|we're going to|we’re going to|let me|let's|let’s|you|your|you're|you’re)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:will|won't|won’t|shall|going to|gonna)\b|\w['’]ll\b", re.IGNORECASE)
_ATTRIBUTIVE_AFTER = _word_set(
    "a an the this that these those its their his her our my your some any no more less for of "
    "with by in on to from"
)  # "calls for increased sanctions", "a televised address": a participle as an adjective
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
    quantities: tuple[str, ...] = ()
    relative_dates: tuple[str, ...] = ()  # "Tuesday (relative to 15 June 2024: 11 June)"
    comparisons: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    pasts: tuple[str, ...] = ()
    personals: tuple[str, ...] = ()
    futures: tuple[str, ...] = ()


def _found(pattern: re.Pattern[str], text: str) -> tuple[str, ...]:
    """Distinct matches of ``pattern``, in order."""
    return tuple(dict.fromkeys(match.group(0) for match in pattern.finditer(text)))


def _predicates(pattern: re.Pattern[str], text: str, *, linked: bool = False) -> tuple[str, ...]:
    """Distinct matches of ``pattern`` used as verbs: not right after a determiner or a
    preposition (there a participle is an adjective); with ``linked``, nor after a present
    or future "be" or a linking verb, adverbs between ("are concerned", "is still being
    analyzed", "remains divided", "will be deployed": no past tense)."""
    found = []
    for match in pattern.finditer(text):
        before = text[: match.start()].split()
        if before and before[-1].lower() in _ATTRIBUTIVE_AFTER:
            continue
        if linked and _after_link(before):
            continue
        found.append(match.group(0))
    return tuple(dict.fromkeys(found))


_LINKS = _word_set(
    "is are am be being 's ’s remain remains seem seems appear appears become becomes get "
    "gets look looks feel feels stay stays"
)
_LINK_ADVERBS = _word_set("still also not now already yet all both more most very so too just")


def _after_link(before: list[str]) -> bool:
    for word in reversed(before[-4:]):
        low = word.lower().strip(",")
        if low in _LINKS:
            return True
        if not (low in _LINK_ADVERBS or (low.endswith("ly") and len(low) > 3)):
            return False
    return False


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


def features(text: str, *, published: str = "") -> Features:
    """The features of one sentence that the score and the kind are made of.

    Cue words are matched in lower case (a sentence's first letter is lowered first), so
    "United States" is no attribution and "May" the month no hedge. A weekday is a date
    relative to ``published``, the article's date (``YYYY-MM-DD``; unknown when empty).
    """
    taken: list[tuple[int, int]] = [m.span() for m in _CLOCK.finditer(text)]  # "at 1:25 a.m."
    dates = _outside(_DATE, text, taken)
    years = _outside(_YEAR, text, taken)
    numbers = _outside(_NUMBER, text, taken)
    first = _first_word_at(text)
    lowered = text[:first] + text[first : first + 1].lower() + text[first + 1 :]
    hedges = _found(_HEDGE, lowered)
    return Features(
        dates=tuple(dates),
        years=tuple(years),
        numbers=tuple(numbers),
        entities=entities(text),
        attributions=_found(_ATTRIBUTION, lowered),
        hedges=hedges,
        evaluatives=_found(_EVALUATIVE, lowered),
        words=len(text.split()),
        quantities=tuple(_outside(_QUANTITY, text, taken)),
        comparisons=_found(_COMPARISON, lowered),
        changes=_predicates(_CHANGE, lowered),
        sources=_found(_SOURCE, lowered),
        pasts=tuple(
            p for p in _predicates(_PAST, lowered, linked=True) if not any(p in h for h in hedges)
        ),
        personals=_found(_PERSONAL, text),
        futures=_found(_FUTURE, text),
        relative_dates=relative_dates(text, published=published),
    )


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = re.compile(
    rf"\b(?:(?P<which>last|next|this|on|since|by|until|from)\s+)?(?P<day>{'|'.join(_WEEKDAYS)})"
    rf"(?:['’]s)?\b(?!,?\s+(?:{_MONTH}\s+)?\d)"  # "Tuesday, June 11" is a calendar date
)
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def relative_dates(text: str, *, published: str = "") -> tuple[str, ...]:
    """Weekdays in ``text`` as dates relative to the article's date.

    >>> relative_dates("The minister resigned on Tuesday.")
    ('Tuesday (relative)',)
    >>> relative_dates("The minister resigned on Tuesday.", published="2024-06-15")
    ('Tuesday (relative to 15 June 2024: 11 June)',)
    >>> relative_dates("Talks will resume next Monday.", published="2024-06-15")
    ('Monday (relative to 15 June 2024: 17 June)',)
    >>> relative_dates("On Tuesday, June 11, 2024, it rained.")
    ()
    """
    base = _iso_date(published)
    found: list[str] = []
    for match in _WEEKDAY.finditer(text):
        day = match["day"]
        if base is None:
            found.append(f"{day} (relative)")
            continue
        ahead = match["which"] == "next" or (
            match["which"] not in ("last", "since")
            and (
                _FUTURE.search(text) is not None
                or _AHEAD.search(text) is not None
                or (match["which"] in ("by", "until") and not _predicates(_PAST, text))
            )
        )
        when = _nearest(
            base, _WEEKDAYS.index(day), ahead=ahead, strict=match["which"] in ("next", "last")
        )
        year = f" {when.year}" if when.year != base.year else ""
        found.append(
            f"{day} (relative to {_long(base)}: {when.day} {_MONTH_NAMES[when.month - 1]}{year})"
        )
    return tuple(dict.fromkeys(found))


# What makes a weekday one to come without "will": an obligation or a plan ("must now decide
# ... by Friday", "is due to land on Sunday", "talks are scheduled for Monday").
_AHEAD = re.compile(
    r"(?i)\b(?:must(?!\s+have\b)|has to|have to|is due|are due|is set to|are set to"
    r"|scheduled|is expected to|are expected to|deadline|intends? to)\b"
)


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _nearest(base: dt.date, weekday: int, *, ahead: bool, strict: bool) -> dt.date:
    """The ``weekday`` nearest ``base``: on or before it (a reported event), on or after it
    (a planned one); ``strict`` ("next", "last") leaves ``base`` itself out."""
    step = 1 if ahead else -1
    when = base + dt.timedelta(days=step) if strict else base
    while when.weekday() != weekday:
        when += dt.timedelta(days=step)
    return when


def _long(day: dt.date) -> str:
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


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


_CREDIT_LEAD = re.compile(
    r"^[(\[]?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|translated|research"
    r"|graphics|photos?|produced)\s+by\s+",
    re.IGNORECASE,
)
_CREDIT_MORE = re.compile(r"(?i);\s*(?:additional\s+)?(?:reporting|writing|editing)\s+by\b")
_CONTRIBUTED = re.compile(
    r"(?i)\bcontributed(?:\s+reporting)?\s+(?:to\s+)?(?:this|the)\s+(?:report|story)\b"
)
CREDIT_MAX_WORDS = 15  # "Additional reporting by David Shepardson in Washington"
_BYLINE = re.compile(r"^[(\[]?\s*by\s+(?=[A-Z])", re.IGNORECASE)  # "By Steve Scherer and ..."


def is_credit(text: str) -> bool:
    """A credit line: who reported, wrote or edited the story, nothing to check.

    >>> is_credit("Reporting by Ben Blanchard; Editing by Lincoln Feast")
    True
    >>> is_credit("Additional reporting by David Shepardson in Washington")
    True
    >>> is_credit("Associated Press writer Jill Lawless contributed to this report.")
    True
    >>> is_credit("By Steve Scherer and Gabriele Pileri")
    True
    >>> is_credit("Reporting by the Guardian revealed that the minister had lied.")
    False
    >>> is_credit("By Tuesday, talks had stalled.")
    False
    """
    if _CONTRIBUTED.search(text) or _CREDIT_MORE.search(text) or is_photo_credit(text):
        return True
    if is_contact_line(text):
        return True
    if _BYLINE.match(text) is not None:
        return is_byline(text)
    lead = _CREDIT_LEAD.match(text)
    if lead is None:
        return False
    rest = text[lead.end() :]
    return len(text.split()) <= CREDIT_MAX_WORDS and not _PAST.search(rest) and "%" not in rest


def claim_kind(sentence: Sentence, found: Features) -> ClaimKind:
    """CREDIT, HEADING, QUESTION, QUOTE, OPINION or FACTUAL, in that order of precedence."""
    text = sentence.text.rstrip()
    if is_credit(text):  # before headings: a credit or byline on a line of its own looks like one
        return ClaimKind.CREDIT
    if sentence.is_heading:
        return ClaimKind.HEADING
    if sentence.role is SentenceRole.DATELINE:  # a dateline claim made before datelines
        # became metadata (an article analysed by an older version, edited since)
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
    relative = 0.0 if found.dates else RELATIVE_DATE_WEIGHT
    parts += [(relative, f"date: {d}") for d in found.relative_dates[:1]]
    parts += [(YEAR_WEIGHT, f"year: {y}") for y in found.years[:1]]
    for rank, number in enumerate(found.numbers):
        weight = NUMBER_WEIGHT if rank == 0 else EXTRA_NUMBER_WEIGHT
        parts.append((weight if rank <= MAX_EXTRA_NUMBERS else 0.0, f"number: {number}"))
    parts += [(QUANTITY_WEIGHT, f"quantity: {q}") for q in found.quantities[:1]]
    parts += [(COMPARISON_WEIGHT, f"comparison: {c}") for c in found.comparisons[:1]]
    parts += [(CHANGE_WEIGHT, f"change: {c}") for c in found.changes[:1]]
    parts += [(SOURCE_WEIGHT, f"source: {s}") for s in found.sources[:1]]
    parts += [(PAST_WEIGHT, f"past: {p}") for p in found.pasts[:1]]
    for rank, name in enumerate(found.entities):
        bonus = ENTITY_WEIGHT if (rank + 1) * ENTITY_WEIGHT <= MAX_ENTITY_BONUS + 1e-9 else 0.0
        parts.append((bonus, f"entity: {name}"))
    parts += [(ATTRIBUTION_WEIGHT, f"attribution: {a}") for a in found.attributions[:1]]
    parts += [(HEDGE_WEIGHT, f"hedge: {h}") for h in found.hedges]
    parts += [(EVALUATIVE_WEIGHT, f"evaluative: {e}") for e in found.evaluatives]
    parts += [(PERSONAL_WEIGHT, f"personal: {p}") for p in found.personals[:1]]
    parts += [(FUTURE_WEIGHT, f"future: {f}") for f in found.futures[:1]]
    if found.words < SHORT_WORDS:
        parts.append((SHORT_WEIGHT, f"short: {found.words} words"))
    if found.words > SHORT_WORDS:
        extra = min(found.words, LONG_WORDS) - SHORT_WORDS
        parts.append((round(extra * WORD_WEIGHT, 3), f"length: {found.words} words"))
    return parts


def checkworthiness(kind: ClaimKind, found: Features) -> tuple[float, tuple[str, ...]]:
    """The score in [0, 1] and the reasons behind it.

    >>> checkworthiness(ClaimKind.OPINION, features("The outcome remains uncertain."))
    (0.12, ('hedge: remains uncertain', 'short: 4 words'))
    """
    parts = _contributions(found)
    capped = [weight for weight, reason in parts if reason.startswith(("hedge:", "evaluative:"))]
    gains = sum(weight for weight, _ in parts) - sum(capped)
    cues = sum(capped)
    score = BASE_SCORE + gains + max(cues, MAX_CUE_PENALTY)
    reasons = [reason for _, reason in parts]
    if kind is ClaimKind.QUESTION:
        score += QUESTION_WEIGHT
        reasons.append("question")
    if kind is ClaimKind.HEADING:
        score = min(score, HEADING_MAX)
        reasons.append("heading")
    if kind is ClaimKind.CREDIT:
        return CREDIT_MAX, ("credit line",)
    return round(min(1.0, max(0.0, score)), 3), tuple(reasons)


def extract_claims(sentences: Sequence[Sentence], *, published: str = "") -> tuple[Claim, ...]:
    """One claim per sentence, in order, with ids ``c1``, ``c2`` ... and the sentence's text;
    a dateline is no claim (``checks.datelines``: it is metadata of the next sentence's).
    ``published`` (the article's date) resolves weekdays ("on Tuesday")."""
    claims: list[Claim] = []
    for sentence in sentences:
        if sentence.role is SentenceRole.DATELINE:
            continue
        found = features(sentence.text, published=published)
        kind = claim_kind(sentence, found)
        score, reasons = checkworthiness(kind, found)
        claims.append(
            Claim(
                id=f"c{len(claims) + 1}",
                sentence_index=sentence.index,
                text=sentence.text,
                kind=kind,
                checkworthiness=score,
                reasons=reasons,
            )
        )
    return tuple(claims)
