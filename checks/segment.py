"""Text -> sentences with exact character spans (pysbd), paragraphs, headings, dateline.

``sentence_spans`` is the shared primitive (also used by ``passages.py``); ``segment`` is the
article-level entry point. Spans always index the original text: line breaks (``\\r\\n``,
``\\r``, ``\\n``) are only ever replaced by the same number of spaces in a private copy, so
offsets never move.

>>> [(s.role.value, s.text) for s in segment("Title\\n\\nLONDON — It rained. It stopped.")]
[('headline', 'Title'), ('dateline', 'LONDON'), ('body', 'It rained.'), ('body', 'It stopped.')]
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import pysbd

from checks.credits import is_byline, is_photo_credit
from checks.language import guess_language
from checks.model import Sentence, SentenceRole

Span = tuple[int, int]

MAX_HEADING_WORDS = 15
MAX_HEADING_CHARS = 150
# A line inside a multi-line paragraph is a heading only when the next line's first word would
# have fitted after it (hard-wrapped prose fills its lines up to about this width at least).
MIN_WRAP_WIDTH = 60
# pysbd takes time quadratic in the length of a run without sentence breaks (100,000
# characters: 6 s; 10,000: 0.08 s). A body run longer than this is cut into chunks before
# pysbd sees it: after the last sentence end (". " before a capital) inside the window, else at
# the last space, else hard; so no sentence is longer than this many characters.
MAX_CHUNK_CHARS = 5_000
_CHUNK_BREAK = re.compile(r"[.!?…][\"'”’»)\]]*\s+(?=[\"“‘«(\[]?[A-Z0-9À-ÞА-Я])")
_FUNCTION_WORD_TEXT = (
    "a an the of to and or but in on at by for from with as that this its their his her"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_TEXT.split())
CLOSING_PUNCTUATION = ".!?:;,…"
CLOSING_QUOTES = "\"'”’»)]›"
_MARKDOWN_HEADING = re.compile(r"(#{1,6})[ \t]+(?P<title>.*?)(?:[ \t]+#+)?[ \t]*$")
_BULLET = re.compile(r"^(?:[-*+•▪◦]|\d{1,3}[.)])[ \t]+")
# Quote marks followed by a space can only be closing ones (German closes with “ and ‘).
_LEADING_CLOSERS = re.compile(r"^[”’»“‘\"')\]]+(?=\s|$)")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029]")
"""Characters pysbd must not see: Python's regular expressions read them as white space
while pysbd's list rules take them for part of a number: "<U+001F>1. " made it call int() on
"<U+001F>1".
pysbd gets a copy with each one replaced by a space (same length, so spans still index the
original text)."""

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
    # German and French month names, for datelines such as "Berlin, 31. Januar 2025 –"
    r"|Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember"
    r"|[Jj]anvier|[Ff]évrier|[Mm]ars|[Aa]vril|[Mm]ai|[Jj]uin|[Jj]uillet|[Aa]oût"
    r"|[Ss]eptembre|[Oo]ctobre|[Nn]ovembre|[Dd]écembre)\.?"
)
_DATE = (
    rf"(?:{_MONTH}[ \t]\d{{1,2}}(?:,?[ \t]\d{{4}})?"
    rf"|\d{{1,2}}(?:\.|er)?[ \t]{_MONTH}(?:[ \t]\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2})"
)
_WORD = r"[^\W\d_][\w'’.\-]*"
_PLACE = rf"{_WORD}(?:[ \t]{_WORD}){{0,3}}"
_DATELINE = re.compile(
    r"^(?P<open>\*\*|__|\*|_)?"
    rf"(?P<dateline>(?P<place>{_PLACE})(?:,[ \t](?P<region>{_PLACE}))??"
    rf"(?:,?[ \t](?P<date>{_DATE}))?(?:[ \t]\((?P<agency>[^()\n]{{1,40}})\))?)"
    r"(?P=open)?"
    r"(?:[ \t]*[—–][ \t]*|[ \t]+--?[ \t]+|(?P<tight>[ \t]+-)(?=[A-Z“\"‘]))(?=\S)"
)  # "LONDON (Reuters) -The ...": the wire's hyphen with no space after it (needs an agency)


_PER_THREAD = threading.local()


def _segmenter(language: str = "en") -> pysbd.Segmenter:
    """This thread's Segmenter for ``language``. pysbd keeps the text it is splitting on the
    instance (``original_text``), so one instance shared by two Streamlit sessions lets one
    thread locate its sentences in the other's text and lose them, silently. One per thread
    (and language) costs a few microseconds once, and no lock makes sessions wait."""
    found: dict[str, pysbd.Segmenter] | None = getattr(_PER_THREAD, "segmenters", None)
    if found is None:
        found = _PER_THREAD.segmenters = {}
    segmenter = found.get(language)
    if segmenter is None:
        segmenter = found[language] = pysbd.Segmenter(language=language, clean=False)
    return segmenter


def _locate(text: str, piece: str, cursor: int) -> tuple[int, int] | None:
    """Where ``piece`` (already stripped) sits in ``text`` at or after ``cursor``.

    Exact search first; then a search that tolerates changed whitespace.
    """
    found = text.find(piece, cursor)
    if found >= 0:
        return found, found + len(piece)
    pattern = r"\s*".join(re.escape(part) for part in piece.split())
    match = re.compile(pattern).search(text, cursor)
    return (match.start(), match.end()) if match else None


def _move_leading_closers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Give a closing quote that pysbd put at the start of a sentence back to the one before."""
    fixed: list[tuple[int, int]] = []
    for start, end in spans:
        closers = _LEADING_CLOSERS.match(text[start:end])
        if closers and fixed:
            prev_start, _ = fixed[-1]
            fixed[-1] = (prev_start, start + closers.end())
            rest = text[start + closers.end() : end]
            start = end - len(rest.lstrip())
        if start < end:
            fixed.append((start, end))
    return fixed


