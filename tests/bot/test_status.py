"""``status`` with feedback counts: composed in bot/ from the index's status and the SQLite store, read-only."""

import json
import os

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.status import full_status, render_full_status
from bot.store import Store
from retrieval.answering import Answerer
from retrieval.generations import IndexManager
from retrieval.store import ChromaStore
from retrieval.types import Answer, Passage
from tests.conftest import CORPUS_DIR, FakeEmbedder

INDEX_KEYS = {"generation", "documents", "chunks", "store", "model", "dimension", "corpus_hash", "age_seconds"}


@pytest.fixture(scope="module")
def answerer(tmp_path_factory):
    store, embedder = ChromaStore.in_memory(), FakeEmbedder()
    state = tmp_path_factory.mktemp("state")
    manager = IndexManager(store, embedder, corpus_dir=CORPUS_DIR, state_dir=state)
    answerer = Answerer(manager=manager, store=store, embedder=embedder)
    answerer.warm_up()
    return answerer


def _store_with_feedback(path):
    store = Store(path)
    passage = Passage("Venue", "At a villa.", "At a villa.", (), 0.9)
    shown = store.record(Answer("Where?", True, (passage,)), locale="en", owner=1)
    store.record(Answer("Lunch?", False, ()), locale="en", owner=2)
    store.vote(shown, 1, 1)
    store.vote(shown, 2, 1)
    store.vote(shown, 3, -1)
    return store


def test_without_a_store_there_is_no_feedback_and_no_database_is_made(answerer, tmp_path):
    path = tmp_path / "data" / "summit.sqlite3"
    status = full_status(answerer, store_path=path)
    assert "feedback" not in status
    assert status.keys() >= INDEX_KEYS
    assert "feedback" not in render_full_status(status)
    assert not path.exists()
    assert not path.parent.exists()


def test_feedback_counts_answers_refusals_and_votes(answerer, tmp_path):
    path = tmp_path / "summit.sqlite3"
    _store_with_feedback(path)
    status = full_status(answerer, store_path=path)
    assert status["feedback"] == {"answers": 2, "answered": 1, "refused": 1, "up": 2, "down": 1}
    assert "feedback: 2 answers shown (1 answered, 1 refused), votes +2 -1" in render_full_status(status)


def test_an_empty_store_shows_zero_counts(answerer, tmp_path):
    path = tmp_path / "summit.sqlite3"
    Store(path)
    assert full_status(answerer, store_path=path)["feedback"] == {
        "answers": 0, "answered": 0, "refused": 0, "up": 0, "down": 0,
    }  # fmt: skip


@pytest.mark.parametrize("content", [b"this is not a database at all" * 100, b""])
def test_a_damaged_store_is_one_line_not_a_traceback(answerer, tmp_path, content):
    path = tmp_path / "summit.sqlite3"
    path.write_bytes(content)
    status = full_status(answerer, store_path=path)
    assert "cannot read" in status["feedback"]["error"]
    lines = [line for line in render_full_status(status).splitlines() if line.startswith("feedback:")]
    assert len(lines) == 1
    assert "unreadable" in lines[0]
    assert path.read_bytes() == content  # read-only: left as it was


def _cli_status(answerer, data_dir, *args):
    unset = {k: None for k in os.environ if k.startswith("SUMMIT_") or k == "DISCORD_TOKEN"}
    env = unset | {"SUMMIT_DATA_DIR": str(data_dir)}
    return CliRunner().invoke(main, ["status", *args], obj={"answerer": answerer}, env=env)


def test_cli_status_json_has_the_index_keys_and_feedback_only_when_a_store_exists(answerer, tmp_path):
    result = _cli_status(answerer, tmp_path, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data.keys() >= INDEX_KEYS
    assert "feedback" not in data
    assert not (tmp_path / "summit.sqlite3").exists()
    _store_with_feedback(tmp_path / "summit.sqlite3")
    data = json.loads(_cli_status(answerer, tmp_path, "--json").output)
    assert data["feedback"] == {"answers": 2, "answered": 1, "refused": 1, "up": 2, "down": 1}


def test_cli_status_text_with_a_damaged_store_exits_zero_with_a_line(answerer, tmp_path):
    (tmp_path / "summit.sqlite3").write_bytes(b"garbage" * 500)
    result = _cli_status(answerer, tmp_path)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "feedback: unreadable" in result.output
