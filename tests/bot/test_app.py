"""The composition root picks the store and the generations' record from the settings."""

import pytest

from bot.app import build_store, registry_for
from config.settings import load_settings
from retrieval.registry import FileRegistry
from retrieval.remote import ServerStore
from retrieval.server_registry import ServerRegistry


def test_server_mode_builds_a_lazy_server_store_and_keeps_its_generations_on_the_server(monkeypatch, tmp_path):
    monkeypatch.setenv("SUMMIT_STORE__MODE", "server")
    monkeypatch.setenv("SUMMIT_STORE__PORT", "1")  # nothing listens: building must not connect
    monkeypatch.setenv("SUMMIT_STORE__TOKEN", "t0ken")
    monkeypatch.setenv("SUMMIT_DATA_DIR", str(tmp_path))
    settings = load_settings()
    store = build_store(settings)
    assert isinstance(store, ServerStore)
    assert store.address == "127.0.0.1:1"
    assert isinstance(registry_for(store, settings), ServerRegistry)
    assert not (tmp_path / "chroma").exists()


def test_the_embedded_default_keeps_the_chroma_directory_and_its_files(monkeypatch, tmp_path):
    monkeypatch.delenv("SUMMIT_STORE__MODE", raising=False)
    monkeypatch.setenv("SUMMIT_CHROMA_PATH", str(tmp_path / "here"))
    settings = load_settings()
    store = build_store(settings)
    assert store.path == tmp_path / "here"
    registry = registry_for(store, settings)
    assert isinstance(registry, FileRegistry)
    assert registry.where == str(tmp_path / "here")


def test_the_embedder_keeps_passage_vectors_in_the_data_directory_unless_told_not_to(monkeypatch, tmp_path):
    from bot.app import build_embedder

    monkeypatch.setenv("SUMMIT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SUMMIT_MODEL__NAME", "some/model-id")  # not loaded: building must not load it
    cached = build_embedder(load_settings())
    assert cached._cache is not None and cached._cache.path == tmp_path / "passage-vectors.sqlite3"
    monkeypatch.setenv("SUMMIT_INDEX__CACHE_VECTORS", "false")
    assert build_embedder(load_settings())._cache is None


@pytest.mark.slow
def test_an_evaluation_sets_own_index_is_kept_and_loaded_by_the_next_run(monkeypatch, tmp_path, model_dir):
    from bot.app import suite_answerers
    from tests.conftest import AKASHI_PATH, CORPUS_DIR

    monkeypatch.setenv("SUMMIT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SUMMIT_MODEL__NAME", str(model_dir))
    monkeypatch.setenv("SUMMIT_CORPUS_DIR", str(CORPUS_DIR))
    with suite_answerers(load_settings()) as answerer_for:
        first = answerer_for((AKASHI_PATH,)).index.generation
    with suite_answerers(load_settings()) as answerer_for:
        again = answerer_for((AKASHI_PATH,))
        assert again.index.generation == first  # loaded, not rebuilt
        assert {d.title for d in again.index.documents.values()} >= {"明石海峡大橋"}
    (kept,) = (tmp_path / "eval-corpora").iterdir()
    assert sorted(p.name for p in (kept / "corpus").iterdir()) == sorted(
        [AKASHI_PATH.name, *(p.name for p in CORPUS_DIR.glob("*.txt"))]
    )
