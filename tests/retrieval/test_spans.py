"""Short answers picked from the articles' real sentences, per span type, and never when in doubt."""

from __future__ import annotations

import pytest

from corpus.parsing import parse_article
from corpus.text import split_sentences
from retrieval._span_questions import named_kinds
from retrieval._span_shapes import candidates_in, family_names
from retrieval.english import english_duration
from retrieval.features import asked_types
from retrieval.lexical import fold
from retrieval.spans import SpanContext, _heard_as, find_short, wanted_types
from tests.conftest import AKASHI_PATH, ARTICLE_PATH

SUMMIT = parse_article(ARTICLE_PATH.read_text(encoding="utf-8"))
AKASHI = parse_article(AKASHI_PATH.read_text(encoding="utf-8"))
G7 = parse_article((AKASHI_PATH.parent / "g7-hiroshima-summit.ja.txt").read_text(encoding="utf-8"))
SINGAPORE = parse_article((AKASHI_PATH.parent / "singapore-2018-summit.ja.txt").read_text(encoding="utf-8"))
HELSINKI = parse_article((AKASHI_PATH.parent / "helsinki-2018-summit.ja.txt").read_text(encoding="utf-8"))
SUEZ = parse_article((AKASHI_PATH.parent / "suez-canal-2021.ja.txt").read_text(encoding="utf-8"))
NOTRE_DAME = parse_article((AKASHI_PATH.parent / "notre-dame-fire-2019.ja.txt").read_text(encoding="utf-8"))
REYKJAVIK = parse_article((AKASHI_PATH.parent / "reykjavik-1986.ja.txt").read_text(encoding="utf-8"))
REIWA = parse_article((AKASHI_PATH.parent / "reiwa-2019.ja.txt").read_text(encoding="utf-8"))
COPIAPO = parse_article((AKASHI_PATH.parent / "copiapo-2010.ja.txt").read_text(encoding="utf-8"))
APOLLO = parse_article((AKASHI_PATH.parent / "apollo13-1970.ja.txt").read_text(encoding="utf-8"))
THAM_LUANG = parse_article((AKASHI_PATH.parent / "tham-luang-cave-rescue-2018.ja.txt").read_text(encoding="utf-8"))
MOSCOW = parse_article((AKASHI_PATH.parent / "moscow-summit-1972.ja.txt").read_text(encoding="utf-8"))
HANOI = parse_article((AKASHI_PATH.parent / "hanoi-summit-2019.ja.txt").read_text(encoding="utf-8"))
MALTA = parse_article((AKASHI_PATH.parent / "malta-summit-1989.ja.txt").read_text(encoding="utf-8"))
VIENNA = parse_article((AKASHI_PATH.parent / "vienna-summit-1961.ja.txt").read_text(encoding="utf-8"))
EYJA = parse_article((AKASHI_PATH.parent / "eyjafjallajokull-2010.ja.txt").read_text(encoding="utf-8"))
ENGLISH = {"ジュネーブ": "geneva", "ブリュッセル": "brussels", "ツイッター": "twitter", "シンガポール": "singapore"}


def _facts(article):
    return {key: fact._asdict() for key, fact in article.facts.items()}


def _where(article, fragment):
    """The real sentence holding ``fragment``, its paragraph (or the whole list section) and the section title."""
    if fragment in article.lead:
        return next(s for s in split_sentences(article.lead) if fragment in s), article.lead, article.title
    for section in article.sections:
        for paragraph in section.paragraphs:
            if fragment in paragraph.text:
                sentence = next(s for s in split_sentences(paragraph.text) if fragment in s)
                if all("。" not in p.text for p in section.paragraphs):
                    return sentence, "\n".join(p.text for p in section.paragraphs), section.title
                return sentence, paragraph.text, section.title
    raise AssertionError(fragment)


def short(question, fragment, article=SUMMIT, terms=()):
    sentence, passage, section = _where(article, fragment)
    context = SpanContext(_facts(article), ENGLISH, tuple(terms), section)
    return find_short(question, asked=asked_types(question), highlight=sentence, passage=passage, context=context)


def test_date_as_written_and_in_english():
    ja = short("サミットはいつ開催されましたか", "2021年6月16日、スイス")
    assert (ja.text, ja.display, ja.type) == ("2021年6月16日", "2021年6月16日", "date")
    en = short("When was the summit held?", "2021年6月16日、スイス")
    assert (en.text, en.display) == ("2021年6月16日", "16 June 2021")


def test_a_year_naming_the_summit_is_not_a_date():
    # 「2021年米露首脳会談」 opens the same sentence: the year there names the event.
    assert short("サミットはいつ開催されましたか", "2021年6月16日、スイス").text != "2021年"


def test_date_relative_to_the_summit_is_resolved_from_the_infobox():
    found = short("When did Biden meet NATO allies in Brussels?", "サミットの2日前")
    assert (found.text, found.display, found.type) == ("サミットの2日前", "14 June 2021", "date")
    assert found.citations == (19, 20)


def test_since_when_takes_the_date_followed_by_since():
    found = short("ロシアの諜報機関はいつから汚職疑惑の物語を広めているのか", "少なくとも2014年以来")
    assert found.text == "2014年"


def test_opening_date_of_the_bridge():
    found = short("When did the bridge open?", "着工から約10年", AKASHI)
    assert (found.text, found.display, found.citations) == ("1998年4月5日", "5 April 1998", (1, 28))


def test_century_of_the_venue():
    found = short("会場の建物はいつの時代のものですか", "18世紀の建物")
    assert (found.text, found.type) == ("18世紀", "date")
    assert short("When was the venue building built?", "18世紀の建物", terms=("会場", "建物")).display == "18th century"


def test_duration_of_the_meeting():
    ja = short("会談はどのくらい続きましたか", "合計3時間半")
    assert (ja.text, ja.display, ja.type, ja.citations) == ("3時間半", "3時間半", "duration", (35,))
    assert short("How long did the meeting last?", "合計3時間半").display == "3.5 hours"


def test_duration_of_the_treaty_extension():
    found = short("For how many years was the New START treaty extended?", "5年間延長")
    assert (found.text, found.display, found.citations) == ("5年間", "5 years", (30,))


def test_how_long_before_the_summit():
    found = short(
        "How long before the summit did the administration act against Russia?",
        "サミットの2か月前",
        terms=("政権", "ロシア"),
    )
    assert (found.text, found.display) == ("2か月前", "2 months before")


def test_count_with_its_counter():
    found = short("紫雲丸の事故では何人が死亡しましたか", "168人が死亡", AKASHI)
    assert (found.text, found.type) == ("168人", "count")
    ships = short("How many ships pass through the strait a day?", "約1400隻", AKASHI, terms=("船舶", "海峡"))
    assert (ships.text, ships.display) == ("約1400隻", "about 1,400 ships")


def test_a_bound_after_a_count_is_part_of_the_answer():
    # 800人以上: "at least 800" answers how many took part; 800 alone would claim an exact figure.
    ja = short("救助作業には何人が参加した?", "800人以上が参加し", SUEZ)
    assert (ja.text, ja.type) == ("800人以上", "count")
    en = short("How many people took part in the salvage work?", "800人以上が参加し", SUEZ, terms=("救助", "作業"))
    assert (en.text, en.display) == ("800人以上", "at least 800 people")


def test_a_bound_before_a_count_is_part_of_the_answer():
    # 少なくとも16隻: "at least", as a bound after the number (800人以上) is.
    en = short("how many soviet ships were in haiphong harbor?", "少なくとも16隻のソ連船", MOSCOW, terms=("ソ連", "港"))
    assert (en.text, en.display, en.type) == ("少なくとも16隻", "at least 16 ships", "count")


def test_lines_are_counted_as_lines_not_times():
    # 約120回線: 回線 (lines), not 回 (times) with a stray 線.
    ja = short("ホワイトハウス通信局がクレムリンに用意した電話回線は何回線?", "約120回線の電話", MOSCOW)
    assert (ja.text, ja.type) == ("約120回線", "count")


def test_what_a_deal_was_worth_asks_money():
    # 737 MAX型機100機を購入する契約…その金額は約127億ドル: "worth" asks the amount, not the planes.
    en = short("how much was vietjets boeing order worth", "約127億ドルにのぼった", HANOI, terms=("ボーイング",))
    assert (en.text, en.type) == ("約127億ドル", "money")


def test_any_counter_asks_a_count_and_is_counted():
    # 頭 counts animals: 「何頭」 asks a count, and 約13万頭 is one (its English keeps the bare number).
    ja = short("ルーマニアから出た羊は何頭くらい立ち往生してたの?", "約13万頭の羊", SUEZ)
    assert (ja.text, ja.type) == ("約13万頭", "count")
    en = short("How many sheep from Romania were stuck?", "約13万頭の羊", SUEZ, terms=("羊", "ルーマニア"))
    assert (en.text, en.display) == ("約13万頭", "about 130,000")


def test_a_name_shows_english_readers_the_latin_spelling_the_article_gives_it():
    fragment = "ノリエル・アラウス(Noriel Arauz)"
    en = short("Who headed the Panama Maritime Authority?", fragment, SUEZ, terms=("パナマ", "海事"))
    assert (en.text, en.display, en.type) == ("ノリエル・アラウス", "Noriel Arauz", "person")
    ja = short("パナマ側の調査を率いた海事庁のトップは誰?", fragment, SUEZ)
    # パナマ海事庁 is what the question names in two pieces (パナマ…海事庁), not what it asks.
    assert (ja.text, ja.display) == ("ノリエル・アラウス", "ノリエル・アラウス")


def test_a_value_changed_from_one_to_another_answers_with_the_one_it_became():
    fragment = "控除率を通常の66%から75%に引き上げた"
    became = short("個人寄付の税控除率は特例で何パーセントになった？", fragment, NOTRE_DAME)
    assert (became.text, became.type) == ("75%", "percent")
    # Asked from what, the starting value stays in the running (and two values tie: no short answer).
    assert short("控除率は何パーセントから引き上げられた？", fragment, NOTRE_DAME) is None


def test_a_katakana_name_before_a_churchmans_or_officers_title_is_a_person():
    found = short("再開式典で杖で扉を叩いたのは誰？", "ウルリッヒ大司教が", NOTRE_DAME)
    assert (found.text, found.type) == ("ウルリッヒ", "person")


def test_which_body_takes_the_name_of_an_organisation():
    # 「どこの事務所」 asks which body (not which place); a firm is named in katakana as people are.
    office = short("共同海損の精算を任されたのはどこの事務所?", "リチャーズ・ホッグ・リンドレー", SUEZ)
    assert (office.text, office.type) == ("リチャーズ・ホッグ・リンドレー", "org")
    court = short(
        "Which Egyptian court issued the order to seize the vessel?",
        "イスマイリア経済裁判所",
        SUEZ,
        terms=("エジプト", "裁判所", "命令", "差し押さえる"),
    )
    assert (court.text, court.type) == ("イスマイリア経済裁判所", "org")
    # A body's name has a name before its kind: the company's 子会社 (subsidiary) is none.
    from retrieval._span_shapes import candidates_in

    found = candidates_in("ボスカリス(Boskalis)の子会社であるスミット・サルベージ", None)
    assert "子会社" not in [c.text for c in found]


def test_a_count_of_anything_answers_how_many_whatever_the_counter():
    # 2つ counts summits; 「何回」 asks with 回, "how many summits" with no counter at all.
    ja = short("冷戦中にジュネーブでサミットは何回開かれた？", "ジュネーブで2つのサミット")
    assert (ja.text, ja.type) == ("2つ", "count")
    en = short("How many summits did Geneva host during the Cold War?", "ジュネーブで2つのサミット")
    assert (en.text, en.display) == ("2つ", "2")


