"""The cogs against spec'd mocks of discord.py objects: what each command sends, and when."""

import asyncio
import dataclasses
import logging
import tempfile
from pathlib import Path
from unittest.mock import MagicMock

import discord
import pytest
from discord import app_commands

from bot.client import SummitBot
from bot.cogs.admin import AdminCog
from bot.cogs.ask import AskCog, Cooldowns
from bot.cogs.views import ViewsCog
from bot.conversations import Conversations
from bot.embeds import not_covered_embed, passage_embed
from bot.store import Store
from config.settings import Settings
from corpus import load_corpus
from retrieval.answering import Answerer, AnswerPolicy
from retrieval.index import BuildReport, document_info
from retrieval.types import Answer, Citation, Passage
from tests.conftest import AKASHI_PATH, ARTICLE_PATH, CORPUS_DIR, corpus_of
from tests.e2e.fake_discord import limit_problems

DOCUMENTS = {d.id: document_info(d) for d in load_corpus(CORPUS_DIR).documents}


def make_bot(**discord_settings):
    bot = MagicMock(spec=SummitBot)
    bot.settings = Settings(_env_file=None, discord=discord_settings)  # type: ignore[call-arg]
    bot.answerer = MagicMock(spec=Answerer)
    bot.answerer.policy = AnswerPolicy()
    bot.answerer.index.documents = DOCUMENTS
    bot.tree = MagicMock(spec=app_commands.CommandTree)
    bot.store = Store(Path(tempfile.mkdtemp()) / "summit.sqlite3")
    bot.conversations = Conversations(size=10, max_age=60)
    return bot


def make_interaction(*, user_id=1, locale=discord.Locale.american_english, permissions=None, done=False):
    interaction = MagicMock(spec=discord.Interaction)
    interaction.id = 42
    interaction.locale = locale
    interaction.user = MagicMock(spec=discord.Member)
    interaction.user.id = user_id
    interaction.guild_id = 7
    interaction.permissions = permissions or discord.Permissions.none()
    interaction.response = MagicMock(spec=discord.InteractionResponse)
    interaction.response.is_done.return_value = done
    interaction.followup = MagicMock(spec=discord.Webhook)
    return interaction


ANSWER = Answer(
    "Where?",
    answered=True,
    passages=(
        Passage(
            "会場",
            "会談はヴィララグランジで開かれた。[2]",
            "会談はヴィララグランジで開かれた。",
            (Citation(2, "Walters"),),
            0.9,
        ),
        Passage("背景", "別の文。", "別の文。", (), 0.5),
    ),
)


def test_ask_defers_then_sends_the_first_passage_with_buttons_and_no_pings():
    bot = make_bot()
    bot.answerer.answer.return_value = ANSWER
    cog = AskCog(bot)
    interaction = make_interaction()
    asyncio.run(cog.ask.callback(cog, interaction, "Where?"))
    interaction.response.defer.assert_awaited_once_with(ephemeral=False, thinking=True)
    bot.answerer.answer.assert_called_once_with("Where?")
    kwargs = interaction.followup.send.await_args.kwargs
    assert kwargs["allowed_mentions"].to_dict()["parse"] == []
    assert kwargs["embed"].title == "会場"
    # the passage is its answering sentence alone: quoted once, not repeated in bold below
    assert kwargs["embed"].description == "> 会談はヴィララグランジで開かれた。"
    assert kwargs["view"].timeout is None  # persistent: the buttons are DynamicItems naming the stored answer
    labels = [c.item.label for c in kwargs["view"].children]
    assert labels == ["Previous", "Next passage", "References", "👍", "👎", "Follow up"]
    stored_id = kwargs["view"].children[0].custom_id.split(":")[2]
    assert bot.store.load(stored_id).answer == ANSWER
    assert bot.store.by_message(interaction.followup.send.return_value.id).id == stored_id


def test_a_refusal_is_a_plain_not_covered_embed():
    bot = make_bot()
    bot.answerer.answer.return_value = Answer("boiling point?", answered=False, passages=ANSWER.passages)
    cog = AskCog(bot)
    interaction = make_interaction(locale=discord.Locale.japanese)
    asyncio.run(cog.ask.callback(cog, interaction, "boiling point?", True))
    interaction.response.defer.assert_awaited_once_with(ephemeral=True, thinking=True)
    embed = interaction.followup.send.await_args.kwargs["embed"]
    assert embed.description == "この記事には、その答えは書かれていません。"
    view = interaction.followup.send.await_args.kwargs["view"]
    assert [c.item.label for c in view.children] == ["👍", "👎"]  # a refusal can be voted on, not paged


@pytest.mark.parametrize("question", ["", "   ", "x" * 5000])
def test_bad_question_is_refused_privately_before_any_work(question):
    bot = make_bot()
    cog = AskCog(bot)
    interaction = make_interaction()
    asyncio.run(cog.ask.callback(cog, interaction, question))
    interaction.response.defer.assert_not_awaited()
    bot.answerer.answer.assert_not_called()
    args, kwargs = interaction.response.send_message.await_args
    assert kwargs["ephemeral"] is True
    assert args[0].startswith("I cannot take that question")