def sentence_spans(
    text: str, *, offset: int = 0, language: str = "en"
) -> tuple[tuple[int, int], ...]:
    """Spans of the sentences of ``text`` (one paragraph or more), trimmed of whitespace.

    Spans are located in ``text`` itself, so ``text[s:e]`` is always the sentence as written;
    ``offset`` is added to every span; ``language`` picks pysbd's rules (ISO 639-1).

    >>> text = "It rained. Then it stopped!  "
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['It rained.', 'Then it stopped!']
    >>> text = "Er sagte: „Das ist gut.“ Dann ging er."
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Er sagte: „Das ist gut.“', 'Dann ging er.']
    """
    plain = _CONTROLS.sub(" ", text)
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in _pysbd_sentences(plain, language):
        stripped = piece.strip()
        if not stripped:
            continue
        located = _locate(plain, stripped, cursor)
        if located is None:  # pysbd altered the text: keep the cursor's stretch, trimmed
            located = _trim(plain, cursor, min(len(plain), cursor + len(piece)))
        spans.append(located)
        cursor = located[1]
    fixed = _move_leading_closers(plain, [s for s in spans if s[0] < s[1]])
    return tuple((start + offset, end + offset) for start, end in fixed)


def _pysbd_sentences(text: str, language: str) -> list[str]:
    """pysbd's sentences of ``text``; should pysbd's own rules fail on some text (a bug of
    the library, not of the text), the text is cut at sure sentence ends instead, so an
    article is never refused for it."""
    try:
        return list(_segmenter(language).segment(text))
    except (ValueError, IndexError, KeyError, TypeError, AttributeError, RecursionError):
        ends = [m.end() for m in _CHUNK_BREAK.finditer(text)]
        return [text[a:b] for a, b in zip([0, *ends], [*ends, len(text)], strict=True)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed so that ``text[start:end]`` has no outer whitespace."""
    chunk = text[start:end]
    if not chunk.strip():
        return start, start
    left = len(chunk) - len(chunk.lstrip())
    return start + left, start + len(chunk.rstrip())


@dataclass(frozen=True)
class _Line:
    """One non-blank line: its trimmed span in the text and its paragraph (block) number."""

    start: int
    end: int
    paragraph: int


def _lines(flat: str) -> tuple[_Line, ...]:
    """Non-blank lines of ``flat`` (line breaks already ``\\n`` only), numbered by block."""
    lines: list[_Line] = []
    paragraph, blank_before, position = 0, False, 0
    for raw in flat.split("\n"):
        start, end = _trim(flat, position, position + len(raw))
        position += len(raw) + 1
        if start == end:
            blank_before = True
            continue
        if blank_before and lines:
            paragraph += 1
        blank_before = False
        lines.append(_Line(start, end, paragraph))
    return tuple(lines)


def _looks_like_title(line: str) -> bool:
    """Short, with a letter, no closing punctuation, not a list item."""
    core = line.rstrip(CLOSING_QUOTES)
    return (
        bool(core)
        and core[-1] not in CLOSING_PUNCTUATION
        and len(line) <= MAX_HEADING_CHARS
        and len(line.split()) <= MAX_HEADING_WORDS
        and any(char.isalpha() for char in line)
        and not _BULLET.match(line)
    )


def _is_title_line(text: str, lines: tuple[_Line, ...], at: int, *, longest: int) -> bool:
    """Is ``lines[at]`` a plain-text title (headline or heading) in its paragraph?

    ``longest`` is the length of the paragraph's longest line.
    """
    line = lines[at]
    if not _looks_like_title(text[line.start : line.end]):
        return False
    before = lines[at - 1] if at > 0 and lines[at - 1].paragraph == line.paragraph else None
    after = lines[at + 1] if at + 1 < len(lines) else None
    if after is not None and after.paragraph != line.paragraph:
        after = None
    if before is None and after is None:
        return True  # a paragraph of its own
    if after is None or (before is not None and text[before.end - 1] not in ".!?:…"):
        return False
    following = text[after.start : after.end].split()[0]
    title = text[line.start : line.end]
    fits = len(title) + 1 + len(following) <= max(longest, MIN_WRAP_WIDTH)
    return (
        fits  # the next word would have fitted: the break is deliberate, not a hard wrap
        and (following[0].isupper() or following[0].isdigit() or following[0] in '“"‘«„')
        and title.split()[-1] not in _FUNCTION_WORDS
    )


@dataclass(frozen=True)
class _Piece:
    """A stretch of the text on its way to becoming one Sentence or several."""

    start: int
    end: int
    paragraph: int
    role: SentenceRole


def _title_piece(
    text: str, lines: tuple[_Line, ...], at: int, *, first: bool, longest: int
) -> _Piece | None:
    """A HEADLINE/HEADING piece for ``lines[at]``, or None when it is body text."""
    line = lines[at]
    role = SentenceRole.HEADLINE if first else SentenceRole.HEADING
    markdown = _MARKDOWN_HEADING.match(text, line.start, line.end)
    if markdown:
        start, end = _trim(text, markdown.start("title"), markdown.end("title"))
        return _Piece(start, end, line.paragraph, role)
    if _is_title_line(text, lines, at, longest=longest):
        return _Piece(line.start, line.end, line.paragraph, role)
    return None


def _pieces(text: str, lines: tuple[_Line, ...]) -> list[_Piece]:
    """Title pieces and body pieces (runs of lines to split into sentences), in order."""
    pieces: list[_Piece] = []
    longest: dict[int, int] = {}
    for line in lines:
        longest[line.paragraph] = max(longest.get(line.paragraph, 0), line.end - line.start)
    for at, line in enumerate(lines):
        content = text[line.start : line.end]
        if not _has_word(content):
            continue  # a rule such as --- or * * *
        title = _title_piece(text, lines, at, first=not pieces, longest=longest[line.paragraph])
        if title is not None:
            pieces.append(title)
            continue
        bullet = _BULLET.match(content)
        start = line.start + (bullet.end() if bullet else 0)
        last = pieces[-1] if pieces else None
        if (
            last is not None
            and not bullet
            and last.role is SentenceRole.BODY
            and last.paragraph == line.paragraph
        ):
            pieces[-1] = _Piece(last.start, line.end, line.paragraph, SentenceRole.BODY)
        else:
            pieces.append(_Piece(start, line.end, line.paragraph, SentenceRole.BODY))
    return pieces


def chunk_bounds(text: str, *, limit: int = MAX_CHUNK_CHARS) -> tuple[tuple[int, int], ...]:
    """``text`` cut into stretches of at most ``limit`` characters, at sentence ends if it can.

    >>> chunk_bounds("One two. Three four.", limit=12)
    ((0, 9), (9, 20))
    >>> chunk_bounds("abcdefghij", limit=4)
    ((0, 4), (4, 8), (8, 10))
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        ends = [m.end() for m in _CHUNK_BREAK.finditer(window)]
        cut = ends[-1] if ends else window.rfind(" ") + 1
        cut = cut if cut > 0 else limit
        bounds.append((start, start + cut))
        start += cut
    bounds.append((start, len(text)))
    return tuple(bounds)


def _split_body(flat: str, piece: _Piece, *, language: str) -> list[_Piece]:
    """Body sentences of a run of lines; line breaks inside it count as spaces. A run longer
    than ``MAX_CHUNK_CHARS`` is split in chunks first (see ``chunk_bounds``)."""
    chunk = flat[piece.start : piece.end].replace("\n", " ")
    return [
        _Piece(start, end, piece.paragraph, SentenceRole.BODY)
        for left, right in chunk_bounds(chunk)
        for start, end in sentence_spans(
            chunk[left:right], offset=piece.start + left, language=language
        )
    ]


def split_dateline(text: str, start: int, end: int) -> tuple[Span, Span] | None:
    """The dateline span and the rest's span when ``text[start:end]`` opens with a dateline.

    A dateline needs a date, an agency, a region or an all-caps place before its dash.

    >>> text = "KYIV, Ukraine (AP) — Sirens sounded."
    >>> [text[s:e] for s, e in split_dateline(text, 0, len(text))]
    ['KYIV, Ukraine (AP)', 'Sirens sounded.']
    >>> split_dateline("Smith — a banker — left.", 0, 24) is None
    True
    """
    match = _DATELINE.match(text[start:end])
    if match is None:
        return None
    place, region = match.group("place"), match.group("region") or ""
    words = (place + " " + region).split()
    if not all(word[0].isupper() for word in words):
        return None
    if not (match.group("date") or match.group("agency") or region or place.isupper()):
        return None
    if match.group("tight") and not match.group("agency"):
        return None
    dateline = _trim(text, start + match.start("dateline"), start + match.end("dateline"))
    return dateline, (start + match.end(), end)


def dateline_parts(text: str) -> tuple[str, str, str, str]:
    """``(place, region, date, agency)`` of a dateline's text, each as written ("" if absent).

    >>> dateline_parts("KYIV, Ukraine (AP)")
    ('KYIV', 'Ukraine', '', 'AP')
    >>> dateline_parts("Moscow, June 15, 2024")
    ('Moscow', '', 'June 15, 2024', '')
    """
    match = _DATELINE.match(f"{text} — .")
    if match is None:
        return text, "", "", ""
    place, region, date, agency = match.group("place", "region", "date", "agency")
    return place or "", region or "", date or "", agency or ""


DATELINE_PARAGRAPHS = 4
"""Body paragraphs the dateline is looked for in: the first, and the next ones while the
paragraph before ends with a photo credit or is a byline (a page saved from the web often
puts a photo caption and its credit, and a byline, before the dateline)."""


def _with_dateline(text: str, pieces: list[_Piece]) -> list[_Piece]:
    """Split the first sentence of the first body paragraph when it opens with a dateline;
    past a paragraph that ends with a photo credit or a byline, the next one's. Later
    paragraphs (a page of several stories, a live blog) open with a dateline of their own
    only when it names its agency or its place in capitals ("BANNING, Calif. (AP) -",
    "Paris (AFP) -"): ``is_story_dateline``."""
    paragraphs: dict[int, list[int]] = {}
    for at, piece in enumerate(pieces):
        if piece.role is SentenceRole.BODY:
            paragraphs.setdefault(piece.paragraph, []).append(at)
    splits: dict[int, tuple[int, list[_Piece]]] = {}  # at: (pieces replaced, new pieces)
    opening = True
    for number, members in enumerate(paragraphs.values()):
        found = _paragraph_dateline(text, pieces, members, strict=not opening)
        if found is not None:
            splits[members[0]] = found
            opening = False
            continue
        last = text[pieces[members[-1]].start : pieces[members[-1]].end]
        if number + 1 >= DATELINE_PARAGRAPHS or not (is_photo_credit(last) or is_byline(last)):
            opening = False
    if not splits:
        return pieces
    out: list[_Piece] = []
    at = 0
    while at < len(pieces):
        if at in splits:
            replaced, new = splits[at]
            out.extend(new)
            at += replaced
        else:
            out.append(pieces[at])
            at += 1
    return out


def _paragraph_dateline(
    text: str, pieces: list[_Piece], members: list[int], *, strict: bool
) -> tuple[int, list[_Piece]] | None:
    """(how many pieces, the dateline and the rest) when the paragraph opens with a
    dateline. The splitter may have cut an abbreviated region off ("SANTA CRUZ, Calif." and
    "— In this ..."): then the first two sentences are read as one."""
    first = pieces[members[0]]
    candidates = [(1, first.end)]
    if len(members) > 1 and text[pieces[members[1]].start] in "—–-":
        candidates.append((2, pieces[members[1]].end))
    for count, end in candidates:
        found = split_dateline(text, first.start, end)
        if found is None or (strict and not is_story_dateline(text[slice(*found[0])])):
            continue
        (dl_start, dl_end), (rest_start, rest_end) = found
        return count, [
            _Piece(dl_start, dl_end, first.paragraph, SentenceRole.DATELINE),
            _Piece(rest_start, rest_end, first.paragraph, SentenceRole.BODY),
        ]
    return None


def is_story_dateline(text: str) -> bool:
    """A dateline sure enough to open a later paragraph: it names an agency, or its place is
    in capitals with a region or a date.

    >>> is_story_dateline("BANNING, Calif. (AP)"), is_story_dateline("Paris (AFP)")
    (True, True)
    >>> is_story_dateline("SANTA CRUZ, Calif."), is_story_dateline("Smith, Jones")
    (True, False)
    """
    place, region, date, agency = dateline_parts(text)
    return bool(agency) or (place.isupper() and bool(region or date))


def _has_word(text: str) -> bool:
    return any(char.isalnum() for char in text)


def _flatten(text: str) -> str:
    """``text`` with each line break as one ``\\n`` (plus a space): same length, same offsets."""
    return text.replace("\r\n", " \n").replace("\r", "\n")


def segment(text: str, *, language: str | None = None) -> tuple[Sentence, ...]:
    """Sentences of an article, in order, with spans into ``text`` itself.

    Paragraphs are blank-line-separated blocks numbered 0, 1, ... (blocks with no sentence,
    such as a ``---`` rule, are not counted). ``language`` (ISO 639-1) picks the splitter's
    rules; by default it is guessed from the text (``checks.language``).
    """
    flat = _flatten(text)
    lang = language or guess_language(flat)
    pieces: list[_Piece] = []
    for piece in _pieces(flat, _lines(flat)):
        body = piece.role is SentenceRole.BODY
        pieces.extend(_split_body(flat, piece, language=lang) if body else [piece])
    pieces = [p for p in _with_dateline(flat, pieces) if _has_word(flat[p.start : p.end])]
    paragraphs = dict.fromkeys(p.paragraph for p in pieces)
    numbers = {paragraph: n for n, paragraph in enumerate(paragraphs)}
    return tuple(
        Sentence(i, p.start, p.end, text[p.start : p.end], numbers[p.paragraph], p.role)
        for i, p in enumerate(pieces)
    )