def test_how_many_days_asks_a_length_of_time():
    found = short("How many days before the summit did Biden meet NATO allies in Brussels?", "サミットの2日前")
    assert (found.text, found.display, found.type) == ("2日前", "2 days before", "duration")


def test_a_japanese_question_ending_on_a_kind_of_person_wants_that_person():
    question = "1985年にレーガンとジュネーブで会ったソ連の指導者は？"
    assert "person" in wanted_types(question, asked_types(question))
    found = short(question, "ミハイル・ゴルバチョフ書記長")
    assert found is not None and found.text == "ミハイル・ゴルバチョフ"


@pytest.mark.parametrize("question", ["新STARTは何年延長することになった？", "新START条約は何年延ばすことになった？"])
def test_how_many_years_extended_asks_a_length_not_a_year(question):
    found = short(question, "5年間延長")
    assert (found.text, found.type) == ("5年間", "duration")


def test_a_date_followed_by_since_does_not_answer_when_something_happened():
    question = "When did US intelligence report that Russian spies had been pushing corruption stories?"
    assert short(question, "少なくとも2014年以来", terms=("諜報", "ロシア", "汚職")).text == "2021年3月"


def test_how_much_longer_can_be_a_percentage():
    found = short("開通時、ハンバー橋と比べて中央支間はどのくらい長かったですか", "約41%長かった", AKASHI)
    assert (found.text, found.type) == ("約41%", "percent")


def test_a_count_question_does_not_take_a_length():
    # The sentence holds 約4キロメートル too; "how many ships" wants the ships.
    assert short("How many ships cross the strait?", "約1400隻", AKASHI, terms=("船舶", "海峡")).text == "約1400隻"


def test_measures_told_apart_by_their_labels():
    assert short("中央支間は何メートルですか", "中央支間は1991メートルで", AKASHI).text == "1991メートル"
    assert short("全長は何メートルですか", "中央支間は1991メートルで", AKASHI).text == "3911メートル"
    tower = short("主塔の海面からの高さはどれくらいですか", "約298メートルある", AKASHI)
    assert (tower.text, tower.type) == ("約298メートル", "quantity")


def test_money_and_percent():
    money = short("How much did the bridge cost in total?", "総事業費は約5000億円", AKASHI)
    assert (money.text, money.display, money.type, money.citations) == (
        "約5000億円",
        "about ¥500 billion",
        "money",
        (29,),
    )
    share = short(
        "By what percentage was the span longer than the Humber Bridge?",
        "約41%長かった",
        AKASHI,
        terms=("ハンバー", "橋"),
    )
    assert (share.text, share.display, share.type) == ("約41%", "about 41%", "percent")


def test_list_line_value_found_by_its_label():
    found = short("総事業費はいくらですか", "総事業費、約5000億円", AKASHI)
    assert (found.text, found.citations) == ("約5000億円", (29,))


def test_place_of_the_summit():
    venue = short("サミットはどこで開催されましたか", "歴史的なヴィララグランジで開催")
    assert (venue.text, venue.type, venue.citations) == ("ヴィララグランジ", "place", (2,))
    city = short("Where was the summit held?", "2021年6月16日、スイス")
    assert (city.text, city.display) == ("ジュネーブ", "Geneva")


def test_place_in_english_only_through_the_word_list():
    found = short("Where did Biden meet the NATO allies?", "サミットの2日前")
    assert (found.text, found.display) == ("ブリュッセル", "Brussels")
    assert short("サミットはどこで開催されましたか", "歴史的なヴィララグランジで開催").display == "ヴィララグランジ"
    english = short("Where was the summit held?", "歴史的なヴィララグランジで開催")
    assert english.display == "ヴィララグランジ"  # no English spelling in the article or the list: as written


def test_person_from_a_delegation_line():
    found = short("ロシアの外務大臣は誰ですか", "ロシア外務大臣、セルゲイ・ラブロフ")
    assert (found.text, found.type, found.citations) == ("セルゲイ・ラブロフ", "person", (34,))


def test_person_spelled_in_latin_by_the_article():
    found = short("Who else was a top Russia adviser of the National Security Council besides Eric Green?",
                  "Stergos Kaloudis", terms=("国家安全保障会議", "ロシア", "顧問", "エリックグリーン"))  # fmt: skip
    assert (found.text, found.display, found.citations) == ("Stergos Kaloudis", "Stergos Kaloudis", (33,))


def test_role_of_a_named_member():
    found = short("ジェイク・サリバンの役職は何ですか", "国家安全保障補佐官、ジェイク・サリバン")
    assert (found.text, found.type, found.citations) == ("国家安全保障補佐官", "role", (32,))
    peskov = short("ペスコフってどういう人？", "クレムリン報道官、ドミトリー・ペスコフ")
    assert (peskov.text, peskov.type) == ("クレムリン報道官", "role")


def test_role_of_a_member_named_in_english_through_terms_with_long_vowels():
    # The terms are folded like the list line they are matched with (エリックグリーン → エリクグリン).
    found = short("Who is Eric Green?", "エリックグリーン", terms=("エリック", "グリーン"))
    assert (found.text, found.type) == ("国家安全保障会議のトップロシア顧問", "role")


def test_role_when_name_and_role_run_together():
    found = short("リャブコフの肩書は？", "セルゲイ・リャブコフ外務副大臣")
    assert found.text == "外務副大臣"


def test_which_city_asks_a_place_and_which_president_a_person():
    city = short("Which Swiss city hosted the summit?", "2021年6月16日、スイス")
    assert (city.text, city.display) == ("ジュネーブ", "Geneva")
    assert wanted_types("Which US president came?", asked_types("Which US president came?")) == {"person"}


def test_a_kind_named_only_by_its_english_noun_needs_one_candidate():
    # Two people in the sentence and nothing Japanese for "oligarch": no guess.
    assert short("Which Ukrainian oligarch did Biden want out of the gas business?", "ドミトロ・フィルターシュ") is None
    # One person of the kind asked in the sentence once the asker's own (Reagan, レーガン) is set aside.
    found = short("Which Soviet leader did Reagan meet in 1985?", "ミハイル・ゴルバチョフ書記長", terms=("レーガン",))
    assert found is not None and found.text == "ミハイル・ゴルバチョフ"


def test_which_president_takes_the_name_its_title_stands_next_to():
    # Reagan 大統領 and Gorbachev 書記長 in one sentence: "which US president" is the one beside 大統領.
    found = short("Which US president held a Geneva summit in 1985?", "ロナルド・レーガン大統領", terms=("大統領",))
    assert found is not None and found.text == "ロナルド・レーガン"
    assert short("Which leader held a Geneva summit in 1985?", "ロナルド・レーガン大統領") is None


def test_a_member_whose_label_holds_the_questions_words_answers_who():
    question = "Who represented Putin as special envoy on Syria in the Russian delegation?"
    terms = ("プーチン", "特別", "シリア", "ロシア", "代表団")
    found = short(question, "シリア和解のためのロシア大統領の特別代表", terms=terms)
    assert found is not None and found.text == "アレクサンダー・ラヴレンティエフ"


def test_in_what_capacity_asks_a_role():
    question = "dmitry kozak was in the russian delegation in what capacity?"
    found = short(question, "ドミトリー・コザク", terms=("ドミトリー", "コザク", "ロシア", "代表団"))
    assert (found.text, found.type) == ("クレムリン副首席補佐官", "role")


def test_what_did_it_cost_asks_an_amount():
    found = short("What did the whole project cost?", "総事業費、約5000億円", AKASHI, terms=("事業",))
    assert (found.text, found.display) == ("約5000億円", "about ¥500 billion")


def test_an_english_count_finds_its_list_line_by_the_counter():
    found = short("How many lanes does the bridge carry?", "車線数、6車線", AKASHI)
    assert (found.text, found.display) == ("6車線", "6 lanes")


def test_delegation_in_the_question_is_not_the_office_of_a_representative():
    # "delegation" is 代表団: it must not pick the member whose office is 特別代表.
    found = short(
        "Who was the chief of the Russian general staff in the delegation?",
        "ロシア軍参謀本部長、ヴァレリー・ゲラシモフ",
        terms=("長官", "首席", "ロシア", "代表団"),
    )
    assert found is None or found.text == "ヴァレリー・ゲラシモフ"


def test_a_question_about_the_whole_delegation_gets_no_single_member():
    assert short("米国の代表団には誰がいましたか？", "在ロシア米国大使、ジョン・サリバン") is None
    assert (
        short("Who was on the American delegation?", "在ロシア米国大使、ジョン・サリバン", terms=("米国", "代表団"))
        is None
    )


def test_organisation():
    found = short("Who manages the bridge now?", "本州四国連絡高速道路株式会社に引き継がれた", AKASHI)
    assert (found.text, found.type) == ("本州四国連絡高速道路株式会社", "org")


def test_a_company_named_with_sha_is_an_organisation():
    # ビーチ・エアクラフト社: a dotted katakana name before 社 is a company, not a person.
    from retrieval._span_shapes import candidates_in

    sentence = "問題の酸素タンクはノースアメリカン・ロックウェル社の下請けとして、ビーチ・エアクラフト社が製造した"
    found = candidates_in(sentence, None)
    assert [(c.text, c.type) for c in found] == [
        ("ノースアメリカン・ロックウェル社", "org"),
        ("ビーチ・エアクラフト社", "org"),
    ]


def test_a_stadium_with_a_dotted_name_is_no_person():
    from retrieval._span_shapes import candidates_in

    sentence = "9月28日、日本は静岡スタジアム・エコパで、当時世界ランキング2位のアイルランドと対戦した"
    assert "person" not in {c.type for c in candidates_in(sentence, None)}


def test_a_duration_in_several_units():
    found = short("How long did the whole flight last?", "5日22時間54分41秒", APOLLO, terms=("飛行時間",))
    assert (found.text, found.display) == ("5日22時間54分41秒", "5 days 22 hours 54 minutes 41 seconds")


def test_minutes_taken_are_a_duration_but_a_clocks_minutes_are_not():
    from retrieval._span_shapes import candidates_in

    found = candidates_in("撃たれた後、約50分にわたって放置され、午後7時5分に死亡が確認された。", None)
    assert {(c.text, c.type) for c in found} == {("約50分", "duration"), ("午後7時5分", "time")}
    assert [(c.text, c.type) for c in candidates_in("会見は5分遅れで始まった。", None)] == [("5分", "duration")]
    # Years or days that something lasted (28年にわたって), not a calendar year.
    assert [(c.text, c.type) for c in candidates_in("28年にわたって街を分断した壁", None)] == [("28年", "duration")]
    assert [(c.text, c.type) for c in candidates_in("1989年にわたる改革", None)] == [("1989年", "date")]


def test_a_count_of_award_categories():
    from retrieval._span_shapes import candidates_in

    assert [(c.text, c.type) for c in candidates_in("編集賞と音響賞の2部門を受賞した。", None)] == [("2部門", "count")]


def test_a_place_with_what_stands_there():
    # ダウニーの工場で, ベルセの森で: the place and the building or wood the question asks about.
    found = short("酸素タンクを落とす事故があった工場はどこ?", "ダウニーの工場で", APOLLO)
    assert (found.text, found.type) == ("カリフォルニア州ダウニーの工場", "place")
    found = short("最初に伐採されたオークはどこの森のもの？", "ベルセの森", NOTRE_DAME)
    assert found.text == "ベルセの森"


def test_a_place_the_question_names_is_not_the_answer_with_what_stands_there():
    # "where in the White House": ホワイトハウスのイーストルーム is not offered, イーストルーム is.
    found = short("INF条約の署名ってホワイトハウスのどこでやった？", "ホワイトハウスのイーストルーム", REYKJAVIK)
    assert found.text == "イーストルーム"


