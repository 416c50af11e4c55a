"""The real `summit-bot run` driven through a fake Discord (slow: real model, subprocess, sockets).

Timings the suite saw are printed (run with -s) so the closing note can quote them.
"""

import itertools
import socket
import statistics
import subprocess
import sys
import threading
import time

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import TOKEN, bot_env
from tests.e2e.fake_discord import (
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    EPHEMERAL,
    MANAGE_GUILD,
)

pytestmark = pytest.mark.slow
ADMIN = "900000000000000099"
NO_PINGS = {"parse": []}


def user_id(n):
    return str(900000000000001000 + n)


def no_pings(message):
    allowed = message.get("allowed_mentions") or {}
    return allowed.get("parse") == [] and not allowed.get("users") and not allowed.get("roles")


def test_startup_connects_with_zlib_stream_and_syncs_commands_to_the_server(fake_discord, running_bot):
    assert fake_discord.compression == "zlib-stream"
    names = sorted((c["name"], c["type"]) for c in fake_discord.commands)
    assert names == [
        ("Ask summit-bot", 3), ("ask", 1), ("delegation", 1), ("help", 1), ("reindex", 1), ("source", 1), ("stats", 1),
        ("status", 1), ("timeline", 1),
    ]  # fmt: skip
    ask = next(c for c in fake_discord.commands if c["name"] == "ask")
    assert ask["name_localizations"]["ja"] == "質問"
    reindex = next(c for c in fake_discord.commands if c["name"] == "reindex")
    assert int(reindex["default_member_permissions"]) == MANAGE_GUILD
    paths = [r.path for r in fake_discord.requests]
    assert paths.index("/users/@me") < paths.index("/oauth2/applications/@me")
    assert any(p.endswith("/commands") for p in paths)


def test_ask_in_japanese_is_deferred_then_answered_with_citations(fake_discord, running_bot, timings):
    sent = fake_discord.command(
        "ask", {"question": "米国の代表団には誰がいましたか？"}, locale="ja", user_id=user_id(1)
    )
    reply = fake_discord.answered(sent)
    assert sent.callbacks[0][1]["type"] == DEFERRED_CHANNEL_MESSAGE
    assert sent.acked_after() < 3
    embed = reply["embeds"][0]
    assert embed["title"].startswith("委任")
    assert embed["description"].startswith("> ")
    assert embed["fields"][0]["name"] == "出典"
    assert embed["fields"][0]["value"].startswith("[32] ")
    assert "パッセージ 1/" in embed["footer"]["text"]
    labels = [c["label"] for row in reply["components"] for c in row["components"]]
    assert labels == ["前へ", "次のパッセージ", "出典", "👍", "👎", "続けて質問"]
    assert no_pings(reply)
    timings.append(
        f"/ask ja: acknowledged in {sent.acked_after() * 1000:.0f} ms, "
        f"answered in {fake_discord.answered_after(sent) * 1000:.0f} ms"
    )


def test_ask_in_english_pages_passages_and_shows_references(fake_discord, running_bot):
    asker = user_id(2)
    sent = fake_discord.command("ask", {"question": "Who was in the Russian delegation?"}, user_id=asker)
    reply = fake_discord.answered(sent)
    first = reply["embeds"][0]
    assert "ロシアの代表団" in first["title"]
    assert first["footer"]["text"].startswith("Passage 1 of 3")
    turned = fake_discord.answered(fake_discord.click(reply, "Next passage", user_id=asker))
    assert turned["id"] == reply["id"]
    assert turned["embeds"][0]["footer"]["text"].startswith("Passage 2 of 3")
    stranger = fake_discord.click(turned, "Next passage", user_id=user_id(3))  # Discord sends the current buttons
    refusal = fake_discord.answered(stranger)
    assert refusal["flags"] & EPHEMERAL
    assert "Only the person who asked" in refusal["content"]
    refs_click = fake_discord.click(turned, "References", user_id=user_id(3))
    refs = fake_discord.answered(refs_click)
    assert refs_click.callbacks[0][1]["type"] == CHANNEL_MESSAGE
    assert refs["flags"] & EPHEMERAL
    assert refs["embeds"][0]["title"] == "References"


