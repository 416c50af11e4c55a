"""The real bot on a Chroma server that is down at start and lost mid-run: it says so, and recovers (slow)."""

import subprocess
import sys
import time

import pytest

from tests.bot.test_shared_index import short_article
from tests.conftest import ROOT
from tests.e2e.conftest import TOKEN, RunningBot, bot_env, stop_bot
from tests.server.conftest import ChromaServer

pytestmark = [pytest.mark.slow, pytest.mark.server]
QUESTION = "会場はどの湖を見下ろしていますか"


def ask(fake, n):
    sent = fake.command("ask", {"question": QUESTION}, locale="ja", user_id=str(900000000000005000 + n))
    return fake.answered(sent, timeout=120)


def wait_for_log(bot, text, start=0, timeout=240):
    deadline = time.monotonic() + timeout
    while text not in bot.log()[start:]:
        assert bot.process.poll() is None, f"the bot exited:\n{bot.log()[-3000:]}"
        assert time.monotonic() < deadline, f"the bot never logged {text!r}:\n{bot.log()[-3000:]}"
        time.sleep(0.2)


def test_the_bot_starts_without_its_server_says_the_index_is_unavailable_and_recovers_twice(
    fake_discord, model_dir, tmp_path
):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "summit.txt").write_text(short_article(), encoding="utf-8")
    server = ChromaServer(tmp_path / "chroma-data")  # not started yet
    env = bot_env(
        fake_discord, TOKEN, SUMMIT_DATA_DIR=str(tmp_path / "data"), SUMMIT_CORPUS_DIR=str(corpus),
        SUMMIT_MODEL__NAME=str(model_dir), SUMMIT_LOG_LEVEL="INFO", **server.env(),
    )  # fmt: skip
    log = tmp_path / "bot.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, cwd=ROOT, stdout=out, stderr=out)
    bot = RunningBot(process, log)
    try:
        wait_for_log(bot, "ready as")
        assert f"cannot reach the Chroma server at 127.0.0.1:{server.port}" in bot.log()
        reply = ask(fake_discord, 1)
        assert "the index is unavailable" in reply["content"]
        assert f"127.0.0.1:{server.port}" in reply["content"]

        server.start()
        wait_for_log(bot, "the index is available again")
        assert "ジュネーブ湖" in str(ask(fake_discord, 2))

        server.stop()
        reply = ask(fake_discord, 3)
        assert "the index is unavailable" in reply["content"]
        server.start()
        deadline = time.monotonic() + 120
        n = 4
        while "ジュネーブ湖" not in str(reply := ask(fake_discord, n)):
            assert "the index is unavailable" in reply["content"]
            assert time.monotonic() < deadline, "the bot did not recover after the server came back"
            time.sleep(1.0)
            n += 1
        assert bot.process.poll() is None
        assert "Traceback" not in bot.log()
        assert "HTTP Request" not in bot.log()  # one line per command, not one per request to the server
    finally:
        stop_bot(bot)
        server.stop()