def test_a_building_named_after_someone_is_a_place_with_its_kind():
    # サン＝ジェルマン＝ロクセロワ教会: the church, not a person named サン＝ジェルマン＝ロクセロワ.
    found = short("閉鎖中、大司教区の典礼はどこの教会でやってた？", "ロクセロワ教会に移された", NOTRE_DAME)
    assert (found.text, found.type) == ("サン＝ジェルマン＝ロクセロワ教会", "place")


def test_a_regnal_number_is_part_of_the_name():
    found = short("ゴルバチョフはマルタに来る直前にバチカンで誰と会ってた?", "ローマ教皇ヨハネ・パウロ2世と会見", MALTA)
    assert (found.text, found.type) == ("ヨハネ・パウロ2世", "person")


def test_in_how_many_days_asks_a_length_of_time_not_a_date():
    question = "ゴルバチョフが東ベルリンの記念式典に出たあと、ホーネッカーは何日で失脚した?"
    assert asked_types(question) == {"duration"}
    assert short(question, "その11日後に失脚", MALTA).text == "11日後"
    assert asked_types("会談は何日でしたか") == {"date"}


def test_a_clause_of_when_before_the_question_word_asks_no_date():
    question = "when the secret service boat got swamped, how many ppl had to be rescued?"
    assert wanted_types(question, asked_types(question)) == {"count"}
    assert short(question, "乗っていた4人は近くにいた", MALTA, terms=("救助", "人")).display == "4 people"
    # "When did…, and…": a question of "when" all the same.
    question = "when did the boat get swamped, and where?"
    assert "date" in wanted_types(question, asked_types(question))


def test_a_yield_in_megatons_is_a_quantity():
    found = short(
        "ウイーン会談後の1961年10月30日にソ連が行った水爆実験、規模はどのくらい？", "約50メガトンの水素爆弾", VIENNA
    )
    assert (found.text, found.type) == ("約50メガトン", "quantity")
    english = short(
        "how big was the soviet h-bomb test on 30 october 1961?",
        "約50メガトンの水素爆弾",
        VIENNA,
        terms=("水素爆弾", "実験"),
    )
    assert english.display == "about 50 megatons"


def test_what_someone_paid_is_money_not_the_distance_beside_it():
    found = short(
        "how much did john cleese pay for that taxi from oslo to brussels",
        "約3,800ポンドを支払った",
        EYJA,
        terms=("タクシー",),
    )
    assert (found.text, found.display) == ("約3,800ポンド", "about £3,800")


@pytest.mark.parametrize(
    "question",
    [
        "Which Ukrainian oligarch did Biden want pushed out of Ukraine's gas business?",
        "who's the ukrainian oligarch biden wanted pushed out of ukraine's gas business?",
    ],
)
def test_the_kind_asked_for_names_the_person_it_stands_before(question):
    # 「ウクライナのペトロ・ポロシェンコ大統領に、ウクライナの新興財閥であるドミトロ・フィルターシュ」: the oligarch is
    # the name after 新興財閥である; ウクライナの names the country both are of, no role.
    terms = ("ウクライナ", "新興財閥", "バイデン", "ガス")
    found = short(question, "新興財閥であるドミトロ", terms=terms)
    assert found is not None and found.text == "ドミトロ・フィルターシュ"


def test_the_other_person_of_a_pair_answers_who_met_the_one_named():
    found = short(
        "who did reagan sit down with in geneva back in 1985?", "ロナルド・レーガン大統領", terms=("レーガン",)
    )
    assert found is not None and found.text == "ミハイル・ゴルバチョフ"


def test_two_candidates_alike_give_none():
    # Two dates and nothing in the question to tell them apart.
    assert short("いつのことですか", "2016年と2020年の大統領選挙") is None


def test_the_askers_own_words_are_not_the_answer():
    assert short("2021年6月16日に何があった？", "2021年6月16日、スイス") is None


def test_questions_without_a_span_type_get_none():
    assert wanted_types("Why did Biden refuse a joint press conference?", asked_types("Why did Biden refuse?")) == set()
    assert short("バイデンは何と述べましたか", "人権問題を提起すると述べた") is None


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("How many lanes does the bridge carry?", {"count"}),
        ("How tall are the towers?", {"quantity"}),
        ("How much did it cost?", {"money"}),
        ("運河が止まってた間、通航料の損失は1日あたりどのくらい?", {"money"}),
        ("What share of its income came from the line?", {"percent"}),
        ("運輸収入に占める割合は?", {"percent"}),  # a share of an income, asked without a question word
        ("Who is Peskov?", {"role"}),
        ("Which organisation runs the bridge?", {"org"}),
    ],
)
def test_wanted_types(question, wanted):
    assert wanted_types(question, asked_types(question)) == wanted


def test_an_office_asked_for_must_be_the_members_label():
    # "ambassador" (大使): the US list's first line, the president, is not the answer whatever else matches.
    found = short("Who was the American ambassador on the US team?", "在ロシア米国大使、ジョン・サリバン",
                  terms=("アメリカ", "大使", "米国"))  # fmt: skip
    assert found is not None and found.text == "ジョン・サリバン"


def test_when_inside_an_english_question_does_not_ask_a_date():
    question = "What position did Biden hold when he first met Putin?"
    assert wanted_types(question, asked_types(question)) == {"role"}
    assert short(question, "2011年3月にモスクワ") is None


def test_a_body_named_as_the_topic_of_a_when_question_is_not_asked_for():
    question = "ロシアの情報機関はいつごろから汚職の話を流していたのか"
    assert wanted_types(question, asked_types(question)) == {"date"}
    assert short(question, "少なくとも2014年以来").text == "2014年"


def test_a_span_whose_sentence_says_nothing_the_question_says_is_not_given():
    # The Brussels sentence holds a date, but nothing about Navalny: the passage was the wrong one.
    assert short("ナワルニーの問題はいつ話し合われた？", "サミットの2日前") is None


def test_a_latin_word_supports_a_span_where_the_sentence_uses_it_not_where_it_quotes_a_name():
    from retrieval._span_shapes import candidates_in
    from retrieval.spans import supported

    naming = "JAXAは2015年7月から名称の公募を行い、「Ryugu」を選んだ。"
    working = "MASCOTは着地後、約17時間にわたって観測を続けた。"
    date = next(c for c in candidates_in(naming, None) if c.type == "date")
    hours = next(c for c in candidates_in(working, None) if c.type == "duration")
    assert not supported(date, "When did it arrive at Ryugu?", SpanContext())
    assert supported(hours, "how long did MASCOT keep working?", SpanContext())


def test_the_articles_frame_supports_no_span():
    from retrieval._span_shapes import candidates_in
    from retrieval.spans import supported

    sentence = "サミットの前に、バイデンとプーチンは、2011年3月にモスクワで一度会った。"
    date = next(c for c in candidates_in(sentence, None) if c.type == "date")
    question = "バイデンとプーチンが贈り物を交換したのはいつ？"
    assert supported(date, question, SpanContext())
    assert not supported(date, question, SpanContext(frame=("バイデン", "プーチン")))


def test_a_question_made_only_of_the_frame_is_judged_by_the_frame_and_a_verb_term_by_its_stem():
    from retrieval._span_shapes import candidates_in
    from retrieval.spans import supported

    launch = "はやぶさ2は2014年12月3日、H-IIAロケット26号機によって種子島宇宙センターから打ち上げられた。"
    naming = "この名称は2015年9月に国際天文学連合によって承認された。"
    question, terms = "when did hayabusa2 launch?", ("打ち上げ",)
    launched = next(c for c in candidates_in(launch, None) if c.type == "date")
    named = next(c for c in candidates_in(naming, None) if c.type == "date")
    # 打ち上げ is the frame of an article on a launch (in a quarter of its passages): it is all the question has.
    context = SpanContext(terms=terms, frame=terms)
    assert supported(launched, question, context)  # 打ち上げ → 打ち, in 打ち上げられた
    assert not supported(named, question, context)


def test_a_kanji_name_answers_who_when_it_is_the_lit_sentences_one_name():
    from retrieval._span_shapes import candidates_in

    one = "明石海峡への架橋を最初に提唱したのは、神戸市長を務めた原口忠次郎である。"
    two = "プロジェクトマネージャは当初國中均が務めたが、2015年4月に津田雄一が後を継いだ。"
    assert [c.text for c in candidates_in(one, None, people=True) if c.type == "person"] == ["原口忠次郎"]
    assert not [c for c in candidates_in(one, None) if c.type == "person"]  # only when a person is asked
    assert not [c for c in candidates_in(two, None, people=True) if c.type == "person"]  # two: none offered


def test_spans_take_numbers_in_parts_hours_with_minutes_dollars_and_tenths():
    from retrieval._span_shapes import candidates_in

    def spans(sentence):
        return [(c.text, c.type) for c in candidates_in(sentence, None)]

    assert ("約1億7,400万人", "count") in spans("2019年度の年間輸送人員は約1億7,400万人であった。")
    assert ("2時間30分", "duration") in spans("所要時間は2時間30分となった。")
    assert ("8,000万ドル", "money") in spans("借款の額は8,000万ドル(当時の為替レートで288億円)であった。")
    assert ("約9割", "percent") in spans("東海道新幹線の収入は同社の運輸収入の約9割を占める。")


def test_what_share_asks_for_a_percentage():
    from retrieval._span_questions import wanted_types
    from retrieval.features import asked_types

    question = "roughly what share of JR Central's income comes from the line?"
    assert "percent" in wanted_types(question, asked_types(question))
    assert "percent" in wanted_types("収入の何割を占める？", asked_types("収入の何割を占める？"))


def test_a_country_before_a_title_is_no_persons_name():
    from retrieval._span_shapes import candidates_in

    people = [c.text for c in candidates_in("ロシア大統領とプーチン大統領が会談した。", None) if c.type == "person"]
    assert people == ["プーチン"]


def test_letter_pairs_across_two_frame_words_support_no_span():
    from retrieval._span_shapes import candidates_in
    from retrieval.spans import supported

    opened = next(c for c in candidates_in("東海道新幹線は1964年10月1日に開業した。", None) if c.type == "date")
    question = "東海道新幹線の車内販売が終わったのはいつ？"
    assert supported(opened, question, SpanContext())  # 東海, 新幹… are the question's words
    # With 東海道 and 新幹線 the article's frame, 道新 (across them) is no word the sentence shares.
    assert not supported(opened, question, SpanContext(frame=("東海道", "新幹線")))
    assert supported(opened, "東海道新幹線はいつ開業した？", SpanContext(frame=("東海道", "新幹線")))


def test_a_pair_leading_out_of_a_frame_word_into_the_questions_own_words_supports_a_span():
    from retrieval._span_questions import question_keys
    from retrieval._span_shapes import candidates_in
    from retrieval.spans import supported

    sentence = "工事は約5年8か月の工期を経て完了し、関門橋は1973年11月14日に開通した。"
    opened = next(c for c in candidates_in(sentence, None) if c.type == "date")
    # 関門 and 開通 are the frame of an article on the Kanmon crossings; 門橋 (関門|橋) is the question's own.
    assert supported(opened, "関門橋が開通したのはいつ?", SpanContext(frame=("関門", "開通")))
    assert "橋が" not in question_keys("関門橋が開通したのはいつ?")  # a noun and its particle, no verb's stem


def test_which_lake_takes_the_span_ending_on_the_kind_it_names():
    found = short("the villa looks out over which lake", "ジュネーブ湖を見下ろす", terms=["ヴィラ", "湖"])
    assert found is not None
    assert found.text == "ジュネーブ湖"


def test_what_year_asks_a_date_even_with_a_where_in_the_question():
    from retrieval._span_questions import wanted_types
    from retrieval.features import asked_types

    question = "what year was the earlier geneva summit where the UK and the US talked about security?"
    assert "date" in wanted_types(question, asked_types(question))


