"""/ask and the "Ask summit-bot" message menu: the answering core behind a deferred, cited reply."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.buttons import render_answer
from bot.labels import Language, label, language
from bot.logs import mark
from bot.paging import NO_MENTIONS, tell
from config.errors import QuestionError
from retrieval.question import clean_question
from retrieval.types import Answer

if TYPE_CHECKING:
    from bot.client import SummitBot
    from retrieval.answering import Answerer

log = logging.getLogger(__name__)


class Cooldowns:
    """A per-member cooldown: ``rate`` questions per ``per`` seconds (``per`` 0 turns it off).

    A member's bucket is dropped once its window has passed, so memory follows the members asking now, not all
    who ever asked.
    """

    def __init__(self, rate: int, per: float, *, clock: Callable[[], float] = time.time) -> None:
        """Allow ``rate`` questions in any ``per``-second window."""
        self.rate = rate
        self.per = per
        self._clock = clock
        self._buckets: dict[int, app_commands.Cooldown] = {}
        self._swept = clock()

    def __len__(self) -> int:
        """How many members have a bucket now."""
        return len(self._buckets)

    def retry_after(self, user_id: int) -> float:
        """Seconds to wait before this member may ask again; 0 when the question is allowed (and counted)."""
        if self.per <= 0:
            return 0.0
        now = self._clock()
        if now - self._swept >= self.per:
            self._evict(now)
        bucket = self._buckets.setdefault(user_id, app_commands.Cooldown(self.rate, self.per))
        return bucket.update_rate_limit(now) or 0.0

    def _evict(self, now: float) -> None:
        """Forget the buckets whose window is over (they would allow a full ``rate`` again)."""
        self._swept = now
        for user_id in [u for u, b in self._buckets.items() if b.get_tokens(now) >= self.rate]:
            del self._buckets[user_id]


async def answer_off_loop(answerer: Answerer, question: str) -> Answer:
    """Answer ``question`` on a worker thread, so heartbeats and other asks keep running on the event loop.

    The one way the cog answers; ``summit-bot bench`` drives its load table through it too.
    """
    return await asyncio.to_thread(answerer.answer, question)


class AskCog(commands.Cog):
    """Answering questions."""

    def __init__(self, bot: SummitBot) -> None:
        """Register the message menu beside the slash command."""
        self.bot = bot
        settings = bot.settings.discord
        self.cooldowns = Cooldowns(settings.ask_rate, settings.ask_per_seconds)
        self.menu = app_commands.ContextMenu(name="Ask summit-bot", callback=self.ask_message)
        bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        """Take the message menu away with the cog."""
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    @app_commands.command(name="ask", description="Ask a question about the 2021 US-Russia summit in Geneva")
    @app_commands.describe(question="your question, in English or Japanese", private="show the answer only to you")
    async def ask(self, interaction: discord.Interaction[Any], question: str, private: bool = False) -> None:
        """Answer ``question`` from the article."""
        await self.respond(interaction, question, private=private)

    async def ask_message(self, interaction: discord.Interaction[Any], message: discord.Message) -> None:
        """Answer the selected message's text (privately: the asker chose someone else's words)."""
        if not message.content.strip():
            await tell(interaction, label("empty_message", language(interaction.locale)))
            return
        await self.respond(interaction, message.content, private=True)

    async def respond(self, interaction: discord.Interaction[Any], question: str, *, private: bool) -> None:
        """Check, defer, answer off the event loop, reply with the first passage and paging buttons."""
        lang = language(interaction.locale)
        try:
            clean_question(question, max_chars=self.bot.answerer.policy.max_question_chars)
        except QuestionError as exc:
            await tell(interaction, label("bad_question", lang, reason=exc))
            return
        wait = self.cooldowns.retry_after(interaction.user.id)
        if wait:
            await tell(interaction, label("cooldown", lang, seconds=max(wait, 1)))
            return
        await interaction.response.defer(ephemeral=private, thinking=True)
        answer = await answer_off_loop(self.bot.answerer, question)
        await self.send_answer(interaction, answer, lang, private=private)

    async def send_answer(
        self, interaction: discord.Interaction[Any], answer: Answer, lang: Language, *, private: bool
    ) -> None:
        """The follow-up message for ``answer``: kept in the store, so its buttons outlive a restart."""
        if not answer.answered:
            mark(interaction, "refused")
        answer_id = await asyncio.to_thread(self.bot.store.record, answer, locale=lang, owner=interaction.user.id)
        embed, view = render_answer(answer_id, answer, lang, follow_up=not private and interaction.guild_id is not None)
        message = await interaction.followup.send(
            embed=embed, view=view, ephemeral=private, allowed_mentions=NO_MENTIONS, wait=True
        )
        if not private:
            await asyncio.to_thread(self.bot.store.attach_message, answer_id, message.id)
            if interaction.channel_id is not None:
                self.bot.conversations.remember(interaction.channel_id, answer.question)
