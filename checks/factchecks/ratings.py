"""A published rating read onto the desk's verdict scale, saying how.

The fact-checker's words come first: a label that is on the scale (case, hyphens and "!"
aside: "Half-True" is "half true"), or a known name for one of the default scale's steps in
English and a few other languages ("Pants on Fire!", "Falso", "Faux" and "Falsch" are
false; "Mixture" is half true; "Unsubstantiated" is unproven). Words that name no step
("Misleading", "Missing context", "Satire") are not forced onto one. Then the numbers, for
ClaimReview's five steps only (``worstRating`` 1 .. ``bestRating`` 5, as this tool exports
them): 5 true, 4 mostly true, 3 half true, 2 mostly false, 1 false. A label is proposed only
if it is on the configured scale; otherwise the reviewer chooses.

>>> verdict_for("Pants on Fire!", None, None, None, scale=DEFAULT_SCALE)
Reading(label='false', how='“Pants on Fire!” is a known name for false')
>>> verdict_for("Misleading", 2, 5, 1, scale=DEFAULT_SCALE).label
'mostly false'
>>> verdict_for("Misleading", None, None, None, scale=DEFAULT_SCALE).label
''
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from checks.config import DEFAULT_SCALE, NOT_CHECKABLE, UNREVIEWED

SYNONYMS: dict[str, tuple[str, ...]] = {
    "true": (
        "true", "correct", "accurate", "verified", "confirmed", "verdadero",
        "verdadeiro", "cierto", "vrai", "wahr", "richtig", "vero", "sant", "waar", "prawda",
    ),
    "mostly true": (
        "mostly true", "mostly correct", "mostly accurate", "largely true", "largely accurate",
        "mostly verified", "mayormente verdadero", "plutot vrai",
    ),
    "half true": (
        "half true", "half truth", "mixture", "mixed", "partly true", "partially true",
        "partly false", "partially false", "mezza verita", "mitad verdad", "en partie vrai",
    ),
    "mostly false": (
        "mostly false", "mostly incorrect", "mostly inaccurate", "largely false",
        "barely true", "mayormente falso", "plutot faux",
    ),
    "false": (
        "false", "incorrect", "inaccurate", "wrong", "untrue", "fake", "hoax", "fabricated",
        "pants on fire", "four pinocchios", "totally false", "completely false", "falso",
        "falsa", "faux", "falsch", "fals", "onwaar", "nepp", "usant", "fałsz", "falsz",
    ),
    "unproven": (
        "unproven", "unsupported", "unverified", "unsubstantiated", "no evidence",
        "not proven", "cannot be verified", "unverifiable", "sin evidencia", "sin pruebas",
        "infonde", "unbelegt",
    ),
}  # fmt: skip
FIVE_STEPS = ("false", "mostly false", "half true", "mostly true", "true")
_PUNCTUATION = re.compile(r"[!.?¡¿\"“”'’*:]+")
_SPACES = re.compile(r"[\s_\-–]+")
_NAMES = {name: label for label, names in SYNONYMS.items() for name in names}


@dataclass(frozen=True)
class Reading:
    """A label on the scale (``""``: none fits) and how it was found, in words."""

    label: str
    how: str


def normal_label(text: str) -> str:
    """Case, accents of the common kind, punctuation and hyphens aside.

    >>> normal_label("  Pants-on-Fire! "), normal_label("Verità"), normal_label("Half_True")
    ('pants on fire', 'verita', 'half true')
    """
    folded = text.casefold().translate(_FOLD)
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", folded)).strip()


_FOLD = str.maketrans("àáâäãèéêëìíîïòóôöõùúûüçñ", "aaaaaeeeeiiiiooooouuuucn")


def verdict_for(
    rating: str,
    value: float | None,
    best: float | None,
    worst: float | None,
    *,
    scale: Sequence[str],
) -> Reading:
    """The verdict a published rating stands for on ``scale``, or ``""`` with the reason."""
    usable = {normal_label(label): label for label in scale if label not in
              (UNREVIEWED, NOT_CHECKABLE)}  # fmt: skip
    words = normal_label(rating)
    if words and words in usable:
        return Reading(usable[words], f"“{rating}” is on your scale")
    named = _NAMES.get(words)
    if named and named in usable:
        return Reading(usable[named], f"“{rating}” is a known name for {usable[named]}")
    step = five_step(value, best, worst)
    if step and step in usable:
        numbers = f"{value:g} of {worst:g}–{best:g}"
        told = f"“{rating}” " if rating and not rating.startswith(f"{value:g} of") else ""
        return Reading(usable[step], f"{told}rated {numbers}, read on the five steps as {step}")
    if not rating:
        return Reading("", "the fact-check has no rating")
    return Reading("", f"“{rating}” names no verdict on your scale: choose one")


def five_step(value: float | None, best: float | None, worst: float | None) -> str:
    """The default scale's step of a rating on ClaimReview's 1..5 steps; ``""`` otherwise.

    >>> five_step(2, 5, 1), five_step(2, 10, 1), five_step(None, 5, 1)
    ('mostly false', '', '')
    """
    if value is None or best is None or worst is None:
        return ""
    if abs(best - worst) != 4 or value != int(value):
        return ""
    position = int(value - min(best, worst))
    if best < worst:
        position = 4 - position
    return FIVE_STEPS[position] if 0 <= position <= 4 else ""


__all__ = ["DEFAULT_SCALE", "Reading", "five_step", "normal_label", "verdict_for"]
