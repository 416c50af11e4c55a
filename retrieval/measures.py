"""Which measure a question asks for (a cost, a weight, a speed…) and whether a passage gives one.

Users ask an article for numbers it never gives: "how much did the security cost", 「会談は何時に始まった」,
"how heavy was it at launch". Similarity cannot tell these from answerable questions (the passage on the
security measures matches the first one well), but the absence of any amount of money, clock time or
weight where the article talks about the subject can: the answerer declines such a question when none of
its best passages holds a value of the asked measure. Only measures with units of their own are modelled,
and lengths of time ("how long did the press conference go on"); "when" and "how many" in general are left
alone (dates and counts are everywhere, and 「何回目」 is answered by 初めて).

Pure functions over text; the patterns are matched on NFKC-normalised text without footnote markers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Literal

from corpus.text import strip_footnotes
from retrieval.english import CURRENCIES, MONEY_ASKED, PERCENT_ASKED, asks_money
from retrieval.features import TIME_ASKED, answer_types_of, asked_types

Measure = Literal[
    "money",
    "mass",
    "speed",
    "temperature",
    "clock time",
    "number of people",
    "number of things",
    "percentage",
    "size",
    "area",
    "electric power",
    "voltage",
    "length of time",
]
#: Asked and given as ``features`` models a duration ("how long did it last", 3時間半).
_LENGTH_OF_TIME: Measure = "length of time"

#: A number as the articles write it: digits, kanji numerals, or a round figure (数千, 数百).
_NUMBER = r"(?:\d[\d,.]*|[一二三四五六七八九十百千万億]+|数[十百千万]+)"

#: English nouns for people, counted by 人 or 名 in Japanese.
_PEOPLE = (
    r"people|persons|journalists|reporters|workers|staff|members|officials|employees|visitors|guests|participants"
    r"|delegates|soldiers|police|officers|protesters|demonstrators|spectators|passengers|casualties|victims"
    r"|residents|citizens|troops|diplomats|aides|volunteers|engineers|scientists|researchers|attendees|viewers"
    r"|interpreters|translators|negotiators|senators|lawmakers|legislators|students|children|kids|adults|voters"
    r"|prisoners|refugees|evacuees|survivors|patients|doctors|nurses|firefighters|rescuers|divers|climbers|miners"
    r"|players|athletes|fans|tourists|pilots|crew|sailors|agents|guards|bodyguards|ministers|leaders|ambassadors"
)

#: Counters of things that only a number answers.
_THING_COUNTERS = r"隻|台|基|頭|匹|羽|枚|機|両|軒|棟|冊|杯|本|ページ|議席|票|便|発"
#: English nouns for things counted by those counters.
_THINGS = (
    r"ships|vessels|boats|tugs|tugboats|cars|vehicles|trains|planes|aircraft|jets|helicopters|animals|sheep|cattle"
    r"|horses|birds|towers|cables|bridges|buildings|houses|books|machines|engines|excavators|diggers|pages|seats|votes"
    r"|ballots|flights|buses|shuttles|missiles|warheads|rockets|centrifuges|satellites|tanks|trucks|lorries"
)

#: Per measure: how a question asks for it, and how a sentence gives it.
_MEASURES: dict[Measure, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "money": (
        MONEY_ASKED,
        re.compile(_NUMBER + rf"\s*(?:億|万|千)?\s*(?:{CURRENCIES})|[$€£¥]\s*\d"),
    ),
    "mass": (
        re.compile(r"重さ|質量|重量|何キログラム|何トン|何グラム|how\s+heavy|\bweigh|\bmass\b", re.IGNORECASE),
        re.compile(_NUMBER + r"\s*(?:キログラム|キロ(?!メートル)|トン|グラム|kg\b|t\b)"),
    ),
    "speed": (
        re.compile(r"速さ|速度|スピード|時速何|秒速何|how\s+fast|\bspeed\b|\bvelocity", re.IGNORECASE),
        re.compile(
            rf"(?:時速|秒速|分速|毎秒|毎時|マッハ)\s*{_NUMBER}|{_NUMBER}\s*(?:キロメートル毎時|km/h|メートル毎秒|m/s|ノット)"
        ),
    ),
    "temperature": (
        # 何度 asks degrees only beside heat or cold (水は何度だった, 何度まで暑くなった); else it asks how many times.
        re.compile(
            r"温度|気温|^(?=.*(?:暑|寒|熱|温|冷)).*何度(?!も|目)|\btemperature|how\s+(?:hot|cold|warm)\b", re.IGNORECASE
        ),
        re.compile(_NUMBER + r"\s*(?:度(?!目|も)|℃|°C|°)|摂氏|華氏"),
    ),
    "clock time": (
        TIME_ASKED,
        re.compile(r"午前|午後|未明|正午|深夜|早朝|夕方|\d{1,2}\s*時(?!間|代|点|期|中)|\d{1,2}:\d{2}"),
    ),
    "number of people": (
        re.compile(rf"何人|(?<![少多大])人数|何名|how\s+many\s+(?:\w+\s+)?(?:{_PEOPLE})\b", re.IGNORECASE),
        re.compile(_NUMBER + r"\s*(?:人|名)(?!誉|前|物|義|目)"),
    ),
    # Things counted with a counter of their own (何隻, 何台, 何頭): 回, つ and か国 are left alone (「何回目」 is
    # answered by 初めて, countries by their names).
    "number of things": (
        re.compile(rf"何(?:{_THING_COUNTERS})|how\s+many\s+(?:\w+\s+)?(?:{_THINGS})\b", re.IGNORECASE),
        re.compile(_NUMBER + rf"\s*(?:{_THING_COUNTERS})"),
    ),
    "percentage": (
        PERCENT_ASKED,
        re.compile(_NUMBER + r"\s*(?:%|パーセント|割|分の)"),  # 分の: a fraction (約3分の2) is a share too
    ),
    "area": (
        re.compile(
            r"面積|広さ|何平方|何ヘクタール|square\s+(?:metres|meters|kilometres|kilometers|miles)|hectares|acreage",
            re.I,
        ),
        re.compile(_NUMBER + r"\s*(?:平方メートル|平方キロメートル|平方キロ|ヘクタール|アール|m2|㎡|km2|㎢)"),
    ),
    "electric power": (
        re.compile(
            r"電力量|消費電力|発電量|電力消費|何ワット|how\s+much\s+(?:power|electricity|energy)|\bwattage", re.I
        ),
        re.compile(_NUMBER + r"\s*(?:ワット|キロワット|メガワット|ギガワット|kW|MW|GW|kWh|MWh|GWh|W\b)"),
    ),
    "voltage": (
        re.compile(r"電圧|何ボルト|\bvoltage", re.I),
        re.compile(_NUMBER + r"\s*(?:ボルト|キロボルト|kV|V\b)"),
    ),
    # Only sizes asked with a unit or a dimension's name: 「長さ」 and "how long" are as often lengths of time.
    "size": (
        re.compile(
            r"高さ|直径|深さ|何メートル|何センチ|何キロメートル|how\s+(?:tall|high|wide|deep|far)\b(?!\s+back)|\bheight\b|\bdiameter\b"
            r"|\bwidth\b|\bdepth\b",
            re.IGNORECASE,
        ),
        re.compile(_NUMBER + r"\s*(?:メートル|キロメートル|センチ|ミリ|km\b|m\b|cm\b|mm\b|マイル|フィート)"),
    ),
}


def asked_measures(question: str) -> frozenset[Measure]:
    """The measures a question asks for ("how much did it cost" → money); usually none."""
    text = unicodedata.normalize("NFKC", question)
    asked = {measure for measure, (asks, _) in _MEASURES.items() if asks.search(text)}
    if not asks_money(text):
        asked.discard("money")  # "what share of its income": a percentage of an amount, not the amount
    kinds = asked_types(text)
    if "duration" in kinds and "quantity" not in kinds:  # not "how long is it", which a length answers too
        asked.add(_LENGTH_OF_TIME)
    return frozenset(asked)


#: Time elapsed written as a point in time: 2か月前 ("two months before"), 30年以上, 2014年以来 ("since 2014"),
#: or days more or fewer (10日増加): each answers "how long before", "how long had they" or "how many days longer".
_ELAPSED = re.compile(
    r"""
    \d+\s*(?:か月|ヶ月|カ月|年|週|日|時間|分)(?:前|後|以上|近く|余り|ぶり|にわたり|にわたって)  # 2か月前, 30年以上
    | \d{4}年(?:以来|以降)                                                              # 2014年以来
    | \d+\s*日(?=増|延|短縮|遅|余計)                                                    # 10日増加: days more
    """,
    re.VERBOSE,
)


def gives_measure(text: str, measure: Measure) -> bool:
    """Whether ``text`` (a passage or sentence) holds a value of ``measure`` (約289億円 for money)."""
    bare = unicodedata.normalize("NFKC", strip_footnotes(text))
    if measure == _LENGTH_OF_TIME:
        return "duration" in answer_types_of(text) or _ELAPSED.search(bare) is not None
    return _MEASURES[measure][1].search(bare) is not None


#: Measures the best passage itself must give (best before any bonus for the unit asked): a price, or a number of
#: people or things, stands where the question about it points. On the suite this declines 21 more unanswered
#: questions and 5 answerable ones than the three best passages did; for a length of time or a clock time, which
#: sentences give in passing, it declined as many answerable questions as unanswered ones, so they may stand in the
#: next passages.
_IN_BEST_PASSAGE: frozenset[Measure] = frozenset({"money", "number of people", "number of things"})


def measures_missing(question: str, texts: Iterable[str]) -> frozenset[Measure]:
    """The measures ``question`` asks for when none of ``texts`` (best first) gives any of them; empty otherwise.

    A question asking two (a wind speed and a height) is answered when either is there. A price or a count of
    people or things counts only in the best passage (``_IN_BEST_PASSAGE``).
    """
    asked = asked_measures(question)
    if not asked:
        return frozenset()
    texts = list(texts)
    if any(
        gives_measure(text, measure)
        for measure in asked
        for text in (texts[:1] if measure in _IN_BEST_PASSAGE else texts)
    ):
        return frozenset()
    return asked
