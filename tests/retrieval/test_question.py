import pytest

from config.errors import QuestionError
from retrieval.question import asks_when, clean_question, is_small_talk, language_of, repair_text
from retrieval.translation import LEXICON_FILES, TermExpander


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\u200b\u200b", "\x00\x01"])
def test_empty_questions_are_refused_with_a_message(text):
    with pytest.raises(QuestionError, match="empty"):
        clean_question(text, max_chars=100)


def test_overlong_question_names_the_setting():
    with pytest.raises(QuestionError, match="SUMMIT_RETRIEVAL__MAX_QUESTION_CHARS"):
        clean_question("あ" * 10_000, max_chars=1000)


@pytest.mark.parametrize("text", ["?!?", "……。", "!!! ???"])
def test_punctuation_only_is_refused(text):
    with pytest.raises(QuestionError, match="no words"):
        clean_question(text, max_chars=100)


def test_control_and_zero_width_characters_are_removed():
    assert clean_question("会場は\u200bどこ\x07ですか\n？", max_chars=100) == "会場はどこ ですか ?"


def test_full_width_text_is_the_same_question_as_ascii():
    assert clean_question("ＷＨＯ ＭＥＴ ＰＵＴＩＮ？", max_chars=100) == "WHO MET PUTIN?"
    assert clean_question("ｶﾞﾗﾊﾟｺﾞｽ①", max_chars=100) == "ガラパゴス1"


def test_nfkc_comes_before_the_length_check():
    # "㍿" is one character but four after NFKC: the limit applies to what is answered.
    with pytest.raises(QuestionError, match="5 characters long"):
        clean_question("a㍿", max_chars=4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("who met \udcff\udcfe putin?", "who met \ufffd\ufffd putin?"),  # argv or stdin bytes that are not UTF-8
        ("who met \ud800 putin?", "who met \ufffd putin?"),  # a lone surrogate from a JSON escape
        ("会場は\udce4どこ", "会場は\ufffdどこ"),
        ("plain text", "plain text"),
    ],
)
def test_undecodable_input_is_replaced_not_kept(text, expected):
    assert repair_text(text) == expected
    cleaned = clean_question(text, max_chars=100)
    cleaned.encode("utf-8")  # would raise on a surrogate
    assert cleaned == expected


def test_only_undecodable_bytes_is_no_words():
    with pytest.raises(QuestionError, match="no words"):
        clean_question("\udcff\udcfe", max_chars=100)


@pytest.mark.parametrize("text", ["hello", "Hi!", "ok", "thanks", "こんにちは", "ありがとう！", "Peskov?", "湖"])
def test_greetings_and_one_word_messages_are_small_talk(text):
    assert is_small_talk(text)


@pytest.mark.parametrize(
    "text",
    [
        "Where was the summit held?", "会場はどこ？", "Who attended?", "ラブロフとは？", "Lavrov's role?",
        "Who is Peskov?", "ＷＨＯ ＭＥＴ ＰＵＴＩＮ？", "Who is FSB?", "What is 5*3 for Biden?",
        "Who met Putin (in 2021)?", "Select the delegates from Russia",
    ],
)  # fmt: skip
def test_real_questions_are_not_small_talk(text):
    assert not is_small_talk(clean_question(text, max_chars=100))


@pytest.mark.parametrize(
    "text",
    [
        "%s %d {0}", "{name} {0} %(x)s %-5.2f", "${HOME} $PATH", "SELECT * FROM x; --", "DROP TABLE users; --",
        "SELECT name FROM delegates WHERE side=1", "x = 1; y = 2;", "<script>alert(1)</script>", 'print("hi")',
        "a b", "a b c d", "Who is it?", "ｗｈｏ ｉｓ ｉｔ？",
    ],
)  # fmt: skip
def test_text_with_no_content_word_is_not_a_question(text):
    assert is_small_talk(clean_question(text, max_chars=100))


def test_language_detection():
    assert language_of("会場はどこ") == "ja"
    assert language_of("Where is the venue?") == "en"


