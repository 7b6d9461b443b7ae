"""Article HTML -> clean text: paragraphs as blank-line separated blocks, headings on their own.

Made for Wikipedia pages as Kiwix ZIM files (mwoffliner) and the MediaWiki REST API serve them.
Dropped: ``<head>``, scripts, styles, navigation, every table (infoboxes, navboxes, data
tables: cells are not sentences), figures, hatnotes, edit links, reference lists and footnote
markers (``<sup class="reference">``, a bare ``[1]`` or ``[citation needed]``). The page's
``<h1>`` is dropped too: the title is the document's title, not a sentence of it.

>>> html = ('<html><head><title>NATO</title></head><body><h1>NATO</h1>'
...         '<table class="infobox"><tr><td>Formed 1949</td></tr></table>'
...         '<p><b>NATO</b> is a military alliance.<sup class="reference">[1]</sup></p>'
...         '<p>It was founded in 1949.[2]</p><h2>History</h2><p>Twelve states signed.</p></body>')
>>> print(html_to_text(html))
NATO is a military alliance.
<BLANKLINE>
It was founded in 1949.
>>> print(html_to_text(html, full_text=True))
NATO is a military alliance.
<BLANKLINE>
It was founded in 1949.
<BLANKLINE>
History
<BLANKLINE>
Twelve states signed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


SKIPPED_TAGS = _words(
    "head script style noscript template nav footer aside table figure math svg button form "
    "input select textarea audio video iframe object"
)
SKIPPED_CLASSES = _words(
    "reference references reflist refbegin mw-references-wrap mw-cite-backlink mw-ref "
    "infobox navbox vertical-navbox hatnote dablink rellink thumb gallery mw-editsection "
    "noprint metadata shortdescription toc sistersitebox ambox mbox-small mw-empty-elt "
    "mw-kartographer-maplink mw-jump-link portalbox side-box"
)
SKIPPED_IDS = _words("toc references catlinks siteSub contentSub jump-to-nav footer")
# Sections that hold links and citations, not prose (English names; other languages rely on
# the classes above).
SKIPPED_SECTIONS = frozenset(
    {
        "references",
        "notes",
        "footnotes",
        "citations",
        "sources",
        "bibliography",
        "works cited",
        "notes and references",
        "see also",
        "external links",
        "further reading",
    }
)
VOID_TAGS = _words("area base br col embed hr img input link meta param source track wbr")
BLOCK_TAGS = _words(
    "p div li ul ol dl dd dt blockquote section details summary h1 h2 h3 h4 h5 h6 "
    "pre center caption article main header"
)
HEADINGS = {f"h{level}": level for level in range(1, 7)}
_FOOTNOTE = re.compile(
    r"\s?\[(?:\d{1,3}|[a-z]|note \d+|nb \d+|citation needed|clarification needed"
    r"|better source needed|when\?|who\?|which\?|according to whom\?)\]",
    re.IGNORECASE,
)
# Markers of a disambiguation page; links *to* such pages carry class "mw-disambig", which is
# why only these exact names count, and never on an <a>.
DISAMBIGUATION_MARKERS = _words("disambigbox dmbox-disambig disambig disambig-box")
_REFERS_TO = re.compile(r"\bmay (?:also )?refer to:?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    """A paragraph, list item or heading; ``heading`` is 1..6 for ``<h1>``..``<h6>``, else 0."""

    text: str
    heading: int = 0


@dataclass(frozen=True)
class HtmlPage:
    """What an article's HTML holds: its ``<title>``, its blocks, and whether it is a
    disambiguation page (a list of pages a name may refer to, not evidence)."""

    title: str
    blocks: tuple[Block, ...]
    disambiguation: bool


def _classes(attrs: dict[str, str]) -> set[str]:
    return set(attrs.get("class", "").split())


def _is_skipped(tag: str, attrs: dict[str, str]) -> bool:
    style = attrs.get("style", "").replace(" ", "").lower()
    return (
        tag in SKIPPED_TAGS
        or bool(_classes(attrs) & SKIPPED_CLASSES)
        or attrs.get("id", "") in SKIPPED_IDS
        or attrs.get("role", "") == "navigation"
        or "hidden" in attrs
        or "display:none" in style
    )


def _marks_disambiguation(tag: str, attrs: dict[str, str]) -> bool:
    if tag == "meta":
        return attrs.get("property", "") == "mw:PageProp/disambiguation"
    names = {attrs.get("id", ""), *_classes(attrs)}
    return tag != "a" and bool(names & DISAMBIGUATION_MARKERS)


def clean_inline(text: str) -> str:
    """Whitespace collapsed, footnote markers removed.

    >>> clean_inline("Kyiv  is the capital[3] of\\n Ukraine.[citation needed]")
    'Kyiv is the capital of Ukraine.'
    """
    return " ".join(_FOOTNOTE.sub("", " ".join(text.split())).split())


class _Extractor(HTMLParser):
    """Collects the blocks of a page; elements in ``_is_skipped`` are left out with all
    they contain. Tolerates unclosed tags: an end tag closes up to its matching start tag.

    Linear in the page: how many of each tag are open is counted, so an end tag that matches
    nothing open costs one look-up, not a scan of the open tags (a page of 70,000 stray end
    tags inside 5,000 open ones took minutes that way); every open tag is popped at most once.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.blocks: list[Block] = []
        self.disambiguation = False
        self._open: list[tuple[str, bool]] = []  # (tag, skipped)
        self._open_count: Counter[str] = Counter()
        self._skipping = 0
        self._parts: list[str] = []
        self._heading = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if _marks_disambiguation(tag, values):
            self.disambiguation = True
        if tag in VOID_TAGS:
            if tag == "br" and not self._skipping:
                self._parts.append(" ")
            return
        skipped = self._skipping > 0 or _is_skipped(tag, values)
        if not skipped and (tag in BLOCK_TAGS):
            self._flush()
            self._heading = HEADINGS.get(tag, self._heading)
        self._open.append((tag, skipped))
        self._open_count[tag] += 1
        self._skipping += skipped

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if _marks_disambiguation(tag, values):
            self.disambiguation = True
        if tag == "br" and not self._skipping:
            self._parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if not self._open_count[tag]:
            return
        while self._open:
            name, skipped = self._open.pop()
            self._open_count[name] -= 1
            self._skipping -= skipped
            if not skipped and name in BLOCK_TAGS:
                self._flush()
                if name in HEADINGS:
                    self._heading = 0
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1][0] == "title":
            self.title += data
        elif not self._skipping:
            self._parts.append(data)

    def _flush(self) -> None:
        text = clean_inline("".join(self._parts))
        self._parts = []
        if text:
            self.blocks.append(Block(text, self._heading))

    def close(self) -> None:
        # ``feed`` stops at a tag, comment or declaration that the page never completes and
        # keeps it (up to the end) in ``rawdata``. HTML's rule drops such a construct at the
        # end of the file; the standard library's ``close`` instead takes text up to the next
        # "<" and parses again from there, to the end each time: quadratic (240 KB of
        # ``<a x='`` took minutes). So the unfinished construct is dropped here.
        if self.rawdata.startswith("<"):
            self.rawdata = ""
        super().close()
        self._flush()