def test_railway_companies_and_offices_are_bodies():
    from retrieval._span_shapes import candidates_in

    def bodies(sentence):
        return [c.text for c in candidates_in(sentence, None) if c.type == "org"]

    assert "東海旅客鉄道" in bodies("1987年4月1日の国鉄分割民営化以降は東海旅客鉄道が運営している。")
    assert bodies("建設は国鉄の下関工事局が担当した。") == ["下関工事局"]


def test_councils_federations_and_unions_are_bodies():
    from retrieval._span_shapes import candidates_in

    sentence = "6月27日、イギリス洞窟救助評議会(BCRC)から派遣されたダイバーのリック・スタントンらが到着した。"
    assert [c.text for c in candidates_in(sentence, None) if c.type == "org"] == ["イギリス洞窟救助評議会"]
    assert [
        c.text for c in candidates_in("全国漁業協同組合連合会と日本サッカー連盟が抗議した。", None) if c.type == "org"
    ] == [
        "全国漁業協同組合連合会",
        "日本サッカー連盟",
    ]


def test_how_long_something_was_paused_asks_a_length_of_time():
    # 「どれだけ」 alone may ask any amount; with a verb of time passing (中断, 待つ, 遅れる) only a length of time.
    question = "2日目の救出は、どれだけ中断してから再開されましたか?"
    assert wanted_types(question, asked_types(question)) == {"duration"}
    found = short(question, "約10時間の休止を挟んだ後", THAM_LUANG)
    assert (found.text, found.type) == ("約10時間", "duration")  # not the 4人 rescued after it
    assert "count" in wanted_types("救出に参加したダイバーはどれだけ?", frozenset())


def test_a_span_of_the_kind_the_question_names_is_supported():
    from retrieval._span_shapes import candidates_in
    from retrieval.spans import supported

    venue = "サミットは、ジュネーブ湖を見下ろす18世紀の建物である歴史的なヴィララグランジで開催されました。"
    lake = next(c for c in candidates_in(venue, None) if c.text == "ジュネーブ湖")
    question = "Which lake does the summit venue look out over?"
    assert supported(lake, question, SpanContext(terms=("湖", "会場", "サミット"), frame=("サミット",)))
    assert not supported(lake, question, SpanContext(terms=("会場", "サミット"), frame=("サミット",)))


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("ロシア代表団の中にいた駐米大使の名前を教えて", "person"),
        ("what was the name of the russian ambassador?", "person"),
        ("コザクはロシア代表団でどんなポジションだった?", "role"),
        ("島秀雄って国鉄でどんなポストについてたの？", "role"),
    ],
)
def test_a_persons_name_or_post_asked_without_who(question, kind):
    from retrieval._span_questions import wanted_types
    from retrieval.features import asked_types

    assert kind in wanted_types(question, asked_types(question))


def test_meet_finds_the_sentence_saying_they_met_by_the_verbs_stem():
    # 「…モスクワで…一度会ったことがありました」: "meet" is 会っ there, not 会談; the two presidents are the frame.
    sentence, passage, section = _where(SUMMIT, "2011年3月にモスクワで")
    terms, frame = ("バイデン", "プーチン", "会う", "合う", "最初"), ("バイデン", "プーチン")
    context = SpanContext(_facts(SUMMIT), ENGLISH, terms, section, frame)
    question = "In what city did Biden and Putin meet for the first time?"
    found = find_short(question, asked=asked_types(question), highlight=sentence, passage=passage, context=context)
    assert found is not None and (found.text, found.type) == ("モスクワ", "place")


def test_countries_and_regions_are_counted_together():
    question = "How many countries and regions joined the Hiroshima AI Process Friends Group?"
    found = short(question, "49か国・地域の参加で発足", G7, terms=("地域", "広島", "プロセス", "フレンズ", "グループ"))
    assert (found.text, found.display) == ("49か国・地域", "49 countries and regions")


def test_a_loanword_before_de_is_no_place():
    # 「ツイッターで「…シンガポールで行われる」と発表」: on Twitter is how it was said, not where anyone stayed;
    # Singapore, glossed too, is a place by the analyser, but the question names it already.
    assert short("Where was Trump staying in Singapore?", "ツイッターで「金正恩との待望の会談", SINGAPORE) is None
    found = short("Where would the talks be held?", "ツイッターで「金正恩との待望の会談", SINGAPORE, terms=("会談",))
    assert found is not None
    assert found.text == "シンガポール"


@pytest.mark.parametrize(
    "question", ["ブリュッセルでNATOの同盟国と会ったのはサミットの何日前？", "NATOとの会談の何日後にサミット？"]
)
def test_how_many_days_before_or_after_asks_a_length_of_time_not_a_day(question):
    assert "date" not in asked_types(question)
    found = short(question, "サミットの2日前")
    assert (found.text, found.type) == ("2日前", "duration")


def test_an_office_followed_by_who_asks_for_the_person_holding_it():
    found = short("人権の話で名前が出そうだったロシアの野党指導者って誰？", "アレクセイ・ナワルニー")
    assert (found.text, found.type) == ("アレクセイ・ナワルニー", "person")


def test_a_name_followed_by_who_asks_what_they_are():
    found = short("ゲラシモフって誰？", "ヴァレリー・ゲラシモフ")
    assert (found.text, found.type) == ("ロシア軍参謀本部長", "role")


def test_how_long_was_something_done_can_ask_a_length_of_time():
    found = short("How long was the New START treaty extended for?", "5年間延長", terms=("延長",))
    assert (found.text, found.display, found.type) == ("5年間", "5 years", "duration")


def test_how_long_is_a_thing_still_asks_its_length():
    found = short("How long is the central span?", "中央支間は1991メートル", AKASHI, terms=("中央", "支間"))
    assert found is not None and found.type == "quantity"


def test_the_kind_named_after_which_picks_among_places():
    # ジュネーブ湖 and ヴィララグランジ are both places in the sentence; 「何という湖」 names a lake.
    found = short("会場からは何という湖が見えるの？", "ジュネーブ湖を見下ろす")
    assert (found.text, found.type) == ("ジュネーブ湖", "place")


def test_a_date_alone_before_a_comma_belongs_to_the_clause_after_it():
    # 「翌6月28日、ホワイトハウスとクレムリンは…声明を発表し、首脳会談を7月16日にヘルシンキで開催する」
    found = short(
        "When did the White House and the Kremlin announce the Helsinki summit?",
        "ホワイトハウスとクレムリンは同時に声明を発表し",
        HELSINKI,
        terms=("ホワイトハウス", "クレムリン", "発表", "表明", "ヘルシンキ", "会談"),
    )
    assert (found.text, found.type) == ("6月28日", "date")


def test_the_first_in_how_many_years_asks_a_length_of_time():
    question = "米露の単独首脳会談は何年ぶりだった？"
    assert "date" not in asked_types(question)
    found = short(question, "約8年ぶり", HELSINKI, terms=("首脳会談",))
    assert (found.text, found.type) == ("約8年ぶり", "duration")


@pytest.mark.parametrize(
    "question",
    ["Which reporter asked Putin if he wanted Trump to win?", "トランプの当選を望んだかプーチンに聞いた記者は？"],
)
def test_a_reporter_is_a_kind_of_person(question):
    found = short(question, "ジェフ・メイソン記者", HELSINKI, terms=("記者", "プーチン", "トランプ", "当選"))
    assert (found.text, found.type) == ("ジェフ・メイソン", "person")


def test_an_english_question_naming_a_trade_asks_for_a_person():
    from retrieval._span_questions import wanted_types

    for question in ["Which historian argued it was an accident?", "what conductor calmed the crowd?"]:
        assert wanted_types(question, asked_types(question)) == {"person"}


def test_the_office_a_running_sentence_gives_the_person_asked_about():
    # 「…バイデンが副大統領でプーチンが首相だったときに一度会った」: two people, two offices.
    ja = short("2011年に会ったとき、プーチンの肩書きは何だった？", "プーチンが首相だった")
    assert (ja.text, ja.type) == ("首相", "role")
    en = short("What position did Biden hold then?", "プーチンが首相だった", terms=("バイデン", "プーチン"))
    assert (en.text, en.display, en.type) == ("副大統領", "副大統領", "role")
    assert short("2011年に会ったとき、ラブロフの肩書きは何だった？", "プーチンが首相だった") is None


def test_a_body_named_after_the_kind_of_body_it_is_is_an_organisation():
    # 「大手建設会社の清水建設が…落札した」: the name after 会社の is the firm, beside the agency that held the tender.
    firm = short(
        "which construction firm won the contract to build the Daijokyu?",
        "清水建設が9億5,700万円で落札した",
        REIWA,
        terms=("建設", "会社", "落札", "大嘗宮"),
    )
    assert (firm.text, firm.type) == ("清水建設", "org")
    from retrieval._span_shapes import candidates_in

    assert [c.text for c in candidates_in("その会社の社長が述べた。", None)] == []  # 社長 is no name


def test_how_many_people_counts_people_even_beside_money():
    # "public money" in the question does not make it ask an amount of money: 約240人, not the 1万円 each claimed.
    found = short(
        "how many plaintiffs were in the lawsuit against public money for the daijosai?",
        "約240人が原告となり",
        REIWA,
        terms=("原告", "訴訟", "訴え", "に対して", "に対し", "公費"),  # the expander's terms
    )
    assert (found.text, found.type) == ("約240人", "count")


def test_a_count_with_the_counter_asked_beats_a_count_of_anything():
    # 「158か国と…2つの国際機関」: "how many countries" takes the one counted in か国.
    found = short(
        "How many countries sent representatives to the 1990 enthronement?",
        "158か国と欧州共同体",
        REIWA,
        terms=("代表", "即位"),
    )
    assert (found.text, found.display) == ("158か国", "158 countries")


def test_spending_in_any_currency_asks_money_and_a_share_asks_a_percentage():
    spent = short(
        "what did iceland end up spending to host this thing?",
        "準備費用は約6,000万クローナ",
        REYKJAVIK,
        terms=("アイスランド", "最終的"),
    )
    assert (spent.text, spent.type) == ("約6,000万クローナ", "money")
    assert wanted_types("what percent of people backed him?", asked_types("what percent of people backed him?")) == {
        "percent"
    }
    time = "what's the total time they spent in talks over both days?"
    assert "money" not in wanted_types(time, asked_types(time))


def test_a_katakana_place_before_de_and_a_comma_is_where_it_happened():
    room = short("INF条約の署名ってホワイトハウスのどこでやった？", "ホワイトハウスのイーストルームで", REYKJAVIK)
    assert (room.text, room.type) == ("イーストルーム", "place")


def test_a_time_of_day_answers_what_time():
    found = short("What time did the talks end?", "午後4時20分ごろに終了", HELSINKI, terms=["会談", "終了"])
    assert (found.text, found.display, found.type) == ("午後4時20分ごろ", "about 4:20 pm", "time")


def test_a_time_of_day_keeps_the_date_written_before_it():
    found = short("最後の作業員が地上に出てきたのは何時ごろ?", "午後9時55分に地上に到着", COPIAPO)
    assert (found.text, found.type) == ("10月13日の午後9時55分", "time")
    english = short(
        "what time did the last miner reach the surface?",
        "午後9時55分に地上に到着",
        COPIAPO,
        terms=["最後", "地上", "到着"],
    )
    assert english.display == "9:55 pm, 13 October 2010"


def test_when_asks_the_date_not_the_time_of_day():
    found = short(
        "When did the last miner reach the surface?", "午後9時55分に地上に到着", COPIAPO, terms=["最後", "地上", "到着"]
    )
    assert found is None or found.type == "date"


