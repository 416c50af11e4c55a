"""The shapes of answer spans in the article's sentences: dates, durations, numbers, places, names, organisations."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Literal, NamedTuple

from corpus.timeline import date_mentions
from retrieval.coverage import is_place_name, personal_names, proper_nouns
from retrieval.english import (
    BOUNDS,
    BOUNDS_BEFORE,
    CLOCK,
    COUNTED,
    CURRENCIES,
    DIGITS,
    DURATION_BOUNDS,
    LATIN_LETTERS,
    MEASURE_UNITS,
    NUMBER_IN_PARTS,
    english_century,
    english_clock,
    english_date,
    english_duration,
    english_quantity,
    is_time_of_day,
)
from retrieval.features import LASTED, MINUTES_TAKEN, TIME_APART
from retrieval.morphology import morphemes

SpanType = Literal[
    "date", "time", "duration", "count", "quantity", "money", "percent", "place", "person", "role", "org"
]

#: The letters of kanji and of katakana (with the long-vowel mark), as character class bodies; shared with ``spans``.
KANJI = r"\u4e00-\u9fff々"
KATAKANA = r"\u30a1-\u30fa\u30fc"
_DURATION = re.compile(
    rf"""
    (?<![\d.,月時分])                               # not the day of a date (4月5日22時…), nor a clock's (1時23分40秒)
    (?P<bound>(?:{BOUNDS_BEFORE})(?!\d{{4}}年))?       # 少なくとも1年: a bound (not before a year: 2014年以来)
    (?:約|およそ)?                                   # "about"
    (?:{DIGITS}\s*[〜~～]\s*)?                       # 2〜3か月: a range of lengths, whole
    {DIGITS}                                         # 1,425日間 as well as 5年間
    (?:
        (?(bound)年(?!代|度|\d)|(?!))                # 少なくとも1年: years after a bound are a length
      | (?:日|時間|分)(?:\d{{1,2}}(?:時間|分|秒))+        # 2時間30分, 5日22時間54分41秒: smaller units after
      | (?:時間半|時間|年間|年の歳月|か月間|ヶ月間|カ月間|週間|日間|分間|秒間|秒)  # a span of time, not a date
      | {MINUTES_TAKEN}                              # 約50分にわたって: minutes taken, not a clock's
      | (?<!\d{{4}}){LASTED}                          # 28年にわたって: years lasted (not 1989年にわたる…)
      | {TIME_APART}                                # 2か月前: how long before; 8年ぶり: since
      | (?:か月|ヶ月|カ月|ヵ月)                      # 18か月: months counted are a length, never a calendar month
    )
    (?:{DURATION_BOUNDS})?                           # 1か月以内: a bound, part of the answer
    """,
    re.VERBOSE,
)
_QUANTITY = re.compile(
    rf"""
    (?<![\d.,])
    (?:{BOUNDS_BEFORE})?                             # 少なくとも16隻: a bound, part of the answer
    (?:約|およそ|推定|推計)?                          # 推定10億人: an estimate
    (?:毎秒)?                                        # 毎秒80メートル: a speed
    {NUMBER_IN_PARTS}                                # 1億7,400万: a number in parts
    (?:万|億|兆)?                                    # 5000億: the kanji powers
    (?P<counter>{MEASURE_UNITS}|{CURRENCIES}|%|割|パーセント|{COUNTED})
    (?:×\d+)?                                        # 960メートル×2
    (?:{BOUNDS})?                                    # 50回以上: a bound, part of the answer
    """,
    re.VERBOSE,
)
#: A noun right after a date, which the date then names (2021年米露首脳会談), unless it only places it in time.
#: A time of day after it (10月12日午前0時1分) places it too.
_MODIFIED_NOUN = re.compile(
    rf"(?!以来|以降|以前|頃|末|初め|当時|午前|午後|未明|早朝|深夜|正午|夕方|朝|昼|夜)[{KANJI}{KATAKANA}]"
)
_CENTURY = re.compile(r"(?<!\d)(\d{1,2})世紀")
_PLACE_WORD = r"(?:湖|市|州|県|島|海峡|半島|宮殿|宮|公園|広場|区|町|村|城|邸|山荘)"
#: What stands at a place and is found by it: ベルセの森, ダウニーの工場, ホワイトハウスのイーストルーム.
_FACILITY = (
    r"(?:森|基地|工場|博物館|美術館|空港|港|駅|病院|大学|ホテル|センター|会場|会議場|宮殿|公園|広場|本部|庁舎|ホール|ルーム"
    r"|教会|聖堂|大聖堂|神社|寺|城|島|刑務所|収容所|研究所|造船所)"
)
#: A word of a dotted katakana name that makes it a building's, not a person's (静岡スタジアム・エコパ).
BUILDING_PART = re.compile(
    r"(?:^|・)(?:スタジアム|アリーナ|ドーム|ホテル|センター|ホール|パーク|タワー|ハウス|プラザ|ガーデン|スクエア|ステーション)(?:・|$)"
)
#: A dotted katakana name whose last word ends as a building's does (リトル・ホワイトハウス): a place.
_BUILDING_END = re.compile(rf"・[{KATAKANA}]+(?:ハウス|ホテル|ホール|タワー|スタジアム|アリーナ|ドーム|プラザ)$")
_PLACE = re.compile(
    rf"""
    (?<![{KATAKANA}{KANJI}])
    (?P<place>
        # オマーンの首都マスカット: a country's capital, whole (not before の: ヘルシンキの大統領宮殿 is the palace)
        [{KATAKANA}{KANJI}・]{{2,}}の(?:首都|州都|県都|港町|都市)[{KATAKANA}・]{{2,}}(?!の)
      | [{KATAKANA}・]{{2,}}{_PLACE_WORD}[{KATAKANA}・]{{2,}}      # カンザス州ハッチンソン: a state and its town
      | [{KATAKANA}・]{{2,}}(?:[{KANJI}]{{0,3}}{_PLACE_WORD})?    # ジュネーブ, ジュネーブ湖, ヴィララグランジ
      | [{KANJI}]{{1,10}}{_PLACE_WORD}                             # 兵庫県神戸市, 淡路島, 明石海峡
    )
    (?=(?:\([^()]{{1,24}}\)|（[^（）]{{1,24}}）)?   # ホテル・オクチャブリスカヤ(「10月ホテル」)で: a gloss between
      (?:で(?![はも])|に(?:架か|位置|あ|設け|設置|置か|建て|滞在|宿泊|到着|移)|を(?:横断|見下ろ|結)|の間  # where it is
      # ダウニーの工場で: the place, and what stands there
      |(?P<facility>の[{KANJI}{KATAKANA}・]{{0,10}}{_FACILITY})(?:で|に)(?![はも])))
    """,
    re.VERBOSE,
)
#: Katakana words that stand before で but name the event, not a place.
_NOT_PLACES = frozenset(["サミット", "イベント", "セッション", "ランサムウェア", "トラス"])
#: A person's name: Latin words (Stergos Kaloudis), katakana with a middle dot, or katakana before a title.
_NAME_TITLES = (
    "(?:大統領|首相|氏|書記長|外相|副外相|長官|大臣|補佐官|大使|報道官"
    "|大司教|司教|枢機卿|将軍|少将|中将|大将|大佐|中佐|議員|博士|教授)"
)
NAME = re.compile(
    rf"""
    [A-Z][a-z\u00df-\u024f]+(?:\s[A-Z][a-z\u00df-\u024f]+)+      # Luis Urzúa: accented letters too
    | [{KATAKANA}―]+(?:[・=＝゠][{KATAKANA}]+)+      # ジャン＝ルイ・ジョルジュラン: = joins a double name
      (?:\d{{1,2}}世)?                                 # ヨハネ・パウロ2世: a regnal number is part of the name
    | [{KATAKANA}]{{2,}}\d{{1,2}}世                    # エリザベス2世
    | [{KATAKANA}]{{2,}}(?={_NAME_TITLES})
    """,
    re.VERBOSE,
)
_ORG = re.compile(
    rf"""
    (?<![{KANJI}{KATAKANA}A-Za-z・])
    (?:
        [{KANJI}{KATAKANA}A-Za-z]{{2,24}}?
        (?:公団|株式会社|研究所|公社|協会|機関|委員会|評議会|協議会|連合会|連盟|組合|財団           # a body
          |政府|通信社|省|庁|局|事務所|銀行|旅客鉄道|製作所|裁判所
          |基金|機構|同盟|理事会|海軍|陸軍|空軍)                          # a fund, a treaty body, a service
      | (?:犯罪|武装|テロ|ハッカー|過激派)(?:組織|集団|グループ)          # a group named by what it does
      | [{KATAKANA}A-Za-z][{KATAKANA}A-Za-z・]{{1,24}}社          # グラマン社, ビーチ・エアクラフト社: a company
    )
    (?![{KANJI}])
    """,
    re.VERBOSE,
)
#: A body named after the kind of body it is: 「大手建設会社の清水建設が」, 「海運会社のマースク(Maersk)は」.
_KIND_OF_BODY = re.compile(
    rf"""
    (?:会社|企業|メーカー|ゼネコン|商社|財団|法人|新聞社|通信社|放送局)の
    (?P<name>[{KANJI}{KATAKANA}A-Za-z・]{{2,12}}?)
    (?=が|は|を|に|と|、|で|も|\(|（)
    """,
    re.VERBOSE,
)
#: A list line: 「総事業費、約5000億円」, 「ロシア外務大臣、セルゲイ・ラブロフ」 (footnote markers removed).
LIST_LINE = re.compile(r"(?P<label>[^、。\n]{1,30})、(?P<value>[^、。\n]{1,40})")
_PLAIN_NAME = re.compile(rf"[{KATAKANA}―]{{3,}}|[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+)+")
_KANJI_NAME = re.compile(rf"[{KANJI}]{{3,5}}(?=\(|（|$)")
_QUANTITY_TYPES: dict[str, SpanType] = {
    **dict.fromkeys(CURRENCIES.split("|"), "money"),
    "%": "percent",
    "パーセント": "percent",
    "割": "percent",
}
_MEASURES = frozenset(MEASURE_UNITS.split("|"))
#: Counters that count anything (2つのサミット): they answer a "how many" whatever counter it names.
GENERIC_COUNTERS = ("つ", "個")


class Candidate(NamedTuple):
    """A span that could answer: its text, kind, and where it stands in the text it is scored against."""

    text: str
    type: SpanType
    start: int
    end: int
    sentence: str
    """The sentence (footnote markers removed), or a list line's label and value, the span stands in."""
    english: str | None = None
    """Its exact English rendering, when reading it worked one out (dates)."""


def _quantity_type(counter: str) -> SpanType:
    if counter in _QUANTITY_TYPES:
        return _QUANTITY_TYPES[counter]
    return "quantity" if counter in _MEASURES else "count"


def _dates(sentence: str, anchor: date | None, year: int | None) -> list[Candidate]:
    """Dates as written; a year that modifies the next noun (2021年米露首脳会談) names a thing, not a date."""
    found = [
        Candidate(m.group(0), "date", m.start(), m.end(), sentence, english_century(int(m.group(1))))
        for m in _CENTURY.finditer(sentence)
    ]
    days = []
    for mention in date_mentions(sentence, anchor=anchor, year=year):
        if _MODIFIED_NOUN.match(sentence, mention.end) or (mention.relative and mention.when.day is None):
            continue
        text = sentence[mention.start : mention.end]
        days.append(Candidate(text, "date", mention.start, mention.end, sentence, english_date(mention.when)))
    return found + _ranges(days, sentence)


#: Between the two ends of a range of dates (9月11日から10月2日まで, 7月17日 – 8月2日), and after its end.
_RANGE_JOIN = re.compile(r"\s*(?:から|[–—~～〜-])\s*")
_RANGE_END = re.compile(r"まで")
#: A range's end written as a day alone (1989年12月2日から3日に): the same month's.
_RANGE_DAY = re.compile(r"\s*(?P<join>から|[–—~～〜-]|と)\s*(?P<day>[0-9]{1,2})日(?:まで)?(?![0-9間])")


def _paired(
    items: list[Candidate],
    joined: Callable[[Candidate, Candidate], Candidate | None],
    alone: Callable[[Candidate], Candidate] = lambda item: item,
) -> list[Candidate]:
    """``items`` in order, each two that ``joined`` makes one span replaced by it, the others by ``alone`` of them."""
    found: list[Candidate] = []
    i = 0
    while i < len(items):
        pair = joined(items[i], items[i + 1]) if i + 1 < len(items) else None
        found.append(alone(items[i]) if pair is None else pair)
        i += 1 if pair is None else 2
    return found


def _ranges(days: list[Candidate], sentence: str) -> list[Candidate]:
    """``days`` with each two joined as a range (から, a dash) made one span: the answer is the whole of it."""

    def joined(first: Candidate, second: Candidate) -> Candidate | None:
        if not _RANGE_JOIN.fullmatch(sentence, first.end, second.start):
            return None
        until = _RANGE_END.match(sentence, second.end)
        end = until.end() if until else second.end
        english = f"{first.english} to {second.english}" if first.english and second.english else None
        return Candidate(sentence[first.start : end], "date", first.start, end, sentence, english)

    def alone(first: Candidate) -> Candidate:
        day = _RANGE_DAY.match(sentence, first.end)
        if day and first.english and first.english[:1].isdigit():  # 12月2日から3日: the end in the same month
            last = re.sub(r"^[0-9]+", day.group("day"), first.english)
            text = sentence[first.start : day.end()]
            joined = "and" if day.group("join") == "と" else "to"  # 11月4日と5日: two days, not the days between
            return Candidate(text, "date", first.start, day.end(), sentence, f"{first.english} {joined} {last}")
        return first

    return _paired(days, joined, alone)


#: Between the two ends of a range of amounts (約60秒から75秒, 1400万ドルから1500万ドル), and what may close it.
_AMOUNT_JOIN = re.compile(r"\s*(?:から|[〜~～–—])\s*")
#: After a value something changed to (66%から75%に引き上げた): a change, not a range.
_CHANGED_TO = re.compile(r"に|へ")


def _unit(candidate: Candidate) -> tuple[str, str]:
    """An amount's kind and its unit, the figures and "about" aside: 約60秒 and 75秒 share (duration, 秒)."""
    return candidate.type, re.sub(r"約|およそ|[\d,.万億兆\s]", "", candidate.text)


def _english_amount(candidate: Candidate) -> str | None:
    return english_duration(candidate.text) if candidate.type == "duration" else english_quantity(candidate.text)


def _english_range(low: str | None, high: str | None) -> str | None:
    """Both ends of a range in English, the words they end alike on said once: about 60 to 75 seconds."""
    if not (low and high):
        return None
    lows, highs = low.split(" "), high.split(" ")
    shared = 0
    while shared < min(len(lows), len(highs)) - 1 and lows[-1 - shared] == highs[-1 - shared]:
        shared += 1
    return f"{' '.join(lows[: len(lows) - shared])} to {high}"


#: A bare figure and what joins it to an amount after it (160億から180億ドイツマルク, 26〜28パーセント): the range's low
#: end, written without the unit the high end carries.
_BARE_LOW = re.compile(r"(?P<about>約|およそ)?(?P<number>\d[\d,.]*(?:万|億|兆)?)\s*(?:から|[〜~～–—])\s*$")


def _amount_ranges(amounts: list[Candidate], sentence: str) -> list[Candidate]:
    """``amounts`` with each two in one unit joined by から or a dash made one span: the range answers whole.

    Not a change from one to the other (66%から75%に): there the value it became answers. A low end written
    as a bare figure (160億から180億ドイツマルク) takes the unit of the high end.
    """

    def ranged(start: int, second: Candidate, low: str | None) -> Candidate:
        until = _RANGE_END.match(sentence, second.end)
        end = until.end() if until else second.end
        english = _english_range(low, _english_amount(second))
        return Candidate(sentence[start:end], second.type, start, end, sentence, english)

    def joined(first: Candidate, second: Candidate) -> Candidate | None:
        if (
            _unit(second) != _unit(first)
            or not _AMOUNT_JOIN.fullmatch(sentence, first.end, second.start)
            or _CHANGED_TO.match(sentence, second.end)
        ):
            return None
        return ranged(first.start, second, _english_amount(first))

    def alone(amount: Candidate) -> Candidate:
        bare = _BARE_LOW.search(sentence, 0, amount.start)
        if bare is None or _CHANGED_TO.match(sentence, amount.end):
            return amount
        written = f"{bare.group('about') or ''}{bare.group('number')}{_unit(amount)[1]}"
        return ranged(bare.start(), amount, _english_amount(Candidate(written, amount.type, 0, 0, sentence)))

    return _paired(amounts, joined, alone)


#: A vote's tally: 賛成544票、反対53票 (、棄権7票), or 540票対210票.
_TALLY = re.compile(
    r"""
    賛成(?P<yes>\d[\d,]*)票(?:、|,\s*)反対(?P<no>\d[\d,]*)票(?:(?:、|,\s*)棄権(?P<abstained>\d[\d,]*)票)?
    | (?P<one>\d[\d,]*)票対(?P<other>\d[\d,]*)票
    """,
    re.VERBOSE,
)


def _tallies(sentence: str) -> list[Candidate]:
    """Each vote's tally as one span, beside the counts it holds: 賛成544票、反対53票 → 544 to 53."""
    found = []
    for m in _TALLY.finditer(sentence):
        english = f"{m.group('yes') or m.group('one')} to {m.group('no') or m.group('other')}"
        if m.group("abstained"):
            english += f", {m.group('abstained')} abstaining"
        found.append(Candidate(m.group(0), "count", m.start(), m.end(), sentence, english))
    return found


def is_tally(candidate: Candidate) -> bool:
    """Whether a count is a vote's whole tally (``_tallies``), not one side of it."""
    return _TALLY.fullmatch(candidate.text) is not None


def _times(sentence: str, dates: list[Candidate]) -> list[Candidate]:
    """Times of day, with the date written right before them (10月13日の午後9時55分: 9:55 pm, 13 October 2010)."""
    found = []
    for m in CLOCK.finditer(sentence):
        clock = english_clock(m.group(0))
        if clock is None or not is_time_of_day(m):
            continue
        day = next((d for d in dates if d.end <= m.start() and sentence[d.end : m.start()] in ("", "の")), None)
        if day is not None:
            found.append(
                Candidate(
                    sentence[day.start : m.end()], "time", day.start, m.end(), sentence, f"{clock}, {day.english}"
                )
            )
        else:
            found.append(Candidate(m.group(0), "time", m.start(), m.end(), sentence, clock))
    return found


#: A katakana word after a title or a role and の is a person's name (通訳のパヴロフ, 外相のモロトフ).
_AFTER_ROLE = re.compile(
    rf"(?:{_NAME_TITLES}|通訳|秘書|側近|顧問|記者)の(?P<name>[{KATAKANA}]{{3,}})(?![{KATAKANA}{KANJI}・=＝゠])"
)


def _names(sentence: str, *, people: bool = False) -> list[Candidate]:
    """Names in katakana or Latin: people's, and places' written in parts (ボスニア・ヘルツェゴビナ) or a building's.

    ロシア大統領: a country before a title is no name (the person, if any, is written next to it).
    """
    found = []
    for m in NAME.finditer(sentence):
        name = m.group(0)
        place = is_place_name(name)
        if (place and "・" not in name) or sentence.startswith("社", m.end()) or BUILDING_PART.search(name):
            continue
        if facility := _NAMED_FACILITY.match(sentence, m.end()):
            # サン＝ジェルマン＝ロクセロワ教会: a building named after someone is a place, its kind part of its name
            found.append(Candidate(name + facility.group(0), "place", m.start(), facility.end(), sentence))
            continue
        if _BODY_AFTER.match(sentence, m.end()):
            # ブラック・ライヴズ・マターのような運動: a name a kind of body follows is that body's
            found.append(Candidate(name, "org", m.start(), m.end(), sentence))
            continue
        building = _BUILDING_END.search(name) is not None  # a building is where, never who
        found.append(Candidate(name, "place" if place or building else "person", m.start(), m.end(), sentence))
    for m in _AFTER_ROLE.finditer(sentence) if people else ():
        if not is_place_name(m.group("name")) and not any(c.start <= m.start("name") < c.end for c in found):
            found.append(Candidate(m.group("name"), "person", m.start("name"), m.end("name"), sentence))
    return found


#: A kind of body after a name and のような / などの / という: the name is that body's (…マターのような運動).
_BODY_AFTER = re.compile(r"(?:のような|などの|という)(?:運動|組織|団体|グループ|政党|企業|会社|機関)")
#: The kind of building written right after a name, which makes the two one place's name (…ロクセロワ教会).
_NAMED_FACILITY = re.compile(r"大聖堂|聖堂|教会|寺院|修道院|宮殿|ホテル|空港|広場|公園|劇場|美術館|博物館|病院|大学")


#: A dotted name's parts: ウィンストン・チャーチル, ジャン＝ルイ・ジョルジュラン.
_NAME_PARTS = re.compile(r"[・=＝゠]")
#: A katakana word standing alone: no katakana or name dot joined to it on either side.
_KATAKANA_ALONE = re.compile(rf"(?<![{KATAKANA}・=＝゠―])[{KATAKANA}]{{3,}}(?![{KATAKANA}・=＝゠―])")


_TITLE_AFTER = re.compile(_NAME_TITLES)
_KATAKANA_NAME = re.compile(rf"[{KATAKANA}]+(?:[・=＝゠][{KATAKANA}]+)*")


def family_names(texts: Iterable[str], *, words: frozenset[str] = frozenset()) -> frozenset[str]:
    """The names people go by alone, from the texts' names written in full or before a title.

    ウィンストン・チャーチル gives チャーチル, ルーズベルト大統領 gives ルーズベルト: where the article then writes
    「チャーチルの強い主張により」, the word is a person's name though nothing in the sentence shows it. A
    place's or a building's dotted name gives nothing, nor a last word that is itself a place or one of
    ``words``, the dictionary's (スミット・サルベージ: サルベージ is salvage, not a person).
    """
    found: set[str] = set()
    for text in texts:
        for m in NAME.finditer(text):
            name = m.group(0)
            if not _KATAKANA_NAME.fullmatch(name) or is_place_name(name) or BUILDING_PART.search(name):
                continue
            if _BUILDING_END.search(name):
                continue
            after = text[m.end() : m.end() + 1]
            if "\u4e00" <= after <= "\u9fff" and not _TITLE_AFTER.match(text, m.end()):
                continue  # ワシントン・ポスト紙, ヴォロンツォフ宮殿, ビーチ・エアクラフト社: a thing named after no one
            last = _NAME_PARTS.split(name)[-1]
            if len(last) >= 3 and last not in words and not is_place_name(last):
                found.add(last)
    return frozenset(found)


def _family_names(sentence: str, family: frozenset[str], found: list[Candidate]) -> list[Candidate]:
    """The katakana words of ``sentence`` standing alone that are names people go by (``family_names``)."""
    return [
        Candidate(m.group(0), "person", m.start(), m.end(), sentence)
        for m in _KATAKANA_ALONE.finditer(sentence)
        if m.group(0) in family and not any(c.start < m.end() and m.start() < c.end for c in found)
    ]


def candidates_in(
    sentence: str,
    anchor: date | None,
    *,
    people: bool = False,
    year: int | None = None,
    family: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Every span of every kind in one sentence (footnote markers removed), in order of kind then place.

    ``anchor``: the article's date, for relative dates and a month written with no year; with none,
    such a month takes ``year``, the one written last before the sentence.
    ``people``: look for names written in kanji too (津田雄一), by the morphological analyser (slower), and a
    katakana word after a role (通訳のパヴロフ), which a question after a body would take for one.
    ``family``: the names people go by alone in the article (``family_names``): such a word is a person's name.
    """
    found = _dates(sentence, anchor, year)
    found += _times(sentence, found)
    amounts = [Candidate(m.group(0), "duration", m.start(), m.end(), sentence) for m in _DURATION.finditer(sentence)]
    spans = [(c.start, c.end) for c in found + amounts]
    for m in _QUANTITY.finditer(sentence):
        if not any(a < m.end() and m.start() < b for a, b in spans):
            amounts.append(Candidate(m.group(0), _quantity_type(m.group("counter")), m.start(), m.end(), sentence))
    found += _amount_ranges(sorted(amounts, key=lambda c: c.start), sentence)
    found += _tallies(sentence)
    for m in _PLACE.finditer(sentence):
        if m.group("place") not in _NOT_PLACES:
            end = m.end("facility") if m.group("facility") else m.end()
            found.append(Candidate(sentence[m.start() : end], "place", m.start(), end, sentence))
    found += _names(sentence, people=people)
    found += _family_names(sentence, family, found)
    # A kanji name has no shape to score it by; with two in a sentence (当初國中均が務めたが…津田雄一が後を継いだ)
    # nearness to the question's words picks wrongly as often as not, so only a sentence's one name is offered.
    if people and len(names := personal_names(sentence)) == 1:
        found += [Candidate(sentence[a:b], "person", a, b, sentence) for a, b in names]
    found += [_of_country(Candidate(m.group(0), "org", m.start(), m.end(), sentence)) for m in _ORG.finditer(sentence)]
    found += [
        Candidate(m.group("name"), "org", m.start("name"), m.end("name"), sentence)
        for m in _KIND_OF_BODY.finditer(sentence)
        if _is_proper(m.group("name")) and not any(c.start <= m.start("name") < c.end for c in found)
    ]
    return _glossed(found, sentence)


#: The form of state written after a country's name, part of it: モンゴル人民共和国, ソビエト連邦.
_STATE_FORM = re.compile(r"(?:民主主義)?(?:人民)?共和国|王国|連邦|合衆国|公国|首長国連邦")


#: A body named only by what it does (犯罪組織), which the country before it names (ロシアの犯罪組織).
_DESCRIBED_BODY = re.compile(r"(?:組織|集団|グループ)$")
_COUNTRY_OF = re.compile(rf"([{KATAKANA}{KANJI}]+)の$")


def _of_country(candidate: Candidate) -> Candidate:
    """A body named by what it does, with the country before it and の: ロシアの犯罪組織; else ``candidate``."""
    before = _COUNTRY_OF.search(candidate.sentence[: candidate.start])
    if not _DESCRIBED_BODY.search(candidate.text) or not before or not is_place_name(before.group(1)):
        return candidate
    start = before.start()
    return candidate._replace(text=candidate.sentence[start : candidate.end], start=start)


def countries_in(sentence: str, found: list[Candidate]) -> list[Candidate]:
    """The countries ``sentence`` names (英国, ロシア, as the analyser knows them) with their form of state.

    Asked "which country", a country is the answer wherever it stands (英国の米軍関係者に), not only before で or に;
    it takes the place of a place span of ``found`` it overlaps, and stands nowhere another span of ``found`` does.
    """
    taken = [(c.start, c.end) for c in found if c.type != "place"]
    countries = []
    for m in morphemes(sentence):
        if tuple(m.part_of_speech()[1:4]) != ("固有名詞", "地名", "国"):
            continue
        end = m.end() + (len(form.group(0)) if (form := _STATE_FORM.match(sentence, m.end())) else 0)
        if not any(a < end and m.begin() < b for a, b in taken):
            countries.append(Candidate(sentence[m.begin() : end], "place", m.begin(), end, sentence))
    return countries


def _is_proper(name: str) -> bool:
    """Whether a body's name is a name: katakana or Latin of three letters or more, or a proper noun to the analyser."""
    if re.fullmatch(rf"[{KATAKANA}A-Za-z・]{{3,}}", name):
        return True
    nouns = proper_nouns(name)
    return bool(nouns) and name.startswith(nouns[0])


#: A Latin spelling in brackets after a name: ノリエル・アラウス(Noriel Arauz), エバーギブン(Ever Given、中国語: …).
_GLOSS = re.compile(
    rf"[(（](?P<latin>[{LATIN_LETTERS}][{LATIN_LETTERS}0-9 .'&-]*[{LATIN_LETTERS}0-9.])(?:[、,;:：][^)）]*)?[)）]"
)
_NAME_TYPES = frozenset(["place", "person", "org"])


def _glossed(found: list[Candidate], sentence: str) -> list[Candidate]:
    """Names given their Latin spelling from the brackets after them; the spelling itself is no second candidate."""
    glosses = {}
    for c in found:
        if c.type in _NAME_TYPES and (m := _GLOSS.match(sentence, c.end)):
            glosses[c.end] = (m.group("latin"), m.start("latin"), m.end("latin"))
    spans = {(start, end) for _, start, end in glosses.values()}
    return [
        c._replace(english=glosses[c.end][0]) if c.end in glosses and c.type in _NAME_TYPES else c
        for c in found
        if (c.start, c.end) not in spans
    ]


def is_name(value: str) -> bool:
    """Whether a list value is a person's name (katakana, Latin, or three to five kanji before a note)."""
    return bool(NAME.fullmatch(value) or _KANJI_NAME.match(value) or _PLAIN_NAME.fullmatch(value))


def value_candidate(label: str, value: str, *, people: bool = False) -> Candidate | None:
    """A list line's value as a span, typed by its shape and scored against its label (``label value``).

    ``people``: the list names people (a delegation), so a katakana or Latin value with no dot
    (エリックグリーン, アナトリ―アントノフ) is a name too.
    """
    sentence = f"{label} {value}"
    start = len(label) + 1
    if match := NAME.fullmatch(value) or _KANJI_NAME.match(value) or (people and _PLAIN_NAME.fullmatch(value)):
        return Candidate(match.group(0), "person", start, start + match.end(), sentence)
    if match := _ORG.fullmatch(value):
        return Candidate(value, "org", start, start + len(value), sentence)
    if match := _QUANTITY.search(value):
        kind = _quantity_type(match.group("counter"))
        return Candidate(match.group(0), kind, start + match.start(), start + match.end(), sentence)
    return None
