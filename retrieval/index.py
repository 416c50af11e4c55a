"""One generation of the index as a process holds it in memory, and what a build reports."""

from __future__ import annotations

import functools
import logging
import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import numpy as np

from corpus.delegations import parse_delegations
from corpus.loading import Corpus, Document
from corpus.timeline import extract_events, first_full_date, last_year
from retrieval._build import collection_names, passage_text
from retrieval._span_shapes import family_names
from retrieval.coverage import content_words, name_readings
from retrieval.features import ANSWER_TYPES, AnswerType, answer_types_of, is_quantity, specifics_of
from retrieval.lexical import LexicalIndex, fold, without_glosses
from retrieval.manifest import Counts, DocumentInfo, Manifest
from retrieval.pinyin import PinyinNames
from retrieval.ranking import held_per_chunk
from retrieval.translation import katakana_words, latin_spellings, quoted_hiragana_names, sound_key
from retrieval.types import Chunk, Sentence, Vectors

__all__ = ["BuildReport", "Counts", "DocumentInfo", "LoadedIndex", "Manifest", "passage_text"]

log = logging.getLogger(__name__)


#: A timeline's entry: a full date, then a colon or a space, then what happened.
_DATED_ENTRY = re.compile(r"^\d{3,4}年\d{1,2}月\d{1,2}日(?:\([^)]*\))?\s*[:：\s]", re.MULTILINE)


def is_dated_list(text: str) -> bool:
    """Whether most lines of ``text`` are dated entries: a timeline, which repeats in a line what prose tells."""
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and 2 * len(_DATED_ENTRY.findall(text)) >= len(lines)


#: An infobox row as the chunker writes it: 「会場 | ヴィララグランジ[2]」.
_INFOBOX_LINE = re.compile(r"[^|\n]+ \| [^|\n]+")


def is_infobox(text: str) -> bool:
    """Whether every line of ``text`` is an infobox row: the facts the prose tells again in full."""
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and all(_INFOBOX_LINE.fullmatch(line.strip()) for line in lines)


