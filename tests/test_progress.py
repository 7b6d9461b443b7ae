"""The command line's progress bar: drawn on a terminal, absent otherwise."""

from __future__ import annotations

import io

from checks.model import Stage
from checks.progress import TerminalProgress, terminal_progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_when_not_a_terminal() -> None:
    assert terminal_progress(io.StringIO()) is None


def test_bar_fills_stage_by_stage_and_ends_with_a_newline() -> None:
    stream = Terminal()
    bar = terminal_progress(stream)
    assert isinstance(bar, TerminalProgress)
    bar(Stage.SPLIT, 0.0, "Splitting")
    bar(Stage.SOURCES, 1.0, "Reading sources")
    bar(Stage.MATCHING, 1.0, "Matching")
    frames = stream.getvalue().split("\r")[1:]
    assert frames[0].startswith("[" + " " * 30 + "]   0% Splitting")
    assert frames[1].startswith("[" + "#" * 22 + " " * 8 + "]  75% Reading sources")
    assert frames[2].startswith("[" + "#" * 30 + "] 100% Matching")
    assert stream.getvalue().endswith("\n")
