"""Logs: one INFO line per command with no user text, and no token ever, even in discord.py's DEBUG lines."""

import asyncio
import io
import logging
from unittest.mock import MagicMock

import discord
import pytest
from discord import app_commands

from bot.client import SummitBot, SummitTree
from bot.logs import RedactTokens, configure_logging, log_handled, mark, redact
from tests.bot.test_cogs import make_bot, make_interaction

INTERACTION_TOKEN = "aW50ZXJhY3Rpb246MTI4NDU2Nzg5MDEyMzQ1Njc4OTpzZWNyZXQ"  # noqa: S105 - a made-up token


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (f"POST https://discord.com/api/v10/interactions/1284/{INTERACTION_TOKEN}/callback?with_response=1 with "
         "{} has returned 204", "/interactions/1284/[redacted]/callback?with_response=1"),
        (f"Webhook ID 9001 with POST https://discord.com/api/v10/webhooks/9001/{INTERACTION_TOKEN}?wait=1 has "
         "returned status code 200", "/webhooks/9001/[redacted]?wait=1"),
        (f"PATCH /webhooks/9001/{INTERACTION_TOKEN}/messages/@original", "/webhooks/9001/[redacted]/messages/"),
        (f"WebSocket Event: {{'op': 0, 'd': {{'id': '5', 'token': '{INTERACTION_TOKEN}', 'type': 2}}}}",
         "'token': '[redacted]', 'type': 2"),
        (f'{{"op": 2, "d": {{"token": "{INTERACTION_TOKEN}"}}}}', '"token": "[redacted]"'),
        (f"Authorization: Bot {INTERACTION_TOKEN}", "Authorization: Bot [redacted]"),
    ],
)  # fmt: skip
def test_tokens_are_redacted_from_what_discord_py_logs(line, kept):
    assert INTERACTION_TOKEN not in redact(line)
    assert kept in redact(line)


def test_the_filter_rewrites_a_discord_http_debug_record():
    record = logging.LogRecord(
        "discord.http", logging.DEBUG, "http.py", 660, "%s %s with %s has returned %s",
        ("POST", f"http://127.0.0.1/api/v10/interactions/77/{INTERACTION_TOKEN}/callback", {"type": 5}, 204), None,
    )  # fmt: skip
    assert RedactTokens().filter(record) is True
    assert (
        record.getMessage()
        == "POST http://127.0.0.1/api/v10/interactions/77/[redacted]/callback with {'type': 5} has returned 204"
    )


@pytest.fixture
def root_logging():
    """Put the root logger back as it was after a test that configures it."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    root.handlers = []
    yield root
    root.handlers, root.level = handlers, level


def test_configured_logging_redacts_tokens_from_every_logger(root_logging):
    stream = io.StringIO()
    configure_logging("DEBUG", stream=stream)
    logging.getLogger("discord.webhook.async_").debug(
        "Webhook ID %s with %s %s has returned status code %s", 9, "POST", f"/webhooks/9/{INTERACTION_TOKEN}", 200
    )
    assert (
        stream.getvalue()
        == "DEBUG discord.webhook.async_: Webhook ID 9 with POST /webhooks/9/[redacted] has returned status code 200\n"
    )


def with_extras(interaction, name):
    interaction.extras = {}
    interaction.command = MagicMock(spec=app_commands.Command)
    interaction.command.name = name
    return interaction


def test_one_info_line_per_command_with_locale_outcome_and_latency_but_no_user_text(caplog):
    interaction = with_extras(make_interaction(locale=discord.Locale.japanese), "ask")
    assert asyncio.run(SummitTree.interaction_check(MagicMock(spec=SummitTree), interaction)) is True
    mark(interaction, "refused")
    with caplog.at_level(logging.INFO, logger="bot.logs"):
        asyncio.run(SummitBot.on_app_command_completion(make_bot(), interaction, interaction.command))
    [record] = caplog.records
    assert record.levelno == logging.INFO
    assert record.getMessage().startswith("command ask locale ja refused in ")
    assert record.getMessage().endswith(" ms")


def test_a_command_not_marked_was_answered(caplog):
    interaction = with_extras(make_interaction(), "delegation")
    with caplog.at_level(logging.INFO, logger="bot.logs"):
        log_handled(interaction)
    assert caplog.records[0].getMessage().startswith("command delegation locale en-US answered in ")


def test_a_failed_command_logs_its_line_as_an_error_and_a_user_error_as_refused(caplog):
    from config.errors import QuestionError

    bot = make_bot()
    for cause, outcome in [(RuntimeError("boom"), "error"), (QuestionError("Who met Putin secretly?"), "refused")]:
        interaction = with_extras(make_interaction(done=True), "ask")
        caplog.clear()
        with caplog.at_level(logging.INFO):
            error = app_commands.CommandInvokeError(interaction.command, cause)
            asyncio.run(SummitBot.on_app_command_error(bot, interaction, error))
        lines = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
        assert len(lines) == 1
        assert lines[0].startswith(f"command ask locale en-US {outcome} in ")
        assert all("Putin" not in r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
