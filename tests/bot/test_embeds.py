"""Embeds stay inside Discord's limits and keep article text inert."""

import discord

from bot.embeds import (
    DESCRIPTION_LIMIT,
    MESSAGE_EMBED_CHARS,
    TITLE_LIMIT,
    delegation_embeds,
    escape,
    paged_embeds,
    passage_embed,
    timeline_embeds,
    truncate,
)
from corpus.delegations import parse_delegations
from corpus.timeline import extract_events
from retrieval.types import Answer, Citation, Passage, Short


def test_truncate_prefers_a_sentence_end():
    text = "一文目です。二文目です。" + "長い" * 100
    cut = truncate(text, 20)
    assert cut == "一文目です。二文目です。…"
    assert len(truncate("word " * 100, 50)) <= 50
    assert truncate("short", 10) == "short"


def test_escape_neutralises_markdown_and_mentions():
    text = "**bold** _it_ `code` > quote\n# heading\n- list [link](http://x) @everyone <@&900000000000000777>"
    out = escape(text)
    assert "\\*\\*bold\\*\\*" in out
    assert "\\# heading" in out
    assert "\\- list" in out
    assert "@\u200beveryone" in out
    assert "<@&900000000000000777>" not in out


def test_a_huge_passage_fits_one_embed():
    sentence = "バイデンとプーチンは会談した。[1] "
    passage = Passage(
        "長い" * 200, sentence * 500, sentence.strip(), tuple(Citation(n, "x" * 900) for n in range(1, 6)), 1
    )
    embed = passage_embed(Answer("q" * 3000, True, (passage,)), 0, "en")
    assert len(embed.title) <= TITLE_LIMIT
    assert len(embed.description) <= DESCRIPTION_LIMIT
    assert all(len(f.value) <= 1024 for f in embed.fields)
    assert len(embed) <= MESSAGE_EMBED_CHARS
    assert embed.description.rstrip().endswith("…")


def test_paging_splits_long_lists_within_limits():
    lines = [f"line {i} " + "あ" * 300 for i in range(60)]
    pages = paged_embeds("title", lines)
    assert len(pages) > 1
    assert all(len(p) <= MESSAGE_EMBED_CHARS and len(p.description) <= DESCRIPTION_LIMIT for p in pages)
    assert pages[0].footer.text.startswith("Page 1 of")
    assert sum(p.description.count("line ") for p in pages) == 60


def test_delegation_and_timeline_pages_carry_footnotes(article):
    delegations = delegation_embeds(parse_delegations(article), {article.title: article.references}, "ja")
    assert [e.title for e in delegations] == ["アメリカ合衆国の代表団 (7)", "ロシアの代表団 (9)"]
    assert "[32] " in delegations[0].description
    timeline = timeline_embeds(extract_events(article), {article.title: article.references}, "en")
    assert all(isinstance(e, discord.Embed) and len(e) <= MESSAGE_EMBED_CHARS for e in timeline)
    assert timeline[0].description.startswith("`1955`")
    assert timeline[0].footer.text == f"Page 1 of {len(timeline)}"


def _short_answer(display="16 June 2021", text="2021年6月16日"):
    passage = Passage("2021年米露首脳会談", "会談は2021年6月16日に開かれた。[1]", "会談は2021年6月16日に開かれた。[1]",
                      (Citation(1, "ref"),), 1.0)  # fmt: skip
    return Answer("When was the summit?", True, (passage, passage), short=Short(text, display, "date", (1,)))


def test_short_answer_is_the_first_line_in_bold_with_its_footnotes():
    embed = passage_embed(_short_answer(), 0, "en")
    first = embed.description.split("\n")[0]
    assert first == "**16 June 2021** (2021年6月16日) [1]"
    assert "**" not in passage_embed(_short_answer(), 1, "en").description.split("\n")[0]


def test_short_answer_in_japanese_is_shown_once_and_escaped():
    embed = passage_embed(_short_answer(display="*3時間半*", text="*3時間半*"), 0, "ja")
    assert embed.description.split("\n")[0] == "**\\*3時間半\\*** [1]"


def test_a_huge_short_answer_stays_within_the_limits():
    embed = passage_embed(_short_answer(display="x" * 5000, text="あ" * 5000), 0, "en")
    assert len(embed.description) <= DESCRIPTION_LIMIT
    assert len(embed.description.split("\n")[0]) < 500
    assert len(embed) <= MESSAGE_EMBED_CHARS


def test_with_two_articles_each_page_names_its_article_and_resolves_its_own_footnotes(article):
    from corpus.parsing import read_article
    from tests.conftest import AKASHI_PATH

    other = read_article(AKASHI_PATH)
    references = {article.title: article.references, other.title: other.references}
    delegations = delegation_embeds(parse_delegations(article), references, "en")
    assert delegations[0].title.startswith(f"{article.title} · ")
    assert f"[32] {article.references[32][:20]}" in delegations[0].description
    events = sorted(extract_events(article) + extract_events(other), key=lambda e: e.when.sort_key())
    pages = timeline_embeds(events, references, "en")
    text = "\n".join(p.description for p in pages)
    assert f"*{other.title} · " in text and f"*{article.title} · " in text
    first_other = next(e for e in events if e.document == other.title and e.footnotes)
    n = first_other.footnotes[0]
    assert f"{other.title} · [{n}] {other.references[n][:15]}" in text


def test_a_one_sentence_passage_prints_its_sentence_once():
    from bot.embeds import passage_embed
    from retrieval.types import Answer, Citation, Passage

    sentence = "会談はヴィララグランジで開かれた。"
    answer = Answer("Where?", True, (Passage("会場", sentence + "[2]", sentence, (Citation(2, "W"),), 0.9),))
    description = passage_embed(answer, 0, "ja").description
    assert description.count("ヴィララグランジ") == 1
    assert description.startswith("> ")
    longer = Answer("Where?", True, (Passage("会場", sentence + "別の文。", sentence, (), 0.9),))
    assert passage_embed(longer, 0, "ja").description.count("ヴィララグランジ") == 2
