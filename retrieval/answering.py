"""The Answerer: a question in, the article's passages out, best first, with highlights and citations."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import cast

import numpy as np

from config.errors import QuestionError, ReferenceNotFoundError
from retrieval.coverage import content_words, without_words
from retrieval.features import asked_types, is_quantity, question_specifics
from retrieval.generations import IndexManager
from retrieval.index import BuildReport, LoadedIndex
from retrieval.lexical import fold, frame_words, is_synonym_term, tokenize, with_variants
from retrieval.question import clean_question, is_small_talk, language_of
from retrieval.ranking import (
    Fusion,
    Weights,
    best_per_chunk,
    choose_highlight,
    fuse,
    held_per_chunk,
    kinds_missing,
    of_documents,
    specifics_bonus,
    top_indices,
    type_bonus,
)
from retrieval.refusal import refusal_reason
from retrieval.spans import SpanContext, asked_measures, find_short
from retrieval.store import ChromaStore
from retrieval.subject import about_subject
from retrieval.translation import Expansion, TermExpander, english_words, is_listed
from retrieval.types import Answer, Citation, Embedder, Passage, Vectors
from retrieval.views import find_document

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AnswerPolicy:
    """Tunable behaviour of the answerer: every default lives here (the settings override some)."""

    top_k: int = 3
    refusal_threshold: float = 0.83
    max_question_chars: int = 1000
    candidates: int = 50
    weights: Weights = field(default_factory=Weights)
    fusion: Fusion = "weighted"
    highlight_lexical: float = 0.03
    """How much a sentence's normalised BM25 adds when choosing the highlight, for a Japanese question (chosen on
    the suite of 35 sets with BM25's b at 0.4: 0.03 lit 3 more right than 0.05, 0.08 nine fewer)."""
    english_highlight_lexical: float = 0.01
    """The same for an English question, whose BM25 terms are looked up, not typed: one of a passage's sentences
    holding more of them is less often the one that answers (chosen on the suite: 0.02 lit 9 more right than 0.05,
    0.0 five more; with BM25's b at 0.4, 0.01 one more than 0.02, 0.005 one fewer)."""
    type_bonus: float = 0.04
    """Added to sentences holding the kind of answer the question asks for (a date for "when")."""
    specifics_bonus: float = 0.08
    """Added, times the rarity-weighted share of the question's numbers and names a sentence holds, scaled by
    how rare the rarest of them is (``ranking.specifics_bonus``)."""
    english_offset: float = -0.01
    """Added to the threshold for English questions, whose similarity to Japanese text runs lower."""
    frame_share: float = 0.25
    """A question word found in this share of some document's passages is that article's frame
    (the summit's two presidents) and is left out of the lexical query."""
    unsupported_margin: float = 0.015
    """A question whose best passage matches it this much better without its words the corpus never
    uses (天気, 費用) is declined: the passage does not speak to them. The similarity moves by about as much
    for a word the passage does speak to in other words (chosen on the suite of 29 sets: 0.015 declined 3 fewer
    answerable Japanese questions of 508 than 0.010 and 1 fewer unanswerable one of 130; 0.0175 and 0.02 let
    the weather on the day through, 7 to 8 unanswerable ones)."""
    timeline_malus: float = 0.2
    """Taken from a timeline passage's score: its one-line entry repeats what a prose passage tells in full, with
    the same footnote, and the prose is what a reader wants shown."""
    infobox_malus: float = 0.2
    """Taken from an infobox's score: its rows (会場 | ヴィララグランジ) repeat what the prose tells, and come first
    only when no prose passage answers (on the suite of 37 sets 0.1 and 0.2 differ by one row; none, many more lost)."""
    subject_bonus: float = 1.0
    """Added to the prose passages stating an article's own date (``LoadedIndex.subject_dates``) for a question
    asking when about the article's subject itself (``subject.about_subject``): "When was the summit?" asks for the
    summit's date, not the 1985 summit's of its history section. As large as the fused scores' spread: a rule, not
    a nudge (0.5 left 「サミットはいつ？」 on the venue's sentence; the suite could not tell 0.5 from 1.0)."""
    title_frame: bool = True
    """Whether the question's words in an article's title are left out of its lexical query (``_titled``): on the
    suite of 41 sets, English hit@1 +3, Japanese +2 (the Potsdam set most)."""
    untyped_malus: float = 0.1
    """Taken from a passage none of whose sentences holds the kind of answer asked (no date for "when", no count
    for "how many"): it speaks of the thing, not of what is asked (on the suite of 41 sets: Japanese hit@1 +3, two
    more unanswerable ones declined; 0.2 gained Japanese +6 but lost English hit@3 -4)."""
    named_bonus: float = 0.4
    """Added to the passages of an article the question names by its title (``_article_signals``): in a corpus of many
    articles, "the first session of the Potsdam Conference" is Potsdam's, not Geneva's (0.2 moved nothing on the
    suite, 0.4 one English question to the article it named)."""
    unit_bonus: float = 0.3
    """Added to a passage counting in the counter or unit the question asks in (何人 → 人, "how tall" → メートル,
    いくら → a currency): "how many cops" wants the passage with 約6,000人, not the one about the city's police.
    After the refusal, which it must not sway (on the suite of 44 sets: English hit@1 +5, Japanese +1, one citation
    lost; 0.1 gained +2, 0.5 as 0.3; money then gained Japanese +3)."""
    lead_malus: float = 0.1
    """Taken from a lead passage's score: it sums up what the sections tell in full, so it matches many questions a
    section answers (on the suite of 40 sets: Japanese hit@1 +3, English +1; 0.2 lost English ones). A question
    about the subject itself gets its date's sentence lifted (``subject_bonus``), the lead's first as a rule."""
    measure_passages: int = 3
    """A question asking for a measure (a cost, a weight, a clock time) is declined when none of this many
    best passages gives a value of it (``measures.measures_missing``)."""
    translate: bool = True

    def __post_init__(self) -> None:
        if self.top_k <= 0:
            raise ValueError(f"top_k must be positive, got {self.top_k}")
        if not 0.0 <= self.refusal_threshold <= 1.0:
            raise ValueError(f"refusal_threshold must be within 0..1, got {self.refusal_threshold}")
        if self.max_question_chars <= 0:
            raise ValueError(f"max_question_chars must be positive, got {self.max_question_chars}")


