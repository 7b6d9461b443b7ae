"""What a figure counts: the noun after it and, for a count of people, what happened to them.

``counted(text, start, end)`` looks around the figure written at ``text[start:end]``:

- the counted noun after it, singular and lower case: "32 members" -> ``"member"``,
  "141 Member States" -> ``"state"``, "5km" -> ``"km"``, "−89.2 °C" -> ``"°C"``;
- an event of a count of people, in any of the forms the news uses ("17 people were killed",
  "killing 17", "17 dead", "17 deaths", "17 fatalities", "114 have suffered injuries",
  "injuring 285", "the death toll rose to 17"): the unit becomes ``"person (killed)"`` (the
  event names the count; a noun other than people stays: ``"soldier (killed)"``);
- a seismic magnitude ("magnitude 6.8", "Mw 7.4", "a 7.2-magnitude temblor", "7.4 on the
  Richter scale"): ``"magnitude"``.

It also says where the figure's text should start and end so that a flag reads as the
sentence does ("killing at least two people", "114 have suffered injuries").

>>> counted("17 people were killed on Friday", 0, 2)
Counted(unit='person (killed)', start=0, end=21)
>>> text = "The quake killed at least 2 people"
>>> counted(text, 26, 27, anchor=17)
Counted(unit='person (killed)', start=10, end=34)
>>> counted("114 have suffered injuries", 0, 3).unit
'person (injured)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Counted", "counted", "singular"]

_DASH = r"[–—-]"
_RANGE_TAIL = re.compile(rf"\s*(?:{_DASH}|to|or|and)\s*\d[\d,.]*")
_DEGREES = re.compile(r"\s?°\s?([CFcf]?)")
_WORD = re.compile(r"(?:\s+|-|(?<=\d))([A-Za-z]+)\b(?!-?\d)")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP = _words(
    """a an the in on at of for to from by with and or but as than was were is are be been
    has have had will would could should may might can did do does that which who whom this
    these those it its their his her our your they he she we you i per percent cent against
    since after before during while when where if so not no nor all each every both out
    into onto over under about around up down off such only also just even then there here
    what how why yet still ago later earlier times third thirds quarter quarters half halves
    fifth fifths tenth tenths"""
)
_SKIP = _words(
    """new more other additional further former current full major minor small large total
    old young extra separate different same key main top senior"""
)
_IRREGULAR = {
    "people": "person", "persons": "person", "men": "man", "women": "woman",
    "children": "child", "feet": "foot", "teeth": "tooth", "mice": "mouse",
    "series": "series", "species": "species", "news": "news", "lives": "life",
}  # fmt: skip
# British spellings of counted nouns, so "30 health centres" and "33 health centers" meet.
_SPELLING = {
    "centre": "center", "metre": "meter", "kilometre": "kilometer", "litre": "liter",
    "theatre": "theater", "fibre": "fiber", "programme": "program",
}  # fmt: skip

# Events of a count of people, by the words that name them. A noun ("deaths") or an
# adjective ("dead", "missing") after the figure, a verb after it ("were killed"), or a verb
# right before it ("killing 17", "injuring as many as 600").
KILLED, INJURED = "killed", "injured"
_EVENT_WORDS = {
    KILLED: "killed kill kills killing dead died die dies death deaths fatality fatalities "
    "life lives",
    INJURED: "injured injure injures injuring injury injuries wounded wounding wound wounds hurt",
    "missing": "missing",
    "trapped": "trapped",
    "stranded": "stranded",
    "evacuated": "evacuated evacuate evacuating",
    "displaced": "displaced",
    "arrested": "arrested arresting detained detaining",
    "rescued": "rescued rescuing",
    "casualty": "casualty casualties",
}
_EVENT_OF = {word: event for event, words in _EVENT_WORDS.items() for word in words.split()}
_PEOPLE = frozenset(("", "person", "other", "individual"))  # "114 have ...", "50 others"
_AUX = (  # words between a count and its event: "were unfortunately killed"
    r"(?:were|was|are|is|have|has|had|been|being|be|reported|confirmed|also|now|so far|"
    r"already|still|later|declared|listed as|left|found|feared|[a-z]{3,}ly)"
)
_EVENT_AFTER = re.compile(
    rf"(?i)(?:\s+{_AUX})*\s+(?P<w>killed|dead|died|injured|wounded|hurt|missing|trapped|"
    r"stranded|evacuated|displaced|arrested|detained|rescued|lost their lives|"
    r"(?:suffered|sustained)(?:\s+\w+){0,3}?\s+(?:injuries|wounds))\b"
)
_EVENT_BEFORE = re.compile(
    r"(?i)\b(?P<w>killing|killed|kills|injuring|injured|injures|wounding|wounded|"
    r"evacuating|evacuated|arresting|arrested|detaining|detained|rescuing|rescued|"
    r"(?:death|casualty)\s+toll(?:\s+(?:has|had|have|was|is|now|rose|risen|climbed|jumped|"
    r"increased|reached|stood|stands|hit|passed|topped|of|at|to)){1,3}|deaths?\s+of)\s+"
    r"(?:(?:another|a further|an additional|a total of)\s+)?$"
)
_TOLL_FAR = re.compile(r"(?i)\b(?P<w>death|casualty)\s+toll\b[^.;!?\d]{0,100}$")
_MAGNITUDE_BEFORE = re.compile(r"(?:(?i:\bmagnitude)(?:\s+of)?|\bM[wsLb]w?)\s*-?\s*$")
_MAGNITUDE_AFTER = re.compile(r"(?i)\s+on\s+the\s+(?:Richter|moment\s+magnitude)\s+scale\b")
MAGNITUDE = "magnitude"
# A counted thing named before the figure: "a population of 90,000" (people), "the number of
# missing persons ... could be as high as 6,000" (the words after "number of", read as a
# noun after a figure would be). The clause between them has no figure and no stop.
_POPULATION_BEFORE = re.compile(
    r"(?i)\bpopulations?\s+(?:(?:of|was|is|stood|stands|at|reached|totals?|totalled|"
    r"totaling|now|has|had|grown|grew|risen|rose|to)\s+){1,3}$"
)
_NUMBER_OF_BEFORE = re.compile(
    r"(?i)\bnumber\s+of\s+(?=[a-z])[^.;:!?\d()]{0,120}?\b(?:is|was|were|are|be|been|stood at|"
    r"stands at|rose to|risen to|climbed to|reached|hit|totals?|totalled|exceeds?|exceeded|"
    r"topped|passed|at)\s+$"
)


@dataclass(frozen=True)
class Counted:
    """The counted thing of a figure and the span its text should cover."""

    unit: str
    start: int
    end: int


def counted(text: str, start: int, end: int, *, anchor: int | None = None) -> Counted:
    """The unit of the figure at ``text[start:end]``; ``anchor`` is where the words before
    it begin (its hedge: "at least 2"), default ``start``. The span grows over the counted
    noun, an event verb next to the figure and a magnitude's name, never over other text."""
    anchor = start if anchor is None else anchor
    magnitude = _MAGNITUDE_BEFORE.search(text, max(0, anchor - 14), anchor)
    noun, stop = unit_after(text, end)
    if magnitude or noun == MAGNITUDE:
        return Counted(MAGNITUDE, magnitude.start() if magnitude else start, stop)
    if (after := _MAGNITUDE_AFTER.match(text, end)) is not None and not noun:
        return Counted(MAGNITUDE, start, after.end())
    event = _EVENT_OF.get(noun, "")
    if event:
        noun = ""
    elif not noun and (named := _named_before(text, anchor)) is not None:
        noun, event, begin = named
        return Counted(_unit(noun, event), begin if begin >= 0 else start, stop)
    follows = _EVENT_AFTER.match(text, stop)
    if follows is not None and not event:
        event, stop = _event(follows["w"]), follows.end()
    lead = start
    precedes = _EVENT_BEFORE.search(text, max(0, anchor - 80), anchor)
    if precedes is not None:
        lead = precedes.start()
        event = event or _event(precedes["w"])
    elif not event and (far := _TOLL_FAR.search(text, max(0, anchor - 120), anchor)):
        event = KILLED if far["w"].lower() == "death" else "casualty"
    if not event:
        return Counted(noun, start, stop)
    return Counted(_unit(noun, event), min(lead, start), stop)


