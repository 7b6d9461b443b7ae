"""Speed and quality benchmarks; print tables; never part of the test run."""

from pathlib import Path

EVAL_ROOT = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
"""The shared evaluation data (``../shared/eval`` beside the repository): read, never copied."""
