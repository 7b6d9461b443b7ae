"""How many of the English "Golden Rules" for sentence boundaries ``sentence_spans`` passes.

    python -m bench.segmentation [--rules PATH]

The rules file lives outside the project (``../shared/eval/segmentation/golden_rules_en.jsonl``
relative to the repository); it is read, never copied. Absent file: a message, exit 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench import EVAL_ROOT
from checks.segment import sentence_spans

DEFAULT_RULES = EVAL_ROOT / "segmentation" / "golden_rules_en.jsonl"


def passes(text: str, expected: list[str]) -> bool:
    """Does ``sentence_spans`` give exactly the expected sentences?"""
    return [text[start:end] for start, end in sentence_spans(text)] == expected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rules", type=Path, default=DEFAULT_RULES)
    parser.add_argument("--verbose", action="store_true", help="print each failing rule")
    args = parser.parse_args(argv)
    if not args.rules.is_file():
        print(f"skipped: no rules file at {args.rules}")
        return 0
    rules = [json.loads(line) for line in args.rules.read_text("utf-8").splitlines() if line]
    failed = [rule for rule in rules if not passes(rule["text"], rule["sentences"])]
    for rule in failed if args.verbose else []:
        print(f"rule {rule['id']} fails: {rule['text']!r}")
    passed = len(rules) - len(failed)
    print(f"sentence_spans: {passed}/{len(rules)} golden rules ({passed / len(rules):.1%})")
    print("failing ids:", ", ".join(str(rule["id"]) for rule in failed) or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