@dataclass(frozen=True, kw_only=True)
class LoadedIndex:
    """One generation of the index, ready to answer from."""

    generation: str
    chunks: list[Chunk]
    sentences: list[Sentence]
    """Every sentence of every chunk, chunk order kept."""
    sentence_vectors: Vectors
    sentence_chunk: np.ndarray[Any, np.dtype[np.intp]]
    """For each sentence, the position of its chunk in ``chunks``."""
    chunk_position: dict[str, int]
    """Each chunk id's position in ``chunks``."""
    documents: dict[str, DocumentInfo]
    chunk_lexical: LexicalIndex
    sentence_lexical: LexicalIndex
    sentence_types: dict[AnswerType, Vectors]
    """Per answer type, 1.0 for each sentence that can give that kind of answer."""
    specific_sentences: dict[str, np.ndarray[Any, np.dtype[np.intp]]]
    """Each quantity or name a sentence holds (``features.specifics_of``), with the sentences holding it."""
    lexicon: dict[str, tuple[str, ...]]
    """English → Japanese terms, cut down to this corpus's words."""
    vocabulary: frozenset[str]
    """The corpus's content words (the first set of ``coverage.word_forms``)."""
    folded_text: str
    """Every chunk's text, folded, for spotting words the corpus never uses."""

    @functools.cached_property
    def english_forms(self) -> dict[str, str]:
        """Japanese form → English word: for showing names to English readers.

        First the names the corpus spells in Latin letters (``latin_spellings``), read backwards: a
        name spelled once in brackets (ウォーレン・クリストファー(Warren Christopher)) is shown so wherever
        it stands, whole or by its parts (クリストファー → christopher). Then the lexicon read backwards:
        only a word's first (most used) form maps back; of several words sharing it, the one of fewest
        words, then the shortest, wins (ジュネーブ → geneva, not geneva convention).
        """
        found: dict[str, str] = {}
        for latin, name in self.latin_spellings.items():
            found.setdefault(name, latin)
        for key in sorted(self.lexicon, key=lambda k: (len(k.split()), len(k), k)):
            forms = self.lexicon[key]
            if forms:
                found.setdefault(forms[0], key)
        return found

    @functools.cached_property
    def folded_passages(self) -> dict[str, list[str]]:
        """Each document's passages (section heading and text), folded: where ``lexical.frame_words`` looks."""
        found: dict[str, list[str]] = defaultdict(list)
        for chunk in self.chunks:
            found[chunk.document].append(fold(f"{chunk.section_title}\n{chunk.text}"))
        return dict(found)

    @functools.cached_property
    def folded_documents(self) -> dict[str, str]:
        """Each document's passages, folded, in one text: where a thing asked about and frame words are looked for."""
        return {document: "\n".join(passages) for document, passages in self.folded_passages.items()}

    @functools.cached_property
    def katakana_words(self) -> dict[str, str]:
        """The corpus's katakana words and the readings of its kanji names by sound (``translation.katakana_words``).

        For English names: Lavrov → ラブロフ as written, Shinagawa → 品川 by its reading シナガワ, Nozomi → 「のぞみ」,
        and the words of titles and headings by reading (Kanmon → 関門, a common noun to the analyser).
        """
        words = katakana_words(chunk.text for chunk in self.chunks)
        for reading, surface in name_readings(chunk.text for chunk in self.chunks).items():
            words.setdefault(sound_key(reading), surface)
        headings = {info.title for info in self.documents.values()} | {chunk.section_title for chunk in self.chunks}
        for reading, surface in name_readings(sorted(headings), proper_only=False).items():
            words.setdefault(sound_key(reading), surface)
        for key, name in quoted_hiragana_names(chunk.text for chunk in self.chunks).items():
            words.setdefault(key, name)
        return words

    @functools.cached_property
    def pinyin_names(self) -> PinyinNames:
        """The corpus's names in kanji by their pinyin, for English questions about Chinese people (``pinyin``)."""
        return PinyinNames(chunk.text for chunk in self.chunks)

    @functools.cached_property
    def years_before(self) -> list[int | None]:
        """Per chunk, the year its article wrote last in the chunks before it (``timeline.last_year``), or ``None``.

        What a month with no year means in an article whose infobox gives no date; worked out once per generation.
        """
        found: list[int | None] = []
        year: int | None = None
        for i, chunk in enumerate(self.chunks):
            if i == 0 or chunk.document != self.chunks[i - 1].document:
                year = None
            found.append(year)
            year = last_year(chunk.text) or year
        return found

    @functools.cached_property
    def dated_lists(self) -> Vectors:
        """1.0 for each chunk that is a timeline (「2019年5月1日:天皇徳仁が即位。」…), else 0.0."""
        return np.array([is_dated_list(c.text) for c in self.chunks], dtype=np.float32)

    @functools.cached_property
    def infoboxes(self) -> Vectors:
        """1.0 for each chunk that is an article's infobox (``is_infobox``), else 0.0."""
        return np.array([is_infobox(c.text) for c in self.chunks], dtype=np.float32)

    @functools.cached_property
    def chunk_types(self) -> dict[AnswerType, Vectors]:
        """For each kind of answer, 1.0 for each chunk with a sentence holding it, else 0.0."""
        n = len(self.chunks)
        return {kind: held_per_chunk(holding, self.sentence_chunk, n) for kind, holding in self.sentence_types.items()}

    @functools.cached_property
    def leads(self) -> Vectors:
        """1.0 for each chunk of an article's lead (under its title, not its infobox), else 0.0."""
        titles = {document: info.title for document, info in self.documents.items()}
        return np.array([c.section_title == titles.get(c.document) for c in self.chunks], dtype=np.float32) * (
            1.0 - self.infoboxes
        )

    @functools.cached_property
    def folded_titles(self) -> tuple[str, ...]:
        """Each article's title, folded."""
        return tuple(fold(info.title) for info in self.documents.values())

    @functools.cached_property
    def chunk_documents(self) -> list[str]:
        """Each chunk's document."""
        return [c.document for c in self.chunks]

    def named_documents(self, folded_question: str) -> set[str]:
        """The documents a (folded) question names by a word of their title no other article writes."""
        return {d for d, words in self.title_words.items() if any(w in folded_question for w in words)}

    @functools.cached_property
    def title_words(self) -> dict[str, tuple[str, ...]]:
        """Each article's title words that no other article writes (ポツダム of ポツダム会談, not 会談), folded."""
        texts = self.folded_documents
        found = {}
        for document, info in self.documents.items():
            own = {fold(w) for w in content_words(info.title)}
            others = [text for d, text in texts.items() if d != document]
            found[document] = tuple(sorted(w for w in own if w and not any(w in text for text in others)))
        return found

    @functools.cached_property
    def subject_names(self) -> tuple[str, ...]:
        """What names each article's subject: its title and its infobox's city (ジュネーブ: "the Geneva summit").

        Not its venue: a question about the venue's past (when the city bought the house) asks about the venue.
        """
        return tuple(
            text
            for info in self.documents.values()
            for text in (info.title, str(info.facts.get("city", {}).get("value", "")))
            if text
        )

    @functools.cached_property
    def subject_dates(self) -> Vectors:
        """1.0 for each sentence stating its own article's date (the infobox's 日にち, 2021年6月16日), else 0.0.

        The date the article is about: a question asking when "the summit" was, in the article's frame words
        only, asks for it (``Answerer._bonuses``). A range's first day counts (1989年12月2日から3日).
        """
        written = {}
        for document, info in self.documents.items():
            when = first_full_date(str(info.facts.get("date", {}).get("value", "")))
            if when is not None:
                written[document] = f"{when.year}年{when.month}月{when.day}日"
        stated = []
        for sentence in self.sentences:
            own = written.get(self.chunks[sentence.chunk].document)
            stated.append(own is not None and own in sentence.text.replace(" ", ""))
        return np.array(stated, dtype=np.float32)

    @functools.cached_property
    def family_names(self) -> frozenset[str]:
        """The names people go by alone in the corpus (``_span_shapes.family_names``), for short answers.

        Not a word of the English word list (サルベージ of スミット・サルベージ is salvage).
        """
        words = frozenset(form for forms in self.lexicon.values() for form in forms)
        return family_names((chunk.text for chunk in self.chunks), words=words)

    @functools.cached_property
    def latin_spellings(self) -> dict[str, str]:
        """The names the corpus spells in Latin letters in brackets (``translation.latin_spellings``)."""
        return latin_spellings(chunk.text for chunk in self.chunks)

    @property
    def chunk_collection(self) -> str:
        """The chroma collection holding this generation's chunks."""
        return collection_names(self.generation)[0]

    def holding(self, specific: str) -> np.ndarray[Any, np.dtype[np.intp]]:
        """The sentences holding ``specific``: the same quantity, or a name containing it (ラブロフ)."""
        exact = self.specific_sentences.get(specific)
        if is_quantity(specific):
            return exact if exact is not None else np.empty(0, dtype=np.intp)
        found = [rows for name, rows in self.specific_sentences.items() if specific in name]
        return np.unique(np.concatenate(found)) if found else np.empty(0, dtype=np.intp)

    @functools.cached_property
    def counter_sentences(self) -> dict[str, np.ndarray[Any, np.dtype[np.intp]]]:
        """Each counter or unit the corpus counts in (人, 票, メートル), with the sentences holding such a quantity."""
        found: dict[str, list[np.ndarray[Any, np.dtype[np.intp]]]] = defaultdict(list)
        for specific, rows in self.specific_sentences.items():
            counter = specific.lstrip("0123456789.")
            if is_quantity(specific) and counter:
                found[counter].append(rows)
        return {counter: np.unique(np.concatenate(rows)) for counter, rows in found.items()}

    def counting(self, counters: Collection[str]) -> Vectors:
        """1.0 for each sentence holding a quantity in one of ``counters`` (人, メートル), else 0.0."""
        held = np.zeros(len(self.sentences), dtype=np.float32)
        for counter, rows in self.counter_sentences.items():
            if counter.endswith(tuple(counters)):  # 億円 is counted in 円, キロメートル in メートル
                held[rows] = 1.0
        return held

    def members(self, chunk: int) -> np.ndarray[Any, np.dtype[np.intp]]:
        """Positions of the sentences of chunk ``chunk``."""
        return np.flatnonzero(self.sentence_chunk == chunk)


