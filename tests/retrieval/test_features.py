import pytest

from retrieval.features import answer_types_of, asked_types, english_quantities, question_specifics, specifics_of
from retrieval.lexical import fold, tokenize


@pytest.mark.parametrize(
    ("variant", "other"),
    [
        ("プーチン", "プチン"),
        ("ジョー・バイデン", "ジョーバイデン"),
        ("ジョー バイデン", "ジョーバイデン"),
        ("アナトリ―アントノフ", "アナトリーアントノフ"),
        ("フィルターシュ", "フィルタッシュ"),
        ("ヴィララグランジ", "ビララグランジ"),
        ("ＷＨＯ ＭＥＴ", "who met"),
    ],
)
def test_fold_unifies_spelling_variants(variant, other):
    assert fold(variant) == fold(other)
    assert tokenize(variant) == tokenize(other)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("会談は合計3時間半続き[35] 、予定よりも短い時間でした。", {"3.5時間"}),
        ("サミットの2日前にブリュッセルで", {"2日"}),
        ("25か国の協定に繰り返し違反している", {"25", "25か国"}),
        ("新しいSTART核不拡散条約を5年間延長する", {"5年"}),
        ("全長、3911メートル[3]", {"3911", "3911メートル"}),
    ],
)
def test_quantities_keep_their_counters(sentence, expected):
    assert expected <= specifics_of(sentence)


def test_footnote_markers_are_not_quantities():
    assert not any(item.startswith("35") for item in specifics_of("会談は続いた。[35]"))


def test_names_are_folded_and_question_words_are_not_names():
    assert "ラブロフ" in specifics_of("ロシア外務大臣、セルゲイ・ラブロフ[34]") or any(
        "ラブロフ" in s for s in specifics_of("ロシア外務大臣、セルゲイ・ラブロフ[34]")
    )
    assert question_specifics("Who is Peskov?", []) == {"peskov"}
    assert "ペスコフ" in question_specifics("Who is Peskov?", ["ペスコフ"])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("two days before the summit", {"2日"}),
        ("How long did it last, 3.5 hours?", {"3.5時間"}),
        ("three and a half hours", {"3.5時間"}),
        ("an agreement of 25 countries", {"25", "25か国"}),
        ("the central span of 1,991 m", {"1991", "1991メートル"}),
    ],
)
def test_english_quantities_use_the_article_counters(question, expected):
    assert english_quantities(question) == expected


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("When was the summit held?", {"date"}),
        ("会談はいつ開かれた？", {"date"}),
        ("How long did the meeting last?", {"duration"}),
        ("会談は何時間続いた？", {"duration"}),
        ("優勝パレードは何日つづいた?", {"duration"}),  # how many days, not which day
        ("決勝は何日に行われた?", {"date"}),
        ("副大統領を何日やってたの", {"duration"}),  # a verb after 何日: how many days
        ("会談は何日から始まった？", {"date"}),
        ("What was the date of the summit?", {"date"}),
        ("How long is the central span?", {"duration", "quantity"}),  # a length, or a time taken: as the thing is
        ("事故直前にやってたテレビ放送ってどのくらいの長さ?", {"duration", "quantity"}),
        ("大気圏突入中、地上と交信できなかった時間はどれほどでしたか。", {"duration"}),
        ("How many countries signed it?", {"quantity"}),
        ("How big was the loan?", {"quantity"}),
        ("What top speed did the test train reach?", {"quantity"}),
        ("試験車の最高速度は？", {"quantity"}),
        ("Where was the summit held?", {"place"}),
        ("会場はどこ？", {"place"}),
        ("Who is Peskov?", {"person"}),
        ("誰が出席した？", {"person"}),
        ("Why did Biden skip the joint press conference?", {"reason"}),
        ("What time did the talks start?", {"time"}),
        ("What did Biden tell Putin about his soul?", {"words"}),
        ("魂がないと言われたプーチンはどう返した？", {"reply"}),  # the words said back
        ("How did Putin respond to Biden saying he had no soul?", {"reply"}),
        ("最後の作業員が地上に出てきたのは何時ごろ?", {"time"}),  # 何時, not 何時間
        ("サンホセ鉱山ってコピアポの町からどのくらい離れてるんですか?", {"quantity"}),  # a distance
        # "who" after the person asked about is no question word; at the start, after "and" or a stop it is.
        ("what was the ex navy seal who died working as before he volunteered?", set()),
        ("Where was Biden, and who was he talking to?", {"place", "person"}),
        ("Modi unveiled a bust in Hiroshima. Who did it depict?", {"person"}),
        ("To whom did Biden give the sunglasses?", {"person"}),
        # "when" after another question word joins a clause; first, after "and" or a stop it asks a date.
        ("how many soviet troops were in east germany when the wall opened", {"quantity"}),
        ("who was president when the wall fell", {"person"}),
        ("Biden and Putin met when?", {"date"}),
        ("Where did they meet, and when?", {"place", "date"}),
        ("Where was Biden? When did he leave?", {"place", "date"}),
        # 何年くらい before what was done asks how many years; before に / の or alone, which year.
        ("ホーネッカーって何年くらい党のトップにいたの", {"duration"}),
        ("何年ぐらいかかった？", {"duration"}),
        ("何年くらいに建てられた？", {"date"}),
        ("それって何年くらいの話？", {"date"}),
    ],
)
def test_questions_ask_for_a_kind_of_answer(question, kinds):
    assert asked_types(question) == kinds


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("1985年、米国のロナルド・レーガン大統領と", "date"),
        ("会談は合計3時間半続き", "duration"),
        ("25か国の協定に繰り返し違反している", "quantity"),
        ("サミットは、ジュネーブ湖を見下ろす18世紀の建物である歴史的なヴィララグランジで開催されました。", "place"),
        ("ロシア外務大臣、セルゲイ・ラブロフ[34]", "person"),
        ("現場監督のウルスアは、10月13日の午後9時55分に地上に到着した。", "time"),
        ("第1回会談は午前10時40分ごろに始まった。", "time"),
        ("サミットの2日前、バイデンはブリュッセルでNATOの同盟国と会った。", "duration"),  # how long before
        ("米露の単独首脳会談としては8年ぶりだった。", "duration"),
    ],
)
def test_sentences_hold_kinds_of_answer(sentence, kind):
    assert kind in answer_types_of(sentence)


