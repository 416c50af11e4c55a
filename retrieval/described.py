"""What a question asks to be described (the food, the weather, a colour, a language) and whether a passage tells it.

"What did they eat for lunch?" is the on-topic question an article most often cannot answer: the passage on
the working lunch matches it as well as any answerable question, and similarity cannot see that no dish is
named. A passage that says what was eaten names food (料理, メニュー, a dish); one that tells the weather names
it (晴れ, 雨, 強風); one that gives a colour writes 色 or a colour's word, one that gives a language names one (英語,
ドイツ語). The answerer declines such a question
when none of its best passages holds any of those words, as ``measures`` does for amounts.

Pure functions over text; the patterns are matched on NFKC-normalised text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Literal

Detail = Literal["what was eaten", "the weather", "the colour", "the language"]

#: A meal, after which "served" asks what was eaten ("what was served at the working dinner").
_MEAL = r"(?:lunch|dinner|banquet|breakfast|meal|supper|feast|luncheon)"
_MEAL_JA = r"(?:昼食|夕食|朝食|晩餐|ランチ|ディナー|食事|午餐)"

#: Per detail: how a question asks for it, and the words a passage telling it would hold.
_DETAILS: dict[Detail, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "what was eaten": (
        re.compile(
            rf"""
            \bwhat\b[^?]*\b(?:eat|eats|ate|eaten|food|foods|dish|dishes|cuisine)\b   # what did they eat, what food
          | \bmenu\b
          | \bhave\s+for\s+{_MEAL}\b                                                # what did they have for lunch
          | \bwhat\b[^?]*\bserved\b[^?]*\b{_MEAL}\b | \bwhat\b[^?]*\b{_MEAL}\b[^?]*\bserved\b
          | \bwhat\s+(?:was|were)\s+served\b
          | 何を食べ | 食べた(?:もの|物) | メニュー | 献立 | 料理(?:は|って)(?:何|なに)
          | 何が(?:出|振る舞|ふるま|提供) | {_MEAL_JA}(?:は|って|に|で)(?:何|なに)
            """,
            re.IGNORECASE | re.VERBOSE,
        ),
        # 振る舞われ: was served (振る舞い alone is behaviour).
        re.compile(
            r"料理|メニュー|献立|食べ|食材|前菜|主菜|デザート|スープ|ワイン|シャンパン|キャビア|ステーキ|寿司"
            r"|振る舞われ|ふるまわれ"
        ),
    ),
    "the weather": (
        re.compile(r"天気|天候|\bweather\b|\bsunny\b|\brain(?:ing|ed|y)?\b", re.IGNORECASE),
        re.compile(r"天気|天候|晴|雨|雪|曇|気温|霧|強風|風速|暴風|嵐|気象"),
    ),
    "the colour": (
        re.compile(r"何色|色は|色って|\bcolou?rs?\b|\bwhat\s+colou?r\b", re.IGNORECASE),
        re.compile(r"色|カラー|[赤青白黒緑黄紺]い"),
    ),
    # 「何語で発表された」: a passage telling it names a language (英語, ドイツ語, 広東語) or speaks of one (言語).
    "the language": (
        re.compile(r"何語|どの言語|言語は|\b(?:what|which)\s+languages?\b", re.IGNORECASE),
        re.compile(r"[\u30a1-\u30fa\u30fc]{2,}語|[英独仏露]語|(?:中国|日本|朝鮮|韓国|広東|北京|標準)語|言語"),
    ),
}


def asked_details(question: str) -> frozenset[Detail]:
    """The details a question asks to be described ("what did they eat" → what was eaten); usually none."""
    text = unicodedata.normalize("NFKC", question)
    return frozenset(detail for detail, (asks, _) in _DETAILS.items() if asks.search(text))


def details_missing(question: str, texts: Iterable[str]) -> list[Detail]:
    """The details ``question`` asks for that none of ``texts`` (the best passages) tells of, in table order."""
    asked = asked_details(question)
    if not asked:
        return []
    bare = [unicodedata.normalize("NFKC", text) for text in texts]
    return [d for d in _DETAILS if d in asked and not any(_DETAILS[d][1].search(text) for text in bare)]
