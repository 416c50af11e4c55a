"""Clean a typed question, and tell questions from greetings, one-word messages and text with no content word."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from config.errors import QuestionError

#: 「何という」 ("what … called"), the chat forms too: 何ていう, なんて言う, 何っていう.
WHAT_CALLED_JA = r"(?:何|なん)(?:という|ていう|て言う|っていう|と言う)"
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
#: Lone surrogates: undecodable bytes kept by ``surrogateescape`` (argv, stdin) or escapes in JSON.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_FOREIGN_SURROGATE = re.compile("[\ud800-\udc7f\udd00-\udfff]")
#: What programs put in text: printf and format placeholders, shell and template variables.
_PLACEHOLDER = re.compile(
    r"""
    %(?:\([^)]*\))?[-+ #0]*\d*(?:\.\d+)?[a-zA-Z%]   # printf: %s %d %-5.2f %(name)s
    | \$?\{[^{}\s]*\}                                 # format and template: {0} {name} ${x}
    | \$\w+                                           # shell: $HOME
    """,
    re.VERBOSE,
)
#: Characters and pairs that mark code (SQL, C-like, markup) and are rare in a question.
_CODE_MARK = re.compile(r"[;{}<>=\\|`*$]|--|/\*|&&|\(\s*\)")
#: Keywords of SQL and common programming languages; ignored as words only when the text has code marks.
_CODE_WORDS = frozenset(
    [
        "select", "insert", "update", "delete", "drop", "create", "alter", "table", "from", "where", "into", "values",
        "set", "union", "join", "having", "group", "order", "by", "limit", "null", "not", "and", "or", "true", "false",
        "none", "return", "def", "function", "var", "let", "const", "import", "print", "echo", "eval", "exec", "script",
        "alert", "if", "else", "elif", "then", "end", "for", "while", "do", "begin",
    ]
)  # fmt: skip
#: English function words: a question needs at least one word that is not one of these.
FUNCTION_WORDS = frozenset(
    [
        "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from", "by", "with", "about",
        "as", "into", "onto", "upon", "than", "then", "so", "if", "is", "are", "was", "were", "be", "been", "being",
        "am", "do", "does", "did", "done", "have", "has", "had", "having", "can", "could", "will", "would", "shall",
        "should", "may", "might", "must", "who", "whom", "whose", "what", "which", "when", "where", "why", "how",
        "that", "this", "these", "those", "there", "here", "it", "its", "i", "me", "my", "mine", "you", "your", "yours",
        "he", "him", "his", "she", "her", "hers", "we", "our", "ours", "they", "them", "their", "theirs", "not", "no",
        "yes", "any", "some", "all", "each", "every", "very", "too", "also", "just", "only", "s", "t", "d", "ll", "re",
        "ve", "m", "o",
    ]
)  # fmt: skip
#: A statement of SQL (with a code mark somewhere) or a bare function call: code, not a question.
_STATEMENT = re.compile(r"\s*(?:select|insert|update|delete|drop|create|alter|truncate|grant|exec(?:ute)?)\b", re.I)
_CALL = re.compile(r"\s*[A-Za-z_][\w.]*\(.*\)\s*;?\s*")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def repair_text(text: str) -> str:
    """``text`` with undecodable bytes (``surrogateescape``) and lone surrogates replaced by U+FFFD.

    Such text cannot be encoded, so it would fail wherever it is written or tokenised.
    """
    if not _LONE_SURROGATE.search(text):
        return text
    escaped = _FOREIGN_SURROGATE.sub("\ufffd", text)
    return escaped.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def clean_question(text: str, *, max_chars: int) -> str:
    """Repair undecodable input, apply NFKC, remove control and zero-width characters, collapse white space.

    NFKC comes first, so that full-width ＷＨＯ and ASCII WHO are the same question.

    Raises:
        QuestionError: the question is empty, over ``max_chars``, or has no letters or digits.

    """
    text = unicodedata.normalize("NFKC", repair_text(text))
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
    """True for greetings, messages too short to be a question, and text with no content word.

    Format strings (``%s %d {0}``), code (``SELECT * FROM x; --``) and letter soup (``a b``) have no content word.
    """
    question = unicodedata.normalize("NFKC", question)
    bare = _PUNCT.sub(" ", question.lower()).strip()
    if re.sub(r"\s+", "", bare) in _GREETINGS or looks_like_code(question):
        return True
    if language_of(question) == "ja":
        return len(_JAPANESE.findall(question)) < _MIN_JA_CHARS
    return len(_LATIN_WORD.findall(question)) < _MIN_EN_WORDS or not has_content_word(question)


def looks_like_code(text: str) -> bool:
    """Whether ``text`` is a statement of SQL (``DROP TABLE users; --``) or a bare call (``print("hi")``)."""
    return bool(_CALL.fullmatch(text) or (_STATEMENT.match(text) and _CODE_MARK.search(text)))


def has_content_word(text: str) -> bool:
    """Whether ``text`` holds a word that can carry a question: kana or kanji, or a non-function word of 2+ letters.

    Placeholders are not words; when the text has code marks (``;``, ``*``, ``{}``, ``--``…), keywords are not either.
    """
    if _JAPANESE.search(text):
        return True
    prose = _PLACEHOLDER.sub(" ", text)
    ignored = FUNCTION_WORDS | _CODE_WORDS if _CODE_MARK.search(prose) else FUNCTION_WORDS
    return any(len(word) > 1 and word.lower() not in ignored for word in _WORD.findall(prose))


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
