"""The index's life: build it from the corpus, check it, switch to it, and load it again at start."""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from config.errors import IndexBuildError, SummitError
from corpus.loading import Corpus, Document, hash_corpus, load_corpus
from corpus.text import footnotes_in, strip_footnotes
from corpus.timeline import mentions_date
from retrieval.chunking import CHUNKER_VERSION, Chunker
from retrieval.lexical import LexicalIndex
from retrieval.store import ChromaStore
from retrieval.types import Chunk, Embedder, Vectors

log = logging.getLogger(__name__)

_PREFIX = "summit-"
_EMBED_BATCH = 16
#: A number as questions and sentences write it (years, counts), two digits or more.
NUMBER = re.compile(r"(?<!\d)\d{2,}(?!\d)")
_HEADING_MARGIN = 48  # tokens kept free for the section heading and the model's prompt


@dataclass(frozen=True)
class LoadedIndex:
    """One generation of the index, ready to answer from."""

    generation: str
    chunks: list[Chunk]
    sentences: list[Chunk]
    """One record per sentence of every chunk, chunk order kept."""
    sentence_vectors: Vectors
    sentence_owner: np.ndarray[Any, np.dtype[np.intp]]
    """For each sentence, the position of its chunk in ``chunks``."""
    chunk_position: dict[str, int]
    """Each chunk id's position in ``chunks``."""
    documents: dict[str, dict[str, Any]]
    """Per document id: ``title``, ``references`` ({n: text}) and ``facts``."""
    chunk_lexical: LexicalIndex
    sentence_lexical: LexicalIndex
    sentence_dated: Vectors
    sentence_numbers: list[frozenset[str]]
    """The numbers (two digits or more) each sentence holds, footnote markers aside."""
    """1.0 for each sentence that mentions a date (absolute or relative to the summit), else 0.0."""

    @property
    def chunk_collection(self) -> str:
        """The chroma collection holding this generation's chunks."""
        return f"{_PREFIX}{self.generation}-chunks"


@dataclass(frozen=True)
class BuildReport:
    """What a build did: shown after ``reindex``."""

    documents: int
    chunks: int
    sentences: int
    seconds: float
    errors: tuple[str, ...]
    previous_chunks: int | None


def passage_text(chunk: Chunk) -> str:
    """What the model reads for a chunk or a sentence: its section heading, then its text without markers."""
    return f"{chunk.section_title}\n{strip_footnotes(chunk.text)}"


def _sentence_records(chunks: list[Chunk]) -> list[Chunk]:
    return [
        Chunk(f"{c.id}/{j}", c.document, c.section, s, footnotes_in(s), (s,))
        for c in chunks
        for j, s in enumerate(c.sentences)
    ]


def _document_info(document: Document) -> dict[str, Any]:
    article = document.article
    facts = {key: fact._asdict() for key, fact in article.facts.items()}
    return {"title": article.title, "references": article.references, "facts": facts}


def _loaded(
    generation: str, chunks: list[Chunk], sentences: list[Chunk], vectors: Vectors, docs: dict[str, Any]
) -> LoadedIndex:
    position = {c.id: i for i, c in enumerate(chunks)}
    owner = np.array([position[s.id.rsplit("/", 1)[0]] for s in sentences], dtype=np.intp)
    return LoadedIndex(
        generation, chunks, sentences, vectors, owner, position, docs,
        LexicalIndex([f"{c.section_title} {c.text}" for c in chunks]),
        LexicalIndex([s.text for s in sentences]),
        np.array([mentions_date(s.text) for s in sentences], dtype=np.float32),
        [frozenset(NUMBER.findall(unicodedata.normalize("NFKC", strip_footnotes(s.text)))) for s in sentences],
    )  # fmt: skip