def test_expander_uses_phrases_before_words_and_lemmas():
    expander = TermExpander({"press secretary": ("報道官",), "press": ("報道",), "sanction": ("制裁",)})
    assert expander.expand("Who was the press secretary?") == ["報道官"]
    assert expander.expand("Which sanctions were waived?") == ["制裁"]
    assert expander.expand("会場") == []


def test_a_verb_the_word_list_lacks_is_found_as_its_noun():
    # The corpus writes 発表した and 合意した: the verbs' own glosses (告げる) are not in it, their nouns' are.
    expander = TermExpander({"announcement": ("発表",), "agreement": ("合意",), "negotiation": ("交渉",)})
    assert expander.expand("When was it announced?") == ["発表"]
    assert expander.expand("What did they agree on?") == ["合意"]
    assert expander.expand("Who negotiates?") == ["交渉"]
    assert TermExpander({"announce": ("告げる",), "announcement": ("発表",)}).expand("announce") == ["告げる"]


def test_a_peoples_adjective_is_its_country_before_its_language():
    # JMdict glosses "German" as the language; an article about the country writes ドイツ, and "Polish" is Poland's.
    lexicon = {"german": ("ドイツ語",), "germany": ("ドイツ",), "poland": ("ポーランド",), "troops": ("軍",)}
    expander = TermExpander(lexicon)
    assert expander.expand("how many german troops") == ["ドイツ", "ドイツ語", "軍"]
    assert expander.expand("the polish border") == ["ポーランド"]


def test_expander_transliterates_unknown_capitalised_names_only():
    expander = TermExpander({}, transliterate=lambda w: f"<{w}>")
    assert expander.expand("Who is Stergos Kaloudis?") == ["<stergos>", "<kaloudis>"]
    assert expander.expand("Who is here?") == []


def test_a_hyphenated_pair_of_names_is_two_names_when_the_corpus_knows_each():
    from retrieval.translation import sound_key

    spell = {"biden": "バイデン", "putin": "プーチン", "shin": "シン", "osaka": "オサカ"}
    names = {sound_key(w): w for w in ["バイデン", "プーチン", "バイデンプーチン"]}
    expander = TermExpander(
        {}, transliterate=lambda w: "".join(spell.get(p.lower(), "ズズ") for p in w.split("-")), names=names
    )
    # Not the one sentence writing バイデンプーチン首脳会談: the talks of Biden and Putin.
    assert expander.expansion("How long did the Biden-Putin talks go on?").names == ["バイデン", "プーチン"]
    assert expander.expansion("Where is Shin-Osaka?").names == ["シンオサカ"]


def test_the_shipped_lists_cut_to_an_article_map_its_words():
    from retrieval.translation import LEXICON_FILES, read_lexicon, restrict_lexicon
    from tests.conftest import ARTICLE_PATH

    lexicon = restrict_lexicon(read_lexicon(*LEXICON_FILES), ARTICLE_PATH.read_text(encoding="utf-8"))
    terms = TermExpander(lexicon).expand("Which lake does the summit venue overlook?")
    assert "湖" in terms
    assert "会場" in terms
    assert {"首脳会談", "サミット"} & set(terms)


def test_question_words_take_the_sense_an_article_about_events_uses():
    from retrieval.translation import LEXICON_FILES, read_lexicon, restrict_lexicon
    from tests.conftest import ARTICLE_PATH

    expander = TermExpander(restrict_lexicon(read_lexicon(*LEXICON_FILES), ARTICLE_PATH.read_text(encoding="utf-8")))
    assert "開催" in expander.expand("When was the summit held?")  # not 持つ, to hold in one's hand
    assert "問題" in expander.expand("On what issues was there no progress?")  # not 発行, an issue of a paper
    assert "代表団" in expander.expand("Who was on Putin's team?")  # not 組 or 軍
    assert expander.expand("what did they get? let me know") == []  # 受ける, レット: no sense a passage shares
    light = TermExpander({"like": ("同様",), "took": ("持っていく",), "take off": ("離陸",)})
    assert light.expand("what took so long, like?") == []  # light verbs and particles name nothing
    assert light.expand("when did it take off?") == ["離陸"]  # the phrase they start still counts
    # Cut to another text's words: JMdict's "won" is the currency ウォン, its "according" 合意 (accord).
    text = "警察によると、賞金10億ウォンの大会で韓国が優勝した。合意は成立しなかった。"
    expander = TermExpander(restrict_lexicon(read_lexicon(*LEXICON_FILES), text))
    assert expander.expand("Which team won?") == ["優勝"]
    assert expander.expand("according to the police?") == ["によると", "警察"]


