"""Japanese-aware lexical scoring: character bigrams over CJK runs, words elsewhere, ranked by BM25."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import bm25s
import numpy as np

from corpus.text import strip_footnotes
from retrieval.morphology import in_pieces, morphemes
from retrieval.types import Vectors

# bm25s sets its own logger to DEBUG on import, which would print under every CLI command;
# hand the level back to the application's logging configuration.
logging.getLogger("bm25s").setLevel(logging.NOTSET)

_RUNS = re.compile(
    r"""
    (?P<cjk>[\u3040-\u30ff\u3400-\u9fff\u30fc]+)   # kana and kanji
    | (?P<word>[0-9a-z]+)                          # latin words and numbers
    """,
    re.VERBOSE,
)
_KANA_PARTICLES = frozenset("はがをにでとのもへやか")
#: Marks a katakana word may carry or drop in this machine-translated text (プーチン/プチン,
#: ジョー・バイデン/ジョーバイデン, アナトリ―アントノフ with a dash for the long vowel, フィルターシュ/フィルタッシュ).
_KATAKANA_MARKS = re.compile(r"[ー―‐・･ッ]")
#: White space between two katakana letters: one name written as one word or two.
_KATAKANA_GAP = re.compile(r"(?<=[\u30a1-\u30fc])\s+(?=[\u30a1-\u30fc])")
#: ヴ spellings and their バ-row equivalents (ヴィラ/ビラ, ヴァレリー/バレリー).
_VU = str.maketrans({"ヴ": "ブ"})
_VU_PAIRS = (("ヴァ", "バ"), ("ヴィ", "ビ"), ("ヴェ", "ベ"), ("ヴォ", "ボ"))


def fold(text: str) -> str:
    """Fold spelling variants for matching: NFKC, lower case, katakana marks and ヴ spellings unified.

    Used for BM25 terms and for matching a question's names against sentences; never for display.
    """
    text = unicodedata.normalize("NFKC", text).lower()
    text = _KATAKANA_GAP.sub("", text)
    for long_form, short_form in _VU_PAIRS:
        text = text.replace(long_form, short_form)
    return _KATAKANA_MARKS.sub("", text.translate(_VU))


#: Short and long forms of a country's name, the two ways of saying "posted in" (駐米 / 在米), the day or year
#: next to another said in words or in one (次の日 / 翌日), and ministers' short titles (外相 / 外務大臣): Japanese
#: writes either, so a question in one matches a sentence in the other. Each form is also searched as the other.
_FORMS = (
    ("アメリカ", "米国"),
    ("イギリス", "英国"),
    ("ソビエト", "ソ連"),
    ("東独", "東ドイツ"),
    ("西独", "西ドイツ"),
    ("駐", "在"),
    ("次の日", "翌日"),
    ("前の日", "前日"),
    ("次の年", "翌年"),
    ("前の年", "前年"),
    ("次の月", "翌月"),
    ("同じ日", "同日"),
    ("外相", "外務大臣"),
    ("国防相", "国防大臣"),
    ("参謀総長", "参謀本部長"),
    ("財務相", "財務大臣"),
    ("返し", "答え"),
)


def with_variants(text: str) -> str:
    """``text`` followed by its copies with each form of ``_FORMS`` written the other way, for BM25 queries.

    「駐ロシアのアメリカ大使」 also searches 在ロシアのアメリカ大使 and 駐ロシアの米国大使; a text with no such form is
    returned as it is.
    """
    copies = [text]
    for one, other in _FORMS:
        for source, target in ((one, other), (other, one)):
            if source in text:
                copies.append(text.replace(source, target))
    return " ".join(copies)


#: A bracketed aside: 「Ryugu」, (英語: Hayabusa2), 北大西洋条約機構(NATO).
_BRACKETED = re.compile(r"「[^」\n]*」|『[^』\n]*』|\([^)\n]*\)|（[^）\n]*）")
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9ōūāēī'.-]*")


def without_glosses(text: str) -> str:
    """``text`` with the Latin words of its bracketed asides removed, for BM25.

    An aside such as (英語: Akashi Kaikyō Bridge) or 「Ryugu」 glosses a name the sentence writes in
    Japanese; as a search term it would tie an English question that uses the name to the one
    passage that glosses it (the lead, the naming paragraph), whatever the question asks.
    """
    return _BRACKETED.sub(lambda m: _LATIN_RUN.sub(" ", m.group(0)), text)


def frame_words(words: Iterable[str], documents: Iterable[tuple[list[str], str]], *, share: float) -> list[str]:
    """The ``words`` found in at least ``share`` of some document's passages (each passage already folded).

    ``documents`` gives each document's passages and the same passages joined in one text (``LoadedIndex``
    keeps both). An article's frame (バイデン and プーチン in an article about their summit) is in most of its
    passages: as search terms they pick the passage that repeats them most, not the one that
    answers, so the lexical query leaves them out (the question's meaning, embedded whole, keeps them).
    """
    # A word written fewer times in a document than the share of its passages asked is in too few of them: one
    # count over the joined text (no question word spans two passages) rules out most documents of a corpus of
    # many articles before the passages are counted one by one.
    passages = [(texts, joined, share * len(texts)) for texts, joined in documents if texts]
    frame = []
    for word in words:
        folded = fold(word)
        if folded and any(
            joined.count(folded) >= needed and sum(folded in t for t in texts) >= needed
            for texts, joined, needed in passages
        ):
            frame.append(word)
    return frame


def tokenize(text: str) -> list[str]:
    """Split text into BM25 terms: character bigrams and the analyser's words for Japanese, lower-case words otherwise.

    The text is folded first (``fold``), so spelling variants of one name share their bigrams. A bigram of
    two hiragana (の船 stays, って and のは go) is grammar, not content: a casual question's endings would
    match any passage that happens to share them. A lone kana (usually a particle) is dropped; a lone
    kanji is kept as a unigram. The words (``analysed_words``) match what bigrams split or blur (通航料 as
    one term, 造っ and 造ら as 造る).
    """
    bare = strip_footnotes(text)
    folded = fold(bare)
    tokens: list[str] = []
    for match in _RUNS.finditer(folded):
        if match.group("word"):
            tokens.append(match.group("word"))
            continue
        run = match.group("cjk")
        if len(run) == 1:
            if run not in _KANA_PARTICLES:
                tokens.append(run)
            continue
        tokens.extend(pair for i in range(len(run) - 1) if not _HIRAGANA_PAIR.fullmatch(pair := run[i : i + 2]))
    if _JAPANESE.search(folded):
        tokens.extend(analysed_words(bare))
    return tokens


#: Two hiragana: an ending or a particle and the kana after it, as character bigrams cut them.
_HIRAGANA_PAIR = re.compile(r"[\u3041-\u309f]{2}")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
#: The analyser's parts of speech that are grammar, not content: particles, auxiliaries, symbols, spaces.
_GRAMMAR = frozenset(["助詞", "助動詞", "補助記号", "空白", "記号"])


#: Marks a SudachiDict synonym group as a BM25 term (no word or bigram holds it).
SYNONYM_MARK = "§"


def analysed_words(text: str) -> list[str]:
    """The Japanese content words of ``text`` as the analyser cuts them (short units), normalised and folded.

    A two-letter word is also one of the text's bigrams: BM25 then counts it twice, a word's weight.
    """
    normal = unicodedata.normalize("NFKC", text)
    words = []
    for morpheme in (m for piece in in_pieces(normal) for m in morphemes(piece)):
        if morpheme.part_of_speech()[0] in _GRAMMAR:
            continue
        if morpheme.surface().isascii():
            continue  # Latin words and numbers are terms already (the analyser would spell "Biden" バイデン)
        for match in _RUNS.finditer(fold(morpheme.normalized_form())):
            word = match.group("cjk")
            if word and not (len(word) == 1 and word in _KANA_PARTICLES):
                words.append(word)
        if len(morpheme.dictionary_form()) >= 2:
            # Its synonym groups, as terms of their own: 医者 asked finds 医師 written, 経費 finds 費用.
            words.extend(synonym_terms(morpheme))
    return words


def synonym_terms(morpheme: Any) -> list[str]:
    """The terms of the SudachiDict synonym groups ``morpheme`` is in: 医者 and 医師 share one, 経費 and 費用."""
    return [f"{SYNONYM_MARK}{group}" for group in morpheme.synonym_group_ids()]


def is_synonym_term(term: str) -> bool:
    """Whether a BM25 term is a synonym group's (``analysed_words``), not a word or a bigram of the text."""
    return term.startswith(SYNONYM_MARK)


#: BM25's length normalisation (Lucene's default is 0.75). A passage here is one paragraph, from an article's
#: one-sentence lead to a long account: at 0.75 the short lead, holding the article's frame (ジュネーブ, 首脳会談),
#: outscores the paragraph that also holds the year asked about. Chosen on the suite of 35 sets against 0.75,
#: 0.5 and 0.25: 0.4 put 6 more English passages first (of 707), the Japanese even (628); 0.25 gave one more
#: wrong short answer on a blind set, 0.5 two fewer first passages.
BM25_B = 0.4
BM25_K1 = 1.5


class LexicalIndex:
    """BM25 over a fixed list of texts (bm25s, Lucene scoring, ``BM25_K1`` and ``BM25_B``)."""

    def __init__(self, texts: list[str]) -> None:
        """Index ``texts``; their positions are the ids ``scores`` uses."""
        self._size = len(texts)
        self._bm25 = bm25s.BM25(k1=BM25_K1, b=BM25_B)
        # bm25s cannot index an empty document list or an empty document.
        self._bm25.index([tokenize(t) or ["\u0000"] for t in texts] or [["\u0000"]], show_progress=False)

    def scores(self, tokens: list[str]) -> Vectors:
        """BM25 score of every indexed text for the query terms (zeros when none match)."""
        if not tokens or not self._size:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)[: self._size]