def parse_html(html: str) -> HtmlPage:
    """The title, blocks and disambiguation flag of an article's HTML."""
    extractor = _Extractor()
    extractor.feed(html)
    extractor.close()
    blocks = tuple(extractor.blocks)
    lead = [block for block in lead_blocks(blocks) if block.heading == 0]
    refers = bool(lead) and bool(_REFERS_TO.search(lead[0].text))
    return HtmlPage(
        title=" ".join(extractor.title.split()),
        blocks=blocks,
        disambiguation=extractor.disambiguation or refers,
    )


def lead_blocks(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """The blocks before the first ``<h2>`` (the lead section), ``<h1>`` left out."""
    lead: list[Block] = []
    for block in blocks:
        if block.heading == 2:
            break
        if block.heading != 1:
            lead.append(block)
    return tuple(lead)


def body_blocks(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Every block but ``<h1>`` and the sections in ``SKIPPED_SECTIONS`` (See also, ...)."""
    kept: list[Block] = []
    skipping = False
    for block in blocks:
        if block.heading == 2:
            skipping = block.text.strip().lower() in SKIPPED_SECTIONS
        if block.heading != 1 and not skipping:
            kept.append(block)
    return tuple(kept)


def blocks_text(blocks: Iterable[Block]) -> str:
    """Blocks joined by blank lines."""
    return "\n\n".join(block.text for block in blocks)


def page_text(page: HtmlPage, *, full_text: bool = False) -> str:
    """The lead section's text, or with ``full_text`` the whole article's."""
    return blocks_text(body_blocks(page.blocks) if full_text else lead_blocks(page.blocks))


def html_to_text(html: str, *, full_text: bool = False) -> str:
    """Clean text of an article's HTML: the lead section, or everything with ``full_text``."""
    return page_text(parse_html(html), full_text=full_text)
