"""Chinese names written in kanji, found by their pinyin: "Zhou Enlai", "Zhou" or "enlai" → 周恩来.

A Japanese article writes a Chinese person's name in kanji, with no katakana to sound out; the
English question spells it in pinyin. The names come from the analyser's tags (a surname, then a
given name: 毛|沢東), and pypinyin reads them, Japanese forms of the characters included (沢 → ze).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping

from retrieval.morphology import morphemes

_KANJI_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
#: A name's part shorter than this is no key of its own: "Li" or "Ye" alone is too easily an English word.
_MIN_PART = 3


def kanji_names(texts: Iterable[str]) -> list[str]:
    """The names of people written in kanji in ``texts``, whole: a surname and the given name after it, or one word."""
    found: list[str] = []
    for text in texts:
        parts = list(morphemes(text, whole_words=True))
        for first, second in itertools.pairwise([*parts, None]):
            tags = tuple(first.part_of_speech()[2:4])
            if tags == ("人名", "姓") and second is not None and tuple(second.part_of_speech()[2:4]) == ("人名", "名"):
                name = first.surface() + second.surface()
            elif tags == ("人名", "一般"):
                name = first.surface()  # 周恩来: one word to the analyser
            else:
                continue
            if _KANJI_NAME.fullmatch(name) and name not in found:
                found.append(name)
    return found


def pinyin_keys(names: Iterable[str]) -> dict[str, str]:
    """Each name by its whole pinyin (zhouenlai), and by its surname or given name when no other name shares it.

    A part shorter than three letters names nothing alone (``_MIN_PART``); the whole name always does.
    """
    from pypinyin import lazy_pinyin  # 0.3 s and 40 MB: imported by the first English question that needs it

    whole: dict[str, str] = {}
    parts: dict[str, set[str]] = defaultdict(set)
    for name in names:
        syllables = [s for s in lazy_pinyin(name) if s.isascii() and s.isalpha()]
        if len(syllables) != len(name):
            continue  # a character pypinyin cannot read
        whole.setdefault("".join(syllables), name)
        parts[syllables[0]].add(name)
        parts["".join(syllables[1:])].add(name)
    keys = {part: next(iter(held)) for part, held in parts.items() if len(held) == 1 and len(part) >= _MIN_PART}
    return {**keys, **whole}


class PinyinNames(Mapping[str, str]):
    """``pinyin_keys`` of the kanji names in some texts, worked out on the first lookup, not when made.

    Most questions never reach a name by its pinyin: a Japanese one never, an English one only for a word the
    word list and the katakana names lack.
    """

    def __init__(self, texts: Iterable[str]) -> None:
        """Keep ``texts`` (the corpus's passages) for the first lookup."""
        self._texts = tuple(texts)

    @functools.cached_property
    def _keys(self) -> dict[str, str]:
        return pinyin_keys(kanji_names(self._texts))

    def __getitem__(self, key: str) -> str:
        return self._keys[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)
