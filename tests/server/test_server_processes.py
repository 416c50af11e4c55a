"""Two summit-bot processes on one Chroma server: one reindexes while the other answers 50 questions (slow)."""

import json
import subprocess
import sys

import pytest

from tests.bot.test_shared_index import Chat, generation, short_article
from tests.conftest import ROOT, clean_env

pytestmark = [pytest.mark.slow, pytest.mark.server]
CLI = [sys.executable, "-m", "bot"]
QUESTION = "会場はどの湖を見下ろしていますか"


def test_a_chat_answers_fifty_questions_while_another_process_reindexes_and_then_serves_the_new_generation(
    tmp_path, model_dir, own_server
):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "summit.txt").write_text(short_article(), encoding="utf-8")
    env = clean_env(
        SUMMIT_DATA_DIR=str(tmp_path / "data"),
        SUMMIT_CORPUS_DIR=str(corpus),
        SUMMIT_MODEL__NAME=str(model_dir),
        SUMMIT_INDEX__GRACE_SECONDS="2",
        **own_server.env(),
    )
    chat = Chat(env)
    try:
        chat.wait_for("/quit")
        assert "ジュネーブ湖" in chat.say(QUESTION, "? ")
        old = generation(chat.say("/status", "corpus hash:"))
        reindex = subprocess.Popen(
            [*CLI, "reindex", "--json"], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        replies = []
        while len(replies) < 50 or reindex.poll() is None:
            replies.append(chat.say(QUESTION, "? "))
        out, err = reindex.communicate(timeout=300)
        assert reindex.returncode == 0, err
        assert json.loads(out)["chunks"] > 0
        failures = [r for r in replies if "ジュネーブ湖" not in r or "error" in r]
        assert failures == [], failures[:3]
        assert "ジュネーブ湖" in chat.say(QUESTION, "? ")
        status = chat.say("/status", "corpus hash:")
        new = generation(status)
        assert new != old
        assert "store: server at 127.0.0.1:" in status
        shown = json.loads(subprocess.run([*CLI, "status", "--json"], env=env, cwd=ROOT, capture_output=True).stdout)
        assert shown["generation"] == new
        assert shown["store"]["mode"] == "server"
        for command, key in [
            (["ask", QUESTION, "--json"], "passages"), (["delegation", "--json"], "delegations"),
            (["timeline", "--json"], "events"), (["source", "1", "--json"], "text"),
        ]:  # fmt: skip
            done = subprocess.run([*CLI, *command], env=env, cwd=ROOT, capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
            assert key in json.loads(done.stdout), command  # the short article has no delegation list
        assert not (tmp_path / "data" / "chroma").exists()  # nothing of the index is kept on this machine
        assert "Traceback" not in chat.output
    finally:
        chat.close()
