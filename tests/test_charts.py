"""ui/charts.py: the order and colours of the labels, and the frames and specs it draws."""

from __future__ import annotations

import doctest
from datetime import date

from checks import stats
from checks.config import DEFAULT_SCALE
from ui import charts

CUSTOM = ("unreviewed", "correct", "misleading", "wrong", "satire")


def test_the_default_scale_has_colours_of_its_meaning_unreviewed_last() -> None:
    order = charts.chart_labels(DEFAULT_SCALE)
    assert order == (
        "true", "mostly true", "half true", "mostly false", "false", "unproven",
        "not checkable", "unreviewed",
    )  # fmt: skip
    assert charts.colours(order) == (
        "#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027", "#8073ac", "#878787", "#e0e0e0",
    )  # fmt: skip


def test_a_custom_scale_takes_palette_colours_in_its_order() -> None:
    order = charts.chart_labels(CUSTOM)
    assert order == ("correct", "misleading", "wrong", "satire", "unreviewed")
    assert charts.colours(order) == ("#4c78a8", "#f58518", "#54a24b", "#b279a2", "#e0e0e0")
    many = tuple(f"label {n}" for n in range(12))
    assert charts.colours(many)[10:] == charts.PALETTE[:2]  # the palette repeats


def test_a_label_keeps_its_colour_in_a_chart_of_some_labels() -> None:
    spec = charts.time_spec(("wrong",), stats.Period.DAY, ["01 Dec"], every=CUSTOM)
    colour = spec["encoding"]["color"]
    assert colour["scale"] == {"domain": ["wrong"], "range": ["#54a24b"]}


def test_the_review_frame_has_every_label_with_its_count_in_chart_order() -> None:
    counts = {"unreviewed": 2, "correct": 1, "misleading": 0, "wrong": 3, "satire": 0}
    frame = charts.review_frame(counts)
    assert frame.to_dict("list") == {
        "article": ["this article"] * 5,
        "verdict": ["correct", "misleading", "wrong", "satire", "unreviewed"],
        "shown": ["correct: 1", "misleading: 0", "wrong: 3", "satire: 0", "unreviewed: 2"],
        "claims": [1, 0, 3, 0, 2],
        "position": [0, 1, 2, 3, 4],
    }
    colour = charts.review_spec(frame)["encoding"]["color"]
    assert colour["field"] == "shown"
    assert colour["scale"]["domain"] == list(frame["shown"])
    assert colour["scale"]["range"] == ["#4c78a8", "#f58518", "#54a24b", "#b279a2", "#e0e0e0"]


HOSTILE = "<b>x</b> **y** \u202eevil"


def test_the_desk_frame_shows_titles_as_text_with_controls_revealed() -> None:
    rows = (
        stats.ArticleVerdicts(2, HOSTILE, HOSTILE, (("unreviewed", 1), ("correct", 2))),
        stats.ArticleVerdicts(1, "Budget (added 2026-11-27, 3 claims)", "Budget", (
            ("unreviewed", 3), ("correct", 0),
        )),
    )  # fmt: skip
    frame = charts.desk_frame(rows)
    assert frame.to_dict("list") == {
        "article": ["<b>x</b> **y** [U+202E]evil"] * 2
        + ["Budget (added 2026-11-27, 3 claims)"] * 2,
        "title": ["<b>x</b> **y** [U+202E]evil"] * 2 + ["Budget"] * 2,
        "verdict": ["correct", "unreviewed", "correct", "unreviewed"],
        "claims": [2, 1, 0, 3],
        "position": [0, 1, 0, 1],
    }
    spec = charts.desk_spec(frame, ("correct", "unreviewed"))
    assert spec["encoding"]["y"]["sort"] == [
        "<b>x</b> **y** [U+202E]evil", "Budget (added 2026-11-27, 3 claims)",
    ]  # fmt: skip


def test_the_time_frame_names_every_period_and_keeps_the_counts() -> None:
    counts = (
        stats.PeriodCount(date(2026, 12, 30), "correct", 2),
        stats.PeriodCount(date(2026, 12, 30), "wrong", 1),
        stats.PeriodCount(date(2027, 1, 1), "wrong", 4),
    )
    labels = charts.time_labels(counts, CUSTOM)
    assert labels == ("correct", "wrong")
    starts = stats.period_starts(counts, stats.Period.DAY)
    names = dict(zip(starts, charts.period_names(starts), strict=True))
    assert list(names.values()) == ["30 Dec 2026", "31 Dec 2026", "01 Jan 2027"]
    frame = charts.time_frame(counts, labels, names)
    assert frame.to_dict("list") == {
        "period": ["30 Dec 2026", "30 Dec 2026", "01 Jan 2027"],
        "start": ["2026-12-30", "2026-12-30", "2027-01-01"],
        "verdict": ["correct", "wrong", "wrong"],
        "verdicts": [2, 1, 4],
        "position": [0, 1, 1],
    }
    spec = charts.time_spec(labels, stats.Period.WEEK, list(names.values()), every=CUSTOM)
    assert spec["encoding"]["x"]["scale"]["domain"] == list(names.values())  # the gap too
    assert spec["encoding"]["x"]["title"] == "week (from Monday)"


def test_no_chart_sets_a_numeric_height() -> None:
    """A numeric height made Streamlit's Vega-Lite draw no stacks (bars as thin lines, seen
    in Chromium); heights are steps per bar or Streamlit's own."""
    frame = charts.review_frame({"unreviewed": 1, "true": 1})
    specs = [
        charts.review_spec(frame),
        charts.desk_spec(charts.desk_frame(()), ()),
        charts.time_spec(("true",), stats.Period.DAY, ["01 Dec"], every=DEFAULT_SCALE),
    ]
    assert [spec.get("height") for spec in specs] == [{"step": 26}, {"step": 22}, None]


def test_doctests_of_the_charts_module() -> None:
    assert doctest.testmod(charts).failed == 0
