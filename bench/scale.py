"""Does the analysis stay fast on a large library? A synthetic article against 100,000 passages.

    python -m bench.scale [--passages 100000] [--claims 500] [--seed 4] [--unpersisted auto]

Everything is generated from a fixed seed, so every run sees the same text: a lexicon of
pronounceable made-up words drawn with Zipf-like frequencies (a few very common, a long
tail), person and place names, numbers with units, percentages, money and dates. The library
is documents of 50 sentences, each on a topic of its own (half its content words come from
the topic's 150 words); the article is ``--claims`` sentences, half of them restatements of a
library sentence with a word dropped, the order shuffled or a number changed, half new
sentences on the library's topics.

The library goes into a temporary SQLite database; the analysis is ``checks.pipeline.analyze``
with the library source, exactly as the app and the CLI run it. Reported:

- index build: ``checks.index.load_or_build`` over the stored library (split, stem, index,
  save next to the database), against a plain bm25s index of the same passages built in the
  same run (in a process of its own, so its memory is its own), in turns, ``--repeat`` times
  (median; wall clock and CPU seconds: the CPU ratio suffers less from other work);
- whole analysis once the index exists, in a new process (index read from disk and verified;
  here: the in-memory copy dropped) and in the same process (a Streamlit rerun);
- matching per claim, from the matching stage's time;
- the analysis after one more document (50 passages) is added: the index is built again,
  copying the unchanged documents' passages from the index on disk;
- with ``--unpersisted yes`` (default: up to 100,000 passages) the analysis with the index
  built every time, as before issue 4;
- peak memory: the maximum resident set size of the process that does what the app does;
- the machine's load averages before and after (other work shares the cores).

The last line is one JSON object: ``{"passages", "claims", "index_build_s", "bm25s_build_s",
"analysis_s", "peak_rss_mib"}``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate
from pathlib import Path
from typing import TypeVar

import bm25s
import Stemmer

from checks import index
from checks.claims import extract_claims
from checks.match import tokens
from checks.model import Analysis, Document, SourceKind, Stage
from checks.passages import passages_for
from checks.pipeline import analyze
from checks.segment import segment
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
    """This process's peak resident set size so far, MiB: ``VmHWM`` from /proc (a spawned
    process's ``ru_maxrss`` starts at its parent's), else ``ru_maxrss`` (Linux: KiB)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def matching_seconds(analysis: Analysis) -> float:
    return sum(seconds for stage, seconds in analysis.timings if stage is Stage.MATCHING)


def plain_bm25(texts: list[str], claims: list[str]) -> tuple[float, float, float]:
    """Seconds to build a textbook bm25s index of the library's sentences (wall clock and
    this process's CPU), and to retrieve the top 10 for every claim (no re-scoring, no
    facts)."""
    stemmer = Stemmer.Stemmer("english")
    started, cpu = time.perf_counter(), time.process_time()
    corpus = bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False)
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    built, cpu = time.perf_counter(), time.process_time() - cpu
    asked = bm25s.tokenize(claims, stopwords="en", stemmer=stemmer, show_progress=False)
    retriever.retrieve(asked, k=10, show_progress=False)
    return built - started, cpu, time.perf_counter() - built


def plain_bm25_apart(documents: list[Document], claims: list[str]) -> tuple[float, ...]:
    """``plain_bm25`` over the passages of ``documents``, run in a Python process of its own
    (its input and answer pickled over a pipe) so that its memory is not counted as the app's:
    (build s, build CPU s, retrieval s, its own peak MiB)."""
    command = [sys.executable, "-c", "import bench.scale as s; s.plain_bm25_child()"]
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        command, input=pickle.dumps((documents, claims)), capture_output=True, check=True, cwd=root
    )
    return tuple(float(value) for value in pickle.loads(done.stdout))


def plain_bm25_child() -> None:
    """The other end of ``plain_bm25_apart``: passages split untimed, then ``plain_bm25``."""
    documents, claims = pickle.load(sys.stdin.buffer)
    texts = [p.text for p in passages_for(documents)]
    sys.stdout.buffer.write(pickle.dumps((*plain_bm25(texts, claims), peak_mib())))


