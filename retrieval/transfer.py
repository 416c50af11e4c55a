"""Who gave what to whom: a question asking after a gift one way, where the article tells of one the other way.

"What did Putin give Biden in return?" matches the sentence 「バイデンはプーチンにサングラスを…プレゼントしました」
as well as any answerable question does: the same two names, the same gift. Only the direction differs, and
similarity cannot see it. The answerer declines such a question when the best passage's article tells of a gift
from the receiver asked to the giver asked and never of one the way asked.

Pure functions; names are compared folded (``lexical.fold``: プーチン and プチン are one name).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from retrieval.lexical import fold


class Transfer(NamedTuple):
    """A giving asked about or told of: the giver's and the receiver's names (folded Japanese)."""

    giver: str
    receiver: str


#: Words of giving, as a Japanese question or sentence says it (贈った, プレゼント, 手渡し, お返し, 土産).
_GIVING_JA = r"(?:贈|プレゼント|手渡|渡し|渡す|あげ|お返し|返礼|土産|寄贈)"
#: Words of receiving, whose subject is the receiver (もらった, 受け取った, 贈られた).
_GETTING_JA = r"(?:もら|貰|受け取|受取|贈られ)"
#: A name in a Japanese question: a run of katakana (with its middle dots) or of kanji.
_NAME_JA = r"[\u30a1-\u30fa\u30fc・]{2,}|[\u4e00-\u9fff々]{2,}"

#: How a Japanese question asks after a giving, by the giver's and receiver's places.
_ASKED_JA = (
    # プーチンからバイデンへの贈り物, プーチンからバイデンへは何かお返しは
    re.compile(rf"(?P<giver>{_NAME_JA})から(?P<receiver>{_NAME_JA})(?:へ|に)(?=.*{_GIVING_JA})"),
    # プーチンはバイデンに何を贈った
    re.compile(rf"(?P<giver>{_NAME_JA})(?:は|が)(?P<receiver>{_NAME_JA})に(?=.*{_GIVING_JA})"),
    # バイデンはプーチンから何をもらった
    re.compile(rf"(?P<receiver>{_NAME_JA})(?:は|が)(?P<giver>{_NAME_JA})から(?=.*{_GETTING_JA})"),
)

#: How an English question asks after a giving: "did Putin give Biden", "Putin's gift to Biden", "did Biden get
#: anything from Putin". The two words are looked up as names by the caller.
_ASKED_EN = (
    re.compile(
        r"\b(?P<giver>[A-Za-z]+)\s+(?:give|gave|hand|handed|bring|brought|send|sent|present|presented)\s+"
        r"(?:to\s+)?(?P<receiver>[A-Za-z]+)",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?P<giver>[A-Za-z]+)['’]s?\s+(?:gifts?|presents?)\s+(?:to|for)\s+(?P<receiver>[A-Za-z]+)", re.I),
    re.compile(
        r"\b(?P<receiver>[A-Za-z]+)\s+(?:get|got|receive|received)\b[^?.!]*?\bfrom\s+(?P<giver>[A-Za-z]+)", re.I
    ),
)


def asked_transfer(question: str, name_of: Callable[[str], str] | None = None) -> Transfer | None:
    """The giving ``question`` asks after, or ``None``.

    Args:
        question: in Japanese or English.
        name_of: an English word to the corpus's Japanese name it stands for (``""`` when it is none); without
            it, English questions ask after no giving.

    """
    for pattern in _ASKED_JA:
        if match := pattern.search(question):
            return Transfer(fold(match["giver"]), fold(match["receiver"]))
    if name_of is None:
        return None
    for pattern in _ASKED_EN:
        for match in pattern.finditer(question):
            giver, receiver = name_of(match["giver"]), name_of(match["receiver"])
            if giver and receiver and fold(giver) != fold(receiver):
                return Transfer(fold(giver), fold(receiver))
    return None


def _telling(giver: str, receiver: str) -> re.Pattern[str]:
    """How a folded sentence tells of ``giver`` giving ``receiver`` something.

    The giver is the topic or subject (は, が, も; a title may stand between: バイデン大統領は), the receiver
    takes に or へ, a word of giving follows; or the receiver gets something from the giver.
    """
    g, r = re.escape(giver), re.escape(receiver)
    return re.compile(
        rf"{g}[^。、はがも]{{0,8}}(?:は|が|も)[^。]*?{r}[^。、]{{0,8}}(?:に|へ)[^。]*?{_GIVING_JA}"
        rf"|{g}[^。、]{{0,8}}から[^。]*?{r}[^。、]{{0,8}}(?:に|へ)[^。]*?{_GIVING_JA}"
        rf"|{r}[^。、はがも]{{0,8}}(?:は|が|も)[^。]*?{g}[^。、]{{0,8}}から[^。]*?{_GETTING_JA}"
    )


def told_backwards(asked: Transfer, sentences: Iterable[str]) -> bool:
    """Whether ``sentences`` tell of a giving from ``asked``'s receiver to its giver and never of the one asked."""
    folded = [fold(sentence) for sentence in sentences]
    forwards, backwards = _telling(asked.giver, asked.receiver), _telling(asked.receiver, asked.giver)
    return not any(forwards.search(s) for s in folded) and any(backwards.search(s) for s in folded)
