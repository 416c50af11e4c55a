"""What measure a question asks for, and whether the articles' own sentences give one."""

import pytest

from retrieval.measures import asked_measures, gives_measure, measures_missing

# Sentences as the articles in tests/data write them.
COST = "総事業費は約289億円で、このうち探査機の開発費が約164億円を占める。[15]"
DEATHS = "1955年5月11日には、濃霧の中で紫雲丸が貨物船と衝突して沈没し、修学旅行中の小学生を含む168人が死亡した。[5]"
MEETING = "会談は合計3時間半続き[35] 、予定よりも短い時間でした。"
SECURITY = "スイスの警察と兵士は、イベントの前に別荘周辺の公園を閉鎖し、バリケードと有刺鉄線を設置しました。[2]"
WIND = "設計では、風速毎秒80メートルの強風やマグニチュード8.5の大地震にも耐えられるよう考慮された。[26]"
TOWER = "主塔の高さは海面上298.3メートルで、"


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("How much did Switzerland spend on security for the summit?", "money"),
        ("how much did the whole project cost?", "money"),
        ("ブリッジワールドの参加費はいくら？", "money"),
        ("会談は何時にスタートしたの？", "clock time"),
        ("What time did the talks begin?", "clock time"),
        ("how heavy was hayabusa2 at launch?", "mass"),
        ("リュウグウの質量はどれくらい?", "mass"),
        ("how fast was the capsule going when it re-entered the atmosphere", "speed"),
        ("what's the surface temperature on ryugu like?", "temperature"),
        ("How many journalists were accredited?", "number of people"),
        ("ジュネーブのデモには何人ぐらい参加した？", "number of people"),
        ("カプセルの直径って何センチ?", "size"),
        ("By what percentage was its span longer?", "percentage"),
        ("How long did the meeting last?", "length of time"),
        ("東海道新幹線が1年間に使う電力量はどれくらい", "electric power"),
        ("What voltage does the line use?", "voltage"),
        ("How many square metres is the villa?", "area"),
        ("会談は合計何時間続きましたか", "length of time"),
        ("2023年に座礁した船は何隻の曳船で引き出された?", "number of things"),
        ("How many tugboats pulled the ship free?", "number of things"),
    ],
)
def test_a_question_asking_for_a_measure_names_it(question, measure):
    assert measure in asked_measures(question)


def test_time_spent_is_no_money():
    assert "money" not in asked_measures("what's the total time reagan and gorbachev spent in talks over both days?")
    assert "money" not in asked_measures("How many hours did they spend together?")
    assert "money" in asked_measures("What did Iceland spend to host the summit?")


def test_a_fee_is_money_and_a_share_of_money_a_percentage():
    assert "money" in asked_measures("What did the shipyard charge to build the ship?")
    assert "money" in asked_measures("how much were the canal fees")
    share = asked_measures("roughly what share of JR Central's transport income comes from the line?")
    assert share == {"percentage"}
    assert gives_measure("台湾に駐留するアメリカ軍の約3分の2を撤退させる意向を伝えた。", "percentage")


def test_a_length_of_time_is_not_a_size_nor_a_clock_time():
    assert asked_measures("How long did the meeting last?") == {"length of time"}
    assert asked_measures("会談は合計何時間続きましたか") == {"length of time"}  # 何時間: hours, not 何時
    # A length answers "how long is it" as well as a time taken: no passage is declined for lacking a duration.
    assert "length of time" not in asked_measures("How long is the Akashi Kaikyo Bridge?")


@pytest.mark.parametrize(
    "question",
    [
        "米露が何度も違反してたっていう協定は？",  # 何度も: "many times", not degrees
        "飛行士たちはモスクワの訓練施設に何度行きましたか?",  # how many times: degrees only beside heat or cold
        "Who was the Russian foreign minister?",
        "When was the summit held?",
        "会談は予定どおりの長さだった？",
        "最初の少人数の会合には誰がいた？",  # 少人数 is a small meeting, not 人数 asked
        "how far back were russian spies spreading stories about him?",  # how far back: since when, no size
        "who was in overall charge of the rescue operation",  # in charge: a person, no fee
        "Did Biden pay a visit to the Swiss president?",
    ],
)
def test_questions_without_a_measure_ask_none(question):
    assert asked_measures(question) == frozenset()


