"""The reviewer's edits of an article's claims: fix the text, split, merge, add one from a
passage of the article, delete. Each edit is one store transaction (logged in
``claim_edits``), then the claims it wrote are matched again against the article's documents
(no fetching). Ids stay stable: an edited or merged claim keeps its id, a new claim gets an id
the article never had (``c34``), a deleted id is never given again. Untouched claims keep
their verdicts.

Re-analysing an article whose claims were edited keeps the reviewer's claims: only the
sources and evidence are looked up again (``reanalyse_keeping_claims``); see DESIGN.md.
"""

from __future__ import annotations

import re
from dataclasses import replace

from checks import index
from checks.claims import checkworthiness, claim_kind, features
from checks.errors import InputError
from checks.model import Analysis, Claim, Sentence, Stage
from checks.pipeline import ProgressCallback, gather_documents, match_documents_noted, named_failure
from checks.references import rematch_claims
from checks.semantic import SemanticOptions
from checks.sources.base import Source
from checks.store import Store

EDIT, SPLIT, MERGE, ADD, DELETE = "edit", "split", "merge", "add", "delete"


def classified(claim_id: str, text: str, sentence: Sentence) -> Claim:
    """A claim of ``text`` in ``sentence`` with its kind and check-worthiness computed as
    the analysis would (the sentence's role still decides headings and datelines)."""
    text = " ".join(text.split())
    if not text:
        raise InputError("A claim needs some text.")
    found = features(text)
    kind = claim_kind(replace(sentence, text=text), found)
    score, reasons = checkworthiness(kind, found)
    return Claim(claim_id, sentence.index, text, kind, score, reasons)


def _row(store: Store, article_id: int, claim_id: str) -> tuple[Claim, Sentence]:
    for row in store.review(article_id).rows:
        if row.claim.id == claim_id:
            return row.claim, row.sentence
    raise InputError(f"article {article_id} has no claim {claim_id!r}")


def edit_text(store: Store, article_id: int, claim_id: str, text: str) -> Claim:
    """Fix a claim's text; it keeps its id, place and verdict and is matched again."""
    _, sentence = _row(store, article_id, claim_id)
    claim = classified(claim_id, text, sentence)
    store.replace_claims(article_id, EDIT, write=(claim,))
    rematch_claims(store, article_id, (claim.id,))
    return claim


def split(store: Store, article_id: int, claim_id: str, first: str, second: str) -> Claim:
    """Split a claim in two: the first part keeps the id (and verdict), the second becomes
    a new claim right after it. Returns the new claim."""
    _, sentence = _row(store, article_id, claim_id)
    (new_id,) = store.new_claim_ids(article_id, 1)
    head = classified(claim_id, first, sentence)
    tail = classified(new_id, second, sentence)
    store.replace_claims(article_id, SPLIT, write=(head, tail), after=claim_id)
    rematch_claims(store, article_id, (head.id, tail.id))
    return tail


def split_guess(text: str) -> tuple[str, str]:
    """Where a reviewer most likely splits a claim: at a semicolon, else at ", and"/", but",
    else at the comma nearest the middle, else in the middle of the words."""
    for pattern in (r";\s+", r",\s+(?=(?:and|but|while|whereas)\b)", r"\s+(?:and|but)\s+"):
        match = re.search(pattern, text)
        if match and 0 < match.start() < len(text) - 1:
            return text[: match.start()].strip(), text[match.end() :].strip()
    commas = [m for m in re.finditer(r",\s+", text)]
    if commas:
        best = min(commas, key=lambda m: abs(m.start() - len(text) / 2))
        return text[: best.start()].strip(), text[best.end() :].strip()
    words = text.split()
    half = max(1, len(words) // 2)
    return " ".join(words[:half]), " ".join(words[half:])


def merge_with_next(store: Store, article_id: int, claim_id: str) -> Claim:
    """Merge a claim with the claim after it: the first keeps its id and verdict and gets
    both texts; the second is deleted (its verdict with it; its history stays)."""
    rows = store.review(article_id).rows
    ids = [row.claim.id for row in rows]
    if claim_id not in ids:
        raise InputError(f"article {article_id} has no claim {claim_id!r}")
    position = ids.index(claim_id)
    if position + 1 >= len(rows):
        raise InputError("The last claim has no claim after it to merge with.")
    first, second = rows[position], rows[position + 1]
    merged = classified(claim_id, f"{first.claim.text} {second.claim.text}", first.sentence)
    store.replace_claims(article_id, MERGE, remove=(second.claim.id,), write=(merged,))
    rematch_claims(store, article_id, (merged.id,))
    return merged


def locate(text: str, passage: str) -> tuple[int, int]:
    """Where ``passage`` is in the article ``text``: exact, else ignoring differences of
    white space and case. InputError when it is not there."""
    wanted = " ".join(passage.split())
    if not wanted:
        raise InputError("Paste the passage of the article the claim is made of.")
    start = text.find(wanted)
    if start >= 0:
        return start, start + len(wanted)
    words = [re.escape(word) for word in wanted.split(" ")]
    match = re.search(r"\s+".join(words), text, flags=re.IGNORECASE)
    if match is None:
        raise InputError(
            "That passage is not in the article: copy it from the article text exactly."
        )
    return match.start(), match.end()


def add_from_passage(store: Store, article_id: int, passage: str) -> Claim:
    """A new claim made of a passage of the article (found in its text), placed with the
    sentence the passage starts in, and matched."""
    review = store.review(article_id)
    start, end = locate(review.article.text, passage)
    sentences = sorted({row.sentence for row in review.rows}, key=lambda s: s.index)
    if not sentences:
        raise InputError("The article has no sentences yet: analyse it first.")
    sentence = next((s for s in sentences if s.start <= start < max(s.end, s.start + 1)), None)
    if sentence is None:
        sentence = max((s for s in sentences if s.start <= start), default=sentences[0],
                       key=lambda s: s.start)  # fmt: skip
    (new_id,) = store.new_claim_ids(article_id, 1)
    claim = classified(new_id, review.article.text[start:end], sentence)
    store.replace_claims(article_id, ADD, write=(claim,))
    rematch_claims(store, article_id, (claim.id,))
    return claim


def delete(store: Store, article_id: int, claim_id: str) -> None:
    """Delete a claim with its evidence and verdict (the history keeps its changes)."""
    _row(store, article_id, claim_id)
    store.replace_claims(article_id, DELETE, remove=(claim_id,))


def reanalyse_keeping_claims(
    store: Store,
    article_id: int,
    *,
    sources: tuple[Source, ...],
    on_progress: ProgressCallback | None = None,
    semantic: SemanticOptions | None = None,
) -> Analysis:
    """Look the sources up again and re-match the article's current claims (as the reviewer
    edited them), without splitting the text into new claims. Verdicts stay."""
    review = store.review(article_id)
    claims = tuple(row.claim for row in review.rows)
    sentences = tuple(sorted({row.sentence for row in review.rows}, key=lambda s: s.index))
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
    store.save_evidence(article_id, documents, evidence, lookups)
    report(Stage.MATCHING, 1.0, "Matching claims with evidence")
    notices = tuple(dict.fromkeys((*notices, *matched)))
    return Analysis(sentences, claims, documents, evidence, notices=notices, lookups=lookups)