def test_cooldown_counts_per_member():
    cooldowns = Cooldowns(rate=2, per=60)
    assert cooldowns.retry_after(1) == 0
    assert cooldowns.retry_after(1) == 0
    assert cooldowns.retry_after(1) > 0
    assert cooldowns.retry_after(2) == 0
    assert Cooldowns(rate=1, per=0).retry_after(1) == 0


def test_cooldown_buckets_of_members_who_stopped_asking_are_evicted():
    now = [1000.0]
    cooldowns = Cooldowns(rate=2, per=30, clock=lambda: now[0])
    for member in range(100):
        cooldowns.retry_after(member)
    assert len(cooldowns) == 100
    now[0] += 31
    assert cooldowns.retry_after(5000) == 0
    assert len(cooldowns) == 1
    cooldowns.retry_after(5000)
    assert cooldowns.retry_after(5000) > 0  # eviction never forgives a member still inside the window


def test_message_menu_with_no_text_says_so():
    bot = make_bot()
    cog = AskCog(bot)
    interaction = make_interaction()
    message = MagicMock(spec=discord.Message)
    message.content = "  "
    asyncio.run(cog.ask_message(interaction, message))
    args, kwargs = interaction.response.send_message.await_args
    assert "no text" in args[0]
    assert kwargs["ephemeral"] is True


def test_reindex_refused_without_manage_server_even_if_discord_showed_the_command():
    bot = make_bot()
    cog = AdminCog(bot)
    interaction = make_interaction(permissions=discord.Permissions(send_messages=True))
    asyncio.run(cog.reindex.callback(cog, interaction))
    bot.answerer.reindex.assert_not_called()
    args, kwargs = interaction.response.send_message.await_args
    assert "Manage Server" in args[0]
    assert kwargs["ephemeral"] is True


def test_reindex_reports_what_changed_and_refuses_a_second_at_once():
    bot = make_bot()
    bot.answerer.reindex.return_value = BuildReport(1, 30, 97, 2.5, (), 29)
    cog = AdminCog(bot)
    admin = make_interaction(permissions=discord.Permissions(manage_guild=True))
    asyncio.run(cog.reindex.callback(cog, admin))
    text = admin.followup.send.await_args.args[0]
    assert "1 document(s), 30 chunks (before: 29), 97 sentences in 2.5 s" in text

    async def while_locked():
        async with cog.lock:
            second = make_interaction(permissions=discord.Permissions(administrator=True))
            await cog.reindex.callback(cog, second)
            return second

    second = asyncio.run(while_locked())
    assert "already running" in second.response.send_message.await_args.args[0]


def test_source_unknown_number_is_a_private_message():
    from config.errors import ReferenceNotFoundError

    bot = make_bot()
    bot.answerer.reference.side_effect = ReferenceNotFoundError("there is no reference 99; the article has 1 to 40")
    cog = ViewsCog(bot)
    interaction = make_interaction()
    asyncio.run(cog.source.callback(cog, interaction, 99))
    args, kwargs = interaction.response.send_message.await_args
    assert "no reference 99" in args[0]
    assert kwargs["ephemeral"] is True


def test_timeline_bad_date_names_the_format():
    cog = ViewsCog(make_bot())
    interaction = make_interaction(locale=discord.Locale.japanese)
    asyncio.run(cog.timeline.callback(cog, interaction, "June", None))
    assert "YYYY" in interaction.response.send_message.await_args.args[0]


def test_error_handler_logs_the_traceback_and_tells_the_user_briefly(caplog):
    bot = make_bot()
    interaction = make_interaction(done=True)
    command = MagicMock(spec=app_commands.Command)
    command.name = "ask"
    error = app_commands.CommandInvokeError(command, RuntimeError("boom"))
    with caplog.at_level(logging.ERROR):
        asyncio.run(SummitBot.on_app_command_error(bot, interaction, error))
    assert any(r.exc_info and "boom" in str(r.exc_info[1]) for r in caplog.records)
    args, kwargs = interaction.followup.send.await_args
    assert args[0].startswith("Something went wrong")
    assert kwargs["ephemeral"] is True


def test_source_autocomplete_matches_numbers_and_words():
    cog = ViewsCog(make_bot())
    interaction = make_interaction()
    by_number = asyncio.run(cog._source_choices(interaction, "3"))
    assert [c.value for c in by_number][:3] == [3, 30, 31]
    assert all(len(c.name) <= 100 for c in by_number)
    by_word = asyncio.run(cog._source_choices(interaction, "cnn"))
    assert by_word
    references = DOCUMENTS[next(iter(DOCUMENTS))].references
    assert all("cnn" in references[c.value].lower() for c in by_word)
    assert len(asyncio.run(cog._source_choices(interaction, ""))) == 25


def test_delegation_side_autocomplete_offers_the_headings():
    cog = ViewsCog(make_bot())
    choices = asyncio.run(cog._side_choices(make_interaction(), "ロシア"))
    assert [c.value for c in choices] == ["ロシアの代表団"]


