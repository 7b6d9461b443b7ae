"""Which language an article is written in, from its commonest short words.

Only what the sentence splitter needs: pysbd has rules per language ("31. Januar" is no
sentence end in German, "Mrd." is an abbreviation), so an article in German must not be split
with the English rules. Unknown or mixed text counts as English.

>>> guess_language("Der Bundestag hat am Freitag den Haushalt für das Jahr beschlossen.")
'de'
>>> guess_language("The council voted on Tuesday and the mayor said it was a good day.")
'en'
>>> guess_language("")
'en'
"""

from __future__ import annotations

import re
from collections import Counter

DEFAULT = "en"
SAMPLE_CHARS = 20_000
MIN_HITS = 3
# Function words, one short list per language that pysbd has rules for (a Latin or Cyrillic
# script). Written by hand: articles, pronouns, conjunctions and prepositions.


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORDS: dict[str, frozenset[str]] = {
    "en": _words("the and of to in is that for was with on as are by it from at"),
    "de": _words("der die und das ist nicht mit den von zu auf für sich dem des ein eine"),
    "fr": _words("le la les et des est une dans du pour que qui pas sur au avec"),
    "es": _words("el la los las y que del en por con una para es se al"),
    "it": _words("il di che la e per una sono del della con non gli le"),
    "nl": _words("de het een en van dat niet op voor met zijn ook maar"),
    "da": _words("og det er at en til på med som af for ikke den har"),
    "pl": _words("i w na nie się z że do jest to jak przez dla od"),
    "ru": _words("и в не на что с по как это из для от он она"),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


SPLITTER_LANGUAGES = _words("am ar bg da de el en es fa fr hi hy it ja kk mr my nl pl ru sk ur zh")
"""The languages pysbd has sentence rules for."""


def splitter_language(code: str) -> str:
    """``code`` (e.g. a document's language, "de" or "de-AT") if pysbd has rules for it,
    else English.

    >>> splitter_language("de-AT"), splitter_language("uk")
    ('de', 'en')
    """
    base = code.strip().lower().split("-")[0]
    return base if base in SPLITTER_LANGUAGES else DEFAULT


def guess_language(text: str) -> str:
    """ISO 639-1 code of the language whose function words ``text`` uses most (``en`` when
    fewer than ``MIN_HITS`` are found)."""
    words = Counter(w.lower() for w in _WORD.findall(text[:SAMPLE_CHARS]))
    hits = {lang: sum(words[w] for w in vocabulary) for lang, vocabulary in _WORDS.items()}
    best = max(hits, key=lambda lang: (hits[lang], lang == DEFAULT))
    return best if hits[best] >= MIN_HITS else DEFAULT
