"""Conversation through the fake Discord: mentions, follow-ups, votes, /stats, and buttons after a restart (slow)."""

import time

import pytest

from bot.store import Store
from tests.e2e.conftest import start_bot, stop_bot
from tests.e2e.fake_discord import EPHEMERAL, MANAGE_GUILD, MODAL

pytestmark = pytest.mark.slow
ADMIN = "900000000000000099"


def member(n):
    return str(900000000000002000 + n)


def no_pings(message):
    allowed = message.get("allowed_mentions") or {}
    return allowed.get("parse") == [] and not allowed.get("users") and not allowed.get("roles")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("conversation-data")


@pytest.fixture(scope="module")
def bot(fake_discord, model_dir, data_dir):
    holder = {"bot": start_bot(fake_discord, data_dir, model_dir)}
    yield holder
    stop_bot(holder["bot"])


@pytest.fixture(scope="module")
def shared():
    return {}


def labels_of(message):
    return [c["label"] for row in message["components"] for c in row["components"]]


def test_a_mention_is_answered_as_a_reply_and_a_bot_or_an_unaddressed_message_is_ignored(fake_discord, bot):
    from_bot = fake_discord.post("Where was the summit held?", author_id=member(90), bot=True)
    unaddressed = fake_discord.post("Where was the summit held?", author_id=member(1), mention=False)
    asked = fake_discord.post("会談はどの建物で開かれましたか？", author_id=member(1))
    reply = fake_discord.reply_to(asked)
    assert str(reply["message_reference"]["message_id"]) == asked["id"]
    assert no_pings(reply)
    assert "ヴィラ" in reply["embeds"][0]["description"]
    assert labels_of(reply)[-3:] == ["👍", "👎", "続けて質問"]
    time.sleep(1.0)
    assert fake_discord.replies_to(from_bot) == []
    assert fake_discord.replies_to(unaddressed) == []


def test_a_reply_to_an_answer_is_a_follow_up_in_japanese(fake_discord, bot, data_dir):
    first = fake_discord.reply_to(fake_discord.post("米国の代表団には誰がいましたか？", author_id=member(2)))
    assert first["embeds"][0]["title"].endswith("アメリカ合衆国の代表団")
    store = Store(data_dir / "summit.sqlite3")  # the bot notes the message id once Discord has returned it
    fake_discord.wait(lambda: store.by_message(int(first["id"])), 10, "the answer's message id to be stored")
    followup = fake_discord.post("ロシア側は？", author_id=member(2), reply_to=first)
    answer = fake_discord.reply_to(followup)
    embed = answer["embeds"][0]
    assert embed["title"].endswith("ロシアの代表団")
    assert "代表団について、ロシア側は" in embed["footer"]["text"]  # the question as it was understood


def test_the_follow_up_button_answers_in_a_thread_with_context_in_english(fake_discord, bot, shared):
    asker = member(3)
    sent = fake_discord.command("ask", {"question": "Who was in the US delegation?"}, user_id=asker)
    first = fake_discord.answered(sent)
    shared["paged"] = (first, asker)
    opened = fake_discord.click(first, "Follow up", user_id=asker)
    fake_discord.wait(lambda: any(b.get("type") == MODAL for _, b in opened.callbacks), 10, "the follow-up form")
    submitted = fake_discord.submit_modal(opened, ["And the Russian side?"], user_id=asker)
    note = fake_discord.answered(submitted)
    assert note["flags"] & EPHEMERAL
    assert "Answered in <#" in note["content"]
    thread = fake_discord.threads[first["id"]]
    in_thread = fake_discord.wait(lambda: fake_discord.in_channel(thread["id"]), 30, "the answer in the thread")
    embed = in_thread[0]["embeds"][0]
    assert embed["title"].endswith("ロシアの代表団")
    assert "About delegation: And the Russian side?" in embed["footer"]["text"]
    assert no_pings(in_thread[0])


def test_a_vote_is_stored_and_counted_once_per_person(fake_discord, bot, data_dir, shared):
    answer = fake_discord.answered(fake_discord.command("ask", {"question": "When was the summit?"}, user_id=member(4)))
    for voter in (member(5), member(5), member(6)):
        thanks = fake_discord.answered(fake_discord.click(answer, "👍", user_id=voter))
        assert thanks["flags"] & EPHEMERAL
        assert "recorded" in thanks["content"]
    answer_id = answer["components"][1]["components"][0]["custom_id"].split(":")[2]
    assert Store(data_dir / "summit.sqlite3").votes(answer_id) == (2, 0)
    shared["voted"] = answer_id


def test_stats_are_refused_to_a_plain_member_and_shown_privately_to_an_admin(fake_discord, bot):
    refused = fake_discord.answered(fake_discord.command("stats", user_id=member(7), permissions=1024))
    assert refused["flags"] & EPHEMERAL
    assert "Manage Server" in refused["content"]
    fake_discord.reply_to(fake_discord.post("What is the boiling point of mercury?", author_id=member(8)))
    shown = fake_discord.command("stats", user_id=ADMIN, permissions=MANAGE_GUILD)
    reply = fake_discord.answered(shown)
    assert shown.callbacks[0][1]["data"]["flags"] & EPHEMERAL
    embed = reply["embeds"][0]
    assert embed["title"] == "summit-bot: the last 7 days"
    assert "👍 **2**" in embed["description"]
    assert "1 × What is the boiling point of mercury?" in embed["fields"][0]["value"]


def test_buttons_sent_before_a_restart_still_work(fake_discord, bot, model_dir, data_dir, shared):
    stop_bot(bot["bot"])
    bot["bot"] = start_bot(fake_discord, data_dir, model_dir, log_name="bot-restarted.log")
    message, asker = shared["paged"]
    turned = fake_discord.answered(fake_discord.click(message, "Next passage", user_id=asker))
    assert turned["id"] == message["id"]
    assert turned["embeds"][0]["footer"]["text"].startswith("Passage 2 of 3")
    refs = fake_discord.answered(fake_discord.click(turned, "References", user_id=member(9)))
    assert refs["flags"] & EPHEMERAL and refs["embeds"][0]["title"] == "References"
    gone = fake_discord._message(
        {
            "components": [
                {
                    "type": 1,
                    "components": [
                        {"type": 2, "style": 1, "label": "Next passage", "custom_id": "summit:pg:000000000000:1:n"}
                    ],
                }
            ]
        }
    )
    expired = fake_discord.answered(fake_discord.click(gone, "Next passage", user_id=asker))
    assert expired["flags"] & EPHEMERAL
    assert "no longer" in expired["content"]
    assert fake_discord.rejected == []
