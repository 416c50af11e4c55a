"""The index on a real Chroma server: build, answer, views, status, and a reindex followed by another client."""

import threading
import uuid

import pytest

from config.errors import IndexBuildError
from retrieval._build import collection_names
from retrieval.answering import Answerer, AnswerPolicy
from retrieval.generations import IndexManager
from retrieval.remote import ServerStore
from retrieval.server_registry import ServerRegistry
from retrieval.status import index_status, render_status
from retrieval.views import find_delegations, find_events
from tests.conftest import FakeEmbedder, corpus_of

pytestmark = pytest.mark.server
QUESTION = "ジュネーブ湖を見下ろす建物"


@pytest.fixture
def corpus_dir(tmp_path):
    return corpus_of(tmp_path / "corpus")


@pytest.fixture
def namespace():
    """A metadata collection of this test's own, so tests sharing the server keep their indexes apart."""
    return f"summit-meta-{uuid.uuid4().hex[:8]}"


def server_answerer(server, corpus_dir, namespace, *, grace=0.0, **store_options):
    """What one process builds in server mode: its own client of the server, its own manager."""
    store = ServerStore(host=server.host, port=server.port, **store_options)
    embedder = FakeEmbedder()
    registry = ServerRegistry(store, collection=namespace, settle_seconds=0.05)
    manager = IndexManager(store, embedder, corpus_dir=corpus_dir, registry=registry, grace_seconds=grace)
    return Answerer(manager=manager, store=store, embedder=embedder, policy=AnswerPolicy(refusal_threshold=0.3))


def test_an_index_built_on_the_server_answers_and_serves_views_references_and_status(
    chroma_server, corpus_dir, namespace
):
    answerer = server_answerer(chroma_server, corpus_dir, namespace)
    answer = answerer.answer(QUESTION)
    assert answer.passages
    assert "ジュネーブ" in answer.passages[0].text
    documents = answerer.index.documents.values()
    assert find_delegations(documents)
    assert find_events(documents)
    assert answerer.reference(1).text
    assert set(collection_names(answerer.index.generation)) <= set(answerer.manager.store.collections())
    status = index_status(answerer)
    assert status["store"] == {
        "mode": "server", "path": None, "host": chroma_server.host, "port": chroma_server.port, "ssl": False
    }  # fmt: skip
    assert status["generation"] == answerer.index.generation
    assert f"store: server at {chroma_server.host}:{chroma_server.port}" in render_status(status)


def test_a_second_client_loads_the_generation_from_the_server_without_rebuilding(chroma_server, corpus_dir, namespace):
    first = server_answerer(chroma_server, corpus_dir, namespace)
    generation = first.index.generation
    second = server_answerer(chroma_server, corpus_dir, namespace)
    assert second.index.generation == generation
    assert second.index.lexicon == first.index.lexicon
    assert second.index.vocabulary == first.index.vocabulary
    assert second.index.documents == first.manager.manifest().documents


def test_a_reindex_by_one_client_is_followed_by_another_between_questions_with_no_failure(
    chroma_server, corpus_dir, namespace
):
    reader = server_answerer(chroma_server, corpus_dir, namespace, grace=1.0)
    writer = server_answerer(chroma_server, corpus_dir, namespace, grace=1.0)
    old = reader.index.generation
    failures: list[BaseException] = []
    done = threading.Event()

    def ask_until_done():
        asked = 0
        while not done.is_set() or asked < 50:
            try:
                assert reader.answer(QUESTION).passages
            except BaseException as exc:  # every failure is what this test counts
                failures.append(exc)
            asked += 1

    asking = threading.Thread(target=ask_until_done)
    asking.start()
    writer.reindex()
    done.set()
    asking.join(timeout=120)
    assert failures == []
    new = writer.index.generation
    assert new != old
    assert reader.answer(QUESTION).passages
    assert reader.index.generation == new
    ours = {n for n in reader.manager.store.collections() if n.startswith("summit-g")}
    assert not set(collection_names(old)) & ours
    assert writer.manager.registry.generations() == {new}


def test_a_second_reindex_while_one_runs_is_refused(chroma_server, corpus_dir, namespace):
    answerer = server_answerer(chroma_server, corpus_dir, namespace)
    other = server_answerer(chroma_server, corpus_dir, namespace)
    with answerer.manager.registry.lock(wait=False), pytest.raises(IndexBuildError, match="another reindex"):
        other.reindex()


def test_the_token_goes_in_chromas_auth_header_and_nowhere_else(chroma_server, caplog):
    caplog.set_level("DEBUG")
    store = ServerStore(host=chroma_server.host, port=chroma_server.port, token="tok-SECRET-123")
    with store.guarded() as client:
        headers = client._server.get_request_headers()
    assert {k.lower(): v for k, v in headers.items()}["authorization"] == "Bearer tok-SECRET-123"
    assert "tok-SECRET-123" not in repr(store)
    assert "tok-SECRET-123" not in str(store.describe())
    assert "tok-SECRET-123" not in caplog.text


def test_two_clients_starting_on_an_empty_server_build_one_generation_and_share_it(
    chroma_server, corpus_dir, namespace
):
    first = server_answerer(chroma_server, corpus_dir, namespace)
    second = server_answerer(chroma_server, corpus_dir, namespace)
    generations = {}
    threads = [
        threading.Thread(target=lambda a=a: generations.update({id(a): a.index.generation})) for a in (first, second)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(generations) == 2
    assert len(set(generations.values())) == 1
    assert first.manager.registry.generations() == set(generations.values())
