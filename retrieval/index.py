"""The index's life: build it from the corpus, check it, switch to it, and load it again at start."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import logging
import os
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, ValidationError
from tqdm import tqdm

from config.errors import IndexBuildError, SummitError
from corpus.loading import Corpus, Document, hash_corpus, load_corpus
from corpus.text import footnotes_in, strip_footnotes
from retrieval.chunking import CHUNKER_VERSION, Chunker
from retrieval.coverage import vocabulary_of
from retrieval.features import ANSWER_TYPES, AnswerType, answer_types_of, specifics_of
from retrieval.lexical import LexicalIndex, fold
from retrieval.store import ChromaStore
from retrieval.translation import LEXICON_FILES, lexicon_version, read_lexicon, restrict_lexicon, write_lexicon
from retrieval.types import Chunk, Embedder, Sentence, Vectors

log = logging.getLogger(__name__)

_PREFIX = "summit-"
_EMBED_BATCH = 16
_HEADING_MARGIN = 48  # tokens kept free for the section heading and the model's prompt


class DocumentInfo(BaseModel):
    """What the index keeps of each document besides its chunks."""

    model_config = ConfigDict(frozen=True)

    title: str
    references: dict[int, str]
    facts: dict[str, dict[str, Any]] = {}


class Counts(BaseModel):
    """Sizes of one generation."""

    documents: int
    chunks: int
    sentences: int


class Manifest(BaseModel):
    """``manifest.json``: the current generation and what it was built from."""

    generation: str
    corpus_hash: str
    model: str
    chunker_version: int
    lexicon_version: str = ""
    documents: dict[str, DocumentInfo]
    counts: Counts


@dataclass(frozen=True, kw_only=True)
class LoadedIndex:
    """One generation of the index, ready to answer from."""

    generation: str
    chunks: list[Chunk]
    sentences: list[Sentence]
    """Every sentence of every chunk, chunk order kept."""
    sentence_vectors: Vectors
    sentence_chunk: np.ndarray[Any, np.dtype[np.intp]]
    """For each sentence, the position of its chunk in ``chunks``."""
    chunk_position: dict[str, int]
    """Each chunk id's position in ``chunks``."""
    documents: dict[str, DocumentInfo]
    chunk_lexical: LexicalIndex
    sentence_lexical: LexicalIndex
    sentence_types: dict[AnswerType, Vectors]
    """Per answer type, 1.0 for each sentence that can give that kind of answer."""
    specific_sentences: dict[str, np.ndarray[Any, np.dtype[np.intp]]]
    """Each quantity or name a sentence holds (``features.specifics_of``), with the sentences holding it."""
    lexicon: dict[str, tuple[str, ...]]
    """English → Japanese terms, cut down to this corpus's words."""
    vocabulary: frozenset[str]
    """The corpus's content words (``coverage.vocabulary_of``)."""
    folded_text: str
    """Every chunk's text, folded, for spotting words the corpus never uses."""

    @functools.cached_property
    def english_forms(self) -> dict[str, str]:
        """Japanese form → English word: the lexicon read backwards, for showing names to English readers.

        Only a word's first (most used) form maps back; of several words sharing it, the one of
        fewest words, then the shortest, wins (ジュネーブ → geneva, not geneva convention).
        """
        found: dict[str, str] = {}
        for key in sorted(self.lexicon, key=lambda k: (len(k.split()), len(k), k)):
            forms = self.lexicon[key]
            if forms:
                found.setdefault(forms[0], key)
        return found

    @property
    def chunk_collection(self) -> str:
        """The chroma collection holding this generation's chunks."""
        return f"{_PREFIX}{self.generation}-chunks"

    def holding(self, specific: str) -> np.ndarray[Any, np.dtype[np.intp]]:
        """The sentences holding ``specific``: the same quantity, or a name containing it (ラブロフ)."""
        exact = self.specific_sentences.get(specific)
        if specific[:1].isdigit():
            return exact if exact is not None else np.empty(0, dtype=np.intp)
        found = [rows for name, rows in self.specific_sentences.items() if specific in name]
        return np.unique(np.concatenate(found)) if found else np.empty(0, dtype=np.intp)

    def members(self, chunk: int) -> np.ndarray[Any, np.dtype[np.intp]]:
        """Positions of the sentences of chunk ``chunk``."""
        return np.flatnonzero(self.sentence_chunk == chunk)


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
    """Each sentence as a record of its own, stored beside the chunks (id ``chunk-id/j``)."""
    return [
        Chunk(f"{c.id}/{j}", c.document, c.section, s, footnotes_in(s), (s,))
        for c in chunks
        for j, s in enumerate(c.sentences)
    ]


def _document_info(document: Document) -> DocumentInfo:
    article = document.article
    facts = {key: fact._asdict() for key, fact in article.facts.items()}
    return DocumentInfo(title=article.title, references=article.references, facts=facts)


def _corpus_text(corpus: Corpus) -> str:
    parts = []
    for document in corpus.documents:
        article = document.article
        parts.append(article.title)
        parts.extend(s.path[-1] for s in article.sections)
        parts.extend(p.text for s in article.sections for p in s.paragraphs)
    return "\n".join(parts)


def _inverted(specifics: list[frozenset[str]]) -> dict[str, np.ndarray[Any, np.dtype[np.intp]]]:
    rows: dict[str, list[int]] = defaultdict(list)
    for i, found in enumerate(specifics):
        for item in found:
            rows[item].append(i)
    return {item: np.array(found, dtype=np.intp) for item, found in rows.items()}