def test_a_month_typed_short_is_the_month():
    from retrieval.translation import LEXICON_FILES, read_lexicon, restrict_lexicon

    text = "2013年9月27日、両首脳は電話で会談した。2月11日には昼食会が開かれた。"
    expander = TermExpander(restrict_lexicon(read_lexicon(*LEXICON_FILES), text))
    assert "9月" in expander.expand("what time was the phone call in sept 2013")
    assert expander.expand("lunch on feb 11") == expander.expand("lunch on february 11")


def test_full_width_dictionary_forms_match_the_articles_half_width_text(tmp_path):
    from retrieval.translation import read_lexicon, restrict_lexicon
    from tests.conftest import ARTICLE_PATH

    words = tmp_path / "words.tsv"
    words.write_text("march\tマーチ|三月|３月\neu\tＥＵ|欧州連合|ＥＵ\n", encoding="utf-8")
    assert read_lexicon(words) == {"march": ("マーチ", "三月", "3月"), "eu": ("EU", "欧州連合")}
    # The shipped lists: "March 2011" finds the article's 2011年3月, not a transliteration (マーチ).
    lexicon = restrict_lexicon(read_lexicon(*LEXICON_FILES), ARTICLE_PATH.read_text(encoding="utf-8"))
    assert TermExpander(lexicon).expand("What happened in March 2011?") == ["3月"]
    assert TermExpander(lexicon).expand("Did the UK come up?") == ["英国"]


def test_restricting_keeps_only_forms_in_the_text_most_used_first():
    from retrieval.translation import restrict_lexicon

    lexicon = {"bridge": ("ブリッジ", "架橋", "橋"), "moon": ("月",), "sun": ("太陽",)}
    text = "橋を渡る。橋の上。ブリッジ。"
    assert restrict_lexicon(lexicon, text) == {"bridge": ("橋", "ブリッジ")}


def test_a_noun_of_the_question_takes_no_japanese_verb():
    # "the boiling point" is a noun: 向ける ("to point") would tie a question off the article to any passage.
    lexicon = {"point": ("向ける",), "visit": ("訪れる", "訪問"), "boiling": ()}
    expander = TermExpander(lexicon)
    assert expander.expand("What is the boiling point of mercury?") == []
    assert expander.expand("Where did they point the cameras?") == ["向ける"]
    assert expander.expand("Why was their visit cut short?") == ["訪問"]
    assert expander.expand("When did they visit Geneva?") == ["訪れる", "訪問"]


def test_a_verb_the_text_only_conjugates_keeps_its_dictionary_form():
    from retrieval.coverage import word_forms
    from retrieval.translation import restrict_lexicon

    lexicon = {"find": ("見つける",), "die": ("亡くなる", "死ぬ"), "moon": ("月",)}
    text = "少年たちは9日後に見つけられた。コーチは亡くなった。"
    assert restrict_lexicon(lexicon, text) == {}  # JMdict's dictionary forms are not in the text as written
    words = word_forms(text)[1]
    assert {"見つける", "亡くなる"} <= words
    assert restrict_lexicon(lexicon, text, words) == {"find": ("見つける",), "die": ("亡くなる",)}


def test_a_form_much_rarer_than_the_first_is_another_sense_and_dropped():
    from retrieval.translation import restrict_lexicon

    lexicon = {"bridge": ("ブリッジ", "橋")}
    text = "橋。" * 5 + "ブリッジワールド。"
    assert restrict_lexicon(lexicon, text) == {"bridge": ("橋",)}  # 1 of 5: under a quarter


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("When was the summit held?", True),
        ("What year did Reagan meet Gorbachev?", True),
        ("首脳会談はいつ開催されましたか", True),
        ("会談は何月でしたか", True),
        ("Who was in the Russian delegation?", False),
        ("会場はどこ？", False),
    ],
)
def test_asks_when(text, expected):
    assert asks_when(text) is expected


