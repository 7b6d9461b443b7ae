"""Which sources an analysis uses: ``library``, ``wikipedia``, ``zim:PATH``, any combination.

The default is the library, plus Wikipedia (unless it is switched off in the settings or by
``$CHECKS_WIKIPEDIA=off``), plus an offline Wikipedia ZIM file when one is configured
(``$CHECKS_ZIM`` or the settings page); an unreachable source costs one notice, not the
analysis. A ZIM file named explicitly (``--source zim:PATH``) is checked at once, so a wrong
path is an error naming the file.

>>> parse_spec("zim:/data/wikipedia_en.zim")
SourceSpec(name='zim', path=PosixPath('/data/wikipedia_en.zim'))
>>> parse_spec("Wikipedia")
SourceSpec(name='wikipedia', path=None)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx

from checks.errors import InputError
from checks.sources import wikipedia
from checks.sources.base import Source
from checks.sources.library import LibrarySource
from checks.sources.zim import ZimSource, open_zim
from checks.store import Store

NAMES = ("library", "wikipedia", "zim")
ZIM_ENV = "CHECKS_ZIM"
SETTING_ZIM_PATH = "zim.path"


@dataclass(frozen=True)
class SourceSpec:
    name: str
    path: Path | None = None


def parse_spec(text: str) -> SourceSpec:
    """``library``, ``wikipedia`` or ``zim:PATH``; InputError otherwise."""
    name, _, rest = text.strip().partition(":")
    name = name.lower()
    if name == "zim":
        if not rest.strip():
            raise InputError("zim needs a file: --source zim:PATH")
        return SourceSpec("zim", Path(rest.strip()).expanduser())
    if name in ("library", "wikipedia") and not rest:
        return SourceSpec(name)
    raise InputError(f"unknown source {text!r}: use library, wikipedia or zim:PATH")


def configured_zim(store: Store) -> Path | None:
    """The ZIM file to use by default: ``$CHECKS_ZIM``, else the settings page's, else none."""
    text = os.environ.get(ZIM_ENV, "").strip() or store.setting(SETTING_ZIM_PATH).strip()
    return Path(text).expanduser() if text else None


def default_specs(store: Store) -> tuple[SourceSpec, ...]:
    """The library, plus Wikipedia unless it is switched off, plus a configured ZIM file."""
    specs = [SourceSpec("library")]
    if wikipedia.enabled(store.setting):
        specs.append(SourceSpec("wikipedia"))
    zim = configured_zim(store)
    if zim is not None:
        specs.append(SourceSpec("zim", zim))
    return tuple(specs)


def zim_source(path: Path, *, language: str, full_text: bool, budget: int) -> Source:
    """An offline Wikipedia in a Kiwix ZIM file (opened when first used)."""
    return ZimSource(path, language=language, full_text=full_text, budget=budget)


def wikipedia_source(
    store: Store,
    *,
    language: str | None = None,
    full_text: bool | None = None,
    refresh: bool = False,
    transport: httpx.BaseTransport | None = None,
) -> wikipedia.WikipediaSource:
    """A Wikipedia source set up from the saved settings."""
    options = wikipedia.options_from_settings(store.setting, language=language, full_text=full_text)
    if refresh:
        now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        options = replace(options, refreshed_at=now)
    if os.environ.get(wikipedia.ENV, "").strip().lower() == "off":
        transport = switched_off_transport()  # asked for by name: the cache only
    return wikipedia.WikipediaSource(store, options=options, transport=transport or TRANSPORT())


def _no_transport() -> httpx.BaseTransport | None:
    return None


def switched_off_transport() -> httpx.BaseTransport:
    """A transport that refuses every request at once, as an unplugged cable would."""

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Wikipedia is switched off ($CHECKS_WIKIPEDIA=off)")

    return httpx.MockTransport(refuse)


# Where Wikipedia's HTTP requests go: None means the network. Tests and the benchmark
# replace this factory (an ``httpx.MockTransport``); nothing else in the engine changes.
TRANSPORT: Callable[[], httpx.BaseTransport | None] = _no_transport


def build_sources(
    store: Store,
    specs: Sequence[SourceSpec] | None = None,
    *,
    language: str | None = None,
    full_text: bool | None = None,
    refresh: bool = False,
) -> list[Source]:
    """The sources for one analysis, in the order given (default: ``default_specs``)."""
    chosen = default_specs(store) if specs is None else specs
    lang = language or store.setting(wikipedia.SETTING_LANGUAGE, "en")
    sources: list[Any] = []
    for spec in dict.fromkeys(chosen):
        if spec.name == "library":
            sources.append(LibrarySource(store))
        elif spec.name == "wikipedia":
            sources.append(
                wikipedia_source(store, language=lang, full_text=full_text, refresh=refresh)
            )
        elif spec.path is not None:
            budget = wikipedia.options_from_settings(store.setting).budget
            sources.append(
                zim_source(spec.path, language=lang, full_text=bool(full_text), budget=budget)
            )
    return sources


def check_explicit(specs: Sequence[SourceSpec]) -> None:
    """Open every ZIM file named explicitly, so a wrong path fails before any work
    (SourceError naming the file)."""
    for spec in specs:
        if spec.name == "zim" and spec.path is not None:
            open_zim(spec.path)
