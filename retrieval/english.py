"""Exact English renderings of the article's dates, durations and numbers (no translation of words).

Pure functions over text. Each reads one shape the article writes (2021年6月16日, 3時間半, 約5000億円,
約41%, 1991メートル) and writes it the way an English reader writes it; a shape it does not know
gives ``None``, so the caller shows the Japanese as written rather than a guess.
"""

from __future__ import annotations

import calendar
import re

from corpus.timeline import When

#: Powers the article writes in kanji after a number (5000億 = 500,000,000,000).
_POWERS = {"": 1, "万": 10**4, "億": 10**8, "兆": 10**12}
#: One part of a number written with kanji powers: 1億7,400万 is 1億 and 7,400万.
_NUMBER_PART = re.compile(r"(\d[\d,]*(?:\.\d+)?)([兆億万]?)")
#: A number as the article writes it, in parts when it is large (1億7,400万), its last power aside.
NUMBER_IN_PARTS = r"(?:\d[\d,]*(?:\.\d+)?[兆億万])*\d[\d,]*(?:\.\d+)?"
#: A number written in digits, grouped by thousands or not (1,425 or 1425), with its decimals.
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
#: Counters of things and people, as a count's span ends on them (か国・地域 before か国: one counter).
COUNTED = (
    r"人|名|隻|車線|か国・地域|カ国・地域|か国|ヶ国|カ国|回線|回|本|基|台|つ|個|件"
    r"|頭|匹|羽|枚|機|両|社|軒|棟|か所|カ所|ヶ所|箇所|校|便|発|票|席|冊|杯|部門|種類|試合|ページ|歳"
)
#: A Japanese question asking how many: a counter after 何 (何人, 何隻), or 何度 for a number of times (not 何度目).
COUNT_ASKED_JA = rf"何(?:{COUNTED})|何度(?!目)"
_NAMED_POWERS = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))
#: A bound written after a length of time (1か月以内: within a month), as English writes it before.
_DURATION_BOUNDS = {"以内": "within", "以上": "at least", "未満": "under", "近く": "nearly", "余り": "over"}
#: The bounds of a length of time as one alternation, for patterns.
DURATION_BOUNDS = "|".join(_DURATION_BOUNDS)
#: A bound written before a number (少なくとも16隻), as English writes it too.
_BOUNDS_BEFORE = {"少なくとも": "at least", "最大": "up to", "最大で": "up to"}
#: Those bounds as one alternation, longest first, for patterns.
BOUNDS_BEFORE = "|".join(sorted(_BOUNDS_BEFORE, key=len, reverse=True))
_DURATION = re.compile(
    rf"""
    (?P<least>{BOUNDS_BEFORE})?             # 少なくとも1年: at least a year
    (?P<about>約|およそ)?                   # "about"
    (?:合計)?                               # "in all" adds nothing to the figure
    (?:(?P<low>{DIGITS})\s*[〜~～]\s*)?      # 2〜3か月: two to three months
    (?P<number>{DIGITS})
    (?P<unit>時間|年|か月|ヶ月|カ月|ヵ月|週間|日|分|秒)
    (?P<smaller>(?:\d{{1,2}}(?:時間|分|秒))*)  # 2時間30分, 5日22時間54分41秒: the smaller units after
    (?P<half>半)?                           # 3時間半: and a half
    (?:間|の歳月)?                          # 5年間, 10年の歳月: the span, not the calendar year
    (?P<direction>前|後|ぶり)?              # 2か月前: that long before; 8年ぶり: the first in 8 years
    (?P<bound>{DURATION_BOUNDS})?           # 1か月以内: within a month
    """,
    re.VERBOSE,
)
_DURATION_UNITS = {
    "時間": "hour", "年": "year", "か月": "month", "ヶ月": "month", "カ月": "month", "ヵ月": "month",
    "週間": "week", "日": "day", "分": "minute", "秒": "second",
}  # fmt: skip
#: Money written with a currency sign before the number, and currencies written with their name after it.
_CURRENCY_SIGNS = {"円": "¥", "ドル": "$", "米ドル": "$", "ユーロ": "€", "ポンド": "£"}
_CURRENCY_NAMES = {
    "フラン": " francs", "ルーブル": " rubles", "クローナ": " krona", "クローネ": " krone", "ウォン": " won",
    "ルピー": " rupees", "ペソ": " pesos", "レアル": " reais", "リラ": " lira", "元": " yuan",
    "ドイツマルク": " Deutsche Marks", "マルク": " marks", "シリング": " shillings", "ギルダー": " guilders",
    "バーツ": " baht", "ディナール": " dinars", "ルピア": " rupiah", "ズウォティ": " złoty", "ズロチ": " złoty",
    "ペセタ": " pesetas", "ドラクマ": " drachmas", "リンギット": " ringgit",
    # Dollars of a country named before them (1,270億香港ドル): the name is part of the currency.
    "香港ドル": " Hong Kong dollars", "豪ドル": " Australian dollars",
    "カナダドル": " Canadian dollars", "シンガポールドル": " Singapore dollars", "台湾ドル": " Taiwan dollars",
    "ニュージーランドドル": " New Zealand dollars", "人民元": " yuan",
}  # fmt: skip
#: Latin letters, accented ones too (Urzúa, Piñera): a name the article spells in brackets, as a character class body.
LATIN_LETTERS = r"A-Za-z\u00c0-\u024f"
#: Units of length and weight the article may measure in, longest first (キログラム before キロ, the km it shortens).
MEASURE_UNITS = (
    "平方キロメートル|平方メートル|立方メートル|キロメートル|センチメートル|ミリメートル|メートル|キログラム|グラム|メガトン"
    "|キロトン|トン|リットル|ヘクタール|ギガワット|メガワット|キロワット|ワット|ミリシーベルト|シーベルト|ベクレル"
    "|レントゲン|キュリー|マイル|ノット|フィート"
)
#: The currencies the article may write an amount in (約6,000万クローナ), as one alternation for patterns.
CURRENCIES = "|".join(sorted([*_CURRENCY_SIGNS, *_CURRENCY_NAMES], key=len, reverse=True))
#: A question asking an amount of money, with or without "how much": what it cost, a price, a fee, what someone paid
#: or earned. "Spent" asks money unless time is what was spent ("the total time they spent in talks"); "paid a
#: visit" and "in (overall) charge" ask none.
MONEY_ASKED = re.compile(
    r"いくら|費用|事業費|金額|料金|値段|価格|参加費|入場料|通航料|通行料|使用料|収入|損失額|損害額|賠償金|予算|報酬"
    r"|賞金|請求額"
    r"|\bcost(?:s|ing)?\b|\bmoney\b|\bbudgets?\b|\bprices?\b|\byen\b|\bspending\b|\bexpens|\bfees?\b|\btolls?\b"
    r"|\bworth\b|\brevenue\b|\bincome\b|^(?!.*\bin\s+(?:\w+\s+)?charge\b).*\bcharged?\b"
    r"|\bpa(?:y|ys|id)\b(?!\s+(?:a\s+)?(?:visit|tribute|attention|respects?|homage)\b)"
    r"|^(?!.*\b(?:time|hours?|days?|minutes?|weeks?|months?|years?|long)\b).*\bspen[dt]\b",
    re.IGNORECASE,
)
#: A question asking a percentage or a share: 何割, 割合, "what proportion". A share of money is a percentage of it.
PERCENT_ASKED = re.compile(
    r"%|パーセント|割合|何割|\bper\s*cent|\bpercentage\b|\b(?:what|which)\s+(?:share|proportion|fraction)\b",
    re.IGNORECASE,
)


