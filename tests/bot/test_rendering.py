"""The console's plain-text answer: the short answer first, then the passages."""

from bot.rendering import render_answer, short_text
from retrieval.types import Answer, Citation, Passage, Short

_PASSAGE = Passage("ミーティングセッション", "会談は合計3時間半続き[35] 、予定よりも短い時間でした。",
                   "会談は合計3時間半続き[35] 、予定よりも短い時間でした。", (Citation(35, "CBS"),), 1.0)  # fmt: skip


def test_console_shows_the_short_answer_first():
    answer = Answer(
        "How long did the meeting last?", True, (_PASSAGE,), short=Short("3時間半", "3.5 hours", "duration", (35,))
    )
    lines = render_answer(answer).splitlines()
    assert lines[0] == "Answer: 3.5 hours (3時間半) [35]"
    assert lines[2].startswith("[1] ミーティングセッション")


def test_japanese_display_is_not_repeated():
    assert short_text(Short("3時間半", "3時間半", "duration", (35,))) == "3時間半 [35]"
    assert short_text(Short("ヴィララグランジ", "ヴィララグランジ", "place", ())) == "ヴィララグランジ"


def test_no_short_answer_no_answer_line():
    assert not render_answer(Answer("q", True, (_PASSAGE,))).startswith("Answer:")
    refused = render_answer(Answer("q", False, (_PASSAGE,), short=None))
    assert refused.startswith("The article does not cover this.")


def test_a_refusal_names_what_the_article_does_not_mention():
    refused = render_answer(Answer("Which hotel?", False, (_PASSAGE,), "the article does not mention hotel"))
    assert refused.startswith("The article does not mention hotel.\nClosest sections: ")
    greeting = render_answer(Answer("hello", False, (), "not a question about the article"))
    assert greeting == "The article does not cover this."
