"""The one timestamp format of the project: ISO 8601 UTC to the second.

>>> len(utc_now()), utc_now().endswith("Z")
(20, True)
"""

from __future__ import annotations

from datetime import datetime, timezone


def utc_now() -> str:
    """The current time as ``2026-11-27T14:03:05Z``."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
