"""Does the analysis stay fast on a large library? A synthetic article against 100,000 passages.

    python -m bench.scale [--passages 100000] [--claims 500] [--seed 4]

Everything is generated from a fixed seed, so every run sees the same text: a lexicon of
pronounceable made-up words drawn with Zipf-like frequencies (a few very common, a long
tail), person and place names, numbers with units, percentages, money and dates. The library
is documents of 50 sentences, each on a topic of its own (half its content words come from
the topic's 150 words); the article is ``--claims`` sentences, half of them restatements of a
library sentence with a word dropped, the order shuffled or a number changed, half new
sentences on the library's topics.

The library goes into a temporary SQLite database; the analysis is ``checks.pipeline.analyze``
with the library source, exactly as the app and the CLI run it. Reported:

- index build: the first analysis builds the library's index and saves it next to the
  database (``checks.index``); the build is most of that analysis's matching stage;
- whole analysis once the index exists, in a new process (index read from disk; here: the
  in-memory copy dropped) and in the same process (a Streamlit rerun: index in memory);
- matching per claim, from the matching stage's time;
- baseline, same run: the analysis without a persisted index (the index built every time, as
  before issue 4), and plain bm25s (default parameters) retrieval of the same claims;
- peak memory: the process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import TypeVar

import bm25s
import Stemmer

from checks import index
from checks.match import tokens
from checks.model import Analysis, Document, SourceKind, Stage
from checks.pipeline import analyze
from checks.sources.library import LibrarySource
from checks.store import Store

SENTENCES_PER_DOCUMENT = 50
TOPIC_WORDS = 150
LEXICON = 40_000
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
UNITS = [
    "people",
    "soldiers",
    "votes",
    "members",
    "tonnes",
    "kilometres",
    "dollars",
    "homes",
    "schools",
    "troops",
]
FUNCTION = [
    "the",
    "a",
    "of",
    "in",
    "on",
    "for",
    "with",
    "by",
    "from",
    "at",
    "to",
    "as",
    "after",
    "before",
    "over",
    "under",
]
T = TypeVar("T")


@dataclass
class Vocabulary:
    """Made-up words with Zipf-like weights, names and places, all from one seeded RNG."""

    rng: random.Random
    words: list[str]
    weights: list[float]
    """Cumulative Zipf-Mandelbrot weights: word of rank r drawn with weight 1/(r+2.7)^1.07."""
    names: list[str]
    places: list[str]

    @classmethod
    def make(cls, seed: int) -> Vocabulary:
        rng = random.Random(seed)
        onsets = [
            "b",
            "c",
            "d",
            "f",
            "g",
            "h",
            "j",
            "k",
            "l",
            "m",
            "n",
            "p",
            "r",
            "s",
            "t",
            "v",
            "w",
            "z",
            "br",
            "cr",
            "dr",
            "fr",
            "gr",
            "pl",
            "pr",
            "st",
            "tr",
            "ch",
            "sh",
            "th",
        ]
        vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"]
        codas = ["", "", "n", "r", "s", "l", "m", "t", "nd", "st", "rk"]

        def word(syllables: int) -> str:
            return "".join(
                rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
                for _ in range(syllables)
            )

        words = list(dict.fromkeys(word(rng.choice((1, 2, 2, 3, 3, 4))) for _ in range(LEXICON)))
        weights = list(accumulate(1.0 / (rank + 2.7) ** 1.07 for rank in range(len(words))))
        names = [f"{word(2).title()} {word(3).title()}" for _ in range(3000)]
        places = [word(rng.choice((2, 3))).title() for _ in range(1500)]
        return cls(rng, words, weights, names, places)

    def content(self, count: int, topic: list[str]) -> list[str]:
        """``count`` content words, about half from ``topic``."""
        common = self.rng.choices(self.words, cum_weights=self.weights, k=count)
        return [
            topic[self.rng.randrange(len(topic))] if self.rng.random() < 0.5 else w for w in common
        ]

    def fact(self) -> str:
        rng = self.rng
        kind = rng.random()
        if kind < 0.3:
            return f"on {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(1990, 2025)}"
        if kind < 0.55:
            return f"{rng.randint(2, 9_999):,} {rng.choice(UNITS)}"
        if kind < 0.7:
            return f"{rng.randint(1, 99)}.{rng.randint(0, 9)}%"
        if kind < 0.8:
            return f"${rng.randint(1, 900)} million"
        return f"in {rng.randint(1950, 2025)}"

    def sentence(self, topic: list[str], names: list[str]) -> str:
        rng = self.rng
        words = self.content(rng.randint(6, 14), topic)
        for at in sorted(rng.sample(range(1, len(words)), k=min(3, len(words) - 1)), reverse=True):
            words.insert(at, rng.choice(FUNCTION))
        subject = rng.choice(names) if rng.random() < 0.6 else rng.choice(self.places)
        middle = " ".join(words)
        return f"{subject} {middle} {self.fact()} in {rng.choice(self.places)}."


def make_library(vocab: Vocabulary, passages: int) -> list[Document]:
    """Documents of ``SENTENCES_PER_DOCUMENT`` sentences until ``passages`` sentences."""
    documents = []
    for number in range(-(-passages // SENTENCES_PER_DOCUMENT)):
        topic = vocab.rng.sample(vocab.words[200:8000], TOPIC_WORDS)
        names = vocab.rng.sample(vocab.names, 5)
        count = min(SENTENCES_PER_DOCUMENT, passages - number * SENTENCES_PER_DOCUMENT)
        text = " ".join(vocab.sentence(topic, names) for _ in range(count))
        title = f"{names[0]} and {topic[0].title()}"
        documents.append(
            Document(
                SourceKind.LIBRARY,
                f"doc-{number}",
                title,
                "",
                f"r{number}",
                "en",
                text,
                "2024-06-15T00:00:00Z",
            )
        )
    return documents


def make_article(vocab: Vocabulary, library: list[Document], claims: int) -> str:
    """``claims`` sentences: half restate a library sentence (altered), half are new."""
    rng = vocab.rng
    out = []
    for number in range(claims):
        doc = rng.choice(library)
        if number % 2 == 0:
            sentence = rng.choice(doc.text.split(". ")).rstrip(".")
            words = sentence.split()
            change = rng.random()
            if change < 0.3 and len(words) > 6:
                del words[rng.randrange(1, len(words) - 1)]
            elif change < 0.6:
                middle = words[2:-3]
                rng.shuffle(middle)
                words[2:-3] = middle
            else:
                words = [str(int(w) + 1) if w.isdigit() else w for w in words]
            out.append(" ".join(words) + ".")
        else:
            topic = tokens(doc.text)[:40] or ["alliance"]
            out.append(vocab.sentence(list(topic), [doc.title.split(" and ")[0]]))
    paragraphs = [" ".join(out[i : i + 5]) for i in range(0, len(out), 5)]
    return "Synthetic article\n\n" + "\n\n".join(paragraphs) + "\n"


def timed(action: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def peak_mib() -> float:
    """The process's maximum resident set size so far, MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def matching_seconds(analysis: Analysis) -> float:
    return sum(seconds for stage, seconds in analysis.timings if stage is Stage.MATCHING)