@dataclass(frozen=True)
class BuildReport:
    """What a build did: shown after ``reindex``."""

    documents: int
    chunks: int
    sentences: int
    seconds: float
    errors: tuple[str, ...]
    previous_chunks: int | None


def document_info(document: Document) -> DocumentInfo:
    """The facts served with a generation: built once here, never reparsed from the corpus per call."""
    article = document.article
    facts = {key: fact._asdict() for key, fact in article.facts.items()}
    return DocumentInfo(
        title=article.title,
        references=article.references,
        facts=facts,
        delegations=tuple(parse_delegations(article)),
        events=tuple(extract_events(article)),
    )


def corpus_text(corpus: Corpus) -> str:
    parts = []
    for document in corpus.documents:
        article = document.article
        parts.append(article.title)
        parts.extend(s.path[-1] for s in article.sections)
        parts.extend(p.text for s in article.sections for p in s.paragraphs)
    return "\n".join(parts)


def _inverted(specifics: list[frozenset[str]]) -> dict[str, np.ndarray[Any, np.dtype[np.intp]]]:
    rows: dict[str, list[int]] = defaultdict(list)
    for i, found in enumerate(specifics):
        for item in found:
            rows[item].append(i)
    return {item: np.array(found, dtype=np.intp) for item, found in rows.items()}