def test_how_heavy_takes_the_weight_not_the_height_in_the_same_sentence():
    # 「高さ約2.5メートル、内径約54センチメートル、重さ約420キログラム」
    found = short("how heavy was the capsule they used?", "重さ約420キログラム", COPIAPO, terms=["カプセル", "重さ"])
    assert (found.text, found.display, found.type) == ("約420キログラム", "about 420 kg", "quantity")
    tall = short("how tall was the capsule they used?", "重さ約420キログラム", COPIAPO, terms=["カプセル", "高さ"])
    assert (tall.text, tall.display) == ("約2.5メートル", "about 2.5 m")


def test_an_estimate_is_shown_as_about():
    found = short("how many people around the world watched it live?", "推定10億人", COPIAPO, terms=["世界", "生中継"])
    assert (found.text, found.display) == ("推定10億人", "about 1 billion people")


def test_a_number_of_times_answers_only_how_many_times():
    # 「…31日の4回にわたって宮殿で催されました」: a number of times, no answer to how big the banquet was.
    where = "31日の4回にわたって"
    assert short("how big was the banquet at the palace?", where, REIWA, terms=["饗宴", "宮殿"]) is None
    times = short("how many times was the banquet held at the palace?", where, REIWA, terms=["饗宴", "宮殿"])
    assert (times.text, times.display) == ("4回", "4 times")


def test_an_equals_sign_joins_a_double_first_name():
    found = short(
        "Which army general headed the public body set up to rebuild Notre-Dame?",
        "陸軍大将ジャン＝ルイ・ジョルジュラン",
        NOTRE_DAME,
        terms=["陸軍", "大将", "総裁"],
    )
    assert (found.text, found.display) == ("ジャン＝ルイ・ジョルジュラン", "Jean-Louis Georgelin")


def test_a_latin_spelling_with_accents_is_the_names_english():
    from retrieval._span_shapes import candidates_in

    found = candidates_in("シフトの現場監督であったルイス・ウルスア(Luis Urzúa)は、作業員たちを集めた", None)
    assert [(c.text, c.type, c.english) for c in found] == [("ルイス・ウルスア", "person", "Luis Urzúa")]


def test_a_name_the_question_spells_by_its_sound_is_what_it_asks_about_not_the_answer():
    # "Reagan" spelt by its sound is リーガン; the article writes レーガン. The other president answers.
    question = "Who represented the Soviet side at the 1985 Geneva talks with Reagan?"
    terms = ("代表", "ソビエト", "ジュネーブ", "会談", "リーガン")
    found = short(question, "ミハイル・ゴルバチョフ書記長", terms=terms)
    assert found is not None and found.text == "ミハイル・ゴルバチョフ"
    # Another consonant is another name: ベーガン does not stand for レーガン, and the two presidents tie.
    assert short(question, "ミハイル・ゴルバチョフ書記長", terms=(*terms[:4], "ベーガン")) is None


def test_one_vowel_heard_otherwise_is_the_same_katakana_name():
    assert _heard_as(fold("レーガン"), fold("ロナルド・リーガン"))
    assert not _heard_as(fold("レーガン"), fold("ベーガン"))
    assert not _heard_as(fold("プーチン"), fold("プーチン"))  # the same spelling is matched before this


def test_a_ministers_short_title_finds_the_full_one_in_a_delegation_list():
    found = short("ロシアの外相として同行したのは誰?", "ロシア外務大臣、セルゲイ・ラブロフ")
    assert found is not None and found.text == "セルゲイ・ラブロフ"


def test_the_infobox_row_a_question_names_gives_a_venue_that_has_no_shape_of_a_place():
    fragment = "ジュネーブ湖を見下ろす18世紀の建物"
    assert short("会場は？", fragment).text == "ヴィララグランジ"
    assert short("What was the venue called?", fragment, terms=("会場",)).text == "ヴィララグランジ"
    # The venue as the topic, another thing asked: the lake it overlooks, not the venue.
    assert short("会場の建物はどの湖に面してる?", fragment).text == "ジュネーブ湖"
    lake = short("The summit venue overlooks which lake?", fragment, terms=("サミット", "会場", "見下ろす", "湖"))
    assert lake is not None and lake.text == "ジュネーブ湖"


def test_when_opening_a_second_question_asks_a_date():
    found = short("had they ever met b4 the summit? when was that", "2011年3月にモスクワで")
    assert found is not None and (found.text, found.display) == ("2011年3月", "March 2011")
    # "when" inside a clause places the question in time: the role asked is what answers, never the date.
    clause = short("What was Putin's job when he first met Biden?", "2011年3月にモスクワで")
    assert clause is None or clause.type != "date"


def test_which_century_asks_a_date():
    assert short("会場の建物は何世紀のもの？", "18世紀の建物").text == "18世紀"
    assert short("Which century is the venue building from?", "18世紀の建物", terms=("会場", "建物")).display == (
        "18th century"
    )


def test_a_people_before_who_asks_for_the_person():
    # 「ゲラシモフって誰」 asks what he is; 「ボリビア人って誰」 asks which of them it was.
    found = short("閉じ込められた人の中にいたボリビア人って誰?", "1人はボリビア人のカルロス・ママニ", COPIAPO)
    assert found is not None and (found.text, found.type) == ("カルロス・ママニ", "person")


def test_a_question_naming_a_kind_of_person_takes_the_person_not_their_employer():
    found = short("救出作業の指揮をとった責任者はだれですか", "救出作業の責任者に任命", COPIAPO)
    assert found is not None and (found.text, found.type) == ("アンドレ・ソウガレット", "person")


def test_an_english_questions_verb_supports_the_sentence_that_conjugates_it():
    question = "who actually wrote that famous 'we are fine in the shelter' note?"
    found = short(question, "このメモを書いたのは", COPIAPO, terms=("書く", "避難所", "手紙"))
    assert found is not None and (found.text, found.display) == ("ホセ・オヘダ", "José Ojeda")
    # Without the verb the sentence says nothing the question says: no short answer.
    assert short(question, "このメモを書いたのは", COPIAPO, terms=("避難所", "手紙")) is None


def test_a_job_named_in_a_question_asking_which_city_is_not_what_it_asks():
    question = "In which city did Biden and Putin meet back in 2011, before either was in his current job?"
    found = short(question, "2011年3月にモスクワで", terms=("バイデン", "プーチン", "会う", "職"))
    assert found is not None and (found.text, found.type) == ("モスクワ", "place")
    # Asked with "what", the job is what the question wants.
    asked = "What was Putin's job when they met in 2011?"
    job = short(asked, "2011年3月にモスクワで", terms=("プーチン", "職", "会う"))
    assert job is not None and (job.text, job.type) == ("首相", "role")


def test_the_number_a_question_counts_from_is_not_the_count_it_asks():
    soyuz = parse_article((AKASHI_PATH.parent / "apollo-soyuz-1975.ja.txt").read_text(encoding="utf-8"))
    found = short("34の実験のうち、米ソがいっしょにやったのは何個?", "そのうち5件は両国の共同実験", soyuz)
    assert found is not None and (found.text, found.type) == ("5件", "count")


def test_a_length_written_with_a_thousands_comma():
    sentence = "首都は包囲され、この包囲は1996年2月29日に公式に解除されるまで1,425日間続いた。[4]"
    found = find_short(
        "how long did the siege last", asked=asked_types("how long did the siege last"), highlight=sentence,
        passage=sentence, context=SpanContext(terms=("包囲",)),
    )  # fmt: skip
    assert (found.text, found.display, found.citations) == ("1,425日間", "1,425 days", (4,))


def _when(highlight, passage, year=None):
    question = "when did the ceasefire take effect"
    context = SpanContext(terms=("停戦", "発効"), year=year)
    return find_short(question, asked=asked_types(question), highlight=highlight, passage=passage, context=context)


def test_a_date_with_no_year_takes_the_year_written_before_it_when_the_article_has_no_date():
    """No infobox 日にち to read 「10月12日」 by: the passage's earlier year, else the one before the passage."""
    lit = "停戦は10月12日に発効しました。[14]"
    earlier = "1995年9月8日、外相会議が開かれた。[13]"
    assert _when(lit, earlier + lit).display == "12 October 1995"
    assert _when(lit, lit, year=1994).display == "12 October 1994"
    assert _when(lit, lit) is None  # no year known: no date to show


def test_a_date_before_a_time_of_day_is_a_date():
    lit = "停戦はガスの供給が回復することを条件として、10月12日午前0時1分に発効しました。"
    found = _when(lit, lit, year=1995)
    assert (found.text, found.display) == ("10月12日", "12 October 1995")


def test_a_japanese_question_s_verb_supports_the_span_in_another_conjugation():
    """「続いた」 asked, 「続き」 written: the same verb says the sentence speaks to the question."""
    question = "会談はどのくらい続いた？"
    sentence, passage, section = _where(SUMMIT, "合計3時間半")
    # 会談 is the summit article's frame, which supports nothing: only the verb is left to say so.
    context = SpanContext(_facts(SUMMIT), ENGLISH, (), section, ("会談",))
    found = find_short(question, asked=asked_types(question), highlight=sentence, passage=passage, context=context)
    assert (found.text, found.type) == ("3時間半", "duration")


def test_a_country_written_in_parts_is_a_place_and_funds_and_services_are_bodies():
    from retrieval._span_shapes import candidates_in

    sentence = (
        "総裁は国際通貨基金(IMF)がボスニア・ヘルツェゴビナ以外の国籍の者から任命し、"
        "チリ海軍と北大西洋条約機構が支えた。"
    )
    found = {(c.text, c.type) for c in candidates_in(sentence, None)}
    assert ("ボスニア・ヘルツェゴビナ", "place") in found
    assert ("ボスニア・ヘルツェゴビナ", "person") not in found
    assert {("国際通貨基金", "org"), ("チリ海軍", "org"), ("北大西洋条約機構", "org")} <= found
    assert ("ジョー・バイデン", "person") in {(c.text, c.type) for c in candidates_in("ジョー・バイデン大統領", None)}
    # A university is where things happen more often than who does them: no body.
    assert not [c for c in candidates_in("名古屋大学の津田雄一", None) if c.type == "org"]


def test_a_century_describing_another_thing_does_not_say_when():
    # 「18世紀の建物」: the villa's century, not the date of the summit asked about.
    assert short("サミットはいつ？", "18世紀の建物") is None
    assert short("When was the summit?", "18世紀の建物", terms=("首脳会談", "サミット")) is None
    # Asked about the building, or after a century or an age, it is the answer.
    for question in ("ヴィララグランジはいつ建てられた？", "会場の建物はいつ頃のもの？"):
        found = short(question, "18世紀の建物")
        assert (found.text, found.type) == ("18世紀", "date"), question


def test_a_range_of_dates_is_one_span():
    from retrieval._span_shapes import candidates_in

    # 「1986年10月11日から12日にかけて」: the answer to when is the whole range, its end in the same month.
    found = short("レイキャビク首脳会談はいつからいつまで？", "1986年10月11日から12日", REYKJAVIK)
    assert (found.text, found.type) == ("1986年10月11日から12日", "date")
    english = short("when was the reykjavik summit?", "1986年10月11日から12日", REYKJAVIK, terms=("レイキャビク",))
    assert english.display == "11 October 1986 to 12 October 1986"
    dates = [
        c for c in candidates_in("最初の会合は1945年9月11日から10月2日までロンドンで開かれた", None) if c.type == "date"
    ]
    assert [(c.text, c.english) for c in dates] == [
        ("1945年9月11日から10月2日まで", "11 September 1945 to 2 October 1945")
    ]
    # Two dates not joined as a range stay two.
    apart = [c.text for c in candidates_in("2021年6月16日と2021年6月17日に会った", None) if c.type == "date"]
    assert apart == ["2021年6月16日", "2021年6月17日"]


