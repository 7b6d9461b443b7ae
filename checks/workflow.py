"""The use cases, one function each, that the app (ui/, pages/) and the CLI call:

- ``analyse_new``: store a new article and analyse it;
- ``analyse_again``: analyse a stored article again; the reviewer's edited claims are kept
  (only sources and evidence are looked up again) when there are any;
- ``edit_claim``: fix a claim's text, split it, merge it with the next, add one from a
  passage of the article, or delete one (one transaction each, see ``checks.edits``);
- ``add_reference``: store a reference for a claim and match that claim again;
- ``mark_not_checkable``: the bulk verdict for headings, questions and opinions.

Each returns what the caller shows: the claims and evidence, and notices (a source that
failed, a citation whose passage is gone). Errors are ``ChecksError``s with a message a
journalist can read; nothing is half written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checks import config, edits, index, references, relevance, review_rules
from checks.claim_ids import Move
from checks.errors import InputError, VerdictError
from checks.ingest import first_line_title
from checks.model import Analysis, Claim, Document, Stage
from checks.pipeline import (
    ProgressCallback,
    analyze,
    check_text,
    gather_documents,
    match_documents_noted,
    named_failure,
)
from checks.semantic import SemanticOptions
from checks.sources.base import Source
from checks.store import DroppedCitation, Store

EDIT, SPLIT, MERGE, ADD, DELETE = edits.EDIT, edits.SPLIT, edits.MERGE, edits.ADD, edits.DELETE
QUOTE_LIMIT = 120  # characters of a dropped citation's passage quoted in its notice


@dataclass(frozen=True)
class Analysed:
    """An analysis done and stored: the article's id, what the analysis found (its notices
    include dropped citations) and whether the reviewer's edited claims were kept."""

    article_id: int
    analysis: Analysis
    kept_claims: bool = False
    moves: tuple[Move, ...] = ()
    """Verdicts or notes moved from a claim that is gone to the claim holding its text."""

    @property
    def notices(self) -> tuple[str, ...]:
        return self.analysis.notices

    @property
    def claims_with_evidence(self) -> int:
        return relevance.claims_with_evidence(self.analysis.evidence)


@dataclass(frozen=True)
class ClaimChange:
    """One edit of an article's claims, as the reviewer asked for it.

    ``action`` is ``EDIT`` (``text``: the new text), ``SPLIT`` (``text`` and ``second``: the
    two parts), ``MERGE`` (with the claim after ``claim_id``), ``ADD`` (``text``: a passage
    of the article; ``claim_id`` unused) or ``DELETE``.
    """

    action: str
    claim_id: str = ""
    text: str = ""
    second: str = ""


@dataclass(frozen=True)
class ClaimsChanged:
    """An edit written: the claims it wrote (the changed or new ones, in order; none for a
    delete) and its notices (citations dropped because their passage went)."""

    action: str
    claims: tuple[Claim, ...]
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReferenceAdded:
    """A reference stored and its claim matched again (``evidence``: passages it has now)."""

    document: Document
    evidence: int
    notices: tuple[str, ...] = ()


def citation_notice(dropped: DroppedCitation) -> str:
    """What the reviewer is told about a citation the new evidence no longer has."""
    text = dropped.passage.text
    quoted = text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1] + "…"
    return (
        f"Claim {dropped.claim_id}: the passage its verdict cited is no longer among its"
        f" evidence, so the citation was removed (“{quoted}”, {dropped.passage.document_key})."
    )


def _with_notices(analysis: Analysis, dropped: Sequence[DroppedCitation]) -> Analysis:
    notices = (*analysis.notices, *map(citation_notice, dropped))
    return Analysis(
        analysis.sentences, analysis.claims, analysis.documents, analysis.evidence,
        notices=notices, lookups=analysis.lookups, timings=analysis.timings,
    )  # fmt: skip


def analyse_new(
    store: Store,
    *,
    title: str,
    text: str,
    url: str = "",
    author: str = "",
    published: str = "",
    sources: Sequence[Source],
    on_progress: ProgressCallback | None = None,
    keep_text_on_failure: bool = True,
    semantic: SemanticOptions | None = None,
) -> Analysed:
    """Store a new article and analyse it. The title defaults to the text's first line.

    With ``keep_text_on_failure`` (the app) the article is stored before the analysis, so a
    failed analysis leaves the text saved to analyse again; without it (the CLI) the
    article is stored only with a finished analysis. InputError for text that cannot be
    analysed, before anything is stored.
    """
    check_text(text)
    fields = {
        "title": title.strip() or first_line_title(text), "text": text, "url": url,
        "author": author, "published": published,
    }  # fmt: skip
    if keep_text_on_failure:
        article = store.add_article(**fields)
        return analyse_again(
            store, article.id, sources=sources, on_progress=on_progress, semantic=semantic
        )
    analysis = analyze(
        text,
        sources=sources,
        on_progress=on_progress,
        index_dir=index.folder_for(store.path),
        published=published,
        semantic=semantic,
    )
    article = store.add_article(**fields)
    saved = store.save_analysis(article.id, analysis)
    return Analysed(article.id, _with_notices(analysis, saved.dropped), moves=saved.moves)


