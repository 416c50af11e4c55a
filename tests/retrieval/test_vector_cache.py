"""The passage vector cache: per model, shared by processes, and never in the way when its file is bad."""

from __future__ import annotations

import logging

import numpy as np

from retrieval.embedding import SentenceEmbedder
from retrieval.vector_cache import VectorCache, model_key


def _vec(*values: float) -> np.ndarray:
    return np.asarray(values, dtype=np.float32)


def test_vectors_come_back_for_the_same_model_only(tmp_path):
    path = tmp_path / "vectors.sqlite3"
    VectorCache(path, "model-a").put({"会談は合計3時間半続いた": _vec(1, 2, 3), "ラブロフ": _vec(4, 5, 6)})

    again = VectorCache(path, "model-a")  # another process opening the same file
    found = again.get(["ラブロフ", "ヴィララグランジ"], dimension=3)
    assert list(found) == ["ラブロフ"]
    np.testing.assert_array_equal(found["ラブロフ"], _vec(4, 5, 6))
    assert VectorCache(path, "model-b").get(["ラブロフ"], dimension=3) == {}
    assert again.get(["ラブロフ"], dimension=384) == {}  # a vector of another size is no hit


def test_a_text_kept_twice_keeps_its_first_vector(tmp_path):
    cache = VectorCache(tmp_path / "v.sqlite3", "m")
    cache.put({"a": _vec(1, 1)})
    cache.put({"a": _vec(2, 2)})
    np.testing.assert_array_equal(cache.get(["a"], dimension=2)["a"], _vec(1, 1))


def test_a_file_that_is_not_sqlite_is_logged_and_ignored(tmp_path, caplog):
    path = tmp_path / "vectors.sqlite3"
    path.write_bytes(b"this is not a database, only some bytes " * 50)
    cache = VectorCache(path, "m")
    with caplog.at_level(logging.WARNING):
        cache.put({"a": _vec(1, 2)})
        assert cache.get(["a"], dimension=2) == {}
    assert "not usable" in caplog.text and str(path) in caplog.text
    assert path.read_bytes().startswith(b"this is not a database")  # left as it was


def test_a_folder_where_the_file_should_be_is_ignored(tmp_path):
    path = tmp_path / "vectors.sqlite3"
    path.mkdir()
    cache = VectorCache(path, "m")
    cache.put({"a": _vec(1.0)})
    assert cache.get(["a"], dimension=1) == {}


def test_a_model_folder_rebuilt_in_place_gets_a_new_key(tmp_path):
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(b"weights one")
    first = model_key(str(folder))
    (folder / "model.safetensors").write_bytes(b"other weights, longer")
    assert model_key(str(folder)) != first
    assert model_key("some/hub-id") == "some/hub-id"


class _Counting(SentenceEmbedder):
    """The embedder with its model replaced by a counter: each text's vector is its length and a one."""

    def __init__(self, cache: VectorCache) -> None:
        super().__init__("counting-model", cache=cache)
        self.encoded: list[str] = []

    def _encode(self, texts, *, query):
        self.encoded.extend(texts)
        return np.asarray([[len(t), 1.0] for t in texts], dtype=np.float32)

    @property
    def dimension(self) -> int:
        return 2


def test_a_second_embedder_on_the_same_cache_embeds_only_new_text(tmp_path):
    path = tmp_path / "vectors.sqlite3"
    first = _Counting(VectorCache(path, "counting-model"))
    one = first.embed_passages(["ab", "abc", "ab"])
    assert first.encoded == ["ab", "abc"]

    second = _Counting(VectorCache(path, "counting-model"))  # a later run, or another process
    two = second.embed_passages(["abc", "abcd", "ab"])
    assert second.encoded == ["abcd"]
    np.testing.assert_array_equal(one[:2], two[[2, 0]])
    np.testing.assert_array_equal(two[1], _vec(4, 1))
    assert second.embed_passages([]).shape == (0, 2)