def _loaded(
    generation: str,
    chunks: list[Chunk],
    records: list[Chunk],
    vectors: Vectors,
    documents: dict[str, DocumentInfo],
    lexicon: dict[str, tuple[str, ...]],
    vocabulary: frozenset[str],
) -> LoadedIndex:
    position = {c.id: i for i, c in enumerate(chunks)}
    sentences = [Sentence(r.id, position[r.id.rsplit("/", 1)[0]], r.text, r.footnotes) for r in records]
    types = [answer_types_of(s.text) for s in sentences]
    return LoadedIndex(
        generation=generation,
        chunks=chunks,
        sentences=sentences,
        sentence_vectors=vectors,
        sentence_chunk=np.array([s.chunk for s in sentences], dtype=np.intp),
        chunk_position=position,
        documents=documents,
        chunk_lexical=LexicalIndex([f"{c.section_title} {c.text}" for c in chunks]),
        sentence_lexical=LexicalIndex([s.text for s in sentences]),
        sentence_types={kind: np.array([kind in t for t in types], dtype=np.float32) for kind in ANSWER_TYPES},
        specific_sentences=_inverted([specifics_of(s.text) for s in sentences]),
        lexicon=lexicon,
        vocabulary=vocabulary,
        folded_text=fold("\n".join(f"{c.section_title}\n{c.text}" for c in chunks)),
    )


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

    def _read_manifest(self) -> Manifest | None:
        try:
            return Manifest.model_validate_json(self._manifest_path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError, ValidationError) as exc:
            log.warning("index manifest %s is unreadable (%s); rebuilding", self._manifest_path, str(exc)[:200])
            return None

    def _lexicon_path(self, generation: str) -> Path:
        return self._state_dir / f"lexicon-{generation}.tsv"

    def _vocabulary_path(self, generation: str) -> Path:
        return self._state_dir / f"vocabulary-{generation}.txt"

    def _is_current(self, manifest: Manifest) -> bool:
        wanted: dict[str, object] = {
            "corpus_hash": hash_corpus(self._corpus_dir),
            "model": self._embedder.fingerprint,
            "chunker_version": CHUNKER_VERSION,
            "lexicon_version": lexicon_version(),
        }
        stale = [k for k, v in wanted.items() if getattr(manifest, k) != v]
        if stale:
            log.info("index is stale (%s changed)", ", ".join(stale))
        present = set(self._store.collections())
        names = {f"{_PREFIX}{manifest.generation}-chunks", f"{_PREFIX}{manifest.generation}-sentences"}
        files = (self._lexicon_path(manifest.generation), self._vocabulary_path(manifest.generation))
        return not stale and names <= present and all(path.is_file() for path in files)

    def load_or_build(self, *, progress: bool = True) -> LoadedIndex:
        """Load the current index, building it first if it is missing or stale."""
        manifest = self._read_manifest()
        if manifest is not None and self._is_current(manifest):
            return self._load(manifest)
        log.info("building the index from %s", self._corpus_dir)
        index, _ = self.rebuild(progress=progress)
        return index

    def _load(self, manifest: Manifest) -> LoadedIndex:
        generation = manifest.generation
        chunks, _ = self._store.chunks(f"{_PREFIX}{generation}-chunks")
        sentences, vectors = self._store.chunks(f"{_PREFIX}{generation}-sentences")
        lexicon = read_lexicon(self._lexicon_path(generation))
        vocabulary = frozenset(self._vocabulary_path(generation).read_text(encoding="utf-8").split())
        return _loaded(generation, chunks, sentences, vectors, manifest.documents, lexicon, vocabulary)

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
            text = _corpus_text(corpus)
            lexicon = restrict_lexicon(read_lexicon(*LEXICON_FILES), text)
            write_lexicon(lexicon, self._lexicon_path(generation))
            vocabulary = vocabulary_of(text)
            self._vocabulary_path(generation).write_text("\n".join(sorted(vocabulary)), encoding="utf-8")
            documents = {d.id: _document_info(d) for d in corpus.documents}
            counts = Counts(documents=len(corpus.documents), chunks=len(chunks), sentences=len(sentences))
            manifest = Manifest(
                generation=generation,
                corpus_hash=hash_corpus(self._corpus_dir),
                model=self._embedder.fingerprint,
                chunker_version=CHUNKER_VERSION,
                lexicon_version=lexicon_version(),
                documents=documents,
                counts=counts,
            )
            self._write_manifest(manifest)
            self._drop_generations(keep={generation} | ({previous.generation} if previous else set()))
        report = BuildReport(
            len(corpus.documents), len(chunks), len(sentences), time.perf_counter() - started,
            tuple(map(str, corpus.errors)), previous.counts.chunks if previous else None,
        )  # fmt: skip
        index = _loaded(generation, chunks, sentences, vectors[len(chunks) :], documents, lexicon, vocabulary)
        return index, report

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

    def _write_manifest(self, manifest: Manifest) -> None:
        tmp = self._manifest_path.with_suffix(".tmp")
        tmp.write_text(manifest.model_dump_json(indent=1), encoding="utf-8")
        os.replace(tmp, self._manifest_path)

    def _drop_generations(self, *, keep: set[str]) -> None:
        keep_names = {f"{_PREFIX}{g}-{kind}" for g in keep for kind in ("chunks", "sentences")}
        for name in self._store.collections():
            if name.startswith(_PREFIX) and name not in keep_names:
                self._store.drop(name)
        for path in [*self._state_dir.glob("lexicon-*.tsv"), *self._state_dir.glob("vocabulary-*.txt")]:
            if path.stem.partition("-")[2] not in keep:
                path.unlink(missing_ok=True)
