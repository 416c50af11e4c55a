"""An answer's buttons that survive a restart: state in the custom id, the answer itself in the store.

Every button is a ``discord.ui.DynamicItem`` whose custom id names the stored answer
(``summit:pg:<id>:<position>:<n|p>``), so a click on an answer sent before a restart is routed to
the same code. The answer is read back from the SQLite store; when it is gone or too old, the
clicker gets a private message saying so.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING, Any, cast

import discord

from bot.embeds import not_covered_embed, passage_embed, references_embeds
from bot.labels import Language, label, language
from bot.paging import NO_MENTIONS, Pager, tell
from bot.store import StoredAnswer
from retrieval.types import Answer

if TYPE_CHECKING:
    from bot.client import SummitBot

log = logging.getLogger(__name__)
_ID = r"(?P<answer>[0-9a-f]{12})"
Button = discord.ui.Button[discord.ui.View]


def _bot(interaction: discord.Interaction[Any]) -> SummitBot:
    return cast("SummitBot", interaction.client)


async def stored_answer(interaction: discord.Interaction[Any], answer_id: str) -> StoredAnswer | None:
    """The stored answer a button names; tells the clicker privately when it has expired."""
    stored = await asyncio.to_thread(_bot(interaction).store.load, answer_id)
    if stored is None:
        await tell(interaction, label("expired", language(interaction.locale)))
    return stored


class PageButton(discord.ui.DynamicItem[Button], template=rf"summit:pg:{_ID}:(?P<position>\d+):(?P<way>[np])"):
    """Previous / next passage; only the asker turns pages."""

    def __init__(self, answer_id: str, position: int, way: str, *, lang: Language, disabled: bool = False) -> None:
        """A button showing passage ``position`` of the stored answer ``answer_id``."""
        text = label("next" if way == "n" else "previous", lang)
        style = discord.ButtonStyle.primary if way == "n" else discord.ButtonStyle.secondary
        custom_id = f"summit:pg:{answer_id}:{position}:{way}"
        super().__init__(discord.ui.Button(label=text, style=style, custom_id=custom_id, disabled=disabled, row=0))
        self.answer_id, self.position = answer_id, position

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> PageButton:
        """Rebuild the button from its custom id."""
        return cls(match["answer"], int(match["position"]), match["way"], lang=language(interaction.locale))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Show the passage the button points at, updating the message in place."""
        stored = await stored_answer(interaction, self.answer_id)
        if stored is None:
            return
        bot = _bot(interaction)
        if stored.owner is not None and bot.store.person(interaction.user.id) != stored.owner:
            await tell(interaction, label("not_yours", language(interaction.locale)))
            return
        answer, lang = stored.answer, language(stored.locale)
        position = max(0, min(len(answer.passages) - 1, self.position))
        embed, view = render_answer(stored.id, answer, lang, position=position, follow_up=_has_follow_up(interaction))
        await interaction.response.edit_message(embed=embed, view=view, allowed_mentions=NO_MENTIONS)


