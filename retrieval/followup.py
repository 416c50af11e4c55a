"""Follow-up questions: an elliptical question completed with what the previous question named.

Pure functions over text, no model. A follow-up such as 「ロシア側は？」, "What did Biden give him?" or
「周りの警備はどうだった？」 cannot be answered alone: it points back (a pronoun, そのとき), it is a bare
fragment ("and the Russian side?", 「2回目は？」), or it names nothing. Such a follow-up gets the
previous question's people, places, numbers and topic words appended. In a contrast fragment
("what about X?", 「Xは？」) the follow-up's own name or number replaces the previous one of the same
kind instead of joining it; and since such a contrast asks for another passage than the one that
answered before, that passage goes last (``set_against``); 「逆は？」 ("the other way round?") is the
previous question with its two names swapped. A full question that points back only with
a personal pronoun gets the previous people, not the previous topic. A follow-up that stands alone is
returned unchanged.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

from retrieval.coverage import content_nouns, proper_nouns
from retrieval.features import names_in, quantities_in, specifics_of
from retrieval.lexical import fold
from retrieval.question import language_of
from retrieval.types import Answer, Passage

#: Words that point back to something said before.
_ANAPHOR_EN = re.compile(
    r"\b(?:he|him|his|she|her|hers|they|them|their|it|its|that|this|those|these|there|then|the\s+other|same"
    r"|anyway|else|too|also|either)\b",
    re.IGNORECASE,
)
_ANAPHOR_JA = re.compile(
    r"そのとき|その時|その後|それ|その|そこ|あれ|あの|この|これ|彼|彼女|彼ら|同じ|逆|相手|ほか|他に|実際"
)
#: Pronouns that stand for people: a full question that points back only with these needs the people, not the topic.
_PERSON_EN = re.compile(r"\b(?:he|him|his|she|her|hers)\b", re.IGNORECASE)
_PERSON_JA = re.compile(r"彼女|彼(?!ら)")
#: "The other way round": the same question with its two sides swapped.
_REVERSE = re.compile(r"逆|反対|the\s+other\s+way|vice\s+versa|conversely|reverse", re.IGNORECASE)
#: A fragment that contrasts with the previous question: "and X?", "what about X?", 「Xは？」「Xのほうは？」.
_CONTRAST_EN = re.compile(r"^\s*(?:and|what\s+about|how\s+about|but|or|so|then|any)\b", re.IGNORECASE)
_CONTRAST_JA = re.compile(r"^(?:じゃあ|じゃ|では|なら|で、|それで|じゃあ、)|(?:は|のほうは|の方は|側は|のは)[?？]?$")
#: An English sentence that can stand alone opens with a question word or an auxiliary.
_FULL_QUESTION_EN = re.compile(
    r"^\s*(?:who|whom|whose|what|which|when|where|why|how|is|are|was|were|do|does|did|has|have|had|can|could"
    r"|will|would|should|tell|list|name|describe|explain)\b",
    re.IGNORECASE,
)
#: English words that carry no topic of their own (question words, auxiliaries, verbs of saying).
_EN_STOP = frozenset(
    [
        "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with", "about", "as",
        "into", "than", "then", "so", "if", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does",
        "did", "done", "have", "has", "had", "can", "could", "will", "would", "shall", "should", "may", "might", "must",
        "who", "whom", "whose", "what", "which", "when", "where", "why", "how", "that", "this", "these", "those",
        "there", "here", "it", "its", "i", "me", "my", "you", "your", "he", "him", "his", "she", "her", "we", "our",
        "they", "them", "their", "not", "no", "yes", "any", "some", "all", "each", "very", "too", "also", "just",
        "only", "say", "said", "tell", "told", "ask", "asked", "think", "thought", "happen", "happened", "exactly",
        "else", "anyway", "first",
    ]
)  # fmt: skip
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z-]+")
_KATAKANA_NAME = re.compile(r"[\u30a1-\u30fa\u30fc・]{3,}")
#: A number and the kanji or katakana counter after it (2011年, 5か月 aside: 5か).
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?(?:か月|ヶ月|[\u4e00-\u9fff\u30a1-\u30fa]{0,3})")
#: Hiragana-only nouns (こと, もの) are grammar, not topic.
_HIRAGANA = re.compile(r"[\u3041-\u309f]+")
_SHORT_EN_WORDS = 4
_SHORT_JA_CHARS = 8
#: Topic words a follow-up needs of its own for a personal pronoun to carry only the previous people.
_OWN_TOPIC_WORDS = 2


class Context(NamedTuple):
    """What a previous question named, by kind, as written there."""

    names: tuple[str, ...]
    numbers: tuple[str, ...]
    topic: tuple[str, ...]


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def is_contrast(followup: str) -> bool:
    """Whether ``followup`` is a bare fragment set against the previous question ("and X?", 「Xは？」)."""
    text = _normal(followup)
    if language_of(text) == "ja":
        return bool(_CONTRAST_JA.search(text)) and len(re.sub(r"[\s?？]", "", text)) <= _SHORT_JA_CHARS + 4
    opener = _CONTRAST_EN.match(text)
    if opener:  # "and X?" sets X against the previous; "and what did he say?" goes on with the same people
        rest = text[opener.end() :].lstrip(" ,")
        return not rest or is_contrast(rest)
    return not _FULL_QUESTION_EN.match(text)


def is_elliptical(followup: str) -> bool:
    """Whether ``followup`` leans on what was asked before: it points back, is a fragment, or names nothing.

    Args:
        followup: the follow-up as typed.

    Returns:
        True when it should be completed with the previous question's context.

    """
    text = _normal(followup)
    if not text:
        return False
    if language_of(text) == "ja":
        bare = re.sub(r"[\s?？。!！]", "", text)
        return (
            bool(_ANAPHOR_JA.search(text))
            or is_contrast(text)
            or len(bare) <= _SHORT_JA_CHARS
            or not specifics_of(text)
        )
    words = _LATIN_WORD.findall(text)
    return (
        bool(_ANAPHOR_EN.search(text)) or is_contrast(text) or len(words) <= _SHORT_EN_WORDS or not specifics_of(text)
    )


def context_of(question: str) -> Context:
    """The names, numbers and topic words of ``question``, as written there, in order of appearance."""
    text = _normal(question)
    folded_names = names_in(text)
    names = [m.group(0) for m in _KATAKANA_NAME.finditer(text) if fold(m.group(0)) in folded_names]
    names += [w for w in _LATIN_WORD.findall(text) if fold(w) in folded_names]
    if language_of(text) == "ja":
        names += [w for w in proper_nouns(text) if not _within(w, names)]
    numbers = [m.group(0).strip() for m in _NUMBER.finditer(text) if quantities_in(m.group(0))]
    if language_of(text) == "ja":
        topic = [w for w in content_nouns(text) if not _within(w, names + numbers) and not _HIRAGANA.fullmatch(w)]
    else:
        topic = [w for w in _LATIN_WORD.findall(text) if w.lower() not in _EN_STOP and fold(w) not in folded_names]
    return Context(_unique(names), _unique(numbers), _unique(topic))


def _within(word: str, named: list[str]) -> bool:
    return any(word in item or item in word for item in named)


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def points_to_people(followup: str) -> bool:
    """Whether ``followup`` is a full question with a topic of its own that points back only with a personal pronoun.

    "What did he say in June about nuclear arms?" needs to know who "he" is, not what the previous
    question was about: its previous topic words would pull the answer back to the previous passage.
    With a thinner topic of its own ("What did Biden give him?") the previous topic still helps.
    """
    text = _normal(followup)
    english = language_of(text) == "en"
    person = _PERSON_EN if english else _PERSON_JA
    anaphor = _ANAPHOR_EN if english else _ANAPHOR_JA
    if not person.search(text) or anaphor.search(person.sub(" ", text)) or is_contrast(text):
        return False
    return len(context_of(text).topic) >= _OWN_TOPIC_WORDS


def _own_specifics(followup: str) -> list[str]:
    """The names and numbers a follow-up brings, as written (what a contrast sets against the previous ones)."""
    own = context_of(followup)
    return [*own.names, *own.numbers]


def replaces(previous_question: str, followup: str) -> bool:
    """Whether ``followup`` is a contrast that puts its own name or number in place of the previous question's."""
    if not is_contrast(followup):
        return False
    previous, own = context_of(previous_question), context_of(followup)
    if _REVERSE.search(_normal(followup)) and len(previous.names) >= 2:
        return True
    return bool((own.names and previous.names) or (own.numbers and previous.numbers))


