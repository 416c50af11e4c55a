"""discord.py's transport made safe for bad input: tolerant JSON, and a first gateway connection that fails fast."""

from __future__ import annotations

import json
import logging
from typing import Any

import aiohttp
import discord
import discord.utils

from config.errors import DiscordUnavailableError
from retrieval.question import repair_text

log = logging.getLogger(__name__)
_strict_json = discord.utils._from_json


def _repaired(value: Any) -> Any:
    """``value`` (parsed JSON) with every lone surrogate in its strings replaced by U+FFFD."""
    if isinstance(value, str):
        return repair_text(value)
    if isinstance(value, list):
        return [_repaired(item) for item in value]
    if isinstance(value, dict):
        return {repair_text(key): _repaired(item) for key, item in value.items()}
    return value


def tolerant_json(text: str | bytes | bytearray | memoryview) -> Any:
    """Parse a gateway frame or a REST body; a lone surrogate becomes U+FFFD instead of an error.

    A lone surrogate escape (backslash, ``ud800``) is valid JSON but not valid Unicode: orjson (discord.py's parser
    when installed) refuses it, and the error would end the gateway connection and the bot.

    Raises:
        ValueError: the text is not JSON at all.

    """
    try:
        return _strict_json(text)
    except ValueError:
        # The standard parser keeps lone surrogates; repair them.
        parsed = json.loads(bytes(text) if isinstance(text, memoryview) else text)
        log.info("repaired lone surrogates in a message from Discord")
        return _repaired(parsed)


def install_tolerant_json() -> None:
    """Make discord.py parse everything Discord sends with ``tolerant_json``."""
    discord.utils._from_json = tolerant_json


def fail_fast_on_first_connect(bot: discord.Client, *, gateway_url: str) -> None:
    """Make the first gateway connection raise DiscordUnavailableError instead of retrying forever.

    discord.py retries a failed connection with back-off and a logged traceback each time; at start that only hides
    a wrong setting or a missing network. Later reconnects keep discord.py's retries.
    """
    http = bot.http
    connect = http.ws_connect

    async def first(url: str, *, compress: int = 0) -> aiohttp.ClientWebSocketResponse:
        http.ws_connect = connect  # type: ignore[method-assign]
        try:
            return await connect(url, compress=compress)
        except (aiohttp.ClientError, OSError) as exc:  # OSError includes TimeoutError
            raise DiscordUnavailableError(
                f"cannot reach Discord's gateway at {gateway_url} ({exc}); check the network or "
                "SUMMIT_DISCORD__GATEWAY_URL"
            ) from None

    http.ws_connect = first  # type: ignore[method-assign]
