"""The Discord client: cogs over the answering core, command sync, translations, one error handler."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.buttons import DYNAMIC_ITEMS
from bot.conversations import Conversations
from bot.labels import label, language
from bot.logs import log_handled, start_timing
from bot.paging import tell
from bot.store import Store
from bot.transport import fail_fast_on_first_connect, install_tolerant_json
from bot.watch import watch_index
from config.errors import ConfigError, DiscordUnavailableError, SummitError
from config.settings import Settings
from retrieval.answering import Answerer

log = logging.getLogger(__name__)

#: Japanese names and descriptions for the ja locale (Discord shows them to Japanese clients).
JAPANESE = {
    "ask": "質問",
    "Ask a question about the 2021 US-Russia summit in Geneva": "2021年ジュネーブ米露首脳会談について質問する",
    "question": "質問文",
    "your question, in English or Japanese": "質問(日本語または英語)",
    "private": "非公開",
    "show the answer only to you": "回答を自分だけに表示する",
    "Ask summit-bot": "summit-botに質問",
    "delegation": "代表団",
    "Who was in each delegation, with footnotes": "各代表団のメンバー(脚注付き)",
    "side": "国",
    "only this delegation, e.g. US or Russia": "この代表団だけ(例: アメリカ、ロシア)",
    "timeline": "年表",
    "Dated events in the article, oldest first": "記事中の日付のある出来事(古い順)",
    "from": "開始",
    "to": "終了",
    "first date: YYYY, YYYY-MM or YYYY-MM-DD": "開始日: YYYY、YYYY-MM、YYYY-MM-DD",
    "last date, inclusive": "終了日(その日を含む)",
    "source": "出典",
    "The reference entry behind a footnote number": "脚注番号の出典を表示する",
    "number": "番号",
    "the footnote number, e.g. 35": "脚注番号(例: 35)",
    "help": "ヘルプ",
    "What summit-bot knows and how to ask": "summit-botの使い方",
    "reindex": "再索引",
    "status": "状態",
    "The index in use: generation, documents, chunks (Manage Server)": "使用中のインデックスの状態(サーバー管理)",
    "document": "記事",
    "the article (when there are several)": "記事(複数あるとき)",
    "stats": "統計",
    "Questions, refusals and votes of the last 7 days (Manage Server)": "過去7日間の質問・回答なし・評価(サーバー管理)",
    "Rebuild the index from the article (Manage Server)": "記事からインデックスを再構築する(サーバー管理)",
}


class JapaneseTranslator(app_commands.Translator):
    """Command names and descriptions in Japanese for the ja locale; English everywhere else."""

    async def translate(
        self, string: app_commands.locale_str, locale: discord.Locale, context: app_commands.TranslationContextTypes
    ) -> str | None:
        """The Japanese text for ``string``, or None to keep the English."""
        if locale is not discord.Locale.japanese:
            return None
        return JAPANESE.get(string.message)


class SummitTree(app_commands.CommandTree["SummitBot"]):
    """The command tree; notes when each command starts, for the one log line it gets."""

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        """Every interaction is handled; this only starts its clock."""
        start_timing(interaction)
        return True


class SummitBot(commands.Bot):
    """The bot: default intents (no message content), no pings, cogs loaded in ``setup_hook``."""

    def __init__(self, answerer: Answerer, settings: Settings, *, store: Store | None = None, **options: Any) -> None:
        """Wire the bot to a warmed-up answerer, the settings and the store (opened from the settings if not given).

        The message-content intent stays off: Discord sends the text of messages that mention the bot anyway.
        ``options`` go to discord.py's client (``shard_count`` for the sharded bot).
        """
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            tree_cls=SummitTree,
            **options,
        )
        self.answerer = answerer
        self.settings = settings
        discord_settings = settings.discord
        self.store = store or Store(settings.store_path, state_days=discord_settings.state_days)
        self.conversations = Conversations(
            size=discord_settings.conversations, max_age=discord_settings.conversation_minutes * 60
        )
        self._watcher: asyncio.Task[None] | None = None

    async def setup_hook(self) -> None:
        """Load the cogs, install the translator and the error handler, sync commands if configured.

        On a Chroma server the index is kept loaded by a background task that retries with backoff while
        the server is down (``bot.watch``): the bot starts and recovers without it.
        """
        from bot.cogs.admin import AdminCog
        from bot.cogs.ask import AskCog
        from bot.cogs.conversation import ConversationCog
        from bot.cogs.stats import StatsCog
        from bot.cogs.views import ViewsCog

        await self.tree.set_translator(JapaneseTranslator())
        for cog in (AskCog(self), ViewsCog(self), AdminCog(self), ConversationCog(self), StatsCog(self)):
            await self.add_cog(cog)
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        self.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]
        if self.settings.store.mode == "server":
            self._watcher = asyncio.create_task(watch_index(self.answerer), name="summit-index-watch")
        if self.settings.discord.sync_on_start:
            await self.sync_commands()

    async def close(self) -> None:
        """Stop watching the index, then disconnect."""
        if self._watcher is not None:
            self._watcher.cancel()
        await super().close()

    async def sync_commands(self) -> list[app_commands.AppCommand]:
        """Sync to the configured server (instant) or globally."""
        guild_id = self.settings.discord.guild_id
        if guild_id:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.warning("synced %d commands to server %s", len(synced), guild_id)
        else:
            synced = await self.tree.sync()
            log.warning("synced %d commands globally (Discord may take up to an hour to show them)", len(synced))
        return synced

    async def on_app_command_completion(
        self,
        interaction: discord.Interaction[Any],
        command: app_commands.Command[Any, Any, Any] | app_commands.ContextMenu,
    ) -> None:
        """Log the command's one line."""
        log_handled(interaction)

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: a mention is a question, answered by the conversation cog, not a command to look up."""

    async def on_ready(self) -> None:
        """Say who we are and where."""
        log.warning("ready as %s in %d server(s)", self.user, len(self.guilds))

    async def on_app_command_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        """The one error handler: a short message for the user, the traceback for the log."""
        lang = language(interaction.locale)
        cause = error.original if isinstance(error, app_commands.CommandInvokeError) else error
        if isinstance(cause, SummitError):
            log.debug("command %s: %s", getattr(interaction.command, "name", "?"), cause)
            await tell(interaction, str(cause))
        elif isinstance(error, app_commands.NoPrivateMessage):
            await tell(interaction, label("server_only", lang))
        elif isinstance(error, app_commands.CheckFailure):
            await tell(interaction, label("stats_denied" if _named(interaction, "stats") else "reindex_denied", lang))
        else:
            log.error("command %s failed", getattr(interaction.command, "name", "?"), exc_info=cause)
            await tell(interaction, label("error", lang))
            log_handled(interaction, "error")
            return
        log_handled(interaction, "refused")


def make_bot(answerer: Answerer, settings: Settings, *, store: Store | None = None) -> SummitBot:
    """The plain bot, or the sharded one when SUMMIT_DISCORD__SHARDS is set (``auto``: Discord's recommendation).

    Args:
        answerer: the warmed-up answering core.
        settings: the settings; ``settings.discord.shards`` picks the client.
        store: the answers store (opened from the settings if not given).

    Returns:
        A ``SummitBot``; a ``ShardedSummitBot`` when shards are configured.

    """
    shards = settings.discord.shards
    if shards is None:
        return SummitBot(answerer, settings, store=store)
    from bot.sharding import ShardedSummitBot

    return ShardedSummitBot(answerer, settings, store=store, shard_count=None if shards == "auto" else shards)


def _named(interaction: discord.Interaction[Any], name: str) -> bool:
    return getattr(interaction.command, "name", "") == name


def point_at(settings: Settings) -> None:
    """Aim discord.py at the configured REST API and gateway (Discord itself unless a test server is set)."""
    import yarl
    from discord.gateway import DiscordWebSocket
    from discord.http import Route

    Route.BASE = settings.discord.api_base.rstrip("/")
    # The bot has no voice features: the missing voice libraries are not worth a warning.
    discord.VoiceClient.warn_nacl = False
    discord.VoiceClient.warn_dave = False
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord.gateway_url)
    install_tolerant_json()


def token_of(settings: Settings) -> str:
    """The bot token, or a ConfigError saying how to set it."""
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    if not token:
        raise ConfigError(
            "DISCORD_TOKEN is not set: put the bot token from the Discord developer portal in DISCORD_TOKEN "
            "(or in .env); `summit-bot chat` answers in the console without it"
        )
    return token


async def _guarded(coro: Any, settings: Settings) -> Any:
    try:
        return await coro
    except discord.LoginFailure as exc:
        raise ConfigError(f"Discord rejected DISCORD_TOKEN ({exc}): copy the bot token again") from None
    except (aiohttp.ClientConnectionError, OSError) as exc:
        where = settings.discord.api_base
        raise DiscordUnavailableError(
            f"cannot reach Discord at {where} ({exc}); check the network or SUMMIT_DISCORD__API_BASE"
        ) from None


def run_bot(answerer: Answerer, settings: Settings) -> None:
    """Connect and serve until stopped; the answerer should be warmed up first."""
    token = token_of(settings)
    point_at(settings)
    bot = make_bot(answerer, settings)
    fail_fast_on_first_connect(bot, gateway_url=settings.discord.gateway_url)

    async def main() -> None:
        async with bot:
            await _guarded(bot.start(token), settings)

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        log.warning("stopped")


def sync_only(answerer: Answerer, settings: Settings) -> int:
    """Log in over REST, sync the commands, log out; returns how many commands Discord now has."""
    token = token_of(settings)
    point_at(settings)
    bot = SummitBot(
        answerer, settings.model_copy(update={"discord": settings.discord.model_copy(update={"sync_on_start": False})})
    )

    async def main() -> int:
        async with bot:
            await _guarded(bot.login(token), settings)
            return len(await _guarded(bot.sync_commands(), settings))

    return asyncio.run(main())
