"""Escaped HTML for the focus panel: the claim inside its paragraph, evidence highlights.

Article and source text is untrusted: every piece of it goes through ``text_html``
(``html.escape``, direction controls shown as ``[U+202E]``); only the tags written here
(mark, span, a) are markup, and links go only to http(s) addresses (``link_url``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from checks import datelines, relevance
from checks.match import function_stems, tokens
from checks.model import Agreement, ReviewRow, Sentence
from checks.untrusted import reveal_controls, safe_url

_WORD = re.compile(r"\w+", re.UNICODE)
STYLE = (
    "<style>.fc-par{white-space:pre-wrap;line-height:1.55;font-size:0.97rem}"
    ".fc-par mark{background:#fff1a8;padding:0 2px;border-radius:3px}"
    ".fc-ev{white-space:pre-wrap;line-height:1.5;margin:0}"
    ".fc-ev mark{background:#d8ecff;padding:0 1px}"
    ".fc-ev .fc-conflict{background:#ffd6d6;outline:1px solid #d33;padding:0 2px}</style>"
)


def text_html(text: str) -> str:
    """Untrusted text as HTML text: escaped, with direction controls made visible."""
    return html.escape(reveal_controls(text))


def link_url(url: str) -> str | None:
    """An http(s) address safe to put in a link (table link columns, anchors), else None."""
    return safe_url(url) or None


CONTEXT = 4  # sentences of a long paragraph shown before and after the focused one


def paragraph_html(
    text: str, sentences: Sequence[Sentence], focus: Sentence, *, claim: str = ""
) -> str:
    """The focus sentence highlighted inside its paragraph of the article; when the claim's
    text (edited, split, or made of a passage) is found in the paragraph, that is marked.
    A long paragraph (a pasted text without line breaks is one paragraph of thousands of
    sentences) shows ``CONTEXT`` sentences either side, an ellipsis where it is cut."""
    same = sorted((s for s in sentences if s.paragraph == focus.paragraph), key=_index) or [focus]
    at = next((n for n, s in enumerate(same) if s.index == focus.index), 0)
    shown = same[max(0, at - CONTEXT) : at + CONTEXT + 1]
    start, end = min(s.start for s in shown), max(s.end for s in shown)
    start, end = min(start, focus.start), max(end, focus.end)
    cut_before = "… " if shown[0] is not same[0] else ""
    cut_after = " …" if shown[-1] is not same[-1] else ""
    mark_start, mark_end = focus.start, focus.end
    wanted = " ".join(claim.split())
    if wanted and wanted != focus.text:
        found = text.find(wanted, start, end)
        if found >= 0:
            mark_start, mark_end = found, found + len(wanted)
    before = text_html(text[start:mark_start])
    marked = text_html(text[mark_start:mark_end])
    after = text_html(text[mark_end:end])
    return (
        f'{STYLE}<div class="fc-par">{cut_before}{before}<mark>{marked}</mark>{after}'
        f"{cut_after}</div>"
    )


def _index(sentence: Sentence) -> int:
    return sentence.index


def stems(text: str) -> frozenset[str]:
    """Word stems of ``text`` as the matcher sees them, less function words ("has",
    "from", "its": ``checks.words``), which say nothing a reviewer looks for."""
    return frozenset(tokens(text)) - function_stems()


def evidence_html(passage: str, *, claim: str, agreement: Agreement) -> str:
    """The passage with words shared with the claim and conflicting facts marked."""
    shared = stems(claim)
    conflicts = sorted({(e.start, e.end) for _, e in agreement.conflicts})
    pieces: list[str] = []
    cursor = 0
    for start, end in conflicts:
        if start < cursor:
            continue
        pieces.append(_mark_words(passage[cursor:start], shared))
        pieces.append(f'<span class="fc-conflict">{text_html(passage[start:end])}</span>')
        cursor = end
    pieces.append(_mark_words(passage[cursor:], shared))
    return f'{STYLE}<p class="fc-ev">{"".join(pieces)}</p>'


def _mark_words(text: str, shared: frozenset[str]) -> str:
    out: list[str] = []
    cursor = 0
    for match in _WORD.finditer(text):
        if shared.intersection(tokens(match.group())):
            out.append(text_html(text[cursor : match.start()]))
            out.append(f"<mark>{text_html(match.group())}</mark>")
            cursor = match.end()
    out.append(text_html(text[cursor:]))
    return "".join(out)


def dateline_html(row: ReviewRow) -> str:
    """The claim's dateline as one line (place, date, agency) and, under it, each flag of its
    evidence that is about the dateline's date; ``""`` when no dateline opens the sentence."""
    if row.dateline is None:
        return ""
    found = datelines.parse(row.dateline.text)
    parts = [("place", ", ".join(p for p in (found.place, found.region) if p)),
             ("date", found.date), ("agency", found.agency)]  # fmt: skip
    described = " · ".join(f"{name} {text_html(value)}" for name, value in parts if value)
    flags = "".join(
        f'<div style="color:#b00020">⚠ dateline, evidence {e.rank}: {text_html(flag)}</div>'
        for e in sorted(row.evidence, key=lambda e: e.rank)
        if relevance.is_evidence(e.score)  # weak matches are not evidence: no flags
        for flag in datelines.dateline_conflicts(e.agreement, found.text)
    )
    return (
        f'<div class="fc-dateline">Dateline <b>{text_html(found.text)}</b>'
        f"{f' ({described})' if described else ''}</div>{flags}"
    )
