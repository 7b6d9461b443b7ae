"""What the store tests share: a small article with its analysis (text the team wrote),
a clock the test sets, and a raw read of the file past the store."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from checks.model import (
    Agreement,
    Analysis,
    Claim,
    ClaimKind,
    Document,
    Evidence,
    Fact,
    FactKind,
    Passage,
    Sentence,
    SentenceRole,
    SourceKind,
)
from checks.store import Store

ALL_MIGRATIONS = (
    "0001_articles_sentences_claims",
    "0002_documents_evidence",
    "0003_verdicts_history",
    "0004_documents_removed_at",
    "0005_settings",
    "0006_source_cache_lookups",
    "0007_article_metadata",
    "0008_undo_and_claim_edits",
    "0009_verdict_history_undo_indexes",
    "0010_citations_by_passage",
    "0011_article_list_indexes",
    "0012_factchecks",
    "0013_key_receipts_not_relevant_claim_undo",
    "0014_review_revisions",
    "0015_claims_by_sentence",
    "0016_verdict_revisions",
)
T1, T2, T3, T4, T5, T6 = (f"2026-11-27T14:03:0{n}Z" for n in range(1, 7))

TEXT = (
    "Talks resume in Cairo\n\nThe talks began on 3 May 2024. Officials said 32 members attended.\n"
)
S0 = Sentence(0, 0, 21, "Talks resume in Cairo", 0, SentenceRole.HEADLINE)
S1 = Sentence(1, 23, 53, "The talks began on 3 May 2024.", 1, SentenceRole.BODY)
S2 = Sentence(2, 54, 89, "Officials said 32 members attended.", 1, SentenceRole.BODY)
C1 = Claim("c1", 0, "Talks resume in Cairo", ClaimKind.HEADING, 0.0, ("heading",))
C2 = Claim("c2", 1, "The talks began on 3 May 2024.", ClaimKind.FACTUAL, 0.85, ("date", "event"))
C3 = Claim("c3", 2, "Officials said 32 members attended.", ClaimKind.FACTUAL, 0.7, ("number",))

WIKI = Document(
    SourceKind.WIKIPEDIA,
    "Cairo_talks",
    "Cairo talks",
    "https://en.wikipedia.org/w/index.php?title=Cairo_talks&oldid=123",
    "123",
    "en",
    "The talks opened on 2 May 2024 in Cairo.",
    "2026-11-27T13:00:00Z",
)
NOTES = Document(
    SourceKind.LIBRARY, "notes.txt", "Desk notes", "", "", "en",
    "Notes: 32 members attended the Cairo talks.", "2026-11-26T09:00:00Z",
)  # fmt: skip
UNCITED = Document(
    SourceKind.LIBRARY, "old.txt", "Archive", "", "", "en", "Nothing here.", "2026-01-01T00:00:00Z"
)

CLAIM_DATE = Fact(FactKind.DATE, "2024-05-03", "3 May 2024", 19, 29)
WIKI_DATE = Fact(FactKind.DATE, "2024-05-02", "2 May 2024", 20, 30)
CLAIM_YEAR = Fact(FactKind.YEAR, "2024", "2024", 25, 29)
WIKI_YEAR = Fact(FactKind.YEAR, "2024", "2024", 26, 30)
CLAIM_COUNT = Fact(FactKind.NUMBER, "32", "32 members", 15, 25, "member")
NOTES_COUNT = Fact(FactKind.NUMBER, "32", "32 members", 7, 17, "member")

E2_1 = Evidence(
    "c2", 1, Passage("wikipedia:Cairo_talks", 0, 40, "The talks opened on 2 May 2024 in Cairo."),
    0.8125,
    Agreement(matches=((CLAIM_YEAR, WIKI_YEAR),), conflicts=((CLAIM_DATE, WIKI_DATE),)),
)  # fmt: skip
E2_2 = Evidence(
    "c2", 2, Passage("library:notes.txt", 0, 43, "Notes: 32 members attended the Cairo talks."),
    0.25,
)  # fmt: skip
E3_1 = Evidence(
    "c3", 1, Passage("library:notes.txt", 0, 43, "Notes: 32 members attended the Cairo talks."),
    0.9, Agreement(matches=((CLAIM_COUNT, NOTES_COUNT),)),
)  # fmt: skip

ANALYSIS = Analysis(
    sentences=(S0, S1, S2),
    claims=(C1, C2, C3),
    documents=(UNCITED, NOTES, WIKI),
    evidence=(E2_1, E2_2, E3_1),
)


@dataclass
class Clock:
    """A clock the test sets; every store write takes its timestamp from here."""

    now: str = T1

    def __call__(self) -> str:
        return self.now


def raw(db_path: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    """Read the file with a separate connection: what is on disk, not what the store says."""
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


CLAIMS = 60  # claims of the article ``seeded`` makes


def seeded(path: Path, claims: int = CLAIMS) -> int:
    """A database with one article of ``claims`` one-sentence claims; returns its id."""
    sentences, made, text = [], [], ""
    for n in range(claims):
        sentence = f"Claim number {n + 1} was made in 2024."
        start = len(text)
        text += sentence + " "
        sentences.append(Sentence(n, start, start + len(sentence), sentence, 0, SentenceRole.BODY))
        made.append(Claim(f"c{n + 1}", n, sentence, ClaimKind.FACTUAL, 0.5, ()))
    with Store.open(path) as store:
        article = store.add_article(title="Crash test", text=text)
        store.save_analysis(article.id, Analysis(tuple(sentences), tuple(made), (), ()))
        return article.id