def test_a_transliterated_name_takes_the_articles_spelling_when_one_clearly_sounds_like_it():
    from retrieval.translation import katakana_words, nearest_word

    words = katakana_words(
        ["ジェイク・サリバン補佐官とセルゲイ・ラブロフ外相", "ドミトロ・フィルタッシュ、ジョージ・ブッシュ"]
    )
    assert nearest_word("スリバン", words) == "サリバン"  # one letter apart
    assert nearest_word("ラブロブ", words) == "ラブロフ"  # ブ and フ sound alike unvoiced
    assert nearest_word("ファータッシュ", words) == ""  # closest is フィルタッシュ, but not close enough
    assert nearest_word("トランプ", words) == ""  # nobody in the text sounds like it
    assert nearest_word("ブシュ", katakana_words(["フィルタッシュ"])) == ""  # shares sounds, not a length


def test_two_equally_close_words_are_no_guess():
    from retrieval.translation import katakana_words, nearest_word

    assert nearest_word("アンナカ", katakana_words(["アンナマ", "アンナヤ"])) == ""
    assert nearest_word("アンナカ", katakana_words(["アンナマ", "ズズ"])) == "アンナマ"


def test_the_expander_uses_the_articles_spelling_of_a_name():
    from retrieval.translation import katakana_words

    names = katakana_words(["ラブロフ外相"])
    expander = TermExpander({}, transliterate=lambda w: {"lavrov": "ラブロブ"}.get(w, "ズズズ"), names=names)
    assert expander.expand("What did Lavrov say?") == ["ラブロフ"]


def test_a_possessive_is_the_name_even_first_in_the_question():
    expander = TermExpander({}, transliterate=lambda w: f"<{w}>")
    assert expander.expansion("Biden's line was aimed at whom?").names == ["<biden>"]
    assert expander.expand("Describe the venue") == []  # a first capital alone is no name


def test_a_lower_case_name_counts_when_it_sounds_exactly_like_a_word_of_the_article():
    from retrieval.translation import katakana_words

    names = katakana_words(["ラブロフ外相とブッシュ大統領"])
    spellings = {"lavrov": "ラブロブ", "pushed": "プッシュド"}
    expander = TermExpander({}, transliterate=lambda w: spellings.get(w, "ズズズ"), names=names)
    assert expander.expansion("what did lavrov say?")[:2] == (["ラブロフ"], ["ラブロフ"])
    assert expander.expansion("what did lavrov say?").unmatched == ("say",)  # no term for it: not a stopword
    assert expander.expand("who pushed for the bridge?") == []  # near ブッシュ, not the same sound


def test_a_lower_case_name_that_is_also_an_english_word_counts_by_its_exact_sound():
    from retrieval.translation import katakana_words

    names = katakana_words(["カーター大統領とジョー・バイデン"])
    spellings = {"carter": "カーター", "show": "ショー"}
    expander = TermExpander({}, transliterate=lambda w: spellings.get(w, "ズズズ"), names=names)
    assert expander.expansion("what did carter say?")[:2] == (["カーター"], ["カーター"])  # a carter carts
    assert expander.expand("when did they show up?") == []  # too short a word to be taken for ジョー


def test_a_capitalised_word_that_sounds_like_a_name_is_the_name_before_a_verb_or_one_kanji():
    from retrieval.translation import katakana_words

    names = katakana_words(["ベギン首相とカーター大統領は広島(ヒロシマ)で会った"])
    spellings = {"begin": "ベギン", "hiroshima": "ヒロシマ"}
    lexicon = {"begin": ("始まる",), "hiroshima": ("広島",), "start": ("始まる",)}
    expander = TermExpander(lexicon, transliterate=lambda w: spellings.get(w, "ズズズ"), names=names)
    assert expander.expansion("Why did Begin object?")[:2] == (["ベギン"], ["ベギン"])
    assert expander.expand("when did the talks begin?") == ["始まる"]  # a verb in lower case stays one
    assert expander.expand("Who met in Hiroshima?") == ["広島"]  # a name the dictionary writes stays as written