def asks_money(question: str) -> bool:
    """Whether ``question`` asks an amount of money (``MONEY_ASKED``), not a share of one (``PERCENT_ASKED``).

    "What share of its income": a percentage of an amount, not the amount.
    """
    return MONEY_ASKED.search(question) is not None and PERCENT_ASKED.search(question) is None


#: A bound written after a number (50回以上), as English writes it before.
_BOUNDS = {
    "以上": "at least", "以下": "at most", "未満": "under", "超": "over", "を超える": "over", "余り": "over",
    "近く": "nearly",
}  # fmt: skip
#: The bounds as one alternation, for patterns.
BOUNDS = "|".join(_BOUNDS)
_QUANTITY = re.compile(
    rf"""
    (?P<least>{BOUNDS_BEFORE})?              # 少なくとも16隻: at least 16 ships
    (?P<about>約|およそ|推定|推計)?          # "about"; an estimate is shown as one
    (?P<rate>毎秒)?                          # 毎秒80メートル: a speed
    (?P<number>{NUMBER_IN_PARTS})             # 1億7,400万: parts, each with its power
    (?P<power>万|億|兆)?
    (?P<counter>{MEASURE_UNITS}|キロ|{CURRENCIES}|割|%|パーセント|{COUNTED})?
    (?:×(?P<times>\d+))?                    # 960メートル×2
    (?P<bound>{BOUNDS})?                     # 50回以上: at least 50
    """,
    re.VERBOSE,
)
#: Counters with an exact English word or unit; the others (本, 基, 台) leave the bare number.
_UNITS = {
    "キロメートル": " km", "キロ": " km", "メートル": " m", "センチメートル": " cm", "ミリメートル": " mm",
    "キログラム": " kg", "グラム": " g", "メガトン": " megatons", "キロトン": " kilotons", "トン": " t",
    "リットル": " L", "%": "%", "パーセント": "%", "平方キロメートル": " km²", "平方メートル": " m²",
    "立方メートル": " m³", "ヘクタール": " ha", "ギガワット": " GW", "メガワット": " MW", "キロワット": " kW",
    "ワット": " W",
    "ミリシーベルト": " mSv", "シーベルト": " Sv", "ベクレル": " Bq", "レントゲン": " roentgens", "キュリー": " curies",
    "マイル": " miles", "ノット": " knots", "フィート": " ft",
    "人": " people", "名": " people", "隻": " ships", "車線": " lanes", "か国": " countries", "ヶ国": " countries",
    "カ国": " countries", "回": " times", "回線": " lines", "ページ": " pages", "票": " votes", "歳": " years old",
    "か国・地域": " countries and regions", "カ国・地域": " countries and regions",
}  # fmt: skip


