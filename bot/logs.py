"""Logging for the entry points: handlers, token redaction, and the one line logged per command."""

from __future__ import annotations

import logging
import re
import sys
import time
from typing import Any, Literal, TextIO

import discord

log = logging.getLogger(__name__)
Outcome = Literal["answered", "refused", "error"]
_REDACTED = "[redacted]"
#: Where secrets appear in what discord.py logs at DEBUG: interaction and webhook tokens in URLs, the
#: ``token`` key of gateway payloads (printed as JSON or as a dict), and an ``Authorization: Bot`` header.
_SECRETS = re.compile(
    r"""
    (?P<keep>/interactions/\d+/ | /webhooks/\d+/ | ['"]token['"]\s*:\s*['"] | \bBot\s+)
    [^/?&\s'"]+
    """,
    re.VERBOSE,
)


def redact(text: str) -> str:
    """``text`` with interaction, webhook and bot tokens replaced by ``[redacted]``."""
    return _SECRETS.sub(lambda m: m["keep"] + _REDACTED, text)


class RedactTokens(logging.Filter):
    """Rewrites each record so that no token reaches a log (discord.py prints request URLs that carry them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the formatted message in place; never drop a record."""
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def configure_logging(level: str, *, stream: TextIO | None = None) -> None:
    """Log every logger's records at ``level`` and above to ``stream`` (stderr), with tokens redacted."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactTokens())
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
    # The Chroma client's HTTP library logs a line per request (a server-mode question makes two or three):
    # they would bury the one line per command, and its lower levels show request headers (the Chroma token).
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)


def start_timing(interaction: discord.Interaction[Any]) -> None:
    """Note when the bot started on ``interaction`` (for the latency in its log line)."""
    interaction.extras["started"] = time.perf_counter()


def mark(interaction: discord.Interaction[Any], outcome: Outcome) -> None:
    """Record how the command ended, for its log line; a command not marked was answered."""
    interaction.extras["outcome"] = outcome


def log_handled(interaction: discord.Interaction[Any], outcome: Outcome | None = None) -> None:
    """The one INFO line per command: its name, the user's locale, the outcome and the latency; no user text."""
    started = interaction.extras.get("started")
    latency = (time.perf_counter() - started) * 1000 if isinstance(started, float) else -1.0
    log.info(
        "command %s locale %s %s in %.0f ms",
        getattr(interaction.command, "name", "?"),
        getattr(interaction.locale, "value", interaction.locale),
        outcome or interaction.extras.get("outcome", "answered"),
        latency,
    )
