r"""A Markdown report an editor can read: the article with each claim's verdict, note and cited
source (with its score and relevance band), a count per verdict, and the sources with their
permanent links: those of evidence above the relevance floor or cited (``checks.relevance``).

Article, note and source text is untrusted: ``escape_markdown`` makes every character of it
literal (no emphasis, links, images, HTML, headings, lists or tables) and shows Unicode
direction controls as ``[U+202E]``; links are written only for http(s) addresses, with the
characters that could end a link percent-encoded (``checks.untrusted.safe_url``).

>>> escape_markdown("# *Hi* <b>[x](y)</b> | 1. a")
'\\# \\*Hi\\* \\<b\\>\\[x\\](y)\\</b\\> \\| 1. a'
>>> escape_markdown("- item\n2. item")
'\\- item\n2\\. item'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from checks import config, relevance, stats
from checks.factchecks.exports import Checked, markdown_section
from checks.model import Document, Review, ReviewRow, SentenceRole
from checks.untrusted import reveal_controls, safe_url

# Characters that start inline Markdown or HTML anywhere in a line (CommonMark + GFM).
_INLINE = re.compile(r"([\\`*_{}\[\]<>|~&$!#])")
# Characters that start a block only at the beginning of a line: lists, quotes, setext.
_LINE_START = re.compile(r"^([-+=>:])|^(\d{1,9})([.)])")


# Every character str.splitlines() breaks at: a viewer may start a new line at any of them,
# so each piece is escaped as a line of its own (then joined with plain newlines).
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def escape_markdown(text: str) -> str:
    """Untrusted text as literal Markdown; lines keep their breaks, lose their indentation."""
    lines = []
    for line in _LINE_BREAK.split(reveal_controls(text)):
        escaped = _INLINE.sub(r"\\\1", line.strip())
        lines.append(_LINE_START.sub(_escape_start, escaped))
    return "\n".join(lines)


def _escape_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return f"{match.group(2)}\\{match.group(3)}"


def inline(text: str) -> str:
    """Escaped text on one line of the report (line breaks become spaces)."""
    return escape_markdown(" ".join(text.split()))


def link(title: str, url: str) -> str:
    """``[title](<url>)`` for an http(s) address, else the escaped title alone."""
    safe = safe_url(url)
    return f"[{inline(title)}](<{safe}>)" if safe else inline(title)


def autolink(url: str) -> str:
    """``<url>`` for an http(s) address (made safe), else ``""``."""
    safe = safe_url(url)
    return f"<{safe}>" if safe else ""


def _tag(row: ReviewRow) -> str:
    return f"**\\[{row.claim.id}: {inline(row.verdict.label)}\\]**"


def _is_reviewed(row: ReviewRow) -> bool:
    return row.verdict.label != config.UNREVIEWED


def _paragraph(text: str, rows: Sequence[ReviewRow]) -> str:
    """The paragraph as written in the article, a tag after each reviewed sentence."""
    pieces: list[str] = []
    cursor = (rows[0].dateline or rows[0].sentence).start  # a dateline is part of the text
    for row in rows:
        pieces.append(inline(text[cursor : row.sentence.end]))
        if _is_reviewed(row):
            pieces.append(_tag(row))
        cursor = row.sentence.end
    joined = " ".join(piece for piece in pieces if piece)
    heading = rows[0].sentence.role in (SentenceRole.HEADLINE, SentenceRole.HEADING)
    return f"### {joined}" if heading and len(rows) == 1 else joined


def _cited(review: Review, row: ReviewRow, numbers: dict[str, int]) -> str:
    rank = row.verdict.evidence_rank
    evidence = next((e for e in row.evidence if e.rank == rank), None)
    if evidence is None:
        return ""
    doc = review.document(evidence.passage.document_key)
    number = numbers.get(evidence.passage.document_key)
    source = f"\\[{number}\\] {link(doc.title, doc.url)}" if doc and number else "a source"
    strength = f"{relevance.band(evidence.score).value}, score {evidence.score:.2f}"
    return f" Cited ({strength}): {source}: “{inline(evidence.passage.text)}”"


def _verdict_line(review: Review, row: ReviewRow, numbers: dict[str, int]) -> str:
    note = escape_markdown(row.verdict.note.strip()).replace("\n", "\\\n  ")
    parts = [f"- **{row.claim.id} · {inline(row.verdict.label)}**"]
    if note:
        parts.append(f" {note}")
    return "".join(parts) + _cited(review, row, numbers)


def _body(review: Review, numbers: dict[str, int]) -> Iterator[str]:
    paragraphs: dict[int, list[ReviewRow]] = {}
    for row in review.rows:
        paragraphs.setdefault(row.sentence.paragraph, []).append(row)
    for rows in paragraphs.values():
        yield _paragraph(review.article.text, rows)
        verdicts = [_verdict_line(review, row, numbers) for row in rows if _is_reviewed(row)]
        if verdicts:
            yield "\n".join(verdicts)


def _summary(review: Review, scale: Sequence[str]) -> Iterator[str]:
    """Claims per verdict: the counts the review page and the Articles page chart."""
    counts = stats.review_counts(review, scale=scale)
    yield "| Verdict | Claims |\n|---|---:|"
    for label, count in counts.items():
        yield f"| {inline(label)} | {count} |"


def _source_line(number: int, doc: Document) -> str:
    details = [doc.source.value]
    if doc.revision:
        details.append(f"revision {inline(doc.revision)}")
    if doc.fetched_at:
        details.append(f"fetched {inline(doc.fetched_at)}")
    url = f" {autolink(doc.url)}" if autolink(doc.url) else ""
    return f"{number}. {link(doc.title, doc.url)}{url} ({', '.join(details)})"


def _header(review: Review) -> Iterator[str]:
    article = review.article
    yield f"# Fact-check: {inline(article.title)}"
    address = autolink(article.url) or inline(article.url)
    facts = [f"- **Article:** {address}" if article.url else ""]
    facts.append(f"- **Author:** {inline(article.author)}" if article.author else "")
    facts.append(f"- **Published:** {inline(article.published)}" if article.published else "")
    reviewed = sum(1 for row in review.rows if _is_reviewed(row))
    facts.append(f"- **Reviewed:** {reviewed} of {len(review.rows)} claims")
    yield "\n".join(fact for fact in facts if fact)


def _sources(review: Review) -> tuple[Document, ...]:
    """The documents of evidence above the floor and of cited passages, in review order."""
    used = {
        e.passage.document_key
        for row in review.rows
        for e in row.evidence
        if relevance.is_evidence(e.score) or e.rank == row.verdict.evidence_rank
    }
    return tuple(doc for doc in review.documents if doc.uid in used)


def to_markdown(
    review: Review, *, scale: Sequence[str] | None = None, checked: Checked | None = None
) -> bytes:
    """The report as UTF-8 Markdown bytes."""
    documents = _sources(review)
    numbers = {doc.uid: n for n, doc in enumerate(documents, start=1)}
    blocks = [
        *_header(review),
        "## Summary",
        "\n".join(_summary(review, config.verdict_scale() if scale is None else scale)),
        "## The article, claim by claim",
        *_body(review, numbers),
        "## Sources",
        "\n".join(_source_line(numbers[doc.uid], doc) for doc in documents)
        or "No source was found for any claim.",
        "## Checked before",
        markdown_section(review, checked),
    ]
    return ("\n\n".join(blocks) + "\n").encode("utf-8")
