"""What a question asks to be named, and whether an article speaks of it at all (asked.py)."""

import pytest

from corpus.text import strip_footnotes
from retrieval.asked import absent_asked, absent_codes, asked_nouns, asked_nouns_ja
from retrieval.lexical import fold
from retrieval.translation import is_listed
from tests.conftest import CORPUS_DIR


@pytest.fixture(scope="module")
def summit() -> str:
    """The summit article, folded as the index holds a document."""
    return fold(strip_footnotes((CORPUS_DIR / "2021-us-russia-summit.ja.txt").read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Which hotel did Putin stay at in Geneva?", ["hotel"]),
        ("what was the weather like in geneva that day", ["weather"]),
        ("What kind of car did Gorbachev ride in?", ["car"]),
        ("what brand were the sunglasses biden gave putin?", ["brand"]),
        ("What was the name of the canal employee who died?", ["canal employee"]),
        ("what were the interpreters' names?", ["interpreters"]),
        ("What top speed did the prototype train reach?", ["top speed"]),
        # What they had for lunch, what was on the menu: the thing after for / on the.
        ("What did Biden and Putin have for lunch at the villa?", ["lunch"]),
        ("What was on the menu at the working lunch?", ["menu"]),
        ("What did Biden call for?", []),
        ("What was the reason for the delay?", []),
        # A kind is named by an instance (a city by its name, a job by its title): not asked as a word.
        ("Which Swiss city hosted the summit?", []),
        ("What's Jake Sullivan's job?", []),
        ("what's the total time they spent in talks?", []),
        # A verb ends the phrase; "what happened" asks for no thing.
        ("Which foundry built the altar?", ["foundry"]),
        ("so what happens with the ambassadors?", []),
        ("Why did Biden give Putin sunglasses?", []),
        # "what" before an adverb is a pronoun: "what actually killed them" asks for a cause, not an "actually".
        ("what actually killed most of the victims up there?", []),
        ("What exactly did they agree on?", []),
        ("Which family owned the villa?", ["family"]),
        # Who did it, by the person's role or by the deed done for someone.
        ("who was putin's interpreter during the one-on-one session?", ["interpreter"]),
        ("Who interpreted for Biden during the talks?", ["interpret"]),
        ("who translated for gorbachev?", ["translate"]),
        ("Who was the head of the Russian General Staff?", []),  # a kind: head of what, named after it
        ("who was the officer that shot him?", []),
        ("Who was the US ambassador to Russia?", []),  # a capitalised head: the asker names the country
    ],
)
def test_english_questions_ask_for_the_thing_they_name(question, asked):
    assert asked_nouns(question) == asked


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("プーチンはジュネーブ滞在中どこのホテルに泊まった？", ["ホテル"]),
        ("バイデンがあげたサングラスのブランドは？", ["ブランド"]),
        ("会談のときのランチのメニューは何だった？", []),  # ends on 何だった, not on the thing
        ("昼食のメニューは?", ["メニュー"]),
        ("配偶者プログラムで訪問した小学校の名前は?", ["学校"]),
        # Kinds, descriptions (どんな) and names are not things asked for by their word.
        ("ヌーランドの役職は？", []),
        ("会場のまわりはどんな警備体制だった？", []),
        ("ポロシェンコって誰？", []),
        # The work done by the person asked for: its object before を (an intransitive 同行した names no thing).
        ("会談で通訳をしたのは誰ですか", ["通訳"]),
        ("記者会見で司会を担当していた人は誰?", ["司会"]),
        ("大使として同行したのは誰？", []),
        # The thing whose identity is asked by どこ at the question's end: which hotel, which brand.
        ("首脳会談中プーチンが泊まったホテルはどこ", ["ホテル"]),
        ("サングラスのブランドってどこ？", ["ブランド"]),
        # どこ asking who did it (どこが) or which of another kind (どこの県) names no thing by that word.
        ("経済効果を試算したレポートはどこが出したの?", []),
        ("東日本側の産地はどこの県になった?", []),
        # The role of the one asked for (通訳は誰が), and the people asked to be counted (通訳が何人).
        ("ロシア側の通訳は誰がやったの？", ["通訳"]),
        ("会談の部屋には通訳が何人いたの?", ["通訳"]),
        ("新憲法で代議院の定員は何人になった", []),  # a capacity, not people counted by its word
    ],
)
def test_japanese_questions_ask_for_the_thing_they_name(question, asked):
    assert asked_nouns_ja(question) == asked