def test_a_dotted_name_ending_as_a_building_is_a_place():
    from retrieval._span_shapes import candidates_in

    sentence = (
        "スターリンはモロトフと通訳のパヴロフを伴ってリトル・ホワイトハウスを訪れ、トルーマンと初めて顔を合わせました。"
    )
    found = {(c.text, c.type) for c in candidates_in(sentence, None)}
    assert ("リトル・ホワイトハウス", "place") in found
    assert ("リトル・ホワイトハウス", "person") not in found


def test_the_next_summit_is_not_answered_with_this_ones_date():
    lead = "2021年6月16日、スイス のジュネーブで開催された"
    assert short("次の米露首脳会談はいつ予定されてる？", lead) is None
    assert short("When is the next US-Russia summit?", lead, terms=("首脳会談",)) is None
    assert short("米露首脳会談はいつ開催された？", lead).text == "2021年6月16日"


def test_who_takes_the_person_not_the_body_they_belong_to():
    from retrieval._span_shapes import candidates_in

    sentence = "アメリカ側の通訳は、国務省のロシア語専門家であったチャールズ・ボーレン(Charles Bohlen)が務めました。"
    assert {("チャールズ・ボーレン", "person"), ("国務省", "org")} <= {
        (c.text, c.type) for c in candidates_in(sentence, None)
    }
    context = SpanContext({}, {}, ("アメリカ人", "通訳"), "参加者と代表団")
    found = find_short(
        "who was the american interpreter?",
        asked=asked_types("who"),
        highlight=sentence,
        passage=sentence,
        context=context,
    )
    assert found is not None and found.text == "チャールズ・ボーレン"


def test_a_place_where_something_was_set_up_or_stayed():
    from retrieval._span_shapes import candidates_in

    sentence = "約180人の報道関係者はベルリン西部のツェーレンドルフに設けられた報道キャンプに滞在した。"
    assert ("ツェーレンドルフ", "place") in {(c.text, c.type) for c in candidates_in(sentence, None)}


def test_what_was_the_date_of_asks_a_date():
    found = short("What was the date of the Geneva summit?", "2021年6月16日、スイス", terms=("ジュネーブ", "サミット"))
    assert (found.text, found.display) == ("2021年6月16日", "16 June 2021")


YALTA = parse_article((AKASHI_PATH.parent / "yalta-conference-1945.ja.txt").read_text(encoding="utf-8"))
POTSDAM = parse_article((AKASHI_PATH.parent / "potsdam-1945.ja.txt").read_text(encoding="utf-8"))


def _with_family(article, question, fragment, terms=()):
    """``short`` with the article's names people go by alone known, as the index gives them."""
    sentence, passage, section = _where(article, fragment)
    body = "\n".join([article.lead, *(p.text for s in article.sections for p in s.paragraphs)])
    context = SpanContext(_facts(article), ENGLISH, tuple(terms), section, family=family_names([body]))
    return find_short(question, asked=asked_types(question), highlight=sentence, passage=passage, context=context)


def test_names_people_go_by_alone_come_from_their_full_names():
    text = (
        "ウィンストン・チャーチル首相とフランクリン・ルーズベルト大統領が会った。"
        "ワシントン・ポスト紙が報じ、スミット・サルベージが引き揚げた。"
    )
    assert family_names([text], words=frozenset(["サルベージ"])) == {"チャーチル", "ルーズベルト"}
    # ポスト names a newspaper (紙 after it), サルベージ is a dictionary word: neither is a person's.


def test_a_name_written_alone_answers_who():
    # 「…3か国の首脳のうちルーズベルトが議長を務めた」: nothing in the sentence shows ルーズベルト is a person.
    found = _with_family(YALTA, "本会議で議長をやってたのは3人のうち誰?", "ルーズベルトが議長を務めた")
    assert (found.text, found.type) == ("ルーズベルト", "person")
    assert short("本会議で議長をやってたのは3人のうち誰?", "ルーズベルトが議長を務めた", YALTA) is None  # unknown: none


def test_a_name_people_go_by_alone_is_no_body_and_no_place():
    sentence = "チャーチルの強い主張により、フランスにも占領地域を与えることが決まった。"
    people = candidates_in(sentence, None, family=frozenset(["チャーチル"]))
    assert ("チャーチル", "person") in {(c.text, c.type) for c in people}
    assert _with_family(YALTA, "会議はどこで開かれた", "ルーズベルトが議長を務めた") is None


def test_the_person_a_role_names_answers_who_held_it():
    # 「スターリンはモロトフと通訳のパヴロフを伴って」: the interpreter, not the minister beside him.
    found = _with_family(POTSDAM, "スターリンの通訳をしたのは誰？", "通訳のパヴロフを伴って")
    assert found.text == "パヴロフ"


def test_a_total_asked_takes_the_total():
    found = short("ヤルタの本会議って全部で何回開かれたんだっけ", "合計8回開かれ", YALTA)
    assert found.text == "8回"  # not the 毎日1回 before it


def test_a_number_of_times_answers_how_many_of_the_thing_it_counts():
    found = short("how many toasts were drunk at stalins dinner", "45回の乾杯", YALTA, terms=("乾杯", "晩餐"))
    assert (found.text, found.display) == ("45回", "45 times")
    assert short("how big was the dinner", "45回の乾杯", YALTA, terms=("晩餐",)) is None


def test_months_counted_are_a_length_of_time_with_their_bound():
    found = short("ポーランドの選挙、スターリンはどれくらいでできるって言ってた?", "選挙は1か月以内", YALTA)
    assert (found.text, found.type) == ("1か月以内", "duration")
    assert english_duration("1か月以内") == "within 1 month"
    assert english_duration("18か月") == "18 months"


def test_a_question_ending_on_the_day_of_something_asks_its_date():
    assert "date" in asked_types("ルーズベルトが議会でヤルタについて報告した日")
    assert "date" in asked_types("会談の日は？")
    assert "date" not in asked_types("その日は何があった")
    found = short("ルーズベルトが議会でヤルタについて報告した日", "1945年3月1日に上下", YALTA)
    assert found.text == "1945年3月1日"


def test_the_one_who_did_it_asks_a_person_not_a_role():
    question = "ポーランドの扱いに抗議して政務次官を辞めたのって誰だっけ"
    assert wanted_types(question, asked_types(question)) != {"role"}
    assert short(question, "ヘンリー・ストラウス(Henry", YALTA).text == "ヘンリー・ストラウス"


def test_a_period_asked_takes_a_range_of_dates():
    found = short("ダンバートンオークス会議の期間おしえて", "1944年8月21日から10月7日", YALTA)
    assert found.text == "1944年8月21日から10月7日まで"
    assert short("アルジャー・ヒスが有罪になった期間", "1950年1月21日", YALTA) is None  # one day is no period


def test_a_place_where_a_body_was_set_up():
    assert short("ドイツ分割を検討する委員会はどこに設置された?", "委員会がロンドンに", YALTA).text == "ロンドン"


def test_how_close_and_how_much_time_ask_amounts():
    assert "quantity" in asked_types("how close was the red army to berlin")
    assert asked_types("how much time did vyshinsky give king michael") == {"duration"}


def test_two_people_joined_by_to_answer_together_unless_one_is_asked_about():
    # 「最初のセッションは、ブリンケンとラブロフも参加した小さな会議でした。」
    question = "Besides the two presidents, who sat in on the first, smaller session?"
    found = _with_family(SUMMIT, question, "ブリンケンとラブロフも参加", terms=("最初", "セッション"))
    assert found is not None and (found.text, found.type) == ("ブリンケンとラブロフ", "person")
    found = _with_family(SUMMIT, "最初のセッションには大統領以外に誰が出てた？", "ブリンケンとラブロフも参加")
    assert found is not None and found.text == "ブリンケンとラブロフ"
    # The asker names one: the other alone answers.
    found = _with_family(
        SUMMIT,
        "who sat in with Blinken on the first session?",
        "ブリンケンとラブロフも参加",
        terms=("ブリンケン", "最初"),
    )
    assert found is not None and found.text == "ラブロフ"


def test_asked_which_country_a_country_answers_wherever_it_stands():
    # 「首脳会談に向かう途中の英国の米軍関係者に」: 英国 stands before の, not で or に, and is no katakana place.
    question = "In which country was Biden speaking to US troops on his way to the summit?"
    found = short(question, "途中の英国の米軍関係者", terms=("国", "バイデン", "米軍", "途中"))
    assert found is not None and (found.text, found.type) == ("英国", "place")
    # A country's form of state is part of its name.
    nixon = parse_article((AKASHI_PATH.parent / "nixon-china-1972.ja.txt").read_text(encoding="utf-8"))
    found = short("林彪の乗った飛行機が落ちたのはどこの国", "モンゴル人民共和国の領内で墜落", nixon)
    assert found is not None and found.text == "モンゴル人民共和国"


def test_a_group_named_by_what_it_does_takes_its_country():
    # 「ロシアの犯罪組織は、ランサムウェア攻撃で告発されました。」
    found = short("ランサムウェア攻撃で告発されたのはどこのグループ？", "ロシアの犯罪組織は")
    assert found is not None and (found.text, found.type) == ("ロシアの犯罪組織", "org")
    # A body with a name of its own keeps it alone.
    assert [(c.text, c.type) for c in candidates_in("ロシア政府と米国の国務省は発表した。", None)] == [
        ("ロシア政府", "org"),
        ("国務省", "org"),
    ]


@pytest.mark.parametrize(
    "question",
    ["プーチンは会見でアメリカのどの社会運動を引き合いに出した？", "Which US protest movement did Putin mention?"],
)
def test_a_name_a_kind_of_body_follows_is_that_body(question):
    # 「ブラック・ライヴズ・マターのような運動が得られることを望んでいない」: a movement, not a person.
    found = short(question, "ブラック・ライヴズ・マターのような運動", terms=("抗議", "運動", "プーチン"))
    assert found is not None and (found.text, found.type) == ("ブラック・ライヴズ・マター", "org")


def test_an_amount_asked_by_its_noun_or_its_bound_and_how_far_a_level_was_raised():
    deal = parse_article((AKASHI_PATH.parent / "iran-nuclear-deal-2015.ja.txt").read_text(encoding="utf-8"))
    # 量: an amount in its unit, not the years or the percentage beside it.
    question = "合意で認められた濃縮ウランの保有量の上限は？"
    found = short(question, "300キログラム以下に制限", deal, terms=("保有", "上限"))
    assert found is not None and (found.text, found.type) == ("300キログラム以下", "quantity")
    found = short("2015年末にロシアへ搬出された低濃縮ウランの量は？", "約11トンの低濃縮ウラン", deal)
    assert found is not None and found.text == "約11トン"
    # A bound asked in English: whatever is bounded (here days).
    question = "If the IAEA and Iran disagree about access to an undeclared site, what's the max length of it?"
    found = short(question, "最長で24日間", deal, terms=("未申告", "最長"))
    assert found is not None and (found.text, found.type) == ("24日間", "duration")
    # どこまで with a verb of raising asks a level, not a place.
    assert wanted_types("濃縮度をどこまで引き上げると言った?", asked_types("濃縮度をどこまで引き上げると言った?")) == {
        "quantity",
        "count",
        "percent",
        "money",
    }
    found = short("イランは濃縮度をどこまで引き上げると言った?", "60パーセントに引き上げる", deal, terms=("濃縮",))
    assert found is not None and found.text == "60パーセント"
    assert "place" in wanted_types("どこまで歩いた?", asked_types("どこまで歩いた?"))


