"""Server-side time of one verdict edit on the review page of a 200-claim article.

    python -m bench.review_rerun [--claims 200] [--repeat 60] [--articles 200 --history 30000]
        [--factchecks 200000] [--browser]

Builds a temporary database with one article of about ``--claims`` claims (the demo article
repeated, matched against the demo library), then drives the real app with Streamlit's
AppTest: each timed step presses a verdict button (``set_label``: one SQLite write, the next
unreviewed claim focused) and includes the full script run that follows (sidebar, title,
toolbar, focus panel, table frame). Also times moving to the next claim (``J``) and, apart,
the pieces a rerun is made of. Prints a table of the median, 95th percentile and maximum.
Nothing is fetched (Wikipedia is off); nothing is kept. ``--factchecks N`` imports N
generated fact-checks (bench/checked_before.py's feed) first, so every run also matches the
claims against them ("checked before"); its baseline row is that matching done afresh, what
each verdict key did before the article's own verdicts left the matches' cache key.

"verdict key (queue)" is the path a key takes in the browser since issue 12: the page's
key queue (ui/keys.js) sends its waiting presses as the component's state, and the run
applies the new ones (``ui.keys.apply_keys``, one transaction per press with its receipt)
before drawing the page; "5 keys in one batch" is what a run does after fast keys.
``--browser`` also drives the real app in Chromium (bench/keys_browser.py): keys pressed
at fixed intervals, how many were saved, and the keys per second sustained without loss,
with Streamlit's own button shortcuts (the queue switched off in the page) as the baseline.

``--articles N --history H`` also makes a busy desk's database (after the usual run, the
baseline in the same process): N articles in all (the others
the demo article, analysed once and saved N-1 times) and H verdict-history rows spread over
them by claim count (bulk changes, single changes and undos, all through ``Store``). Then the
verdict key and undo are timed twice in the same run: with the undo indexes of migration
0009 dropped (the schema before it) and with them; ``store.articles()`` likewise without and
with the article-list indexes of migration 0011.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checks.model import Analysis
    from checks.store import Store

DEMO = Path(__file__).resolve().parent.parent / "data" / "ceasefire-proposal-2024.txt"
APP = str(Path(__file__).resolve().parent.parent / "app.py")


def article_text(claims: int) -> str:
    """The demo article's body repeated until it has about ``claims`` sentences."""
    demo = DEMO.read_text(encoding="utf-8")
    parts = [demo]
    while len(parts) * 33 < claims:
        parts.append(demo.split("\n", 1)[1])  # without the headline
    return "\n\n".join(parts)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time a verdict edit on the review page.")
    parser.add_argument("--claims", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--articles", type=int, default=1, help="articles in the database")
    parser.add_argument("--history", type=int, default=0, help="verdict-history rows in all")
    parser.add_argument(
        "--factchecks", type=int, default=0, help="generated fact-checks imported (checked before)"
    )
    parser.add_argument("--browser", action="store_true", help="also keys in Chromium")
    args = parser.parse_args(argv)
    os.environ["CHECKS_WIKIPEDIA"] = "off"
    desks = [(1, 0)]
    if args.articles > 1 or args.history > 0:  # the baseline first, in the same run
        desks.append((args.articles, args.history))
    for articles, history in desks:
        with tempfile.TemporaryDirectory() as folder:
            os.environ["CHECKS_DB"] = str(Path(folder) / "bench.sqlite3")
            run(args.claims, args.repeat, articles=articles, history=history,
                factchecks=args.factchecks)  # fmt: skip
        print()
    if args.browser:
        from bench.keys_browser import run as run_browser

        with tempfile.TemporaryDirectory() as folder:
            return run_browser(Path(folder), text=article_text(args.claims))
    return 0


UNDO_INDEXES = {  # migration 0009
    "verdict_history_article": "CREATE INDEX verdict_history_article"
    " ON verdict_history(article_id, id)",
    "verdict_history_undoes": "CREATE INDEX verdict_history_undoes"
    " ON verdict_history(undoes) WHERE undoes IS NOT NULL",
}
LIST_INDEXES = {  # migration 0011
    "articles_newest": "CREATE INDEX articles_newest ON articles(created_at, id, title)",
    "verdicts_reviewed": "CREATE INDEX verdicts_reviewed ON verdicts(article_id, claim_id)"
    " WHERE lower(label) != 'unreviewed'",
    "evidence_conflicts": "CREATE INDEX evidence_conflicts ON evidence(article_id)"
    " WHERE rank = 1 AND json_array_length(agreement, '$.conflicts') > 0",
}


def set_indexes(path: Path, indexes: dict[str, str], *, present: bool) -> None:
    """Drop (the schema before their migration) or re-create ``indexes``."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for name, create in indexes.items():
            connection.execute(create if present else f"DROP INDEX {name}")
    finally:
        connection.close()


def write_history(store: Store, article_id: int, claim_ids: list[str], rows: int) -> int:
    """About ``rows`` history entries for the article as a reviewer makes them: a bulk change
    of every claim now and then, single changes, and an undo after every fourth; returns how
    many were written."""
    labels = ["true", "mostly true", "half true", "mostly false", "false", "unproven"]
    written, n = 0, 0
    while written < rows:
        n += 1
        if n % 10 == 1 and rows - written >= len(claim_ids):
            changes = [(c, labels[n % 6], f"bulk {n}") for c in claim_ids]
            written += store.set_verdicts(article_id, changes)
            continue
        claim_id = claim_ids[n % len(claim_ids)]
        store.set_verdict(article_id, claim_id, label=labels[n % 6], note=f"single {n}")
        written += 1
        if n % 4 == 0 and written < rows:
            written += len(store.undo(article_id))
    return written


def busy_desk(store: Store, main: int, analysis: Analysis, articles: int, history: int) -> int:
    """Fill the database: ``articles - 1`` more articles with ``analysis``, and ``history``
    history rows over all of them in proportion to their claims; returns the rows written."""
    ids = {main: [row.claim.id for row in store.review(main).rows]}
    for n in range(1, articles):
        added = store.add_article(title=f"Desk article {n}", text=DEMO.read_text("utf-8"))
        store.save_analysis(added.id, analysis)
        ids[added.id] = [claim.id for claim in analysis.claims]
    claims = sum(len(claim_ids) for claim_ids in ids.values())
    share = {article_id: history * len(c) // claims for article_id, c in ids.items()}
    share[main] += history - sum(share.values())  # the rounding, so that the total is exact
    return sum(write_history(store, a, ids[a], rows) for a, rows in share.items())


SCRIPT_RUNS: list[float] = []  # ms of each script run (callbacks + page), in its thread
SCRIPT_RUNS_RECORDED: list[bool] = []  # ScriptRunner is patched once per process


def record_script_runs() -> None:
    """Time ScriptRunner._run_script itself: the callbacks and the whole page script, as a
    server runs them, without AppTest's message handling around it.

    AppTest gives every run a new ScriptCache, so each run compiled app.py and the page
    again (with Streamlit's "magic" AST pass: 20-40 % of the time measured before); a
    server compiles a script once. The caches here share one dict, as a server's does."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    shared: dict[str, object] = {}
    original_init = ScriptCache.__init__

    def shared_init(self: ScriptCache) -> None:
        original_init(self)
        self._cache = shared

    ScriptCache.__init__ = shared_init  # type: ignore[method-assign]

    original = ScriptRunner._run_script

    def timed_run(self: ScriptRunner, rerun_data: object) -> None:
        started = time.perf_counter()
        try:
            original(self, rerun_data)  # type: ignore[arg-type]
        finally:
            SCRIPT_RUNS.append((time.perf_counter() - started) * 1000)

    ScriptRunner._run_script = timed_run  # type: ignore[method-assign]


def script_times(action: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """(round trip, script run) times of ``action`` repeated."""
    SCRIPT_RUNS.clear()
    round_trips = timed(action, repeat)
    return round_trips, list(SCRIPT_RUNS)


def run(
    claims: int, repeat: int, *, articles: int = 1, history: int = 0, factchecks: int = 0
) -> int:
    # Imported here: after $CHECKS_DB is set.
    from streamlit.testing.v1 import AppTest

    from checks.claimreview import Publisher
    from checks.formats import Format, export
    from checks.paging import TABLE_PAGE
    from checks.pipeline import analyze
    from checks.sources.library import LibrarySource
    from checks.store import analysis as store_analysis
    from ui.frames import review_frame
    from ui.resources import forget_store, get_store
    from ui.state import KEYS

    forget_store()  # a new database: not the Store of the run before
    store = get_store()
    text = article_text(claims)
    article = store.add_article(title="Rerun bench", text=text)
    store.save_analysis(article.id, analyze(text, sources=[LibrarySource(store)]))
    review = store.review(article.id)
    count = len(review.rows)
    desk = Publisher("Bench desk", "https://desk.example")
    heading = f"Review rerun, {count} claims, {repeat} runs (ms)"
    if articles > 1 or history > 0:
        started = time.perf_counter()
        demo = DEMO.read_text(encoding="utf-8")
        rows = busy_desk(store, article.id, analyze(demo, sources=[LibrarySource(store)]),
                         articles, history)  # fmt: skip
        mine = len(store.history(article.id))
        heading = (
            f"Review rerun, {count} claims, {articles} articles, {rows} history rows"
            f" ({mine} of them this article's; built in {time.perf_counter() - started:.0f} s),"
            f" {repeat} runs (ms)"
        )

    if factchecks:
        from bench.checked_before import write_feed
        from checks.factchecks.importer import import_file

        folder = Path(os.environ["CHECKS_DB"]).parent
        write_feed(factchecks, folder)
        import_file(store, folder / "feed.json")
        heading += f", {factchecks:,} fact-checks imported"

    if not SCRIPT_RUNS_RECORDED:
        record_script_runs()
        SCRIPT_RUNS_RECORDED.append(True)
    at = AppTest.from_file(APP, default_timeout=600)
    at.query_params["article"] = str(article.id)
    at.run()
    assert not at.exception, at.exception
    labels = ["true", "mostly true", "half true", "mostly false", "false", "unproven"]
    step = iter(range(10**6))

    def verdict() -> None:
        label = labels[next(step) % len(labels)]
        next(b for b in at.button if b.label == label).click().run()

    def move() -> None:
        next(b for b in at.button if b.label == "Next").click().run()

    def undo() -> None:
        next(b for b in at.button if b.label == "Undo").click().run()

    seq = iter(range(1, 10**6))

    def queued(presses: int) -> Callable[[], None]:
        def send() -> None:  # what ui/keys.js sends: every press not yet confirmed
            batch = [
                {"tab": "bench", "seq": next(seq), "article": article.id, "op": "verdict",
                 "label": labels[n % len(labels)]}
                for n in range(presses)
            ]  # fmt: skip
            at.session_state[KEYS] = {"queue": {"presses": batch}}
            at.run()

        return send

    def full_read() -> None:  # what every rerun read before the snapshot of migration 0014
        with store._read() as connection:
            store_analysis.review(connection, article.id, last=None)

    def afresh() -> None:  # before, a verdict on the article changed the matches' cache key
        from checks.factchecks import service

        service._CACHE.clear()
        service.checked_before(store, store.review(article.id))

    table: list[tuple[str, list[float]]] = []
    if history > 0:  # the same database without the indexes: the schema before 0009, 0011
        set_indexes(store.path, UNDO_INDEXES, present=False)
        before = max(3, repeat // 6)
        _, verdict_before = script_times(verdict, before)
        _, undo_before = script_times(undo, max(1, before // 3))
        undoable_before = timed(lambda: store.undoable(article.id), before)
        set_indexes(store.path, UNDO_INDEXES, present=True)
        set_indexes(store.path, LIST_INDEXES, present=False)
        articles_before = timed(store.articles, repeat)
        set_indexes(store.path, LIST_INDEXES, present=True)
        table += [
            ("verdict key: script run, before migration 0009", verdict_before),
            ("undo (U): script run, before migration 0009", undo_before),
            ("  store.undoable(), before migration 0009", undoable_before),
            ("  store.articles(), before migration 0011", articles_before),
        ]
    verdict_trip, verdict_script = script_times(verdict, repeat)
    _, move_script = script_times(move, repeat)
    _, undo_script = script_times(undo, max(1, repeat // 3))
    queue_trip, queue_script = script_times(queued(1), repeat)
    _, burst_script = script_times(queued(5), max(1, repeat // 3))
    table += [
        ("verdict key (queue): script run (apply_keys + page)", queue_script),
        ("verdict key (queue): AppTest round trip", queue_trip),
        ("5 keys in one batch (queue): script run", burst_script),
        ("verdict button: script run (set_label + page)", verdict_script),
        ("verdict button: AppTest round trip", verdict_trip),
        ("next claim (J): script run", move_script),
        ("undo (U): script run", undo_script),
        ("  store.undoable()", timed(lambda: store.undoable(article.id), repeat)),
        ("  store.review()", timed(lambda: store.review(article.id), repeat)),
        ("  store.review(), read in full (before migration 0014)", timed(full_read, repeat)),
        (
            "  review_frame() of one table page",
            timed(lambda: review_frame(review, rows=review.rows[:TABLE_PAGE]), repeat),
        ),
        (
            "  review_frame() of every claim (before paging)",
            timed(lambda: review_frame(review), repeat),
        ),
        ("  store.articles()", timed(store.articles, repeat)),
        *(
            [("  checked before matched afresh (each verdict key before)", timed(afresh, 5))]
            if factchecks
            else []
        ),
        (
            "  4 exports built (what each rerun did before)",
            timed(lambda: [export(store, article.id, fmt, publisher=desk) for fmt in Format], 10),
        ),
    ]
    assert not at.exception, at.exception
    print(heading + "\n")
    print("| step | median | p95 | max |")
    print("|---|---|---|---|")
    for name, times in table:
        print(
            f"| {name} | {statistics.median(times):.0f} | {percentile(times, 0.95):.0f} |"
            f" {max(times):.0f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