def _ranked_text(text: str, terms: list[str]) -> str:
    """What is embedded for a question: the question, and for English its Japanese terms after it."""
    return f"{text} {' '.join(terms)}" if terms else text


def _normalise(vector: Vectors) -> Vectors:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


class Answerer:
    """Answers questions from the current index; ``reindex`` swaps in a new one without a pause."""

    def __init__(
        self,
        *,
        manager: IndexManager,
        store: ChromaStore,
        embedder: Embedder,
        transliterate: Callable[[str], str] | None = None,
        policy: AnswerPolicy | None = None,
    ) -> None:
        """Join the parts; call ``warm_up`` (or ask) to load the model and the index.

        Args:
            manager: loads and rebuilds the index.
            store: the vector store the index lives in.
            embedder: the model questions are embedded with.
            transliterate: English name to katakana, for names the index's word list lacks.
            policy: limits and weights; the defaults when ``None``.

        """
        self._manager = manager
        self._store = store
        self._embedder = embedder
        self._transliterate = transliterate
        self._policy = policy or AnswerPolicy()
        self._index: LoadedIndex | None = None
        self._expander: tuple[str, TermExpander] | None = None
        self._load_lock = threading.Lock()

    @property
    def policy(self) -> AnswerPolicy:
        """The limits and weights answers follow."""
        return self._policy

    @property
    def index(self) -> LoadedIndex:
        """The index answering now: loaded (or built) on first use, switched when another process made a new one.

        The check is one ``stat`` of the manifest per call, so a switch happens between questions.
        """
        if self._index is None or self._manager.has_new_generation():
            with self._load_lock:
                if self._index is None:
                    self._index = self._manager.load_or_build()
                elif self._manager.has_new_generation():
                    self._index = self._manager.switch(self._index)
        return self._index

    @property
    def manager(self) -> IndexManager:
        """The index's generations (status, manifest)."""
        return self._manager

    def warm_up(self) -> None:
        """Load the model and the index, so the first question is fast."""
        self._embedder.warm_up()
        _ = self.index
        if self._policy.translate:
            _ = self.index.katakana_words  # names by sound: read here, not on the first English question
            _ = len(self.index.pinyin_names)  # and Chinese names by pinyin
        if self._policy.translate and self._transliterate is not None:
            english_words()  # read once here, not on the first English question that names someone in lower case
        if self._policy.translate:
            is_listed("summit")  # the shipped lists' words (0.6 s): here, not on the first "which hotel" question

    def reindex(self, *, progress: bool = False) -> BuildReport:
        """Rebuild from the corpus and switch to it; questions keep using the old index until then."""
        _, report = self._manager.rebuild(progress=progress, on_switch=self._switched)
        return report

    def _switched(self, index: LoadedIndex) -> None:
        self._index = index

    def reference(self, n: int, *, document: str | None = None) -> Citation:
        """Reference entry ``n`` of ``document`` (a title or file name; by default the first document).

        Raises:
            ReferenceNotFoundError: there is no such document or entry.

        """
        _, info = find_document(self.index.documents, document)
        refs = info.references
        if n not in refs:
            raise ReferenceNotFoundError(
                f"there is no reference {n} in {info.title}; it has references 1 to {len(refs)}"
                if refs
                else f"{info.title} has no references"
            )
        return Citation(n, refs[n], info.title)

    def _expander_for(self, index: LoadedIndex) -> TermExpander:
        """The English→Japanese expander over ``index``'s word list and names (one per generation)."""
        if self._expander is None or self._expander[0] != index.generation:
            expander = TermExpander(
                index.lexicon,
                transliterate=self._transliterate,
                names=index.katakana_words,
                spellings=index.latin_spellings,
                pinyin=index.pinyin_names,
            )
            self._expander = (index.generation, expander)
        return self._expander[1]

    def _terms(self, index: LoadedIndex, text: str) -> Expansion:
        """Japanese terms for an English question, from the index's own word list."""
        if not self._policy.translate or language_of(text) != "en":
            return Expansion([], [])
        return self._expander_for(index).expansion(text)

    def spell_names(self, text: str) -> str:
        """An English ``text`` with the corpus's names typed in lower case capitalised ("what about putin?")."""
        if not self._policy.translate or language_of(text) != "en":
            return text
        return self._expander_for(self.index).capitalise_names(text)

    def answer(self, question: str, *, top_k: int | None = None) -> Answer:
        """Answer one question.

        Args:
            question: as the user typed it, in Japanese or English.
            top_k: passages to return; the policy's default when ``None``.

        Returns:
            The passages best first; ``answered`` is false when the article does not cover it.

        Raises:
            QuestionError: the question is empty, too long or has no words.
            ValueError: ``top_k`` is not positive.

        """
        policy = self._policy
        k = policy.top_k if top_k is None else top_k
        if k <= 0:
            raise ValueError(f"top_k must be positive, got {k}")
        text = clean_question(question, max_chars=policy.max_question_chars)
        if is_small_talk(text):
            return Answer(text, answered=False, reason="not a question about the article")
        index = self.index
        language = language_of(text)
        expansion = self._terms(index, text)
        terms, names = expansion.terms, expansion.names
        query = _normalise(self._embedder.embed_queries([_ranked_text(text, terms)])[0])
        similarity = (index.sentence_vectors @ query).astype(np.float32)
        frame = self._frame(index, text, terms)
        subject = about_subject(text, terms, frame, unmatched=expansion.unmatched, names=index.subject_names)
        rank_bonus, highlight_bonus = self._bonuses(index, text, names, subject)
        boosted = similarity + rank_bonus
        lexical_query = self._lexical_query(text, terms, [*frame, *self._titled(index, text, terms)])
        chunk_scores = self._chunk_scores(index, query, lexical_query, boosted) + self._article_signals(
            index, text, terms
        )
        wanted = max(k, policy.measure_passages)
        # The refusal reads raw similarity only: the bonuses move ranking and highlight, never this. An infobox's short
        # rows (都市 | ジュネーブ) match any short question alike: the best prose passage speaks for the article.
        confidence = self._confidence(index, similarity, top_indices(chunk_scores, wanted))
        if subject and "date" in asked_types(text):
            chunk_scores = chunk_scores + policy.subject_bonus * self._stating_date(index, frame)
        # The refusal reads the ranking before the asked unit lifts a passage: a passage counting other people
        # ("how many police officers" → 人) must not vouch for a count the article does not give.
        reason = refusal_reason(
            index,
            text,
            top_indices(chunk_scores, wanted),
            confidence,
            policy=policy,
            embed_queries=self._embedder.embed_queries,
            name_of=self._expander_for(index).name_for if language == "en" and policy.translate else None,
        )
        chunk_scores = chunk_scores + policy.unit_bonus * self._counting(index, text)
        order = top_indices(chunk_scores, wanted)
        sentence_lex = index.sentence_lexical.scores(lexical_query)
        lit = similarity + highlight_bonus
        lexical_weight = policy.english_highlight_lexical if language == "en" else policy.highlight_lexical
        passages = tuple(
            self._passage(index, i, float(chunk_scores[i]), lit, sentence_lex, lexical_weight) for i in order[:k]
        )
        answer = Answer(text, not reason, passages, reason, {"confidence": confidence})
        return self._with_short(index, terms, frame, answer, order[0] if order else -1, subject=subject)

    def prepare(self, questions: Iterable[str]) -> None:
        """Embed ``questions`` ahead, in one batch: a run over many questions (``make eval``) answers faster.

        Only worth it with an embedder that remembers question vectors (``remember_queries``);
        questions ``answer`` would reject or not embed are skipped.
        """
        index = self.index
        texts = []
        for question in questions:
            try:
                text = clean_question(question, max_chars=self._policy.max_question_chars)
            except QuestionError:
                continue
            if not is_small_talk(text):
                texts.append(_ranked_text(text, self._terms(index, text).terms))
        if texts:
            self._embedder.embed_queries(texts)

    def _bonuses(self, index: LoadedIndex, text: str, names: list[str], subject: bool) -> tuple[Vectors, Vectors]:
        """Per sentence, for ranking and for the highlight: the kind of answer asked for, and the specifics held.

        Ranking counts all of the question's specifics, its names too. The highlight, a choice among
        one passage's sentences, counts its quantities only: a passage's sentences share its names
        (the people it is about), and the one repeating them is rarely the one that answers. A question
        ``subject`` asking "when" asks for the article's own date: the sentences stating it gain.
        """
        n = len(index.sentences)
        policy = self._policy
        asked = asked_types(text)
        kinds = policy.type_bonus * type_bonus(asked, index.sentence_types, n)  # type: ignore[arg-type]
        if subject and "date" in asked:
            kinds = kinds + policy.type_bonus * index.subject_dates
        specifics = question_specifics(text, names)
        named = specifics_bonus([index.holding(item) for item in specifics], n)
        counted = specifics_bonus([index.holding(item) for item in specifics if is_quantity(item)], n)
        return (
            cast(Vectors, kinds + policy.specifics_bonus * named),
            cast(Vectors, kinds + policy.specifics_bonus * counted),
        )

    def _article_signals(self, index: LoadedIndex, text: str, terms: list[str]) -> Vectors:
        """What the question says of each chunk's article as a whole, added to its score.

        The passages of an article it names by its title gain ``named_bonus`` ("the Potsdam Conference" in a
        corpus of summits: ``LoadedIndex.named_documents``); a passage holding no sentence of the kind of answer
        asked (no date for "when") loses ``untyped_malus``.
        """
        policy = self._policy
        named = of_documents(index.named_documents(fold(" ".join([text, *terms]))), index.chunk_documents)
        asked = asked_types(text) & {"date", "time", "duration", "quantity", "place", "person"}
        missing = kinds_missing(asked, index.chunk_types, len(index.chunks))  # type: ignore[arg-type]
        return cast(Vectors, policy.named_bonus * named - policy.untyped_malus * missing)

    @staticmethod
    def _counting(index: LoadedIndex, text: str) -> Vectors:
        """1.0 for each chunk with a quantity in the counter or unit the question asks in (何人 → 人), else 0.0."""
        measures = asked_measures(text)
        if not measures:
            return np.zeros(len(index.chunks), dtype=np.float32)
        return held_per_chunk(index.counting(measures), index.sentence_chunk, len(index.chunks))

    @staticmethod
    def _confidence(index: LoadedIndex, similarity: Vectors, order: list[int]) -> float:
        """How well the best prose passage of ``order`` matches the question: its best sentence's similarity."""
        prose = next((i for i in order if not index.infoboxes[i]), order[0] if order else None)
        return float(similarity[index.members(prose)].max()) if prose is not None else 0.0

    def _stating_date(self, index: LoadedIndex, frame: list[str]) -> Vectors:
        """1.0 for each prose chunk stating its article's date (``LoadedIndex.subject_dates``), else 0.0.

        Only in an article whose frame holds all of ``frame``: 「サミットはいつ？」 asks for a summit's date, not a
        bridge's.
        """
        framed = {
            document
            for document, passages in index.folded_passages.items()
            if len(frame_words(frame, [(passages, index.folded_documents[document])], share=self._policy.frame_share))
            == len(frame)
        }
        # Prose only: the infobox's row (日にち | 2021年6月16日) gives the date without saying what took place then.
        prose = of_documents(framed, index.chunk_documents) * (1.0 - index.infoboxes)
        return cast(Vectors, prose * best_per_chunk(index.subject_dates, index.sentence_chunk, len(index.chunks)))

    def _frame(self, index: LoadedIndex, text: str, terms: list[str]) -> list[str]:
        """The question's words (its Japanese terms, for English) that are an article's frame (``frame_words``)."""
        words = terms if language_of(text) == "en" else content_words(text)
        documents = ((passages, index.folded_documents[d]) for d, passages in index.folded_passages.items())
        return frame_words(words, documents, share=self._policy.frame_share)

    def _titled(self, index: LoadedIndex, text: str, terms: list[str]) -> list[str]:
        """The question's words in an article's title (ポツダム of ポツダム会談), however few passages write them.

        They name the article, not one of its passages: as search terms they pick the lead, which repeats them
        most. Left out of the lexical query like the frame, they still support a short answer.
        """
        if not self._policy.title_frame:
            return []
        words = terms if language_of(text) == "en" else content_words(text)
        return [w for w in words if any(fold(w) in title for title in index.folded_titles)]

    @staticmethod
    def _lexical_query(text: str, terms: list[str], frame: list[str]) -> list[str]:
        """BM25 terms of the question and its Japanese terms, without the words of an article's frame."""
        english = language_of(text) == "en"
        kept = [t for t in terms if t not in frame]
        query = " ".join([text, *kept]) if english else with_variants(without_words(text, frame))
        tokens = tokenize(query) or tokenize(" ".join([text, *terms]))
        # An English question's terms are the word list's several senses of each word: their synonyms would
        # search wider still; a Japanese question's own words search theirs (医者 finds 医師).
        return [t for t in tokens if not is_synonym_term(t)] if english else tokens

    def _chunk_scores(self, index: LoadedIndex, query: Vectors, lexical_query: list[str], boosted: Vectors) -> Vectors:
        """Fused per-chunk scores: passage similarity, best boosted sentence, BM25."""
        n = len(index.chunks)
        hits = self._store.query(index.chunk_collection, query, top_k=min(n, self._policy.candidates))
        passage = np.full(n, min((h.similarity for h in hits), default=0.0), dtype=np.float32)
        for hit in hits:
            passage[index.chunk_position[hit.id]] = hit.similarity
        best = best_per_chunk(boosted, index.sentence_chunk, n)
        lexical = index.chunk_lexical.scores(lexical_query)
        policy = self._policy
        fused = fuse(passage, best, lexical, weights=policy.weights, method=policy.fusion)
        repeats: Vectors = (
            policy.timeline_malus * index.dated_lists
            + policy.infobox_malus * index.infoboxes
            + policy.lead_malus * index.leads
        )
        return fused - repeats

    @staticmethod
    def _passage(
        index: LoadedIndex, i: int, score: float, lit: Vectors, sentence_lex: Vectors, lexical_weight: float
    ) -> Passage:
        chunk = index.chunks[i]
        mine = index.members(i)
        best = mine[choose_highlight(lit[mine], sentence_lex[mine], lexical_weight=lexical_weight)]
        info = index.documents.get(chunk.document)
        refs = info.references if info else {}
        title = info.title if info else chunk.document
        citations = tuple(Citation(n, refs.get(n, ""), title) for n in chunk.footnotes)
        return Passage(chunk.section_title, chunk.text, index.sentences[best].text, citations, score, title)

    @staticmethod
    def _with_short(
        index: LoadedIndex, terms: list[str], frame: list[str], answer: Answer, chunk: int, *, subject: bool
    ) -> Answer:
        """``answer`` with the span that answers it (``spans.find_short``); never for a refused answer."""
        if not answer.answered or not answer.passages:
            return answer
        top = answer.passages[0]
        info = next((d for d in index.documents.values() if d.title == top.document), None)
        context = SpanContext(
            info.facts if info else {},
            index.english_forms,
            tuple(terms),
            top.section,
            tuple(frame),
            index.years_before[chunk] if chunk >= 0 else None,
            subject,
            index.family_names,
        )
        asked = asked_types(answer.question)
        found = find_short(answer.question, asked=asked, highlight=top.highlight, passage=top.text, context=context)
        return replace(answer, short=found)
