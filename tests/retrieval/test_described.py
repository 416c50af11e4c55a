"""Details a question asks to be described (food, weather, colour), read against the articles' real passages."""

from __future__ import annotations

import pytest

from retrieval.described import asked_details, details_missing
from tests.conftest import AKASHI_PATH

ARTICLES = AKASHI_PATH.parent


def _paragraph(article: str, fragment: str) -> str:
    text = (ARTICLES / article).read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if fragment in line)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("What did Biden and Putin have for lunch at the villa?", {"what was eaten"}),
        ("what food did they serve at that dinner?", {"what was eaten"}),
        ("What was served at the leaders' working dinner?", {"what was eaten"}),
        ("会談の日の昼食では何が出されたの？", {"what was eaten"}),
        ("晩餐会のメニューって何だった?", {"what was eaten"}),
        ("打ち上げ当日の天気はどうだった?", {"the weather"}),
        ("明石海峡大橋は何色に塗装されていますか", {"the colour"}),
        # Not asking what was eaten, nor weather or colour.
        ("Which member of the delegation served as minister of state?", set()),
        ("how did they make the emergency food last before anyone found them?", set()),
        ("who was meant to host the dinner on the first night?", set()),
        ("夕食会の取材から外された記者って何社だったっけ", set()),
    ],
)
def test_asked_details(question, asked):
    assert asked_details(question) == asked


def test_a_dinner_without_its_dishes_does_not_say_what_was_eaten():
    # The G7's working dinner: where and when, never what was served.
    passage = _paragraph("g7-hiroshima-summit.ja.txt", "1日目のワーキング・ディナーの会場")
    assert details_missing("What was served at the leaders' working dinner on Miyajima?", [passage]) == [
        "what was eaten"
    ]


@pytest.mark.parametrize(
    ("article", "fragment", "question"),
    [
        ("vienna-summit-1961.ja.txt", "晩餐会のメニューは", "What was on the menu at the state dinner?"),
        ("hanoi-summit-2019.ja.txt", "夕食会のメニューは", "夕食会では何が出されたの？"),
        ("suez-canal-2021.ja.txt", "強風と砂嵐の中を北上中", "what was the weather like when the ship ran aground?"),
        ("copiapo-2010.ja.txt", "国旗の色である", "what colours was the capsule painted?"),
    ],
)
def test_a_passage_telling_the_detail_answers(article, fragment, question):
    assert details_missing(question, [_paragraph(article, fragment)]) == []


def test_the_detail_told_in_any_of_the_best_passages_is_enough():
    dinner = _paragraph("g7-hiroshima-summit.ja.txt", "1日目のワーキング・ディナーの会場")
    menu = _paragraph("vienna-summit-1961.ja.txt", "晩餐会のメニューは")
    assert details_missing("What was on the menu?", [dinner, menu]) == []
    assert details_missing("Who chaired the session?", [dinner]) == []


def test_a_language_asked_is_told_only_by_a_passage_naming_one():
    assert asked_details("オタワの共同声明って何語で発表されたの") == {"the language"}
    assert asked_details("what language was the communique written in?") == {"the language"}
    assert asked_details("誰が通訳したの？") == frozenset()
    statement = _paragraph("two-plus-four-treaty-1990.ja.txt", "わずか4文からなる共同声明")
    assert details_missing("オタワの共同声明って何語で発表されたの", [statement]) == ["the language"]
    texts = _paragraph("two-plus-four-treaty-1990.ja.txt", "4つの言語の本文がひとしく正文")
    assert details_missing("what languages is the treaty in?", [texts]) == []
