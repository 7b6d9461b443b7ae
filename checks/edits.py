"""The reviewer's edits of an article's claims: fix the text, split, merge, add one from a
passage of the article, delete. Each edit is planned first (the new claims, then their
evidence, matched against the article's documents without fetching), then written in one
store transaction with its log entry (``Store.replace_claims``): a failure before the write
changes nothing. Ids stay stable: an edited or merged claim keeps its id, a new claim gets an
id the article never had (``c34``), a deleted id is never given again. Untouched claims keep
their verdicts.

Re-analysing an article whose claims were edited keeps the reviewer's claims: only the
sources and evidence are looked up again (``checks.workflow.analyse_again``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from checks.claims import checkworthiness, claim_kind, features
from checks.errors import InputError
from checks.model import Claim, Sentence
from checks.references import match_claims
from checks.store import DroppedCitation, Store

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


@dataclass(frozen=True)
class Plan:
    """One claim edit before it is written: the claims to write (new or changed), the ids
    to delete, where new claims go (``after``)."""

    action: str
    write: tuple[Claim, ...] = ()
    remove: tuple[str, ...] = ()
    after: str | None = None


def apply(store: Store, article_id: int, plan: Plan) -> tuple[DroppedCitation, ...]:
    """Match the plan's claims, then write claims, evidence and log in one transaction;
    returns the citations dropped (their passage is not among the new evidence)."""
    evidence = match_claims(store, article_id, plan.write) if plan.write else ()
    return store.replace_claims(
        article_id, plan.action, remove=plan.remove, write=plan.write, after=plan.after,
        evidence=evidence,
    )  # fmt: skip


def plan_edit_text(store: Store, article_id: int, claim_id: str, text: str) -> Plan:
    _, sentence = _row(store, article_id, claim_id)
    return Plan(EDIT, write=(classified(claim_id, text, sentence),))


def edit_text(store: Store, article_id: int, claim_id: str, text: str) -> Claim:
    """Fix a claim's text; it keeps its id, place and verdict and is matched again."""
    plan = plan_edit_text(store, article_id, claim_id, text)
    apply(store, article_id, plan)
    return plan.write[0]


def plan_split(store: Store, article_id: int, claim_id: str, first: str, second: str) -> Plan:
    _, sentence = _row(store, article_id, claim_id)
    (new_id,) = store.new_claim_ids(article_id, 1)
    head = classified(claim_id, first, sentence)
    tail = classified(new_id, second, sentence)
    return Plan(SPLIT, write=(head, tail), after=claim_id)


def split(store: Store, article_id: int, claim_id: str, first: str, second: str) -> Claim:
    """Split a claim in two: the first part keeps the id (and verdict), the second becomes
    a new claim right after it. Returns the new claim."""
    plan = plan_split(store, article_id, claim_id, first, second)
    apply(store, article_id, plan)
    return plan.write[1]


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


def plan_merge(store: Store, article_id: int, claim_id: str) -> Plan:
    rows = store.review(article_id).rows
    ids = [row.claim.id for row in rows]
    if claim_id not in ids:
        raise InputError(f"article {article_id} has no claim {claim_id!r}")
    position = ids.index(claim_id)
    if position + 1 >= len(rows):
        raise InputError("The last claim has no claim after it to merge with.")
    first, second = rows[position], rows[position + 1]
    merged = classified(claim_id, f"{first.claim.text} {second.claim.text}", first.sentence)
    return Plan(MERGE, write=(merged,), remove=(second.claim.id,))


def merge_with_next(store: Store, article_id: int, claim_id: str) -> Claim:
    """Merge a claim with the claim after it: the first keeps its id and verdict and gets
    both texts; the second is deleted (its verdict with it; its history stays)."""
    plan = plan_merge(store, article_id, claim_id)
    apply(store, article_id, plan)
    return plan.write[0]


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


def plan_add(store: Store, article_id: int, passage: str) -> Plan:
    review = store.review(article_id)
    start, end = locate(review.article.text, passage)
    sentences = list(review.sentences)  # a dateline too: the passage may start in one
    if not sentences:
        raise InputError("The article has no sentences yet: analyse it first.")
    sentence = next((s for s in sentences if s.start <= start < max(s.end, s.start + 1)), None)
    if sentence is None:
        sentence = max((s for s in sentences if s.start <= start), default=sentences[0],
                       key=lambda s: s.start)  # fmt: skip
    (new_id,) = store.new_claim_ids(article_id, 1)
    return Plan(ADD, write=(classified(new_id, review.article.text[start:end], sentence),))


def add_from_passage(store: Store, article_id: int, passage: str) -> Claim:
    """A new claim made of a passage of the article (found in its text), placed with the
    sentence the passage starts in, and matched."""
    plan = plan_add(store, article_id, passage)
    apply(store, article_id, plan)
    return plan.write[0]


def plan_delete(store: Store, article_id: int, claim_id: str) -> Plan:
    _row(store, article_id, claim_id)
    return Plan(DELETE, remove=(claim_id,))


def delete(store: Store, article_id: int, claim_id: str) -> None:
    """Delete a claim with its evidence and verdict (the history keeps its changes)."""
    apply(store, article_id, plan_delete(store, article_id, claim_id))
