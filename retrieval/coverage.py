"""Which content words of a Japanese question the corpus never uses (天気 in a summit article).

A question whose focal word the corpus never mentions is often on topic but unanswered ("what was
the weather"), and similarity alone scores it like an answerable one. The answerer checks such
words by ablation: if the best passage matches the question better *without* them, the passage
does not speak to them and the question is declined, naming the words.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from typing import Any

from retrieval.lexical import fold, synonym_terms
from retrieval.morphology import morphemes

#: Parts of speech that carry content (SudachiPy's first two levels).
_CONTENT = {("名詞", "普通名詞"), ("名詞", "固有名詞"), ("動詞", "一般"), ("形容詞", "一般")}
#: Question words and fillers that are never what the article lacks, and the nouns that name the kind of
#: answer asked (「タッチダウンの日付は？」: the article gives the date without the word 日付).
_QUESTION_WORD = re.compile(
    r"^(?:何|いつ|どこ|誰|だれ|どう|どんな|どの|幾|いく|本当|ほんと|積もり|つもり|事|物|方|様|為る|有る|居る|成る|言う"
    r"|教え|日付|日時|日にち|名前|名称|理由|人数|金額|肩書|役職)"
)
_MIN_CHARS = 2

#: Nouns naming a kind of thing an article names without the kind's word (a venue by its name, a post by its
#: title): never what the article lacks, never the thing a question asks for by its word (``asked``).
KIND_NOUNS_JA = frozenset(
    [
        "名前", "名称", "場所", "所", "時間", "時", "日", "日付", "日時", "年", "月", "人", "人物",
        "人数", "数", "理由", "目的", "結果", "役職", "肩書", "肩書き", "職", "役", "役割", "役目",
        "立場", "ポスト", "ポジション", "担当", "都市", "町", "国", "会社", "企業", "組織", "団体",
        "機関", "政治家", "内容", "意味", "話題", "議題", "問題", "テーマ", "規模", "種類", "方法",
        "手段", "形", "対応", "反応", "関係", "主張", "発言", "コメント", "意見", "評価", "見通し",
        "結論", "批判", "きっかけ", "特徴", "仕組み", "影響", "成果", "状況", "様子", "感じ", "方",
        "こと", "もの", "期間", "所属", "標的", "対象", "相手", "連中", "グループ", "人たち", "面々"
    ]
)  # fmt: skip


#: A katakana name cut by the analyser leaves pieces like フっ (katakana then hiragana): not words.
_SPLIT_NAME = re.compile(r"^[\u30a1-\u30fc]+[\u3041-\u3096]")


def _is_content(morpheme: Any) -> bool:
    pos = tuple(morpheme.part_of_speech()[:2])
    surface = morpheme.surface()
    return (
        pos in _CONTENT
        and len(surface) >= _MIN_CHARS
        and not _QUESTION_WORD.match(morpheme.normalized_form())
        and not _SPLIT_NAME.match(surface)
    )


def synonym_used(word: str, vocabulary: frozenset[str]) -> bool:
    """Whether ``vocabulary`` holds a word of a synonym group of ``word`` (one word): 医者 when it says 医師."""
    found = list(morphemes(word, whole_words=True))
    return len(found) == 1 and not vocabulary.isdisjoint(synonym_terms(found[0]))


def _synonym_groups(text: str, ignore: Iterable[str]) -> set[int]:
    """The synonym groups of ``text``'s content words of two letters or more, words within ``ignore`` aside."""
    return {
        group
        for morpheme in morphemes(text)
        if _is_content(morpheme)
        and len(morpheme.dictionary_form()) >= 2
        and not any(morpheme.surface() in word for word in ignore)
        for group in morpheme.synonym_group_ids()
    }


def shares_synonym(question: str, text: str, *, ignore: Iterable[str] = ()) -> bool:
    """Whether a content word of ``question`` and one of ``text`` are SudachiDict synonyms (死んだ / 死亡した).

    Words of one letter (人, 数) are too common to tell anything, and words within ``ignore`` (the article's frame)
    are left out.
    """
    asked = _synonym_groups(question, ignore)
    return bool(asked) and not asked.isdisjoint(_synonym_groups(text, ignore))