def plain_bm25(texts: list[str], claims: list[str]) -> tuple[float, float]:
    """Seconds to build a textbook bm25s index of the library's sentences, and to retrieve
    the top 10 for every claim (no re-scoring, no facts)."""
    stemmer = Stemmer.Stemmer("english")
    started = time.perf_counter()
    corpus = bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False)
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    built = time.perf_counter()
    asked = bm25s.tokenize(claims, stopwords="en", stemmer=stemmer, show_progress=False)
    retriever.retrieve(asked, k=10, show_progress=False)
    return built - started, time.perf_counter() - built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The analysis against a large synthetic library.")
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=500)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args(argv)

    vocab = Vocabulary.make(args.seed)
    (library, article), generate = timed(
        lambda: (lib := make_library(vocab, args.passages), make_article(vocab, lib, args.claims))
    )
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "bench.sqlite3"
        folder = index.folder_for(db)
        with Store.open(db) as store:
            for doc in library:
                store.upsert_document(doc)
            sources = [LibrarySource(store)]
            index.forget()

            def run(persisted: bool) -> Analysis:
                return analyze(article, sources=sources, index_dir=folder if persisted else None)

            first, cold = timed(lambda: run(True))
            build = matching_seconds(first)
            index.forget()
            loaded, from_disk = timed(lambda: run(True))
            warm, in_memory = timed(lambda: run(True))
            baseline, unpersisted = timed(lambda: run(False))
            texts = [p.text for p in index.load_or_build(folder or Path(scratch), library).passages]
            plain_build, plain_query = plain_bm25(texts, [c.text for c in warm.claims])
            assert first.evidence == loaded.evidence == warm.evidence
        passages = len(index.load_or_build(folder or Path(scratch), library).passages)
        claims = len(warm.claims)
        with_evidence = len({e.claim_id for e in warm.evidence})
        rows = [
            (
                "library",
                f"{len(library):,} documents, {passages:,} passages (generated in "
                f"{generate:.1f} s)",
            ),
            (
                "article",
                f"{len(article):,} characters, {claims} claims, {with_evidence} with evidence",
            ),
            ("index build (matching stage of the first analysis)", f"{build:.1f} s"),
            ("first analysis (builds + saves the index)", f"{cold:.2f} s"),
            ("whole analysis, index on disk (new process)", f"{from_disk:.2f} s"),
            ("whole analysis, index in memory (rerun)", f"{in_memory:.2f} s"),
            (
                "matching per claim (index in memory)",
                f"{1000 * matching_seconds(warm) / max(1, claims):.2f} ms",
            ),
            ("baseline: whole analysis, index built every time", f"{unpersisted:.2f} s"),
            (
                "baseline: matching per claim, index built every time",
                f"{1000 * matching_seconds(baseline) / max(1, claims):.2f} ms",
            ),
            ("baseline: plain bm25s index build (text only)", f"{plain_build:.1f} s"),
            (
                "baseline: plain bm25s retrieval per claim (top 10)",
                f"{1000 * plain_query / max(1, claims):.2f} ms",
            ),
        ]
    rows.append(("peak memory (max RSS)", f"{peak_mib():,.0f} MiB"))
    print("| measure | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
