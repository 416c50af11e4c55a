"""Passage vectors kept on disk across runs, so a text already embedded by this model is not embedded again.

A reindex after adding one article embeds that article only; ``make eval`` builds its per-set corpora
from vectors it made before. The cache is a SQLite file (WAL mode), safe for several processes at once.
It is only a cache: a file that cannot be opened, read or written is logged once and then left alone,
and the vectors are made as if it did not exist.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

from retrieval.onnx_encoder import weights_stamp
from retrieval.types import Vectors

log = logging.getLogger(__name__)

_SCHEMA = "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, dimension INTEGER NOT NULL, vector BLOB NOT NULL)"
_LOOKUP_BATCH = 500  # SQLite's default limit on bound parameters is 999 before 3.32


def model_key(model: str) -> str:
    """Names a model's exact weights: its id, and for a folder the size and time of each of its files.

    A model folder rebuilt in place (``build-model``) gets a new key, so vectors of the old weights are not used.
    """
    path = Path(model)
    if not path.is_dir():
        return model
    return f"{path.resolve()}|{weights_stamp(path)}"


class VectorCache:
    """Vectors by (model, text) in one SQLite file; every failure degrades to a miss (the text is embedded)."""

    def __init__(self, path: Path, model: str) -> None:
        """Use the cache file at ``path`` (created on first write) for vectors of ``model`` (``model_key``)."""
        self._path = path
        self._prefix = hashlib.sha256(model.encode()).hexdigest()[:16]
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._broken = False

    @property
    def path(self) -> Path:
        """The cache file."""
        return self._path

    def _key(self, text: str) -> str:
        return self._prefix + hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is None and not self._broken:
            try:
                self._path.parent.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(self._path, timeout=30.0, check_same_thread=False)
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute(_SCHEMA)
                connection.commit()
                self._connection = connection
            except (sqlite3.Error, OSError) as exc:
                self._give_up(exc)
        return self._connection

    def _give_up(self, exc: Exception) -> None:
        log.warning("passage vector cache %s is not usable (%s); embedding without it", self._path, exc)
        self._broken = True
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def get(self, texts: Iterable[str], *, dimension: int) -> dict[str, Vectors]:
        """The cached vectors of ``texts`` that have one of ``dimension`` values (the rest are absent)."""
        wanted = {self._key(t): t for t in texts}
        found: dict[str, Vectors] = {}
        with self._lock:
            connection = self._connect()
            if connection is None or not wanted:
                return found
            keys = list(wanted)
            try:
                for start in range(0, len(keys), _LOOKUP_BATCH):
                    batch = keys[start : start + _LOOKUP_BATCH]
                    marks = ",".join("?" * len(batch))
                    query = f"SELECT key, dimension, vector FROM vectors WHERE key IN ({marks})"  # noqa: S608
                    for key, size, blob in connection.execute(query, batch):
                        vector = np.frombuffer(blob, dtype=np.float32)
                        if size == dimension and len(vector) == dimension:
                            found[wanted[key]] = vector
            except sqlite3.Error as exc:
                self._give_up(exc)
                return {}
        return found

    def put(self, vectors: Mapping[str, Vectors]) -> None:
        """Keep ``vectors`` (text → vector); a text already kept keeps its first vector."""
        rows = [
            (self._key(t), int(v.shape[0]), np.ascontiguousarray(v, dtype=np.float32).tobytes())
            for t, v in vectors.items()
        ]
        with self._lock:
            connection = self._connect()
            if connection is None or not rows:
                return
            try:
                with connection:
                    connection.executemany("INSERT OR IGNORE INTO vectors VALUES (?, ?, ?)", rows)
            except sqlite3.Error as exc:
                self._give_up(exc)

    def close(self) -> None:
        """Close the file (it is reopened on next use)."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
