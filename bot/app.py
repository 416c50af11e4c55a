"""The composition root: settings in, a ready Answerer out."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

from config.errors import ModelError
from config.settings import Settings, StoreSettings
from retrieval.answering import Answerer, AnswerPolicy
from retrieval.embedding import SentenceEmbedder
from retrieval.generations import IndexManager, read_word_list
from retrieval.ranking import Weights
from retrieval.registry import FileRegistry, GenerationRegistry
from retrieval.remote import ServerStore
from retrieval.server_registry import ServerRegistry
from retrieval.store import ChromaStore
from retrieval.translation import name_transliterator
from retrieval.vector_cache import VectorCache, model_key

log = logging.getLogger(__name__)


def policy_from(settings: Settings) -> AnswerPolicy:
    """The answering policy the settings describe."""
    r = settings.retrieval
    return AnswerPolicy(
        top_k=r.top_k,
        refusal_threshold=r.refusal_threshold,
        max_question_chars=r.max_question_chars,
        fusion=r.fusion,
        translate=r.translate,
        weights=Weights(),
    )


def build_embedder(settings: Settings, *, remember: bool = False) -> SentenceEmbedder:
    """The embedder the settings name; a missing bundled model is reported with the command that builds it.

    ``remember``: the embedder keeps the passage and question vectors it made (see `SentenceEmbedder`),
    for a run over a known set of questions and corpora, not for a bot.
    """
    if not settings.model.name and not (settings.bundled_model_dir / "modules.json").is_file():
        raise ModelError(
            f"the bundled model is not built yet at {settings.bundled_model_dir}: "
            "run `make install` (or `summit-bot build-model`), or set SUMMIT_MODEL__NAME"
        )
    cache = None
    if settings.index.cache_vectors:
        cache = VectorCache(settings.vector_cache_path, model_key(settings.model_name))
    return SentenceEmbedder(settings.model_name, remember_passages=remember, remember_queries=remember, cache=cache)


def build_store(settings: Settings) -> ChromaStore:
    """The store the settings select: a Chroma directory (embedded), or a Chroma server, connected on first use."""
    s = settings.store
    if s.mode == "server":
        token = s.token.get_secret_value() if s.token else None
        return ServerStore(host=s.host, port=s.port, ssl=s.ssl, token=token or None)
    return ChromaStore.persistent(settings.chroma_dir)


def registry_for(store: ChromaStore, settings: Settings) -> GenerationRegistry:
    """Where ``store``'s generations are recorded: on its server, or in the Chroma directory beside it."""
    if isinstance(store, ServerStore):
        return ServerRegistry(store)
    return FileRegistry(settings.chroma_dir)


def build_answerer(
    settings: Settings,
    *,
    store: ChromaStore | None = None,
    embedder: SentenceEmbedder | None = None,
    word_list: Callable[[], dict[str, tuple[str, ...]]] | None = None,
) -> Answerer:
    """Build the answerer over the configured store (or ``store``), without loading anything yet.

    ``word_list``: reads the whole English→Japanese word list for a build (``IndexManager``).
    """
    embedder = embedder or build_embedder(settings)
    store = store or build_store(settings)
    manager = IndexManager(
        store,
        embedder,
        corpus_dir=Path(settings.corpus_dir),
        registry=registry_for(store, settings),
        grace_seconds=settings.index.grace_seconds,
        word_list=word_list,
    )
    return Answerer(
        manager=manager,
        store=store,
        embedder=embedder,
        transliterate=name_transliterator(),
        policy=policy_from(settings),
    )


@contextlib.contextmanager
def suite_answerers(settings: Settings) -> Iterator[Callable[[tuple[Path, ...]], Answerer]]:
    """Answerers for the evaluation suite: the corpus plus each set's own articles, one model shared.

    A set with extra articles gets a corpus of its own (links to the corpus's files and its articles)
    indexed in a store of its own under ``DATA_DIR/eval-corpora``, so the configured index is never
    touched. That index is kept: the next run loads it, or rebuilds it when an article, the model,
    the chunker or the word list changed (the manifest's checks, as for the configured index).
    """
    # Every set's corpus holds the configured articles again: their passages are embedded once.
    embedder = build_embedder(settings, remember=True)
    word_list = functools.cache(read_word_list)  # read once, for all the sets' builds
    built: dict[tuple[Path, ...], Answerer] = {}

    def answerer_for(articles: tuple[Path, ...]) -> Answerer:
        if articles not in built:
            if not articles:
                built[articles] = build_answerer(settings, embedder=embedder, word_list=word_list)
            else:
                files = sorted({p.resolve() for p in [*Path(settings.corpus_dir).glob("*.txt"), *articles]})
                key = hashlib.sha256("\n".join(map(str, files)).encode()).hexdigest()[:16]
                root = Path(settings.data_dir) / "eval-corpora" / key
                corpus = root / "corpus"
                corpus.mkdir(parents=True, exist_ok=True)
                for path in files:
                    link = corpus / path.name
                    with contextlib.suppress(FileExistsError):  # linked by an earlier (or a concurrent) run
                        link.symlink_to(path)
                    if link.resolve() != path:
                        raise ValueError(f"two articles of one evaluation set are named {path.name}")
                # A set's own corpus is indexed embedded, in the data directory: never on a shared server.
                update = {"corpus_dir": corpus, "chroma_path": root / "chroma", "store": StoreSettings()}
                local = settings.model_copy(update=update)
                built[articles] = build_answerer(local, embedder=embedder, word_list=word_list)
        return built[articles]

    yield answerer_for
