"""The client factory: the plain bot unless SUMMIT_DISCORD__SHARDS asks for shards."""

from unittest.mock import MagicMock

import pytest
from discord.ext import commands

from bot.client import SummitBot, make_bot
from bot.sharding import ShardedSummitBot
from config.settings import DiscordSettings, Settings


def settings_with(tmp_path, shards):
    return Settings(data_dir=tmp_path, discord=DiscordSettings(shards=shards))


def test_without_shards_the_bot_is_the_plain_client(tmp_path):
    bot = make_bot(MagicMock(), settings_with(tmp_path, None), store=MagicMock())
    assert type(bot) is SummitBot
    assert not isinstance(bot, commands.AutoShardedBot)


@pytest.mark.parametrize(("shards", "count"), [("auto", None), (3, 3), (1, 1)])
def test_shards_build_the_auto_sharded_bot_with_the_count(tmp_path, shards, count):
    bot = make_bot(MagicMock(), settings_with(tmp_path, shards), store=MagicMock())
    assert isinstance(bot, ShardedSummitBot)
    assert isinstance(bot, commands.AutoShardedBot)
    assert bot.shard_count == count


def test_the_sharded_bot_keeps_the_plain_bots_handlers(tmp_path):
    bot = make_bot(MagicMock(), settings_with(tmp_path, 2), store=MagicMock())
    assert type(bot).setup_hook is SummitBot.setup_hook
    assert type(bot).on_message is SummitBot.on_message
    assert type(bot).on_app_command_error is SummitBot.on_app_command_error
    assert bot.allowed_mentions is not None
    assert bot.allowed_mentions.everyone is False
