"""A Chroma server that is down at start, lost mid-run, or lost during a reindex: one line, no crash, no lost index."""

import subprocess
import sys
import time
import uuid

import pytest

from config.errors import StoreUnavailableError, SummitError
from retrieval._build import collection_names
from retrieval.answering import Answerer, AnswerPolicy
from retrieval.generations import IndexManager
from retrieval.remote import Backoff, ServerStore
from retrieval.server_registry import ServerRegistry
from tests.conftest import ROOT, FakeEmbedder, clean_env, corpus_of
from tests.server.conftest import free_port
from tests.server.test_server_index import QUESTION

pytestmark = pytest.mark.server
TOKEN = "chroma-SECRET-token-never-shown"  # noqa: S105


@pytest.fixture
def corpus_dir(tmp_path):
    return corpus_of(tmp_path / "corpus")


def answerer_on(store, corpus_dir, namespace=None):
    embedder = FakeEmbedder()
    namespace = namespace or f"summit-meta-{uuid.uuid4().hex[:8]}"
    registry = ServerRegistry(store, collection=namespace, settle_seconds=0.05)
    manager = IndexManager(store, embedder, corpus_dir=corpus_dir, registry=registry)
    return Answerer(manager=manager, store=store, embedder=embedder, policy=AnswerPolicy(refusal_threshold=0.3))


@pytest.mark.parametrize("command", [["ask", "会場はどこですか"], ["status", "--json"], ["reindex"], ["delegation"]])
def test_a_server_down_at_start_is_one_line_naming_host_and_port_and_exit_2(command, model_dir):
    port = free_port()  # nothing listens there
    env = clean_env(
        SUMMIT_STORE__MODE="server",
        SUMMIT_STORE__HOST="127.0.0.1",
        SUMMIT_STORE__PORT=str(port),
        SUMMIT_STORE__TOKEN=TOKEN,
        SUMMIT_MODEL__NAME=str(model_dir),
    )
    done = subprocess.run(
        [sys.executable, "-m", "bot", *command], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: the index is unavailable: cannot reach the Chroma server at 127.0.0.1:")
    assert f"127.0.0.1:{port}" in lines[0]
    assert "SUMMIT_STORE__HOST" in lines[0]
    assert TOKEN not in done.stderr


def test_answers_fail_with_one_message_while_the_server_is_lost_and_recover_by_themselves(
    own_server, corpus_dir, caplog
):
    store = ServerStore(host=own_server.host, port=own_server.port, backoff=Backoff(first=0.2, most=1.0))
    answerer = answerer_on(store, corpus_dir)
    generation = answerer.index.generation
    assert answerer.answer(QUESTION).passages
    own_server.stop()
    with pytest.raises(StoreUnavailableError, match=rf"Chroma server at 127\.0\.0\.1:{own_server.port}"):
        answerer.answer(QUESTION)
    started = time.perf_counter()
    with pytest.raises(StoreUnavailableError, match="trying again in"):
        answerer.answer(QUESTION)  # within the backoff: no request at all
    assert time.perf_counter() - started < 0.5
    own_server.start()
    deadline = time.monotonic() + 20
    while True:
        try:
            answer = answerer.answer(QUESTION)
            break
        except StoreUnavailableError:
            assert time.monotonic() < deadline, "answers did not recover after the server came back"
            time.sleep(0.1)
    assert answer.passages
    assert answerer.index.generation == generation
    assert "Traceback" not in caplog.text


class DyingStore(ServerStore):
    """Stops the server just before the new generation's sentences are written."""

    def __init__(self, server, **options):
        super().__init__(host=server.host, port=server.port, **options)
        self.server = server
        self.armed = False

    def add(self, collection, chunks, vectors):
        if self.armed and collection.endswith("-sentences"):
            self.armed = False
            self.server.stop()
        super().add(collection, chunks, vectors)


def test_a_reindex_interrupted_by_the_outage_leaves_the_old_generation_active(own_server, corpus_dir):
    store = DyingStore(own_server, backoff=Backoff(first=0.1, most=0.5))
    writer = answerer_on(store, corpus_dir)
    old = writer.index.generation
    namespace = writer.manager.registry.where.rsplit("/", 1)[1]
    reader = answerer_on(ServerStore(host=own_server.host, port=own_server.port), corpus_dir, namespace)
    assert reader.index.generation == old
    store.armed = True
    with pytest.raises(SummitError, match="unavailable"):
        writer.reindex()
    own_server.start()
    time.sleep(0.6)  # past the writer's backoff
    assert writer.manager.manifest().generation == old
    assert writer.answer(QUESTION).passages
    assert writer.index.generation == old
    assert reader.answer(QUESTION).passages
    assert reader.index.generation == old
    writer.reindex()  # the next reindex succeeds and retires what the interrupted one left
    new = writer.index.generation
    assert new != old
    assert writer.manager.registry.generations() == {new}
    left = {n for n in store.collections() if n.startswith("summit-g")}
    assert left == set(collection_names(new))
    assert reader.answer(QUESTION).passages
    assert reader.index.generation == new


def test_a_server_that_accepts_but_never_answers_is_unavailable_after_the_timeout_not_a_hang():
    import socket

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # connections complete, nothing is ever read or answered
        port = silent.getsockname()[1]
        store = ServerStore(host="127.0.0.1", port=port, timeout=1.0)
        started = time.perf_counter()
        with pytest.raises(StoreUnavailableError, match=f"127.0.0.1:{port}"):
            store.collections()
        assert time.perf_counter() - started < 5


def test_a_missing_collection_is_not_an_outage_and_a_damaged_generation_is_rebuilt(chroma_server, corpus_dir):
    store = ServerStore(host=chroma_server.host, port=chroma_server.port)
    answerer = answerer_on(store, corpus_dir)
    old = answerer.index.generation
    with pytest.raises(StoreUnavailableError, match="missing"):
        store.count("summit-no-such-collection")
    assert store.collections()  # no backoff: the next call goes through
    store.drop(collection_names(old)[1])  # a generation loses its sentences
    fresh = answerer_on(store, corpus_dir, answerer.manager.registry.where.rsplit("/", 1)[1])  # a new process
    assert fresh.answer(QUESTION).passages
    assert fresh.index.generation != old
