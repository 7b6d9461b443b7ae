"""Fetch the demo article's Wikipedia pages sequentially and with 4 requests in flight.

    python -m bench.wikipedia_fetch [--latency 0.1] [--repeat 3] [--budget 30]

The pages come from an in-process HTTP server on 127.0.0.1 (``bench.fake_mediawiki``) that
answers in the MediaWiki API's JSON after ``--latency`` seconds, so the numbers show what
concurrency buys when each request costs a round trip. The real ``wikipedia-api`` client and
``WikipediaSource`` do the work, each run with an empty cache (a fresh temporary database).
Prints requests, pages and seconds (median of ``--repeat`` runs) for each setting.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.fake_mediawiki import LoopbackServer, demo_wiki
from checks.queries import claims_of
from checks.sources.wikiclient import ClientOptions
from checks.sources.wikipedia import WikipediaOptions, WikipediaSource
from checks.store import Store

DEMO = Path(__file__).resolve().parent.parent / "data" / "ceasefire-proposal-2024.txt"


def run_once(api_url: str, *, in_flight: int, budget: int) -> tuple[int, int, float]:
    """(requests, pages, seconds) of one fetch with an empty cache."""
    text = DEMO.read_text(encoding="utf-8")
    claims = claims_of(text)
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "b.db") as store:
        options = WikipediaOptions(
            contact="bench",
            budget=budget,
            max_in_flight=in_flight,
            client=ClientOptions(api_url=api_url),
        )
        source = WikipediaSource(store, options=options)
        started = time.perf_counter()
        documents = source.documents(claims, text=text)
        elapsed = time.perf_counter() - started
        requests = source.requests
        source.close()
    return requests, len(documents), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per answer")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--budget", type=int, default=30)
    args = parser.parse_args()
    with LoopbackServer(demo_wiki(), latency=args.latency) as server:
        print(f"latency {args.latency * 1000:.0f} ms per request, budget {args.budget} pages")
        print(f"{'in flight':>9} {'requests':>8} {'pages':>5} {'seconds':>8} {'per request':>11}")
        for in_flight in (1, 4):
            runs = [
                run_once(server.api_url, in_flight=in_flight, budget=args.budget)
                for _ in range(args.repeat)
            ]
            requests, pages = runs[0][0], runs[0][1]
            seconds = statistics.median(run[2] for run in runs)
            print(
                f"{in_flight:>9} {requests:>8} {pages:>5} {seconds:>8.2f} "
                f"{seconds / requests * 1000:>9.0f} ms"
            )
        print(f"server saw {server.requests} requests in all")


if __name__ == "__main__":
    main()
