"""A thing a question names with a qualifier the article never joins to it: the *Swiss* president, the *next* summit.

"Which Swiss president welcomed Biden and Putin?" matches the summit article well: it holds スイス (the summit
was in Switzerland) and 大統領 (the two presidents), and similarity cannot tell that it never speaks of a president
of Switzerland. 「次の米露首脳会談はいつ予定されてる？」 is the article's own frame with 次の in front: the article
tells of this summit and earlier ones, never of a next. The answerer declines such a question when the article never
writes the two together.

Pure functions over a document's folded text (``lexical.fold``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.coverage import is_place_name
from retrieval.lexical import fold, with_variants

#: Offices a person holds for a country, as an English question names them, with the article's words for them.
_OFFICES = {
    "president": "大統領",
    "prime minister": "首相",
    "premier": "首相",
    "king": "国王",
    "queen": "女王",
    "ambassador": "大使",
    "foreign minister": "外相|外務大臣",
    "mayor": "市長",
}
#: Each of those words and all the article's words for its office: 外務大臣 is looked for as 外相 too.
_FORMS_OF = {word: forms for forms in _OFFICES.values() for word in forms.split("|")}
#: The same offices as a Japanese question names them.
_OFFICES_JA = "|".join(dict.fromkeys("|".join(_OFFICES.values()).split("|")))
#: "the Swiss president", "Russia's ambassador": a word for a country right before an office.
_OFFICE_EN = re.compile(rf"\b(?P<of>[A-Za-z]+?)(?:['’]s)?\s+(?P<office>{'|'.join(_OFFICES)})\b", re.IGNORECASE)
#: 「スイスの大統領」, 「米国の大使」: a country, の, an office.
_OFFICE_JA = re.compile(rf"(?P<of>[\u30a1-\u30fa\u30fc]{{2,}}|[\u4e00-\u9fff]{{1,3}})の(?P<office>{_OFFICES_JA})")
#: What may stand between a country and its office in the article's own words: a name (米国のロナルド・レーガン大統領),
#: a department (ロシア外務大臣), 連邦 or 合衆国, but no particle but の and no punctuation, which end the phrase.
_BETWEEN = r"[^、。,，「」()（）はがをにでともへや\s]{0,14}?"


#: The articles' own country: Japanese writes its officials without it (倉成正外務大臣 for Japan's foreign minister).
_HOME = frozenset({"日本", "我が国", "わが国"})


def _holds_office(document: str, place: str, office: str) -> bool:
    """Whether folded ``document`` joins ``place`` (in any of its forms: 米国, アメリカ) to ``office``."""
    places = "|".join(re.escape(fold(form)) for form in with_variants(place).split())
    return re.search(rf"(?:{places}){_BETWEEN}(?:{office})", document) is not None


def absent_offices(question: str, document: str, place_of: Callable[[str], str] | None = None) -> list[str]:
    """The offices of a country ``question`` asks after that ``document`` (folded) never joins to that country.

    Args:
        question: in Japanese or English.
        document: the article, folded.
        place_of: an English word to the corpus's word for it ("swiss" → スイス); without it, English questions ask
            after no office.

    Returns:
        Each absent one as 「スイスの大統領」; empty when the question names none, or names no country the
        analyser knows as a place, or only Japan (``_HOME``).

    """
    asked: list[tuple[str, str]] = [(m["of"], _FORMS_OF[m["office"]]) for m in _OFFICE_JA.finditer(question)]
    if place_of is not None:
        for match in _OFFICE_EN.finditer(question):
            place = place_of(match["of"])
            if place:
                asked.append((place, _OFFICES[match["office"].lower()]))
    absent = []
    for place, office in asked:
        if place in _HOME or not is_place_name(place):
            continue
        if not _holds_office(document, place, office):
            absent.append(f"{place}の{office.split('|')[0]}")
    return absent


#: A question after the next one of something: 次の首脳会談, 次回の会合, "the next summit"; not after the next day's
#: (次の日の会談, "the next day meeting"), which an article tells as 翌日 or by its date.
_NEXT = re.compile(
    r"次(?:の|回の?)(?!日|週|年|月|朝|晩|夜)(?:[^、。？?\s]{0,8}?)(?:会談|首脳会談|会合|会議|サミット|首脳会議)"
    r"|\bnext\s+(?!day|morning|evening|night|week|month|year)(?:[\w-]+\s+){0,2}?(?:summit|meeting|talks|conference|round)\b"
    r"|\bnext\s+(?:meet|met)\b",  # "when did they next meet"; not "when they met again at the DMZ", told as 面会
    re.IGNORECASE,
)
#: How an article tells of a next meeting: 次回, 次の会談, 翌年の訪問, a meeting again (再び会談, 再会).
_TOLD_NEXT = re.compile(
    r"次回|次の[^、。]{0,8}?(?:会談|会合|会議|サミット)|翌[^。]{0,30}?(?:会談|訪問|首脳|会合|会議|サミット)"
    r"|再び[^。]{0,12}?(?:会談|会っ|会う|対面)|再会"
)


def absent_next(question: str, document: str) -> bool:
    """Whether ``question`` asks after a next meeting that ``document`` (folded) never tells of."""
    return _NEXT.search(question) is not None and _TOLD_NEXT.search(document) is None
