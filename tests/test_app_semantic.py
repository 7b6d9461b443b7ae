"""The real app (AppTest) with semantic matching: the Settings switch, the vectors button,
an analysis that uses the model, and one notice when the model file is damaged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from checks import index, semantic
from checks.model import SourceKind
from checks.passages import passages_for
from checks.semantic import model, vectors
from checks.store import Store
from tests.conftest import ROOT
from ui.semantic import BUILD_BUTTON

APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def fresh_resources() -> None:
    st.cache_resource.clear()
    index.forget()
    vectors.forget()


def start() -> AppTest:
    return AppTest.from_file(APP, default_timeout=180).run()


def button(at: AppTest, label: str) -> object:
    return next(b for b in at.button if b.label == label)


def test_settings_switch_and_vectors_button(db_path: Path) -> None:
    at = start()
    at.switch_page("pages/settings.py").run()
    assert "Semantic matching (optional)" in [h.value for h in at.subheader]
    assert not any("Not installed" in i.value for i in at.info)  # the extra is installed
    switch = next(t for t in at.toggle if t.label.startswith("Match by meaning"))
    assert switch.value is False
    switch.set_value(True)
    button(at, "Save semantic matching").click().run()  # type: ignore[attr-defined]
    assert any("applies to the next analysis" in s.value for s in at.success)
    with Store.open(db_path) as store:
        assert store.setting(semantic.SETTING_ENABLED) == "on"
    button(at, BUILD_BUTTON).click().run()  # type: ignore[attr-defined]
    assert not at.exception
    with Store.open(db_path) as store:
        count = len(passages_for(store.documents(source=SourceKind.LIBRARY)))
    assert [s.value for s in at.success][-1] == (
        f"The model works; {count:,} library passages have vectors."
    )


def analyse_demo_with_semantic_on(db_path: Path) -> AppTest:
    with Store.open(db_path) as store:
        store.set_setting(semantic.SETTING_ENABLED, "on")
    at = start()
    button(at, "Open the demo article").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    return at


def test_an_analysis_with_semantic_on_uses_the_model(db_path: Path) -> None:
    at = analyse_demo_with_semantic_on(db_path)
    assert at.title[0].value == "Putin Proposes Ceasefire (demo)"
    assert not any("emantic" in w.value for w in at.warning)
    folder = db_path.with_name(db_path.name + ".index")
    assert any(p.name.endswith(".vectors") for p in folder.iterdir())


def test_a_damaged_model_is_one_notice_and_the_review_still_opens(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = tmp_path / "model.onnx"
    shutil.copyfile(model.package_file(model.MODEL_PACKAGE, model.MODEL_FILE), damaged)
    with damaged.open("r+b") as handle:
        handle.truncate(5_000_000)
    installed = model.package_file
    monkeypatch.setattr(
        model,
        "package_file",
        lambda package, name: damaged if name == model.MODEL_FILE else installed(package, name),
    )
    monkeypatch.setattr(model, "_shared", [])
    at = analyse_demo_with_semantic_on(db_path)
    assert at.title[0].value == "Putin Proposes Ceasefire (demo)"
    notices = [w.value for w in at.warning if "emantic" in w.value]
    assert len(notices) == 1
    assert "is damaged or not the pinned file" in notices[0]
    assert notices[0].endswith("Matched lexically.")
    with Store.open(db_path) as store:
        assert any(row.evidence for row in store.review(1).rows)
