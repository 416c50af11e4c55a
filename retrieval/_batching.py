"""Micro-batching: questions that arrive while the model is busy are embedded together, in one call."""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np

from retrieval.types import Vectors


class _Request:
    """One caller's texts, and where its vectors (or its error) go."""

    __slots__ = ("error", "lead", "texts", "vectors", "wake")

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.vectors: Vectors | None = None
        self.error: BaseException | None = None
        self.lead = False
        """Set when this caller is to encode the queue itself."""
        self.wake = threading.Event()


class MicroBatcher:
    """Gathers concurrent ``encode`` calls into one.

    Whoever finds the model idle encodes its own texts at once (no waiting window, so a lone question is not
    delayed). Callers arriving meanwhile queue up; when the call ends, the first of them encodes the whole queue
    in one batch for all. Each caller gets back exactly its own rows.
    """

    def __init__(self, encode: Callable[[list[str]], Vectors]) -> None:
        """Batch calls to ``encode`` (texts in, one row per text out)."""
        self._encode = encode
        self._guard = threading.Lock()
        self._pending: list[_Request] = []
        self._busy = False
        self.batches = 0
        """Encode calls made (fewer than callers when batching happened)."""

    def embed(self, texts: list[str]) -> Vectors:
        """The vectors of ``texts``, encoded alone or together with other callers' texts.

        Raises:
            Exception: whatever ``encode`` raised for the batch this call was in.

        """
        request = _Request(texts)
        with self._guard:
            self._pending.append(request)
            if not self._busy:
                self._busy = request.lead = True
        if not request.lead:
            request.wake.wait()
        if request.lead:
            self._serve()
        if request.error is not None:
            raise request.error
        assert request.vectors is not None  # noqa: S101 - set with the wake-up
        return request.vectors

    def _serve(self) -> None:
        """Encode every queued request in one call, then hand the model to the next waiting caller."""
        with self._guard:
            batch, self._pending = self._pending, []
        try:
            vectors = self._encode([text for request in batch for text in request.texts])
        except BaseException as exc:  # every caller in the batch sees the failure, as if it had called alone
            for request in batch:
                request.error = exc
        else:
            start = 0
            for request in batch:
                request.vectors = np.asarray(vectors[start : start + len(request.texts)])
                start += len(request.texts)
        finally:
            self.batches += 1
            with self._guard:
                if self._pending:
                    self._pending[0].lead = True
                    self._pending[0].wake.set()
                else:
                    self._busy = False
            for request in batch:
                if not request.lead:
                    request.wake.set()
