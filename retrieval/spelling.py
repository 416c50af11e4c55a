"""An English name and the article's katakana compared by their consonants, the way a reader hears them.

The transliterator (e2k) guesses a katakana spelling from English letters and misses often on foreign
names: "Ryabkov" comes out リアブーブ, "Gorbachev" ゴルバシェブ, nowhere near the article's リャブコフ and
ゴルバチョフ. Read the other way, the article's katakana romanised (``jaconv``) keeps the consonants a reader
hears: ryabukofu, gorubachofu. Both sides reduced to their consonant skeleton (vowels dropped, sounds Japanese
does not tell apart folded together) meet: rbkb and rbkb, grbtb and grbtb.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import jaconv

#: Folds applied in order to lower-case letters: spellings of one sound first (kh is the h-row: Khrushchev
#: フルシチョフ; gh a g: Araghchi アラグチ), then the sounds katakana merges (l/r, v/b/f/h: ラブロフ is Lavrov, and the
#: h-row writes f and h alike: Netanyahu ネタニヤフ), then the letters a skeleton does not keep (w, y: Navalny is
#: ナワルニー, Ryabkov リャブコフ). "ch" stands with "t" because チ is both (Gorbachev ゴルバチョフ,
#: Lavrentiev ラヴレンティエフ); an m before b or p is the moraic ン (Trump トランプ).
_FOLDS = (
    ("kh", "h"), ("gh", "g"), ("ph", "f"), ("tch", "C"), ("sch", "S"), ("ch", "C"), ("sh", "S"), ("th", "s"),
    ("ck", "k"), ("x", "ks"), ("q", "k"), ("c", "k"), ("C", "t"), ("S", "s"), ("z", "s"),
    ("l", "r"), ("v", "b"), ("f", "b"), ("h", "b"), ("w", ""), ("y", ""), ("mb", "nb"), ("mp", "np"),
)  # fmt: skip
#: Other ways a Latin spelling is read, tried when the English reading names no word: regex folds applied before
#: ``_FOLDS``. South Slavic spellings with their accents typed away: j after a vowel is a glide (Sarajevo サラエボ,
#: Krajina クライナ), dj and dz one sound (Tudjman トゥジマン), c before a vowel ts (Srebrenica スレブレニツァ),
#: else ch (Brcko ブルチコ, from Brčko). French ch is sh (Chirac シラク).
#: German spellings: z and tz are ts (Leipzig ライプツィヒ), w a v (Schabowski シャボフスキー), -ig an ich
#: (ヒ), a closing -er the long a of katakana (Bornholmer ボルンホルマー).
_READINGS: tuple[tuple[tuple[str, str], ...], ...] = (
    (("(?<=[aeiou])j", ""), ("d[jz]", "j"), ("c(?=[aeiou])", "ts"), ("c", "C")),
    (("ch", "S"),),
    (("t?z", "ts"), ("w", "v"), ("(?<=[aeiou])g$", "h"), ("er$", "a")),
)
#: A word spelled wholly in Hepburn syllables is most likely a Japanese name (Shinagawa, Moji, Kishida),
#: which an article writes in kanji: a katakana word of the same consonants (サンガー) is a coincidence.
_HEPBURN = re.compile(
    r"""(?:
        [aiueo]                                   # a vowel alone
      | (?:[kgnhbpmr]y?|sh|ch|j) [aiueo]          # ka kya sha cha ja ... (kyi, jyo are caught below)
      | [szt] [aueo] | [dwy] [aeo] | ts u | f u   # sa su, ta te, da, wa, ya, tsu, fu: no si, ti, tu, di, du
      | n (?![aiueoy])                            # the moraic n
    )+""",
    re.VERBOSE,
)
_DOUBLED = re.compile(r"([kstp])\1|t(?=ch)")  # kk, ss, tt, pp, tch: the small ッ
_VOWELS = re.compile(r"[aeiou]")
_REPEATS = re.compile(r"(.)\1+")
#: A skeleton this short (Eric: rk, Kyiv: kb) is met by too many words to name one.
_MIN_SKELETON = 3
#: A transliteration's nearest word is kept only when the skeletons agree at least this much
#: ("Reagan" is not リンカーン, rgn against rnkn; "Trump" is not トラブル).
AGREEMENT = 0.6
#: Among words of the same skeleton, the letters as a whole must be this close, and the first this far
#: ahead of the second, to name one.
_CLOSE = 0.5
_AHEAD = 0.1
#: How close a word that reads as romaji must be spelled to a katakana word to be taken for it (reagan, reegan).
_HEPBURN_CLOSE = 0.8


#: Katakana written with a small vowel for sounds of foreign names, which ``jaconv`` reads a kana at a time
#: (ディアトロフ as deiatorofu): read as the one syllable they spell (diatorofu, Dyatlov).
_FOREIGN_SYLLABLES = {
    "ディ": "di", "ティ": "ti", "トゥ": "tu", "ドゥ": "du", "デュ": "dyu", "テュ": "tyu", "チェ": "che", "シェ": "she",
    "ジェ": "je", "ウィ": "wi", "ウェ": "we", "ウォ": "wo", "クォ": "kwo", "クァ": "kwa", "ツァ": "tsa", "ツィ": "tsi",
    "ツェ": "tse", "ツォ": "tso", "イェ": "ye", "グァ": "gwa",
}  # fmt: skip
_FOREIGN_SYLLABLE = re.compile("|".join(_FOREIGN_SYLLABLES))


def romaji(katakana: str) -> str:
    """The katakana in Latin letters (``jaconv``), long-vowel marks and the small ッ dropped.

    Syllables of foreign names are read whole: ``romaji("ディアトロフ") == "diatorofu"``.
    """
    parts = _FOREIGN_SYLLABLE.split(katakana)
    syllables = [_FOREIGN_SYLLABLES[m] for m in _FOREIGN_SYLLABLE.findall(katakana)]
    latin = "".join(
        jaconv.kata2alphabet(part) + (syllables[i] if i < len(syllables) else "") for i, part in enumerate(parts)
    )
    return latin.replace("xtsu", "").replace("-", "")


def is_hepburn(word: str) -> bool:
    """Whether a lower-case word is written wholly in Hepburn romaji: ``is_hepburn("shinagawa")``."""
    return _HEPBURN.fullmatch(_DOUBLED.sub("", word.lower())) is not None and "yi" not in word and "ye" not in word


def hepburn_katakana(word: str) -> str:
    """A Japanese name in romaji in katakana (``jaconv``): ``hepburn_katakana("Reiwa") == "レイワ"``; else ``""``.

    Its reading finds a name the article writes in kanji (令和, 明仁) where a transliterator, hearing English
    letters, writes リウウェイ. Only words wholly in Hepburn syllables (``is_hepburn``) are read so.
    """
    word = word.lower()
    return jaconv.hira2kata(jaconv.alphabet2kana(word)) if is_hepburn(word) else ""


def _read(latin: str, reading: tuple[tuple[str, str], ...]) -> str:
    """The lower-case letters of a Latin spelling with a reading's folds applied (``_READINGS``)."""
    letters = re.sub(r"[^a-z]", "", latin.lower())
    for pattern, heard in reading:
        letters = re.sub(pattern, heard, letters)
    return letters