def timed_builds(
    folder: Path, documents: Sequence[Document], claims: list[str], repeat: int
) -> tuple[list[tuple[float, float]], list[tuple[float, ...]]]:
    """``repeat`` index builds from nothing (wall s, CPU s) and as many plain bm25s builds,
    taken in turns so that a change in the machine's load hits both alike."""
    ours, plain = [], []
    for _ in range(repeat):
        index.forget()
        shutil.rmtree(folder, ignore_errors=True)
        cpu = time.process_time()
        _, wall = timed(lambda: index.load_or_build(folder, documents))
        ours.append((wall, time.process_time() - cpu))
        plain.append(plain_bm25_apart(list(documents), claims))
    return ours, plain


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes): other work shares the 2 cores."""
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The analysis against a large synthetic library.")
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=500)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--repeat",
        type=int,
        help="index builds timed, in turns with plain bm25s (median; default 3, 1 above 200,000)",
    )
    parser.add_argument(
        "--unpersisted",
        choices=("auto", "yes", "no"),
        default="auto",
        help="also time the analysis with the index built every time (auto: up to 100,000)",
    )
    args = parser.parse_args(argv)
    unpersisted = args.unpersisted == "yes" or (
        args.unpersisted == "auto" and args.passages <= 100_000
    )
    load_before = load()
    vocab = Vocabulary.make(args.seed)
    (library, article), generate = timed(
        lambda: (lib := make_library(vocab, args.passages), make_article(vocab, lib, args.claims))
    )
    extra = make_library(Vocabulary.make(args.seed + 1), SENTENCES_PER_DOCUMENT)[0]
    extra = replace(extra, key="doc-added")
    documents_count = len(library)
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "bench.sqlite3"
        folder = index.folder_for(db) or Path(scratch)
        with Store.open(db) as store:
            for doc in library:
                store.upsert_document(doc)
            del library  # the app holds only what the store gives it
            gc.collect()
            sources = [LibrarySource(store)]

            def run(persisted: bool) -> Analysis:
                return analyze(article, sources=sources, index_dir=folder if persisted else None)

            stored = store.documents(source=SourceKind.LIBRARY)
            asked = [c.text for c in extract_claims(segment(article))]
            repeat = args.repeat or (3 if args.passages <= 200_000 else 1)
            ours, plain = timed_builds(folder, stored, asked, repeat)
            passages = len(index.load_or_build(folder, stored).passages)
            index.forget()  # a new process: the index is read from disk
            loaded, from_disk = timed(lambda: run(True))
            warm, in_memory = timed(lambda: run(True))
            assert loaded.evidence == warm.evidence
            claims = [c.text for c in warm.claims]
            store.upsert_document(extra)
            index.documents_stats.clear()
            _, after_adding = timed(lambda: run(True))
            reused = dict(index.documents_stats)
            baseline: tuple[Analysis, float] | None = None
            if unpersisted:
                baseline = timed(lambda: run(False))
            app_peak = peak_mib()
    with_evidence = len({e.claim_id for e in warm.evidence})
    build, build_cpu = (statistics.median(run[i] for run in ours) for i in (0, 1))
    plain_build, plain_cpu, plain_query, plain_peak = (
        statistics.median(run[i] for run in plain) for i in range(4)
    )
    rows = [
        (
            "library",
            f"{documents_count:,} documents, {passages:,} passages (generated in {generate:.1f} s)",
        ),
        (
            "article",
            f"{len(article):,} characters, {len(claims)} claims, {with_evidence} with evidence",
        ),
        (
            f"**index build** (split, stem, index, save; median of {repeat})",
            f"**{build:.1f} s** (CPU {build_cpu:.1f} s)",
        ),
        (
            "baseline: plain bm25s index build (text only, same passages, own process)",
            f"{plain_build:.1f} s (CPU {plain_cpu:.1f} s)",
        ),
        (
            "**index build / plain bm25s build**",
            f"**{build / max(plain_build, 1e-9):.1f}x** "
            f"(CPU {build_cpu / max(plain_cpu, 1e-9):.1f}x)",
        ),
        ("**whole analysis, index on disk (new process)**", f"**{from_disk:.2f} s**"),
        ("whole analysis, index in memory (rerun)", f"{in_memory:.2f} s"),
        (
            "matching per claim (index in memory)",
            f"{1000 * matching_seconds(warm) / max(1, len(claims)):.2f} ms",
        ),
        (
            "whole analysis after adding one document (index rebuilt)",
            f"{after_adding:.2f} s ({reused.get('split', 0)} document split, "
            f"{reused.get('reused', 0):,} copied)",
        ),
        (
            "baseline: plain bm25s retrieval per claim (top 10)",
            f"{1000 * plain_query / max(1, len(claims)):.2f} ms",
        ),
    ]
    if baseline is not None:
        rows.append(("baseline: whole analysis, index built every time", f"{baseline[1]:.2f} s"))
    rows += [
        ("**peak memory (max RSS of the app's process)**", f"**{app_peak:,.0f} MiB**"),
        ("plain bm25s baseline's own peak (its own process)", f"{plain_peak:,.0f} MiB"),
        ("machine load (1, 5, 15 min averages) before → after", f"{load_before} → {load()}"),
    ]
    print("| measure | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    summary = {
        "passages": passages,
        "claims": len(claims),
        "index_build_s": round(build, 2),
        "bm25s_build_s": round(plain_build, 2),
        "analysis_s": round(from_disk, 2),
        "peak_rss_mib": round(app_peak),
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
