"""English questions get Japanese terms, so the Japanese article can be matched word for word."""

from __future__ import annotations

import difflib
import functools
import gzip
import hashlib
import itertools
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

import simplemma
from rapidfuzz import process
from rapidfuzz.distance import OSA

from retrieval.english import LATIN_LETTERS
from retrieval.spelling import AGREEMENT, LetterIndex, agreement, hepburn_katakana

log = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data"
#: Hand-kept terms for this subject (read first), then all of JMdict (scripts/build_lexicon.py).
LEXICON_FILES = (DATA / "en_ja_glossary.tsv", DATA / "en_ja_jmdict.tsv.gz")
_FORMS_KEPT = 4
#: A form kept beside a word's most used one must be used at least this share as often: "bridge" is
#: 橋 in a bridge article, and ブリッジ (twice, in the names of a tour and a nickname) is another sense
#: whose rarity would give it the most weight in BM25.
_SECOND_FORM_SHARE = 0.25
#: Bump when ``restrict_lexicon`` cuts differently or the saved vocabulary changes (6: synonym groups), so
#: indexes built before are rebuilt.
_RESTRICTION_VERSION = 6
_MAX_FORM_CHARS = 12
_WORD = re.compile(r"[a-z][a-z'-]*")
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "done",
        "has",
        "have",
        "had",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "them",
        "his",
        "her",
        "their",
        "i",
        "you",
        "we",
        "us",
        "our",
        "your",
        "my",
        "me",
        "not",
        "no",
        "yes",
        "as",
        "about",
        "into",
        "than",
        "then",
        "there",
        "here",
        "any",
        "some",
        "all",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "one",
        "two",
        "also",
        "so",
        "very",
        "more",
        "most",
        "such",
        "up",
        "out",
        "over",
        "under",
        "after",
        "before",
        "between",
        "during",
        "if",
        "else",
        "per",
        "via",
        "vs",
        # "What happened at…" frames a question; 起こる would match any event.
        "happen",
        "happened",
        "happens",
        "happening",
        # Chat's fillers and vague words: no Japanese term stands for them ("actually" → 事実上, "stuff" → 物).
        "actually",
        "really",
        "exactly",
        "basically",
        "just",
        "ever",
        "even",
        "still",
        "anyway",
        "roughly",
        "approximately",
        "guy",
        "guys",
        "stuff",
        "thing",
        "things",
        "someone",
        "something",
        "anything",
        "anyone",
        # Verbs too wide to name anything: JMdict's "get" is 受ける and 分かる, its "let" the tennis レット.
        "get",
        "gets",
        "got",
        "gotten",
        "getting",
        "let",
        "lets",
        "letting",
        # Light verbs and particles whose first senses mislead (like → 同様, around → 方, took → 持っていく, put →
        # 置く, think → シンク); a phrase they start ("take off", "put off") is still looked up first.
        "like",
        "around",
        "off",
        "while",
        "having",
        "looking",
        "think",
        "originally",
        "put",
        "kept",
        "take",
        "takes",
        "took",
        "taken",
        "taking",
        "bring",
        "brought",
        "turned",
    ]
)
#: The adjective after "how" is part of the question word ("how long", "how far"): JMdict's 長い or a transliterated
#: ファー would only match passages by chance. The answer type it asks is read elsewhere (``features``). "How many"
#: and "how much" keep their 何, which brings the question nearer to the article's 何人-like wording.
#: Words before a noun ("the point", "their visit"), and a Japanese verb in its dictionary form (向ける, 訪れる).
_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your"}
    | {"whose", "which", "what"}
)
_VERB_FORM = re.compile(r"[\u4e00-\u9fff々]+[\u3041-\u3093]*[うくぐすつぬぶむる]")


#: Determiners that also start a clause: after them a past tense is a verb ("countries that declined").
_CLAUSE_WORDS = frozenset({"that", "which", "what", "whose"})


def _names_a_thing(words: list[str], start: int, used: int) -> bool:
    """Whether the phrase ``words[start:start + used]`` is a noun: after a determiner, or before "of".

    Not a past tense after a word that also starts a clause ("the country that declined", "which hosted").
    """
    before = words[start - 1] if start else ""
    after = words[start + used] if start + used < len(words) else ""
    if before in _CLAUSE_WORDS and used == 1 and words[start].endswith("ed"):
        return False
    return before in _DETERMINERS or after == "of"