def skeleton(latin: str, reading: tuple[tuple[str, str], ...] = ()) -> str:
    """The consonants of a Latin spelling as katakana keeps them: ``skeleton("Gorbachev") == "grbtb"``.

    ``reading``: folds (pattern, replacement) applied first, for a spelling read another way (``_READINGS``).
    """
    letters = _read(latin, reading)
    for spelled, heard in _FOLDS:
        letters = letters.replace(spelled, heard)
    return _REPEATS.sub(r"\1", _VOWELS.sub("", letters))


def agreement(english: str, katakana: str) -> float:
    """How far an English spelling and a katakana word share their skeleton (``difflib`` ratio, 0..1)."""
    return difflib.SequenceMatcher(None, skeleton(english), skeleton(romaji(katakana)), autojunk=False).ratio()


class LetterIndex:
    """The article's katakana words by skeleton, for names the transliterator misses."""

    def __init__(self, words: Iterable[str]) -> None:
        """Index ``words`` (the corpus's katakana names; common loanwords left out by the caller)."""
        self._by_skeleton: dict[str, list[tuple[str, str]]] = {}
        for word in dict.fromkeys(words):
            latin = romaji(word)
            key = skeleton(latin)
            if len(key) >= _MIN_SKELETON:
                self._by_skeleton.setdefault(key, []).append((latin, word))

    def nearest(self, english: str) -> str:
        """The word whose skeleton is the English spelling's, when one clearly is; ``""`` otherwise.

        A word that reads as romaji (``is_hepburn``) only when spelled almost the same. The English reading
        first, then the others (``_READINGS``), each only when the one before names no word.

        Words sharing the skeleton are told apart by all their letters: "Putin" is プーチン (putin against
        pu-chin), not パートナー (pa-tona-); two about as close, or none close, are no guess.
        """
        if is_hepburn(english):
            # "Reagan" reads as romaji too (re-a-ga-n): a Japanese name is written in kanji, so only a katakana
            # word spelled almost letter for letter the same (reegan, レーガン) is taken for it.
            return self._nearest(english, skeleton(english), close=_HEPBURN_CLOSE)
        for reading in ((), *_READINGS):
            if found := self._nearest(_read(english, reading), skeleton(english, reading)):
                return found
        return ""

    def _nearest(self, english: str, key: str, *, close: float = _CLOSE) -> str:
        found = self._by_skeleton.get(key, [])
        spelled = english.lower()
        scored = sorted(
            ((difflib.SequenceMatcher(None, spelled, latin, autojunk=False).ratio(), word) for latin, word in found),
            reverse=True,
        )
        if not scored or scored[0][0] < close:
            return ""
        if len(scored) > 1 and scored[0][0] - scored[1][0] < _AHEAD:
            return ""
        return scored[0][1]
