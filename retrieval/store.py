"""Chunk vectors in chromadb; chroma's column-wise results become ``Chunk`` and ``Hit`` values here."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import numpy as np

from config.errors import StoreUnavailableError
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


class ChromaStore:
    """A chromadb client; our own vectors are always passed, chroma embeds nothing."""

    def __init__(self, client: Any, *, where: str) -> None:
        """Wrap a chroma client; ``where`` names it in error messages."""
        self._client = client
        self._where = where

    @classmethod
    def persistent(cls, path: Path) -> ChromaStore:
        """A store on disk at ``path`` (one process at a time).

        Raises:
            StoreUnavailableError: the directory cannot be created or opened.

        """
        import chromadb

        try:
            path.mkdir(parents=True, exist_ok=True)
            client = chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
        except Exception as exc:  # chroma raises many types for a bad directory
            raise StoreUnavailableError(
                f"cannot open the Chroma store at {path} (setting SUMMIT_CHROMA_PATH): {exc}"
            ) from exc
        return cls(client, where=str(path))

    @classmethod
    def in_memory(cls) -> ChromaStore:
        """A store that lives as long as the process (tests, benchmarks)."""
        import chromadb

        return cls(chromadb.EphemeralClient(settings=_chroma_settings()), where="memory")

    def add(self, collection: str, chunks: list[Chunk], vectors: Vectors) -> None:
        """Create ``collection`` holding the chunks and their vectors (cosine space)."""
        if len(chunks) != len(vectors):
            raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        col = self._client.create_collection(
            collection, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
        )
        col.add(
            ids=[c.id for c in chunks],
            embeddings=np.asarray(vectors, dtype=np.float32),
            documents=[c.text for c in chunks],
            metadatas=[_metadata(c, i) for i, c in enumerate(chunks)],
        )

    def _collection(self, collection: str) -> Any:
        try:
            return self._client.get_collection(collection, embedding_function=None)
        except Exception as exc:  # NotFoundError and friends differ across chroma versions
            raise StoreUnavailableError(f"collection {collection} is missing from the store at {self._where}") from exc

    def query(self, collection: str, vector: Vectors, *, top_k: int) -> list[Hit]:
        """The ``top_k`` nearest chunks, nearest first, with cosine similarity."""
        col = self._collection(collection)
        result = col.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=top_k, include=["distances"]
        )
        ids, distances = result["ids"][0], result["distances"][0]
        return [Hit(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def chunks(self, collection: str) -> tuple[list[Chunk], Vectors]:
        """Every chunk with its vector, in the order they were added."""
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
        return int(self._collection(collection).count())

    def drop(self, collection: str) -> None:
        """Delete ``collection`` if it exists."""
        if collection in self.collections():
            self._client.delete_collection(collection)

    def collections(self) -> list[str]:
        """Names of the collections present."""
        return [c if isinstance(c, str) else c.name for c in self._client.list_collections()]
