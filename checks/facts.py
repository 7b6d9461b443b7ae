"""Checkable values in a sentence (years, dates, numbers, percentages, money) and agreement.

Extraction is pure regex: identifiers are masked first ("G7", "COVID-19", "ES-11/1",
"resolution 68/262", "Article 5"), then dates, then digit numbers, then number words.
A span once taken is never reported twice, so the year of a date is not also a YEAR.

>>> [(f.kind.value, f.value, f.unit) for f in extract_facts("NATO has had 32 members since 2024")]
[('number', '32', 'member'), ('year', '2024', '')]
>>> [f.value for f in extract_facts("US$3.2 million, 12.5 per cent and 15–16 June 2024")]
['USD 3200000', '12.5', '2024-06-15', '2024-06-16']
>>> agreement("NATO has 30 members", "NATO has 32 members").describe_conflicts()
('number: 30 members ≠ 32 members',)

Decisions (kept so that a reviewer can trust a conflict flag):

- Written-out numbers count only before a counted noun or with a scale word ("two hundred");
  a lone "one" / "a" is never a number. Word ordinals ("second") are skipped; digit ordinals
  ("33rd summit") are NUMBER facts with unit ``"summit (ordinal)"``.
- Slash dates ("15/06/2024") are ambiguous and skipped; "1990s" is not a year.
- A day without a year ("December 28") is compared only with another such day within a
  month of it. Figures that name no counted thing on either side ("more than 400", "the
  303") are compared only as near misses. "pounds" after a weight word weigh.
- A number is compared at the coarser written precision: "3 million" agrees with
  "3.2 million", "30" does not agree with "32". Hedged numbers ("more than 140", "about 3
  million", "nearly 150") agree with any value they allow.
- Ranges ("2014–2024", "from 1 October 2014 to 1 October 2024", "15–16 June 2024",
  "between 5 and 10") cover the values inside them. A compact range ("15–16 June 2024",
  "2014–24") gives two facts that both span the whole range text.
- A claim fact conflicts only with an evidence fact that no other claim fact matched, and
  never when it is open-ended ("before 2014", "by 2030", "until 2014", "around 2014").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation

from checks.counted import MAGNITUDE, counted, singular, unit_after
from checks.model import APPROXIMATE, LOWER_BOUND, UPPER_BOUND, Agreement, Fact, FactKind

__all__ = ["agreement", "describe", "extract_facts"]

# A run of more digits than this is no figure (the largest money amounts in the news have
# 15); it is skipped, so hostile text cannot make a value Python refuses to convert.
MAX_FACT_DIGITS = 28  # also the precision of decimal arithmetic: every bound is exact
_TEMPORAL = (FactKind.YEAR, FactKind.DATE)
_DASH = r"[–—-]"
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR4 = r"(?:1\d{3}|20\d{2}|2100)"
_TO = rf"\s*(?:{_DASH}|\bto\b|\band\b|\buntil\b|\bthrough\b)\s*"

_IDENTIFIERS = tuple(
    re.compile(p)
    for p in (
        r"(?<![\w/])[\w.-]*(?:/[\w.-]+)+",  # 68/262, ES-11/1, A/RES/68/262, 15/06/2024
        r"\b(?!(?:mid|pre|post|early|late|non)-)(?:[A-Za-z]*[A-Z][A-Za-z]*-?|[a-z]+-)\d[\w-]*",
        r"\b[A-Z]{2}\s\d\b(?![.,]\d)",  # "CO 2" (a formula with a space)
        r"\b\d+[A-Z][\w-]*",  # 5G, 3D
        r"\b\d{1,2}:\d{2}\b|\b\d+(?:\.\d+){2,}\b",  # 10:30, 1.2.3
        r"\b\d{4}s\b|'\d0s\b",  # 1990s, '90s
    )
)
_ID_PREFIX = re.compile(
    r"(?i)\b(?:article|resolution|chapter|section|page|paragraph|clause|no\.|number|room|"
    r"flight|route|phase|stage|level|round|amendment|protocol|item|table|figure|fig\.|"
    r"platform|gate|episode|season|volume|vol\.|version|line)\s+$"
)  # "Article 5", "Resolution 2334": a number that names something
_DIGIT = re.compile(r"\d")
_ANY_MONTH = re.compile(_MONTH)

_DATE_RANGES = (
    re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d1>{_DAY}){_TO}(?P<d2>{_DAY}),?\s+(?P<y>{_YEAR4})\b"),
    re.compile(
        rf"\b(?P<d1>{_DAY}){_TO}(?P<d2>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+(?P<y>{_YEAR4})\b"
    ),
    re.compile(rf"\b(?P<mon>{_MONTH}){_TO}(?P<mon2>{_MONTH}),?\s+(?P<y>{_YEAR4})\b"),
)
_DATES = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d1>\d{2})\b"),
    re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d1>{_DAY}),?\s+(?P<y>{_YEAR4})\b"),
    re.compile(rf"\b(?P<d1>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+(?P<y>{_YEAR4})\b"),
    re.compile(rf"\b(?P<mon>{_MONTH}),?\s+(?:of\s+)?(?P<y>{_YEAR4})\b"),
)
_PARTIAL_DATES = (
    re.compile(rf"\b(?P<d1>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH})(?![\w])"),
    re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d1>{_DAY})\b"),
)
_CONNECTOR = re.compile(rf"{_TO}")

_SCALES = {
    "thousand": 3, "k": 3, "million": 6, "mn": 6, "m": 6, "mln": 6,
    "billion": 9, "bn": 9, "b": 9, "trillion": 12, "tn": 12, "trn": 12,
}  # fmt: skip
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?(?![.,]?\d)"
    r"(?:(?P<ord>st|nd|rd|th)\b|(?P<att>bn|mn|mln|tn|trn|[mkb])\b"
    r"|(?P<sp>[\s-]*)(?P<word>thousand|million|billion|trillion)s?\b)?"
)
_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?P<code>US|A|C|HK|NZ)?(?P<sym>[$€£¥₽₹₴])"
    r"|\b(?P<iso>USD|EUR|GBP|JPY|CNY|RUB|UAH|CHF|INR|CAD|AUD))\s?$"
)
_CURRENCY_AFTER = re.compile(
    r"\s*(?:(?P<iso>USD|EUR|GBP|JPY|CNY|RUB|UAH|CHF|INR|CAD|AUD)\b"
    r"|(?P<us>US\s+|American\s+)?(?P<word>dollars?|euros?|pounds?(?:\s+sterling)?|roubles?|"
    r"rubles?|yen|yuan|renminbi|hryvnias?|francs?|rupees?)\b)"
)
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₹": "INR", "₴": "UAH"}
_DOLLAR_CODES = {"US": "USD", "A": "AUD", "C": "CAD", "HK": "HKD", "NZ": "NZD"}
_WORD_CURRENCY = {
    "dollar": "USD", "euro": "EUR", "pound": "GBP", "rouble": "RUB", "ruble": "RUB",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "hryvnia": "UAH", "franc": "CHF",
    "rupee": "INR",
}  # fmt: skip
_PERCENT_AFTER = re.compile(r"\s*(?:%|(?:percent|per\s+cent|pc)\b)")


def _split(words: str) -> tuple[str, ...]:
    return tuple(words.split())


_UNITS_WORDS = _split(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS_WORDS = _split("twenty thirty forty fifty sixty seventy eighty ninety")
_WORD_VALUES = {w: i for i, w in enumerate(_UNITS_WORDS)} | {
    w: 20 + 10 * i for i, w in enumerate(_TENS_WORDS)
}
_WORD_SCALES = {"hundred": 2, "thousand": 3, "million": 6, "billion": 9, "trillion": 12}
_NUMBER_WORD = re.compile(
    r"(?i)\b(?:an?|dozen|" + "|".join([*_WORD_VALUES, *_WORD_SCALES]) + r")\b"
)
_NUMBER_WORD_START = re.compile(
    r"(?i)\b(?:an?\s+(?=(?:dozen|hundred|thousand|million|billion|trillion)\b)|dozen\b|"
    + "|".join(rf"{w}\b" for w in [*_WORD_VALUES, *_WORD_SCALES])
    + ")"
)
_WORD_GAP = re.compile(r"(?i)[\s-]+(?:and\s+)?")

_HEDGES = (  # the longest hedge before a figure wins: "no fewer than" is a lower bound
    ("over", r"no fewer than|no less than|not fewer than|not less than|a minimum of"),
    (
        "under",
        r"no more than|less than|fewer than|under|up to|at most|below|just under|"
        r"as many as|as much as|as high as",
    ),
    ("nearly", r"nearly|almost|just below|close to"),
    ("over", r"more than|over|at least|above|upwards of|in excess of|exceeding|just over"),
    ("about", r"about|around|approximately|roughly|some|an estimated|estimated|circa|c\.|~"),
)
_HEDGE_BEFORE = tuple(
    (name, re.compile(rf"(?i)(?:\b|~)(?:{p})\s*(?:(?:another|a further|an additional)\s+)?$"))
    for name, p in _HEDGES
)  # "at least another 2,059"
# "the largest increase since (the period ending) November 1981": a baseline, not the date of
# the event; it is compared only with another baseline.
_SINCE = re.compile(
    r"(?i)\bsince\s+(?:the\s+)?(?:(?:period|month|year|quarter)\s+(?:ending|ended)\s+)?$"
)
_QUALIFIER = {
    "over": LOWER_BOUND, "under": UPPER_BOUND, "nearly": APPROXIMATE, "about": APPROXIMATE,
}  # fmt: skip
_OPEN_TIME = re.compile(
    r"(?i)\b(?:before|after|by|until|till|around|about|circa|c\.|as of|prior to|"
    r"no later than|no earlier than|up to|late|early|mid)[\s-]*(?:the\s+)?(?:year\s+)?$"
)


@dataclasses.dataclass(frozen=True)
class _Item:
    """A fact with what agreement needs: written precision, hedge and range bounds."""

    fact: Fact
    step: Decimal = Decimal(1)
    hedge: str = ""
    low: str = ""
    high: str = ""
    at: int = -1  # where the figure itself starts (the fact's text may begin with "killing")

    @property
    def figure(self) -> int:
        return self.at if self.at >= 0 else self.fact.start


def extract_facts(text: str) -> tuple[Fact, ...]:
    """Years, dates, numbers, percentages and money in ``text``, in text order.

    >>> [(f.kind.value, f.value, f.text) for f in extract_facts("On 14 June 2024, in Moscow")]
    [('date', '2024-06-14', '14 June 2024')]
    >>> extract_facts("141 countries voted for ES-11/1 and the G7 met over COVID-19")[0].unit
    'country'
    >>> len(extract_facts("141 countries voted for ES-11/1 and the G7 met over COVID-19"))
    1
    """
    return tuple(item.fact for item in _scan(text))


def agreement(claim: str, evidence: str) -> Agreement:
    """Which facts of ``claim`` the ``evidence`` confirms and which it contradicts.

    >>> claim = "Moscow, June 15, 2024 — Putin has offered a ceasefire"
    >>> agreement(claim, "On 14 June 2024, Putin said Russia would cease fire").describe_conflicts()
    ('date: June 15, 2024 ≠ 14 June 2024',)
    >>> agreement(claim, "The summit took place on 15–16 June 2024").has_conflict
    False
    >>> blast = agreement("The blast killed at least two people", "17 people were killed")
    >>> blast.describe_conflicts()
    ('number: killed at least two people (lower bound, holds) ≠ 17 people were killed',)
    """
    claim_items, evidence_items = _scan(claim)[:MAX_COMPARED], _scan(evidence)[:MAX_COMPARED]
    matches: list[tuple[Fact, Fact]] = []
    used: set[int] = set()
    pending: list[_Item] = []
    for item in claim_items:
        comparable = [i for i, e in enumerate(evidence_items) if _comparable(item, e)]
        hit = _first_match(item, evidence_items, comparable)
        if hit is not None:
            matches.append((item.fact, evidence_items[hit].fact))
            exact = evidence_items[hit].fact.value == item.fact.value
            used.update({hit} if exact else _range_members(evidence_items, hit))
            continue
        same = next((i for i, e in enumerate(evidence_items) if _elided(item, e)
                     and e.fact.value == item.fact.value), None)  # fmt: skip
        if same is not None:  # "216 votes" and "216": the figure is there, its noun elided
            used.add(same)
            continue
        pending.append(item)
    conflicts = _conflicts(pending, evidence_items, used)
    return Agreement(matches=tuple(dict.fromkeys(matches)), conflicts=_unique(conflicts))


def describe(fact: Fact) -> str:
    """A short label for a reviewer.

    >>> [describe(f) for f in extract_facts("€3bn for 32 members in March 2014")]
    ['money EUR 3000000000 (€3bn)', 'number 32 member (32 members)', 'date 2014-03 (March 2014)']
    """
    unit = f" {fact.unit}" if fact.unit else ""
    return f"{fact.kind.value} {fact.value}{unit} ({fact.text})"


# --- extraction ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _scan(text: str) -> tuple[_Item, ...]:
    """Every item of ``text``; cached, since a claim meets many passages and vice versa."""
    taken = bytearray(len(text))
    items: list[_Item] = []
    if _DIGIT.search(text):
        for pattern in _IDENTIFIERS:
            for m in pattern.finditer(text):
                _take(taken, m.start(), m.end())
        items += _dates(text, taken, months=_ANY_MONTH.search(text) is not None)
        items += _partial_dates(text, taken, items)
        items += _digit_numbers(text, taken)
    items += _word_numbers(text, taken)
    items += _vague_numbers(text, taken)
    items.sort(key=lambda i: (i.fact.start, i.fact.value))
    return tuple(_link_ranges(text, items))


def _take(taken: bytearray, start: int, end: int) -> None:
    taken[start:end] = b"\x01" * (end - start)


def _free(taken: bytearray, start: int, end: int) -> bool:
    return taken.find(1, start, end) == -1


def _dates(text: str, taken: bytearray, *, months: bool) -> Iterator[_Item]:
    for pattern in (*_DATE_RANGES, *_DATES) if months else _DATES[:1]:
        for m in pattern.finditer(text):
            if not _free(taken, m.start(), m.end()):
                continue
            values = _date_values(m)
            if not values:
                continue
            _take(taken, m.start(), m.end())
            for value in values:
                fact = Fact(FactKind.DATE, value, m.group(), m.start(), m.end())
                low, high = (values[0], values[-1]) if len(values) > 1 else ("", "")
                yield _Item(fact, low=low, high=high)


def _date_values(m: re.Match[str]) -> list[str]:
    """Canonical values of a date match (two for a compact range); [] if not a real date."""
    groups = m.groupdict()
    year = int(groups["y"])
    months = [_month(groups.get("mon"), groups.get("m")), _month(groups.get("mon2"), None)]
    days = [_day(groups.get("d1")), _day(groups.get("d2"))]
    if months[0] is None:
        return []
    values: list[str] = []
    for month, day in zip(months, days, strict=True):
        if values and month is None and day is None:
            break
        value = _iso(year, month or months[0], day)
        if value is None:
            return []
        values.append(value)
    return values if len(values) < 2 or values[0] < values[1] else []


def _month(name: str | None, digits: str | None) -> int | None:
    if digits is not None:
        return int(digits)
    return _MONTHS[name[:3].lower()] if name else None


def _day(raw: str | None) -> int | None:
    return int(raw.rstrip("stndrh")) if raw else None


def _iso(year: int, month: int, day: int | None) -> str | None:
    if not 1000 <= year <= 2100 or not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _partial_dates(text: str, taken: bytearray, dates: Sequence[_Item]) -> Iterator[_Item]:
    """ "30 May – 2 June 2024": a day-month without a year takes the year of the date after it
    when a range connector joins them; otherwise it is a day of no year ("--05-30"), compared
    only with another such day (see ``PARTIAL_DAYS_APART``)."""
    starts = {item.fact.start: item for item in dates}
    for pattern in _PARTIAL_DATES:
        for m in pattern.finditer(text):
            free = _free(taken, m.start(), m.end())
            _take(taken, m.start(), m.end())  # "31 February" of an impossible date, too
            if not free:
                continue
            joined = _CONNECTOR.match(text, m.end())
            after = starts.get(joined.end()) if joined else None
            if after is None:
                if free and (day := _partial_value(m)) is not None:
                    yield _Item(Fact(FactKind.DATE, day, m.group(), m.start(), m.end()))
                continue
            groups = m.groupdict()
            value = _iso(int(after.fact.value[:4]), _month(groups["mon"], None) or 0,
                         _day(groups["d1"]))  # fmt: skip
            if value is not None and value < after.fact.value:
                yield _Item(Fact(FactKind.DATE, value, m.group(), m.start(), m.end()))


# A day and month without a year ("December 28", "Dec. 29") has the value "--12-28" (ISO
# 8601's form for a day of no year): compared only with another such day, and only when the
# two lie within this many days (two days months apart are about two events: the closing
# price on January 28 and the offer on 1 April).
PARTIAL_DAYS_APART = 31


def _partial_value(m: re.Match[str]) -> str | None:
    month, day = _month(m["mon"], None), _day(m["d1"])
    if month is None or day is None or _iso(2024, month, day) is None:  # a leap year
        return None
    return f"--{month:02d}-{day:02d}"


def _partial(item: _Item) -> bool:
    return item.fact.value.startswith("--")


def _digit_numbers(text: str, taken: bytearray) -> Iterator[_Item]:
    for m in _NUMBER.finditer(text):
        if not _free(taken, m.start(), m.end()):
            continue
        if _ID_PREFIX.search(text, max(0, m.start() - 16), m.start()):
            _take(taken, m.start(), m.end())
            continue
        found = _digit_items(text, m)
        for item in found:
            _take(taken, item.fact.start, item.fact.end)
        yield from found


def _digit_items(text: str, m: re.Match[str]) -> list[_Item]:
    digits, decimals = m["int"].replace(",", ""), m["dec"] or ""
    if len(digits) + len(decimals) > MAX_FACT_DIGITS:
        return []  # a serial number, a hash or hostile text: no figure anyone checks
    amount = Decimal(f"{digits}.{decimals}" if decimals else digits)
    step = Decimal(1).scaleb(-len(decimals))
    if m["ord"]:
        unit, end = unit_after(text, m.end())
        ordinal = f"{unit} (ordinal)".lstrip()
        return [_item(text, FactKind.NUMBER, digits, m.start(), end, step=step, unit=ordinal)]
    currency = _currency_before(text, m.start())
    scale = m["att"] or m["word"]
    if (
        m["att"] in ("m", "b", "k")
        and currency is None
        and not _CURRENCY_AFTER.match(text, m.end())
    ):
        return []  # "5m" without a currency is more likely metres than millions
    if scale:
        power = _SCALES[scale.lower()]
        amount, step = amount.scaleb(power), step.scaleb(power)
    elif _is_year(text, m, currency):
        return _year_items(text, m)
    if m.start() and text[m.start() - 1] == "−" and currency is None:  # "−89.2 °C"
        return [_classify(text, m.start() - 1, m.end(), -amount, step, None)]
    return [_classify(text, m.start(), m.end(), amount, step, currency)]


def _is_year(text: str, m: re.Match[str], currency: tuple[str, int] | None) -> bool:
    raw = m["int"]
    if currency is not None or m["dec"] or len(raw) != 4 or not 1000 <= int(raw) <= 2100:
        return False
    if _PERCENT_AFTER.match(text, m.end()) or _CURRENCY_AFTER.match(text, m.end()):
        return False
    counted = _COUNTED_PLURAL.match(text, m.end())
    return (
        counted is None
        or _YEAR_PREPOSITION.search(text, max(0, m.start() - 10), m.start()) is not None
    )


_COUNTED_PLURAL = re.compile(
    r"\s+(?:(?!(?:was|is|has|as|its|his|this|thus|us|does|goes|says)\b)[a-z]+s|people)\b"
)
_YEAR_PREPOSITION = re.compile(r"(?i)\b(?:in|since|from|by|until|of|to|between|and)\s+$")
_SHORT_YEAR_END = re.compile(rf"{_DASH}(\d{{2}})\b(?![-/])")


def _year_items(text: str, m: re.Match[str]) -> list[_Item]:
    """A year, or the two years of a compact range "2014–24" (both span the range text)."""
    start_year = int(m["int"])
    short = _SHORT_YEAR_END.match(text, m.end())
    end_year = start_year // 100 * 100 + int(short.group(1)) if short else 0
    if short is None or end_year <= start_year:
        return [_Item(Fact(FactKind.YEAR, m["int"], m.group(), m.start(), m.end()))]
    low, high = str(start_year), str(end_year)
    span = text[m.start() : short.end()]
    return [
        _Item(Fact(FactKind.YEAR, value, span, m.start(), short.end()), low=low, high=high)
        for value in (low, high)
    ]


def _currency_before(text: str, start: int) -> tuple[str, int] | None:
    """The currency code written just before ``start`` and where it begins."""
    window = max(0, start - 6)
    m = _CURRENCY_BEFORE.search(text, window, start)
    if m is None or m.end() != start:
        return None
    if m["iso"]:
        return m["iso"], m.start()
    code = _DOLLAR_CODES.get(m["code"] or "") if m["sym"] == "$" else None
    return code or _SYMBOLS[m["sym"]], m.start()


def _classify(
    text: str,
    start: int,
    end: int,
    amount: Decimal,
    step: Decimal,
    currency: tuple[str, int] | None,
) -> _Item:
    """A PERCENT, MONEY or NUMBER item for an amount written at ``text[start:end]``."""
    percent = _PERCENT_AFTER.match(text, end)
    if percent and currency is None:
        return _item(text, FactKind.PERCENT, _canon(amount), start, percent.end(), step=step)
    tail = _RANGE_TAIL.match(text, end)
    if tail and currency is None and _PERCENT_AFTER.match(text, tail.end()):  # "66-100%"
        return _item(text, FactKind.PERCENT, _canon(amount), start, end, step=step)
    after = _CURRENCY_AFTER.match(text, end)
    if after is not None and currency is None and _weighed(text, start, after):
        after = None  # "weighing a combined 116,851 pounds": a weight, counted in pounds
    if currency is not None or after is not None:
        code, begin = currency or (_currency_code(after), start)
        stop = after.end() if after is not None else end
        return _item(text, FactKind.MONEY, f"{code} {_canon(amount)}", begin, stop, step=step)
    _, anchor = _hedge_at(text, start, FactKind.NUMBER)
    found = counted(text, start, end, anchor=anchor)
    return _item(text, FactKind.NUMBER, _canon(amount), found.start, found.end, step=step,
                 unit=found.unit, at=start)  # fmt: skip


_WEIGHT_BEFORE = re.compile(r"(?i)\b(?:weigh\w*|weights?|payloads?)\b[^.;!?\d]{0,40}$")


def _weighed(text: str, start: int, after: re.Match[str]) -> bool:
    """Whether the "pounds" after a figure weigh: a weight word before it in the clause."""
    word = after["word"] or ""
    return word.lower().startswith("pound") and bool(
        _WEIGHT_BEFORE.search(text, max(0, start - 60), start)
    )


def _currency_code(m: re.Match[str] | None) -> str:
    if m is None:
        return ""
    if m["iso"]:
        return m["iso"]
    word = singular(m["word"].split()[0].lower())
    return _WORD_CURRENCY[word]


def _item(
    text: str,
    kind: FactKind,
    value: str,
    start: int,
    end: int,
    *,
    step: Decimal,
    unit: str = "",
    at: int = -1,
) -> _Item:
    return _Item(Fact(kind, value, text[start:end], start, end, unit), step=step, at=at)


def _canon(amount: Decimal) -> str:
    """ "3200000" for 3.2 million, "12.5" for 12.50; exact, and never through ``int`` (which
    refuses more than 4,300 digits) nor ``normalize`` (which rounds to 28 digits).

    >>> _canon(Decimal("3.2").scaleb(6)), _canon(Decimal("12.50")), _canon(Decimal("-0.0"))
    ('3200000', '12.5', '0')
    """
    written = format(amount, "f")
    if "." in written:
        written = written.rstrip("0").rstrip(".")
    return "0" if written in ("-0", "") else written


_RANGE_TAIL = re.compile(rf"\s*(?:{_DASH}|to|or|and)\s*\d[\d,.]*")


def _word_numbers(text: str, taken: bytearray) -> Iterator[_Item]:
    for m in _NUMBER_WORD_START.finditer(text):
        if not _free(taken, m.start(), m.end()):
            continue
        words, end = _word_run(text, m.start())
        if not _free(taken, m.start(), end):
            continue
        item = _word_item(text, words, m.start(), end)
        if item is not None:
            _take(taken, item.fact.start, item.fact.end)
            yield item


def _word_run(text: str, start: int) -> tuple[list[str], int]:
    """The longest well-formed run of number words at ``start`` ("two hundred and fifty")."""
    words: list[str] = []
    end = start
    m = _NUMBER_WORD.match(text, start)
    while m is not None:
        word = m.group().lower()
        if words and not _may_follow(words[-1], word):
            break
        words.append(word)
        end = m.end()
        gap = _WORD_GAP.match(text, end)
        if gap is None or ("and" in gap.group().lower() and word not in _WORD_SCALES):
            break
        m = _NUMBER_WORD.match(text, gap.end())
    return words, end


def _may_follow(previous: str, word: str) -> bool:
    if word in ("a", "an"):
        return False
    if word in _WORD_SCALES or word == "dozen":
        return True
    if previous in ("a", "an"):
        return False
    if word in _TENS_WORDS:
        return previous in _WORD_SCALES
    return previous in _WORD_SCALES or previous in _TENS_WORDS


def _word_item(text: str, words: list[str], start: int, end: int) -> _Item | None:
    scaled = any(w in _WORD_SCALES or w == "dozen" for w in words)
    if words[0] in ("a", "an") and not scaled:
        return None
    value = _word_value(words)
    step = Decimal(1).scaleb(_WORD_SCALES.get(words[-1], 0))
    item = _classify(text, start, end, Decimal(value), step, _currency_before(text, start))
    if item.fact.kind is FactKind.NUMBER and not scaled and (value < 2 or not item.fact.unit):
        return None  # "one", "two of them": prose, not a checkable count
    return item


def _word_value(words: list[str]) -> int:
    total = current = 0
    for word in words:
        if word in ("a", "an"):
            current = 1
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _WORD_SCALES:
            total += (current or 1) * 10 ** _WORD_SCALES[word]
            current = 0
        else:
            current += _WORD_VALUES[word]
    return total + current


# Vague counts ("dozens of people", "hundreds injured", "tens of thousands"): approximate
# ranges, facts only with a counted thing, like number words.
_VAGUE = re.compile(
    r"(?i)\b(?:(?P<times>tens|hundreds)\s+of\s+)?(?P<w>dozens|scores|hundreds|thousands|millions)"
    r"\b(?:\s+of\b)?"
)
_VAGUE_RANGE = {"dozens": (24, 199), "scores": (40, 199), "hundreds": (200, 1999)}
_VAGUE_SCALE = {"thousands": 1_000, "millions": 1_000_000}


def _vague_numbers(text: str, taken: bytearray) -> Iterator[_Item]:
    for m in _VAGUE.finditer(text):
        if not _free(taken, m.start(), m.end()):
            continue
        word, times = m["w"].lower(), (m["times"] or "").lower()
        if word in _VAGUE_RANGE and not times:
            low, high = _VAGUE_RANGE[word]
        elif word in _VAGUE_SCALE:
            scale = _VAGUE_SCALE[word] * {"": 1, "tens": 10, "hundreds": 100}[times]
            low, high = 2 * scale, 10 * scale - 1
        else:
            continue
        if _CURRENCY_AFTER.match(text, m.end()):
            continue  # "millions of dollars": no amount anyone can check
        found = counted(text, m.start(), m.end())
        if not found.unit:
            continue
        _take(taken, found.start, found.end)
        fact = Fact(FactKind.NUMBER, str(low), text[found.start : found.end], found.start,
                    found.end, found.unit)  # fmt: skip
        yield _Item(fact, hedge="about", low=str(low), high=str(high), at=m.start())


# --- ranges and hedges -----------------------------------------------------------------------

_JOIN = re.compile(rf"\s*(?P<w>{_DASH}|to|until|till|through|and)\s*$")
_FROM_BEFORE = re.compile(r"(?i)\b(?:from|between)\s+(?:the\s+)?$")


def _link_ranges(text: str, items: list[_Item]) -> list[_Item]:
    """Mark "2014–2024", "from 1 October 2014 to 1 October 2024", "between 5 and 10" as
    ranges (a figure range written with a dash, "59,488–62,013 deaths", gives both ends the
    whole text and the counted noun), then record each item's hedge and qualifier."""
    out = list(items)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.low or b.low or not _joined(text, a, b) or not _ordered(a, b):
            continue
        out[i] = dataclasses.replace(a, low=a.fact.value, high=b.fact.value)
        out[i + 1] = dataclasses.replace(b, low=a.fact.value, high=b.fact.value)
        if a.fact.kind not in _TEMPORAL:
            out[i], out[i + 1] = _shared_range(text, out[i], out[i + 1])
    return [_hedged(text, item) for item in out]


