"""Clean a typed question, and tell questions from greetings and one-word messages."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from config.errors import QuestionError

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'-]*")
_PUNCT = re.compile(r"[\W_]+")
#: Messages that are social, not questions; compared lower-cased with spaces and punctuation removed.
_GREETINGS = frozenset(
    [
        "hello",
        "hi",
        "hey",
        "yo",
        "hiya",
        "howdy",
        "thanks",
        "thankyou",
        "ok",
        "okay",
        "cool",
        "nice",
        "bye",
        "goodbye",
        "goodmorning",
        "goodnight",
        "goodevening",
        "goodafternoon",
        "whatsup",
        "sup",
        "help",
        "test",
        "こんにちは",
        "こんばんは",
        "おはよう",
        "おはようございます",
        "ありがとう",
        "ありがとうございます",
        "どうも",
        "よろしく",
        "よろしくお願いします",
        "はじめまして",
        "さようなら",
        "おやすみ",
        "テスト",
        "もしもし",
    ]
)
_MIN_JA_CHARS = 3
_MIN_EN_WORDS = 2


def clean_question(text: str, *, max_chars: int) -> str:
    """Remove control and zero-width characters, collapse white space, and check the length.

    Raises:
        QuestionError: the question is empty, over ``max_chars``, or has no letters or digits.

    """
    kept = "".join(
        " " if unicodedata.category(ch) in {"Cc", "Zl", "Zp"} else ch for ch in text if unicodedata.category(ch) != "Cf"
    )
    question = " ".join(kept.split())
    if not question:
        raise QuestionError("the question is empty: ask something about the 2021 Geneva summit")
    if len(question) > max_chars:
        raise QuestionError(
            f"the question is {len(question)} characters long; the limit is {max_chars} "
            "(setting SUMMIT_RETRIEVAL__MAX_QUESTION_CHARS)"
        )
    if not re.search(r"\w", question):
        raise QuestionError("the question has no words in it, only punctuation or symbols")
    return question


def language_of(question: str) -> Literal["ja", "en"]:
    """``ja`` when the question holds kana or kanji, otherwise ``en``."""
    return "ja" if _JAPANESE.search(question) else "en"


def is_small_talk(question: str) -> bool:
    """True for greetings and messages too short to be a question about the article."""
    bare = _PUNCT.sub(" ", question.lower()).strip()
    if re.sub(r"\s+", "", bare) in _GREETINGS:
        return True
    if language_of(question) == "ja":
        return len(_JAPANESE.findall(question)) < _MIN_JA_CHARS
    return len(_LATIN_WORD.findall(question)) < _MIN_EN_WORDS


_WHEN = re.compile(
    r"""
    \bwhen\b | \bwhat\s+(?:year|date|day|month|time)\b | \bwhich\s+(?:year|date|day|month)\b
    | \bhow\s+long\s+ago\b | \bsince\s+when\b
    | いつ | 何年 | 何月 | 何日 | 日付 | 日にち | 日程 | 時期
    """,
    re.VERBOSE | re.IGNORECASE,
)


def asks_when(text: str) -> bool:
    """Whether the question asks for a date ("when…", 「いつ…」, "what year…")."""
    return bool(_WHEN.search(text))