def test_a_thing_the_article_never_speaks_of_is_absent(summit):
    # The summit article tells the venue and the gifts, never a hotel or the weather.
    assert "ホテル" not in summit and "天気" not in summit
    assert absent_asked("Which hotel did Putin stay at in Geneva?", summit, {"hotel": ("ホテル",)}) == ["hotel"]
    assert absent_asked("what was the weather like in geneva that day", summit, {}) == ["weather"]
    assert absent_asked("プーチンはジュネーブ滞在中どこのホテルに泊まった？", summit, {}) == ["ホテル"]
    # Nor who interpreted: 通訳 is nowhere in it.
    assert "通訳" not in summit
    assert absent_asked("会談で通訳をしたのは誰ですか", summit, {}) == ["通訳"]
    assert absent_asked("Who interpreted for Biden during the talks?", summit, {"interpret": ("通訳",)}) == [
        "interpret"
    ]
    # A doctor the article calls 医師 is no absent 医者 (a synonym in the corpus's vocabulary), a hotel still is.
    from retrieval.coverage import word_forms

    doctor = "ケネディには医師が鎮痛剤を注射した。"
    vocabulary = word_forms(doctor)[0]
    assert absent_asked("ケネディに注射した医者の名前は？", fold(doctor), {}) == ["医者"]
    assert absent_asked("ケネディに注射した医者の名前は？", fold(doctor), {}, vocabulary) == []
    assert absent_asked("ケネディはどこのホテルに泊まった？", fold(doctor), {}, vocabulary) == ["ホテル"]
    # An article with interpreters answers it.
    yalta = fold("ソ連側の通訳はスターリンとモロトフの専属通訳であったウラジーミル・パヴロフが務めた。")
    assert absent_asked("who interpreted for stalin at yalta?", yalta, {"interpret": ("通訳",)}) == []


def test_a_thing_the_article_speaks_of_is_not_absent(summit):
    # 建物 is in the article (ヴィララグランジ, an 18th-century building), as "building" in the word list.
    assert absent_asked("What was the name of the building where they met?", summit, {"building": ("建物",)}) == []
    assert absent_asked("会談が開かれた建物の名前は？", summit, {}) == []
    assert absent_asked("ノルドストリーム2の制裁見送りを歓迎をしたのは誰?", summit, {}) == []  # 歓迎 is there


def test_a_two_word_thing_whose_first_word_the_article_speaks_of_is_not_absent():
    # The word list has "launching pad", not "launch pad"; the launch (打ち上げ) the passage tells of is there.
    document = fold("アポロ宇宙船はケネディ宇宙センター第39B発射台から打ち上げられました。")
    lexicon = {"launch": ("打ち上げ",), "pad": ("パッド",), "hotel": ("ホテル",), "chain": ("チェーン",)}
    assert absent_asked("which launch pad did the apollo ship go up from?", document, lexicon) == []
    assert absent_asked("which hotel chain did the crew stay with?", document, lexicon) == ["hotel chain"]


def test_a_word_the_word_list_lacks_is_never_called_absent(summit):
    # "plutocrat" has no entry: the article may say it in words the list cannot look up (新興財閥).
    assert not is_listed("plutocrat")
    assert absent_asked("Which Ukrainian plutocrat did Biden want out?", summit, {}) == []
    # "oligarch" has one (新興財閥, in the glossary), which the article holds.
    assert is_listed("oligarch")
    assert absent_asked("Which Ukrainian oligarch did Biden want out?", summit, {"oligarch": ("新興財閥",)}) == []


def test_a_code_the_article_never_writes_is_absent():
    document = fold("COP3は京都で開かれた。U-2偵察機が撃墜された。「はやぶさ2」が帰還した。")
    assert absent_codes("How long did the G7 summit last?", document) == ["G7"]
    assert absent_codes("G7サミットは何時間続いた?", document) == ["G7"]
    assert absent_codes("where was cop3 held", document) == []
    assert absent_codes("who flew the U2", document) == []  # U-2 as the article writes it
    assert absent_codes("what did hayabusa2 bring back b4 landing", document) == []
    assert absent_codes("how much CO2 did the R-12s carry", document) == []  # a formula, a plural
