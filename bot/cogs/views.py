"""/delegation, /timeline, /source and /help: the structured views as paged embeds."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.embeds import (
    COLOUR,
    MAX_EMBEDS,
    MESSAGE_EMBED_CHARS,
    delegation_embeds,
    echo,
    escape,
    message_size,
    timeline_embeds,
    truncate,
)
from bot.labels import label, language
from bot.paging import NO_MENTIONS, Pager, tell
from config.errors import ReferenceNotFoundError
from corpus import load_corpus
from corpus.loading import Corpus
from corpus.timeline import When
from retrieval.views import find_delegations, find_events

if TYPE_CHECKING:
    from bot.client import SummitBot

_CHOICE_NAME = 100
_MAX_CHOICES = 25
#: Longer than any date: a longer value is cut before parsing, so the error quotes a short piece of it.
_DATE_CHARS = 32


class ViewsCog(commands.Cog):
    """Who was there, what happened when, what a footnote cites, and how to ask."""

    def __init__(self, bot: SummitBot) -> None:
        """Read the corpus from the bot's settings on every call, so a reindexed article shows at once."""
        self.bot = bot

    def _corpus(self) -> Corpus:
        return load_corpus(self.bot.settings.corpus_dir)

    def _references(self, corpus: Corpus) -> dict[int, str]:
        return dict(corpus.documents[0].article.references) if corpus.documents else {}

    async def _send_pages(self, interaction: discord.Interaction[Any], pages: list[discord.Embed]) -> None:
        view = Pager(pages, owner_id=interaction.user.id, lang=language(interaction.locale))
        await interaction.response.send_message(embed=pages[0], view=view, allowed_mentions=NO_MENTIONS)
        view.message = await interaction.original_response()

    @app_commands.command(name="delegation", description="Who was in each delegation, with footnotes")
    @app_commands.describe(side="only this delegation, e.g. US or Russia")
    async def delegation(self, interaction: discord.Interaction[Any], side: str | None = None) -> None:
        """List the delegations' members."""
        lang = language(interaction.locale)
        corpus = await asyncio.to_thread(self._corpus)
        found = find_delegations(corpus, side=side)
        if not found:
            await tell(interaction, label("no_delegation", lang, side=echo(side or "")))
            return
        embeds = delegation_embeds(found, self._references(corpus), lang)
        if side is None and len(embeds) <= MAX_EMBEDS and message_size(embeds) <= MESSAGE_EMBED_CHARS:
            await interaction.response.send_message(embeds=embeds, allowed_mentions=NO_MENTIONS)  # both sides at once
            return
        await self._send_pages(interaction, embeds)

    @delegation.autocomplete("side")
    async def _side_choices(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        headings = [d.heading for d in find_delegations(await asyncio.to_thread(self._corpus))]
        return [
            app_commands.Choice(name=truncate(h, _CHOICE_NAME), value=h[:_CHOICE_NAME])
            for h in headings
            if current.lower() in h.lower()
        ][:_MAX_CHOICES]

    @app_commands.command(name="timeline", description="Dated events in the article, oldest first")
    @app_commands.describe(start="first date: YYYY, YYYY-MM or YYYY-MM-DD", end="last date, inclusive")
    @app_commands.rename(start="from", end="to")
    async def timeline(
        self, interaction: discord.Interaction[Any], start: str | None = None, end: str | None = None
    ) -> None:
        """List the dated events between two dates."""
        lang = language(interaction.locale)
        try:
            bounds = [_as_date(value) if value else None for value in (start, end)]
        except ValueError as exc:
            await tell(interaction, label("bad_date", lang, reason=echo(str(exc), 200)))
            return
        corpus = await asyncio.to_thread(self._corpus)
        events = find_events(corpus, start=bounds[0], end=bounds[1])
        if not events:
            await tell(interaction, label("no_events", lang))
            return
        await self._send_pages(interaction, timeline_embeds(events, self._references(corpus), lang))

    @app_commands.command(name="source", description="The reference entry behind a footnote number")
    @app_commands.describe(number="the footnote number, e.g. 35")
    async def source(self, interaction: discord.Interaction[Any], number: app_commands.Range[int, 1, 999]) -> None:
        """Show reference entry ``number``."""
        lang = language(interaction.locale)
        try:
            citation = self.bot.answerer.reference(number)
        except ReferenceNotFoundError as exc:
            await tell(interaction, label("no_reference", lang, reason=exc))
            return
        embed = discord.Embed(
            title=label("reference", lang, n=citation.n),
            description=escape(truncate(citation.text, 4000)),
            colour=COLOUR,
        )
        await interaction.response.send_message(embed=embed, allowed_mentions=NO_MENTIONS)

    @source.autocomplete("number")
    async def _source_choices(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[int]]:
        references = self._references(await asyncio.to_thread(self._corpus))
        wanted = str(current).strip().lower()
        ordered = sorted(references.items())
        by_number = [(n, text) for n, text in ordered if str(n).startswith(wanted)]
        by_text = [(n, text) for n, text in ordered if wanted and wanted in text.lower() and (n, text) not in by_number]
        matches = by_number + by_text
        return [
            app_commands.Choice(name=truncate(citation_line_plain(n, text), _CHOICE_NAME), value=n)
            for n, text in matches[:_MAX_CHOICES]
        ]

    @app_commands.command(name="help", description="What summit-bot knows and how to ask")
    async def help(self, interaction: discord.Interaction[Any]) -> None:
        """How to use the bot, in the user's language."""
        lang = language(interaction.locale)
        embed = discord.Embed(title=label("help_title", lang), description=label("help", lang), colour=COLOUR)
        await interaction.response.send_message(embed=embed, ephemeral=True)


def _as_date(value: str) -> When:
    """``value`` parsed by ``When.parse``, cut first if it is too long to be a date (the error then quotes the cut)."""
    text = value.strip()
    return When.parse(text if len(text) <= _DATE_CHARS else text[:_DATE_CHARS] + "…")


def citation_line_plain(n: int, text: str) -> str:
    """``[n] text`` for an autocomplete choice (Discord shows choices unformatted)."""
    return f"[{n}] {text}"