class IndexManager:
    """Keeps a manifest beside the store naming the current generation and what it was built from."""

    def __init__(self, store: ChromaStore, embedder: Embedder, *, corpus_dir: Path, state_dir: Path) -> None:
        """Set where things live.

        Args:
            store: the vector store holding every generation's collections.
            embedder: the model that embeds chunks and sentences.
            corpus_dir: the directory of ``*.txt`` articles.
            state_dir: where the manifest and the build lock are kept.

        """
        self._store = store
        self._embedder = embedder
        self._corpus_dir = corpus_dir
        self._state_dir = state_dir
        self._manifest_path = state_dir / "manifest.json"

    def _read_manifest(self) -> dict[str, Any] | None:
        try:
            manifest: dict[str, Any] = json.loads(self._manifest_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("index manifest %s is unreadable (%s); rebuilding", self._manifest_path, exc)
            return None
        return manifest

    def _is_current(self, manifest: dict[str, Any] | None) -> bool:
        if manifest is None:
            return False
        wanted: dict[str, object] = {"corpus_hash": hash_corpus(self._corpus_dir), "model": self._embedder.fingerprint}
        wanted["chunker_version"] = CHUNKER_VERSION
        stale = [k for k, v in wanted.items() if manifest.get(k) != v]
        if stale:
            log.info("index is stale (%s changed)", ", ".join(stale))
        present = set(self._store.collections())
        generation = manifest.get("generation", "")
        complete = {f"{_PREFIX}{generation}-chunks", f"{_PREFIX}{generation}-sentences"} <= present
        return not stale and complete

    def load_or_build(self, *, progress: bool = True) -> LoadedIndex:
        """Load the current index, building it first if it is missing or stale."""
        manifest = self._read_manifest()
        if manifest is not None and self._is_current(manifest):
            return self._load(manifest)
        log.info("building the index from %s", self._corpus_dir)
        index, _ = self.rebuild(progress=progress)
        return index

    def _load(self, manifest: dict[str, Any]) -> LoadedIndex:
        generation = manifest["generation"]
        chunks, _ = self._store.chunks(f"{_PREFIX}{generation}-chunks")
        sentences, vectors = self._store.chunks(f"{_PREFIX}{generation}-sentences")
        docs = {
            doc: {**info, "references": {int(n): text for n, text in info["references"].items()}}
            for doc, info in manifest["documents"].items()
        }
        self._drop_generations(keep={generation})
        return _loaded(generation, chunks, sentences, vectors, docs)

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        self._state_dir.mkdir(parents=True, exist_ok=True)
        with (self._state_dir / "build.lock").open("w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise IndexBuildError("another reindex is running; try again when it has finished") from exc
            yield

    def rebuild(self, *, progress: bool = True) -> tuple[LoadedIndex, BuildReport]:
        """Build a new generation from the corpus, check it, then make it current.

        The previous generation keeps answering until the manifest names the new one, and
        stays in the store until the next switch, so questions in flight finish on it.

        Raises:
            IndexBuildError: the new index failed its checks (the old one stays current).
            SummitError: the corpus or the model cannot be read.

        """
        started = time.perf_counter()
        with self._lock():
            previous = self._read_manifest()
            corpus = load_corpus(self._corpus_dir)
            for error in corpus.errors:
                log.error("skipped a corpus file: %s", error)
            chunks, sentences, vectors = self._embed(corpus, progress=progress)
            generation = time.strftime("g%Y%m%dT%H%M%S") + f"-{time.time_ns() % 10**6:06d}"
            self._write(generation, chunks, sentences, vectors)
            docs = {d.id: _document_info(d) for d in corpus.documents}
            manifest = {
                "generation": generation,
                "corpus_hash": hash_corpus(self._corpus_dir),
                "model": self._embedder.fingerprint,
                "chunker_version": CHUNKER_VERSION,
                "documents": docs,
                "counts": {"documents": len(corpus.documents), "chunks": len(chunks), "sentences": len(sentences)},
            }
            self._write_manifest(manifest)
            keep = {generation} | ({previous["generation"]} if previous else set())
            self._drop_generations(keep=keep)
        report = BuildReport(
            len(corpus.documents), len(chunks), len(sentences), time.perf_counter() - started,
            tuple(map(str, corpus.errors)), (previous or {}).get("counts", {}).get("chunks"),
        )  # fmt: skip
        return _loaded(generation, chunks, sentences, vectors[len(chunks) :], docs), report

    def _embed(self, corpus: Corpus, *, progress: bool) -> tuple[list[Chunk], list[Chunk], Vectors]:
        self._embedder.warm_up()
        limit = min(400, getattr(self._embedder, "max_tokens", 512) - _HEADING_MARGIN)
        chunker = Chunker(self._embedder.count_tokens, max_tokens=limit)
        chunks = [c for d in corpus.documents for c in chunker.chunk(d)]
        sentences = _sentence_records(chunks)
        texts = [passage_text(c) for c in [*chunks, *sentences]]
        parts = []
        with tqdm(total=len(texts), desc="embedding passages", unit="text", disable=not progress) as bar:
            for start in range(0, len(texts), _EMBED_BATCH):
                parts.append(self._embedder.embed_passages(texts[start : start + _EMBED_BATCH]))
                bar.update(len(parts[-1]))
        return chunks, sentences, np.concatenate(parts)

    def _write(self, generation: str, chunks: list[Chunk], sentences: list[Chunk], vectors: Vectors) -> None:
        names = (f"{_PREFIX}{generation}-chunks", f"{_PREFIX}{generation}-sentences")
        try:
            self._store.add(names[0], chunks, vectors[: len(chunks)])
            self._store.add(names[1], sentences, vectors[len(chunks) :])
            self._check(names[0], chunks, vectors[: len(chunks)])
            self._check(names[1], sentences, vectors[len(chunks) :])
        except Exception as exc:
            for name in names:
                self._store.drop(name)
            if isinstance(exc, SummitError):
                raise
            raise IndexBuildError(
                f"the new index could not be written ({exc}); the previous index stays in use"
            ) from exc

    def _check(self, name: str, records: list[Chunk], vectors: Vectors) -> None:
        count = self._store.count(name)
        if count != len(records):
            raise IndexBuildError(
                f"{name} holds {count} records, expected {len(records)}; the previous index stays in use"
            )
        for i in {0, len(records) - 1}:
            hits = self._store.query(name, vectors[i], top_k=1)
            if not hits or hits[0].id != records[i].id:
                raise IndexBuildError(
                    f"{name} does not find its own record {records[i].id}; the previous index stays in use"
                )

    def _write_manifest(self, manifest: dict[str, Any]) -> None:
        tmp = self._manifest_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self._manifest_path)

    def _drop_generations(self, *, keep: set[str]) -> None:
        keep_names = {f"{_PREFIX}{g}-{kind}" for g in keep for kind in ("chunks", "sentences")}
        for name in self._store.collections():
            if name.startswith(_PREFIX) and name not in keep_names:
                self._store.drop(name)