def test_a_place_named_in_loanwords_is_shown_in_their_english_part_by_part():
    from retrieval._span_shapes import Candidate
    from retrieval.spans import display_of

    sentence = "米国の代表団は近くのホテル・インペリアルに滞在した。"
    start = sentence.index("ホテル")
    hotel = Candidate("ホテル・インペリアル", "place", start, start + 10, sentence)
    english = {"ホテル": "hotel", "インペリアル": "imperial"}
    assert display_of(hotel, english) == "Hotel Imperial"
    assert display_of(hotel, {"ホテル": "hotel"}) == "ホテル・インペリアル"  # a part unknown: as written


def test_a_city_named_as_a_countrys_capital_is_one_place_with_it():
    found = candidates_in("米国のチームが、オマーンの首都マスカットでイラン側と秘密の協議を重ねていた。", None)
    assert ("オマーンの首都マスカット", "place") in [(c.text, c.type) for c in found]
    # Before の the capital names where a building stands: the building is the place.
    found = candidates_in("会談はフィンランドの首都ヘルシンキの大統領宮殿で行われた。", None)
    assert [c.text for c in found if c.type == "place"] == ["大統領宮殿"]


def test_how_many_members_of_a_body_counts_them_and_asks_for_no_body():
    question = "was resolution 2231 unanimous? how many security council members voted for it"
    assert wanted_types(question, asked_types(question)) == {"count"}
    deal = parse_article((AKASHI_PATH.parent / "iran-nuclear-deal-2015.ja.txt").read_text(encoding="utf-8"))
    found = short(question, "15か国の全会一致", deal, terms=("安全保障理事会", "決議"))
    assert found is not None and (found.text, found.type) == ("15か国", "count")
    assert "org" in wanted_types("which council approved it?", asked_types("which council approved it?"))


def test_a_range_of_lengths_and_a_bounded_year_are_lengths_but_a_year_since_is_a_date():
    sentence = "「ブレイクアウト・タイム」が、合意前の2〜3か月から少なくとも1年に延びると説明した。"
    assert [c.text for c in candidates_in(sentence, None) if c.type == "duration"] == ["2〜3か月", "少なくとも1年"]
    since = candidates_in("ロシアの情報機関は少なくとも2014年以来、物語を広めていると報告した。", None)
    assert [(c.text, c.type) for c in since if c.text.endswith("年")] == [("2014年", "date")]


def test_a_question_word_asking_an_amount_outweighs_nouns_of_a_time_or_a_place():
    # 期間 and 会場 only name the topic: いくつ counts, どのくらい asks an amount.
    question = "運動期間中に選管に登録した団体って全部でいくつあった"
    assert wanted_types(question, asked_types(question)) == {"count"}
    question = "テロのあと会場のまわりに警官とか憲兵どのくらい置かれたの"
    assert "place" not in wanted_types(question, asked_types(question))
    assert "count" in wanted_types(question, asked_types(question))
    # Beside the noun it asks of, the noun is what is asked: the period's length, a distance.
    assert "duration" in wanted_types("会談の期間はどのくらい?", asked_types("会談の期間はどのくらい?"))
    assert wanted_types("何日間続いた?", asked_types("何日間続いた?")) >= {"duration"}
    # A count in a unit of time is a length of time as well.
    assert "duration" in wanted_types("how many days did it last", asked_types("how many days did it last"))
    cop21 = parse_article((AKASHI_PATH.parent / "paris-agreement-cop21-2015.ja.txt").read_text(encoding="utf-8"))
    found = short("テロのあと会場のまわりに警官とか憲兵どのくらい置かれたの", "警察官と憲兵約2,800人", cop21)
    assert found is not None and (found.text, found.type) == ("約2,800人", "count")


def test_a_body_named_as_a_body_answers_which_organisation_before_the_people_it_sent():
    found = short(
        "which organisation sent the three british cave divers?",
        "イギリス洞窟救助評議会(BCRC)から派遣",
        THAM_LUANG,
        terms=("組織", "イギリス", "洞窟", "ダイバー"),
    )
    assert found is not None and (found.text, found.type) == ("イギリス洞窟救助評議会", "org")
    # A kind of body a name follows (事務所である…) is no body by name: the name answers.
    found = short("共同海損の精算を任されたのはどこの事務所?", "海損精算事務所であるリチャーズ", SUEZ)
    assert found is not None and found.text == "リチャーズ・ホッグ・リンドレー"


def test_a_name_before_the_office_it_has_is_not_who_holds_the_office():
    brexit = parse_article((AKASHI_PATH.parent / "brexit-referendum-2016.ja.txt").read_text(encoding="utf-8"))
    # 「ブリテン・ストロンガー・イン・ヨーロッパの議長は…スチュアート・ローズが務め」: the katakana body is not who
    # (and the sentence names three people, so no one is sure enough to be given).
    found = short("Stronger Inの議長は誰がやってたの", "ヨーロッパの議長は", brexit)
    assert found is None or found.text == "スチュアート・ローズ"
    from retrieval._span_shapes import Candidate
    from retrieval.spans import _without_affiliations

    sentence = "調査会の議長はドナルド・トランプが務めた。"
    body = Candidate("調査会", "person", 0, 3, "調査会の議長はドナルド・トランプが務めた。")
    start = sentence.index("ドナルド")
    person = Candidate("ドナルド・トランプ", "person", start, start + 9, sentence)
    assert _without_affiliations([body, person]) == [person]
    assert _without_affiliations([body]) == [body]  # no one else named: left as it is


def test_how_much_asks_no_count_and_a_rank_no_span():
    question = "how much did japan pledge for rebuilding bosnia after dayton?"
    assert "count" not in wanted_types(question, asked_types(question))
    assert "money" in wanted_types(question, asked_types(question))
    assert wanted_types("how much time did they spend?", asked_types("how much time did they spend?")) == {"duration"}
    assert "count" in wanted_types("how many and how much?", asked_types("how many and how much?"))
    # A rank is no span type: 「高さは何番目」 must not answer with the height beside it.
    question = "御嶽山って日本の火山の中で高さは何番目なの?"
    assert wanted_types(question, asked_types(question)) == frozenset()
    ontake = parse_article((AKASHI_PATH.parent / "ontake-eruption-2014.ja.txt").read_text(encoding="utf-8"))
    assert short(question, "標高3,067メートルで", ontake) is None


CHERNOBYL = parse_article((AKASHI_PATH.parent / "chernobyl-disaster-1986.ja.txt").read_text(encoding="utf-8"))


def test_a_unit_asked_after_nani_takes_the_amount_in_that_unit():
    # 何メガワット asks the power, not the clock time beside it; the unit is known to the shapes and to English.
    question = "0時28分ごろに出力が急に落ちたとき、何メガワットまで下がった?"
    assert wanted_types(question, asked_types(question)) == {"quantity"}
    found = short(question, "約30メガワットまで急降下", CHERNOBYL, terms=("出力",))
    assert found is not None and (found.text, found.type) == ("約30メガワット", "quantity")
    found = short("What did the thermal power drop to at 0:28?", "約30メガワットまで急降下", CHERNOBYL, terms=("出力",))
    assert found is None or found.type != "quantity"  # "what … drop to" names no unit: no amount is asked


def test_seconds_are_a_length_of_time_and_part_of_a_clock_time():
    question = "3号炉の屋根のがれきを片付けた兵士って、1人何秒まで屋根にいてよかったの?"
    found = short(question, "最長でも90秒しか", CHERNOBYL)
    assert found is not None and (found.text, found.type) == ("90秒", "duration")
    found = short("AZ-5ボタンが押された正確な時刻", "午前1時23分40秒、当直長アキモフ", CHERNOBYL)
    assert found is not None and found.text == "午前1時23分40秒"
    question = "At what time was the AZ-5 button pressed?"
    found = short(question, "午前1時23分40秒、当直長アキモフ", CHERNOBYL, terms=("ボタン", "押"))
    assert found is not None and found.display == "1:23:40 am"
    sentence = "午前1時23分40秒、当直長アキモフの指示によって緊急停止ボタン(AZ-5)が押され"
    assert [c.text for c in candidates_in(sentence, None) if c.type == "duration"] == []  # the clock's 23分40秒


def test_a_part_of_a_whole_asked_takes_the_part():
    question = "急性放射線症と診断された人のうち、4か月以内に亡くなったのは何人ですか"
    found = short(question, "このうち28人が", CHERNOBYL)
    assert found is not None and found.text == "28人"
    # Without のうち the two counts stand alike: no short answer rather than a guess.
    assert short("急性放射線症と診断されたのは何人", "このうち28人が", CHERNOBYL).text == "134人"


def test_the_amount_written_before_the_thing_asked_about_answers():
    found = short("石棺つくるのにコンクリートはどのくらい使ったの", "約40万立方メートルのコンクリート", CHERNOBYL)
    assert found is not None and (found.text, found.type) == ("約40万立方メートル", "quantity")
    question = "How much concrete went into the sarcophagus?"
    found = short(question, "約40万立方メートルのコンクリート", CHERNOBYL, terms=("コンクリート", "石棺"))
    assert found is not None and found.display == "about 400,000 m³"
    found = short("石棺の金属構造材はどのくらい?", "約40万立方メートルのコンクリート", CHERNOBYL)
    assert found is not None and found.text == "約7,300トン"


@pytest.mark.parametrize(
    "question", ["避難はどんくらいかかった?", "避難はどれぐらいかかった?", "避難はどんだけかかった?"]
)
def test_chat_forms_of_how_much_ask_an_amount(question):
    assert "duration" in wanted_types(question, asked_types(question))


@pytest.mark.parametrize("question", ["何という保護区?", "何ていう保護区?", "なんて言う保護区?", "何っていう保護区?"])
def test_chat_forms_of_what_called_name_the_kind_asked(question):
    assert named_kinds(question) == ["保護区"]


def test_the_thing_measured_tells_apart_amounts_of_one_kind_only_by_a_whole_word():
    soyuz = parse_article((AKASHI_PATH.parent / "apollo-soyuz-1975.ja.txt").read_text(encoding="utf-8"))
    # 訓練 of 訓練施設 is not the 4回の訓練 of the Soviet crew.
    question = "アメリカの飛行士たちはモスクワ郊外の訓練施設に何度行きましたか?"
    assert short(question, "星の街を合計3回訪問し", soyuz).text == "3回"
    # 1本のケーブル is "each cable": the 290 strands answer.
    found = short("how many strands make up each main cable?", "ストランドを290本まとめた", AKASHI, terms=("ケーブル",))
    assert found is None or found.text == "290本"
    yalta = parse_article((AKASHI_PATH.parent / "yalta-conference-1945.ja.txt").read_text(encoding="utf-8"))
    question = "how long was roosevelts flight from malta to the crimea"
    found = short(question, "約2,200キロメートルの飛行には", yalta, terms=("飛行", "マルタ", "クリミア"))
    assert found is None or found.text == "約7時間"  # a distance and a time: the thing flown does not choose


def test_a_name_ending_on_the_noun_asked_answers_which_one():
    question = "IAEAのウィーン会議で報告したレガソフってどこの研究所の人だっけ"
    found = short(question, "クルチャトフ研究所第一副所長", CHERNOBYL)
    assert found is not None and found.text == "クルチャトフ研究所"  # not the IAEA the sentence names first
    found = short("ベラルーシ側の汚染地域って何ていう保護区になってる?", "ポレーシェ国立放射線生態学保護区", CHERNOBYL)
    assert found is not None and found.text == "ポレーシェ国立放射線生態学保護区"
    question = "放射能を最初に検出したのはスウェーデンのどの原子力発電所?"
    found = short(question, "フォルスマルク原子力発電所で", CHERNOBYL)
    assert found is not None and found.text == "フォルスマルク原子力発電所"


