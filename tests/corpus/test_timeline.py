from datetime import date

import pytest

from corpus import parse_article
from corpus.timeline import When, extract_events, mentions_date, summit_date
from retrieval.views import find_events, timeline_to_dict
from tests.conftest import index_documents


@pytest.fixture(scope="module")
def events(article):
    return extract_events(article)


def dated(events, iso):
    return [e for e in events if e.when.iso() == iso]


def test_summit_date_comes_from_the_infobox(article):
    assert summit_date(article) == date(2021, 6, 16)


@pytest.mark.parametrize(
    ("iso", "fragment", "footnotes"),
    [
        ("1955", "1955年、英国", (3,)),  # a year
        ("2011-03", "2011年3月にモスクワ", (4,)),  # a month
        ("2021-05", "ノードストリーム", (11, 12)),  # a month
        ("2021-06-16", "ジュネーブで開催された", ()),  # a day (the lead gives no footnote)
        ("2021-01", "1月に就任", (22,)),  # a month, year from context
        ("2021-04", "サミットの2か月前に", (10,)),  # two months before the summit
        ("2021-06", "会談の数日前に", (15, 16)),  # a few days before: the month, not a day
        ("2021-06-14", "サミットの2日前に", (19, 20)),
        ("2021-06-15", "サミットの前夜までに", (21,)),
        ("2021-06-17", "サミットの翌日", (40,)),
    ],
)
def test_every_date_shape_resolves(events, iso, fragment, footnotes):
    matching = [e for e in dated(events, iso) if fragment in e.text]
    assert len(matching) == 1, [e.text for e in dated(events, iso)]
    assert matching[0].footnotes == footnotes


def test_oldest_first(events):
    keys = [e.when.sort_key() for e in events]
    assert keys == sorted(keys)
    assert events[0].when.iso() == "1955"
    assert events[-1].when.iso() == "2021-06-17"


def test_precision_stays_honest(events):
    few_days = next(e for e in events if "数日前" in e.text)
    assert few_days.when == When(2021, 6)
    assert next(e for e in events if "2か月前" in e.text and e.when.year == 2021).when == When(2021, 4)


def test_one_event_per_distinct_date_in_a_sentence(events):
    two_dates = [e.when.iso() for e in events if "少なくとも2014年以来" in e.text]
    assert sorted(two_dates) == ["2014", "2021-03"]
    # the lead's "2021年米露首脳会談…2021年6月16日" is one event: the year only restates the day
    assert [e.when.iso() for e in events if "別名ジュネーブ2021" in e.text] == ["2021-06-16"]


def test_spans_and_reference_dates_are_not_events(events, article):
    assert not any(e.when.year == 5 for e in events)  # 「5年間延長」 is a span
    body_years = {e.when.year for e in events}
    assert 2019 not in body_years  # only reference entries are dated 2019
    assert not any("取得" in e.text for e in events)
    assert all(e.section in {s.title for s in article.sections} for e in events)


def test_from_and_to_filter_inclusively():
    corpus = index_documents()
    june = find_events(corpus, start=When.parse("2021-06-14"), end=When.parse("2021-06-16"))
    assert [e.when.iso() for e in june] == ["2021-06", "2021-06", "2021-06-14", "2021-06-15", "2021-06-16"]
    assert [e.when.iso() for e in find_events(corpus, end=When.parse("1990"))] == ["1955", "1985"]


@pytest.mark.parametrize("bad", ["2021-13", "2021-02-30", "June", "21-06"])
def test_bad_dates_are_rejected(bad):
    with pytest.raises(ValueError, match=r"YYYY|month|day"):
        When.parse(bad)


def test_json_shape():
    first = timeline_to_dict(find_events(index_documents()))["events"][0]
    assert first == {
        "date": "1955",
        "text": "1955年、英国、フランス、ソビエト連邦、米国の指導者たちは世界の安全保障について話し合った。",
        "section": "歴史",
        "citations": [3],
        "document": "2021年米露首脳会談",
    }


def test_a_different_article_in_the_same_format():
    text = """架空会談
架空会談 | |
日にち | 2019年3月1日[1] |
架空会談は、2019年3月1日に開かれた首脳会談である。[1]
経緯
1999年、両国は国交を結んだ。[2] 会談の3週間前に準備が始まった。
10月に両国は合意した。会談の翌日、大臣が辞任した。[3]
会談の数日前、首相は声明を出した。[2]
参照
- ^ 一。2018年1月5日取得。
- ^ 二。
- ^ 三(2020年4月4日)。
"""
    found = extract_events(parse_article(text))
    assert [(e.when.iso(), e.footnotes) for e in found] == [
        ("1999", (2,)),
        ("2019-02", ()),  # three weeks before 1 March: the month only; no marker in its paragraph
        ("2019-02", (2,)),  # a few days before 1 March falls in February
        ("2019-03-01", (1,)),
        ("2019-03-02", (3,)),
        ("2019-10", (3,)),  # a month whose year comes from the summit
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1955年、指導者が会った。", True), ("サミットの翌日、称賛した。", True), ("2月に合意した。", True),
     ("条約を5年間延長した。", False), ("会場は湖を見下ろす。", False)],
)  # fmt: skip
def test_mentions_date(text, expected):
    assert mentions_date(text) is expected


def test_a_month_after_the_same_next_or_previous_year_counts_from_the_year_written_before():
    from corpus.timeline import date_mentions

    text = "外相は2015年7月14日に談話を発表し、同年10月12日にテヘランを訪れ、翌年1月に再訪した。前年3月にも会った。"
    found = {text[m.start : m.end]: m.when.iso() for m in date_mentions(text, anchor=None)}
    assert found == {"2015年7月14日": "2015-07-14", "10月12日": "2015-10-12", "1月": "2016-01", "3月": "2015-03"}
    assert date_mentions("1年10月", anchor=None, year=2000) == []  # a year counted, not named: no month of it


def test_a_first_date_after_the_last_is_an_error():
    with pytest.raises(ValueError, match="after the last"):
        find_events(index_documents(), start=When.parse("2021-06-17"), end=When.parse("2021-06-01"))
    assert find_events(index_documents(), start=When.parse("2021-06"), end=When.parse("2021-06-01"))  # June overlaps