def _shared_range(text: str, a: _Item, b: _Item) -> tuple[_Item, _Item]:
    """Both ends of a figure range count the same thing (the noun after it, or a magnitude
    named before it: "magnitude 6.8–6.9 earthquake"); a dash range shares one text."""
    unit = a.fact.unit if a.fact.unit == MAGNITUDE else b.fact.unit or a.fact.unit
    a = dataclasses.replace(a, fact=dataclasses.replace(a.fact, unit=unit))
    b = dataclasses.replace(b, fact=dataclasses.replace(b.fact, unit=unit))
    if not re.fullmatch(rf"\s*{_DASH}\s*", text[a.fact.end : b.figure]):
        return a, b
    start, end = a.fact.start, b.fact.end
    return _respan(text, a, start, end), _respan(text, b, start, end)


def _respan(text: str, item: _Item, start: int, end: int) -> _Item:
    fact = dataclasses.replace(item.fact, text=text[start:end], start=start, end=end)
    return dataclasses.replace(item, fact=fact)


def _hedged(text: str, item: _Item) -> _Item:
    """The item with its hedge, its fact's qualifier, and its text grown over the hedge
    words ("at least two people")."""
    if item.hedge:  # a vague count ("dozens") comes with its own
        qualifier = _QUALIFIER[item.hedge]
        return dataclasses.replace(item, fact=dataclasses.replace(item.fact, qualifier=qualifier))
    hedge, start = _hedge_at(text, item.figure, item.fact.kind)
    if hedge not in _QUALIFIER:  # none, or a date's "open" / "since"
        return dataclasses.replace(item, hedge=hedge)
    item = dataclasses.replace(item, hedge=hedge)
    if not item.low:
        item = _respan(text, item, min(start, item.fact.start), item.fact.end)
    qualified = dataclasses.replace(item.fact, qualifier=_QUALIFIER[hedge])
    return dataclasses.replace(item, fact=qualified)