_AFTER_HOW = frozenset(
    [
        "long",
        "big",
        "far",
        "old",
        "tall",
        "high",
        "large",
        "wide",
        "deep",
        "often",
        "heavy",
        "fast",
        "soon",
        "late",
        "early",
        "small",
    ]
)
#: Shorthand of chat and its words ("how many ppl", "govt"): read as the words before looking them up.
_SHORTHAND = {
    "ppl": "people",
    "govt": "government",
    "gov": "government",
    "hrs": "hours",
    "hr": "hour",
    "mins": "minutes",
    "min": "minutes",
    "yrs": "years",
    "yr": "year",
    "approx": "approximately",
    "intl": "international",
    "orgs": "organizations",
    "org": "organization",
    "pres": "president",
    "info": "information",
    "thru": "through",
    "abt": "about",
    "bc": "because",
    "cuz": "because",
}
#: "the US", "U.S.": the country, which lower case would read as the pronoun "us".
_US = re.compile(r"\bU\.?S\.?(?=\W|$)(?!\.\w)")
_SUFFIXES = (
    ("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
    ("ing", ""), ("ing", "e"), ("d", ""), ("er", ""), ("est", ""),
)  # fmt: skip
#: British spellings and the American ones JMdict glosses with (labour → labor, centre → center, organise →
#: organize, defence → defense): a word's ending, and what it becomes.
_BRITISH = (("our", "or"), ("ours", "ors"), ("tre", "ter"), ("tres", "ters"), ("ise", "ize"), ("ised", "ized"),
            ("ising", "izing"), ("isation", "ization"), ("yse", "yze"), ("ence", "ense"))  # fmt: skip
_MAX_PHRASE = 3
#: The shortest closed compound split in two to be looked up open (airbase: air base); shorter words are rarely two.
_MIN_COMPOUND = 7


def read_lexicon(*paths: Path) -> dict[str, tuple[str, ...]]:
    """Read tab-separated ``english<TAB>ja1|ja2`` files (``.gz`` too); earlier files win for the same key.

    Raises:
        OSError: a file cannot be read.

    """
    lexicon: dict[str, tuple[str, ...]] = {}
    for path in paths:
        for key, forms in _entries(path):
            # JMdict writes some forms in full width (３月 for "march", ＥＵ); the articles, like any text
            # folded to NFKC, write 3月 and EU.
            folded = (unicodedata.normalize("NFKC", f) for f in forms.split("|"))
            lexicon.setdefault(key, tuple(dict.fromkeys(f for f in folded if f)))
    return lexicon


def _entries(path: Path) -> Iterator[tuple[str, str]]:
    """The (lower-case English key, ``ja1|ja2`` forms) lines of one word-list file, comments and blanks aside."""
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    for line in raw.decode("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, forms = line.partition("\t")
            yield key.strip().lower(), forms


def lexicon_version(paths: Iterable[Path] = LEXICON_FILES) -> str:
    """A short hash of the word lists, recorded in the index manifest so a new list rebuilds the index."""
    digest = hashlib.sha256(f"restriction {_RESTRICTION_VERSION}".encode())
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def restrict_lexicon(
    lexicon: dict[str, tuple[str, ...]], text: str, words: Iterable[str] = ()
) -> dict[str, tuple[str, ...]]:
    """Keep, for each English key, the Japanese forms that occur in ``text``: at most four, the corpus's own first.

    ``words``, the dictionary forms of the corpus's words, count once each: a verb the text only
    conjugates (見つけた, 亡くなった) keeps its dictionary form (見つける), which is how JMdict lists it.

    A form used less than a quarter as often as the key's first is dropped (``_SECOND_FORM_SHARE``).
    JMdict lists a word's forms in its own order (橋 comes late for "bridge", after ブリッジ and
    架橋); the forms the corpus uses most come first here, an earlier dictionary rank breaking
    ties. Every substring of ``text`` up to the longest useful form is looked up once, so the
    cost grows with the corpus, not with the dictionary.
    """
    forms = {f for found in lexicon.values() for f in found if len(f) <= _MAX_FORM_CHARS}
    longest = max((len(f) for f in forms), default=0)
    counts = Counter(
        piece for n in range(1, longest + 1) for i in range(len(text) - n + 1) if (piece := text[i : i + n]) in forms
    )
    counts.update(word for word in set(words) if word in forms and word not in counts)
    kept: dict[str, tuple[str, ...]] = {}
    for key, found in lexicon.items():
        present = [(counts[f] / (1 + rank / 4), -rank, f) for rank, f in enumerate(found) if counts[f]]
        if present:
            ordered = [f for _, _, f in sorted(present, reverse=True)[:_FORMS_KEPT]]
            top = counts[ordered[0]]
            kept[key] = tuple(f for f in ordered if counts[f] >= _SECOND_FORM_SHARE * top)
    return kept


@functools.cache
def _listed_words(paths: tuple[Path, ...] = LEXICON_FILES) -> frozenset[str]:
    """The one-word keys of the shipped word lists (about 45 000), read once: 0.6 s, the first time one is asked."""
    return frozenset(key for path in paths for key, _ in _entries(path) if key.isalpha())


def is_listed(word: str) -> bool:
    """Whether the shipped English→Japanese word list has ``word`` (a lower-case word), as written or by its lemma."""
    return any(form in _listed_words() for form in _lemmas(word))


def terms_for(word: str, lexicon: dict[str, tuple[str, ...]]) -> list[str]:
    """The Japanese words ``lexicon`` has for an English ``word`` or its lemma."""
    return [form for lemma in _lemmas(word) for form in lexicon.get(lemma, ())]


def write_lexicon(lexicon: dict[str, tuple[str, ...]], path: Path) -> None:
    """Write ``lexicon`` in the tab-separated form ``read_lexicon`` reads."""
    lines = [f"{key}\t{'|'.join(forms)}" for key, forms in sorted(lexicon.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


#: A people's adjective and its country (Ukrainian → Ukraine, Russian → Russia, Japanese → Japan, German → Germany,
#: Polish → Poland, French → France): JMdict glosses the adjective as the language (ウクライナ語, ドイツ語), which an
#: article about the country rarely writes.
_DEMONYMS = (
    ("ian", "e"), ("ian", "ia"), ("ian", "a"), ("an", "a"), ("n", ""), ("ese", ""), ("ese", "a"), ("an", "any"),
    ("ish", "and"), ("nish", "land"), ("ish", "en"), ("ish", "ain"), ("ench", "ance"),
)  # fmt: skip


#: A verb's noun (announce → announcement, negotiate → negotiation, elect → election): Japanese writes many
#: verbs as a noun and する (発表する), and JMdict's glosses of the verb itself may not hold that noun.
_NOMINALISATIONS = (("", "ment"), ("e", "ion"), ("e", "ation"), ("", "ion"), ("", "ation"))


def _nouns_of(word: str) -> list[str]:
    """The nouns a verb ``word`` (any of its ``_lemmas``) may be listed under: announced → announcement."""
    return [
        stem[: len(stem) - len(cut)] + ending
        for stem in _lemmas(word)
        for cut, ending in _NOMINALISATIONS
        if stem.endswith(cut) and len(stem) >= 4
    ]


#: The shortest word a typing slip is looked for in: shorter ones are one letter from too many others.
_MIN_SLIP = 6


def _lemmas(word: str) -> list[str]:
    """``word`` and the forms a dictionary may list it under: its lemma, plural and verb endings cut, its country.

    The lemma comes from simplemma's tables, which know irregular verbs (led → lead, sent → send).
    """
    found = [word]
    if " " not in word and word.isalpha():
        found.append(simplemma.lemmatize(word, lang="en"))
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            found.append(word[: -len(suffix)] + replacement)
    if " " not in word:
        for suffix, replacement in _DEMONYMS:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                found.append(word[: -len(suffix)] + replacement)
    found += [
        form[: -len(suffix)] + replacement
        for form in found
        for suffix, replacement in _BRITISH
        if form.endswith(suffix) and len(form) - len(suffix) >= 3
    ]
    return list(dict.fromkeys(found))


#: Katakana words in running text; a middle dot or a space parts the words of a name.
_KATAKANA_WORD = re.compile(r"[\u30a1-\u30fa\u30fc]{2,}")
_UNVOICED = "カキクケコサシスセソタチツテトハヒフヘホ"
#: ウ after a letter of the u or o row (ュウ, グウ, コウ), or オ after one of the o row (オオ of オオサカ): the
#: second half of a long vowel, which romanised names leave out (Osaka, Tokaido).
_LONG_U = re.compile(
    r"(?<=[ウクスツヌフムユルグズヅブプュゥオコソトノホモヨロョォゴゾドボポ])ウ"
    r"|(?<=[オコソトノホモヨロョォゴゾドボポ])オ"
)


def sound_key(word: str) -> str:
    """A katakana word folded for comparing sounds: ``lexical.fold``, then voiced letters unvoiced (ブ→フ, ガ→カ).

    A transliterator hears "Lavrov" as ラブロブ where the article writes ラブロフ: unvoiced, both are ラフロフ.
    A long vowel written with ウ (or オ after an o) is the long-vowel mark ``fold`` drops: リュウグウ and リューグ
    are both リュク, オオサカ and オサカ both オサカ.
    """
    from retrieval.lexical import fold

    letters = []
    for char in _LONG_U.sub("", fold(word)):
        base = unicodedata.normalize("NFD", char)[0]
        letters.append(base if base in _UNVOICED else char)
    return "".join(letters)


def katakana_words(texts: Iterable[str]) -> dict[str, str]:
    """The katakana words of ``texts`` by ``sound_key`` (the first spelling met kept)."""
    found: dict[str, str] = {}
    for text in texts:
        for word in _KATAKANA_WORD.findall(text):
            found.setdefault(sound_key(word), word)
    return found


#: A katakana name and the Latin spelling the article gives it in brackets right after it: ルイス・ウルスア(Luis
#: Urzúa), コデルコ(Codelco), ジャン＝ルイ・ジョルジュラン(Jean-Louis Georgelin), エバーギブン(Ever Given、…).
_SPELLED = re.compile(
    rf"""
    (?P<kana>[\u30a1-\u30fa\u30fc]+(?:[・＝゠=][\u30a1-\u30fa\u30fc]+)*)
    [(（]
    (?P<latin>[{LATIN_LETTERS}][{LATIN_LETTERS} .'’-]*?)
    \s*[)）、,;:]
    """,
    re.VERBOSE,
)
_NAME_PARTS = re.compile(r"[・＝゠=]")


#: Letters that no accent makes, typed as these: Tuđman is Tudjman, Wałęsa Walesa, Søren Soren.
_UNACCENTED = str.maketrans({"đ": "dj", "Đ": "Dj", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "ß": "ss"})


def plain_latin(text: str) -> str:
    """Latin letters as a question types them: accents dropped, lower case, hyphens as spaces (Urzúa → urzua)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNACCENTED))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[-‐’']", " ", letters).split())


def latin_spellings(texts: Iterable[str]) -> dict[str, str]:
    """The names ``texts`` spell in Latin letters in brackets, by that spelling as typed (``plain_latin``).

    The whole spelling maps to the whole name (``"luis urzua"`` → ルイス・ウルスア) and, where the name has as
    many parts as the spelling has words, each word to its part (``"urzua"`` → ウルスア). The first met is kept.
    """
    found: dict[str, str] = {}
    for text in texts:
        for match in _SPELLED.finditer(text):
            latin, kana = plain_latin(match.group("latin")).split(), _NAME_PARTS.split(match.group("kana"))
            found.setdefault(" ".join(latin), "・".join(kana))
            if len(latin) == len(kana) > 1:
                for word, part in zip(latin, kana, strict=True):
                    found.setdefault(word, part)
    return found


#: A name written in hiragana stands in quotes: 「のぞみ」, 「はやぶさ」.
_QUOTED_HIRAGANA = re.compile(r"[「『]([\u3041-\u3096ー]{2,})[」』]")


def quoted_hiragana_names(texts: Iterable[str]) -> dict[str, str]:
    """The quoted hiragana names of ``texts`` by the ``sound_key`` of their katakana (ノゾミ → のぞみ)."""
    found: dict[str, str] = {}
    for text in texts:
        for name in _QUOTED_HIRAGANA.findall(text):
            katakana = "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in name)
            found.setdefault(sound_key(katakana), name)
    return found


def nearest_word(spelling: str, words: Mapping[str, str], *, cutoff: float = 0.75, margin: float = 0.05) -> str:
    """The word of ``words`` (``katakana_words``) that sounds like ``spelling``, or ``""`` when none clearly does.

    A transliteration rarely matches the article's spelling letter for letter (スリバン for サリバン);
    the closest word by ``difflib`` ratio on sound keys is taken when it reaches ``cutoff`` and is
    ahead of the next by ``margin`` (two equally close words: no guess); a word much shorter or longer
    than the spelling is never taken (ファタシュ is not ブッシュ, though they share three sounds).
    """
    key = sound_key(spelling)
    if key in words:
        return words[key]
    matcher = difflib.SequenceMatcher(b=key, autojunk=False)
    scored = []
    for candidate in words:
        if min(len(candidate), len(key)) < cutoff * max(len(candidate), len(key)):
            continue
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
            scored.append((matcher.ratio(), candidate))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < cutoff:
        return ""
    if len(scored) > 1 and scored[0][0] - scored[1][0] < margin:
        return ""
    return words[scored[0][1]]


@functools.cache
def english_words(paths: tuple[Path, ...] = LEXICON_FILES) -> frozenset[str]:
    """The single English words the shipped lists gloss (about 50,000; read once, a fifth of a second)."""
    return frozenset(key for path in paths for key, _ in _entries(path) if " " not in key)


def _maybe_name(word: str) -> bool:
    """Whether a lower-case word could be a name: five letters or more, and no English word the dictionary knows.

    The test comes before transliterating, which costs milliseconds a word ("exactly" is a word; "lavrov" is not).
    """
    if len(word) < 5 or not word.isalpha() or word in _STOPWORDS:
        return False
    known = english_words()
    return not any(form in known for form in _lemmas(word))


def _no_name_among(forms: tuple[str, ...]) -> bool:
    """Whether a word's Japanese forms are only verbs or single kanji, none of which can be a name."""
    return bool(forms) and all(len(f) == 1 or _VERB_FORM.fullmatch(f) for f in forms[:2])


def _may_sound_like_name(word: str) -> bool:
    """Whether a lower-case word is worth transliterating: five letters or more ("show" is ジョー), no stopword."""
    return len(word) >= 5 and word.isalpha() and word not in _STOPWORDS


class Expansion(NamedTuple):
    """An English question's Japanese terms; ``names`` are those that stand for its capitalised words."""

    terms: list[str]
    names: list[str]
    unmatched: tuple[str, ...] = ()
    """Its words (no stopword) that found no term: "office" in "when did Biden take office?"."""


class TermExpander:
    """Finds Japanese terms for an English question: dictionary phrases first, then names by sound."""

    def __init__(
        self,
        lexicon: dict[str, tuple[str, ...]],
        *,
        transliterate: Callable[[str], str] | None = None,
        names: Mapping[str, str] | None = None,
        spellings: Mapping[str, str] | None = None,
        pinyin: Mapping[str, str] | None = None,
        max_terms: int = 12,
    ) -> None:
        """Set the dictionary.

        Args:
            lexicon: English words and phrases mapped to Japanese words, best first.
            transliterate: English name to katakana, for capitalised words the lexicon lacks.
            names: the corpus's katakana words (``katakana_words``): a transliteration is replaced by
                the one that sounds like it, when one clearly does.
            spellings: the names the corpus spells in Latin letters (``latin_spellings``): a question's words
                that spell one stand for it, before any dictionary sense ("Urzua" → ウルスア, not a transliteration).
            pinyin: the corpus's Chinese names in kanji by their pinyin (``pinyin.pinyin_keys``): Zhou → 周恩来.
            max_terms: the most terms returned.

        """
        if max_terms <= 0:
            raise ValueError(f"max_terms must be positive, got {max_terms}")
        self._lexicon = lexicon
        self._typed_words: list[str] | None = None
        self._transliterate = transliterate
        self._names = names or {}
        self._spellings = spellings or {}
        self._pinyin = pinyin or {}
        self._longest_spelling = max((len(k.split()) for k in self._spellings), default=0)
        self._max_terms = max_terms
        self._letters: LetterIndex | None = None
        self._forms: frozenset[str] | None = None

    def _by_letters(self, word: str) -> str:
        """The corpus name whose consonants are ``word``'s (``spelling.LetterIndex``), or ``""``.

        A katakana word the word list gives for some English word (カメラ, ヘルス) is a loanword, not a name:
        it is left out, so "Kamala" and "Harris" do not become a camera and health.
        """
        if self._letters is None:
            loanwords = self._loanwords()
            self._letters = LetterIndex(w for w in self._names.values() if w not in loanwords)
        return self._letters.nearest(word)

    def _loanwords(self) -> frozenset[str]:
        """The Japanese forms of the word list: katakana among them are loanwords (カメラ, ホテル), not names."""
        if self._forms is None:
            self._forms = frozenset(form for forms in self._lexicon.values() for form in forms)
        return self._forms

    def _name(self, word: str) -> str:
        """The corpus's spelling of a capitalised word the word list lacks, else its transliteration.

        The transliteration's nearest word (``nearest_word``) first, kept when its consonants agree with the
        English letters (a word found by its reading, 関門 for Kanmon, is kept as it is); then the name of
        the same consonants (``_by_letters``).
        """
        if romaji := self._romaji_name(word) or self._pinyin.get(word):
            return romaji
        spelling = self._transliterate(word) if self._transliterate else ""
        near = nearest_word(spelling, self._names)
        if near and (not _KATAKANA_WORD.fullmatch(near) or agreement(word, near) >= AGREEMENT):
            return near
        return self._by_letters(word) or ("" if self._misleading(spelling) else spelling)

    def _romaji_name(self, word: str) -> str:
        """The corpus word that sounds exactly like ``word`` read as romaji (Reiwa → 令和 by its reading), or ``""``."""
        katakana = hepburn_katakana(word)
        return self._names.get(sound_key(katakana), "") if katakana else ""

    def _lower_name(self, word: str) -> str:
        """The corpus name a lower-case ``word`` is: by its romaji reading, its exact sound, or its consonants."""
        return (
            self._romaji_name(word) or self._heard_name(word) or (self._by_letters(word) if _maybe_name(word) else "")
        )

    def _heard_name(self, word: str) -> str:
        """The corpus's katakana name that ``word`` sounds exactly like, transliterated, or ``""``."""
        if self._transliterate is None or not _may_sound_like_name(word):
            return ""
        return self._names.get(sound_key(self._transliterate(word)), "")

    def _misleading(self, spelling: str) -> bool:
        """Whether a transliteration stands in the corpus only inside other words.

        "Sung" read サング is the start of サングラス: a coincidence of letters that would only mislead the lexical
        match. A spelling the corpus holds as a word, or joined to a loanword (カペラ of カペラホテル), is kept; so is
        one it does not hold at all, whose letter pairs may still meet the name (ゼイク and ジェイク share イク).
        """
        loanwords = self._loanwords()
        holding = [word for word in self._names.values() if spelling and spelling in word]
        return bool(holding) and not any(
            all(not rest or rest in loanwords for rest in word.split(spelling)) for word in holding
        )

    def _split(self, word: str) -> list[str]:
        """A hyphenated pair of names as the two names ("Biden-Putin talks"), else the word as it is.

        Split only when each part is a name or word of the corpus: "Shin-Osaka" stays one place.
        """
        parts = word.split("-")
        if len(parts) < 2 or not all(len(p) >= 2 and p[0].isupper() for p in parts):
            return [word]
        names = set(self._names.values())
        known = all(self._lookup([p.lower()], 0)[1] or (self._transliterate and self._name(p) in names) for p in parts)
        return parts if known else [word]

    def _spelled(self, words: list[str], start: int) -> tuple[int, tuple[str, ...]]:
        """The longest run of words from ``start`` that spells a name of the corpus, and that name's parts."""
        for length in range(min(self._longest_spelling, len(words) - start), 0, -1):
            phrase = " ".join(words[start : start + length])
            if phrase in self._spellings and phrase not in _STOPWORDS:
                return length, tuple(self._spellings[phrase].split("・"))
        return 0, ()

    def _lookup(self, words: list[str], start: int) -> tuple[int, tuple[str, ...]]:
        """The longest phrase at ``start`` that the lexicon knows: (words used, its terms)."""
        for length in range(min(_MAX_PHRASE, len(words) - start), 0, -1):
            phrase = words[start : start + length]
            if length == 1 and phrase[0] in _STOPWORDS:
                return 1, ()
            known = [self._lexicon[v] for v in _lemmas(" ".join(phrase)) if v in self._lexicon]
            if len(known) > 1 and all(form.endswith("語") for form in known[0]):
                # "German troops": Germany's (ドイツ), the language (ドイツ語) after it
                known = [tuple(dict.fromkeys([*known[1], *known[0]])), *known[2:]]
            if known:
                # A word listed apart from its lemma may keep only a kanji of a word in the corpus ("sent": 発,
                # "cops": 察): the lemma's forms follow ("send": 送る). A word's own longer forms are its senses.
                weak = all(len(form) == 1 for form in known[0])
                return length, tuple(dict.fromkeys(itertools.chain(*known))) if weak else known[0]
        # A verb whose own glosses the corpus does not use may be there as its noun (announced → 発表).
        return 1, self._as_noun(words[start]) or self._open_compound(words[start])

    def _as_noun(self, word: str) -> tuple[str, ...]:
        """The terms of the first noun of verb ``word`` that the lexicon has (announce → announcement), or ``()``."""
        return next((self._lexicon[noun] for noun in _nouns_of(word) if noun in self._lexicon), ())

    def _slip_of(self, word: str) -> str:
        """The one word of the list ``word`` is a typing slip of (one letter off, or two swapped), or ``""``.

        Only for a word of six letters or more that no English dictionary knows (simplemma's tables) and that
        found no name: "interpretted" (interpret), "conferance", "goverment". A real word the cut list lacks
        ("dinner") is left alone: correcting it to "winner" would invent what the asker did not say.
        """
        if len(word) < _MIN_SLIP or not word.isalpha() or simplemma.is_known(word, lang="en"):
            return ""
        if self._typed_words is None:
            self._typed_words = sorted(k for k in self._lexicon if k.isalpha())
        near: set[str] = set()
        for form in _lemmas(word):
            if len(form) >= _MIN_SLIP - 1:
                near.update(
                    m for m, _, _ in process.extract(form, self._typed_words, scorer=OSA.distance, score_cutoff=1)
                )
        return near.pop() if len(near) == 1 else ""

    def _open_compound(self, word: str) -> tuple[str, ...]:
        """The terms of a compound written closed that the dictionary lists open: landmines → land mine (地雷)."""
        if len(word) < _MIN_COMPOUND or not word.isalpha():
            return ()
        for cut in range(3, len(word) - 2):
            for variant in _lemmas(f"{word[:cut]} {word[cut:]}"):
                if variant in self._lexicon:
                    return self._lexicon[variant]
        return ()

    def name_for(self, word: str) -> str:
        """The corpus's name one English ``word`` stands for ("putin" → プーチン), or ``""`` when it is none."""
        lower = word.lower()
        if lower in _STOPWORDS or (lower in self._lexicon and not word[0].isupper()):
            return ""
        spelled = self._spellings.get(lower)
        return spelled or self._lower_name(lower)

    def capitalise_names(self, text: str) -> str:
        """``text`` with lower-case words that sound exactly like a name of the corpus capitalised ("putin" → "Putin").

        Follow-ups tell names from topic words by their capitals, which people chatting often leave out.
        """
        transliterate = self._transliterate
        if transliterate is None:
            return text

        def spelled(match: re.Match[str]) -> str:
            word = match.group(0)
            if word.lower() in self._lexicon or not _maybe_name(word):
                return word
            return word.capitalize() if sound_key(transliterate(word)) in self._names else word

        return re.sub(r"\b[a-z]+\b", spelled, text)

    def expand(self, question: str) -> list[str]:
        """Japanese terms for ``question`` (empty when it has no English words)."""
        return self.expansion(question).terms

    def expansion(self, question: str) -> Expansion:
        """Japanese terms for ``question``, and which of them stand for its names (capitalised words)."""
        question = _US.sub("United States", question)
        found_words: list[str] = []
        coded: list[bool] = []
        for match in re.finditer(r"[A-Za-z](?:[A-Za-z'’-]*[A-Za-z])?", question):
            parts = [_SHORTHAND.get(part, part) for part in self._split(match.group(0))]
            found_words += parts
            # "cop3", "G7", "hayabusa2": letters glued to a number name a thing; "cop" is no police officer there.
            coded += [False] * (len(parts) - 1) + [question[match.end() : match.end() + 1].isdigit()]
        # "Biden's" is Biden: the possessive would hide the name from the word list and the transliterator,
        # and it marks a name even as the question's first word.
        possessive = [bool(re.search(r"['’]s$", w)) for w in found_words]
        originals = [re.sub(r"['’]s$", "", w) for w in found_words]
        words = [w.lower() for w in originals]
        terms: list[str] = []
        names: list[str] = []
        unmatched: list[str] = []
        i = 0
        while i < len(words):
            if i > 0 and words[i - 1] == "how" and words[i] in _AFTER_HOW:
                i += 1
                continue
            used, found = self._spelled(words, i)
            if used == 1 and originals[i][:1].islower() and words[i] in self._lexicon:
                # "leave" in "the leave vote" is a word, though the corpus spells ヴォート・リーヴ(Vote Leave): one
                # word of a spelling counts alone only written as a name.
                used, found = 0, ()
            is_name = originals[i][0].isupper() and (i > 0 or possessive[i]) and words[i] not in _STOPWORDS
            if found:
                is_name = True
            else:
                used, found = (1, ()) if coded[i] else self._lookup(words, i)
                if is_name and used == 1 and _no_name_among(found) and (heard := self._heard_name(words[i])):
                    # "Begin", "Rice", "Moon": a capitalised word whose senses are a verb or one kanji (始まる, 米,
                    # 月) and that sounds exactly like a name of the corpus is that name; 広島 stays for Hiroshima.
                    found = (heard,)
            if not found and used == 1 and self._transliterate and is_name:
                found = (self._name(words[i]),)
            elif not found and used == 1 and words[i] in self._pinyin:
                found, is_name = (self._pinyin[words[i]],), True  # "the mao meeting": a Chinese name in lower case
            elif not found and used == 1 and self._transliterate and _may_sound_like_name(words[i]):
                # "biden", "lavrov": typed in lower case, a name is still one when it sounds exactly like a word
                # of the corpus, or, not being an English word, has its consonants ("ryabkov"); a near sound is
                # not enough: "laptop" is near ラブロフ, "pushed" near ブッシュ. An English word the corpus's word
                # list lacks counts only by its exact sound: "carter" is one who carts, and カーター in the corpus.
                near = self._lower_name(words[i])
                if not near and len(words[i]) > 4 and words[i].endswith("s"):
                    near = self._lower_name(words[i][:-1])  # "blinkens role": a possessive typed without its apostrophe
                found, is_name = ((near,), True) if near else ((), False)
            if not found and used == 1 and not is_name and (meant := self._slip_of(words[i])):
                found = self._lexicon[meant]  # "interpretted", "conferance": a slip of a word the list knows
            if _names_a_thing(words, i, used):
                nouns = tuple(t for t in found if not _VERB_FORM.fullmatch(t))
                if found and not nouns and used == 1 and not words[i].endswith("ed"):
                    # "an invite": the verb's noun (invitation → 招請), as the word names the act; "an organised
                    # group" is no organisation
                    nouns = self._as_noun(words[i])
                found = nouns
            if not found and words[i] not in _STOPWORDS and not coded[i]:
                unmatched.append(words[i])
            kept = [t for t in found[:2] if t and t not in terms]
            if any(len(t) > 1 for t in kept):
                # One kanji is many senses ("place" → 位 of 地位, "back" → 背): a longer form says which is meant.
                kept = [t for t in kept if len(t) > 1]
            terms.extend(kept)
            if is_name:
                names.extend(kept)
            i += used
        kept = terms[: self._max_terms]
        return Expansion(kept, [n for n in names if n in kept], tuple(unmatched))


def name_transliterator() -> Callable[[str], str] | None:
    """e2k's English-to-katakana converter for names the lexicon lacks (None when e2k is missing)."""
    try:
        import e2k
    except ImportError:
        log.warning("e2k is not installed: English names will not be transliterated")
        return None
    converter = e2k.C2K()

    @functools.lru_cache(maxsize=4096)
    def transliterate(word: str) -> str:
        # Each part of a hyphenated name alone: "Shin-Osaka" is シン + オサカ, not シノサカ.
        return "".join(str(converter(part)) for part in word.split("-") if part)

    return transliterate
