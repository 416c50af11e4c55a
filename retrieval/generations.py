"""The index's generations: build one from the corpus, switch every process to it, retire the one it replaced."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from config.errors import CorpusEmptyError, IndexBuildError, StoreUnavailableError, SummitError
from corpus.loading import Corpus, hash_corpus, load_corpus
from retrieval._build import collection_names, embed_corpus, finds_itself, write_generation
from retrieval.chunking import CHUNKER_VERSION
from retrieval.coverage import vocabulary_of
from retrieval.index import BuildReport, LoadedIndex, corpus_text, document_info, loaded
from retrieval.manifest import Counts, Manifest, Stamp, read_manifest, stamp_of, write_manifest
from retrieval.store import ChromaStore
from retrieval.translation import LEXICON_FILES, lexicon_version, read_lexicon, restrict_lexicon, write_lexicon
from retrieval.types import Embedder

log = logging.getLogger(__name__)


#: Sudachi refuses input over 49,149 bytes: the corpus's text is analysed in pieces below that.
_ANALYSER_BYTES = 40_000


def _vocabulary(text: str) -> frozenset[str]:
    """``vocabulary_of`` the whole corpus, analysed a few lines at a time (a line longer than the limit is cut)."""
    forms: set[str] = set()
    piece: list[str] = []
    size = 0
    for line in text.splitlines():
        line = line.encode("utf-8")[:_ANALYSER_BYTES].decode("utf-8", errors="ignore")
        if piece and size + len(line.encode("utf-8")) + 1 > _ANALYSER_BYTES:
            forms |= vocabulary_of("\n".join(piece))
            piece, size = [], 0
        piece.append(line)
        size += len(line.encode("utf-8")) + 1
    return frozenset(forms | vocabulary_of("\n".join(piece)))


class IndexManager:
    """Keeps a manifest beside the store naming the current generation, and moves every process to new ones.

    Generations are immutable: written once, checked, then named by the manifest. A process that
    answers notices a new manifest (``has_new_generation``, one ``stat``) and ``switch``es between
    questions. Only a rebuild deletes collections: the generation it replaced, after ``grace_seconds``
    so questions in flight elsewhere finish, and the leftovers of rebuilds that were killed.
    """

    def __init__(
        self,
        store: ChromaStore,
        embedder: Embedder,
        *,
        corpus_dir: Path,
        state_dir: Path,
        grace_seconds: float = 0.0,
    ) -> None:
        """Set where things live.

        Args:
            store: the vector store holding every generation's collections.
            embedder: the model that embeds chunks and sentences.
            corpus_dir: the directory of ``*.txt`` articles.
            state_dir: where the manifest, the per-generation files and the build lock are kept.
            grace_seconds: how long a replaced generation stays after the switch.

        """
        if grace_seconds < 0:
            raise ValueError(f"grace_seconds must not be negative, got {grace_seconds}")
        self._store = store
        self._embedder = embedder
        self._corpus_dir = corpus_dir
        self._state_dir = state_dir
        self._grace = grace_seconds
        self._manifest_path = state_dir / "manifest.json"
        self._seen: Stamp | None = None

    @property
    def store(self) -> ChromaStore:
        """The vector store the generations live in."""
        return self._store

    def manifest(self) -> Manifest | None:
        """The manifest on disk now (``None`` if there is none or it is unreadable)."""
        return read_manifest(self._manifest_path)

    def _read_manifest(self) -> Manifest | None:
        self._seen = stamp_of(self._manifest_path)
        return read_manifest(self._manifest_path)

    def has_new_generation(self) -> bool:
        """Whether the manifest changed since this process last read or wrote it (one ``stat``)."""
        return stamp_of(self._manifest_path) != self._seen

    def _lexicon_path(self, generation: str) -> Path:
        return self._state_dir / f"lexicon-{generation}.tsv"

    def _vocabulary_path(self, generation: str) -> Path:
        return self._state_dir / f"vocabulary-{generation}.txt"

    def _is_current(self, manifest: Manifest) -> bool:
        try:
            corpus_hash = hash_corpus(self._corpus_dir)
        except CorpusEmptyError as exc:
            log.warning("%s; answering from the index built before", exc)
            corpus_hash = manifest.corpus_hash
        wanted: dict[str, object] = {
            "corpus_hash": corpus_hash,
            "model": self._embedder.fingerprint,
            "chunker_version": CHUNKER_VERSION,
            "lexicon_version": lexicon_version(),
        }
        stale = [k for k, v in wanted.items() if getattr(manifest, k) != v]
        if stale:
            log.info("index is stale (%s changed)", ", ".join(stale))
        return not stale and self._is_present(manifest.generation)

    def _is_present(self, generation: str) -> bool:
        files = (self._lexicon_path(generation), self._vocabulary_path(generation))
        return set(collection_names(generation)) <= set(self._store.collections()) and all(p.is_file() for p in files)

    def load_or_build(self, *, progress: bool = True) -> LoadedIndex:
        """Load the current index, building it first if it is missing, stale or damaged (then moved aside)."""
        manifest = self._read_manifest()
        if manifest is not None and self._is_current(manifest):
            try:
                return self._load(manifest)
            except SummitError as exc:
                self._store.quarantine(str(exc))
        with self._lock(wait=True):
            # Another process may have built it while this one waited for the lock.
            manifest = self._read_manifest()
            if manifest is not None and self._is_current(manifest):
                return self._load(manifest)
            log.info("building the index from %s", self._corpus_dir)
            index, _ = self._rebuild_locked(progress=progress, on_switch=None)
        return index

    def switch(self, current: LoadedIndex) -> LoadedIndex:
        """The generation the manifest names now, loaded afresh; ``current`` if it cannot be loaded (logged)."""
        manifest = self._read_manifest()
        if manifest is None or manifest.generation == current.generation:
            return current
        self._store.reopen()
        try:
            index = self._load(manifest)
        except SummitError as exc:
            log.warning(
                "cannot switch to index generation %s (%s); answering from %s",
                manifest.generation,
                exc,
                current.generation,
            )
            return current
        log.info("switched to index generation %s", index.generation)
        return index

    def _load(self, manifest: Manifest) -> LoadedIndex:
        """Load a generation, checked against its manifest.

        Raises:
            StoreUnavailableError: a collection or file is missing, or the store holds other records than it should.

        """
        generation = manifest.generation
        names = collection_names(generation)
        try:
            chunks, chunk_vectors = self._store.chunks(names[0])
            sentences, vectors = self._store.chunks(names[1])
            if (len(chunks), len(sentences)) != (manifest.counts.chunks, manifest.counts.sentences):
                raise StoreUnavailableError(
                    f"generation {generation} holds {len(chunks)} chunks and {len(sentences)} sentences, "
                    f"its manifest says {manifest.counts.chunks} and {manifest.counts.sentences}"
                )
            if chunks and not finds_itself(self._store, names[0], chunk_vectors[0]):
                raise StoreUnavailableError(f"{names[0]} does not find its own records")
            lexicon = read_lexicon(self._lexicon_path(generation))
            vocabulary = frozenset(self._vocabulary_path(generation).read_text(encoding="utf-8").split())
        except OSError as exc:
            raise StoreUnavailableError(f"generation {generation} cannot be loaded: {exc}") from exc
        return loaded(generation, chunks, sentences, vectors, manifest.documents, lexicon, vocabulary)

    @contextlib.contextmanager
    def _lock(self, *, wait: bool) -> Iterator[None]:
        self._state_dir.mkdir(parents=True, exist_ok=True)
        with (self._state_dir / "build.lock").open("w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise IndexBuildError("another reindex is running; try again when it has finished") from exc
            yield

    def rebuild(
        self, *, progress: bool = True, on_switch: Callable[[LoadedIndex], None] | None = None
    ) -> tuple[LoadedIndex, BuildReport]:
        """Build a new generation from the corpus, check it, make it current, then retire the old one.

        The previous generation keeps answering until the manifest names the new one, and stays in
        the store ``grace_seconds`` longer, so questions in flight in other processes finish on it.

        Args:
            progress: show a progress bar on stderr while embedding.
            on_switch: called with the new index as soon as it is current, before the grace period.

        Raises:
            IndexBuildError: the new index failed its checks, or the corpus is gone (the old one stays current).
            SummitError: the corpus or the model cannot be read.

        """
        with self._lock(wait=False):
            return self._rebuild_locked(progress=progress, on_switch=on_switch)

    def _rebuild_locked(
        self, *, progress: bool, on_switch: Callable[[LoadedIndex], None] | None
    ) -> tuple[LoadedIndex, BuildReport]:
        started = time.perf_counter()
        previous = self._read_manifest()
        corpus = self._load_corpus(previous)
        for error in corpus.errors:
            log.error("skipped a corpus file: %s", error)
        chunks, sentences, vectors = embed_corpus(self._embedder, corpus, progress=progress)
        generation = time.strftime("g%Y%m%dT%H%M%S") + f"-{time.time_ns() % 10**6:06d}"
        # The generation's files come first: they mark its collections as ours if this process is killed.
        text = corpus_text(corpus)
        lexicon = restrict_lexicon(read_lexicon(*LEXICON_FILES), text)
        write_lexicon(lexicon, self._lexicon_path(generation))
        vocabulary = _vocabulary(text)
        self._vocabulary_path(generation).write_text("\n".join(sorted(vocabulary)), encoding="utf-8")
        write_generation(self._store, generation, chunks, sentences, vectors)
        documents = {d.id: document_info(d) for d in corpus.documents}
        manifest = Manifest(
            generation=generation,
            corpus_hash=hash_corpus(self._corpus_dir),
            model=self._embedder.fingerprint,
            chunker_version=CHUNKER_VERSION,
            lexicon_version=lexicon_version(),
            documents=documents,
            counts=Counts(documents=len(corpus.documents), chunks=len(chunks), sentences=len(sentences)),
            built_at=time.time(),
            dimension=int(vectors.shape[1]) if vectors.size else 0,
        )
        write_manifest(manifest, self._manifest_path)
        self._seen = stamp_of(self._manifest_path)
        index = loaded(generation, chunks, sentences, vectors[len(chunks) :], documents, lexicon, vocabulary)
        if on_switch is not None:
            on_switch(index)
        report = BuildReport(
            len(corpus.documents), len(chunks), len(sentences), time.perf_counter() - started,
            tuple(map(str, corpus.errors)), previous.counts.chunks if previous else None,
        )  # fmt: skip
        if previous is not None and self._grace:
            time.sleep(self._grace)
        self._retire(keep=generation)
        return index, report

    def _load_corpus(self, previous: Manifest | None) -> Corpus:
        try:
            return load_corpus(self._corpus_dir)
        except CorpusEmptyError as exc:
            if previous is None:
                raise
            raise IndexBuildError(
                f"refusing to reindex: {exc}; the index of {previous.counts.documents} document(s) "
                f"({previous.counts.chunks} chunks) stays in use"
            ) from exc

    def _retire(self, *, keep: str) -> None:
        """Drop every generation this state directory holds files for but ``keep``.

        Those are the one just replaced and the leftovers of rebuilds that were killed; collections
        without such files are not ours and stay.
        """
        ours = {p.name.split("-", 1)[1].rsplit(".", 1)[0] for p in self._generation_files()}
        for generation in sorted(ours - {keep}):
            for name in collection_names(generation):
                self._store.drop(name)
            for path in (self._lexicon_path(generation), self._vocabulary_path(generation)):
                path.unlink(missing_ok=True)
            log.info("retired index generation %s", generation)

    def _generation_files(self) -> list[Path]:
        return [*self._state_dir.glob("lexicon-*.tsv"), *self._state_dir.glob("vocabulary-*.txt")]