def _unit(noun: str, event: str) -> str:
    if not event:
        return noun
    who = "person" if noun in _PEOPLE else noun
    return f"{who} ({event})"


def _named_before(text: str, anchor: int) -> tuple[str, str, int] | None:
    """(noun, event, where the fact's text should start, or -1) of a count whose thing is
    named before it: "a population of 90,000" -> person; "the number of missing persons
    could be as high as 6,000" -> person (missing); None when nothing names it."""
    population = _POPULATION_BEFORE.search(text, max(0, anchor - 40), anchor)
    if population is not None:
        return "person", "", population.start()
    number_of = _NUMBER_OF_BEFORE.search(text, max(0, anchor - 160), anchor)
    if number_of is None:
        return None
    words = text.index("of", number_of.start()) + 2
    noun, stop = unit_after(text, words)
    event = _EVENT_OF.get(noun, "")
    if event:
        noun = ""
    elif (follows := _EVENT_AFTER.match(text, stop)) is not None:
        event = _event(follows["w"])
    if not noun and not event:
        return None
    return ("person" if noun in _PEOPLE else noun), event, -1


def _event(words: str) -> str:
    """The event named by ``words`` ("were killed" -> killed, "death toll rose to")."""
    low = words.lower().split()
    if low[0] in ("death", "deaths", "casualty"):
        return "casualty" if low[0] == "casualty" else KILLED
    if low[0] in ("suffered", "sustained"):
        return INJURED
    if low[0] == "lost":
        return KILLED
    return _EVENT_OF.get(low[0], "")


