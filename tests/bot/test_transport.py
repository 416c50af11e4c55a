"""What discord.py reads from Discord: a lone surrogate is repaired, not fatal."""

import discord.utils
import pytest

from bot.transport import install_tolerant_json, tolerant_json

FRAME = '{"op": 0, "t": "INTERACTION_CREATE", "d": {"data": {"options": [{"value": "Who \\ud800 met?"}]}}}'


def test_a_lone_surrogate_escape_becomes_a_replacement_character():
    frame = tolerant_json(FRAME.encode())
    value = frame["d"]["data"]["options"][0]["value"]
    assert value == "Who \ufffd met?"
    value.encode("utf-8")  # would raise on a surrogate


def test_ordinary_frames_are_parsed_as_before():
    assert tolerant_json('{"a": ["会場", 1, null, {"b": "\\ud83d\\ude00"}]}') == {"a": ["会場", 1, None, {"b": "😀"}]}


def test_text_that_is_not_json_is_still_an_error():
    with pytest.raises(ValueError, match="Expecting"):
        tolerant_json("{bad")


def test_installed_into_discord_py(monkeypatch):
    monkeypatch.setattr(discord.utils, "_from_json", discord.utils._from_json)
    install_tolerant_json()
    assert discord.utils._from_json is tolerant_json