def _joined(text: str, a: _Item, b: _Item) -> bool:
    join = _JOIN.match(text[a.fact.end : b.figure])
    if join is None or not _same_family(a, b):
        return False
    word = join["w"]
    if word == "and" or (a.fact.kind not in _TEMPORAL and len(word) > 1):
        return _FROM_BEFORE.search(text, max(0, a.figure - 20), a.figure) is not None
    return True


def _same_family(a: _Item, b: _Item) -> bool:
    if a.fact.kind in _TEMPORAL:
        return b.fact.kind in _TEMPORAL and _partial(a) == _partial(b)
    return a.fact.kind == b.fact.kind and _currency(a) == _currency(b)


def _ordered(a: _Item, b: _Item) -> bool:
    if a.fact.kind in _TEMPORAL:
        return a.fact.value < b.fact.value
    return _amount(a.fact.value) < _amount(b.fact.value)


def _hedge_at(text: str, start: int, kind: FactKind) -> tuple[str, int]:
    """The hedge written just before ``text[start:]`` ("more than", "about") and where it
    begins; ``("", start)`` when there is none. Dates and years: ``"open"`` ("before 2014")."""
    window = max(0, start - 30)
    if kind in _TEMPORAL:
        opened = _OPEN_TIME.search(text, window, start)
        if opened:
            return "open", opened.start()
        return ("since", start) if _SINCE.search(text, window, start) else ("", start)
    found = [(m.start(), name) for name, pattern in _HEDGE_BEFORE
             if (m := pattern.search(text, window, start))]  # fmt: skip
    if not found:
        return "", start
    begin, name = min(found)
    return name, begin + len(text[begin:start]) - len(text[begin:start].lstrip())