def _lexical_text(chunk: Chunk) -> str:
    """What BM25 reads of a chunk: its heading and text, the heading once (a lead opens with the title it is under)."""
    return chunk.text if chunk.section_title in chunk.text else f"{chunk.section_title} {chunk.text}"


def loaded(
    generation: str,
    chunks: list[Chunk],
    records: list[Chunk],
    vectors: Vectors,
    documents: dict[str, DocumentInfo],
    lexicon: dict[str, tuple[str, ...]],
    vocabulary: frozenset[str],
) -> LoadedIndex:
    position = {c.id: i for i, c in enumerate(chunks)}
    sentences = [Sentence(r.id, position[r.id.rsplit("/", 1)[0]], r.text, r.footnotes) for r in records]
    types = [answer_types_of(s.text) for s in sentences]
    return LoadedIndex(
        generation=generation,
        chunks=chunks,
        sentences=sentences,
        sentence_vectors=vectors,
        sentence_chunk=np.array([s.chunk for s in sentences], dtype=np.intp),
        chunk_position=position,
        documents=documents,
        chunk_lexical=LexicalIndex([without_glosses(_lexical_text(c)) for c in chunks]),
        sentence_lexical=LexicalIndex([without_glosses(s.text) for s in sentences]),
        sentence_types={kind: np.array([kind in t for t in types], dtype=np.float32) for kind in ANSWER_TYPES},
        specific_sentences=_inverted([specifics_of(s.text) for s in sentences]),
        lexicon=lexicon,
        vocabulary=vocabulary,
        folded_text=fold("\n".join(f"{c.section_title}\n{c.text}" for c in chunks)),
    )
