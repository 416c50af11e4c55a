"""The sentence-transformers embedder, loaded lazily and strictly offline."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any, Literal

import numpy as np

from config.errors import ModelError
from retrieval._batching import MicroBatcher
from retrieval.onnx_encoder import OnnxEncoder
from retrieval.types import Vectors
from retrieval.vector_cache import VectorCache

log = logging.getLogger(__name__)


class SentenceEmbedder:
    """Embeds queries with ``encode_query`` and passages with ``encode_document``.

    Works with any sentence-transformers model folder or id the machine already holds;
    nothing is downloaded (``HF_HUB_OFFLINE`` is set before loading). Questions go through the folder's
    ONNX export when it has a valid one (``onnx_encoder``: the same vectors without importing torch);
    passages, token counts and every model without an export go through sentence-transformers.
    """

    def __init__(
        self,
        model: str,
        *,
        setting: str = "SUMMIT_MODEL__NAME",
        batch_size: int = 32,
        batch_queries: bool = True,
        remember_passages: bool = False,
        remember_queries: bool = False,
        cache: VectorCache | None = None,
    ) -> None:
        """Name the model; it is loaded by ``warm_up`` or on first use.

        Args:
            model: a sentence-transformers model folder or id.
            setting: the setting that chose ``model``, named in error messages.
            batch_size: passages embedded per batch.
            batch_queries: embed questions asked at the same time in one call (``False``: one call each, in turn).
            remember_passages: keep every passage vector this object made, so a text met again (the same
                article indexed in several corpora, as the evaluation suite does) is not embedded twice.
            remember_queries: keep every question vector this object made, so questions embedded ahead in
                one batch (``embed_queries`` with many, as the evaluation suite does) are not embedded again
                one by one. Unbounded: for a run over a known set of questions, not for a bot.
            cache: passage vectors kept on disk across runs and processes (``VectorCache``): a reindex
                embeds only the texts this model has not embedded before.

        Raises:
            ValueError: ``model`` is empty or ``batch_size`` is not positive.

        """
        if not model:
            raise ValueError("model must name a sentence-transformers folder or id")
        if batch_size <= 0:
            raise ValueError(f"batch_size must be positive, got {batch_size}")
        self._name = model
        self._setting = setting
        self._batch_size = batch_size
        self._model: Any = None
        self._onnx: OnnxEncoder | None = None
        self._onnx_checked = False
        # The model's fast tokenizer is one Rust object that refuses concurrent use ("Already
        # borrowed"): questions answered in threads and a reindex counting tokens take turns.
        self._lock = threading.RLock()
        self._batcher = MicroBatcher(lambda texts: self._encode(texts, query=True)) if batch_queries else None
        self._passages: dict[str, Vectors] | None = {} if remember_passages else None
        self._queries: dict[str, Vectors] | None = {} if remember_queries else None
        self._cache = cache

    @property
    def query_batching(self) -> Literal["batched", "lock"]:
        """How concurrent questions share the model: gathered into one call, or one call each behind the lock."""
        return "lock" if self._batcher is None else "batched"

    @property
    def fingerprint(self) -> str:
        """The model's folder or id."""
        return self._name

    def warm_up(self) -> None:
        """Load what embedding a question needs: the model's ONNX export, or the model when it has none.

        Raises:
            ModelError: the folder is missing or damaged, or the id is not available offline.

        """
        if self._query_engine() is None:
            self._load_model()

    def _query_engine(self) -> OnnxEncoder | None:
        """The folder's ONNX export, looked for once; None for a model id or a folder without a usable one."""
        if not self._onnx_checked:
            with self._lock:
                if not self._onnx_checked:
                    path = Path(self._name)
                    self._onnx = OnnxEncoder.open(path) if path.is_dir() else None
                    self._onnx_checked = True
        return self._onnx

    def _load_model(self) -> None:
        """Load the sentence-transformers model (once)."""
        if self._model is not None:
            return
        with self._lock:
            if self._model is None:
                self._load()

    def _load(self) -> None:
        path = Path(self._name)
        looks_like_path = path.is_absolute() or self._name.startswith(".") or path.exists()
        if looks_like_path and not (path / "modules.json").is_file() and not (path / "config.json").is_file():
            raise ModelError(
                f"no sentence-transformers model at {path} (setting {self._setting}); "
                "run `make install` to build the bundled model, or point the setting at a model folder"
            )
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        try:
            self._model = SentenceTransformer(self._name, device="cpu", local_files_only=True)
        except Exception as exc:  # any failure to load means an unusable model; say which and how to fix
            raise ModelError(
                f"cannot load the embedding model {self._name!r} (setting {self._setting}): "
                f"{type(exc).__name__}: {str(exc)[:200]}; rebuild the bundled one with `summit-bot build-model`"
            ) from exc
        log.info("loaded embedding model %s", self._name)

    def _encode(self, texts: list[str], *, query: bool) -> Vectors:
        engine = self._query_engine() if query else None
        if engine is not None:
            with self._lock:
                return engine.encode(texts, prompt=engine.info.prompts["query"])
        self._load_model()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        encode = self._model.encode_query if query else self._model.encode_document
        with self._lock:
            vectors = encode(texts, batch_size=self._batch_size, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)

    def embed_queries(self, texts: list[str]) -> Vectors:
        """Embed questions (with the model's query prompt, if it has one); concurrent calls may share one batch."""
        if self._queries is not None and texts:
            known = self._queries
            missing = list(dict.fromkeys(t for t in texts if t not in known))
            if missing:
                known.update(zip(missing, self._embed_new_queries(missing), strict=True))
            return np.stack([known[t] for t in texts])
        return self._embed_new_queries(texts)

    def _embed_new_queries(self, texts: list[str]) -> Vectors:
        if self._batcher is None or not texts:
            return self._encode(texts, query=True)
        return self._batcher.embed(texts)

    def embed_passages(self, texts: list[str]) -> Vectors:
        """Embed passages (with the model's document prompt, if it has one)."""
        if self._passages is None and self._cache is None:
            return self._encode(texts, query=False)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        known: dict[str, Vectors] = self._passages if self._passages is not None else {}
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing and self._cache is not None:
            known.update(self._cache.get(missing, dimension=self.dimension))
            missing = [t for t in missing if t not in known]
        if missing:
            made = dict(zip(missing, self._encode(missing, query=False), strict=True))
            known.update(made)
            if self._cache is not None:
                self._cache.put(made)
        return np.stack([known[t] for t in texts])

    @property
    def dimension(self) -> int:
        """The vectors' length."""
        engine = self._query_engine()
        if engine is not None:
            return engine.info.dimension
        self._load_model()
        return int(self._model.get_embedding_dimension())

    @property
    def max_tokens(self) -> int:
        """The most tokens the model reads; the rest of a text is dropped."""
        self._load_model()
        return int(self._model.max_seq_length)

    def count_tokens(self, text: str) -> int:
        """Tokens the model reads for ``text``, special tokens included."""
        self._load_model()
        with self._lock:
            return len(self._model.tokenizer(text, add_special_tokens=True)["input_ids"])