def _currency(item: _Item) -> str:
    return item.fact.value.split()[0] if item.fact.kind is FactKind.MONEY else ""


def _amount(value: str) -> Decimal:
    try:
        return Decimal(value.split()[-1])
    except (InvalidOperation, IndexError):
        return Decimal(0)


# --- agreement -------------------------------------------------------------------------------

# A hedged figure ("about 300", "more than 380") agrees with one within this share of it; a
# bound that holds but lies farther is a difference the reviewer sees ("at least two" / 17).
TOLERANCE = Decimal("0.15")
# Where several figures of one kind compete in a passage, or one side names no counted noun
# ("with 211" against "212 votes"), only a near miss (a typo, a rounding, an update) is a
# credible conflict: a figure far from every evidence figure is about something else.
NEAR = Decimal("0.10")
# Figures more than this many times apart are about different things (3 ballots, 434 votes).
FAR = Decimal(10)
# Only the first this many facts of a text are compared: more is a table (or hostile text),
# and pairing them all would cost the square of their number for every passage.
MAX_COMPARED = 200


def _key(item: _Item) -> tuple[str, object]:
    """Facts compare when their keys are equal: dates and years with each other (a baseline,
    "since 1981", only with a baseline), numbers of one counted thing, percentages, and money
    of one currency."""
    kind = item.fact.kind
    if kind in _TEMPORAL:
        return ("day of no year" if _partial(item) else "time"), item.hedge == "since"
    if kind is FactKind.NUMBER:
        return "number", item.fact.unit
    return kind.value, _currency(item)