def test_private_option_makes_the_answer_ephemeral(fake_discord, running_bot):
    sent = fake_discord.command("ask", {"question": "Where was the summit held?", "private": True}, user_id=user_id(4))
    fake_discord.answered(sent)
    assert sent.callbacks[0][1]["data"]["flags"] & EPHEMERAL


def test_unanswerable_question_says_the_article_does_not_cover_it(fake_discord, running_bot):
    sent = fake_discord.command("ask", {"question": "What is the boiling point of mercury?"}, user_id=user_id(5))
    embed = fake_discord.answered(sent)["embeds"][0]
    assert embed["description"] == "The article does not cover this."


@pytest.mark.parametrize(("question", "reason"), [("   ", "empty"), ("x" * 1500, "1000")])
def test_empty_or_huge_question_gets_a_clear_private_message(fake_discord, running_bot, question, reason):
    sent = fake_discord.command("ask", {"question": question}, user_id=user_id(6))
    reply = fake_discord.answered(sent)
    assert sent.callbacks[0][1]["type"] == CHANNEL_MESSAGE
    assert reply["flags"] & EPHEMERAL
    assert reason in reply["content"]


def test_mentions_in_a_question_ping_nobody(fake_discord, running_bot):
    question = "@everyone @here <@&900000000000000777> <@900000000000000040> who was in the Russian delegation?"
    sent = fake_discord.command("ask", {"question": question}, user_id=user_id(7))
    reply = fake_discord.answered(sent)
    assert no_pings(reply)
    footer = reply["embeds"][0]["footer"]["text"]
    assert "@everyone" not in footer  # escaped with a zero-width space
    assert "@\u200beveryone" in footer
    every_message = fake_discord.sent_messages()
    assert all(no_pings(m) for m in every_message if m.get("allowed_mentions") is not None)


def test_message_menu_asks_the_selected_text(fake_discord, running_bot):
    sent = fake_discord.message_command("Ask summit-bot", "プーチンはバイデンをどう評価しましたか")
    reply = fake_discord.answered(sent)
    assert sent.callbacks[0][1]["data"]["flags"] & EPHEMERAL
    assert reply["embeds"][0]["fields"][0]["value"].startswith("[")


def test_a_lone_surrogate_in_an_interaction_is_answered_and_the_bot_goes_on(fake_discord, running_bot):
    # The fake writes JSON with ASCII escapes, so Discord's frame carries "\ud800": valid JSON, not valid Unicode.
    sent = fake_discord.command("ask", {"question": "Who met Putin \ud800 in Geneva?"}, user_id=user_id(14))
    reply = fake_discord.answered(sent)
    assert "Who met Putin \ufffd in Geneva?" in reply["embeds"][0]["footer"]["text"]
    assert running_bot.process.poll() is None
    after = fake_discord.answered(fake_discord.command("delegation", {"side": "\udcff"}, user_id=user_id(14)))
    assert after["flags"] & EPHEMERAL
    assert "\ufffd" in after["content"]


def test_delegation_shows_both_sides_in_one_message(fake_discord, running_bot):
    sent = fake_discord.command("delegation", user_id=user_id(8))
    reply = fake_discord.answered(sent)
    assert [e["title"] for e in reply["embeds"]] == ["アメリカ合衆国の代表団 (7)", "ロシアの代表団 (9)"]
    assert "**アントニー・ブリンケン** — 国務長官 [32]" in reply["embeds"][0]["description"]
    assert not reply["components"]
    only_russia = fake_discord.answered(fake_discord.command("delegation", {"side": "Russia"}, user_id=user_id(8)))
    assert [e["title"] for e in only_russia["embeds"]] == ["ロシアの代表団 (9)"]
    assert not only_russia["components"]