def _carried(previous: Context, followup: str) -> list[str]:
    """The previous context the follow-up lacks; in a contrast, its own names or numbers replace the previous ones."""
    own = _normal(followup)
    folded = fold(own)
    contrast = is_contrast(own)
    carried: list[str] = []
    if not (contrast and (names_in(own) or (language_of(own) == "ja" and proper_nouns(own)))):
        carried += previous.names
    if not (contrast and quantities_in(own)):
        carried += previous.numbers
    if not (points_to_people(own) and carried):
        carried += previous.topic
    english = language_of(own) == "en"
    return [
        item
        for item in dict.fromkeys(carried)
        if fold(item) not in folded and not (english and language_of(item) == "ja")
    ]


def resolve_followup(previous_question: str, followup: str) -> str:
    """The follow-up completed with the previous question's people, places, numbers and topic, when it is elliptical.

    Args:
        previous_question: the question asked before in the same conversation (may be empty).
        followup: the new question as typed.

    Returns:
        ``followup`` unchanged when it stands alone (or there is nothing before it); otherwise the
        follow-up followed by what it leaves out of the previous question.

    """
    if not previous_question.strip() or not is_elliptical(followup):
        return followup
    swapped = _swapped(previous_question, followup)
    return swapped or complete(previous_question, followup)


