"""Precision and recall of the conflict flags, now and at an earlier revision, in one run.

    python -m bench.conflicts [--before REV]

Two tables, both written in the tests (text the team quoted or wrote, no shared eval data):

- ``news``: tests/news_pairs.py, claim/evidence sentences quoted from real reports and the
  reference pages on the same events, each with the flags a careful reader would raise.
  Scored per flag, micro-averaged: ``exact`` counts a flag right when its whole text is the
  expected one (the figures and the kind of difference: "(lower bound, holds)");
  ``figures`` when it pairs the same claim figures with the same evidence figures (their
  canonical values, read from the flag's two sides), whatever the wording; ``pairs`` per
  pair: flagged or not.
- ``held-out``: tests/news_pairs.py's HELD_OUT, pairs gathered and labelled after the engine
  was frozen for the news table, scored the same way (a check that the table did not just
  teach the engine its own answers).
- ``fresh``: tests/news_pairs.py's FRESH, a second held-out set on six other events (a
  wildfire, a flood, an air crash, a bridge collapse, quarterly earnings, an election),
  labelled before the engine saw them.
- ``agreement``: tests/test_facts.py's AGREEMENT table (written sentences, each labelled
  match, conflict or none), scored per pair: a pair labelled conflict is a positive.

``--before REV`` (default ``main``) runs ``checks/facts.py`` as it is at that git revision
(``git show``) on the same tables, beside the working tree's. The flags of the old code are
worded as the model words them today. A missing revision or git is a message, not an error.
Then the time of one ``agreement`` between two texts of N figures each (counts of one thing,
all different: every pair is a candidate), N = 50, 400, 2,000 (``--sizes``), best of 3, both
revisions:
hostile or tabular text must not cost the square of its figures.

The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
import types
from collections.abc import Callable, Hashable, Sequence, Set
from dataclasses import dataclass
from pathlib import Path

from checks import facts
from checks.model import Agreement

ROOT = Path(__file__).resolve().parent.parent
Agree = Callable[[str, str], Agreement]
_QUALIFIED = re.compile(r"\s*\((?:lower bound|upper bound|approximate)[^)]*\)$")


@dataclass(frozen=True)
class Score:
    """Precision and recall of predicted against expected items."""

    true_positives: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0


def score(predicted: Sequence[Set[Hashable]], expected: Sequence[Set[Hashable]]) -> Score:
    """Micro-averaged over items: each row's predicted set against its expected set.

    >>> s = score([{"a", "b"}, set()], [{"a"}, {"c"}])
    >>> (s.true_positives, s.predicted, s.expected, s.precision, s.recall)
    (1, 2, 2, 0.5, 0.5)
    """
    hits = sum(len(p & e) for p, e in zip(predicted, expected, strict=True))
    return Score(hits, sum(map(len, predicted)), sum(map(len, expected)))


def figures(flag: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """A flag as (kind, claim values, evidence values): what it pairs, not how it says it.

    >>> figures("number: kills at least nine people (lower bound) ≠ 13 people died")
    ('number', ('9',), ('13',))
    """
    kind, _, rest = flag.partition(": ")
    claim, _, evidence = rest.partition(" ≠ ")
    return kind, _values(claim), _values(evidence)


def _values(side: str) -> tuple[str, ...]:
    return tuple(sorted({fact.value for fact in facts.extract_facts(_QUALIFIED.sub("", side))}))


def news_scores(agree: Agree, *, table: str = "news") -> dict[str, Score]:
    from tests.news_pairs import FRESH, HELD_OUT, PAIRS

    pairs = {"news": PAIRS, "held-out": HELD_OUT, "fresh": FRESH}[table]
    got = [set(agree(pair.claim, pair.evidence).describe_conflicts()) for pair in pairs]
    want = [set(pair.flags) for pair in pairs]
    return {
        "exact": score(got, want),
        "figures": score(
            [{figures(f) for f in g} for g in got], [{figures(f) for f in w} for w in want]
        ),
        "pairs": score(
            [{True} if g else set() for g in got], [{True} if w else set() for w in want]
        ),
    }


def agreement_scores(agree: Agree) -> dict[str, Score]:
    from tests.test_facts import AGREEMENT

    got = [{True} if agree(c, e).has_conflict else set() for c, e, _ in AGREEMENT]
    want = [{True} if label == "conflict" else set() for _, _, label in AGREEMENT]
    return {"pairs": score(got, want)}


def facts_at(revision: str) -> Agree | None:
    """``agreement`` of checks/facts.py at ``revision`` (with the checks/counted.py of that
    revision, when it has one), or None (with a message)."""
    try:
        source = _show(revision, "checks/facts.py")
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"no checks/facts.py at {revision!r}: {error}", file=sys.stderr)
        return None
    try:
        counted_source: str | None = _show(revision, "checks/counted.py")
    except (OSError, subprocess.CalledProcessError):
        counted_source = None
    name = re.sub(r"\W", "_", revision)
    saved = sys.modules.get("checks.counted")
    try:
        if counted_source is not None:
            sys.modules["checks.counted"] = _module(f"counted_at_{name}", counted_source)
        module = _module(f"facts_at_{name}", source)
    finally:
        if saved is not None:
            sys.modules["checks.counted"] = saved
    found: Agree = module.agreement
    return found


def _show(revision: str, path: str) -> str:
    return subprocess.run(
        ["git", "show", f"{revision}:{path}"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout


def _module(name: str, source: str) -> types.ModuleType:
    module = types.ModuleType(name)
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, name, "exec"), module.__dict__)
    return module


SIZES = (50, 400, 2_000)


def figures_text(n: int, *, step: int) -> str:
    """``n`` counts of one thing, all different: "1 votes 4 votes 7 votes ..."."""
    return " ".join(f"{1 + i * step} votes" for i in range(n))


def seconds(agree: Agree, n: int) -> float:
    claim, evidence = figures_text(n, step=2), figures_text(n, step=3)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        agree(claim, evidence)
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Precision and recall of conflict flags.")
    parser.add_argument("--before", default="main", help="git revision to compare with")
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="figures per text for the timing"
    )
    args = parser.parse_args(argv)
    sizes = tuple(int(n) for n in args.sizes.split(","))
    runs: dict[str, Agree] = {"now": facts.agreement}
    before = facts_at(args.before)
    if before is not None:
        runs = {f"at {args.before}": before, **runs}
    results = {
        name: {
            **{f"news {k}": v for k, v in news_scores(agree).items()},
            **{f"held-out {k}": v for k, v in news_scores(agree, table="held-out").items()},
            **{f"fresh {k}": v for k, v in news_scores(agree, table="fresh").items()},
            **{f"agreement {k}": v for k, v in agreement_scores(agree).items()},
        }
        for name, agree in runs.items()
    }
    rows = list(next(iter(results.values())))
    print(f"{'table / metric':<18}" + "".join(f"{name:>22}" for name in results))
    print(f"{'':<18}" + "".join(f"{'P':>8}{'R':>7}{'hits':>7}" for _ in results))
    for row in rows:
        cells = "".join(
            f"{s.precision:>8.3f}{s.recall:>7.3f}{f'{s.true_positives}/{s.expected}':>7}"
            for s in (results[name][row] for name in results)
        )
        print(f"{row:<18}{cells}")
    speed = {
        name: {str(n): round(seconds(agree, n), 4) for n in sizes} for name, agree in runs.items()
    }
    print(f"\n{'figures each':<18}" + "".join(f"{name + ' s':>22}" for name in runs))
    for n in sizes:
        print(f"{n:<18,}" + "".join(f"{speed[name][str(n)]:>22.3f}" for name in runs))
    print(
        json.dumps(
            {
                "speed": speed,
                **{
                    name: {
                        row: {
                            "precision": round(s.precision, 3),
                            "recall": round(s.recall, 3),
                            "hits": s.true_positives,
                            "flagged": s.predicted,
                            "expected": s.expected,
                        }
                        for row, s in table.items()
                    }
                    for name, table in results.items()
                },
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
