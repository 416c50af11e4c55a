"""What a question asks for and names, and what a sentence holds: answer types and specifics.

Pure functions over text. A question's *answer type* (when, where, who, how long, how many) and
its *specifics* (numbers with their counters, names) are matched against the same features of each
sentence; the answerer turns matches into small bonuses for ranking and highlighting, never into
the confidence that decides a refusal.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from corpus.text import strip_footnotes
from corpus.timeline import mentions_date
from retrieval.english import CLOCK, COUNT_ASKED_JA, COUNTED, CURRENCIES, MEASURE_UNITS, is_time_of_day
from retrieval.lexical import fold

AnswerType = Literal["date", "time", "duration", "quantity", "place", "person", "words", "reply", "reason"]
ANSWER_TYPES: tuple[AnswerType, ...] = (
    "date", "time", "duration", "quantity", "place", "person", "words", "reply", "reason",
)  # fmt: skip

#: Counters as the article writes them, each mapped to one spelling (ヶ月/カ月 → か月).
_COUNTER_SPELLINGS = {"ヶ月": "か月", "カ月": "か月", "ヵ月": "か月", "ヶ国": "か国", "カ国": "か国", "ヵ国": "か国"}
_COUNTER = (
    r"(?:時間半|時間|年間|年|か月|ヶ月|カ月|ヵ月|月|週間|日間|日|分|秒|人|名|か国|ヶ国|カ国|ヵ国"
    rf"|{COUNTED}|{MEASURE_UNITS}|キロ|(?:億|万)?(?:{CURRENCIES})|%|パーセント|歳)"
)
_NUMBER_WITH_COUNTER = re.compile(
    rf"""
    (?P<number>\d+(?:[.,]\d+)?)     # digits, maybe with a decimal point or thousands comma
    \s*
    (?P<counter>{_COUNTER})?        # the counter that says what is counted
    """,
    re.VERBOSE,
)
_KANJI_NUMBERS = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_KANJI_WITH_COUNTER = re.compile(rf"(?<![一-龥])(?P<number>[一二三四五六七八九])(?P<counter>{_COUNTER})")
#: An ordinal, which picks one of a series (the first session, 2回目の会談): written N番目 whatever its shape.
_ORDINAL = re.compile(
    r"""
    (?P<number>\d+|[一二三四五六七八九])(?:番目|回目|度目)   # 2番目, 2回目, 二度目
  | 第(?P<nth>\d+|[一二三四五六七八九])(?!\d)                 # 第2, 第二
  | (?P<first>最初|初回|初めて|(?<![当年月期])初の)            # the first (当初の is "at first", not an ordinal)
    """,
    re.VERBOSE,
)
_EN_ORDINALS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6", "seventh": "7",
                "eighth": "8", "ninth": "9", "tenth": "10", "1st": "1", "2nd": "2", "3rd": "3"}  # fmt: skip
#: An ordinal after a determiner (the first session, their second meeting), not an adverb ("when they first met").
_EN_ORDINAL = re.compile(
    rf"\b(?:the|a|its|their|his|her|this|that)\s+(?P<ordinal>{'|'.join(_EN_ORDINALS)}|(?P<th>\d+)th)\b", re.IGNORECASE
)
#: A run of katakana (a name or a loanword) as ``fold`` leaves it.
_KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa]{3,}")
#: Capitalised Latin words and acronyms (CAATSA, NATO, Stergos) inside Japanese text.
_LATIN_NAME = re.compile(r"\b[A-Z][A-Za-z]{2,}\b")
#: Capitalised only because they open an English question.
_NOT_NAMES = frozenset(
    [
        "how",
        "what",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "which",
        "why",
        "did",
        "does",
        "do",
        "is",
        "are",
        "was",
        "were",
        "in",
        "on",
        "at",
        "for",
        "the",
        "a",
        "an",
        "and",
        "besides",
        "according",
        "can",
        "could",
        "would",
        "has",
        "have",
        "had",
        "tell",
        "give",
        "list",
        "name",
        "after",
        "before",
        "during",
    ]
)

#: A length of time before or after, after its number: 2か月前 (how long before), 9日後, 8年ぶり (since).
TIME_APART = r"(?:日|週間|か月|ヶ月|カ月|年)(?:前|後|ぶり)"
#: Minutes after their number that are a time taken, not a clock's: 約50分にわたって, 約11分の長さ, 5分遅れ.
MINUTES_TAKEN = r"分(?=にわた|に及|の長さ|ほど|ぐらい|くらい|近く|足らず|弱|遅れ|以内|以上|余り)"
#: Years, days or weeks after their number that something lasted: 28年にわたって, 3日に及ぶ.
LASTED = r"(?:年|日|週)(?=にわた|に及)"
_DURATION = re.compile(
    r"\d+(?:\.\d+)?\s*(?:時間半|時間|年間|か月間|ヶ月間|週間|日間|分間)|[一二三四五六七八九十]+(?:時間|年間|日間)"
    rf"|\d+\s*{TIME_APART}"  # how long before or after: 9日後, 2か月前, 8年ぶり
    r"|\d+\s*(?:か月|ヶ月|カ月|ヵ月)"  # 18か月: months counted, never a calendar month
    r"|(?<![\d.,時分])\d+\s*秒"  # 90秒: seconds are a length, unless a clock's (1時23分40秒)
    rf"|(?<![\d.,時])\d+{MINUTES_TAKEN}"  # 約50分にわたって
    rf"|(?<![\d.,月])\d{{1,3}}{LASTED}"  # 28年にわたって, not 1989年にわたる
)
#: A country's name before its currency: 1,270億香港ドル, 50億米ドル, 3億豪ドル.
_CURRENCY_OF = r"[\u4e00-\u9fff\u30a1-\u30fa]{0,4}?"
_QUANTITY = re.compile(
    rf"\d+(?:[.,]\d+)?\s*[万億]?(?:{COUNTED}|{MEASURE_UNITS}|キロ|{_CURRENCY_OF}(?:{CURRENCIES})|%|パーセント|歳)"
)
_PLACE = re.compile(
    r"[\u30a1-\u30fa\u4e00-\u9fff]{1,12}(?:湖|市|州|県|島|海峡|半島|宮殿|公園|広場|地区|区|町|村)"
    r"|で開催|で開かれ|にある|に位置|を見下ろす|に架か|の間に"
)
_PERSON = re.compile(
    r"(?:大統領|首相|長官|大臣|補佐官|大使|報道官|書記長|次官|副大臣|顧問|代表|市長|知事|議長|社長|会長|教授|技師|氏)"
    r"|[\u30a1-\u30fa\u30fc]{2,}・[\u30a1-\u30fa\u30fc]{2,}"  # エドガー・コートライト: ー is part of a name
)

#: A question asking why, in so many words (理由 may only describe: 「制裁の理由になった選挙は何年」).
#: なんで, not that of 有効なんですか.
WHY_ASKED = re.compile(r"\bwhy\b|\bhow\s+come\b|なぜ|何故|どうして|なんで(?!す|しょ)", re.IGNORECASE)
#: A cause or a purpose given: 反対したため、…ので, 理由は, 原因となった, きっかけ, …によるもの.
_REASON = re.compile(
    r"""
    (?<=[たるいなのう])(?<!その)(?<!この)ため(?:に|で|、|だ|であ|と)  # 失脚させたため、; そのため、 is a result
    | ので | 理由 | 原因 | きっかけ | 動機
    | に基づ(?:いて|き|く) | を受けて                 # 過去の電話に基づいて, 抗議を受けて
    | によるもの | から(?:だ|です|であ)            # 「…だからだ」
    """,
    re.VERBOSE,
)

#: Words quoted or reported: 「…」, と述べた, と呼んだ.
_WORDS = re.compile(r"「[^」]{4,}」|と(?:述べ|語っ|語り|言っ|発言|主張|呼ん|表明|説明|コメント|返し|答え|称賛|批判)")

#: Words said back: と答えた, と返した, と応じた, と反論した.
_REPLY = re.compile(r"と(?:答え|返し|返答|応じ|応え|反論|切り返)")
#: A question asking for the answer someone gave: "how did Putin respond", 「どう返した」.
_REPLY_ASKED = re.compile(
    r"\b(?:respond(?:ed)?|repl(?:y|ied)|react(?:ed)?|response|reaction|answer(?:ed)?)\b|返し|返答|答え|応じ|応え|反論",
    re.IGNORECASE,
)
#: 何年 asks which year, unless it asks how many (何年間, 何年延長 / 延ばす, 何年続いた, 何年かかった, 何年経った,
#: 何年前 / 何年後: how many years before or after, 何年ぶり: the first in how many years).
#: 何年くらい / 何年も followed by what was done asks how many years (何年くらい党のトップにいた); before に, の or
#: the end it asks about which year (何年くらいに建った, 何年くらいの話).
_YEARS_HOW_LONG = r"(?:くらい|ぐらい|ほど)(?!に|の|から|まで|か(?!か)|頃|ごろ|だ|で|[?？。]|\s*$)|も"
WHICH_YEAR = rf"何年(?!間|延|続|かか|経|前|後|ぶり|{_YEARS_HOW_LONG})"
#: 何日 asks which day, unless it asks how many (何日間, 何日前 / 何日後 / 何日ぶり, 何日続いた, 何日かかった).
#: "What was the date of …": a date asked by its noun, after the verb.
THE_DATE_ASKED = r"\bwhat\s+(?:was|were|is|are)\s+the\s+(?:dates?|day|year)\b"
#: What follows 何日 asking a date (何日に, 何月何日？, 何日でしたか, 何日から, 何日目); a verb after it asks how many
#: days (何日やってた, 何日続いた, 何日かかった), as 何日で does (何日で失脚した: within how many days).
_DAY_AS_DATE = r"に|だ|で(?=し|す)|の|ま|か(?!か)|は|が|も|目|頃|ごろ|付|と|[?？。、\s]|$"
WHICH_DAY = rf"何日(?={_DAY_AS_DATE})"
#: 「議会で報告した日」, 「会談の日は？」, 「署名日おしえて」: a question ending on the day of something asks its date.
THE_DAY_ASKED_JA = (
    r"(?:(?<=[\u3041-\u3096])|署名|調印|発効|開催|投票|就任|批准|締結|施行|公表|発表|設立|開業|開通|完成|着工|竣工|誕生|公開"
    r"|発売|上陸|着陸|退任|辞任|逮捕|釈放|投開票)日"
    r"(?:は|って|を)?(?:いつ)?(?:ですか|だった|でした|(?:おしえ|教え)て(?:ください|くれ|ほしい)?)?[?？。]?\s*$"
)
#: "How much / how long" in Japanese, the chat forms too (どのくらい, どれぐらい, どんくらい, どんだけ).
HOW_MUCH_JA = r"(?:どの|どれ|どん)(?:くらい|ぐらい|ほど|だけ)"
#: A time of day asked (何時間, "how many hours", is a duration).
TIME_ASKED = re.compile(r"何時(?!間)|時刻|\bwhat\s+time\b|\bat\s+what\s+hour\b", re.IGNORECASE)
#: "How long is / was …" asks a length ("how long is the bridge?") or a length of time ("how long was it extended?").
HOW_LONG_WAS = re.compile(r"\bhow\s+long\s+(?:is|are|was|were)\b", re.IGNORECASE)
#: How long something is, asked of a thing that may have a length (a bridge) or last (a broadcast): both kinds.
_LONG_ASKED = re.compile(rf"長さ|{HOW_LONG_WAS.pattern}", re.IGNORECASE)
#: "Who" asking a person, not "who" after the person a question is about ("what was the diver who died doing?"): the
#: question's first word, or after a word that is no noun (and, of, to, me…) or a stop (", who", ". Who").
_ASKING_WHO = (
    r"(?:^\W*|\b(?:and|or|but|of|to|by|with|from|for|about|know|wonder|tell|me|us|exactly|then|so)\s+|[,;:.!?\u2013\u2014-]\s*)"
    r"who(?:m|se)?\b"
)
#: "When" asking a date: not after another question word, where it joins a clause ("how many troops were there
#: when the wall opened", "who led it when it began"); "so when", "and when" still ask.
_WHEN_ASKED = (
    r"^(?:(?!\b(?:how|what|which|who|whom|whose|where|why)\b)[^?])*?\bwhen\b"
    r"|(?:\b(?:and|or|but|so|then|exactly)\s+|[;.!?]\s*)when\b"
)
_ASKS = {
    "date": re.compile(
        rf"{_WHEN_ASKED}|\b(?:what|which)\s+(?:year|date|day|month|century)\b|\bsince\s+when\b"
        rf"|{THE_DATE_ASKED}"
        rf"|いつ|{WHICH_YEAR}|何月|{WHICH_DAY}|何世紀|日付|日にち|日程|時期|{THE_DAY_ASKED_JA}",
        re.IGNORECASE,
    ),
    "time": TIME_ASKED,
    "duration": re.compile(
        r"\bhow\s+long\b|\bfor\s+how\s+many\s+(?:years|months|weeks|days|hours|minutes)\b|\bduration\b"
        r"|\bhow\s+much\s+time\b"
        rf"|何時間|何年間|何年(?:延|続|かか|経|前|後|ぶり|{_YEARS_HOW_LONG})|何日(?!{_DAY_AS_DATE})|何か月(?:前|後|ぶり)|何分|何秒|{HOW_MUCH_JA}(?:の時間|の期間|続)|時間は(?:どの|どれ)"
        r"|期間|時間がかか",
        re.IGNORECASE,
    ),
    "quantity": re.compile(
        r"\bhow\s+(?:many|much|tall|high|wide|far|close|near|big|large|heavy|deep|fast|old)\b"
        r"|\bwhat\s+(?:percentage|share|number|size|speed|height|length|weight|depth)\b|\b(?:top|max(?:imum)?)\s+speed\b"
        rf"|{COUNT_ASKED_JA}|いくつ|いくら|何(?:{MEASURE_UNITS}|キロ)|何パーセント|何%|何割|何億|費用|高さ"
        rf"|速さ|速度|時速|大きさ|重さ|深さ|距離|{HOW_MUCH_JA}(?:離れ|重|大き|高|深|遠|広)",
        re.IGNORECASE,
    ),
    "place": re.compile(
        r"\bwhere\b|\b(?:which|what)\s+(?:city|country|town|place|lake|building|venue|island|strait|region)\b"
        r"|\bin\s+what\s+(?:city|country|place)\b|どこ|どの(?:都市|国|場所|湖|建物|町|島)|何処|場所|会場|開催地",
        re.IGNORECASE,
    ),
    "person": re.compile(
        rf"{_ASKING_WHO}|\b(?:which|what)\s+(?:person|official|president|minister|leader|adviser|advisor|man|woman)\b"
        r"|誰|だれ|どなた|何者|どの人",
        re.IGNORECASE,
    ),
    # Why: the sentence giving the cause or the purpose answers (``_REASON``), not the one telling what happened.
    "reason": re.compile(
        rf"{WHY_ASKED.pattern}|\bwhat\s+(?:was\s+|were\s+)?(?:the\s+)?(?:reasons?|causes?)\b|\bwhat\s+(?:caused|led\s+to)\b"
        r"|(?:理由|原因|きっかけ)(?:は|って|とは|を|について|だ|[?？]|$)",  # not 「制裁の理由になった選挙」
        re.IGNORECASE,
    ),
    # What someone said: "how did Putin respond", 「何と返した」; the sentence quoting it answers, not the one before.
    "words": re.compile(
        r"\b(?:what|how)\s+did\s+(?:\w+\s+){1,4}?(?:say|tell|respond|reply|react|answer|describe|characteri[sz]e|call|comment)\b"
        r"|\b(?:response|reply|reaction)\b"
        r"|何と(?:言|返|答|述べ|語|評|コメント)|なんて(?:言|返|答)|何て(?:言|返|答)|どう(?:返|答|評価|受け止|反応|表現)|セリフ|発言",
        re.IGNORECASE,
    ),
}

#: English number words, for "two days before", "three hours".
_EN_NUMBERS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20", "thirty": "30", "forty": "40",
    "fifty": "50", "hundred": "100",
}  # fmt: skip
#: English counters mapped to the Japanese counter the article would use.
_EN_COUNTERS = {
    "hour": "時間", "hours": "時間", "year": "年", "years": "年", "month": "か月", "months": "か月",
    "week": "週間", "weeks": "週間", "day": "日", "days": "日", "minute": "分", "minutes": "分",
    "people": "人", "person": "人", "persons": "人", "times": "回", "country": "か国", "countries": "か国",
    "nations": "か国", "ships": "隻", "vessels": "隻", "lanes": "車線", "lane": "車線", "cables": "本",
    "meters": "メートル", "metres": "メートル", "meter": "メートル", "metre": "メートル", "m": "メートル",
    "km": "キロメートル", "kilometers": "キロメートル", "kilometres": "キロメートル", "percent": "%",
    "yen": "円", "tons": "トン", "tonnes": "トン", "pages": "ページ", "votes": "票",
}  # fmt: skip
#: People counted by 人 ("how many plaintiffs" asks 約240人, not the 1万円 each claimed).
_PEOPLE_COUNTED = (
    "ppl men women children students reporters journalists visitors guests participants delegates soldiers police"
    " officers cops workers employees staff members officials protesters demonstrators passengers casualties victims"
    " residents citizens troops diplomats volunteers attendees viewers spectators crew firefighters fans plaintiffs"
    " voters lawmakers"
)
_EN_COUNTERS.update(dict.fromkeys(_PEOPLE_COUNTED.split(), "人"))
_EN_QUANTITY = re.compile(
    r"\b(?P<number>\d+(?:[.,]\d+)?|" + "|".join(_EN_NUMBERS) + r")(?:\s+and\s+a\s+half)?[\s-]*(?P<counter>[a-z%]+)?",
    re.IGNORECASE,
)
#: Durations and counts written with a shared unit: 年間 matches 年, 時間半 matches 時間.
_UNIT_FAMILY = {"年間": "年", "日間": "日", "時間半": "時間", "か月間": "か月", "名": "人", "パーセント": "%"}


def _counter(raw: str | None) -> str:
    counter = _COUNTER_SPELLINGS.get(raw or "", raw or "")
    return _UNIT_FAMILY.get(counter, counter)


def _number(raw: str, *, half: bool = False) -> str:
    """Digits without thousands commas; ``half`` adds one half (3時間半, "three and a half hours" → 3.5)."""
    number = raw.replace(",", "")
    if not half:
        return number
    return f"{float(number) + 0.5:g}"


def quantities_in(text: str) -> frozenset[str]:
    """Numbers with their counters (``2日``, ``3時間``, ``25か国``), and numbers of two digits or more alone."""
    found: set[str] = set()
    for match in _NUMBER_WITH_COUNTER.finditer(text):
        raw_counter = match.group("counter")
        number, counter = _number(match.group("number"), half=raw_counter == "時間半"), _counter(raw_counter)
        if counter:
            found.add(number + counter)
        if number.isdigit() and len(number) >= 2:
            found.add(number)
    for match in _KANJI_WITH_COUNTER.finditer(text):
        found.add(_KANJI_NUMBERS[match.group("number")] + _counter(match.group("counter")))
    return frozenset(found)


def ordinals_in(text: str) -> frozenset[str]:
    """The ordinals of a Japanese text, each as N番目: 最初 and 初めて are 1番目, 第2 and 二回目 are 2番目."""
    found: set[str] = set()
    for match in _ORDINAL.finditer(text):
        number = "1" if match.group("first") else match.group("number") or match.group("nth")
        found.add(_KANJI_NUMBERS.get(number, number) + "番目")
    return frozenset(found)


def english_ordinals(question: str) -> frozenset[str]:
    """An English question's ordinals in the article's terms: "the first session" → ``1番目``."""
    matches = _EN_ORDINAL.finditer(question)
    return frozenset((m.group("th") or _EN_ORDINALS[m.group("ordinal").lower()]) + "番目" for m in matches)


def english_quantities(question: str) -> frozenset[str]:
    """An English question's numbers in the article's terms: "two days" → ``2日``, "1991 m" → ``1991メートル``."""
    found: set[str] = set()
    for match in _EN_QUANTITY.finditer(question):
        raw = match.group("number").lower()
        number = _number(_EN_NUMBERS.get(raw, raw), half="half" in match.group(0).lower())
        counter = _EN_COUNTERS.get((match.group("counter") or "").lower(), "")
        if counter:
            found.add(number + counter)
        if number.isdigit() and len(number) >= 2:
            found.add(number)
    return frozenset(found)


def names_in(text: str) -> frozenset[str]:
    """Katakana runs and capitalised Latin words, folded (so プーチン and プチン are one name)."""
    folded = fold(text)
    names = {m.group(0) for m in _KATAKANA_RUN.finditer(folded)}
    names.update(fold(m.group(0)) for m in _LATIN_NAME.finditer(text) if m.group(0).lower() not in _NOT_NAMES)
    return frozenset(names)


def specifics_of(text: str) -> frozenset[str]:
    """What a sentence names precisely: its quantities and names (footnote markers aside)."""
    bare = strip_footnotes(text)
    normalised = unicodedata.normalize("NFKC", bare)
    return quantities_in(normalised) | ordinals_in(normalised) | names_in(bare)


def is_quantity(specific: str) -> bool:
    """Whether a specific (``specifics_of``) is a quantity (1985年, 3.5時間) rather than a name."""
    return specific[:1].isdigit()


def answer_types_of(text: str) -> frozenset[AnswerType]:
    """The kinds of answer a sentence can give."""
    bare = strip_footnotes(text)
    kinds: set[AnswerType] = set()
    if mentions_date(bare):
        kinds.add("date")
    if any(is_time_of_day(m) for m in CLOCK.finditer(bare)):
        kinds.add("time")
    if _DURATION.search(bare):
        kinds.add("duration")
    if _QUANTITY.search(bare):
        kinds.add("quantity")
    if _PLACE.search(bare):
        kinds.add("place")
    if _PERSON.search(bare):
        kinds.add("person")
    if _WORDS.search(bare):
        kinds.add("words")
    if _REPLY.search(bare):
        kinds.add("reply")
    if _REASON.search(bare):
        kinds.add("reason")
    return frozenset(kinds)


def asked_types(question: str) -> frozenset[AnswerType]:
    """The kinds of answer a question asks for: "words" for what someone said, none for why / how questions."""
    kinds: set[AnswerType] = {kind for kind, pattern in _ASKS.items() if pattern.search(question)}  # type: ignore[misc]
    if _LONG_ASKED.search(question):
        # 放送の長さ, "how long was the session": a length or a time taken, as the thing measured is.
        kinds |= {"duration", "quantity"}
    elif "duration" in kinds:
        kinds.discard("quantity")
    if "words" in kinds and _REPLY_ASKED.search(question):
        kinds = kinds - {"words"} | {"reply"}  # the words said back, not those they answered
    return frozenset(kinds)


def question_specifics(question: str, names: list[str]) -> frozenset[str]:
    """A question's specifics: its own quantities and names, and the Japanese spellings of its names."""
    found = set(specifics_of(question)) | set(english_quantities(question)) | set(english_ordinals(question))
    for name in names:
        found.update(names_in(name))
    return frozenset(found)


def english_counter(word: str) -> str:
    """The Japanese counter the article uses for an English word ("ships" → 隻), or ``""``."""
    return _EN_COUNTERS.get(word.lower(), "")
