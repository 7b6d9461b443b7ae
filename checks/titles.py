"""Names that tell articles apart: the title alone when no other article has it, else the
title with the day it was added and its number of claims, then the time, then its id. A
title may be cut first (a chart's axis has little room): the names stay apart, as the cut
titles are the ones compared.

>>> from checks.store.rows import ArticleSummary as S
>>> distinct_titles([S(1, "Talks", "2026-11-27T14:03:05Z", 33, 0, 0),
...                  S(2, "Talks", "2026-11-28T09:00:00Z", 12, 0, 0),
...                  S(3, "Budget", "2026-11-28T09:00:00Z", 1, 0, 0)])
{1: 'Talks (added 2026-11-27, 33 claims)', 2: 'Talks (added 2026-11-28, 12 claims)', 3: 'Budget'}
>>> cut_names = distinct_titles([S(1, "Talks in Cairo", "2026-11-27T14:03:05Z", 3, 0, 0),
...     S(2, "Talks in Doha", "2026-11-27T14:03:05Z", 3, 0, 0)], title_chars=6)
>>> cut_names[1], cut_names[2]
('Talks… (added 2026-11-27 14:03, 3 claims) #1', 'Talks… (added 2026-11-27 14:03, 3 claims) #2')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from checks.store.rows import ArticleSummary


def _key(title: str) -> str:
    return " ".join(title.split()).casefold()


def _claims(count: int) -> str:
    return f"{count} claim" if count == 1 else f"{count} claims"


def cut(title: str, chars: int | None) -> str:
    """The title on one line, at most ``chars`` characters (… marks a cut)."""
    line = " ".join(title.split())
    return line if chars is None or len(line) <= chars else line[: chars - 1].rstrip() + "…"


def _day(title: str, item: ArticleSummary) -> str:
    return f"{title} (added {item.created_at[:10]}, {_claims(item.claims)})"


def _minute(title: str, item: ArticleSummary) -> str:
    moment = item.created_at[:16].replace("T", " ")
    return f"{title} (added {moment}, {_claims(item.claims)})"


def _numbered(title: str, item: ArticleSummary) -> str:
    return f"{_minute(title, item)} #{item.id}"


_STEPS: tuple[Callable[[str, ArticleSummary], str], ...] = (_day, _minute, _numbered)


def distinct_titles(
    summaries: Sequence[ArticleSummary], *, title_chars: int | None = None
) -> dict[int, str]:
    """A name per article id, different for every article (titles compared ignoring case
    and spacing); every article of a group that shares a title gets the longer name.
    ``title_chars`` cuts each title first (the day, claims and id are never cut)."""
    titles = {item.id: cut(item.title, title_chars) for item in summaries}
    names = dict(titles)
    for step in _STEPS:
        groups: dict[str, list[ArticleSummary]] = {}
        for item in summaries:
            groups.setdefault(_key(names[item.id]), []).append(item)
        clashes = [item for group in groups.values() if len(group) > 1 for item in group]
        if not clashes:
            break
        for item in clashes:
            names[item.id] = step(titles[item.id], item)
    return names
