"""English renderings of every date, duration and number shape the two articles hold: exact, never guessed."""

from __future__ import annotations

import pytest

from corpus.timeline import When
from retrieval.english import (
    english_century,
    english_clock,
    english_date,
    english_duration,
    english_number,
    english_quantity,
)


@pytest.mark.parametrize(
    ("when", "english"),
    [
        (When(2021, 6, 16), "16 June 2021"),  # 2021年6月16日
        (When(2021, 3), "March 2021"),  # 2021年3月
        (When(1955), "1955"),  # 1955年
        (When(2021, 1), "January 2021"),  # 1月, in the summit's year
        (When(1998, 4, 5), "5 April 1998"),  # 1998年4月5日
        (When(1995, 1, 17), "17 January 1995"),
    ],
)
def test_dates_keep_the_articles_precision(when, english):
    assert english_date(when) == english
    assert english_century(18) == "18th century"
    assert [english_century(n) for n in (1, 2, 3, 11, 21)] == ["1st century", "2nd century", "3rd century",
                                                               "11th century", "21st century"]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("3時間半", "3.5 hours"),
        ("約2時間半", "about 2.5 hours"),
        ("5年間", "5 years"),
        ("20年間", "20 years"),
        ("約24年間", "about 24 years"),
        ("約10年の歳月", "about 10 years"),
        ("2か月前", "2 months before"),
        ("2日前", "2 days before"),
        ("約8年ぶり", "the first in about 8 years"),
        ("3年ぶり", "the first in 3 years"),
        ("1時間", "1 hour"),
        ("2時間30分", "2 hours 30 minutes"),
        ("2時間22分", "2 hours 22 minutes"),
        ("5日22時間54分41秒", "5 days 22 hours 54 minutes 41 seconds"),
        ("4分23秒", "4 minutes 23 seconds"),
        ("1,425日間", "1,425 days"),
        ("約1,200年間", "about 1,200 years"),
        ("2〜3か月", "2–3 months"),
        ("少なくとも1年", "at least 1 year"),
    ],
)
def test_durations(text, english):
    assert english_duration(text) == english


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("約5000億円", "about ¥500 billion"),
        ("約41%", "about 41%"),
        ("1991メートル", "1,991 m"),
        ("3911メートル", "3,911 m"),
        ("約1.12メートル", "about 1.12 m"),
        ("約0.8メートル", "about 0.8 m"),
        ("約4キロメートル", "about 4 km"),
        ("約30万キロメートル", "about 300,000 km"),
        ("960メートル×2", "960 m × 2"),
        ("毎秒80メートル", "80 m per second"),
        ("168人", "168 people"),
        ("約1400隻", "about 1,400 ships"),
        ("6車線", "6 lanes"),
        ("25か国", "25 countries"),
        ("49か国・地域", "49 countries and regions"),
        ("290本", "290"),
        ("2基", "2"),
        ("約1億7,400万人", "about 174 million people"),  # a number in parts: 1億 and 7,400万
        ("約3万6,000人", "about 36,000 people"),
        ("8,000万ドル", "$80 million"),
        ("約9割", "about 90%"),
        ("約6,000万クローナ", "about 60 million krona"),  # a currency written by its name after the number
        ("100万ポンド", "£1 million"),
        ("3億ルーブル", "300 million rubles"),
        ("19億5000万ドイツマルク", "1.95 billion Deutsche Marks"),  # ドイツマルク whole, not マルク after ドイツ
        ("100マルク", "100 marks"),
        ("1人", "1 person"),  # one of a thing is said in the singular
        ("1回", "1 time"),
        ("1隻", "1 ship"),
        ("1か国", "1 country"),
        ("1キロメートル", "1 km"),
        ("約1万人", "about 10,000 people"),
        ("約420キログラム", "about 420 kg"),  # キログラム, not キロ (km) and グラム
        ("約54センチメートル", "about 54 cm"),
        ("推定10億人", "about 1 billion people"),  # an estimate
        ("50回以上", "at least 50 times"),  # a bound after the number comes before it in English
        ("80キロメートル以下", "at most 80 km"),
        ("250人余り", "over 250 people"),
        ("3,000人近く", "nearly 3,000 people"),
        ("100メートル未満", "under 100 m"),
        ("少なくとも16隻", "at least 16 ships"),  # a bound before the number stays before it
        ("最大で3万人", "up to 30,000 people"),
        ("最大で約4億ドル", "up to about $400 million"),
        ("約120回線", "about 120 lines"),  # 回線, not 回 (times)
        ("約40万立方メートル", "about 400,000 m³"),  # area, volume, power and dose units
        ("約2,600平方キロメートル", "about 2,600 km²"),
        ("1,600メガワット", "1,600 MW"),
        ("20ミリシーベルト", "20 mSv"),
    ],
)
def test_quantities(text, english):
    assert english_quantity(text) == english


def test_numbers_group_thousands_and_name_large_powers():
    assert english_number(1991) == "1,991"
    assert english_number(5e11) == "500 billion"
    assert english_number(1.2e12) == "1.2 trillion"
    assert english_number(300000) == "300,000"


def test_unknown_shapes_give_none_not_a_guess():
    assert english_duration("しばらく") is None
    assert english_quantity("マグニチュード8.5") is None
    assert english_quantity("100分の1") is None


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("午後9時55分", "9:55 pm"),  # Copiapó: the last miner up
        ("午前0時11分", "12:11 am"),  # midnight is 12 on the 12-hour clock
        ("午後4時20分", "4:20 pm"),  # Helsinki: the talks ended
        ("午前10時", "10:00 am"),
        ("午後2時半", "2:30 pm"),
        ("14時30分", "14:30"),  # no 午前 / 午後: the 24-hour clock the article uses
        ("21:55", "21:55"),
        ("19時50分頃", "about 19:50"),  # Notre-Dame: the spire fell; 頃 / ごろ is "about"
        ("午後3時ごろ", "about 3:00 pm"),
        ("午前1時23分40秒", "1:23:40 am"),  # seconds when the article gives them
        ("午前0時30分過ぎ", "just after 12:30 am"),  # Potsdam: the protocol signed
        ("1時23分40秒", "1:23:40"),
    ],
)
def test_times_of_day(text, english):
    assert english_clock(text) == english


@pytest.mark.parametrize("text", ["3時間", "3時間半", "1時点", "午後", "9時55"])
def test_a_length_of_time_or_a_fragment_is_no_time_of_day(text):
    assert english_clock(text) is None


def test_dollars_of_a_named_country_keep_the_country():
    assert english_quantity("約2億3,000万香港ドル") == "about 230 million Hong Kong dollars"
    assert english_quantity("50億米ドル") == "$5 billion"  # US dollars are the dollar
    assert english_quantity("50億ドル") == "$5 billion"
