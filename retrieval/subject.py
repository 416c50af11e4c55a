"""Questions about an article's subject itself: 「サミットはいつ？」, "When was the summit held?".

Every word of such a question is the article's frame (``lexical.frame_words``), so neither BM25 nor the
question's specifics say which passage answers, and similarity picks whichever short passage repeats the
frame (the 1985 summit of the history section). What it asks for is the article's own date, which the
infobox gives (日にち | 2021年6月16日) and the lead states; ``LoadedIndex.subject_dates`` marks the sentences
stating it.
"""

from __future__ import annotations

import re

from retrieval.coverage import content_words
from retrieval.features import is_quantity, question_specifics
from retrieval.morphology import morphemes
from retrieval.question import language_of

#: Words that say only that a thing took place (「開催された」, "was held", and "met" of a meeting: 会う and 合う, the
#: two glosses of "meet"), not what it did: the analyser's dictionary forms and an English question's terms alike.
_TOOK_PLACE = frozenset({"する", "ある", "いる", "行う", "開く", "開催", "始まる", "起きる", "起こる", "会う", "合う"})
#: A question placing its time against another ("had they met before Geneva?", 「初めて会ったのは」) asks about that
#: other time, not the subject's own: the English words are stopwords, the Japanese ones too short to be content.
_RELATIVE = re.compile(
    r"\b(?:before|after|ever|first|last|next|previous(?:ly)?|earlier|later|again|since|prior)\b|前|後|初め|以前|以来|最初|次|再び",
    re.IGNORECASE,
)
#: Words naming the kind of answer asked ("What was the date of the summit?"), not what it is about.
_ASKED_KIND = frozenset(
    {"date", "dates", "day", "days", "time", "year", "month", "日", "月", "年", "日付", "日時", "日にち"}
)


def about_subject(
    question: str,
    terms: list[str],
    frame: list[str],
    *,
    unmatched: tuple[str, ...] = (),
    names: tuple[str, ...] = (),
) -> bool:
    """Whether ``question`` asks about an article's subject itself.

    Args:
        question: as cleaned.
        terms: its Japanese terms, for an English question (unused for a Japanese one: its content words count).
        frame: the words of it that are an article's frame.
        unmatched: an English question's words that found no Japanese term ("office" in "take office").
        names: texts naming an article's subject, its title and infobox city (ジュネーブ): "the Geneva summit" is
            the summit too.

    Returns:
        True when it holds a frame word, its other words (a Japanese question's verbs too) say only that the
        thing took place, and it names no quantity. 「バイデンが大統領に就いたのは何月」 asks about taking office,
        "when did the second session start?" about a part.

    """
    if _RELATIVE.search(question):
        return False
    japanese = language_of(question) == "ja"
    words = content_words(question) if japanese else terms
    if set(unmatched) - _ASKED_KIND or not any(word in frame for word in words):
        return False
    frame = [*frame, *(word for word in words if any(word in name for name in names))]
    verbs = (
        {m.surface(): m.dictionary_form() for m in morphemes(question) if m.part_of_speech()[0] == "動詞"}
        if japanese
        else {}
    )
    if any(w not in frame and w not in _ASKED_KIND and verbs.get(w, w) not in _TOOK_PLACE for w in words):
        return False
    if japanese and any(verb not in _TOOK_PLACE for verb in verbs.values()):
        return False
    return not any(map(is_quantity, question_specifics(question, [])))
