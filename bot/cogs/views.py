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
    TITLE_LIMIT,
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
from corpus.timeline import When
from retrieval.manifest import DocumentInfo
from retrieval.views import find_delegations, find_document, find_events, references_by_document

if TYPE_CHECKING:
    from bot.client import SummitBot

_CHOICE_NAME = 100
_MAX_CHOICES = 25
#: Longer than any date: a longer value is cut before parsing, so the error quotes a short piece of it.
_DATE_CHARS = 32


class ViewsCog(commands.Cog):
    """Who was there, what happened when, what a footnote cites, and how to ask."""

    def __init__(self, bot: SummitBot) -> None:
        """Serve the facts of the index generation the answerer is on, so views and answers agree."""
        self.bot = bot

    def _documents(self) -> dict[str, DocumentInfo]:
        """The documents of the generation in use (may switch to a newer one: call in a thread)."""
        return self.bot.answerer.index.documents

    async def _send_pages(self, interaction: discord.Interaction[Any], pages: list[discord.Embed]) -> None:
        view = Pager(pages, owner_id=interaction.user.id, lang=language(interaction.locale))
        await interaction.response.send_message(embed=pages[0], view=view, allowed_mentions=NO_MENTIONS)
        view.message = await interaction.original_response()

    @app_commands.command(name="delegation", description="Who was in each delegation, with footnotes")
    @app_commands.describe(side="only this delegation, e.g. US or Russia")
    async def delegation(self, interaction: discord.Interaction[Any], side: str | None = None) -> None:
        """List the delegations' members."""
        lang = language(interaction.locale)
        documents = await asyncio.to_thread(self._documents)
        found = find_delegations(documents.values(), side=side)
        if not found:
            await tell(interaction, label("no_delegation", lang, side=echo(side or "")))
            return
        embeds = delegation_embeds(found, references_by_document(documents.values()), lang)
        if side is None and len(embeds) <= MAX_EMBEDS and message_size(embeds) <= MESSAGE_EMBED_CHARS:
            await interaction.response.send_message(embeds=embeds, allowed_mentions=NO_MENTIONS)  # both sides at once
            return
        await self._send_pages(interaction, embeds)

    @delegation.autocomplete("side")
    async def _side_choices(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        headings = list(
            dict.fromkeys(d.heading for d in find_delegations((await asyncio.to_thread(self._documents)).values()))
        )
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
        documents = await asyncio.to_thread(self._documents)
        try:
            bounds = [_as_date(value) if value else None for value in (start, end)]
            events = find_events(documents.values(), start=bounds[0], end=bounds[1])
        except ValueError as exc:  # not a date, or the first after the last
            await tell(interaction, label("bad_date", lang, reason=echo(str(exc), 200)))
            return
        if not events:
            await tell(interaction, label("no_events", lang))
            return
        await self._send_pages(interaction, timeline_embeds(events, references_by_document(documents.values()), lang))

    @app_commands.command(name="source", description="The reference entry behind a footnote number")
    @app_commands.describe(number="the footnote number, e.g. 35", document="the article (when there are several)")
    async def source(
        self,
        interaction: discord.Interaction[Any],
        number: app_commands.Range[int, 1, 999],
        document: app_commands.Range[str, 1, 200] | None = None,
    ) -> None:
        """Show reference entry ``number`` of ``document`` (the first article by default)."""
        lang = language(interaction.locale)
        try:
            citation = await asyncio.to_thread(self.bot.answerer.reference, number, document=document)
        except ReferenceNotFoundError as exc:
            await tell(interaction, label("no_reference", lang, reason=echo(str(exc), 400)))
            return
        title = label("reference", lang, n=citation.n)
        if citation.document and len(await asyncio.to_thread(self._documents)) > 1:
            title = f"{citation.document} · {title}"
        embed = discord.Embed(
            title=truncate(title, TITLE_LIMIT), description=escape(truncate(citation.text, 4000)), colour=COLOUR
        )
        await interaction.response.send_message(embed=embed, allowed_mentions=NO_MENTIONS)

    @source.autocomplete("number")
    async def _source_choices(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[int]]:
        documents = await asyncio.to_thread(self._documents)
        chosen = getattr(interaction.namespace, "document", None)
        try:
            _, info = find_document(documents, chosen if isinstance(chosen, str) else None)
        except ReferenceNotFoundError:
            return []
        wanted = str(current).strip().lower()
        ordered = sorted(info.references.items())
        by_number = [(n, text) for n, text in ordered if str(n).startswith(wanted)]
        by_text = [(n, text) for n, text in ordered if wanted and wanted in text.lower() and (n, text) not in by_number]
        matches = by_number + by_text
        return [
            app_commands.Choice(name=truncate(citation_line_plain(n, text), _CHOICE_NAME), value=n)
            for n, text in matches[:_MAX_CHOICES]
        ]

    @source.autocomplete("document")
    async def _document_choices(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        wanted = current.strip().casefold()
        titles = [info.title for info in (await asyncio.to_thread(self._documents)).values()]
        return [
            app_commands.Choice(name=truncate(t, _CHOICE_NAME), value=t[:_CHOICE_NAME])
            for t in titles
            if wanted in t.casefold()
        ][:_MAX_CHOICES]

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
