"""Pages of embeds behind previous/next buttons (answers have their own persistent buttons: bot/buttons.py)."""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.embeds import CONTENT_LIMIT, truncate
from bot.labels import Language, label
from bot.logs import mark

log = logging.getLogger(__name__)
NO_MENTIONS = discord.AllowedMentions.none()


class _Turn(discord.ui.Button["Pager"]):
    def __init__(self, step: int, text: str, style: discord.ButtonStyle) -> None:
        super().__init__(label=text, style=style)
        self.step = step

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        assert self.view is not None  # noqa: S101 - discord.py sets it when the button is added
        await self.view.turn(interaction, self.step)


class Pager(discord.ui.View):
    """Previous/next buttons over a list of embeds; only the member who asked can turn the pages."""

    def __init__(
        self, pages: list[discord.Embed], *, owner_id: int, lang: Language, next_label: str = "next_page"
    ) -> None:
        """Show ``pages[0]`` first; buttons appear only when there is more than one page."""
        super().__init__(timeout=600)  # well inside the 15 minutes an interaction token lives
        self.pages = pages
        self.owner_id = owner_id
        self.lang = lang
        self.position = 0
        self.message: discord.Message | discord.InteractionMessage | discord.WebhookMessage | None = None
        self.previous_button = _Turn(-1, label("previous", lang), discord.ButtonStyle.secondary)
        self.next_button = _Turn(1, label(next_label, lang), discord.ButtonStyle.primary)
        if len(pages) > 1:
            self.add_item(self.previous_button)
            self.add_item(self.next_button)
        self._sync_buttons()

    @property
    def page(self) -> discord.Embed:
        """The page shown now."""
        return self.pages[self.position]

    def _sync_buttons(self) -> None:
        self.previous_button.disabled = self.position == 0
        self.next_button.disabled = self.position >= len(self.pages) - 1

    async def turn(self, interaction: discord.Interaction[Any], step: int) -> None:
        """Show the page ``step`` away (clamped), updating the message in place."""
        self.position = max(0, min(len(self.pages) - 1, self.position + step))
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.page, view=self, allowed_mentions=NO_MENTIONS)

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        """Let only the asker turn pages; tell anyone else how to get their own."""
        if interaction.user.id == self.owner_id:
            return True
        await tell(interaction, label("not_yours", self.lang))
        return False

    async def on_timeout(self) -> None:
        """Remove the buttons once they stop working."""
        if self.message is not None:
            try:
                await self.message.edit(view=None)
            except discord.HTTPException:
                log.debug("could not remove the buttons of message %s", self.message.id)

    async def on_error(self, interaction: discord.Interaction[Any], error: Exception, item: Any, /) -> None:
        """Log the traceback; show the user a short message."""
        log.error("button %s failed", getattr(item, "label", item), exc_info=error)
        await tell(interaction, label("error", self.lang))


async def tell(interaction: discord.Interaction[Any], text: str) -> None:
    """Send ``text`` privately (cut to Discord's 2000 characters), whether or not the interaction was answered yet."""
    text = truncate(text, CONTENT_LIMIT)
    mark(interaction, "refused")
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException:
        log.warning("could not tell the user about an error (interaction %s)", interaction.id)
