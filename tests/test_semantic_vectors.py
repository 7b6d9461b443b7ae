"""checks.semantic.vectors: chunks saved as they are built, resumed, checked, replaced."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from checks.semantic import model, vectors

TEXTS = [
    "Putin offered a ceasefire in June 2024.",
    "Kyiv is the capital of Ukraine.",
    "NATO was founded in 1949.",
    "Crimea was annexed in 2014.",
    "The summit took place in Switzerland.",
]


class Counting:
    """The real embedder, counting the texts it is asked to embed."""

    def __init__(self, inner: model.Embedder) -> None:
        self.inner = inner
        self.embedded: list[str] = []

    def embed(self, texts: Sequence[str], **options: Any) -> np.ndarray:
        self.embedded += texts
        return self.inner.embed(texts, **options)


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> Counting:
    monkeypatch.setattr(vectors, "CHUNK", 2)
    vectors.forget()
    return Counting(model.shared())


def chunk_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_built_once_in_chunks_then_read_back(tmp_path: Path, counting: Counting) -> None:
    folder = tmp_path / "key.vectors"
    seen: list[tuple[int, int]] = []
    first = vectors.load_or_build(
        folder, TEXTS, counting, on_progress=lambda d, t: seen.append((d, t))
    )
    assert first.complete
    assert first.matrix is not None
    assert first.matrix.shape == (5, model.DIM)
    assert chunk_files(folder) == ["00000.npy", "00001.npy", "00002.npy", "meta.json"]
    assert seen[-1] == (5, 5)
    assert counting.embedded == TEXTS
    vectors.forget()  # a new process: read from disk, nothing embedded
    second = vectors.load_or_build(folder, TEXTS, counting)
    assert counting.embedded == TEXTS
    assert second.matrix is not None
    np.testing.assert_array_equal(second.matrix, first.matrix)
    assert vectors.status(folder, TEXTS) == 5


def test_a_stopped_build_goes_on_where_it_stopped(tmp_path: Path, counting: Counting) -> None:
    folder = tmp_path / "key.vectors"

    def stop_after_first_chunk(done: int, total: int) -> None:
        if done > 2:  # inside the second chunk: it is lost, the first is saved
            raise KeyboardInterrupt  # Ctrl+C, or Streamlit stopping the script

    with pytest.raises(KeyboardInterrupt):
        vectors.load_or_build(folder, TEXTS, counting, on_progress=stop_after_first_chunk)
    assert chunk_files(folder) == ["00000.npy", "meta.json"]
    assert vectors.status(folder, TEXTS) == 2
    counting.embedded.clear()
    done = vectors.load_or_build(folder, TEXTS, counting)
    assert done.complete
    assert counting.embedded == TEXTS[2:]


def test_a_budget_returns_without_vectors_and_keeps_the_chunks(
    tmp_path: Path, counting: Counting
) -> None:
    folder = tmp_path / "key.vectors"
    none_yet = vectors.load_or_build(folder, TEXTS, counting, budget_s=0.0)
    assert (none_yet.complete, none_yet.done, none_yet.total) == (False, 0, 5)
    assert counting.embedded == []
    vectors.load_or_build(folder, TEXTS[:2], counting)
    assert vectors.load_or_build(folder, TEXTS, counting, budget_s=0.0).complete is False


def test_a_damaged_chunk_is_computed_again(tmp_path: Path, counting: Counting) -> None:
    folder = tmp_path / "key.vectors"
    first = vectors.load_or_build(folder, TEXTS, counting)
    (folder / "00001.npy").write_bytes(b"\x93NUMPY cut short")
    vectors.forget()
    counting.embedded.clear()
    again = vectors.load_or_build(folder, TEXTS, counting)
    assert counting.embedded == TEXTS[2:4]
    assert first.matrix is not None
    assert again.matrix is not None
    np.testing.assert_allclose(again.matrix, first.matrix, atol=1e-5)


def test_other_texts_replace_the_old_vectors(tmp_path: Path, counting: Counting) -> None:
    folder = tmp_path / "key.vectors"
    vectors.load_or_build(folder, TEXTS, counting)
    counting.embedded.clear()
    changed = [*TEXTS[:4], "A new sentence."]
    assert vectors.status(folder, changed) == 0
    vectors.load_or_build(folder, changed, counting)
    assert counting.embedded == changed  # every row depends on the text at its position
    assert vectors.status(folder, changed) == 5


def test_an_unwritable_folder_still_gives_vectors(tmp_path: Path, counting: Counting) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    built = vectors.load_or_build(blocker / "key.vectors", TEXTS[:3], counting)
    assert built.complete
    assert built.matrix is not None
    assert built.matrix.shape == (3, model.DIM)


def test_a_new_library_key_replaces_the_old_vectors_folder(
    tmp_path: Path, counting: Counting
) -> None:
    vectors.load_or_build(vectors.folder_for(tmp_path, "old"), TEXTS[:2], counting)
    (tmp_path / "old").mkdir()  # the lexical index's folder is not ours: left alone
    vectors.load_or_build(vectors.folder_for(tmp_path, "new"), TEXTS[:3], counting)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.vectors", "old"]
