"""A picture of the work, in the real app driven by AppTest: the review page's chart of the
article's claims per verdict, and the Articles page's charts of every article and of the
verdicts set per day; their data is read back from the chart elements."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from checks.store import Store
from tests.e2e.desk import HOSTILE_TITLE, seed_desk
from tests.test_app import button, open_demo, start

DEFAULT_ORDER = [
    "true", "mostly true", "half true", "mostly false", "false", "unproven", "not checkable",
    "unreviewed",
]  # fmt: skip


@pytest.fixture(autouse=True)
def fresh_resources() -> None:
    st.cache_resource.clear()


def charts(at: AppTest) -> dict[str, pd.DataFrame]:
    """Every Vega-Lite chart on the page by its first data column, with its data."""
    found = {}
    for element in at.get("vega_lite_chart"):
        frame = pa.ipc.open_stream(element.proto.data.data).read_all().to_pandas()
        found[str(frame.columns[0])] = frame
    return found


def test_the_review_page_charts_the_articles_verdicts_and_follows_each_key(
    db_path: Path,
) -> None:
    at = open_demo()
    frame = charts(at)["article"]
    assert frame["verdict"].tolist() == DEFAULT_ORDER
    assert frame["claims"].tolist() == [0, 0, 0, 0, 0, 0, 0, 32]
    button(at, "false").click().run()  # type: ignore[attr-defined]
    button(at, "true").click().run()  # type: ignore[attr-defined]
    button(at, "true").click().run()  # type: ignore[attr-defined]
    frame = charts(at)["article"]
    assert frame["claims"].tolist() == [2, 0, 0, 0, 1, 0, 0, 29]
    assert frame["shown"].tolist()[:1] == ["true: 2"]
    with Store.open(db_path) as store:
        saved = store.verdict_counts(1)
    assert dict(zip(frame["verdict"], frame["claims"], strict=True)) == saved


def test_a_custom_scale_orders_and_colours_the_chart(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHECKS_VERDICT_SCALE", "unreviewed, correct, misleading, wrong")
    at = open_demo()
    button(at, "wrong").click().run()  # type: ignore[attr-defined]
    frame = charts(at)["article"]
    assert frame["verdict"].tolist() == ["correct", "misleading", "wrong", "unreviewed"]
    assert frame["claims"].tolist() == [0, 0, 1, 31]
    spec = at.get("vega_lite_chart")[0].proto.spec
    assert '"range": ["#4c78a8", "#f58518", "#54a24b", "#e0e0e0"]' in spec


@pytest.fixture
def desk(db_path: Path) -> Path:
    seed_desk(db_path, first_day=date(2026, 11, 20))
    return db_path


def test_the_articles_page_charts_every_article_and_the_days(desk: Path) -> None:
    at = start()
    at.switch_page("pages/articles.py").run()
    assert not at.exception, at.exception
    found = charts(at)
    articles = found["article"]
    names = list(dict.fromkeys(articles["article"]))
    assert names == [
        '<img src=x onerror="window.pwned=1"…',  # cut to 36 characters, a unique title
        "Putin Proposes Ceasefire (demo) (added 2026-11-21, 32 claims)",
        "Putin Proposes Ceasefire (demo) (added 2026-11-20, 32 claims)",
    ]
    assert HOSTILE_TITLE.startswith(names[0][:-1])  # text as it is: no Markdown, no HTML
    assert set(articles["title"][articles["article"] == names[0]]) == {HOSTILE_TITLE}
    totals = articles.pivot(index="article", columns="verdict", values="claims")
    newest_demo = totals.loc[names[1]]
    assert newest_demo[["true", "false", "unreviewed"]].tolist() == [1, 1, 30]
    oldest_demo = totals.loc[names[2]]
    assert oldest_demo[DEFAULT_ORDER].tolist() == [4, 1, 1, 1, 1, 1, 1, 22]
    days = found["period"]
    assert days[["start", "verdict", "verdicts"]].values.tolist() == [
        ["2026-11-20", "true", 2],
        ["2026-11-20", "mostly true", 1],
        ["2026-11-21", "false", 1],
        ["2026-11-21", "unproven", 1],
        ["2026-11-23", "true", 1],
        ["2026-11-23", "half true", 1],
        ["2026-11-23", "mostly false", 1],
        ["2026-11-25", "true", 1],
        ["2026-11-25", "false", 1],
        ["2026-11-26", "true", 1],
        ["2026-11-27", "true", 1],
        ["2026-11-27", "not checkable", 1],
    ]  # the "false" set and undone on 27 November is not there
    time_spec = next(e.proto.spec for e in at.get("vega_lite_chart") if '"period"' in e.proto.spec)
    every_day = ", ".join(f'"{day} Nov"' for day in range(20, 28))  # 22 and 24: gaps
    assert f'"domain": [{every_day}]' in time_spec
    assert any(m.value == "**Verdicts set per day**" for m in at.markdown)


def test_no_charts_without_claims_and_a_word_before_any_verdict(db_path: Path) -> None:
    at = open_demo()
    at.switch_page("pages/articles.py").run()
    assert list(charts(at)) == ["article"]
    assert any("No verdicts yet" in c.value for c in at.caption)