def english_date(when: When) -> str:
    """``16 June 2021``, ``June 2021`` or ``2021``: the precision the article gives, no more."""
    if when.month is None:
        return str(when.year)
    month = calendar.month_name[when.month]
    return f"{month} {when.year}" if when.day is None else f"{when.day} {month} {when.year}"


#: A time of day as the article writes it: 午後9時55分, 午前0時11分, 14時30分, 午後2時半, 21:55.
CLOCK = re.compile(
    r"""
    (?:
        (?P<half>午前|午後)?
        (?P<hour>\d{1,2})\s*時(?!間|代|点|期|中|差)     # 9時, not 3時間 (a duration) or 1時点
        (?:(?P<minute>\d{1,2})\s*分(?:(?P<second>\d{1,2})\s*秒)?|(?P<thirty>半))?  # 1時23分40秒: its seconds too
      | (?<!\d)(?P<hh>\d{1,2}):(?P<mm>\d{2})(?!\d)     # 21:55
    )
    (?:(?P<approx>頃|ごろ)|(?P<past>過ぎ|すぎ))?         # 19時50分頃: about; 午前0時30分過ぎ: just after
    """,
    re.VERBOSE,
)


def is_time_of_day(match: re.Match[str]) -> bool:
    """Whether a ``CLOCK`` match says a time: 午前 or 午後, minutes, ごろ, 過ぎ or hh:mm (not a bare 9時, a list's)."""
    return any(match.group(g) for g in ("half", "minute", "thirty", "hh", "approx", "past"))


def english_clock(text: str) -> str | None:
    """``午後9時55分`` → ``9:55 pm``, ``午前0時11分`` → ``12:11 am``, ``19時50分頃`` → ``about 19:50``; else ``None``.

    Seconds when the article gives them: ``午前1時23分40秒`` → ``1:23:40 am``; 過ぎ is "just after".

    The 12-hour clock where the article says 午前 or 午後, the 24-hour clock where it does not.
    """
    match = CLOCK.fullmatch(text)
    if not match:
        return None
    about = "about " if match.group("approx") else "just after " if match.group("past") else ""
    if match.group("hh"):
        return f"{about}{int(match.group('hh'))}:{match.group('mm')}"
    hour = int(match.group("hour"))
    minute = 30 if match.group("thirty") else int(match.group("minute") or 0)
    seconds = f":{int(match.group('second')):02d}" if match.group("second") else ""
    if not match.group("half"):
        return f"{about}{hour}:{minute:02d}{seconds}"
    suffix = "am" if match.group("half") == "午前" else "pm"
    return f"{about}{hour % 12 or 12}:{minute:02d}{seconds} {suffix}"