def test_timeline_with_range_and_a_bad_date(fake_discord, running_bot):
    reply = fake_discord.answered(
        fake_discord.command("timeline", {"from": "2021-06-14", "to": "2021-06-17"}, user_id=user_id(9))
    )
    text = reply["embeds"][0]["description"]
    assert text.index("`2021-06-14`") < text.index("`2021-06-15`") < text.index("`2021-06-17`")
    assert "[19][20]" in text
    bad = fake_discord.answered(fake_discord.command("timeline", {"from": "2021-13"}, user_id=user_id(9)))
    assert bad["flags"] & EPHEMERAL
    assert "month must be in 1..12" in bad["content"]


def test_source_and_a_missing_source(fake_discord, running_bot):
    reply = fake_discord.answered(fake_discord.command("source", {"number": 35}, user_id=user_id(10)))
    assert reply["embeds"][0]["title"] == "Reference [35]"
    assert "CBS" in reply["embeds"][0]["description"]
    missing = fake_discord.answered(fake_discord.command("source", {"number": 99}, user_id=user_id(10)))
    assert missing["flags"] & EPHEMERAL
    assert "no reference 99" in missing["content"]


def test_help_in_the_users_language(fake_discord, running_bot):
    reply = fake_discord.answered(fake_discord.command("help", locale="ja", user_id=user_id(11)))
    assert reply["embeds"][0]["title"] == "summit-bot の使い方"
    assert reply["flags"] & EPHEMERAL


def test_cooldown_tells_a_fast_asker_to_wait(fake_discord, running_bot):
    asker = user_id(12)
    for _ in range(3):
        fake_discord.answered(fake_discord.command("ask", {"question": "会場はどこ？"}, user_id=asker))
    reply = fake_discord.answered(fake_discord.command("ask", {"question": "会場はどこ？"}, user_id=asker))
    assert reply["flags"] & EPHEMERAL
    assert "try again in" in reply["content"]


def test_reindex_is_refused_for_a_plain_member(fake_discord, running_bot):
    sent = fake_discord.command("reindex", user_id=user_id(13), permissions=1024)
    reply = fake_discord.answered(sent)
    assert reply["flags"] & EPHEMERAL
    assert "Manage Server" in reply["content"]


