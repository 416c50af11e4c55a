"""/stats: what was asked, answered and refused, and the votes, for members with Manage Server (private)."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.admin import may_reindex
from bot.embeds import COLOUR, FIELD_LIMIT, echo, truncate
from bot.labels import label, language
from bot.paging import tell

if TYPE_CHECKING:
    from bot.client import SummitBot

log = logging.getLogger(__name__)
DAYS = 7


class StatsCog(commands.Cog):
    """Usage statistics from the store."""

    def __init__(self, bot: SummitBot) -> None:
        """Read the bot's store."""
        self.bot = bot

    @app_commands.command(name="stats", description="Questions, refusals and votes of the last 7 days (Manage Server)")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def stats(self, interaction: discord.Interaction[Any]) -> None:
        """Show the last week's numbers and the most asked questions the article does not cover."""
        lang = language(interaction.locale)
        if not may_reindex(interaction):
            await tell(interaction, label("stats_denied", lang))
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        stats = await asyncio.to_thread(self.bot.store.stats, days=DAYS)
        share = stats.answered / stats.questions if stats.questions else 0.0
        body = label(
            "stats_body", lang, questions=stats.questions, answered=stats.answered, share=share,
            refused=stats.refused, up=stats.up, down=stats.down,
        )  # fmt: skip
        embed = discord.Embed(title=label("stats_title", lang, days=DAYS), description=body, colour=COLOUR)
        lines = [f"{count} × {echo(question, 150)}" for question, count in stats.top_refused]
        value = truncate("\n".join(lines), FIELD_LIMIT) if lines else label("stats_none", lang)
        embed.add_field(name=label("stats_refused", lang), value=value, inline=False)
        await interaction.followup.send(embed=embed, ephemeral=True)
