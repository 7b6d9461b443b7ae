"""Configuration from the environment: where the database lives, the verdict scale.

>>> DEFAULT_SCALE[0], DEFAULT_SCALE[-1]
('unreviewed', 'not checkable')
>>> parse_scale("Unreviewed, correct , wrong")
('unreviewed', 'correct', 'wrong')
"""

from __future__ import annotations

import os
from pathlib import Path

from checks.errors import VerdictError

DB_ENV = "CHECKS_DB"
SCALE_ENV = "CHECKS_VERDICT_SCALE"
UNREVIEWED = "unreviewed"
DEFAULT_SCALE: tuple[str, ...] = (
    UNREVIEWED,
    "true",
    "mostly true",
    "half true",
    "mostly false",
    "false",
    "unproven",
    "not checkable",
)
NOT_CHECKABLE = "not checkable"


def default_db_path() -> Path:
    """``$CHECKS_DB`` if set, else ``$XDG_DATA_HOME/fact-check-workbench/workbench.sqlite3``
    (``~/.local/share/...`` when XDG_DATA_HOME is unset)."""
    explicit = os.environ.get(DB_ENV, "").strip()
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_DATA_HOME", "").strip() or str(Path.home() / ".local" / "share")
    return Path(base) / "fact-check-workbench" / "workbench.sqlite3"


def parse_scale(text: str) -> tuple[str, ...]:
    """A comma-separated scale; labels are lower-cased; ``unreviewed`` always comes first."""
    labels = [part.strip().lower() for part in text.split(",") if part.strip()]
    if len(set(labels)) != len(labels):
        raise VerdictError(f"verdict scale repeats a label: {text!r}")
    rest = [label for label in labels if label != UNREVIEWED]
    if not rest:
        raise VerdictError(f"verdict scale needs at least one label besides unreviewed: {text!r}")
    return (UNREVIEWED, *rest)


def verdict_scale() -> tuple[str, ...]:
    """``$CHECKS_VERDICT_SCALE`` if set, else the default eight-step scale."""
    configured = os.environ.get(SCALE_ENV, "").strip()
    return parse_scale(configured) if configured else DEFAULT_SCALE
