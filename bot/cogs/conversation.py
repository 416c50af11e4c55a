"""Mentions and follow-ups: a message that mentions the bot, a reply to an answer, the "Follow up" form.

Without the message-content intent Discord still gives the bot the text of messages that mention it
(a reply to the bot's message mentions it unless the author turned the ping off), so the intent stays off.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from bot.buttons import render_answer, stored_answer
from bot.embeds import truncate
from bot.labels import Language, label, language
from bot.paging import NO_MENTIONS, tell
from config.errors import QuestionError
from retrieval.followup import answer_followup
from retrieval.question import clean_question, language_of
from retrieval.types import Answer

if TYPE_CHECKING:
    from bot.client import SummitBot
    from bot.cogs.ask import Cooldowns

log = logging.getLogger(__name__)
_THREAD_NAME = 100


class FollowUpModal(discord.ui.Modal):
    """The form behind the "Follow up" button: one question, answered in the answer's thread."""

    def __init__(self, answer_id: str, *, lang: Language) -> None:
        """A form for a follow-up to the stored answer ``answer_id``."""
        super().__init__(title=label("follow_up_title", lang), custom_id=f"summit:fum:{answer_id}", timeout=900)
        self.answer_id = answer_id
        self.question: discord.ui.TextInput[FollowUpModal] = discord.ui.TextInput(
            label=label("question", lang), max_length=1000, placeholder=label("follow_up_field", lang)
        )
        self.add_item(self.question)

    async def on_submit(self, interaction: discord.Interaction[Any], /) -> None:
        """Hand the question to the conversation cog."""
        cog = interaction.client.get_cog("ConversationCog")
        await cog.follow_up_from_form(interaction, self.answer_id, self.question.value)


def question_in(message: discord.Message, bot_id: int) -> str:
    """The message's text with the bot's own mentions taken out."""
    return re.sub(rf"<@!?{bot_id}>", " ", message.content).strip()


class ConversationCog(commands.Cog):
    """Answers mentions and follow-ups, each in its conversation."""

    def __init__(self, bot: SummitBot) -> None:
        """Share the /ask cooldown and the bot's conversations."""
        self.bot = bot

    @property
    def cooldowns(self) -> Cooldowns:
        """The members' cooldown, the same as /ask's."""
        return self.bot.get_cog("AskCog").cooldowns  # type: ignore[union-attr, no-any-return]

    async def _previous(self, message: discord.Message) -> str | None:
        """The question this message follows up: the answer it replies to, else its bot thread's last question."""
        reference = message.reference
        if reference is not None and reference.message_id is not None:
            stored = await asyncio.to_thread(self.bot.store.by_message, reference.message_id)
            if stored is not None:
                return stored.answer.question
        if isinstance(message.channel, discord.Thread):
            remembered = self.bot.conversations.previous(message.channel.id)
            if remembered is not None:
                return remembered
            stored = await asyncio.to_thread(self.bot.store.by_message, message.channel.id)
            if stored is not None:
                return stored.answer.question
        return None

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Answer a message that mentions the bot or follows up one of its answers, as a reply to it."""
        me = self.bot.user
        if me is None or message.author.bot or message.author.id == me.id:
            return
        question = question_in(message, me.id)
        if not re.search(r"\w", question):
            return  # no question (or no content: the bot was not mentioned and has no content intent)
        previous = await self._previous(message)
        if previous is None and me not in message.mentions:
            return
        lang: Language = language_of(question)
        problem = self._refusal(question, message.author.id, lang)
        if problem:
            await message.reply(problem, allowed_mentions=NO_MENTIONS, mention_author=False)
            return
        async with message.channel.typing():
            answer = await self._answer(question, previous)
        answer_id = await asyncio.to_thread(self.bot.store.record, answer, locale=lang, owner=message.author.id)
        embed, view = render_answer(answer_id, answer, lang, follow_up=message.guild is not None)
        sent = await message.reply(embed=embed, view=view, allowed_mentions=NO_MENTIONS, mention_author=False)
        await self._keep(answer_id, answer, sent, message.channel.id)
        log.info("mention answered (%s, follow-up: %s)", "answered" if answer.answered else "refused", bool(previous))

    def _refusal(self, question: str, user_id: int, lang: Language) -> str:
        """Why the question is not taken (too long, asking too fast), or empty."""
        try:
            clean_question(question, max_chars=self.bot.answerer.policy.max_question_chars)
        except QuestionError as exc:
            return truncate(label("bad_question", lang, reason=exc), 2000)
        wait = self.cooldowns.retry_after(user_id)
        return label("cooldown", lang, seconds=max(wait, 1)) if wait else ""

    async def _answer(self, question: str, previous: str | None) -> Answer:
        answerer = self.bot.answerer
        return await asyncio.to_thread(
            functools.partial(answer_followup, spell_names=answerer.spell_names),
            answerer.answer,
            previous or "",
            question,
        )

    async def _keep(self, answer_id: str, answer: Answer, sent: discord.Message, conversation: int) -> None:
        await asyncio.to_thread(self.bot.store.attach_message, answer_id, sent.id)
        self.bot.conversations.remember(conversation, answer.question)

    async def follow_up_from_form(self, interaction: discord.Interaction[Any], answer_id: str, question: str) -> None:
        """Answer the form's follow-up in the answer's thread (opened now if need be), or below the answer."""
        lang = language(interaction.locale)
        problem = self._refusal(question, interaction.user.id, lang)
        if problem:
            await tell(interaction, problem)
            return
        stored = await stored_answer(interaction, answer_id)
        if stored is None:
            return
        threaded = self._can_thread(interaction)
        await interaction.response.defer(ephemeral=threaded, thinking=True)
        answer = await self._answer(question, stored.answer.question)
        new_id = await asyncio.to_thread(self.bot.store.record, answer, locale=lang, owner=interaction.user.id)
        embed, view = render_answer(new_id, answer, lang, follow_up=True)
        thread = await self._thread_for(interaction, stored.answer.question) if threaded else None
        if thread is None:
            sent = await interaction.followup.send(embed=embed, view=view, allowed_mentions=NO_MENTIONS, wait=True)
            await self._keep(new_id, answer, sent, interaction.channel_id or 0)
            return
        in_thread = await thread.send(embed=embed, view=view, allowed_mentions=NO_MENTIONS)
        await self._keep(new_id, answer, in_thread, thread.id)
        await interaction.followup.send(
            label("follow_up_where", lang, place=thread.mention), ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    @staticmethod
    def _can_thread(interaction: discord.Interaction[Any]) -> bool:
        channel = interaction.channel
        if isinstance(channel, discord.Thread):
            return True
        permissions = interaction.app_permissions
        return (
            isinstance(channel, discord.TextChannel)
            and interaction.message is not None
            and permissions.create_public_threads
            and permissions.send_messages_in_threads
        )

    async def _thread_for(self, interaction: discord.Interaction[Any], title: str) -> discord.Thread | None:
        """The thread the follow-up goes to: the one it was asked in, or one started from the answer."""
        channel, message = interaction.channel, interaction.message
        if isinstance(channel, discord.Thread):
            return channel
        if message is None or not isinstance(channel, discord.TextChannel):
            return None
        existing = channel.get_thread(message.id)
        if existing is not None:
            return existing
        try:
            return await message.create_thread(name=truncate(title, _THREAD_NAME), auto_archive_duration=1440)
        except discord.HTTPException as exc:
            log.warning("could not open a follow-up thread on message %s: %s", message.id, exc)
            return None
