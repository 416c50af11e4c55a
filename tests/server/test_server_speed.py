"""Server-mode answers against embedded ones, same process, same model, warm: within 1.5x the median (slow)."""

import json
import statistics
import time
import uuid

import pytest

from retrieval.answering import Answerer
from retrieval.generations import IndexManager
from retrieval.remote import ServerStore
from retrieval.server_registry import ServerRegistry
from retrieval.store import ChromaStore
from tests.conftest import CORPUS_DIR, ROOT
from tests.server.conftest import TIMINGS

pytestmark = [pytest.mark.slow, pytest.mark.server]


def test_server_mode_answers_stay_within_one_and_a_half_times_the_embedded_median(
    chroma_server, real_embedder, tmp_path
):
    embedded_store = ChromaStore.persistent(tmp_path / "chroma")
    embedded = Answerer(
        manager=IndexManager(embedded_store, real_embedder, corpus_dir=CORPUS_DIR, state_dir=tmp_path / "chroma"),
        store=embedded_store,
        embedder=real_embedder,
    )
    server_store = ServerStore(host=chroma_server.host, port=chroma_server.port)
    registry = ServerRegistry(server_store, collection=f"summit-meta-{uuid.uuid4().hex[:8]}")
    server = Answerer(
        manager=IndexManager(server_store, real_embedder, corpus_dir=CORPUS_DIR, registry=registry),
        store=server_store,
        embedder=real_embedder,
    )
    embedded.warm_up()
    server.warm_up()
    lines = (ROOT / "tests" / "data" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    questions = [json.loads(line)["q"] for line in lines if line.strip()]
    times = {"embedded": [], "server": []}
    for i, question in enumerate(questions * 2):
        pair = [("embedded", embedded), ("server", server)]
        for name, answerer in pair if i % 2 else pair[::-1]:  # alternate who goes first: the CPU is shared
            started = time.perf_counter()
            answer = answerer.answer(question)
            times[name].append(time.perf_counter() - started)
            assert answer.passages
    medians = {name: statistics.median(found) * 1000 for name, found in times.items()}
    TIMINGS.append(
        f"warm answers, {len(times['server'])} each: embedded median {medians['embedded']:.1f} ms, "
        f"server median {medians['server']:.1f} ms ({medians['server'] / medians['embedded']:.2f}x)"
    )
    assert medians["server"] <= 1.5 * medians["embedded"]
