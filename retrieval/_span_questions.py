"""What a factoid question wants as its short answer: the span types, the counter, and its words as bigrams."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from retrieval._span_shapes import SpanType
from retrieval.english import (
    COUNT_ASKED_JA,
    COUNTED,
    CURRENCIES,
    MEASURE_UNITS,
    MONEY_ASKED,
    PERCENT_ASKED,
    asks_money,
)
from retrieval.features import (
    HOW_LONG_WAS,
    HOW_MUCH_JA,
    THE_DATE_ASKED,
    THE_DAY_ASKED_JA,
    WHICH_DAY,
    WHICH_YEAR,
    AnswerType,
    english_counter,
)
from retrieval.lexical import fold
from retrieval.question import WHAT_CALLED_JA, language_of

#: The finer span types each asked answer type accepts.
_ACCEPTS: dict[AnswerType | Literal["org"], tuple[SpanType, ...]] = {
    "date": ("date",),
    "time": ("time",),
    "duration": ("duration",),
    "quantity": ("count", "quantity", "money", "percent"),
    "place": ("place",),
    "org": ("org",),
    "person": ("person", "org"),
}
_ROLE_ASKED = re.compile(
    r"役職|役割|肩書|立場|地位|ポジション|どんなポスト|\brole\b|\bposition\b|\bjob\b|\btitle\b|\bpost\b|\bcapacity\b|\b(?:what|which)\s+office\b",
    re.IGNORECASE,
)
_ORG_ASKED = re.compile(
    r"組織|機関|会社|団体|公団|企業|事務所|裁判所|委員会|協会|研究所|銀行|新聞社|通信社"
    r"|organi[sz]ation|agency|company|corporation|authority|\bfirm\b|\bbody\b(?!\s+of\s+water)|\bcourt\b|ministry"
    r"|\bbank\b|newspaper|\boutfit\b|insurer|\bcommittee\b|\bcouncil\b|\binstitute\b|\bcontractor\b"
    r"|(?:どの|どんな|何の)(?:社会|抗議|政治)?運動|運動(?:は|って)|\bmovement\b",  # a movement is a body too
    re.IGNORECASE,
)
#: A question asking which country: "in which country", 「どこの国」, 「国はどこ」.
COUNTRY_ASKED = re.compile(
    rf"\b(?:which|what)\s+(?:[\w-]+\s+)?(?:country|nation)\b|どこの国|どの国|{WHAT_CALLED_JA}国|何国|国は(?:どこ|何)",
    re.IGNORECASE,
)
_PLACE_ASKED = re.compile(r"body\s+of\s+water|\bwhich\s+(?:lake|sea|river|country)\b", re.IGNORECASE)
#: "Which US president…", "which Swiss city…": an English question naming the kind of thing it wants.
_PERSON_NOUNS = (
    r"president|leader|minister|secretary|advis[eo]r|official|oligarch|ambassador|envoy|spokes(?:man|woman|person)"
    r"|diplomat|politician|mayor|chancellor|person|man|woman|figure|engineer|architect"
    r"|reporter|journalist|correspondent|senator|congress(?:man|woman)|lawmaker|governor|general|officer|commander"
    r"|chair(?:man|woman)?|director|scientist|astronaut|survivor|author|writer|artist|negotiator|interpreter"
    r"|judge|prosecutor|lawyer|activist|king|queen|emperor|prince|princess"
    r"|historian|economist|physicist|expert|analyst|musician|conductor|composer|singer|actor|actress|poet|pilot"
    r"|cosmonaut|doctor|physician|surgeon|professor|soldier|guard|photographer|pope|bishop|priest|premier|coach"
)
#: Buildings a question may ask for by their kind ("which hotel"): a city or a country is no answer to those.
_BUILDING_NOUNS = (
    r"building|hotel|castle|palace|mansion|villa|estate|hall|church|cathedral|stadium|arena|lodge|chalet|residence"
    r"|embassy|room"
)
_PLACE_NOUNS = (
    rf"city|town|village|country|nation|island|region|prefecture|capital|venue|airport|air\s+base|base|port|harbou?r"
    rf"|square|park|resort|{_BUILDING_NOUNS}"
)
#: "Which Ukrainian oligarch", "what Russian official": an English question naming the kind of person it wants.
_EN_WHICH_PERSON = rf"\b(?:which|what)\s+(?:[\w-]+\s+){{0,3}}?(?:{_PERSON_NOUNS})\b"
_EN_WHICH_KIND: tuple[tuple[re.Pattern[str], AnswerType], ...] = (
    (re.compile(_EN_WHICH_PERSON, re.IGNORECASE), "person"),
    (re.compile(rf"\b(?:which|what)\s+(?:[\w-]+\s+){{0,3}}?(?:{_PLACE_NOUNS})\b", re.IGNORECASE), "place"),
)
#: 「…ソ連の指導者は？」: a Japanese question ending on the kind of person or place it wants, with no question word.
_JA_KIND_END = r"(?:は|って)?(?:誰|だれ|どこ)?(?:ですか|だった|でした)?[?？。]?\s*$"
#: Nouns naming a kind of person (an office, a trade): 「…の指導者は」, 「議長の名前」.
PERSON_NOUNS_JA = (
    r"(?:指導者|大統領|首相|書記長|外相|大使|長官|大臣|補佐官|人物|首脳|提唱者|責任者"
    r"|記者|議員|知事|市長|議長|委員長|司令官|将軍|社長|会長|博士|教授|技師|次官|報道官|顧問|スポークスマン)"
)
#: A question naming the kind of person it asks for.
_NAMES_A_PERSON = re.compile(rf"{PERSON_NOUNS_JA}(?:は|って|が|として|の名前)|{_EN_WHICH_PERSON}", re.IGNORECASE)
_JA_PLACE_NOUNS = r"(?:都市|場所|町|国|建物|会場|開催地)"
_JA_WHICH_KIND: tuple[tuple[re.Pattern[str], AnswerType], ...] = (
    (re.compile(PERSON_NOUNS_JA + _JA_KIND_END), "person"),
    (re.compile(_JA_PLACE_NOUNS + _JA_KIND_END), "place"),
    # 「報道官として代表団に入ってたのは？」: the one who served as that office
    (re.compile(rf"{PERSON_NOUNS_JA}として.*の(?:は|って)[?？]?\s*$"), "person"),
)
#: "How many days before…": a count of a unit of time is a length of time (2日前, 5年間).
_TIME_COUNTERS = frozenset(["日", "時間", "年", "か月", "週間", "分", "秒"])
#: "Who is Peskov?", 「ゲラシモフってどういう人？」: the question names the person and asks what they are.
_ABOUT_PERSON = re.compile(
    r"^\s*(?i:who)\s+(?:is|was)\s+(?:[A-Z][\w.'-]*\s*)+\??\s*$|ってどういう人|はどういう人|はどんな人|とは誰|って誰|とは何者|って何者"
)
#: A unit asked after 何 (何メートル, 何メガワット, 何キロ): the measure asked, in that unit.
_UNIT_ASKED_JA = rf"何(?:{MEASURE_UNITS}|キロ)"
_UNIT_NAMED = re.compile(rf"何(?P<unit>{MEASURE_UNITS})")
_COUNT_ASKED = re.compile(rf"{COUNT_ASKED_JA}|いくつ|\bhow\s+many\b|\bnumber\s+of\b", re.I)
_MEASURE_ASKED = re.compile(
    rf"高さ|長さ|幅|直径|距離|深さ|間隔|{_UNIT_ASKED_JA}|\bhow\s+(?:tall|high|long|wide|far|close|near|deep)\b|\bheight\b"
    r"|\blength\b"
    r"|\bwidth\b|\bdiameter\b|\bdistance\b",
    re.IGNORECASE,
)
#: The question words themselves: when a question holds one, its other answer types only name its topic
#: (「会場の建物はいつ…」 asks a date, not the venue).
_INTERROGATIVES: dict[AnswerType, re.Pattern[str]] = {
    "date": re.compile(
        rf"いつ|\bwhen\b|\b(?:what|which)\s+(?:year|date|day|month|century)\b|{THE_DATE_ASKED}|{WHICH_YEAR}|何月|{WHICH_DAY}"
        rf"|何世紀|日付|{THE_DAY_ASKED_JA}",
        re.IGNORECASE,
    ),
    "place": re.compile(rf"どこ|\bwhere\b|\b(?:which|what)\s+(?:{_PLACE_NOUNS})\b", re.IGNORECASE),
    "person": re.compile(r"誰|だれ|\bwho\b", re.IGNORECASE),
}
#: An amount asked by its noun, with no "how much": 「重水の量は」 (an amount of something, in its unit),
#: 「保有量の上限」, 「最長で何」, "what's the max length", "the cap on…" (a bound, of whatever is bounded; not "min",
#: as often minutes).
_AMOUNT_OF = re.compile(r"(?<!数)量(?!子|産)")
_BOUND_ASKED = re.compile(
    r"上限|下限|最大|最小|最長|最短|\b(?:max|maximum|minimum|cap|capped|ceiling|limit)\b", re.IGNORECASE
)
#: A rank asked: 「何番目」, 「何位」, "what rank", "ranked".
_RANK_ASKED = re.compile(r"何番目|何位|\bwhat\s+rank|\branked\b|\bwhich\s+place\s+did\b", re.IGNORECASE)
#: 「どこまで引き上げる」: how far a level was raised or cut asks the level, not a place.
_HOW_FAR_MOVED = re.compile(
    r"どこまで(?=[^?？。]{0,3}(?:引き上げ|上げ|引き下げ|下げ|増や|減ら|高め|低め|伸ば|延ば|削減|拡大))"
)
#: The span types an amount is written as.
_AMOUNT_TYPES: frozenset[SpanType] = frozenset({"quantity", "count", "percent", "money", "duration"})
#: "How much", 「どれだけ」 without a unit: an amount or a length of time.
_VAGUE_AMOUNT = re.compile(HOW_MUCH_JA)
#: "How much", which asks an amount that is not counted (money, a weight, a share), unlike "how many".
_HOW_MUCH = re.compile(r"\bhow\s+much\b", re.IGNORECASE)
#: A question word asking an amount: how many (いくつ, 何人, "how many") or how much (どのくらい, いくら).
_AMOUNT_WORD = re.compile(rf"{_COUNT_ASKED.pattern}|いくら|{_VAGUE_AMOUNT.pattern}|{_HOW_MUCH.pattern}", re.IGNORECASE)
#: A question after a vote: its tally (「採決結果は」, "what was the senate vote") or one side of it.
VOTE_ASKED = re.compile(r"(?<!投)票|採決|表決|議決|投票結果|\bvot(?:e|es|ed|ing)\b|\btally\b|\bmargin\b", re.IGNORECASE)
#: A question after a building ("which building", "what hotel", 「どの建物」): a city or a country is no answer.
BUILDING_ASKED = re.compile(
    rf"\b(?:which|what)\s+(?:[\w-]+\s+){{0,3}}?(?:{_BUILDING_NOUNS})s?\b"
    r"|(?:どの|どんな|何という|なんという|何て)(?:建物|ホテル|城|宮殿|邸宅|館|部屋|施設)",
    re.IGNORECASE,
)
#: "How old": an age (89歳) or, of a thing, when it was made (18世紀).
HOW_OLD = re.compile(r"\bhow\s+old\b", re.IGNORECASE)
#: "How big was the damages number the committee came up with": an amount, whatever body the question names.
_HOW_BIG = re.compile(r"\bhow\s+(?:big|large|high|huge)\b|\bwhat\s+(?:number|amount|figure|sum)\b", re.IGNORECASE)
#: Verbs of time passing: 「どれだけ中断して」, 「どのくらい待った」, 「どれくらい押した」 ask a length of time.
_TIME_PASSING = re.compile(
    r"中断|休止|待[っちたつて]|続[いけく]|かか[っるり]|遅れ|経[っつ]|滞在|要し|費やし|押し[たて]|ずれ込|延び"
)
#: "When" opening a question, or a second one ("had they met before? when was that"), not "…when he first met Putin".
_EN_WHEN = re.compile(
    rf"(?:^|[?.!]\s*)\W*when\b|\b(?:what|which)\s+(?:year|date|day|month|century)\b|{THE_DATE_ASKED}|\bsince\s+when\b",
    re.IGNORECASE,
)
#: "When the boat got swamped, how many had to be rescued?": a clause of "when" before a comma and another question
#: word places the question in time; the question word after it asks.
_EN_WHEN_CLAUSE = re.compile(
    r"^\W*when\s+(?!(?:did|do|does|was|were|is|are|will|would|had|has|have|can|could)\b)"  # not "when did…"
    r"[^,?.!]*,\s*(?:how|what|who|whom|whose|where|which|why)\b",
    re.IGNORECASE,
)
#: A kanji and the kana after it (引き, 打ち), a particle aside (橋が is a noun and its case, not a verb's stem).
_STEM_KANA = re.compile(r"[\u4e00-\u9fff](?![がはをにのでとへやもか])[\u3041-\u3096]")
#: A question after a period of time (期間), which a range of dates answers (1944年8月21日から10月7日まで).
PERIOD_ASKED = re.compile(r"期間|\b(?:what|which)\s+period\b", re.IGNORECASE)
SINCE = re.compile(r"から|以来|\bsince\b", re.IGNORECASE)
"""A question asking since when: the date it wants is followed by 以来, から or 以降."""
_JA_COUNTER = re.compile(rf"何(?P<counter>{COUNTED})")
_EN_COUNTER = re.compile(r"\bhow\s+many\s+(?P<words>\w+(?:\s+\w+)?)", re.IGNORECASE)
#: English verbs of the question mapped to the Japanese stems the article's predicates use (a kanji with its
#: first kana is a verb's stem: 会っ of 会った).
_VERB_CUES = {
    r"\bheld\b|\bhold\b|take place|took place|\bhost": "開催",
    r"\bmeet\b|\bmet\b|\bmeeting\b": "会談 会っ 会い",
    r"\bopen(?:ed)?\b": "開通",
    r"\blast(?:ed)?\b|\btake\b|\btook\b": "続",
    r"\bdied?\b|\bkilled\b|\bdeaths?\b": "死亡",
    r"\bcross(?:es)?\b|\bspans?\b": "横断",
    r"\bstart(?:ed)?\b|\bbegan?\b|\bbegin\b": "着工",
    r"\bextend(?:ed)?\b": "延長",
    r"\bcost\b": "事業費",
    r"\bmanage[sd]?\b|\brun\b|\boperates?\b": "管理",
}

#: Cues that add a span type to those the answer types accept.
#: 「駐米大使の名前を教えて」, "the name of the ambassador": a person's name asked without "who".
_PERSON_NAME_ASKED = re.compile(
    rf"{PERSON_NOUNS_JA}の(?:名前|氏名)|\bname\s+of\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?(?:{_PERSON_NOUNS})\b",
    re.IGNORECASE,
)
_ADDED: tuple[tuple[re.Pattern[str], SpanType], ...] = (
    (_ROLE_ASKED, "role"), (_ORG_ASKED, "org"), (_PLACE_ASKED, "place"), (_PERSON_NAME_ASKED, "person")
)  # fmt: skip
#: Cues that narrow a quantity question to one kind of amount, first match wins.
#: "How many" before money: "how many plaintiffs sued over public money" counts people.
_AMOUNTS: tuple[tuple[re.Pattern[str], SpanType], ...] = (
    (PERCENT_ASKED, "percent"), (_COUNT_ASKED, "count"), (MONEY_ASKED, "money"), (_MEASURE_ASKED, "quantity")
)  # fmt: skip


def wanted_types(question: str, answer_types: Iterable[AnswerType], *, kind_nouns: bool = True) -> frozenset[SpanType]:
    """The span types that can answer ``question``, given its asked answer types.

    With ``kind_nouns``, an English "which president / which city" adds the kind it names.
    """
    other_asked = any(_INTERROGATIVES[kind].search(question) for kind in ("date", "place"))
    if (_ROLE_ASKED.search(question) and not other_asked) or (
        (about := _ABOUT_PERSON.search(question))
        and not re.search(rf"(?:{PERSON_NOUNS_JA}|人|の)$", question[: about.start()])
    ):
        # 「ゲラシモフって誰」 asks what he is; 「野党指導者って誰」 names an office, 「ボリビア人って誰」 a
        # people, 「次官だった人って誰」 a person and 「辞めたのって誰」 the one who did it: those ask who it is.
        return frozenset({"role"})
    if _RANK_ASKED.search(question):
        return frozenset()  # 「高さは何番目」: a rank, which no span type here is (3,067メートル is the height)
    if _HOW_FAR_MOVED.search(question):
        return _AMOUNT_TYPES - {"duration"}
    asked: set[AnswerType | Literal["org"]] = set(answer_types)
    english = language_of(question) == "en"
    if english and (not _EN_WHEN.search(question) or _EN_WHEN_CLAUSE.search(question)):
        asked.discard("date")  # "…when he first met Putin?" places the question in time, it does not ask a date
    if kind_nouns and (english or not asked):
        kinds = _EN_WHICH_KIND if english else _JA_WHICH_KIND
        asked.update(kind for pattern, kind in kinds if pattern.search(question))
    explicit: set[AnswerType | Literal["org"]] = {
        kind for kind in asked if kind in _INTERROGATIVES and _INTERROGATIVES[kind].search(question)
    }
    counting = _COUNT_ASKED.search(question)
    if len(explicit) == 1:
        asked = explicit
    elif not explicit and _AMOUNT_WORD.search(question):
        # 「運動期間中に…団体っていくつ」, 「会場のまわりに…どのくらい置かれた」: the question word asks an amount, the
        # nouns of a time or a place only name its topic.
        asked -= {"date", "place", "person"}
        if counting and asked_counter(question) not in _TIME_COUNTERS:
            asked = {"quantity"}  # what is counted, not a length of time (運動期間中の団体の数)
    if "place" in asked and "どこ" in question:
        asked.add("org")  # 「どこが引き継いだ」, 「どこの事務所」: which body, as often as which place
    wanted: set[SpanType] = {kind for a in asked for kind in _ACCEPTS.get(a, ())}
    if "person" in wanted and _NAMES_A_PERSON.search(question):
        wanted.discard("org")  # 「指揮をとった責任者はだれ」, "which minister": a person, not the body they served
    if not wanted and asks_money(question):
        wanted = {"money"}  # "What did the whole project cost?" asks an amount without "how much"
    if not wanted and PERCENT_ASKED.search(question):
        wanted = {"percent"}  # "what percent of people backed him": a share without "how many"
    if not wanted and _AMOUNT_OF.search(question):
        wanted = {"quantity"}
    if not wanted and _BOUND_ASKED.search(question):
        wanted = set(_AMOUNT_TYPES)
    if not wanted and _VAGUE_AMOUNT.search(question):
        # 「どのくらい長かった」: 約41%長かった; 「どれだけ中断して」: a length of time only.
        wanted = {"duration"} if _TIME_PASSING.search(question) else {"count", "quantity", "duration", "percent"}
    if not wanted and asked_heads(question):
        wanted = {"org"}  # 「何ていう保護区」: a name ending on the noun asked (``asked_heads``)
    if not wanted and VOTE_ASKED.search(question):
        wanted = {"count"}  # "US senate vote on ratifying it?", 「採決結果は？」: the tally
    if _HOW_MUCH.search(question) and not counting:
        wanted.discard("count")  # "how much did Japan pledge": an amount of something, never a number of people
    if HOW_OLD.search(question):
        wanted |= {"count", "date"}  # "how old was he": 89歳; "how old is the villa": 18世紀
    if "duration" in wanted and PERIOD_ASKED.search(question):
        wanted.add("date")  # 「会議の期間」: its range of dates answers as well as its length
    for pattern, kind in _ADDED:
        # With a question word (いつ, who…) the cue word is the topic: 「情報機関はいつから」 asks a date; so it is
        # with "how many" or "how big": "how many council members voted" counts them, it asks for no council.
        if not (explicit or _AMOUNT_WORD.search(question) or _HOW_BIG.search(question)) and pattern.search(question):
            wanted.add(kind)
    for pattern, kind in _AMOUNTS:
        if "quantity" in asked and pattern.search(question):
            narrowed = wanted - {"count", "quantity", "money", "percent"} | {kind}
            if kind == "count" and asked_counter(question) in _TIME_COUNTERS:
                narrowed.add("duration")
            if kind == "quantity" and HOW_LONG_WAS.search(question):
                narrowed.add("duration")  # "how long was New START extended for?": 5年間, not a length
            return frozenset(narrowed)
    return frozenset(wanted)


def kind_words(question: str) -> list[str]:
    """The Japanese nouns of kind a question ends on (「…ソ連の指導者は？」 → 指導者), which name what it wants."""
    return re.findall(f"{PERSON_NOUNS_JA}|{_JA_PLACE_NOUNS}", question) if language_of(question) == "ja" else []


#: 「何という湖」, 「どの川」: the noun after a "which" names the kind of thing asked for.
_JA_WHICH_NOUN = re.compile(rf"(?:{WHAT_CALLED_JA}|どの|どんな)(?P<noun>[\u4e00-\u9fff\u30a1-\u30fa\u30fc]{{1,4}})")


#: The head of the name a Japanese question asks for: 「何という保護区」, 「どこの研究所」, 「どの原子力発電所」.
_NAMED_HEAD = re.compile(rf"(?:{WHAT_CALLED_JA}|どこの|どの)(?P<head>[\u4e00-\u9fff\u30a1-\u30fa\u30fc々]{{2,8}})")


def asked_heads(question: str) -> list[str]:
    """The nouns a Japanese question asks a name ending on (「どこの研究所」 → 研究所), people and places aside.

    A name of that kind is written as the noun after its own words (クルチャトフ研究所, フォルスマルク原子力発電所):
    the span that answers ends on it. A person's or a place's noun (大統領, 都市) names a kind the other span
    types answer.
    """
    if language_of(question) != "ja":
        return []
    heads = [m.group("head") for m in _NAMED_HEAD.finditer(question)]
    return [h for h in heads if not re.search(rf"{PERSON_NOUNS_JA}|{_JA_PLACE_NOUNS}|国|ポスト|役職|分野", h)]


def named_kinds(question: str) -> list[str]:
    """The nouns a Japanese question names after 何という / どの (「何という湖」 → 湖); empty for English."""
    return [m.group("noun") for m in _JA_WHICH_NOUN.finditer(question)] if language_of(question) == "ja" else []


#: The measure a question asks and the units that give it: "how heavy was the capsule" wants its 420キログラム, not
#: the 2.5メートル of its height in the same sentence.
_UNITS_ASKED: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (
        re.compile(
            r"重さ|重量|質量|重い|重かった|何キログラム|何グラム|何トン|\bhow\s+heavy\b|\bweigh|\bmass\b", re.IGNORECASE
        ),
        ("キログラム", "グラム", "トン"),
    ),
    (
        re.compile(
            rf"高さ|長さ|幅|直径|距離|離れ|深さ|(?:{_VAGUE_AMOUNT.pattern})(?:高|深|遠)"
            r"|何メートル|何センチ|何キロメートル|\bhow\s+(?:tall|high|wide|far|close|near|deep)\b"
            r"|\b(?:height|length|width|diameter|distance|depth)\b",
            re.IGNORECASE,
        ),
        ("キロメートル", "センチメートル", "ミリメートル", "メートル"),
    ),
)


def asked_units(question: str) -> tuple[str, ...]:
    """The units of the measure a question asks (重さ, "how heavy" → キログラム, グラム, トン), or ``()``.

    A unit named after 何 is the one asked (何メガワット → メガワット); 何キロ asks kilometres or kilograms.
    """
    if named := _UNIT_NAMED.search(question):
        return (named.group("unit"),)
    return next((units for pattern, units in _UNITS_ASKED if pattern.search(question)), ())


def asked_counter(question: str) -> str:
    """The counter a "how many" question names (何隻, "how many ships" → 隻), or ``""``."""
    if match := _JA_COUNTER.search(question):
        return match.group("counter")
    if match := _EN_COUNTER.search(question):
        return next((c for word in match.group("words").split() if (c := english_counter(word))), "")
    return ""


def asked_measures(question: str) -> tuple[str, ...]:
    """The counters and units a question asks its amount in (何人 → 人; "how tall" → メートル; いくら → currencies)."""
    money = CURRENCIES.split("|") if asks_money(question) else []
    return tuple(c for c in (asked_counter(question), *asked_units(question), *money) if c)


def verb_cues(question: str) -> list[str]:
    """The Japanese stems an English question's verbs are written with ("last" → 続); none for a Japanese one."""
    if language_of(question) != "en":
        return []
    return [stem for pattern, stem in _VERB_CUES.items() if re.search(pattern, question, re.IGNORECASE)]


def question_keys(question: str, terms: Iterable[str] = ()) -> frozenset[str]:
    """Bigrams of the question's content words (kanji, katakana, Latin, digits), and of its Japanese terms."""
    # The counter asked for names what is counted (how many lanes → 車線, the label of 「車線数、6車線」).
    texts = [question, *terms, asked_counter(question)]
    cues = verb_cues(question)
    texts += cues
    keys: set[str] = set()
    for text in texts:
        for run in re.findall(r"[\u4e00-\u9fff\u30a1-\u30fc・A-Za-z0-9%]+", fold(text)):
            keys.update(run[i : i + 2] for i in range(len(run) - 1) if "何" not in run[i : i + 2])
    # A term of one kanji (sheep → 羊, lake → 湖) is a whole word, which bigrams would miss.
    keys.update(term for term in terms if len(term) == 1 and "\u4e00" <= term <= "\u9fff" and term != "何")
    # A verb's stem and first kana (引き継いだ → 引き, the term 打ち上げ → 打ち) find the predicate the answer
    # stands next to.
    keys.update(
        m.group(0) for text in (question, *terms, *cues) for m in _STEM_KANA.finditer(text) if "何" not in m.group(0)
    )
    return frozenset(keys)
