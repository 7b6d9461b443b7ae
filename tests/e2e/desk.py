"""A desk with some history, written into a database before the app starts: the browser
tests of the charts and docs/make_chart_screenshots.py use it.

Three articles: the demo article twice (the same title, added a day apart) and a short one
whose title is hostile markup (it must show as text). Verdicts are set over eight days with
a clock the seed sets; one of them is undone (it must not count).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from checks import index
from checks.pipeline import analyze
from checks.sources.library import LibrarySource, seed_demo_library
from checks.store import Store
from tests.e2e.server import Server, running_app

DEMO = Path(__file__).resolve().parents[2] / "data" / "ceasefire-proposal-2024.txt"
DEMO_TITLE = "Putin Proposes Ceasefire (demo)"
HOSTILE_TITLE = '<img src=x onerror="window.pwned=1"> **Budget** [vote](https://example.org)'
HOSTILE_TEXT = (
    "Budget vote\n\nThe council approved the budget on 3 May 2024 by 32 votes to 9. "
    "The mayor said the harbour would reopen in June."
)
# (day offset from the first day, article, claim, label); the first article is id 1.
VERDICTS = (
    (0, 1, "c2", "mostly true"),
    (0, 1, "c3", "true"),
    (0, 1, "c4", "true"),
    (1, 1, "c5", "false"),
    (1, 1, "c6", "unproven"),
    (3, 1, "c7", "half true"),
    (3, 1, "c8", "true"),
    (3, 1, "c9", "mostly false"),
    (5, 2, "c2", "false"),
    (5, 2, "c3", "true"),
    (6, 3, "c2", "true"),
    (7, 1, "c10", "not checkable"),
    (7, 1, "c11", "true"),
)
UNDONE = (7, 1, "c12", "false")  # set, then undone: never counted


@dataclass
class _Clock:
    now: str = ""

    def __call__(self) -> str:
        return self.now


def _at(day: date, hour: int) -> str:
    return datetime.combine(day, time(hour), tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def seed_desk(db_path: Path, *, first_day: date) -> None:
    """Write the three articles and their verdicts (first day at ``first_day``)."""
    clock = _Clock(_at(first_day, 9))
    with Store.open(db_path, clock=clock) as store:
        seed_demo_library(store)
        sources = [LibrarySource(store)]
        folder = index.folder_for(db_path)
        demo = DEMO.read_text(encoding="utf-8")
        for offset, (title, text) in enumerate(
            ((DEMO_TITLE, demo), (DEMO_TITLE, demo), (HOSTILE_TITLE, HOSTILE_TEXT))
        ):
            clock.now = _at(first_day + timedelta(days=offset), 8)
            article = store.add_article(title=title, text=text)
            store.save_analysis(article.id, analyze(text, sources=sources, index_dir=folder))
        for offset, article_id, claim_id, label in VERDICTS:
            clock.now = _at(first_day + timedelta(days=offset), 10)
            store.set_verdict(article_id, claim_id, label=label)
        offset, article_id, claim_id, label = UNDONE
        clock.now = _at(first_day + timedelta(days=offset), 11)
        store.set_verdict(article_id, claim_id, label=label)
        store.undo(article_id)


@contextmanager
def demo_app(db_path: Path) -> Iterator[Server]:
    """The app on a new database holding the demo library and the demo article, titled "Demo"
    (id 1, claims c1..c32), with Wikipedia off (the browser tests make no network call)."""
    text = DEMO.read_text(encoding="utf-8")
    with Store.open(db_path) as store:
        seed_demo_library(store)
        article = store.add_article(title="Demo", text=text)
        store.save_analysis(article.id, analyze(text, sources=[LibrarySource(store)]))
    before = os.environ.get("CHECKS_WIKIPEDIA")
    os.environ["CHECKS_WIKIPEDIA"] = "off"
    try:
        with running_app(db_path) as running:
            yield running
    finally:
        if before is None:
            os.environ.pop("CHECKS_WIKIPEDIA", None)
        else:
            os.environ["CHECKS_WIKIPEDIA"] = before