def test_the_articles_sentences_give_the_measures_they_hold():
    assert gives_measure(COST, "money")
    assert gives_measure(DEATHS, "number of people")
    assert gives_measure(WIND, "speed")
    assert gives_measure(TOWER, "size")
    assert not gives_measure(MEETING, "clock time")  # 3時間半 is a duration
    assert gives_measure(MEETING, "length of time")
    assert not gives_measure(SECURITY, "length of time")
    # Days more: "how many days longer is the voyage?" (何日くらい延びる), not the tenth of a month.
    assert gives_measure("喜望峰回りは航海日数を約7日から10日増加させる。", "length of time")
    assert not gives_measure("運河は3月29日に再開した。", "length of time")
    assert gives_measure("電化方式、交流25,000ボルト・60ヘルツ[4]", "voltage")
    assert gives_measure("出力は約1万7,000キロワットである。", "electric power")
    assert gives_measure("敷地面積は約30ヘクタールに及ぶ。", "area")
    assert not gives_measure(SECURITY, "money")
    assert not gives_measure(DEATHS, "money")
    assert not gives_measure("[35] [36]", "number of people")  # footnote markers are not numbers


def test_a_measure_is_missing_only_when_no_text_gives_any_asked_one():
    question = "How much did Switzerland spend on security for the summit?"
    assert measures_missing(question, [SECURITY, MEETING]) == {"money"}
    assert measures_missing(question, [COST, SECURITY]) == frozenset()
    # A price, or a number of people or things, counts only in the best passage; a length of time anywhere.
    assert measures_missing(question, [SECURITY, COST]) == {"money"}
    assert measures_missing("How many people died?", [SECURITY, DEATHS]) == {"number of people"}
    assert measures_missing("How many people died?", [DEATHS, SECURITY]) == frozenset()
    assert measures_missing("How long did the meeting last?", [SECURITY, MEETING]) == frozenset()
    # Two measures asked: either one found answers it.
    assert measures_missing("What wind speed and height was it built for?", [WIND]) == frozenset()
    assert measures_missing("Who met whom?", [SECURITY]) == frozenset()


BEFORE = "サミットの2か月前に、バイデン政権は敵対的な活動に対してロシアを罰するための措置を講じました"
SINCE = "ロシアの諜報機関が少なくとも2014年以来、バイデンについての腐敗した物語を広めていた"
IN_1985 = "1985年、米国のロナルド・レーガン大統領とソビエトのミハイル・ゴルバチョフ書記長は話し合った。"


def test_time_elapsed_written_as_a_point_answers_how_long():
    # "How long before the summit did they act?" and "how long had they been at it?" are answered so.
    assert gives_measure(BEFORE, "length of time")
    assert gives_measure(SINCE, "length of time")
    assert not gives_measure(IN_1985, "length of time")  # a year alone is a date
    assert not gives_measure(SECURITY, "length of time")


def test_a_count_of_things_is_given_only_by_a_number_with_its_counter():
    assert gives_measure("最終的に、再浮上作業には合計14隻の曳船が参加した。", "number of things")
    assert not gives_measure("運河庁の曳船によって数時間後に再浮上した。", "number of things")
    assert asked_measures("何回目の会談だった？") == frozenset()  # 初めて answers it: not a measure


def test_how_many_degrees_beside_heat_or_cold_asks_a_temperature():
    assert asked_measures("噴火の時、山頂の気温は何度だった?") == {"temperature"}
    assert asked_measures("当日は何度まで暑くなったの？") == {"temperature"}


def test_pages_seats_and_votes_are_things_counted():
    assert asked_measures("how many pages long is the final treaty text?") == {"number of things"}
    assert asked_measures("1996年の選挙でイゼトベゴヴィッチは何票獲得したの?") == {"number of things"}
    assert gives_measure("採決は賛成98票、反対0票であった。", "number of things")
    assert gives_measure("労働党が393議席を獲得して圧勝し", "number of things")
    assert not gives_measure("条約は前文と10か条からなり", "number of things")


def test_dollars_of_a_named_country_are_money():
    assert measures_missing("how much did the ceremony cost?", ["費用は約2億3,000万香港ドル(香港政府負担分)"]) == set()
    assert measures_missing("how much did the ceremony cost?", ["香港ドルで支払われた。"]) == {"money"}


def test_people_counted_by_their_job_ask_a_number_of_people():
    assert "number of people" in asked_measures("how many interpreters were working overnight?")
    assert measures_missing("how many interpreters were working?", ["同時通訳者の勤務時間は延長された。"]) == {
        "number of people"
    }
    assert measures_missing("how many interpreters were working?", ["通訳者は約40人が交代で務めた。"]) == set()


def test_flights_and_warheads_are_things_counted():
    assert measures_missing("how many flights were cancelled?", ["多くの便が欠航した。"]) == {"number of things"}
    assert measures_missing("how many flights were cancelled?", ["約1万7,000便が欠航した。"]) == set()
    missing = measures_missing("核弾頭を何発までに制限してるの?", ["条約は配備する核弾頭の数を制限した。"])
    assert missing == {"number of things"}
    # A room is counted with no counter (176の部屋): rooms are left alone.
    assert measures_missing("how many rooms does the palace have?", ["176の部屋を配置した。"]) == set()
