"""A picture of the work: claims per verdict of the open article (review page), of every
article, and the verdicts set per day or week (Articles page). The counts are
``checks.stats``; this module only draws them, with Streamlit's Vega-Lite charts.

Colours and order come from the verdict scale (``CHECKS_VERDICT_SCALE`` may be any list):
the labels of the default scale have colours that read as their meaning (true green to false
red, unproven purple, not checkable grey); any other label gets the next colour of a
categorical palette; unreviewed is always light grey and comes last, so a bar fills from
the left as the work is done.

Article titles are untrusted: they are chart data, drawn by Vega as plain text (axis labels
and tooltips; Streamlit's tooltips escape HTML), never Markdown or HTML; direction controls
are shown as ``[U+202E]``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timezone
from typing import Any

import pandas as pd
import streamlit as st

from checks import config, stats
from checks.model import Review
from checks.store import Store
from checks.titles import distinct_titles
from checks.untrusted import reveal_controls
from ui.markdown import md

MEANINGS: Mapping[str, str] = {
    "true": "#1a9850",
    "mostly true": "#91cf60",
    "half true": "#fee08b",
    "mostly false": "#fc8d59",
    "false": "#d73027",
    "unproven": "#8073ac",
    "not checkable": "#878787",
}
UNREVIEWED_COLOUR = "#e0e0e0"
PALETTE = (
    "#4c78a8", "#f58518", "#54a24b", "#b279a2", "#e45756",
    "#72b7b2", "#eeca3b", "#9d755d", "#ff9da6", "#bab0ac",
)  # fmt: skip
DESK_ARTICLES = 15  # the newest articles in the desk chart; the list below has them all
BAR_HEIGHT = 22  # pixels per article in the desk chart
NAME_CHARS = 36  # longer titles are cut on the axis (the tooltip has them whole)


def chart_labels(labels: Sequence[str]) -> tuple[str, ...]:
    """The order of a chart: the labels without unreviewed, then unreviewed.

    >>> chart_labels(("unreviewed", "true", "false"))
    ('true', 'false', 'unreviewed')
    """
    rest = tuple(label for label in labels if label != config.UNREVIEWED)
    return (*rest, config.UNREVIEWED) if config.UNREVIEWED in labels else rest


def colours(labels: Sequence[str]) -> tuple[str, ...]:
    """One colour per label, in order: a default-scale label's own, unreviewed light grey,
    any other label the next palette colour not used yet (the palette repeats after ten).

    >>> colours(("true", "wrong", "unreviewed", "odd"))
    ('#1a9850', '#4c78a8', '#e0e0e0', '#f58518')
    """
    picked: list[str] = []
    others = iter(PALETTE * (1 + len(labels) // len(PALETTE)))
    for label in labels:
        if label == config.UNREVIEWED:
            picked.append(UNREVIEWED_COLOUR)
        else:
            picked.append(MEANINGS.get(label) or next(others))
    return tuple(picked)


def _colour(
    labels: Sequence[str],
    *,
    every: Sequence[str] = (),
    shown: Sequence[str] = (),
    columns: int = 8,
) -> dict[str, Any]:
    """The colour channel for ``labels``, coloured as in the chart of ``every`` label (the
    scale's), so a label keeps its colour in a chart that shows only some of them. With
    ``shown`` (one name per label, e.g. "true: 4") the legend says those, from the field
    ``shown``. The legend is under the chart, ``columns`` entries a row."""
    order = chart_labels(every or labels)
    colour_of = dict(zip(order, colours(order), strict=True))
    domain = list(shown or labels)
    return {
        "field": "shown" if shown else "verdict",
        "type": "nominal",
        "title": None,
        "scale": {"domain": domain, "range": [colour_of[label] for label in labels]},
        "sort": domain,
        "legend": {
            "orient": "bottom",
            "direction": "horizontal",
            "columns": columns,
            "offset": 8,
        },
    }


def _order() -> dict[str, Any]:
    return {"field": "position", "type": "quantitative"}


def review_frame(counts: Mapping[str, int]) -> pd.DataFrame:
    """One row per label of the chart (zeros included): article (one bar), verdict, shown
    (the legend's "true: 4"), claims, position."""
    labels = chart_labels(tuple(counts))
    return pd.DataFrame(
        {
            "article": ["this article"] * len(labels),
            "verdict": list(labels),
            "shown": [f"{label}: {counts[label]}" for label in labels],
            "claims": [counts[label] for label in labels],
            "position": list(range(len(labels))),
        }
    )


def review_spec(frame: pd.DataFrame) -> dict[str, Any]:
    labels, shown = tuple(frame["verdict"]), tuple(frame["shown"])
    return {
        "mark": "bar",
        "height": {"step": 26},
        "encoding": {
            # One bar; without a y channel Vega-Lite (as Streamlit runs it) draws no stack.
            "y": {"field": "article", "type": "nominal", "axis": None},
            "x": {"field": "claims", "type": "quantitative", "stack": "zero", "axis": None},
            "color": _colour(labels, shown=shown),
            "order": _order(),
            "tooltip": [
                {"field": "verdict", "type": "nominal"},
                {"field": "claims", "type": "quantitative"},
            ],
        },
        "config": {"view": {"stroke": None}},
    }  # fmt: skip


def render_review_chart(review: Review) -> None:
    """The open article's claims per verdict, as one stacked bar under its progress."""
    counts = stats.review_counts(review)
    frame = review_frame(counts)
    st.vega_lite_chart(frame, review_spec(frame), key="verdict-chart")


def desk_frame(articles: Sequence[stats.ArticleVerdicts]) -> pd.DataFrame:
    """One row per article and label: article (its distinct name, on the axis), title (in
    full, in the tooltip), verdict, claims, position (the label's place in the chart
    order)."""
    labels = chart_labels(tuple(label for label, _ in articles[0].counts)) if articles else ()
    rows = [
        {
            "article": reveal_controls(item.name),
            "title": reveal_controls(" ".join(item.title.split())),
            "verdict": label,
            "claims": dict(item.counts)[label],
            "position": position,
        }
        for item in articles
        for position, label in enumerate(labels)
    ]
    return pd.DataFrame(rows, columns=["article", "title", "verdict", "claims", "position"])


def desk_spec(frame: pd.DataFrame, labels: Sequence[str]) -> dict[str, Any]:
    names = list(dict.fromkeys(frame["article"]))
    return {
        "mark": "bar",
        "height": {"step": BAR_HEIGHT},
        "encoding": {
            "y": {
                "field": "article", "type": "nominal", "sort": names, "title": None,
                "axis": {"labelLimit": 320},
            },
            "x": {
                "field": "claims", "type": "quantitative", "stack": "zero",
                "axis": {"title": "claims", "tickMinStep": 1},
            },
            "color": _colour(labels, columns=4),  # under the bars, right of the long names
            "order": _order(),
            "tooltip": [
                {"field": "title", "type": "nominal", "title": "article"},
                {"field": "verdict", "type": "nominal"},
                {"field": "claims", "type": "quantitative"},
            ],
        },
    }  # fmt: skip


def time_labels(counts: Sequence[stats.PeriodCount], scale: Sequence[str]) -> tuple[str, ...]:
    """The labels set in ``counts``, in the chart order of the scale."""
    found = {item.label for item in counts}
    every = chart_labels(stats.label_order(scale, (item.label for item in counts)))
    return tuple(label for label in every if label in found)


def period_names(starts: Sequence[date]) -> tuple[str, ...]:
    """How the axis names each period: "20 Nov", with the year when they span two.

    >>> period_names((date(2026, 11, 30), date(2026, 12, 1)))
    ('30 Nov', '01 Dec')
    """
    with_year = len({day.year for day in starts}) > 1
    return tuple(day.strftime("%d %b %Y" if with_year else "%d %b") for day in starts)


def time_frame(
    counts: Sequence[stats.PeriodCount], labels: Sequence[str], names: Mapping[date, str]
) -> pd.DataFrame:
    """One row per period and label set in it: period (its axis name), start (ISO day),
    verdict, verdicts, position (the label's place in ``labels``)."""
    order = {label: n for n, label in enumerate(labels)}
    return pd.DataFrame(
        [
            {
                "period": names[item.start],
                "start": item.start.isoformat(),
                "verdict": item.label,
                "verdicts": item.count,
                "position": order[item.label],
            }
            for item in counts
        ],
        columns=["period", "start", "verdict", "verdicts", "position"],
    )


def time_spec(
    labels: Sequence[str], period: stats.Period, names: Sequence[str], *, every: Sequence[str]
) -> dict[str, Any]:
    """Stacked bars per period; every period from the first to the last has its place on
    the axis (``names``), so a day without verdicts is a gap, not left out."""
    title = "day" if period is stats.Period.DAY else "week (from Monday)"
    return {
        "mark": "bar",
        "encoding": {
            "x": {
                "field": "period", "type": "ordinal", "title": title,
                "scale": {"domain": list(names)}, "sort": list(names),
                "axis": {"labelAngle": 0, "labelOverlap": "greedy"},
            },
            "y": {
                "field": "verdicts", "type": "quantitative", "stack": "zero",
                "axis": {"title": "verdicts set", "tickMinStep": 1},
            },
            "color": _colour(labels, every=every),
            "order": _order(),
            "tooltip": [
                {"field": "start", "type": "nominal", "title": title},
                {"field": "verdict", "type": "nominal"},
                {"field": "verdicts", "type": "quantitative"},
            ],
        },
    }  # fmt: skip


def render_desk_charts(store: Store) -> None:
    """The Articles page's picture, one chart under the other: claims per verdict of the
    newest articles, and the verdicts set per day (or week) by label."""
    scale = config.verdict_scale()
    summaries = store.articles()
    articles = stats.desk_counts(
        summaries, store.desk_verdict_counts(scale=scale),
        names=distinct_titles(summaries, title_chars=NAME_CHARS), scale=scale,
        limit=DESK_ARTICLES,
    )  # fmt: skip
    if not articles:
        return
    shown = len(articles)
    more = f", the {shown:d} newest" if shown < sum(1 for s in summaries if s.claims) else ""
    st.markdown(f"**Claims per verdict**{more}")
    frame = desk_frame(articles)
    labels = tuple(dict.fromkeys(frame["verdict"]))
    st.vega_lite_chart(frame, desk_spec(frame, labels), key="desk-chart")
    render_time_chart(store, scale)


def render_time_chart(store: Store, scale: Sequence[str]) -> None:
    # The desk's own days: the app runs on the reviewer's computer, in its time zone.
    zone = datetime.now().astimezone().tzinfo or timezone.utc
    history = store.desk_history()
    period = stats.choose_period(history, tz=zone)
    counts = stats.verdicts_over_time(history, scale=scale, period=period, tz=zone)
    st.markdown(f"**Verdicts set per {md(period.value)}**")
    if not counts:
        st.caption("No verdicts yet: they appear here day by day as you review.")
        return
    labels = time_labels(counts, scale)
    starts = stats.period_starts(counts, period)
    names = dict(zip(starts, period_names(starts), strict=True))
    spec = time_spec(labels, period, list(names.values()), every=stats.label_order(scale, labels))
    st.vega_lite_chart(time_frame(counts, labels, names), spec, key="time-chart")
    st.caption("A verdict counts on the day it was set; one undone does not count.")
