"""Shared fixtures: the real article, a deterministic fake embedder, and the real model (slow)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np
import pytest

from corpus import load_corpus
from corpus.parsing import Article
from retrieval.lexical import tokenize

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = ROOT / "corpus"
ARTICLE_PATH = CORPUS_DIR / "2021-us-russia-summit.ja.txt"
AKASHI_PATH = ROOT / "tests" / "data" / "articles" / "akashi-kaikyo-bridge.ja.txt"


def clean_env(**values: str) -> dict[str, str]:
    """This process's environment without the project's settings, plus ``values``: what a subprocess under test gets."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMIT_") and k != "DISCORD_TOKEN"}
    return {**env, **values}


class FakeEmbedder:
    """Hashes each text's BM25 terms into a fixed-size bag: same text, same vector; shared words, close vectors."""

    dimension = 256
    max_tokens = 512

    def __init__(self, fingerprint: str = "fake-embedder") -> None:
        self._fingerprint = fingerprint
        self.calls = 0

    @property
    def fingerprint(self) -> str:
        return self._fingerprint

    def warm_up(self) -> None:
        return None

    def _embed(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokenize(text) or ["<empty>"]:
                out[row, int(hashlib.md5(token.encode()).hexdigest(), 16) % self.dimension] += 1.0  # noqa: S324
            out[row] /= np.linalg.norm(out[row])
        return out

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts)

    def count_tokens(self, text: str) -> int:
        return len(text) + 2


def corpus_of(directory: Path, *articles: Path) -> Path:
    """``directory`` made a corpus holding copies of ``articles`` (the summit article when none are given)."""
    directory.mkdir(parents=True, exist_ok=True)
    for path in articles or (ARTICLE_PATH,):
        (directory / path.name).write_bytes(path.read_bytes())
    return directory


def index_documents(directory: Path = CORPUS_DIR) -> list:
    """The documents' facts as an index generation keeps them (``DocumentInfo``), for the views."""
    from retrieval.index import document_info

    return [document_info(d) for d in load_corpus(directory).documents]


@pytest.fixture(scope="session")
def article() -> Article:
    return load_corpus(CORPUS_DIR).documents[0].article


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def model_dir() -> Path:
    """The bundled model built by `make install`; the slow tests need it."""
    from config.settings import load_settings

    path = load_settings().bundled_model_dir
    if not (path / "modules.json").is_file():
        pytest.fail(f"the bundled model is missing at {path}: run `make install` first")
    return path


@pytest.fixture(scope="session")
def real_embedder(model_dir: Path):
    from retrieval.embedding import SentenceEmbedder

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    embedder = SentenceEmbedder(str(model_dir))
    embedder.warm_up()
    return embedder