def test_a_kind_of_thing_in_kanji_is_no_name_ending_on_the_noun_asked():
    # 大統領選挙 is a kind of election: 「どの選挙」 is answered by the years, or not at all.
    question = "バイデン政権がロシアを罰したのはどの選挙に干渉したから?"
    found = short(question, "2016年と2020年の大統領選挙への干渉", SUMMIT)
    assert found is None or "大統領選挙" not in found.text


def test_a_range_of_amounts_in_one_unit_is_one_span_but_a_change_or_two_units_are_not():
    question = "how long did those diesel generators actually need to get up to power?"
    found = short(question, "約60秒から75秒かかり", CHERNOBYL, terms=("ディーゼル", "発電機", "出力"))
    assert found is not None and (found.text, found.display) == ("約60秒から75秒", "about 60 to 75 seconds")
    ranged = candidates_in("1日あたり1400万ドルから1500万ドルの通航料収入を失った", None)
    assert [(c.text, c.english) for c in ranged] == [("1400万ドルから1500万ドル", "$14 to $15 million")]
    assert [c.text for c in candidates_in("通常の66%から75%に引き上げた", None)] == ["66%", "75%"]  # a change
    assert [c.text for c in candidates_in("約50か国から約2,700人が参加した", None)] == ["約50か国", "約2,700人"]


def test_two_dates_joined_by_to_answer_together():
    question = "ロシアへの制裁の理由になった選挙干渉って何年の選挙?"
    found = short(question, "2016年と2020年の大統領選挙への干渉", SUMMIT)
    assert found is not None and found.text == "2016年と2020年"
    question = "When were the elections Russia was punished for meddling in?"
    found = short(question, "2016年と2020年の大統領選挙", SUMMIT, terms=("選挙", "干渉"))
    assert found is not None and found.display == "2016 and 2020"


BERLIN_TEXT = (AKASHI_PATH.parent / "berlin-wall-fall-1989.ja.txt").read_text(encoding="utf-8")
BERLIN = parse_article(BERLIN_TEXT)


def test_a_total_asked_takes_the_whole_not_the_part_after_uchi():
    # 「約155キロメートル(うち東西ベルリン間は43.1キロメートル)」: "in total" is the whole.
    line = next(line for line in BERLIN_TEXT.splitlines() if line.startswith("壁の全長 |")).removesuffix(" |")
    context = SpanContext(_facts(BERLIN), ENGLISH, ("合計", "全", "壁"), BERLIN.title)
    question = "how long was the wall in total?"
    found = find_short(question, asked=asked_types(question), highlight=line, passage=line, context=context)
    assert (found.text, found.display) == ("約155キロメートル", "about 155 km")


def test_a_term_of_one_kanji_and_the_short_name_of_a_country_support_the_span():
    # "soviet troops": the word list gives ソビエト and 軍; the sentence writes ソ連軍.
    found = short(
        "how many soviet troops were stationed there back then",
        "約38万人のソ連軍",
        BERLIN,
        terms=("ソビエト", "軍"),
    )
    assert (found.text, found.display) == ("約38万人", "about 380,000 people")
    # Without a word of the question in it, the sentence does not vouch for its count.
    assert short("how many tanks were stationed there back then", "約38万人のソ連軍", BERLIN, terms=("戦車",)) is None


def _article(name):
    return parse_article((AKASHI_PATH.parent / name).read_text(encoding="utf-8"))


TWO_PLUS_FOUR = _article("two-plus-four-treaty-1990.ja.txt")


def test_a_range_whose_low_end_is_a_bare_figure_takes_the_high_ends_unit():
    ranged = candidates_in("ゴルバチョフは当初160億から180億ドイツマルクの支払いを求め", None)
    assert [(c.text, c.english) for c in ranged] == [("160億から180億ドイツマルク", "16 to 18 billion Deutsche Marks")]
    question = "2014年の米中共同発表で、アメリカは2025年までに何%減らすって言ったの?"
    found = short(question, "2005年比で26〜28パーセント削減", _article("paris-agreement-cop21-2015.ja.txt"))
    assert found is not None and found.text == "26〜28パーセント"
    # A date is no bare figure, and a change is no range.
    assert [c.text for c in candidates_in("2019年から20%に引き上げた", None)] == ["2019年", "20%"]


def test_two_days_joined_by_and_answer_together():
    question = "シュルツが会談前にモスクワでゴルビーと会ったのっていつだっけ"
    found = short(question, "11月4日と5日、シュルツはモスクワで", _article("geneva-summit-1985.ja.txt"))
    assert found is not None and found.text == "11月4日と5日"
    pair = candidates_in("11月4日と5日にモスクワを訪れた", None, year=1985)
    assert [c.english for c in pair] == ["4 November 1985 and 5 November 1985"]


def test_an_age_answers_how_old_and_nothing_else():
    found = short("ゲンシャーって何歳で亡くなったんだっけ", "89歳で死去し", TWO_PLUS_FOUR)
    assert found is not None and found.text == "89歳"
    found = short("How old was Genscher when he died?", "89歳で死去し", TWO_PLUS_FOUR, terms=("ゲンシャー",))
    assert found is not None and found.display == "89 years old"
    berlin = _article("berlin-wall-fall-1989.ja.txt")
    found = short("フェヒター撃たれた後どんくらい放っとかれたの", "約50分にわたって放置", berlin)
    assert found is not None and found.text == "約50分"  # not the 18歳 of the man left there


def test_a_total_written_after_awasete_answers_how_many_in_total():
    question = "how many ppl total had to be moved out with the soviet forces, incl families and civilian staff"
    found = short(question, "合わせて約54万6,000人", TWO_PLUS_FOUR, terms=("ソビエト", "軍", "家族", "民間"))
    assert found is not None and (found.text, found.display) == ("約54万6,000人", "about 546,000 people")


def test_a_castle_and_a_glossed_hotel_are_places():
    found = short("東ベルリンでの2回目の外相会合の会場どこ", "ニーダーシェーンハウゼン城で開かれた", TWO_PLUS_FOUR)
    assert found is not None and found.text == "ニーダーシェーンハウゼン城"
    question = "which hotel in moscow was the signing at?"
    found = short(question, "ホテル・オクチャブリスカヤ", TWO_PLUS_FOUR, terms=("ホテル",))
    assert found is not None and found.text == "ホテル・オクチャブリスカヤ"  # ホテル is the kind asked, not the name


def test_an_office_with_its_country_or_body_and_a_given_name_between():
    found = short("ファーリンってソ連でどんなポストにいた人？", "国際部長のワレンチン・ファーリン", TWO_PLUS_FOUR)
    assert found is not None and found.text == "ソ連共産党中央委員会国際部長"
    oslo = _article("oslo-accords-1993.ja.txt")
    found = short("ヤン・エーゲランって当時どんな役職の人?", "ノルウェー外務副大臣のヤン", oslo)
    assert found is not None and found.text == "ノルウェー外務副大臣"


def test_the_day_of_an_event_asks_its_date_and_money_in_zloty():
    assert "date" in asked_types("独ポ国境条約の署名日おしえて")
    assert "date" not in asked_types("最終日は何をした？")
    found = short("独ポ国境条約の署名日おしえて", "1990年11月14日、ワルシャワで", TWO_PLUS_FOUR)
    assert found is not None and found.text == "1990年11月14日"
    found = short("ポーランドが2022年に出した戦争被害の見積もりっていくら？", "6兆2,200億ズウォティ", TWO_PLUS_FOUR)
    assert found is not None and found.text == "6兆2,200億ズウォティ"


def test_how_big_asks_an_amount_whatever_body_the_question_names():
    question = "how big was the damages number the greek parliament committee came up with"
    assert "org" not in wanted_types(question, asked_types(question))
    found = short(question, "約2,790億ユーロ", TWO_PLUS_FOUR, terms=("賠償", "議会", "委員会"))
    assert found is not None and (found.text, found.display) == ("約2,790億ユーロ", "about €279 billion")


def test_a_vote_is_answered_by_its_tally_or_by_the_side_asked():
    found = short("US senate vote on ratifying 2+4?", "賛成98票、反対0票", TWO_PLUS_FOUR, terms=("上院", "批准"))
    assert found is not None and (found.text, found.display) == ("賛成98票、反対0票", "98 to 0")
    question = "オーデル・ナイセ線をもう動かさないって両独の議会が決議したとき、西ドイツ側の賛成票っていくつだった？"
    found = short(question, "賛成487票、反対15票", TWO_PLUS_FOUR)
    assert found is not None and found.text == "賛成487票"
    found = short(
        "how many voted against it in the bundestag?", "賛成487票、反対15票", TWO_PLUS_FOUR, terms=("連邦議会",)
    )
    assert found is not None and (found.text, found.display) == ("反対15票", "15 votes against")
    abstained = candidates_in("賛成294票、反対62票、棄権7票で決議しました", None)
    assert "294 to 62, 7 abstaining" in [c.english for c in abstained]
    # A count asked of no vote does not take the tally.
    found = short("何人が参加した？", "賛成487票、反対15票", TWO_PLUS_FOUR)
    assert found is None or "賛成" not in found.text


def test_a_delegation_member_asked_by_their_office_in_other_words():
    # 参謀総長 is the list's 参謀本部長; 「次官だった人って誰」 asks who, not what the person was.
    found = short("ロシア側で軍の参謀総長として同行したのは誰ですか", "ヴァレリー・ゲラシモフ")
    assert found is not None and found.text == "ヴァレリー・ゲラシモフ"
    found = short("米国側の代表団で政治問題担当の次官だった人って誰？", "ビクトリア・ヌーランド政治問題担当次官")
    assert found is not None and found.text == "ビクトリア・ヌーランド"
    question = "報道官として代表団に入ってたのは?"
    assert wanted_types(question, asked_types(question)) == {"person"}


def test_an_english_verb_written_with_one_kanji_supports_the_span():
    # "last" is written 続き; the other terms are not in the sentence (全, 前) or are the frame (会談).
    question = "how long did the whole thing last? the actual talks"
    sentence, passage, section = _where(SUMMIT, "会談は合計3時間半続き")
    context = SpanContext(_facts(SUMMIT), ENGLISH, ("全", "前", "会談"), section, ("会談",))
    found = find_short(question, asked=asked_types(question), highlight=sentence, passage=passage, context=context)
    assert found is not None and (found.text, found.display) == ("3時間半", "3.5 hours")


def test_a_building_asked_is_answered_by_no_city_or_country():
    dayton = _article("dayton-agreement-1995.ja.txt")
    question = "which building in Paris was the formal signing in?"
    found = short(question, "正式な署名の場所をパリとすることは", dayton, terms=("建物", "署名"))
    assert found is None  # the sentence names パリ and フランス, no building
    found = short(question, "パリのエリゼ宮で開かれた式典において", dayton, terms=("建物", "署名"))
    assert found is not None and found.text == "エリゼ宮"


def test_in_a_list_of_figures_the_one_the_asked_name_labels_answers():
    # The thing measured (増加) closes the whole list: it must not single out the last figure.
    sentence = "ノルウェーには1パーセント、オーストラリアには8パーセント、アイスランドには10パーセントの増加とされた"
    asked = [
        ("Australia got to increase emissions right? by how much", ("オーストラリア", "増加", "排出"), "8パーセント"),
        ("アイスランドは何パーセントの増加?", (), "10パーセント"),  # a Japanese question is its own terms
    ]
    for question, terms, expected in asked:
        context = SpanContext({}, {}, terms, "附属書B")
        found = find_short(question, asked=asked_types(question), highlight=sentence, passage=sentence, context=context)
        assert found is not None and found.text == expected, question


def test_a_why_question_gets_no_short_answer():
    question = "なぜジュネーブが開催地に選ばれたのか"
    assert short(question, "歴史的なヴィララグランジで開催されました") is None
