"""What the index in use is: generation, documents, sizes, where it is stored, and how old."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from retrieval.answering import Answerer


def index_status(answerer: Answerer) -> dict[str, Any]:
    """The ``status --json`` shape (DESIGN.md): the generation this process answers from and its manifest."""
    index = answerer.index
    manager = answerer.manager
    manifest = manager.manifest()
    same = manifest is not None and manifest.generation == index.generation
    built_at = manifest.built_at if same and manifest else 0.0
    return {
        "generation": index.generation,
        "documents": [
            {"id": doc_id, "title": info.title, "references": len(info.references)}
            for doc_id, info in index.documents.items()
        ],
        "chunks": len(index.chunks),
        "sentences": len(index.sentences),
        "store": manager.store.describe(),
        "model": manifest.model if manifest else "",
        "dimension": int(index.sentence_vectors.shape[1]) if index.sentence_vectors.size else 0,
        "corpus_hash": manifest.corpus_hash if same and manifest else "",
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(built_at)) if built_at else None,
        "age_seconds": round(time.time() - built_at) if built_at else None,
    }


def _age(seconds: int | None) -> str:
    if seconds is None:
        return "unknown"
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds // size} {unit}"
    return f"{seconds} s"


def render_status(status: dict[str, Any]) -> str:
    """The status as lines for a terminal or a Discord embed."""
    store = status["store"]
    where = f"{store['mode']} at {store['path']}" if store["path"] else store["mode"]
    if store.get("host"):
        where = f"{store['mode']} at {store['host']}:{store['port']}{' (TLS)' if store.get('ssl') else ''}"
    titles = "; ".join(d["title"] for d in status["documents"])
    return "\n".join([
        f"generation: {status['generation']} (built {status['built_at'] or '?'}, {_age(status['age_seconds'])} ago)",
        f"documents: {len(status['documents'])} ({titles})",
        f"chunks: {status['chunks']}, sentences: {status['sentences']}",
        f"model: {status['model']} (dimension {status['dimension']})",
        f"store: {where}",
        f"corpus hash: {status['corpus_hash'][:16] or '?'}",
    ])  # fmt: skip
