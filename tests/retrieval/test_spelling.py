import pytest

from retrieval.spelling import LetterIndex, agreement, hepburn_katakana, is_hepburn, romaji, skeleton
from retrieval.translation import LEXICON_FILES, TermExpander, katakana_words, read_lexicon, restrict_lexicon
from tests.conftest import ARTICLE_PATH


@pytest.mark.parametrize(
    ("english", "katakana"),
    [("Gorbachev", "ゴルバチョフ"), ("Ryabkov", "リャブコフ"), ("Lavrov", "ラブロフ"),
     ("Lavrentiev", "ラヴレンティエフ"), ("Gerasimov", "ゲラシモフ"), ("Nuland", "ヌーランド"),
     ("Firtash", "フィルターシュ"), ("Trump", "トランプ"),
     # kh is the h-row (Russian х, Persian kh), which writes f and h alike; gh is a g.
     ("Khrushchev", "フルシチョフ"), ("Khamenei", "ハメネイ"), ("Netanyahu", "ネタニヤフ"), ("Araghchi", "アラグチ"),
     ("Mogherini", "モゲリーニ")],
)  # fmt: skip
def test_a_name_and_the_articles_katakana_share_a_skeleton(english, katakana):
    assert skeleton(english) == skeleton(romaji(katakana))
    assert agreement(english, katakana) == 1.0


def test_different_names_do_not_agree():
    assert agreement("Reagan", "リンカーン") < 0.6  # e2k's リーガン is nearest to リンカーン by sound
    assert agreement("Trump", "トラブル") < 0.6


@pytest.mark.parametrize("word", ["shinagawa", "moji", "kishida", "hokkaido", "tokyo", "kanmon", "ryugu"])
def test_japanese_names_in_romaji_are_hepburn(word):
    assert is_hepburn(word)


@pytest.mark.parametrize("word", ["putin", "gorbachev", "ryabkov", "meloni", "kyiv", "sunak", "modi", "navalny"])
def test_foreign_names_are_not_hepburn(word):
    assert not is_hepburn(word)


def test_the_letter_index_finds_names_the_transliterator_misses_and_guesses_nothing_else():
    index = LetterIndex(katakana_words([ARTICLE_PATH.read_text(encoding="utf-8")]).values())
    assert index.nearest("Ryabkov") == "リャブコフ"
    assert index.nearest("Gorbachev") == "ゴルバチョフ"
    assert index.nearest("Peskov") == "ペスコフ"
    assert index.nearest("Helsinki") == ""  # no word of its consonants
    assert index.nearest("Eric") == ""  # rk: too short to name one word
    assert index.nearest("Shinagawa") == ""  # a Japanese name: never a katakana coincidence
    # "Reagan" reads as romaji too (re-a-ga-n), but is spelled almost as レーガン (reegan) is read.
    assert is_hepburn("reagan") and index.nearest("reagan") == "レーガン"
    assert LetterIndex(["サンガー"]).nearest("Shinagawa") == ""  # sng both, but sangaa is not shinagawa


def test_the_expander_uses_the_letters_for_names_e2k_misses_but_not_for_loanwords():
    from retrieval.translation import name_transliterator

    text = ARTICLE_PATH.read_text(encoding="utf-8") + "カメラとヘルスの話。"
    lexicon = restrict_lexicon(read_lexicon(*LEXICON_FILES), text)
    expander = TermExpander(lexicon, transliterate=name_transliterator(), names=katakana_words([text]))
    assert "リャブコフ" in expander.expand("How did Ryabkov react?")
    assert "リャブコフ" in expander.expand("how did ryabkov react?")  # lower case: the same consonants
    assert "ゴルバチョフ" in expander.expand("What did Reagan and Gorbachev discuss?")
    held = "ネタニヤフは演説した。フルシチョフは会談した。"
    expander = TermExpander(lexicon, transliterate=name_transliterator(), names=katakana_words([text + held]))
    assert "ネタニヤフ" in expander.expand("how long was netanyahu's speech")
    assert "フルシチョフ" in expander.expand("when did kennedy meet khrushchev")
    terms = expander.expand("Did Kamala Harris come?")
    assert "カメラ" not in terms
    assert "ヘルス" not in terms


