"""One index directory, several processes: a running chat keeps answering while others reindex and ask (slow)."""

import json
import subprocess
import sys
import threading
import time

import pytest

from tests.conftest import ARTICLE_PATH, ROOT, clean_env

pytestmark = pytest.mark.slow
CLI = [sys.executable, "-m", "bot"]


def short_article() -> str:
    """The summit article up to its agenda, with every reference: quick to embed, same format."""
    lines = ARTICLE_PATH.read_text(encoding="utf-8").splitlines()
    body_end = lines.index("議事")
    references = lines.index("参照")
    return "\n".join(lines[:body_end] + lines[references:]) + "\n"


class Chat:
    """A `summit-bot chat` subprocess driven line by line."""

    def __init__(self, env):
        self.process = subprocess.Popen(
            [*CLI, "chat"], env=env, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, encoding="utf-8",
        )  # fmt: skip
        self.output = ""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        while chunk := self.process.stdout.read(1):
            self.output += chunk

    def wait_for(self, text, start=0, timeout=300):
        deadline = time.monotonic() + timeout
        while text not in self.output[start:]:
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"chat never printed {text!r}:\n{self.output[-3000:]}")
            time.sleep(0.1)
        return self.output[start:]

    def say(self, line, until):
        start = len(self.output)
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return self.wait_for(until, start)

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def generation(status_text):
    return status_text.split("generation: ", 1)[1].split()[0]


def test_a_chat_keeps_answering_while_other_processes_reindex_twice_and_ask(tmp_path, model_dir):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "summit.txt").write_text(short_article(), encoding="utf-8")
    env = clean_env(
        SUMMIT_DATA_DIR=str(tmp_path / "data"),
        SUMMIT_CORPUS_DIR=str(corpus),
        SUMMIT_MODEL__NAME=str(model_dir),
        SUMMIT_INDEX__GRACE_SECONDS="2",
    )
    chat = Chat(env)
    try:
        chat.wait_for("/quit")
        assert "ジュネーブ湖" in chat.say("会場はどの湖を見下ろしていますか", "? ")
        seen = [generation(chat.say("/status", "corpus hash:"))]
        for _ in range(2):
            reindex = subprocess.run([*CLI, "reindex", "--json"], env=env, cwd=ROOT, capture_output=True, text=True)
            assert reindex.returncode == 0, reindex.stderr
            asked = subprocess.run(
                [*CLI, "ask", "会場はどの湖を見下ろしていますか", "--json"],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            assert asked.returncode == 0, asked.stderr
            assert json.loads(asked.stdout)["answered"]
            reply = chat.say("会場はどの湖を見下ろしていますか", "? ")
            assert "ジュネーブ湖" in reply, reply
            seen.append(generation(chat.say("/status", "corpus hash:")))
        status = json.loads(subprocess.run([*CLI, "status", "--json"], env=env, cwd=ROOT, capture_output=True).stdout)
        assert seen[-1] == status["generation"]
        assert len(set(seen)) == 3
        assert status["store"]["mode"] == "embedded"
        assert [d["title"] for d in status["documents"]] == ["2021年米露首脳会談"]
        assert "error" not in chat.output
        chunks = sorted(p.name for p in (tmp_path / "data" / "chroma").glob("lexicon-*.tsv"))
        assert chunks == [f"lexicon-{seen[-1]}.tsv"]
    finally:
        chat.close()