def test_a_peoples_adjective_finds_its_country():
    expander = TermExpander({"ukraine": ("ウクライナ",), "japan": ("日本",), "president": ("大統領",)})
    assert expander.expand("Which Ukrainian president?") == ["ウクライナ", "大統領"]
    assert expander.expand("the Japanese side") == ["日本"]


def test_one_kanji_gives_way_to_a_longer_form_of_the_same_word():
    expander = TermExpander({"place": ("位", "場所"), "bridge": ("橋",)})
    assert expander.expand("the place") == ["場所"]  # 位 is the 位 of 地位, another sense
    assert expander.expand("the bridge") == ["橋"]  # the only form stays


def test_names_typed_in_lower_case_are_capitalised_for_follow_ups():
    from retrieval.translation import katakana_words

    names = katakana_words(["プーチン大統領とバイデン大統領"])
    spellings = {"putin": "プチン", "biden": "バイデン", "about": "アバウト"}
    expander = TermExpander({"summit": ("首脳会談",)}, transliterate=lambda w: spellings.get(w, "ズズズ"), names=names)
    assert expander.capitalise_names("what about putin and the summit?") == "what about Putin and the summit?"
    assert expander.capitalise_names("biden said") == "Biden said"


def test_a_long_vowel_written_with_u_sounds_like_the_long_vowel_mark():
    from retrieval.translation import katakana_words, nearest_word, sound_key

    assert sound_key("リュウグウ") == sound_key("リューグ")
    assert nearest_word("リューグ", katakana_words(["探査機はリュウグウに到着した"])) == "リュウグウ"


def test_quoted_hiragana_names_are_found_by_their_katakana_sound():
    from retrieval.translation import nearest_word, quoted_hiragana_names

    names = quoted_hiragana_names(["「のぞみ」は1992年3月14日に登場した。", "超特急「ひかり」が結んだ。", "ように"])
    assert nearest_word("ノゾミ", names) == "のぞみ"  # Nozomi, as a transliterator spells it
    assert nearest_word("ヒカリ", names) == "ひかり"
    assert len(names) == 2  # unquoted hiragana is no name


def test_romanised_names_without_long_vowels_sound_like_the_articles_kana():
    from retrieval.translation import name_transliterator, sound_key

    assert sound_key("シンオオサカ") == sound_key("シンオサカ")  # Shin-Osaka: the long o of 大阪 is not written
    assert sound_key("トウカイドウ") == sound_key("トカイド")  # Tokaido
    assert sound_key("オオサカ") != sound_key("オサカナ")
    transliterate = name_transliterator()
    if transliterate is None:
        pytest.skip("e2k is not installed")
    # Each part of a hyphenated name alone: e2k reads "shinosaka" as シノサカ.
    assert sound_key(transliterate("Shin-Osaka")) == sound_key("シンオオサカ")


def test_a_compound_written_closed_is_looked_up_open():
    """JMdict lists "land mine" and "air base"; a question types landmines, airbase."""
    expander = TermExpander({"land mine": ("地雷",), "air base": ("空軍基地",), "under": ("下",)})
    assert expander.expand("how many landmines were left?") == ["地雷"]
    assert expander.expand("which airbase?") == ["空軍基地"]
    assert expander.expand("did they understand it?") == []  # no "under stand" in the list: no guess


def test_a_possessive_typed_without_its_apostrophe_is_still_the_name():
    from retrieval.translation import katakana_words

    names = katakana_words(["国務長官、アントニー・ブリンケン"])
    spellings = {"blinken": "ブリンケン", "blinkens": "ブリンケンズ"}
    expander = TermExpander({}, transliterate=lambda w: spellings.get(w, "ズズズ"), names=names)
    assert expander.expansion("what was blinkens role?")[:2] == (["ブリンケン"], ["ブリンケン"])
    assert expander.expand("what was blinken's role?") == ["ブリンケン"]