def word_forms(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A text's vocabulary and the dictionary forms of the words it inflects, in one pass of the analyser.

    The vocabulary is the normalised and dictionary forms of every content word, and the terms of its synonym
    groups (``lexical.synonym_terms``). The second set is what JMdict lists a verb under: 見つけた → 見つける,
    亡くなった → 亡くなる.
    """
    vocabulary: set[str] = set()
    inflected: set[str] = set()
    for morpheme in morphemes(text):
        if _is_content(morpheme):
            dictionary = morpheme.dictionary_form()
            vocabulary.update((morpheme.normalized_form(), dictionary, *synonym_terms(morpheme)))
            if dictionary != morpheme.surface():
                inflected.add(dictionary)
    return frozenset(vocabulary), frozenset(inflected)


def content_words(text: str) -> list[str]:
    """The content words of ``text`` as written there (short units: 首脳|会談), question words aside, in order."""
    return list(_content_words(text))


@functools.lru_cache(maxsize=1024)
def _content_words(text: str) -> tuple[str, ...]:
    # One analyser pass per question, however many steps of an answer read its words (frame, title, subject).
    return tuple(dict.fromkeys(m.surface() for m in morphemes(text) if _is_content(m)))


def content_nouns(text: str) -> list[str]:
    """The nouns of ``text`` as written there, compounds whole (国務長官), question words aside, in order."""
    return list(
        dict.fromkeys(
            m.surface() for m in morphemes(text, whole_words=True) if _is_content(m) and m.part_of_speech()[0] == "名詞"
        )
    )


def proper_nouns(text: str) -> list[str]:
    """The proper nouns of ``text`` (people, places, organisations: 米国, ジュネーブ) as written there, in order."""
    nouns = (m for m in morphemes(text, whole_words=True) if tuple(m.part_of_speech()[:2]) == ("名詞", "固有名詞"))
    return list(dict.fromkeys(m.surface() for m in nouns))


def personal_names(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names a person in kanji: a surname followed by a given name (津田|雄一), as (start, end).

    Katakana and Latin names have shapes of their own; a Japanese name has none, so the analyser's
    dictionary tags tell (人名, 姓 then 名).
    """
    found = list(morphemes(text, whole_words=True))
    return [
        (surname.begin(), given.end())
        for surname, given in itertools.pairwise(found)
        if tuple(surname.part_of_speech()[2:4]) == ("人名", "姓")
        and tuple(given.part_of_speech()[2:4]) == ("人名", "名")
    ]


def is_place_name(word: str) -> bool:
    """Whether ``word`` is one word the analyser knows as a place (ロシア, ジュネーブ), not a person's name."""
    found = list(morphemes(word, whole_words=True))
    return len(found) == 1 and tuple(found[0].part_of_speech()[1:3]) == ("固有名詞", "地名")


_KANJI = re.compile(r"[\u4e00-\u9fff]")


def name_readings(texts: Iterable[str], *, proper_only: bool = True) -> dict[str, str]:
    """The proper nouns of ``texts`` written with kanji, by their reading in katakana (シナガワ → 品川).

    English questions spell Japanese names by sound (Shinagawa, Tsuda); the article writes them in kanji.
    With ``proper_only`` false, every kanji noun of three sounds or more counts: for titles and headings,
    whose words name the subject even when the analyser calls them common (関門 in "the Kanmon tunnel").
    Each text (a passage) is analysed alone: the analyser takes at most 48 KiB at a time.
    """
    found: dict[str, str] = {}
    for morpheme in (m for text in texts for m in morphemes(text)):
        surface, kind = morpheme.surface(), morpheme.part_of_speech()[:2]
        if not _KANJI.search(surface):
            continue
        reading = morpheme.reading_form()
        proper = kind[1] == "固有名詞" and len(reading) >= 2
        if proper or (not proper_only and kind[0] == "名詞" and len(reading) >= 3):
            found.setdefault(reading, surface)
    return found


def _is_verb_use(noun: Any, following: Any) -> bool:
    """A verbal noun used as a verb (修正|された, 通訳|した): an action, which an article tells in a verb of its own."""
    return noun.part_of_speech()[2] == "サ変可能" and following is not None and following.normalized_form() == "為る"


def uncovered_words(question: str, *, vocabulary: frozenset[str], folded_text: str) -> list[str]:
    """The question's nouns that the corpus never uses, as written in the question.

    Verbs and adjectives are left out: a question says 稼いだ or 暑かった where the article says
    得点 or 気温, in words the ablation cannot tell from a detail the article lacks; so is a verbal
    noun used as a verb (修正された where the article says 見直された). Kinds
    (``KIND_NOUNS_JA``: ポスト, 役職) are left out too.

    A word counts as used when its normalised or dictionary form is in ``vocabulary``, or a word of one of its
    SudachiDict synonym groups is (医者 where the corpus says 医師), or its folded spelling occurs in the folded
    corpus text (names the analyser splits, ゲラシモ|フ).
    """
    missing: list[str] = []
    found = list(morphemes(question))
    for morpheme, following in itertools.zip_longest(found, found[1:]):
        if not _is_content(morpheme) or morpheme.part_of_speech()[0] != "名詞" or morpheme.surface() in KIND_NOUNS_JA:
            continue
        if _is_verb_use(morpheme, following):
            continue
        surface = morpheme.surface()
        known = {morpheme.normalized_form(), morpheme.dictionary_form(), *synonym_terms(morpheme)} & vocabulary
        if not known and fold(surface) not in folded_text and surface not in missing:
            missing.append(surface)
    return missing


def without_words(question: str, words: list[str]) -> str:
    """The question with ``words`` removed (the ablation the answerer compares against)."""
    for word in words:
        question = question.replace(word, "")
    return question
