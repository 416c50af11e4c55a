"""The sharded bot: the same client over several gateway connections (SUMMIT_DISCORD__SHARDS)."""

from __future__ import annotations

import logging
import sys
from typing import Any

import yarl
from discord.ext import commands

from bot.client import SummitBot
from bot.store import Store
from config.errors import DiscordUnavailableError, SummitError
from config.settings import Settings
from retrieval.answering import Answerer

log = logging.getLogger(__name__)


class ShardedSummitBot(SummitBot, commands.AutoShardedBot):
    """The same bot over several gateway connections (SUMMIT_DISCORD__SHARDS); discord.py routes each server's events.

    Its MRO puts ``SummitBot`` first and discord.py's ``AutoShardedClient`` before ``Client``, so the cogs, tree and
    handlers are the plain bot's and only the connection handling changes.
    """

    def __init__(self, answerer: Answerer, settings: Settings, *, store: Store | None = None, **options: Any) -> None:
        """The plain bot's wiring, plus the shards still connecting at start."""
        super().__init__(answerer, settings, store=store, **options)
        self._launching: set[int] = set()
        self._launched = 0
        logging.getLogger("discord.shard").addFilter(self._quiet_first_failure)

    def _quiet_first_failure(self, record: logging.LogRecord) -> bool:
        """Drop discord.py's traceback for a shard failing before any connected: ``launch_shard`` reports it."""
        return self._launched > 0 or not record.getMessage().startswith("Failed to connect for shard_id")

    async def launch_shard(self, gateway: yarl.URL, shard_id: int, *, initial: bool = False) -> None:
        """Connect one shard; a start where no shard can connect ends with one error instead of retrying forever.

        discord.py retries a failed shard by calling this again from inside the failed call (after 5 s): that
        re-entry, before any shard has connected, is the same wrong setting or missing network the plain bot reports
        at once, and the failure it is handling is re-raised.
        """
        if shard_id in self._launching and not self._launched:
            failure = sys.exc_info()[1]  # discord.py calls again from inside its ``except``
            if isinstance(failure, SummitError):
                raise failure
            raise DiscordUnavailableError(
                f"cannot connect shard {shard_id} to Discord's gateway at {gateway} ({failure}); check the network "
                "or SUMMIT_DISCORD__GATEWAY_URL"
            )
        self._launching.add(shard_id)
        try:
            await super().launch_shard(gateway, shard_id, initial=initial)
        finally:
            self._launching.discard(shard_id)
        self._launched += 1
        logging.getLogger("discord.shard").removeFilter(self._quiet_first_failure)  # later failures: discord.py's

    async def on_ready(self) -> None:
        """Say who we are, where, and over how many shards."""
        log.warning("ready as %s in %d server(s) over %s shard(s)", self.user, len(self.guilds), self.shard_count)

    async def on_shard_ready(self, shard_id: int) -> None:
        """One line per shard, with the servers it carries."""
        count = sum(1 for guild in self.guilds if guild.shard_id == shard_id)
        log.warning("shard %d of %s ready with %d server(s)", shard_id, self.shard_count, count)