def test_a_chinese_name_in_kanji_is_found_by_its_pinyin():
    from retrieval.pinyin import kanji_names, pinyin_keys

    names = kanji_names(["ニクソンは毛沢東と会談し、周恩来とは6回会談した。", "江青と蔣介石"])
    assert names == ["毛沢東", "周恩来", "江青", "蔣介石"]
    keys = pinyin_keys(names)
    assert keys["maozedong"] == keys["mao"] == keys["zedong"] == "毛沢東"  # 沢, a Japanese form, read ze
    assert keys["zhouenlai"] == keys["zhou"] == keys["enlai"] == "周恩来"
    assert "jiang" not in keys  # two names share the surname: it names neither
    assert keys["jiangqing"] == "江青"
    assert "qing" in keys and "jie" not in keys  # a given name alone counts from three letters
    expander = TermExpander({"meeting": ("会談",)}, transliterate=lambda w: "ズズズ", pinyin=keys)
    assert expander.expansion("When did Nixon meet Zhou Enlai?").names == ["ズズズ", "周恩来"]
    assert expander.expand("the mao meeting, how long?") == ["毛沢東", "会談"]


def test_pinyin_names_are_worked_out_on_the_first_lookup_only(monkeypatch):
    import retrieval.pinyin as pinyin

    calls = []
    real = pinyin.kanji_names
    monkeypatch.setattr(pinyin, "kanji_names", lambda texts: calls.append(1) or real(texts))
    names = pinyin.PinyinNames(["ニクソンは周恩来と会談した。"])
    assert calls == []  # a Japanese question never pays for reading the names
    assert names.get("zhou") == "周恩来"
    assert "enlai" in names
    assert calls == [1]


def test_a_british_spelling_finds_the_american_one_the_word_list_glosses():
    expander = TermExpander({"labor": ("労働",), "center": ("中心",), "defense": ("防衛",)})
    assert expander.expand("what did labour do at the centre for defence?") == ["労働", "中心", "防衛"]
    assert expander.expand("what did labor do?") == ["労働"]


def test_a_typing_slip_finds_the_word_it_misses_and_a_real_word_is_left_alone():
    expander = TermExpander(
        {"interpret": ("通訳",), "conference": ("会議",), "government": ("政府",), "winner": ("勝者",), "side": ("側",)}
    )
    assert expander.expand("who interpretted for the soviet side?") == ["通訳", "側"]  # one letter more
    assert expander.expand("when did the conferance start") == ["会議"]  # one letter off
    assert expander.expand("what did the goverment say") == ["政府"]  # one letter missing
    assert expander.expand("what was for dinner") == []  # a real word is no slip of "winner"
    assert expander.expansion("what was for dinner").unmatched == ("dinner",)


def test_treaty_words_take_the_sense_a_treaty_article_uses():
    from retrieval.translation import LEXICON_FILES, read_lexicon, restrict_lexicon
    from tests.conftest import AKASHI_PATH

    article = (AKASHI_PATH.parent / "two-plus-four-treaty-1990.ja.txt").read_text(encoding="utf-8")
    expander = TermExpander(restrict_lexicon(read_lexicon(*LEXICON_FILES), article))
    assert "署名" in expander.expand("who signed for the GDR in moscow?")  # not 標識, a road sign
    terms = expander.expand("whats the cap on german troop numbers under the treaty")
    assert "上限" in terms and "軍" in terms and "一行" not in terms  # not 一行, a touring party


def test_a_verb_used_as_a_noun_takes_the_noun_and_a_past_tense_after_that_stays_a_verb():
    lexicon = {"invite": ("招く",), "invitation": ("招請",), "decline": ("拒む",), "country": ("国",)}
    expander = TermExpander(lexicon)
    assert expander.expand("who got an invite?") == ["招請"]  # 招く names no thing
    assert expander.expand("was any country invited?") == ["国", "招く"]
    assert expander.expand("the countries that declined") == ["国", "拒む"]
    assert TermExpander({"organize": ("組む",), "organization": ("機構",)}).expand("an organised group") == []


def test_letters_glued_to_a_number_are_a_code_not_a_word():
    expander = TermExpander({"cop": ("警察",), "hold": ("開催",), "before": ("前",)})
    assert expander.expand("where was cop3 held?") == ["開催"]  # COP3, not a police officer
    assert expander.expansion("where was cop3 held?").unmatched == ()
    assert expander.expand("what did the cop say") == ["警察"]