def english_century(number: int) -> str:
    """``18世紀`` → ``18th century``."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix} century"


def _plural(number: str, word: str) -> str:
    return f"{number} {word}" if number == "1" else f"{number} {word}s"


def english_duration(text: str) -> str | None:
    """``3時間半`` → ``3.5 hours``, ``5年間`` → ``5 years``, ``約24年間`` → ``about 24 years``; else ``None``."""
    match = _DURATION.fullmatch(text)
    if not match:
        return None
    number = match.group("number")
    if match.group("half"):
        number = f"{float(number.replace(',', '')) + 0.5:,g}"
    rendered = _plural(number, _DURATION_UNITS[match.group("unit")])
    if low := match.group("low"):
        rendered = f"{low}–{rendered}"
    if least := match.group("least"):
        rendered = f"{_BOUNDS_BEFORE[least]} {rendered}"
    for count, unit in re.findall(r"(\d{1,2})(時間|分|秒)", match.group("smaller")):
        rendered += " " + _plural(str(int(count)), _DURATION_UNITS[unit])
    rendered = f"about {rendered}" if match.group("about") else rendered
    direction = match.group("direction")
    if direction == "ぶり":
        return f"the first in {rendered}"
    if bound := match.group("bound"):
        return f"{_DURATION_BOUNDS[bound]} {rendered}"
    if direction:
        rendered += " before" if direction == "前" else " after"
    return rendered


def english_number(value: float) -> str:
    """``1991`` → ``1,991``, ``5e11`` → ``500 billion``, ``1.12`` → ``1.12``: exact, with the usual grouping."""
    for power, name in _NAMED_POWERS:
        if value >= power and (value / power) * 1000 == int((value / power) * 1000):
            return f"{value / power:,g} {name}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.10g}"


#: Plural unit words whose singular is not the word without its s.
_SINGULARS = {" people": " person", " countries": " country", " countries and regions": " country and region",
              " reais": " real", " years old": " year old"}  # fmt: skip


def _singular(unit: str) -> str:
    """A unit's word for one of it: " people" → " person", " ships" → " ship"; a symbol (" km") as it is."""
    if unit in _SINGULARS:
        return _SINGULARS[unit]
    return unit[:-1] if unit.endswith("s") and not unit.endswith("ss") else unit


def english_quantity(text: str) -> str | None:
    """``約5000億円`` → ``about ¥500 billion``, ``約41%`` → ``about 41%``, ``少なくとも16隻`` → ``at least 16 ships``.

    A counter with no exact English word (本, 基, 台, つ) leaves the bare number; an unknown shape gives ``None``.
    """
    match = _QUANTITY.fullmatch(text)
    if not match:
        return None
    value = sum(
        float(digits.replace(",", "")) * _POWERS[power]
        for digits, power in _NUMBER_PART.findall(match.group("number") + (match.group("power") or ""))
    )
    counter = match.group("counter") or ""
    if counter == "割":  # 9割: nine tenths
        value, counter = value * 10, "%"
    number = english_number(value)
    sign = _CURRENCY_SIGNS.get(counter)
    unit = _CURRENCY_NAMES.get(counter, _UNITS.get(counter, ""))
    rendered = f"{sign}{number}" if sign else number + (_singular(unit) if number == "1" else unit)
    if match.group("rate"):
        rendered += " per second"
    if match.group("times"):
        rendered += f" × {match.group('times')}"
    about = f"about {rendered}" if match.group("about") else rendered
    if least := match.group("least"):
        return f"{_BOUNDS_BEFORE[least]} {about}"  # 最大で約4億ドル: up to about $400 million
    if bound := match.group("bound"):
        return f"{_BOUNDS[bound]} {rendered}"
    return about