def analyse_again(
    store: Store,
    article_id: int,
    *,
    sources: Sequence[Source],
    on_progress: ProgressCallback | None = None,
    semantic: SemanticOptions | None = None,
) -> Analysed:
    """Analyse a stored article again. Verdicts of claims that stay are kept; citations
    follow their passage. When the reviewer edited the claims, those claims are kept and
    only the sources and evidence are looked up again (``keep_claims``)."""
    if store.claim_edits(article_id):
        analysis = _keeping_claims(
            store, article_id, sources=sources, on_progress=on_progress, semantic=semantic
        )
        return Analysed(article_id, analysis, kept_claims=True)
    article = store.article(article_id)
    analysis = analyze(
        article.text,
        sources=sources,
        on_progress=on_progress,
        index_dir=index.folder_for(store.path),
        published=article.published,
        semantic=semantic,
    )
    saved = store.save_analysis(article_id, analysis)
    return Analysed(article_id, _with_notices(analysis, saved.dropped), moves=saved.moves)


def _keeping_claims(
    store: Store,
    article_id: int,
    *,
    sources: Sequence[Source],
    on_progress: ProgressCallback | None,
    semantic: SemanticOptions | None,
) -> Analysis:
    """Look the sources up again and re-match the article's current claims (as the reviewer
    edited them), without splitting the text into new claims."""
    review = store.review(article_id)
    claims = tuple(row.claim for row in review.rows)
    sentences = review.sentences  # with the datelines, which the claims are matched with
    report = on_progress or (lambda stage, fraction, message: None)
    report(Stage.SOURCES, 0.0, "Reading reference sources")
    documents, notices, lookups = gather_documents(sources, claims, text=review.article.text)
    report(Stage.SOURCES, 1.0, "Reading reference sources")
    report(Stage.MATCHING, 0.0, "Matching claims with evidence")
    with named_failure("Matching claims with evidence"):
        evidence, matched = match_documents_noted(
            claims,
            documents,
            sentences=sentences,
            index_dir=index.folder_for(store.path),
            semantic=semantic,
            on_progress=on_progress,
        )
    dropped = store.save_evidence(article_id, documents, evidence, lookups)
    report(Stage.MATCHING, 1.0, "Matching claims with evidence")
    notices = tuple(dict.fromkeys((*notices, *matched)))
    analysis = Analysis(sentences, claims, documents, evidence, notices=notices, lookups=lookups)
    return _with_notices(analysis, dropped)


def _plan(store: Store, article_id: int, change: ClaimChange) -> edits.Plan:
    if change.action == EDIT:
        return edits.plan_edit_text(store, article_id, change.claim_id, change.text)
    if change.action == SPLIT:
        return edits.plan_split(store, article_id, change.claim_id, change.text, change.second)
    if change.action == MERGE:
        return edits.plan_merge(store, article_id, change.claim_id)
    if change.action == ADD:
        return edits.plan_add(store, article_id, change.text)
    if change.action == DELETE:
        return edits.plan_delete(store, article_id, change.claim_id)
    raise InputError(f"unknown claim edit {change.action!r}: use edit, split, merge, add or delete")


def edit_claim(store: Store, article_id: int, change: ClaimChange) -> ClaimsChanged:
    """Apply one claim edit: the new claims and their evidence are computed first, then
    written with the log entry in one transaction (a failure before changes nothing)."""
    plan = _plan(store, article_id, change)
    dropped = edits.apply(store, article_id, plan)
    return ClaimsChanged(plan.action, plan.write, tuple(map(citation_notice, dropped)))


def add_reference(
    store: Store,
    article_id: int,
    claim_id: str,
    *,
    title: str = "",
    url: str = "",
    text: str = "",
    wikipedia: references.WikipediaFactory,
) -> ReferenceAdded:
    """Store a reference (pasted text, or a Wikipedia title or link, fetched and pinned) and
    match the claim again against it and its article's documents. Verdict and note stay."""
    rows = {row.claim.id: row for row in store.review(article_id).rows}
    if claim_id not in rows:
        raise InputError(f"article {article_id} has no claim {claim_id!r}")
    doc = references.add_reference(store, title=title, url=url, text=text, wikipedia=wikipedia)
    found = references.match_claims(store, article_id, (rows[claim_id].claim,), added=doc)
    dropped = store.replace_claim_evidence(article_id, claim_id, found, documents=(doc,))
    return ReferenceAdded(doc, len(relevance.shown(found)), tuple(map(citation_notice, dropped)))


def mark_not_checkable(store: Store, article_id: int, *, scale: Sequence[str] | None = None) -> int:
    """Every unreviewed heading, question and opinion becomes "not checkable" (one bulk
    change, undone as one); returns how many changed. VerdictError when the scale has no
    such label."""
    labels = config.verdict_scale() if scale is None else scale
    if config.NOT_CHECKABLE not in labels:
        raise VerdictError(f"The verdict scale has no {config.NOT_CHECKABLE!r} label.")
    changes = review_rules.not_checkable_changes(store.review(article_id))
    return store.set_verdicts(article_id, changes, scale=labels)