def replied(interaction):
    """The private text reply, as Discord would receive it."""
    args, kwargs = interaction.response.send_message.await_args
    assert kwargs["ephemeral"] is True
    return args[0]


def test_a_5000_character_side_is_cut_to_fit_the_reply():
    cog = ViewsCog(make_bot())
    interaction = make_interaction()
    asyncio.run(cog.delegation.callback(cog, interaction, "Moon @everyone **" * 300))
    text = replied(interaction)
    assert text.startswith("No delegation matches “Moon @​everyone \\*\\*")
    assert len(text) < 300
    assert "…" in text


@pytest.mark.parametrize("start", ["2021-" + "9" * 5000, "x" * 5000, "2021-06-17" + " " * 3000 + "x"])
def test_a_5000_character_date_is_cut_in_the_error(start):
    cog = ViewsCog(make_bot())
    interaction = make_interaction()
    asyncio.run(cog.timeline.callback(cog, interaction, start, None))
    text = replied(interaction)
    assert "is not a date: use YYYY, YYYY-MM or YYYY-MM-DD" in text
    assert len(text) < 300


def test_a_long_error_message_is_cut_to_discords_content_limit():
    from config.errors import QuestionError

    bot = make_bot()
    interaction = make_interaction()
    command = MagicMock(spec=app_commands.Command)
    command.name = "ask"
    error = app_commands.CommandInvokeError(command, QuestionError("no " * 3000))
    asyncio.run(SummitBot.on_app_command_error(bot, interaction, error))
    text = replied(interaction)
    assert 1900 < len(text) <= 2000
    assert text.endswith("…")


def test_the_longest_question_allowed_still_fits_every_embed():
    longest = "Who met Putin? " * 700  # 10,500 characters: over the highest SUMMIT_RETRIEVAL__MAX_QUESTION_CHARS
    section = "Section " * 100
    passage = Passage(section, "文。" * 3000, "文。" * 1000, tuple(Citation(n, "ref " * 300) for n in range(40)), 0.9)
    answered = Answer(longest, answered=True, passages=(passage,) * 3)
    refused = Answer(
        longest, answered=False, passages=tuple(dataclasses.replace(passage, section=f"{section}{i}") for i in range(9))
    )
    embeds = [passage_embed(answered, 0, "en"), not_covered_embed(refused, "ja")]
    for embed in embeds:
        assert limit_problems({"embeds": [embed.to_dict()]}) == []


def real_answerer(tmp_path, corpus_dir=CORPUS_DIR):
    from retrieval.generations import IndexManager
    from retrieval.store import ChromaStore
    from tests.conftest import FakeEmbedder

    store, embedder = ChromaStore.in_memory(), FakeEmbedder()
    manager = IndexManager(store, embedder, corpus_dir=corpus_dir, state_dir=tmp_path / "state")
    return Answerer(manager=manager, store=store, embedder=embedder)


def test_status_is_refused_without_manage_server():
    bot = make_bot()
    cog = AdminCog(bot)
    interaction = make_interaction(permissions=discord.Permissions(send_messages=True))
    asyncio.run(cog.status.callback(cog, interaction))
    assert "Manage Server" in replied(interaction)
    interaction.response.defer.assert_not_awaited()


def test_status_shows_the_generation_documents_and_store_privately(tmp_path):
    bot = make_bot()
    bot.answerer = real_answerer(tmp_path)
    cog = AdminCog(bot)
    admin = make_interaction(permissions=discord.Permissions(manage_guild=True))
    asyncio.run(cog.status.callback(cog, admin))
    admin.response.defer.assert_awaited_once()
    kwargs = admin.followup.send.await_args.kwargs
    assert kwargs["ephemeral"] is True
    text = kwargs["embed"].description
    assert f"generation: {bot.answerer.index.generation}" in text
    assert "2021年米露首脳会談" in text
    assert "store: memory" in text
    assert "feedback: 0 answers shown (0 answered, 0 refused), votes +0 -0" in text


def test_source_takes_a_document_and_offers_the_titles(tmp_path):
    corpus = corpus_of(tmp_path / "corpus", ARTICLE_PATH, AKASHI_PATH)
    bot = make_bot()
    bot.answerer = real_answerer(tmp_path, corpus)
    cog = ViewsCog(bot)
    interaction = make_interaction()
    interaction.namespace = MagicMock(document="明石海峡大橋")
    titles = asyncio.run(cog._document_choices(interaction, "明石"))
    assert [c.value for c in titles] == ["明石海峡大橋"]
    numbers = asyncio.run(cog._source_choices(interaction, "1"))
    bridge_refs = bot.answerer.index.documents["akashi-kaikyo-bridge.ja"].references
    assert numbers[0].name.startswith(f"[1] {bridge_refs[1][:20]}")
    asyncio.run(cog.source.callback(cog, interaction, 1, "明石海峡大橋"))
    embed = interaction.response.send_message.await_args.kwargs["embed"]
    assert embed.title.startswith("明石海峡大橋 · ")
    missing = make_interaction()
    asyncio.run(cog.source.callback(cog, missing, 1, "Atlantis"))
    assert "no document is titled 'Atlantis'" in replied(missing)
