"""Chunk vectors in chromadb; chroma's column-wise results become ``Chunk`` and ``Hit`` values here."""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path
from typing import Any

import numpy as np

from config.errors import StoreUnavailableError
from retrieval._storefiles import AccessLock, move_aside, sqlite_damage, sweep_segments
from retrieval.types import Chunk, Hit, Vectors

log = logging.getLogger(__name__)


def _chroma_settings() -> Any:
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False, allow_reset=False)


def _metadata(chunk: Chunk, order: int) -> dict[str, Any]:
    return {
        "document": chunk.document,
        "section": json.dumps(chunk.section, ensure_ascii=False),
        "footnotes": ",".join(map(str, chunk.footnotes)),
        "sentences": json.dumps(chunk.sentences, ensure_ascii=False),
        "order": order,
    }


def _chunk(chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
    footnotes = tuple(int(n) for n in str(meta["footnotes"]).split(",") if n)
    section = tuple(json.loads(str(meta["section"])))
    return Chunk(chunk_id, str(meta["document"]), section, text, footnotes, tuple(json.loads(str(meta["sentences"]))))


def _open_persistent(path: Path) -> Any:
    import chromadb

    try:
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # chroma raises many types for a bad directory, a Rust panic among them
        raise StoreUnavailableError(
            f"cannot open the Chroma store at {path} (setting SUMMIT_CHROMA_PATH): {str(exc)[:300]}"
        ) from exc


def _forget_system(path: Path) -> None:
    """Stop and forget chroma's in-process system for ``path``.

    chroma keeps one system per directory for the whole process (``SharedSystemClient``), even one whose
    start failed, and hands it to every later client of that path (chroma issue #3792): after a damaged
    directory is moved aside, a new client would otherwise talk to the old files.
    """
    from chromadb.api.shared_system_client import SharedSystemClient

    with SharedSystemClient._refcount_lock:
        system = SharedSystemClient._identifier_to_system.pop(str(path), None)
        SharedSystemClient._identifier_to_refcount.pop(str(path), None)
    if system is not None:
        with contextlib.suppress(Exception):
            system.stop()


class ChromaStore:
    """A chromadb client; our own vectors are always passed, chroma embeds nothing.

    A store on disk may be shared with other processes: every call holds an ``AccessLock`` (shared for
    reads, exclusive for writes), and ``reopen`` drops the client's caches after another process changed
    the directory.
    """

    def __init__(self, client: Any, *, where: str, path: Path | None = None) -> None:
        """Wrap a chroma client; ``where`` names it in error messages, ``path`` is its directory if on disk."""
        self._client = client
        self._where = where
        self._path = path
        self._lock = AccessLock(path.with_name(f".{path.name}.lock") if path else None)

    @property
    def path(self) -> Path | None:
        """The store's directory, or ``None`` for a store in memory."""
        return self._path

    def describe(self) -> dict[str, Any]:
        """Where the index lives, for ``status``: ``{"mode": "embedded" | "memory", "path": str | None}``."""
        return {"mode": "embedded" if self._path else "memory", "path": str(self._path) if self._path else None}

    @classmethod
    def persistent(cls, path: Path) -> ChromaStore:
        """A store on disk at ``path``; a damaged SQLite file is moved aside and a fresh store started.

        Raises:
            StoreUnavailableError: the directory cannot be created or opened.

        """
        store = cls(None, where=str(path), path=path)
        try:
            with store._lock.hold(exclusive=True):
                store._client = store._open_healing()
        except OSError as exc:  # the lock file's directory: a file stands in its way, or no permission
            reason = f"the index directory {path} cannot be created or opened ({exc.strerror})"
            raise StoreUnavailableError(reason) from exc
        return store

    def _open_healing(self) -> Any:
        assert self._path is not None  # noqa: S101 - only persistent stores get here
        damage = sqlite_damage(self._path)
        if damage is None:
            try:
                return _open_persistent(self._path)
            except StoreUnavailableError as exc:
                damage = sqlite_damage(self._path)
                if damage is None:
                    raise
                log.debug("opening %s failed: %s", self._path, exc)
        self._quarantine(f"its SQLite file is damaged ({damage})")
        return _open_persistent(self._path)

    def _quarantine(self, reason: str) -> None:
        assert self._path is not None  # noqa: S101
        _forget_system(self._path)
        aside = move_aside(self._path)
        log.warning(
            "the index at %s is damaged: %s; moved it to %s and rebuilding from the corpus", self._path, reason, aside
        )

    def quarantine(self, reason: str) -> None:
        """Move a damaged store aside and start an empty one in its place (then rebuild from the corpus).

        Raises:
            StoreUnavailableError: the store is in memory, or the new one cannot be opened.

        """
        if self._path is None:
            raise StoreUnavailableError(f"the index in memory is damaged ({reason}); restart the process")
        with self._lock.hold(exclusive=True):
            self._close()
            self._quarantine(reason)
            self._client = _open_persistent(self._path)

    def reopen(self) -> None:
        """Drop the client and open the directory again, so nothing cached before another process wrote is used."""
        if self._path is None:
            return
        with self._lock.hold(exclusive=False):
            self._close()
            self._client = _open_persistent(self._path)

    def _close(self) -> None:
        close = getattr(self._client, "close", None)
        if close is not None:
            close()

    @classmethod
    def in_memory(cls) -> ChromaStore:
        """A store that lives as long as the process (tests, benchmarks)."""
        import chromadb

        return cls(chromadb.EphemeralClient(settings=_chroma_settings()), where="memory")

    def add(self, collection: str, chunks: list[Chunk], vectors: Vectors) -> None:
        """Create ``collection`` holding the chunks and their vectors (cosine space)."""
        if len(chunks) != len(vectors):
            raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        with self._lock.hold(exclusive=True):
            col = self._client.create_collection(
                collection, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
            )
            # Chroma takes at most ``get_max_batch_size()`` records a call (5,461 with SQLite): a corpus of many
            # articles has more sentences than that.
            step = max(1, int(self._client.get_max_batch_size()))
            for start in range(0, len(chunks), step):
                part = chunks[start : start + step]
                col.add(
                    ids=[c.id for c in part],
                    embeddings=np.asarray(vectors[start : start + step], dtype=np.float32),
                    documents=[c.text for c in part],
                    metadatas=[_metadata(c, start + i) for i, c in enumerate(part)],
                )

    def _collection(self, collection: str) -> Any:
        try:
            return self._client.get_collection(collection, embedding_function=None)
        except Exception as exc:  # NotFoundError and friends differ across chroma versions
            raise StoreUnavailableError(f"collection {collection} is missing from the store at {self._where}") from exc

    def query(self, collection: str, vector: Vectors, *, top_k: int) -> list[Hit]:
        """The ``top_k`` nearest chunks, nearest first, with cosine similarity."""
        with self._lock.hold(exclusive=False):
            result = self._collection(collection).query(
                query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=top_k, include=["distances"]
            )
        ids, distances = result["ids"][0], result["distances"][0]
        return [Hit(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def chunks(self, collection: str) -> tuple[list[Chunk], Vectors]:
        """Every chunk with its vector, in the order they were added."""
        with self._lock.hold(exclusive=False):
            got = self._collection(collection).get(include=["embeddings", "documents", "metadatas"])
        rows = sorted(
            zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"], strict=True),
            key=lambda row: int(row[2]["order"]),
        )
        chunks = [_chunk(i, text, meta) for i, text, meta, _ in rows]
        vectors = np.asarray([row[3] for row in rows], dtype=np.float32).reshape(len(rows), -1)
        return chunks, vectors

    def count(self, collection: str) -> int:
        """How many records ``collection`` holds."""
        with self._lock.hold(exclusive=False):
            return int(self._collection(collection).count())

    def drop(self, collection: str) -> None:
        """Delete ``collection`` if it exists, and the segment folders chroma leaves behind."""
        with self._lock.hold(exclusive=True):
            if collection in self.collections():
                self._client.delete_collection(collection)
            if self._path is not None:
                removed = sweep_segments(self._path)
                if removed:
                    log.debug("removed %d leftover segment folder(s) from %s", len(removed), self._path)

    def collections(self) -> list[str]:
        """Names of the collections present."""
        with self._lock.hold(exclusive=False):
            return [c if isinstance(c, str) else c.name for c in self._client.list_collections()]
