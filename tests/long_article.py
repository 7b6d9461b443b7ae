"""A long article written straight to the store (analysing 8,000 sentences takes a
minute): one-sentence factual claims, each with one passage of a small library document,
so the table has evidence, bands and sources to draw. Text the team wrote."""

from __future__ import annotations

from pathlib import Path

from checks.model import (
    Analysis,
    Claim,
    ClaimKind,
    Document,
    Evidence,
    Passage,
    Sentence,
    SentenceRole,
    SourceKind,
)
from checks.store import Store

MINUTES = "The council met 12 times in 2024 and approved the budget in March."
COUNCIL = Document(
    SourceKind.LIBRARY, "council-minutes.txt", "Council minutes 2024", "", "", "en",
    MINUTES, "2026-11-30T09:00:00Z",
)  # fmt: skip


def long_analysis(claims: int) -> tuple[str, Analysis]:
    """The text and analysis of an article of ``claims`` claims, c1..cN."""
    sentences, made, evidence, text = [], [], [], ""
    passage = Passage(f"library:{COUNCIL.key}", 0, len(MINUTES), MINUTES)
    for n in range(claims):
        sentence = f"The council met {n + 1} times in 2024."
        start = len(text)
        text += sentence + " "
        sentences.append(Sentence(n, start, start + len(sentence), sentence, 0, SentenceRole.BODY))
        made.append(Claim(f"c{n + 1}", n, sentence, ClaimKind.FACTUAL, 0.6, ("number",)))
        evidence.append(Evidence(f"c{n + 1}", 1, passage, 0.5))
    analysis = Analysis(tuple(sentences), tuple(made), (COUNCIL,), tuple(evidence))
    return text.strip(), analysis


def add_long_article(path: Path, claims: int, *, title: str = "A long council report") -> int:
    """Add the article to the database at ``path``; returns its id."""
    text, analysis = long_analysis(claims)
    with Store.open(path) as store:
        article = store.add_article(title=title, text=text)
        store.save_analysis(article.id, analysis)
        return article.id