def test_a_transliteration_found_only_inside_other_words_is_dropped():
    from retrieval.translation import name_transliterator

    text = "バイデンはプーチンにサングラスを贈った。会場のカペラホテルは島にある。ホテルの話。"
    lexicon = restrict_lexicon(read_lexicon(*LEXICON_FILES), text)
    expander = TermExpander(lexicon, transliterate=name_transliterator(), names=katakana_words([text]))
    assert "サング" not in expander.expand("What role did Sung Kim have?")  # サング only as the start of サングラス
    assert "カペラ" in expander.expand("Where is the Capella?")  # joined to a loanword: カペラ|ホテル
    assert expander.expand("What was Jake's job?")  # ゼイク is nowhere in the text: kept, it misleads nothing


def test_a_japanese_name_in_romaji_is_read_in_katakana():
    assert [hepburn_katakana(w) for w in ["Reiwa", "naruhito", "hattori", "putin", "trump"]] == [
        "レイワ", "ナルヒト", "ハットリ", "", ""
    ]  # fmt: skip


def test_the_expander_finds_kanji_names_by_their_romaji_reading():
    from retrieval.translation import name_transliterator

    text = "新元号は「令和」と決まった。出典は万葉集である。"
    lexicon = restrict_lexicon(read_lexicon(*LEXICON_FILES), text)
    from retrieval.coverage import name_readings
    from retrieval.translation import sound_key

    names = katakana_words([text]) | {sound_key(r): w for r, w in name_readings([text]).items()}
    expander = TermExpander(lexicon, transliterate=name_transliterator(), names=names)
    assert "令和" in expander.expand("which old poetry collection did they pull 'Reiwa' from?")  # e2k: リウウェイ
    assert "令和" in expander.expand("where does reiwa come from?")


def test_the_expander_reads_chat_shorthand_the_us_and_irregular_verbs():
    text = "米国は代表団を送ることを決めた。参列者は294人であった。トランプ大統領は欠席し、代理が出席した。"
    expander = TermExpander(restrict_lexicon(read_lexicon(*LEXICON_FILES), text))
    assert "米国" in expander.expand("who did the US send?")  # not the pronoun "us"
    assert "米国" not in expander.expand("tell us who came")
    assert "送る" in expander.expand("who was sent?")  # JMdict lists "sent" apart from "send", as 発
    assert expander.expand("how many ppl came?") == expander.expand("how many people came?")
    assert "代理" in expander.expand("who went instead of Trump?")


def test_the_articles_latin_spellings_map_to_its_names_whole_and_by_part():
    from retrieval.translation import latin_spellings

    text = "現場監督のルイス・ウルスア(Luis Urzúa)は、国営銅公社コデルコ(Codelco)の技術者と話した。[1]"
    text += "総裁は陸軍大将ジャン＝ルイ・ジョルジュラン(Jean-Louis Georgelin)であった。"
    text += "船はエバーギブン(Ever Given、中国語: 長賜號)。"
    assert latin_spellings([text]) == {
        "luis urzua": "ルイス・ウルスア",
        "luis": "ルイス",
        "urzua": "ウルスア",  # the accent as a question types it: without
        "codelco": "コデルコ",
        "jean louis georgelin": "ジャン・ルイ・ジョルジュラン",
        "jean": "ジャン",
        "louis": "ルイ",
        "georgelin": "ジョルジュラン",
        "ever given": "エバーギブン",
    }


def test_a_name_the_article_spells_is_found_before_any_transliteration():
    from retrieval.translation import latin_spellings

    text = "ウルスアはセバスティアン・ピニェラ(Sebastián Piñera)大統領にルイス・ウルスア(Luis Urzúa)として挨拶した。"
    expander = TermExpander({}, transliterate=lambda w: "アーツュア", spellings=latin_spellings([text]))
    found = expander.expansion("What did Urzua tell Pinera?")
    assert found.terms == ["ウルスア", "ピニェラ"]  # e2k hears アーツュア and ピネラ
    assert found.names == ["ウルスア", "ピニェラ"]
    assert expander.expand("what did luis urzua say") == ["ルイス", "ウルスア"]