def unit_after(text: str, end: int) -> tuple[str, int]:
    """The counted noun after a number and where the fact's text should end:
    "32 members" -> "member", "141 Member States" -> "state"; "" when a function word or
    punctuation comes first. After a range ("5–10 members") the text is not extended.

    >>> unit_after("32 members", 2), unit_after("30 health centres", 2)
    (('member', 10), ('center', 17))
    """
    tail = _RANGE_TAIL.match(text, end)
    pos = tail.end() if tail else end
    degrees = _DEGREES.match(text, pos)
    if degrees:
        return "°" + degrees.group(1).upper(), end if tail else degrees.end()
    first, capital = ("", end), ("", end)
    for _ in range(3):
        m = _WORD.match(text, pos)
        if m is None:
            break
        word, low, pos = m.group(1), m.group(1).lower(), m.end()
        if low in _STOP or low.endswith("ed") or (low in _EVENT_OF and _plural(low) is False):
            if low in _EVENT_OF and not first[0] and not capital[0]:
                first = (low, pos)  # "14 dead", "6 missing": the event is the counted thing
            break
        if low.endswith("ly") and len(low) > 4:
            continue  # "180 partially destroyed": an adverb, not the counted thing
        if _plural(low) and (word[0].isupper() or low not in _SKIP):
            return singular(low), end if tail else pos
        if word[0].isupper():
            capital = (low, pos)
        elif low not in _SKIP and not first[0]:
            first = (low, pos)
    unit, stop = first if first[0] else capital
    return _SPELLING.get(unit, unit), end if tail else stop


def _plural(word: str) -> bool:
    if word in _IRREGULAR:
        return _IRREGULAR[word] != word
    return len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def singular(word: str) -> str:
    """Crude: "countries" -> "country", "votes" -> "vote", "people" -> "person"."""
    if word in _IRREGULAR:
        found = _IRREGULAR[word]
    elif word.endswith("ies") and len(word) > 4:
        found = word[:-3] + "y"
    elif word.endswith(("sses", "shes", "ches", "xes", "zes")):
        found = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 2:
        found = word[:-1]
    else:
        found = word
    return _SPELLING.get(found, found)
