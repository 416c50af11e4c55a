"""English questions get Japanese terms, so the Japanese article can be matched word for word."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data"
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
    ]
)
_SUFFIXES = (
    ("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
    ("ing", ""), ("ing", "e"), ("d", ""), ("er", ""), ("est", ""),
)  # fmt: skip
_MAX_PHRASE = 3


def read_lexicon(*paths: Path) -> dict[str, tuple[str, ...]]:
    """Read tab-separated ``english<TAB>ja1|ja2`` files; earlier files win for the same key.

    Raises:
        OSError: a file cannot be read.

    """
    lexicon: dict[str, tuple[str, ...]] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            key, _, forms = line.partition("\t")
            lexicon.setdefault(key.strip().lower(), tuple(f for f in forms.split("|") if f))
    return lexicon


def _lemmas(word: str) -> list[str]:
    found = [word]
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            found.append(word[: -len(suffix)] + replacement)
    return found


class TermExpander:
    """Finds Japanese terms for an English question: dictionary phrases first, then names by sound."""

    def __init__(
        self,
        lexicon: dict[str, tuple[str, ...]],
        *,
        transliterate: Callable[[str], str] | None = None,
        max_terms: int = 12,
    ) -> None:
        """Set the dictionary.

        Args:
            lexicon: English words and phrases mapped to Japanese words, best first.
            transliterate: English name to katakana, for capitalised words the lexicon lacks.
            max_terms: the most terms returned.

        """
        if max_terms <= 0:
            raise ValueError(f"max_terms must be positive, got {max_terms}")
        self._lexicon = lexicon
        self._transliterate = transliterate
        self._max_terms = max_terms

    @classmethod
    def bundled(cls, *, names: bool = True) -> TermExpander:
        """The expander over the shipped glossary and JMdict-derived lexicon, with e2k for names."""
        lexicon = read_lexicon(DATA / "en_ja_glossary.tsv", DATA / "en_ja_lexicon.tsv")
        return cls(lexicon, transliterate=_e2k() if names else None)

    def _lookup(self, words: list[str], start: int) -> tuple[int, tuple[str, ...]]:
        """The longest phrase at ``start`` that the lexicon knows: (words used, its terms)."""
        for length in range(min(_MAX_PHRASE, len(words) - start), 0, -1):
            phrase = words[start : start + length]
            if length == 1 and phrase[0] in _STOPWORDS:
                return 1, ()
            for variant in _lemmas(" ".join(phrase)):
                if variant in self._lexicon:
                    return length, self._lexicon[variant]
        return 1, ()

    def expand(self, question: str) -> list[str]:
        """Japanese terms for ``question`` (empty when it has no English words)."""
        originals = re.findall(r"[A-Za-z][A-Za-z'-]*", question)
        words = [w.lower() for w in originals]
        terms: list[str] = []
        i = 0
        while i < len(words):
            used, found = self._lookup(words, i)
            is_name = originals[i][0].isupper() and i > 0 and words[i] not in _STOPWORDS
            if not found and used == 1 and self._transliterate and is_name:
                found = (self._transliterate(words[i]),)
            terms.extend(t for t in found[:2] if t and t not in terms)
            i += used
        return terms[: self._max_terms]


def _e2k() -> Callable[[str], str] | None:
    try:
        import e2k
    except ImportError:
        log.warning("e2k is not installed: English names will not be transliterated")
        return None
    converter = e2k.C2K()
    return lambda word: str(converter(word))