def test_a_sentence_without_a_date_is_not_dated():
    assert "date" not in answer_types_of("プーチンは「私たちはお互いを理解している」と答えた。")


def test_a_length_of_time_is_no_time_of_day():
    assert "time" not in answer_types_of("会談は約2時間10分に及んだ。")


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("メッセージは約11分の長さで、天皇は高齢による体力の低下に触れた。", "duration"),  # minutes taken
        ("28年にわたってベルリンを分断してきた壁が開かれた。", "duration"),  # years lasted
        ("記者会見は午後7時01分に終了した。", "time"),  # a clock's minutes
    ],
)
def test_minutes_taken_and_years_lasted_are_lengths_of_time(sentence, kind):
    assert kind in answer_types_of(sentence)
    assert "duration" not in answer_types_of("記者会見は午後7時01分に終了し、1989年にわたる改革が続いた。")


def test_a_katakana_name_with_a_long_vowel_holds_a_person():
    # エドガー・コートライト: ー ends the first name; a name before a dot was missed when it did.
    sentence = "NASAは4月17日、ラングレー研究センター所長のエドガー・コートライト(Edgar Cortright)を委員長とする"
    assert "person" in answer_types_of(sentence)


def test_a_sentence_quoting_or_reporting_words_holds_words():
    assert "words" in answer_types_of("バイデンは続けた、「私はあなたが魂を持っているとは思わない」。")
    assert "words" in answer_types_of("リャブコフは、この決定を正常化に向けたチャンスと呼んだ。")
    assert "words" not in answer_types_of("サミットの前に、バイデンとプーチンは、2011年3月にモスクワで会った。")


def test_a_sentence_giving_words_said_back_holds_a_reply():
    assert "reply" in answer_types_of("プーチンは「私たちはお互いを理解している」と答えた。[4]")
    assert "reply" not in answer_types_of("バイデンは続けた、「私はあなたが魂を持っているとは思わない」。")


def test_an_amount_in_any_currency_the_answers_know_holds_a_quantity():
    # The sentence side and the short answers read one list of currencies (english.CURRENCIES).
    assert "quantity" in answer_types_of("アイスランド政府は会談の準備に約6,000万クローナを支出した。")
    assert "quantity" in answer_types_of("請求額は31万2,421ドル24セントであった。")


@pytest.mark.parametrize(
    ("text", "ordinals"),
    [
        ("最初のセッションは、ブリンケンとラブロフも参加した小さな会議でした。", {"1番目"}),
        ("2番目のセッションにはさらに多くの補佐官が含まれていました。[37]", {"2番目"}),
        ("二回目の会談は翌年に開かれた。", {"2番目"}),
        ("京都議定書の第11回締約国会合でした。", {"11番目"}),
        ("2021年6月16日に開かれた。", set()),
        ("当初の予定では決勝は国立競技場で行われる予定だった。", set()),  # 当初の: at first, not the first
        ("日本初のワールドカップだった。", {"1番目"}),
    ],
)
def test_ordinals_of_a_sentence_are_one_shape(text, ordinals):
    from retrieval.features import ordinals_in

    assert ordinals_in(text) == ordinals


def test_an_english_ordinal_is_a_specific_only_after_a_determiner():
    # "the first session" picks one of a series; "when they first met" does not.
    assert "1番目" in question_specifics("Who sat in on the first, smaller session?", [])
    assert "2番目" in question_specifics("What happened in their second meeting?", [])
    assert "1番目" not in question_specifics("When did Biden and Putin first meet?", [])
    # The sentence naming the first session and the one naming the second differ by it.
    assert "1番目" in specifics_of("最初のセッションは、ブリンケンとラブロフも参加した小さな会議でした。")
    assert "1番目" not in specifics_of("2番目のセッションにはさらに多くの補佐官が含まれていました。[37]")


def test_a_why_question_asks_for_the_sentence_giving_the_cause():
    for question in ["why did the second conference get postponed?", "how come it was delayed", "なぜ延期されたの",
                     "what caused the blackout?", "延期の理由は?"]:  # fmt: skip
        assert "reason" in asked_types(question), question
    assert "reason" not in asked_types("when was it postponed?")
    assert "reason" in asked_types("結局何が根本的な原因だって言ってるの?")
    assert asked_types("決議の規定っていつまで有効なんですか") == {"date"}  # なんで of なんですか asks no cause
    assert "reason" not in asked_types("制裁の理由になった選挙って何年?")
    assert "reason" in answer_types_of("大統領がクーデターで失脚したため、会議は延期された。")
    assert "reason" in answer_types_of("雨が降ったので中止された。")
    assert "reason" not in answer_types_of("会議は6月29日から開かれる予定であった。")
    assert "reason" not in answer_types_of("そのため、会議は延期された。")  # the cause is in the sentence before


def test_an_amount_in_a_named_countrys_dollars_is_a_quantity():
    assert "quantity" in answer_types_of("総額1,270億香港ドルのインフラ整備計画を発表した。")
    assert "quantity" in answer_types_of("約3億豪ドルが投じられた。")
    assert "quantity" not in answer_types_of("香港ドルは米ドルに連動した。")
