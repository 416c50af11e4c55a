"""Micro-batching of concurrent question embeddings: fewer encode calls, each caller its own rows."""

import threading
import time

import numpy as np
import pytest

from retrieval._batching import MicroBatcher
from retrieval.embedding import SentenceEmbedder


def rows_for(texts):
    """One row per text that says which text it was: [len(text), first char code]."""
    return np.array([[len(t), ord(t[0])] for t in texts], dtype=np.float32).reshape(len(texts), 2)


class GatedEncoder:
    """Holds its first call until released, so the other callers queue up meanwhile."""

    def __init__(self):
        self.calls = []
        self.gate = threading.Event()

    def __call__(self, texts):
        self.calls.append(list(texts))
        if len(self.calls) == 1:
            self.gate.wait(10)
        return rows_for(texts)


def wait_until(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


def test_a_lone_call_is_encoded_at_once_and_alone():
    calls = []
    batcher = MicroBatcher(lambda texts: calls.append(texts) or rows_for(texts))
    assert batcher.embed(["abc"]).tolist() == [[3, ord("a")]]
    assert calls == [["abc"]]


def test_callers_arriving_while_the_model_is_busy_share_one_encode_and_get_their_own_rows():
    encoder = GatedEncoder()
    batcher = MicroBatcher(encoder)
    asks = {"first": ["a"], **{f"q{i}": ["x" * (i + 2), "yz"] for i in range(6)}}
    results = {}

    def ask(name):
        results[name] = batcher.embed(asks[name])

    threads = [threading.Thread(target=ask, args=("first",))]
    threads[0].start()
    wait_until(lambda: len(encoder.calls) == 1)
    threads += [threading.Thread(target=ask, args=(name,)) for name in asks if name != "first"]
    for thread in threads[1:]:
        thread.start()
    wait_until(lambda: len(batcher._pending) == 6)
    encoder.gate.set()
    for thread in threads:
        thread.join(10)
    assert len(encoder.calls) == 2
    assert sorted(map(len, encoder.calls)) == [1, 12]
    for name, texts in asks.items():
        assert results[name].tolist() == rows_for(texts).tolist()
    assert batcher.batches == 2


def test_a_failed_encode_reaches_every_caller_in_its_batch_and_the_next_call_works():
    failing = True

    def encode(texts):
        if failing:
            raise RuntimeError("model broke")
        return rows_for(texts)

    batcher = MicroBatcher(encode)
    with pytest.raises(RuntimeError, match="model broke"):
        batcher.embed(["a"])
    failing = False
    assert batcher.embed(["bb"]).tolist() == [[2, ord("b")]]


def test_many_threads_at_once_all_get_their_rows():
    batcher = MicroBatcher(rows_for)
    texts = [["q" * (n % 7 + 1), chr(65 + n % 26)] for n in range(200)]
    out = [None] * len(texts)

    def ask(n):
        out[n] = batcher.embed(texts[n])

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(len(texts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert all(out[n].tolist() == rows_for(texts[n]).tolist() for n in range(len(texts)))
    assert batcher.batches <= len(texts)


def test_the_embedder_batches_questions_unless_told_not_to():
    assert SentenceEmbedder("some/model").query_batching == "batched"
    assert SentenceEmbedder("some/model", batch_queries=False).query_batching == "lock"