def _comparable(claim: _Item, evidence: _Item) -> bool:
    return _key(claim) == _key(evidence)


def _elided(claim: _Item, evidence: _Item) -> bool:
    """Numbers of which one names its counted noun and the other does not ("216 votes",
    "216"): comparable only loosely."""
    return (
        claim.fact.kind is evidence.fact.kind is FactKind.NUMBER
        and claim.fact.unit != evidence.fact.unit
        and not (claim.fact.unit and evidence.fact.unit)
    )


def _first_match(claim: _Item, evidence: Sequence[_Item], comparable: list[int]) -> int | None:
    exact = next((i for i in comparable if evidence[i].fact.value == claim.fact.value), None)
    if exact is not None:
        return exact
    return next((i for i in comparable if _agrees(claim, evidence[i])), None)


def _agrees(x: _Item, y: _Item) -> bool:
    """Whether ``x`` is consistent with ``y`` and close enough not to be flagged: plain
    figures equal at the coarser precision, one inside the other's range, or a hedged figure
    within ``TOLERANCE`` of the other."""
    if x.fact.kind in _TEMPORAL:
        return _agrees_in_time(x.fact.value, y)
    lo_x, hi_x = _interval(x)
    lo_y, hi_y = _interval(y)
    if not (lo_x < hi_y and lo_y < hi_x):
        return False
    if x.low or (y.low and not x.hedge) or not (x.hedge or y.hedge):
        return True
    return _gap(x, y) <= TOLERANCE


