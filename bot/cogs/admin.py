"""/reindex and /status: rebuild the index from corpus/ or show the one in use, for members with Manage Server."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.embeds import COLOUR, CONTENT_LIMIT, escape, truncate
from bot.labels import label, language
from bot.paging import NO_MENTIONS, tell
from bot.status import full_status, render_full_status

if TYPE_CHECKING:
    from bot.client import SummitBot

log = logging.getLogger(__name__)


def may_reindex(interaction: discord.Interaction[Any]) -> bool:
    """Whether the member has Manage Server here (checked in code: default_permissions only hides the command).

    Discord computes the member's permissions in this channel and sends them with the interaction.
    """
    if interaction.guild_id is None:
        return False
    permissions = interaction.permissions
    return permissions.manage_guild or permissions.administrator


async def _refused(interaction: discord.Interaction[Any], command: str) -> bool:
    """Tell a member without Manage Server that ``command`` is not theirs; whether they were refused."""
    if may_reindex(interaction):
        return False
    log.info("%s refused for user %s", command, interaction.user.id)
    await tell(interaction, label(f"{command}_denied", language(interaction.locale)))
    return True


class AdminCog(commands.Cog):
    """Index maintenance."""

    def __init__(self, bot: SummitBot) -> None:
        """One lock for the whole bot: a second /reindex while one runs is told so."""
        self.bot = bot
        self.lock = asyncio.Lock()

    @app_commands.command(name="reindex", description="Rebuild the index from the article (Manage Server)")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def reindex(self, interaction: discord.Interaction[Any]) -> None:
        """Reparse corpus/, rebuild, switch; questions keep being answered from the old index meanwhile."""
        lang = language(interaction.locale)
        if await _refused(interaction, "reindex"):
            return
        if self.lock.locked():
            await tell(interaction, label("reindex_busy", lang))
            return
        async with self.lock:
            await interaction.response.defer(ephemeral=True, thinking=True)
            log.info("reindex started by user %s", interaction.user.id)
            report = await asyncio.to_thread(self.bot.answerer.reindex)
        text = label(
            "reindex_done",
            lang,
            documents=report.documents,
            chunks=report.chunks,
            previous=report.previous_chunks if report.previous_chunks is not None else "-",
            sentences=report.sentences,
            seconds=report.seconds,
        )
        if report.errors:
            text += "\n" + label("reindex_skipped", lang, errors="; ".join(report.errors))
        await interaction.followup.send(truncate(text, CONTENT_LIMIT), ephemeral=True, allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="status", description="The index in use: generation, documents, chunks (Manage Server)")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def status(self, interaction: discord.Interaction[Any]) -> None:
        """Show the generation answering now, its documents and sizes, the model, where the store is, and feedback."""
        lang = language(interaction.locale)
        if await _refused(interaction, "status"):
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        found = await asyncio.to_thread(full_status, self.bot.answerer, store_path=self.bot.store.path)
        text = escape(truncate(render_full_status(found), 4000))
        embed = discord.Embed(title=label("status_title", lang), description=text, colour=COLOUR)
        await interaction.followup.send(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)
