"""A sharded start through the fake Discord: two shards, one server on each, an answer on each (slow)."""

import socket
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import TOKEN, bot_env, start_bot, stop_bot
from tests.e2e.fake_discord import DEFERRED_CHANNEL_MESSAGE, GUILD_ID, SECOND_GUILD_ID, FakeDiscord, shard_of

pytestmark = pytest.mark.slow
SERVERS = (SECOND_GUILD_ID, GUILD_ID)  # shard 0, shard 1


@pytest.fixture(scope="module")
def sharded_discord():
    fake = FakeDiscord(token=TOKEN, heartbeat_ms=1000, shards=2, guilds=SERVERS).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def sharded_bot(sharded_discord, model_dir, tmp_path_factory):
    bot = start_bot(sharded_discord, tmp_path_factory.mktemp("sharded-data"), model_dir, SUMMIT_DISCORD__SHARDS="auto")
    try:
        yield bot
    finally:
        stop_bot(bot)


def test_the_two_servers_sit_on_different_shards():
    assert [shard_of(guild, 2) for guild in SERVERS] == [0, 1]


def test_auto_takes_discords_shard_count_and_identifies_each_shard(sharded_discord, sharded_bot):
    assert any(r.method == "GET" and r.path == "/gateway/bot" for r in sharded_discord.requests)
    assert sorted(sharded_discord.identifies) == [(0, 2), (1, 2)]
    assert sorted(sharded_discord.connections) == [0, 1]
    log = sharded_bot.log()
    assert "in 2 server(s) over 2 shard(s)" in log
    assert "shard 0 of 2 ready with 1 server(s)" in log
    assert "shard 1 of 2 ready with 1 server(s)" in log


@pytest.mark.parametrize("guild", SERVERS)
def test_ask_is_answered_on_each_shard(sharded_discord, sharded_bot, guild):
    sent = sharded_discord.command("ask", {"question": "Where was the summit held?"}, guild_id=guild)
    reply = sharded_discord.answered(sent)
    assert sent.callbacks[0][1]["type"] == DEFERRED_CHANNEL_MESSAGE
    assert "ヴィラ" in reply["embeds"][0]["description"]
    over = [shard for shard, event, g in sharded_discord.dispatched if event == "INTERACTION_CREATE" and g == guild]
    assert set(over) == {shard_of(guild, 2)}


@pytest.mark.parametrize("guild", SERVERS)
def test_a_mention_is_answered_on_each_shard(sharded_discord, sharded_bot, guild):
    asked = sharded_discord.post("会談はどの建物で開かれましたか？", author_id="900000000000003001", guild_id=guild)
    reply = sharded_discord.reply_to(asked)
    assert str(reply["message_reference"]["message_id"]) == asked["id"]
    assert "ヴィラ" in reply["embeds"][0]["description"]
    assert sharded_discord.rejected == []


@pytest.mark.parametrize("shards", ["2", "auto"])
def test_an_unreachable_gateway_with_shards_stops_with_one_error_line(sharded_discord, model_dir, tmp_path, shards):
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        dead = f"ws://127.0.0.1:{probe.getsockname()[1]}/gateway"
    env = bot_env(
        sharded_discord, TOKEN, SUMMIT_DATA_DIR=str(tmp_path), SUMMIT_MODEL__NAME=str(model_dir),
        SUMMIT_DISCORD__SHARDS=shards,
    )  # fmt: skip
    env["SUMMIT_DISCORD__GATEWAY_URL"] = dead
    if shards == "auto":  # the gateway URL comes from GET /gateway/bot: make the fake hand out the dead one
        sharded_discord.gateway_override = dead
    try:
        result = subprocess.run(
            [sys.executable, "-m", "bot", "run"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=240
        )
    finally:
        sharded_discord.gateway_override = None
    assert result.returncode == 2, result.stderr[-3000:]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert dead in errors[0]
    assert "SUMMIT_DISCORD__GATEWAY_URL" in errors[0]
    assert "Traceback" not in result.stderr