def _agrees_in_time(value: str, y: _Item) -> bool:
    low, high = (y.low, y.high) if y.low else (y.fact.value, y.fact.value)
    p = min(len(value), len(low), len(high))
    return low[:p] <= value[:p] <= high[:p]


_INF = Decimal("Infinity")


def _interval(item: _Item) -> tuple[Decimal, Decimal]:
    half = item.step / 2
    if item.low:
        return _amount(item.low) - half, _amount(item.high) + half
    value = _amount(item.fact.value)
    plain = (value - half, value + half)
    if item.hedge == "over":
        return value - half, _INF
    if item.hedge == "under":
        return -_INF, value + half
    if item.hedge == "nearly":
        return min(value * Decimal("0.85"), plain[0]), plain[1]
    if item.hedge == "about":
        return min(value * Decimal("0.85"), plain[0]), max(value * Decimal("1.15"), plain[1])
    return plain


def _points(item: _Item) -> tuple[Decimal, Decimal]:
    if item.low:
        return _amount(item.low), _amount(item.high)
    value = _amount(item.fact.value)
    return value, value


def _gap(x: _Item, y: _Item) -> Decimal:
    """How far ``y`` lies from ``x``'s figure, as a share of it (0 inside y's range)."""
    value = _amount(x.fact.value)
    low, high = _points(y)
    distance = max(low - value, value - high, Decimal(0))
    return distance / abs(value) if value else (Decimal(0) if not distance else _INF)


