"""The coverage check's word analysis is safe on the bot's worker threads."""

from concurrent.futures import ThreadPoolExecutor

from retrieval.coverage import word_forms

TEXT = "2021年6月16日、ジュネーブのラ・グランジュ邸で米国とロシアの首脳会談が開かれた。" * 20


def test_words_are_analysed_from_many_threads_at_once():
    alone = word_forms(TEXT)
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(word_forms, [TEXT] * 64))
    assert all(words == alone for words in together)
    assert "首脳" in alone[0] or "首脳会談" in alone[0]


def test_a_word_the_corpus_never_uses_is_found_but_not_the_kind_of_answer_asked():
    from retrieval.coverage import uncovered_words
    from retrieval.lexical import fold

    vocabulary = word_forms(TEXT)[0]
    folded = fold(TEXT)
    assert uncovered_words("首脳会談の日の天気は？", vocabulary=vocabulary, folded_text=folded) == ["天気"]
    # 日付 and 名前 name what is asked; the article gives a date without writing 日付.
    assert uncovered_words("首脳会談の日付は？", vocabulary=vocabulary, folded_text=folded) == []
    assert uncovered_words("会談した邸の名前は？", vocabulary=vocabulary, folded_text=folded) == []
    # 肩書き and 役職 ask for a role, which an article writes as the role itself; 教えて only asks.
    assert uncovered_words("ロシアの首脳の肩書きを教えて", vocabulary=vocabulary, folded_text=folded) == []
    assert uncovered_words("米国の首脳の役職は？", vocabulary=vocabulary, folded_text=folded) == []
    # ポスト too; and verbs are never counted: 稼いだ, 暑かった say in other words what an article may say.
    assert uncovered_words("米国の首脳はどのポストについていた？", vocabulary=vocabulary, folded_text=folded) == []
    # 連中 and グループ ask which people, as 団体 does.
    assert uncovered_words("首脳会談に来たのはどこの連中?", vocabulary=vocabulary, folded_text=folded) == []
    assert uncovered_words("首脳会談で何点稼いだの?", vocabulary=vocabulary, folded_text=folded) == []
    assert uncovered_words("首脳会談の日はどのくらい暑かったの?", vocabulary=vocabulary, folded_text=folded) == []
    # A verbal noun used as a verb is an action (改訂された where an article says 見直された); as a noun it counts.
    assert uncovered_words("首脳会談はどのくらい改訂されたの?", vocabulary=vocabulary, folded_text=folded) == []
    assert uncovered_words("首脳会談の改訂はいつ?", vocabulary=vocabulary, folded_text=folded) == ["改訂"]
    lunch = "首脳会談の日の昼食のメニューは？"
    assert uncovered_words(lunch, vocabulary=vocabulary, folded_text=folded) == ["昼食", "メニュー"]


def test_personal_names_are_a_surname_then_a_given_name_in_kanji():
    from retrieval.coverage import personal_names

    sentence = "プロジェクトマネージャは当初國中均が務めたが、2015年4月に津田雄一が後を継いだ。"
    assert [sentence[a:b] for a, b in personal_names(sentence)] == ["國中均", "津田雄一"]
    assert personal_names("神戸市長を務めた原口忠次郎が架橋を提唱した。") == [(8, 13)]
    assert personal_names("ジュネーブ湖を見下ろす18世紀の建物") == []  # places and katakana are not


def test_kanji_names_are_found_by_their_reading():
    from retrieval.coverage import name_readings

    readings = name_readings(["2003年10月1日に品川駅が開業した。", "種子島宇宙センターから打ち上げられた。"])
    assert readings["シナガワ"] == "品川"
    assert readings["タネガシマ"] == "種子島"
    assert "カイギョウ" not in readings  # 開業 is no name


def test_title_words_are_read_even_when_the_analyser_calls_them_common_nouns():
    from retrieval.coverage import name_readings

    assert "カンモン" not in name_readings(["関門トンネル・関門橋"])  # 関門 is a common noun ("checkpoint")
    readings = name_readings(["関門トンネル・関門橋"], proper_only=False)
    assert readings["カンモン"] == "関門"
    assert "キョウ" not in readings  # 橋 as a suffix is no noun of its own


def test_a_word_is_used_when_the_corpus_says_it_in_a_synonym_of_sudachidict():
    from retrieval.coverage import synonym_used, uncovered_words
    from retrieval.lexical import fold

    text = "ケネディには主治医の医師が鎮痛剤を注射した。閣議には大臣が同席し、経費は政府が負担した。"
    vocabulary = word_forms(text)[0]
    # 医者 / 医師, 閣僚 / 大臣 and 費用 / 経費 share a synonym group; 天気 has none in the text.
    assert uncovered_words("注射した医者の名前は？", vocabulary=vocabulary, folded_text=fold(text)) == []
    assert uncovered_words("同席した閣僚と費用は？", vocabulary=vocabulary, folded_text=fold(text)) == []
    assert uncovered_words("注射した日の天気は？", vocabulary=vocabulary, folded_text=fold(text)) == ["天気"]
    assert synonym_used("医者", vocabulary) and not synonym_used("天気", vocabulary)
    # Without the text's words no synonym vouches for them.
    assert not synonym_used("医者", word_forms("首脳会談が開かれた。")[0])


def test_a_question_and_a_sentence_share_a_word_said_in_a_synonym():
    from retrieval.coverage import shares_synonym

    sentence = "ベルリンの壁で死亡した人は少なくとも140人にのぼる。"
    assert shares_synonym("壁で死んだ人の数ってどのくらい？", sentence)  # 死ぬ and 死亡 are one group
    # 人 is one letter, too common to tell anything; the frame's words (壁) are left out.
    assert not shares_synonym("壁を越えた人の数は？", sentence, ignore=["壁"])
