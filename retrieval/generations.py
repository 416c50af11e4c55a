"""The index's generations: build one from the corpus, switch every process to it, retire the one it replaced."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path

from config.errors import CorpusEmptyError, IndexBuildError, StoreUnavailableError, SummitError
from corpus.loading import Corpus, hash_corpus, load_corpus
from retrieval._build import collection_names, embed_corpus, finds_itself, write_generation
from retrieval.chunking import CHUNKER_VERSION
from retrieval.coverage import word_forms
from retrieval.index import BuildReport, LoadedIndex, corpus_text, document_info, loaded
from retrieval.manifest import Counts, Manifest
from retrieval.morphology import in_pieces
from retrieval.registry import FileRegistry, GenerationRegistry
from retrieval.store import ChromaStore
from retrieval.translation import LEXICON_FILES, lexicon_version, read_lexicon, restrict_lexicon
from retrieval.types import Embedder

log = logging.getLogger(__name__)


def read_word_list() -> dict[str, tuple[str, ...]]:
    """The shipped English→Japanese word list, whole (``LEXICON_FILES``), before a build cuts it to a corpus."""
    return read_lexicon(*LEXICON_FILES)


def _word_forms(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """``word_forms`` of the whole corpus, analysed a few lines at a time (``morphology.in_pieces``).

    Its vocabulary, and the dictionary forms of the words it inflects.
    """
    vocabulary: set[str] = set()
    inflected: set[str] = set()
    for piece in in_pieces(text):
        words, conjugated = word_forms(piece)
        vocabulary |= words
        inflected |= conjugated
    return frozenset(vocabulary), frozenset(inflected)


class IndexManager:
    """Keeps a manifest naming the current generation, and moves every process to new ones.

    The manifest and each generation's word lists are kept by a ``GenerationRegistry``: files beside
    an embedded store, or a collection on a Chroma server. Generations are immutable: written once,
    checked, then named by the manifest. A process that answers notices a new manifest
    (``has_new_generation``: one ``stat``, or one request to the server) and ``switch``es between
    questions. Only a rebuild deletes collections: the generation it replaced, after ``grace_seconds``
    so questions in flight elsewhere finish, and the leftovers of rebuilds that were killed.
    """

    def __init__(
        self,
        store: ChromaStore,
        embedder: Embedder,
        *,
        corpus_dir: Path,
        state_dir: Path | None = None,
        registry: GenerationRegistry | None = None,
        grace_seconds: float = 0.0,
        word_list: Callable[[], dict[str, tuple[str, ...]]] | None = None,
    ) -> None:
        """Set where things live.

        Args:
            store: the vector store holding every generation's collections.
            embedder: the model that embeds chunks and sentences.
            corpus_dir: the directory of ``*.txt`` articles.
            state_dir: where the manifest, the per-generation files and the build lock are kept (embedded).
            registry: keeps them instead of ``state_dir`` (a Chroma server's, in server mode).
            grace_seconds: how long a replaced generation stays after the switch.
            word_list: reads the shipped English→Japanese word list, whole, before a build cuts it to the
                corpus (by default ``read_word_list`` at each build; several managers built in one run, as
                the evaluation suite does, may share one read).

        """
        if grace_seconds < 0:
            raise ValueError(f"grace_seconds must not be negative, got {grace_seconds}")
        if registry is None:
            if state_dir is None:
                raise ValueError("give a state_dir or a registry")
            registry = FileRegistry(state_dir)
        self._store = store
        self._embedder = embedder
        self._corpus_dir = corpus_dir
        self._registry = registry
        self._grace = grace_seconds
        self._word_list = word_list or read_word_list
        self._seen: Hashable | None = None

    @property
    def store(self) -> ChromaStore:
        """The vector store the generations live in."""
        return self._store

    @property
    def registry(self) -> GenerationRegistry:
        """Where the manifest and the generations' word lists are kept."""
        return self._registry

    def manifest(self) -> Manifest | None:
        """The manifest now (``None`` if there is none or it is unreadable)."""
        return self._registry.current()[1]

    def _read_manifest(self) -> Manifest | None:
        self._seen, manifest = self._registry.current()
        return manifest

    def has_new_generation(self) -> bool:
        """Whether the manifest changed since this process last read or wrote it (one ``stat`` or request)."""
        return self._registry.stamp() != self._seen

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
        collections = set(self._store.collections())
        return set(collection_names(generation)) <= collections and self._registry.has_extras(generation)

    def load_or_build(self, *, progress: bool = True) -> LoadedIndex:
        """Load the current index, building it first if it is missing, stale or damaged (then moved aside)."""
        manifest = self._read_manifest()
        if manifest is not None and self._is_current(manifest):
            try:
                return self._load(manifest)
            except SummitError as exc:
                self._store.quarantine(str(exc))
        with self._waited_lock():
            # Another process may have built it while this one waited for the lock.
            manifest = self._read_manifest()
            if manifest is not None and self._is_current(manifest):
                return self._load(manifest)
            if manifest is None:
                log.info("building the index from %s", self._corpus_dir)
            else:  # a question waits for it: say why
                log.warning("the corpus in %s changed: building the index again before answering", self._corpus_dir)
            try:
                index, _ = self._rebuild_locked(progress=progress, on_switch=None)
            except IndexBuildError as exc:
                # The corpus changed and the new index failed its checks: the previous one, if it loads, answers.
                previous = self._loadable(manifest)
                if previous is None:
                    raise
                log.error("the corpus changed but could not be indexed (%s); answering from the previous index", exc)
                return previous
        return index

    @contextlib.contextmanager
    def _waited_lock(self) -> Iterator[None]:
        """The build lock; when another process holds it, waited for with a word (it may take minutes)."""
        with contextlib.ExitStack() as stack:
            try:
                stack.enter_context(self._registry.lock(wait=False))
            except IndexBuildError:
                log.warning("another process is building the index: waiting for it to finish")
                stack.enter_context(self._registry.lock(wait=True))
            yield

    def _loadable(self, manifest: Manifest | None) -> LoadedIndex | None:
        """``manifest``'s generation loaded, or ``None`` when there is none or it does not load."""
        if manifest is None:
            return None
        try:
            return self._load(manifest)
        except SummitError:
            return None

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
            lexicon, vocabulary = self._registry.load_extras(generation)
        except OSError as exc:
            raise StoreUnavailableError(f"generation {generation} cannot be loaded: {exc}") from exc
        return loaded(generation, chunks, sentences, vectors, manifest.documents, lexicon, vocabulary)

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
        with self._registry.lock(wait=False):
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
        # The generation's word lists come first: they mark its collections as ours if this process is killed.
        text = corpus_text(corpus)
        vocabulary, inflected = _word_forms(text)
        lexicon = restrict_lexicon(self._word_list(), text, inflected)
        self._registry.save_extras(generation, lexicon, vocabulary)
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
        self._seen = self._registry.publish(manifest)
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
        """Drop every generation the registry holds word lists for but ``keep`` and the one the manifest names.

        Those are the one just replaced and the leftovers of rebuilds that were killed; collections
        without word lists are not ours and stay.
        """
        current = self._registry.current()[1]
        kept = {keep, current.generation} if current else {keep}
        for generation in sorted(self._registry.generations() - kept):
            for name in collection_names(generation):
                self._store.drop(name)
            self._registry.forget(generation)
            log.info("retired index generation %s", generation)