def _ratio(x: _Item, y: _Item) -> Decimal:
    """How many times apart the two figures are, at their nearest ends (1 when they touch)."""
    a, b = min(((p, q) for p in _points(x) for q in _points(y)), key=lambda pq: abs(pq[0] - pq[1]))
    small, large = sorted((abs(a), abs(b)))
    return large / small if small else Decimal(1)


def _range_members(evidence: Sequence[_Item], hit: int) -> set[int]:
    item = evidence[hit]
    if not item.low:
        return {hit}
    return {i for i, e in enumerate(evidence) if (e.low, e.high) == (item.low, item.high)}


def _conflicts(
    pending: Sequence[_Item], evidence: Sequence[_Item], used: set[int]
) -> list[tuple[Fact, Fact]]:
    """Claim facts paired one to one with the closest free evidence facts they could be
    about; a pair is a conflict unless either side is open-ended ("before 2014"), the
    evidence lies in the claim's own range, or it is not credible (see ``_credible``).
    Linear in the pairs looked at: candidates by comparison key, counts computed once."""
    free = [i for i in range(len(evidence)) if i not in used and evidence[i].hedge != "open"]
    by_key: dict[tuple[str, object], list[int]] = {}
    for e in free:
        by_key.setdefault(_key(evidence[e]), []).append(e)
    unnamed = [e for e in free if _is_number(evidence[e]) and not evidence[e].fact.unit]
    named = [e for e in free if _is_number(evidence[e]) and evidence[e].fact.unit]
    claim_figures = _figures_by_key(p for p in pending if p.hedge != "open")
    free_figures = _figures_by_key(evidence[e] for e in free)
    candidates: list[tuple[Decimal, int, int]] = []
    for c, item in enumerate(pending):
        if item.hedge == "open":
            continue
        targets = by_key.get(_key(item), [])
        if _is_number(item):  # a figure whose noun one side elides ("with 211", "212 votes")
            targets = targets + (unnamed if item.fact.unit else named)
        for e in targets:
            other = evidence[e]
            if item.low and not other.low and _agrees(other, item):
                continue
            contested = (
                _elided(item, other)
                or _bare(item, other)
                or len(claim_figures.get(_key(other), ())) > 1
                or len(free_figures.get(_key(item), ())) > 1
            )
            if _credible(item, other, contested=contested):
                candidates.append((_distance(item, other), c, e))
    candidates.sort(key=lambda x: x[0])
    paired: dict[int, int] = {}
    taken: set[int] = set()
    for _, c, e in candidates:
        if c not in paired and e not in taken:
            paired[c] = e
            taken.add(e)
    return [(pending[c].fact, evidence[e].fact) for c, e in sorted(paired.items())]