def test_a_word_of_a_spelled_name_typed_in_lower_case_is_the_word():
    from retrieval.translation import latin_spellings

    text = (
        "離脱派の公式運動団体として「ヴォート・リーヴ(Vote Leave)」が指定された。"
        "離脱と残留の票の差は正確には1,269,501票であった。"
    )
    expander = TermExpander(restrict_lexicon(read_lexicon(*LEXICON_FILES), text), spellings=latin_spellings([text]))
    assert "離脱" in expander.expand("what was the margin between leave and remain")
    assert "リーヴ" not in expander.expand("which area had the biggest leave vote")
    assert expander.expansion("Who ran Vote Leave?").names == ["ヴォート", "リーヴ"]
    assert "リーヴ" in expander.expand("who funded Leave?")


def test_names_a_thing_goes_by_are_its_other_names_not_passing_by():
    text = "2021年米露首脳会談(別名ジュネーブ2021)は開催された。月日が経つ。「明石海峡大橋の生みの親」と呼ばれている。"
    expander = TermExpander(restrict_lexicon(read_lexicon(*LEXICON_FILES), text))
    terms = expander.expand("what other names does this summit go by?")
    assert "別名" in terms and "経" not in terms
    assert "別名" in expander.expand("what's the summit's nickname?")
    assert "生みの親" in expander.expand("who is the father of the bridge?")


def test_the_word_after_how_belongs_to_the_question_word():
    text = "鉱山は州都コピアポの北約45キロメートルにあり、閉じ込め期間は長い69日間に及んだ。"
    expander = TermExpander(restrict_lexicon(read_lexicon(*LEXICON_FILES), text))
    assert "長い" in expander.expand("the long wait")
    assert "長い" not in expander.expand("how long was the wait")


def test_south_slavic_and_french_spellings_are_read_their_own_way_when_the_english_reading_finds_nothing():
    text = "首都サラエボは包囲された。クライナ地方とスレブレニツァ、ブルチコ。フランスのジャック・シラク大統領。"
    index = LetterIndex(katakana_words([text]).values())
    assert index.nearest("Sarajevo") == "サラエボ"  # j after a vowel is a glide
    assert index.nearest("Krajina") == "クライナ"
    assert index.nearest("Srebrenica") == "スレブレニツァ"  # c before a vowel is ts
    assert index.nearest("Brcko") == "ブルチコ"  # Brčko, its accent typed away: ch
    assert index.nearest("Chirac") == "シラク"  # French ch is sh
    assert index.nearest("Chicago") == ""  # no word of its consonants, read any way


def test_german_spellings_are_read_their_own_way_when_the_english_reading_finds_nothing():
    text = "ライプツィヒの月曜デモ。ボルンホルマー通りの検問所。外相ハンス・ディートリヒ・ゲンシャー。"
    index = LetterIndex(katakana_words([text]).values())
    assert index.nearest("Leipzig") == "ライプツィヒ"  # z is ts, -ig an ich
    assert index.nearest("Bornholmer") == "ボルンホルマー"  # a closing -er is katakana's long a
    assert index.nearest("Genscher") == "ゲンシャー"
    assert index.nearest("Hamburg") == ""  # no word of its consonants, read any way


def test_a_letter_no_accent_makes_is_typed_as_its_plain_letters():
    from retrieval.translation import latin_spellings, plain_latin

    assert plain_latin("Franjo Tuđman") == "franjo tudjman"
    assert plain_latin("Lech Wałęsa") == "lech walesa"
    assert latin_spellings(["フラニョ・トゥジマン(Franjo Tuđman)大統領"])["tudjman"] == "トゥジマン"


@pytest.mark.parametrize(
    ("katakana", "latin"),
    [
        ("ディアトロフ", "diatorofu"),
        ("トプトゥノフ", "toputunofu"),
        ("チェルノブイリ", "cherunobuiri"),
        ("ウォルター", "woruta"),
    ],
)
def test_syllables_of_foreign_names_are_read_whole(katakana, latin):
    assert romaji(katakana) == latin


def test_a_name_written_with_a_small_vowel_is_found_by_its_letters():
    # ディアトロフ read a kana at a time (deiatorofu) was too far from Dyatlov to be named.
    index = LetterIndex(["ディアトロフ", "ブリュハノフ", "アキモフ"])
    assert index.nearest("Dyatlov") == "ディアトロフ"
