"""A progress bar for the command line: drawn on a terminal, silent otherwise."""

from __future__ import annotations

from typing import TextIO

from checks.model import Stage

STAGES = (Stage.SPLIT, Stage.CLAIMS, Stage.SOURCES, Stage.MATCHING)
WIDTH = 30


class TerminalProgress:
    """A ``ProgressCallback`` drawing ``[#######       ]  50% Matching claims…`` in place."""

    def __init__(self, stream: TextIO, *, width: int = WIDTH) -> None:
        self._stream = stream
        self._width = width

    def __call__(self, stage: Stage, fraction: float, message: str) -> None:
        done = (STAGES.index(stage) + fraction) / len(STAGES)
        filled = round(done * self._width)
        bar = "#" * filled + " " * (self._width - filled)
        self._stream.write(f"\r[{bar}] {done:4.0%} {message[:50]:<50}")
        if done >= 1.0:
            self._stream.write("\n")
        self._stream.flush()

    def say(self, message: str) -> None:
        self._stream.write(f"{message}…\n")
        self._stream.flush()


def terminal_progress(stream: TextIO) -> TerminalProgress | None:
    """A progress bar on ``stream`` when it is a terminal, else None (quiet)."""
    isatty = getattr(stream, "isatty", None)
    return TerminalProgress(stream) if isatty is not None and isatty() else None