def _bare(claim: _Item, evidence: _Item) -> bool:
    """Numbers of which neither side names what it counts ("more than 400 with its allies",
    "the 303 it secured in 2019"): nothing says they are about one thing, so only a near miss
    is credible, as when one side elides its noun."""
    return _is_number(claim) and not claim.fact.unit and not evidence.fact.unit


def _is_number(item: _Item) -> bool:
    return item.fact.kind is FactKind.NUMBER


def _figures_by_key(items: Iterable[_Item]) -> dict[tuple[str, object], set[tuple[str, str, int]]]:
    """The distinct figures (a range counts once) of each comparison key."""
    found: dict[tuple[str, object], set[tuple[str, str, int]]] = {}
    for item in items:
        found.setdefault(_key(item), set()).add(_figure(item))
    return found


def _credible(item: _Item, other: _Item, *, contested: bool) -> bool:
    """A number conflict a reviewer can trust: at most ``FAR`` times apart, and a near miss
    (within ``NEAR``) when the counted noun is elided on one side or when several figures
    of that thing compete on either side (``contested``). Dates and years are credible."""
    if item.fact.kind in _TEMPORAL:
        return not _partial(item) or _distance(item, other) <= PARTIAL_DAYS_APART
    if _ratio(item, other) > FAR and not _event(item.fact.unit):
        return False  # counts of one named event stay comparable: an early toll rises fast
    return not contested or _gap(item, other) <= NEAR


def _event(unit: str) -> bool:
    """Whether a unit names what happened to the counted ("person (killed)")."""
    return unit.endswith(")") and "(" in unit and not unit.endswith("(ordinal)")


def _figure(item: _Item) -> tuple[str, str, int]:
    """One figure of a text: both ends of a range are one."""
    return (item.low, item.high, -1) if item.low else ("", "", item.fact.start)


def _distance(claim: _Item, evidence: _Item) -> Decimal:
    if claim.fact.kind in _TEMPORAL:
        return Decimal(abs(_day_number(claim.fact.value) - _day_number(evidence.fact.value)))
    return _gap(claim, evidence)


def _day_number(value: str) -> int:
    parts = [int(p) for p in value.removeprefix("--").split("-")] + [1, 1]
    if value.startswith("--"):  # a day of no year: month and day
        parts = [0, *parts]
    return parts[0] * 372 + (parts[1] - 1) * 31 + parts[2]


def _unique(pairs: list[tuple[Fact, Fact]]) -> tuple[tuple[Fact, Fact], ...]:
    """One flag per pair of texts: both days of "15–16 June 2024" make one conflict."""
    seen: set[tuple[int, int, int, int]] = set()
    out = []
    for claim, evidence in pairs:
        key = (claim.start, claim.end, evidence.start, evidence.end)
        if key not in seen:
            seen.add(key)
            out.append((claim, evidence))
    return tuple(out)
