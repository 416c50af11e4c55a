"""Start the fake Discord and the real `summit-bot run` against it, once for the e2e module."""

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, clean_env
from tests.e2e.fake_discord import GUILD_ID, FakeDiscord

TOKEN = "fake-token.e2e-SECRET-do-not-log"  # noqa: S105 - the fake Discord accepts only this
TIMINGS: list[str] = []


class RunningBot:
    """The subprocess and its log file."""

    def __init__(self, process: subprocess.Popen[bytes], log: Path) -> None:
        self.process = process
        self.log_path = log

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def bot_env(fake: FakeDiscord, token: str, **values: str) -> dict[str, str]:
    """The environment that points `summit-bot` at ``fake`` with ``token``, plus ``values``."""
    return clean_env(
        DISCORD_TOKEN=token,
        SUMMIT_DISCORD__API_BASE=fake.api_base,
        SUMMIT_DISCORD__GATEWAY_URL=fake.gateway_url,
        SUMMIT_DISCORD__GUILD_ID=GUILD_ID,
        **values,
    )


@pytest.fixture(scope="module")
def fake_discord():
    fake = FakeDiscord(token=TOKEN, heartbeat_ms=1000).start()
    yield fake
    fake.stop()


def start_bot(fake, data: Path, model_dir: Path, log_name: str = "bot.log", **values: str) -> RunningBot:
    """`summit-bot run` against ``fake`` with ``data`` as its data directory (and ``values`` set), once it is ready."""
    log = data / log_name
    env = bot_env(
        fake,
        TOKEN,
        SUMMIT_DATA_DIR=str(data),
        SUMMIT_MODEL__NAME=str(model_dir),
        SUMMIT_LOG_LEVEL="DEBUG",  # discord.py's request lines carry interaction tokens at DEBUG: all must be redacted
        **values,
    )
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, cwd=ROOT, stdout=out, stderr=out)
    bot = RunningBot(process, log)
    deadline = time.monotonic() + 240
    while "ready as" not in bot.log():
        if process.poll() is not None or time.monotonic() > deadline:
            stop_bot(bot)
            pytest.fail(f"summit-bot run did not become ready:\n{bot.log()[-3000:]}")
        time.sleep(0.2)
    return bot


def stop_bot(bot: RunningBot) -> None:
    """Stop the bot's process (and kill it if it does not stop)."""
    bot.process.terminate()
    try:
        bot.process.wait(20)
    except subprocess.TimeoutExpired:
        bot.process.kill()


@pytest.fixture(scope="module")
def running_bot(fake_discord, model_dir, tmp_path_factory):
    bot = start_bot(fake_discord, tmp_path_factory.mktemp("bot-data"), model_dir)
    try:
        yield bot
    finally:
        stop_bot(bot)


@pytest.fixture
def timings() -> list[str]:
    """Lines the end-of-run summary prints (the acknowledgement and answer times the suite saw)."""
    return TIMINGS


def pytest_terminal_summary(terminalreporter):
    if TIMINGS:
        terminalreporter.section("summit-bot end-to-end timings")
        for line in TIMINGS:
            terminalreporter.write_line(line)