def test_reindex_by_an_admin_while_ten_questions_are_answered(fake_discord, running_bot, timings):
    beats_before = len(fake_discord.heartbeats)
    started = time.monotonic()
    reindex = fake_discord.command("reindex", user_id=ADMIN, permissions=MANAGE_GUILD)
    fake_discord.wait(lambda: reindex.callbacks, 10, "the reindex to be acknowledged")
    questions = [
        "会場はどこ？", "Who was in the US delegation?", "サミットの翌日に何があった？", "How long did the talks last?",
        "バイデンはプーチンに何を贈った？", "What did they agree on nuclear arms?", "ロシアの代表団は？",
        "When was the summit?", "記者会見は共同でしたか？", "Which villa hosted the summit?",
    ]  # fmt: skip
    asks = []

    def ask(i, question):
        asks.append(fake_discord.command("ask", {"question": question}, user_id=user_id(20 + i)))

    threads = [threading.Thread(target=ask, args=(i, q)) for i, q in enumerate(questions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    replies = [fake_discord.answered(s, timeout=120) for s in asks]
    done = fake_discord.answered(reindex, timeout=180)
    elapsed = time.monotonic() - started
    acks = [s.acked_after() for s in asks]
    answers = [fake_discord.answered_after(s) for s in asks]
    assert all(a is not None and a < 3 for a in acks), acks
    assert all(r["embeds"] for r in replies), ([r["content"] for r in replies], running_bot.log()[-4000:])
    assert "Rebuilt the index: 1 document(s)" in done["content"]
    assert done["flags"] & EPHEMERAL
    busy = fake_discord.answered(fake_discord.command("reindex", user_id=ADMIN, permissions=MANAGE_GUILD))
    assert "Rebuilt" in busy["content"] or "already running" in busy["content"]
    beats = fake_discord.heartbeats[beats_before:]
    gaps = [b - a for a, b in itertools.pairwise(beats)]
    assert len(beats) >= 2 and max(gaps) < 3.0, gaps
    timings.append(
        f"reindex + 10 concurrent /ask: acknowledged median {statistics.median(acks) * 1000:.0f} ms "
        f"(max {max(acks) * 1000:.0f} ms), "
        f"answered median {statistics.median(answers):.2f} s (max {max(answers):.2f} s); "
        f"reindex done in {fake_discord.answered_after(reindex):.1f} s; whole scenario {elapsed:.1f} s; "
        f"{len(beats)} heartbeats, longest gap {max(gaps):.2f} s (interval 1.00 s)"
    )


def test_long_input_is_cut_to_fit_discords_limits(fake_discord, running_bot):
    side = fake_discord.answered(fake_discord.command("delegation", {"side": "Moon " * 1000}, user_id=user_id(16)))
    assert side["content"].startswith("No delegation matches “Moon Moon")
    assert len(side["content"]) < 300
    date = fake_discord.answered(fake_discord.command("timeline", {"from": "2021-" + "1" * 5000}, user_id=user_id(16)))
    assert "is not a date" in date["content"]
    assert len(date["content"]) < 300
    menu = fake_discord.answered(fake_discord.message_command("Ask summit-bot", "Who met Putin? " * 266))
    assert "1000" in menu["content"]


def test_discord_accepted_every_reply(fake_discord, running_bot):
    assert fake_discord.rejected == []


def test_the_token_is_never_logged(running_bot):
    log = running_bot.log()
    assert "ready as" in log
    assert TOKEN not in log


def test_an_unreachable_gateway_at_start_is_one_line(fake_discord, model_dir, tmp_path):
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        dead = f"ws://127.0.0.1:{probe.getsockname()[1]}/gateway"
    env = {
        **bot_env(fake_discord, TOKEN, SUMMIT_DATA_DIR=str(tmp_path), SUMMIT_MODEL__NAME=str(model_dir)),
        "SUMMIT_DISCORD__GATEWAY_URL": dead,
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=240
    )
    assert result.returncode == 2, result.stderr[-3000:]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert dead in errors[0]
    assert "SUMMIT_DISCORD__GATEWAY_URL" in errors[0]
    assert "Traceback" not in result.stderr


def test_one_info_line_per_command_and_no_question_or_interaction_token_in_the_log(fake_discord, running_bot):
    names = {c["name"] for c in fake_discord.commands}
    commands = [s for s in fake_discord.interactions.values() if s.kind in names]

    def command_lines():
        return [line for line in running_bot.log().splitlines() if line.startswith("INFO bot.logs: command ")]

    fake_discord.wait(lambda: len(command_lines()) >= len(commands), 10, "a log line for every command")
    lines = command_lines()
    assert len(lines) == len(commands)
    assert any(line.startswith("INFO bot.logs: command ask locale ja answered in ") for line in lines)
    assert any(line.startswith("INFO bot.logs: command delegation locale en-US refused in ") for line in lines)
    assert any(line.startswith("INFO bot.logs: command reindex locale en-US refused in ") for line in lines)
    log = running_bot.log()
    info = "\n".join(line for line in log.splitlines() if line.startswith(("INFO ", "WARNING ", "ERROR ")))
    for question in [
        "米国の代表団には誰がいましたか",
        "Who was in the Russian delegation",
        "Where was the summit held",
    ]:
        assert question in log  # DEBUG shows the gateway's events...
        assert question not in info  # ...INFO and above never
    assert "/interactions/" in log  # discord.py's request lines were logged...
    assert "[redacted]" in log  # ...with their tokens taken out
    assert all(sent.token not in log for sent in fake_discord.interactions.values())


def sync_run(fake_discord, token):
    env = bot_env(fake_discord, token)
    return subprocess.run(
        [sys.executable, "-m", "bot", "sync"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_sync_command_registers_the_commands(fake_discord):
    result = sync_run(fake_discord, TOKEN)
    assert result.returncode == 0, result.stderr
    assert "synced 9 commands to server" in result.stdout


def test_a_rejected_token_is_one_clear_line(fake_discord):
    result = sync_run(fake_discord, "not-the-token")
    assert result.returncode == 2
    assert "Discord rejected DISCORD_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr
    assert "not-the-token" not in result.stderr
