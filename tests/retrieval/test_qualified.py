"""A thing named with a qualifier the article never joins to it (qualified.py): the Swiss president, the next summit."""

import pytest

from corpus.text import strip_footnotes
from retrieval.lexical import fold
from retrieval.qualified import absent_next, absent_offices
from tests.conftest import CORPUS_DIR, ROOT

ARTICLES = ROOT / "tests" / "data" / "articles"
PLACES = {"swiss": "スイス", "russia": "ロシア", "american": "アメリカ", "japanese": "日本", "soviet": "ソ連"}


def place_of(word: str) -> str:
    return PLACES.get(word.lower(), "")


def folded(path) -> str:
    return fold(strip_footnotes(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def summit() -> str:
    return folded(CORPUS_DIR / "2021-us-russia-summit.ja.txt")


@pytest.fixture(scope="module")
def malta() -> str:
    return folded(ARTICLES / "malta-summit-1989.ja.txt")


@pytest.mark.parametrize(
    "question",
    [
        "Which Swiss president welcomed the two leaders at the villa?",
        "who was the swiss president that welcomed biden and putin",
        "両首脳を出迎えたスイスの大統領は誰？",
    ],
)
def test_an_office_of_a_country_the_article_never_joins_is_absent(summit, question):
    # The summit was in Switzerland and the article names two presidents, never a president of Switzerland.
    assert absent_offices(question, summit, place_of) == ["スイスの大統領"]


@pytest.mark.parametrize(
    "question",
    [
        "who was russia's ambassador to washington",  # アナトリ―アントノフ駐米ロシア大使
        "ロシアの外務大臣は誰",  # ロシア外務大臣、セルゲイ・ラブロフ
        "アメリカの大統領は誰",  # アメリカ合衆国大統領、ジョー・バイデン
        "米国の大使は誰？",  # 在ロシア米国大使: 米国 is アメリカ too
        "What did Biden say about the new president?",  # no country
        "日本の首相は何と言った",  # Japanese writes its own officials without 日本
    ],
)
def test_an_office_the_article_joins_to_its_country_or_no_country_is_not_absent(summit, question):
    assert absent_offices(question, summit, place_of) == []


def test_a_name_may_stand_between_a_country_and_its_office():
    document = fold("会談には米国のロナルド・レーガン大統領が出席した。")
    assert absent_offices("who was the american president", document, place_of) == []
    # A particle ends the phrase: スイスで開かれた…米国大統領 names no Swiss president.
    held_in = fold("スイスで開かれた米国大統領の会談。")
    assert absent_offices("スイスの大統領は誰", held_in, place_of) == ["スイスの大統領"]


def test_english_asks_after_no_office_without_a_way_to_name_places(summit):
    assert absent_offices("Which Swiss president welcomed them?", summit) == []


def test_a_next_summit_the_article_never_tells_of(summit, malta):
    assert absent_next("次の米露首脳会談はいつ予定されてる？", summit)
    assert absent_next("Did they set a date for a next summit?", summit)
    assert absent_next("When is the next Biden-Putin summit scheduled?", summit)
    assert absent_next("when did biden and putin next meet face to face?", summit)
    assert not absent_next("when they met again at the DMZ, how long did they talk?", summit)
    # Malta tells of the next one: 次回の首脳会談は…ワシントンで.
    assert not absent_next("When was the next summit going to be held?", malta)
    # No next asked; the next day's talks are no next meeting.
    assert not absent_next("When did Biden and Putin meet?", summit)
    assert not absent_next("次の日の会談では何を話したの？", summit)
    assert not absent_next("what happened at the next day meeting?", summit)
    # An article telling of the meeting the year after has told of a next one.
    assert not absent_next("次の首脳会談はいつ？", fold("翌1973年6月、ブレジネフは答礼として米国を訪問した。"))


def test_an_office_and_a_country_are_looked_for_in_their_other_forms():
    # 外務大臣 is written 外相 too, and 東独 is 東ドイツ: the article's 東ドイツの外相 holds the office asked.
    document = fold("東ドイツの外相には、1990年4月12日にマルクス・メッケルが就任しました。")
    assert absent_offices("メッケルが東独の外務大臣になったのっていつ?", document, place_of) == []
    assert absent_offices("西独の外務大臣は誰", document, place_of) == ["西独の外相"]