def _swapped(previous_question: str, followup: str) -> str:
    """For "the other way round?" (「逆は？」): the previous question with its first two names swapped, else ''."""
    names = context_of(previous_question).names
    if not (is_contrast(followup) and _REVERSE.search(_normal(followup))) or len(names) < 2:
        return ""
    first, second = names[0], names[1]
    if first in second or second in first:
        return ""
    text = _normal(previous_question)
    return text.replace(first, "\0").replace(second, first).replace("\0", second)


def complete(previous_question: str, followup: str) -> str:
    """``followup`` led by the previous question's context it lacks, elliptical or not."""
    carried = _carried(context_of(previous_question), followup)
    if not carried:
        return followup
    if language_of(followup) == "ja":
        return f"{'、'.join(carried)}について、{followup.strip()}"
    return f"About {', '.join(carried)}: {followup.strip()}"


def answer_followup(
    answer: Callable[[str], Answer],
    previous_question: str,
    followup: str,
    *,
    spell_names: Callable[[str], str] | None = None,
) -> Answer:
    """Answer a follow-up in its conversation: resolved when elliptical, and retried with context when refused alone.

    Args:
        answer: answers one question (``Answerer.answer``).
        previous_question: the question asked before in the same conversation (may be empty).
        followup: the new question as typed.
        spell_names: capitalises the names a question types in lower case (``Answerer.spell_names``), so
            "what about putin?" sets Putin against the previous question's people.

    Returns:
        The answer; its ``question`` is the text that was answered, so a resolved follow-up shows how it was read.

    """
    if spell_names is not None and previous_question.strip():
        previous_question, followup = spell_names(previous_question), spell_names(followup)
    resolved = resolve_followup(previous_question, followup)
    first = answer(resolved)
    if resolved != followup and replaces(previous_question, followup):
        return set_against(first, answer(previous_question), answer(followup), _own_specifics(followup))
    if first.answered or resolved != followup or not previous_question.strip():
        return first
    retried = answer(complete(previous_question, followup))
    return retried if retried.answered else first


def set_against(answer: Answer, previous: Answer, alone: Answer, own: list[str]) -> Answer:
    """A contrast's answer with the passage that answered the previous question moved last.

    "And the Russian side?" after a question about the American side asks for the other side's passage;
    the completed question, sharing the previous topic, tends to find the previous passage again. The
    others (the completed question's, then those of the follow-up alone) take its place, those that hold
    the follow-up's own name or number (as written) first. The previous
    passage stays when the follow-up asked alone finds it first too: it holds both sides (a list, "1955
    ... 1985 ...").

    Args:
        answer: the answer to the completed follow-up.
        previous: the answer to the previous question.
        alone: the answer to the follow-up as typed.
        own: the names and numbers the follow-up brings.

    Returns:
        ``answer`` reordered, or unchanged when the previous passage is not among its passages.

    """
    if not previous.passages:
        return answer
    shown = _key(previous.passages[0])
    keys = [_key(p) for p in answer.passages]
    if shown not in keys or len(keys) < 2 or (alone.passages and _key(alone.passages[0]) == shown):
        return answer
    folded = [fold(word) for word in own]
    rest = list({_key(p): p for p in (*answer.passages, *alone.passages) if _key(p) != shown}.values())
    ordered = sorted(rest, key=lambda p: not any(word in fold(p.text) for word in folded))[: len(keys) - 1]
    passages = (*ordered, answer.passages[keys.index(shown)])
    short = answer.short if answer.short and answer.short.text in passages[0].text else None
    return dataclasses.replace(answer, passages=passages, short=short)


def _key(passage: Passage) -> tuple[str, str, str]:
    return passage.document, passage.section, passage.text
