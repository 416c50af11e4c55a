"""Writing one generation: embed the corpus, store its collections, check them before anything points at them."""

from __future__ import annotations

import contextlib

import numpy as np
from tqdm import tqdm

from config.errors import IndexBuildError, SummitError
from corpus.loading import Corpus
from corpus.text import footnotes_in, strip_footnotes
from retrieval.chunking import Chunker
from retrieval.store import ChromaStore
from retrieval.types import Chunk, Embedder, Vectors

PREFIX = "summit-"
KINDS = ("chunks", "sentences")
_EMBED_BATCH = 16
_SELF_SIMILARITY = 0.999
_HEADING_MARGIN = 48  # tokens kept free for the section heading and the model's prompt


def collection_names(generation: str) -> tuple[str, str]:
    """The chroma collections of ``generation``: its chunks, then its sentences."""
    return (f"{PREFIX}{generation}-chunks", f"{PREFIX}{generation}-sentences")


def passage_text(chunk: Chunk) -> str:
    """What the model reads for a chunk or a sentence: its section heading, then its text without markers."""
    return f"{chunk.section_title}\n{strip_footnotes(chunk.text)}"


def sentence_records(chunks: list[Chunk]) -> list[Chunk]:
    """Each sentence as a record of its own, stored beside the chunks (id ``chunk-id/j``)."""
    return [
        Chunk(f"{c.id}/{j}", c.document, c.section, s, footnotes_in(s), (s,))
        for c in chunks
        for j, s in enumerate(c.sentences)
    ]


def embed_corpus(embedder: Embedder, corpus: Corpus, *, progress: bool) -> tuple[list[Chunk], list[Chunk], Vectors]:
    """Chunk every document and embed its chunks and sentences, with a progress bar on stderr.

    A text that occurs more than once (the same paragraph under the same heading) is embedded once.
    """
    embedder.warm_up()
    limit = min(400, getattr(embedder, "max_tokens", 512) - _HEADING_MARGIN)
    chunker = Chunker(embedder.count_tokens, max_tokens=limit)
    chunks = [c for d in corpus.documents for c in chunker.chunk(d)]
    sentences = sentence_records(chunks)
    texts = [passage_text(c) for c in [*chunks, *sentences]]
    unique = list(dict.fromkeys(texts))
    parts = []
    with tqdm(total=len(unique), desc="embedding passages", unit="text", disable=not progress) as bar:
        for start in range(0, len(unique), _EMBED_BATCH):
            parts.append(embedder.embed_passages(unique[start : start + _EMBED_BATCH]))
            bar.update(len(parts[-1]))
    row = {text: i for i, text in enumerate(unique)}
    vectors = np.concatenate(parts) if parts else np.zeros((0, 0), dtype=np.float32)
    return chunks, sentences, vectors[[row[t] for t in texts]]


def write_generation(
    store: ChromaStore, generation: str, chunks: list[Chunk], sentences: list[Chunk], vectors: Vectors
) -> None:
    """Store and check both collections of ``generation``; on any failure drop what was written.

    Raises:
        IndexBuildError: the collections could not be written or failed their checks.

    """
    names = collection_names(generation)
    parts = ((names[0], chunks, vectors[: len(chunks)]), (names[1], sentences, vectors[len(chunks) :]))
    try:
        for name, records, part in parts:
            store.add(name, records, part)
            # The sentences are read whole when the index loads, never searched: their count is their check. A
            # search of thousands of equal vectors (one sentence repeated in a file) misses a record its graph
            # cannot reach, and failed builds that answer nothing by search.
            check_collection(store, name, records, part, searched=name == names[0])
    except Exception as exc:
        for name in names:
            # A store that just went away cannot drop either: the next rebuild retires what is left.
            with contextlib.suppress(SummitError):
                store.drop(name)
        if isinstance(exc, SummitError):
            raise
        raise IndexBuildError(f"the new index could not be written ({exc}); the previous index stays in use") from exc


def check_collection(
    store: ChromaStore, name: str, records: list[Chunk], vectors: Vectors, *, searched: bool = True
) -> None:
    """``name`` holds ``records`` and, if it is ``searched``, finds its first and last one by their own vectors.

    Raises:
        IndexBuildError: it does not.

    """
    count = store.count(name)
    if count != len(records):
        raise IndexBuildError(f"{name} holds {count} records, expected {len(records)}; the previous index stays in use")
    for i in {0, len(records) - 1} if searched and records else set():
        if not finds_itself(store, name, vectors[i]):
            raise IndexBuildError(
                f"{name} does not find its own record {records[i].id}; the previous index stays in use"
            )


def finds_itself(store: ChromaStore, name: str, vector: Vectors) -> bool:
    """Whether ``name``'s nearest record to a stored ``vector`` is that vector.

    By similarity, not id: a text repeated in two articles is stored twice with one vector.
    """
    hits = store.query(name, vector, top_k=1)
    return bool(hits) and hits[0].similarity >= _SELF_SIMILARITY