class ReferencesButton(discord.ui.DynamicItem[Button], template=rf"summit:rf:{_ID}:(?P<position>\d+)"):
    """The shown passage's references in full, privately; anyone may press it."""

    def __init__(self, answer_id: str, position: int, *, lang: Language) -> None:
        """A button for passage ``position`` of ``answer_id``."""
        custom_id = f"summit:rf:{answer_id}:{position}"
        style = discord.ButtonStyle.secondary
        super().__init__(discord.ui.Button(label=label("references", lang), style=style, custom_id=custom_id, row=0))
        self.answer_id, self.position = answer_id, position

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ReferencesButton:
        """Rebuild the button from its custom id."""
        return cls(match["answer"], int(match["position"]), lang=language(interaction.locale))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Send the references privately, paged."""
        stored = await stored_answer(interaction, self.answer_id)
        if stored is None:
            return
        lang = language(interaction.locale)
        passages = stored.answer.passages
        citations = list(passages[min(self.position, len(passages) - 1)].citations) if passages else []
        pages = references_embeds(citations, lang)
        view = Pager(pages, owner_id=interaction.user.id, lang=lang)
        await interaction.response.send_message(embed=pages[0], view=view, ephemeral=True, allowed_mentions=NO_MENTIONS)


class VoteButton(discord.ui.DynamicItem[Button], template=rf"summit:vt:{_ID}:(?P<vote>up|down)"):
    """👍 / 👎: one vote per person per answer, kept in the store."""

    def __init__(self, answer_id: str, vote: str) -> None:
        """A vote button on ``answer_id``."""
        text = label("vote_up" if vote == "up" else "vote_down", "en")
        custom_id = f"summit:vt:{answer_id}:{vote}"
        super().__init__(discord.ui.Button(label=text, style=discord.ButtonStyle.secondary, custom_id=custom_id, row=1))
        self.answer_id, self.vote = answer_id, vote

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> VoteButton:
        """Rebuild the button from its custom id."""
        return cls(match["answer"], match["vote"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Record the vote (replacing the person's earlier one) and thank them privately."""
        value = 1 if self.vote == "up" else -1
        kept = await asyncio.to_thread(_bot(interaction).store.vote, self.answer_id, interaction.user.id, value)
        lang = language(interaction.locale)
        if not kept:
            await tell(interaction, label("expired", lang))
            return
        text = label("voted", lang, vote=label("vote_up" if value == 1 else "vote_down", lang))
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)


class FollowUpButton(discord.ui.DynamicItem[Button], template=rf"summit:fu:{_ID}"):
    """Ask a follow-up to this answer: a form, then the answer in a thread where the channel allows one."""

    def __init__(self, answer_id: str, *, lang: Language) -> None:
        """A follow-up button on ``answer_id``."""
        custom_id = f"summit:fu:{answer_id}"
        style = discord.ButtonStyle.success
        super().__init__(discord.ui.Button(label=label("follow_up", lang), style=style, custom_id=custom_id, row=1))
        self.answer_id = answer_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> FollowUpButton:
        """Rebuild the button from its custom id."""
        return cls(match["answer"], lang=language(interaction.locale))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Open the follow-up form (answered by the conversation cog)."""
        from bot.cogs.conversation import FollowUpModal

        await interaction.response.send_modal(FollowUpModal(self.answer_id, lang=language(interaction.locale)))


DYNAMIC_ITEMS = (PageButton, ReferencesButton, VoteButton, FollowUpButton)


def _has_follow_up(interaction: discord.Interaction[Any]) -> bool:
    message = interaction.message
    return message is not None and any(
        getattr(child, "custom_id", "").startswith("summit:fu:")
        for row in message.components
        for child in getattr(row, "children", [])
    )


def answer_view(
    answer_id: str, answer: Answer, lang: Language, *, position: int = 0, follow_up: bool
) -> discord.ui.View:
    """The buttons under an answer: pages and references when answered, votes always, follow-up if wanted."""
    view = discord.ui.View(timeout=None)
    if answer.answered and len(answer.passages) > 1:
        last = len(answer.passages) - 1
        view.add_item(PageButton(answer_id, max(position - 1, 0), "p", lang=lang, disabled=position == 0))
        view.add_item(PageButton(answer_id, min(position + 1, last), "n", lang=lang, disabled=position >= last))
    if answer.answered:
        view.add_item(ReferencesButton(answer_id, position, lang=lang))
    view.add_item(VoteButton(answer_id, "up"))
    view.add_item(VoteButton(answer_id, "down"))
    if follow_up:
        view.add_item(FollowUpButton(answer_id, lang=lang))
    return view


def render_answer(
    answer_id: str, answer: Answer, lang: Language, *, position: int = 0, follow_up: bool
) -> tuple[discord.Embed, discord.ui.View]:
    """The embed and buttons for passage ``position`` of a stored answer (the refusal when not answered)."""
    embed = passage_embed(answer, position, lang) if answer.answered else not_covered_embed(answer, lang)
    return embed, answer_view(answer_id, answer, lang, position=position, follow_up=follow_up)
