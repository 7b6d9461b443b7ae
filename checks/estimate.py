"""How many claims a text will give and how long its analysis takes, before analysing it.

A very long paste (over ``ASK_ABOVE_CLAIMS`` claims) is confirmed first: the app says how
many claims and how long, from the cost per claim measured by ``bench/long_paste.py``.

The count is a guess made in milliseconds (``rough_claims``): sentence ends before a capital,
quotations counted as one sentence (as the segmenter keeps them), short lines without closing
punctuation as headings. The segmenter itself (pysbd) costs about 0.3 ms a sentence, seconds
for the texts this is about, which would delay the question as long as a small analysis.

>>> rough_claims("Talks resume\\n\\nThe talks began on 3 May. “We are ready. Are you?” he said.")
3
>>> describe_seconds(4.2), describe_seconds(75), describe_seconds(3600)
('about 5 seconds', 'about 1.5 minutes', 'about 60 minutes')
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

ASK_ABOVE_CLAIMS = 2_000
# bench/long_paste.py (bench/RESULTS.md, "Long pastes"): split, claims, matching against the
# demo library, save and the first read of the review took 0.65 ms of CPU a claim (500 to
# 8,000 claims, the same per claim); rounded up for the writes' waits.
SECONDS_PER_CLAIM = 0.001
# Reading Wikipedia: at most the page budget (30) in rounds of 4 requests; about 0.3 s a
# round on a real connection, so a few seconds, whatever the article's length.
WIKIPEDIA_SECONDS = 3.0
HEADING_CHARS = 60

_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_QUOTED = re.compile(r"“[^”]{0,2000}”|\"[^\"\n]{0,2000}\"|«[^»]{0,2000}»")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"“‘«(\[]?[A-Z0-9À-ÞА-Я])")
_CLOSING = ".!?…:;\"'”’»)"


def _paragraph_claims(paragraph: str) -> int:
    headings, body = 0, []
    for line in paragraph.splitlines():
        line = line.strip()
        if not any(character.isalnum() for character in line):
            continue
        if len(line) < HEADING_CHARS and line[-1] not in _CLOSING:
            headings += 1
        else:
            body.append(line)
    if not body:
        return headings
    return headings + len(_SENTENCE_END.findall(_QUOTED.sub("Q", " ".join(body)))) + 1


def rough_claims(text: str) -> int:
    """About how many claims ``text`` gives (one per sentence); within about 10 % on news
    text (tests/test_estimate.py), never zero for text with a word in it."""
    return sum(_paragraph_claims(part) for part in _PARAGRAPH.split(text) if part.strip())


def describe_seconds(seconds: float) -> str:
    """A duration as a person says it, rounded up: "about 20 seconds", "about 3 minutes"."""
    if seconds < 60:
        return f"about {max(5, math.ceil(seconds / 5) * 5)} seconds"
    minutes = math.ceil(seconds / 30) / 2
    return "about a minute" if minutes == 1 else f"about {minutes:g} minutes"


@dataclass(frozen=True)
class Estimate:
    """What analysing a text will take: its claims (a guess) and the seconds, with
    ``lookups`` of them for reading Wikipedia."""

    claims: int
    seconds: float
    lookups: float = 0.0

    @property
    def asks(self) -> bool:
        """Whether the app confirms before analysing (over ``ASK_ABOVE_CLAIMS`` claims)."""
        return self.claims > ASK_ABOVE_CLAIMS


def estimate(text: str, *, wikipedia: bool = False) -> Estimate:
    """The claims ``text`` will give and the seconds its analysis takes on this machine
    (measured per claim), plus the Wikipedia lookups when Wikipedia is used."""
    claims = rough_claims(text)
    lookups = WIKIPEDIA_SECONDS if wikipedia else 0.0
    return Estimate(claims, claims * SECONDS_PER_CLAIM + lookups, lookups)
