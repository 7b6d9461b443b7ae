"""What the semantic tests share: the real model (installed by requirements-dev.txt), and a
way to run Python with the optional packages hidden, as on a machine without them."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from checks.semantic import REQUIRED_MODULES
from tests.conftest import ROOT

HIDE_PACKAGES = f"""
import importlib.abc, sys

class _Hidden(importlib.abc.MetaPathFinder):
    # As if requirements-semantic.txt were not installed: the import fails, find_spec too.
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {set(REQUIRED_MODULES)!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None

sys.meta_path.insert(0, _Hidden())
"""


def run_python(code: str, *, hide: bool = False) -> subprocess.CompletedProcess[str]:
    """``code`` in a fresh interpreter at the repository root (``hide``: without the extra)."""
    source = (HIDE_PACKAGES if hide else "") + textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", source],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
