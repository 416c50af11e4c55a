"""The Answerer: a question in, the article's passages out, best first, with highlights and citations."""

from __future__ import annotations

import logging
import threading
import unicodedata
from dataclasses import dataclass, field

import numpy as np

from config.errors import ReferenceNotFoundError
from retrieval.index import NUMBER, BuildReport, IndexManager, LoadedIndex
from retrieval.lexical import tokenize
from retrieval.question import asks_when, clean_question, is_small_talk, language_of
from retrieval.ranking import Fusion, Weights, fuse, top_indices
from retrieval.store import ChromaStore
from retrieval.translation import TermExpander
from retrieval.types import Answer, Citation, Embedder, Passage, Vectors

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AnswerPolicy:
    """Tunable behaviour of the answerer (from the settings)."""

    top_k: int = 3
    refusal_threshold: float = 0.83
    max_question_chars: int = 1000
    candidates: int = 50
    weights: Weights = field(default_factory=Weights)
    fusion: Fusion = "weighted"
    highlight_lexical: float = 0.05
    date_bonus: float = 0.02
    sure_margin: float = 0.04
    """An English question this far above the threshold is answered without the bare-question check."""
    number_bonus: float = 0.08
    """Added to the similarity of sentences holding a number (e.g. a year) the question holds."""
    """Added to the similarity of sentences holding a date when the question asks "when"."""
    translate: bool = True

    def __post_init__(self) -> None:
        if self.top_k <= 0:
            raise ValueError(f"top_k must be positive, got {self.top_k}")
        if not 0.0 <= self.refusal_threshold <= 1.0:
            raise ValueError(f"refusal_threshold must be within 0..1, got {self.refusal_threshold}")
        if self.max_question_chars <= 0:
            raise ValueError(f"max_question_chars must be positive, got {self.max_question_chars}")


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
        expander: TermExpander | None = None,
        policy: AnswerPolicy | None = None,
    ) -> None:
        """Join the parts; call ``warm_up`` (or ask) to load the model and the index."""
        self._manager = manager
        self._store = store
        self._embedder = embedder
        self._expander = expander
        self._policy = policy or AnswerPolicy()
        self._index: LoadedIndex | None = None
        self._load_lock = threading.Lock()

    @property
    def policy(self) -> AnswerPolicy:
        """The limits and weights answers follow."""
        return self._policy

    @property
    def index(self) -> LoadedIndex:
        """The index answering now, loaded (or built) on first use."""
        if self._index is None:
            with self._load_lock:
                if self._index is None:
                    self._index = self._manager.load_or_build()
        return self._index

    def warm_up(self) -> None:
        """Load the model and the index, so the first question is fast."""
        self._embedder.warm_up()
        _ = self.index

    def reindex(self, *, progress: bool = False) -> BuildReport:
        """Rebuild from the corpus and switch to it; questions keep using the old index until then."""
        index, report = self._manager.rebuild(progress=progress)
        self._index = index
        return report

    def reference(self, n: int, *, document: str | None = None) -> Citation:
        """Reference entry ``n`` of ``document`` (by default the first document).

        Raises:
            ReferenceNotFoundError: there is no such entry.

        """
        docs = self.index.documents
        doc = document or next(iter(docs))
        refs = docs.get(doc, {}).get("references", {})
        if n not in refs:
            raise ReferenceNotFoundError(f"there is no reference {n}; the article has references 1 to {len(refs)}")
        return Citation(n, refs[n])

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
        terms = self._expander.expand(text) if policy.translate and self._expander and language_of(text) == "en" else []
        # An English question ranks by itself plus its Japanese terms. Whether the article covers
        # it is judged on that and the bare question together (which keeps off-topic questions
        # whose words happen to translate, France → フランス, below the threshold), unless the
        # first similarity already clears the threshold by a margin the bare question has never
        # been seen to take back; then the second embedding is skipped.
        ranked_text = f"{text} {' '.join(terms)}" if terms else text
        query = _normalise(self._embedder.embed_queries([ranked_text])[0])
        tokens = tokenize(ranked_text)
        scores, best_sentence, sentence_sim = self._score(index, query, tokens, self._bonus(index, text))
        order = top_indices(scores, k)
        confidence = float(best_sentence[order[0]]) if order else 0.0
        if order and terms and confidence < policy.refusal_threshold + policy.sure_margin:
            bare = self._embedder.embed_queries([text])[0]
            mine = index.sentence_owner == order[0]
            confidence = float((index.sentence_vectors[mine] @ _normalise(query + bare)).max())
        answered = confidence >= policy.refusal_threshold
        sentence_lex = index.sentence_lexical.scores(tokens)
        passages = tuple(self._passage(index, i, float(scores[i]), sentence_sim, sentence_lex) for i in order)
        reason = "" if answered else "the article does not cover this"
        return Answer(text, answered, passages, reason, {"confidence": confidence})

    def _bonus(self, index: LoadedIndex, question: str) -> Vectors | None:
        """Per-sentence bonus for what the question names or asks for: its numbers, a date for "when"."""
        bonus = np.zeros(len(index.sentences), dtype=np.float32)
        if asks_when(question):
            bonus += self._policy.date_bonus * index.sentence_dated
        numbers = set(NUMBER.findall(unicodedata.normalize("NFKC", question)))
        if numbers and self._policy.number_bonus:
            has = [bool(numbers & held) for held in index.sentence_numbers]
            bonus += self._policy.number_bonus * np.array(has, dtype=np.float32)
        return bonus if bonus.any() else None

    def _score(
        self, index: LoadedIndex, query: Vectors, tokens: list[str], bonus: Vectors | None = None
    ) -> tuple[Vectors, Vectors, Vectors]:
        """Fused chunk scores, each chunk's best raw sentence similarity, and per-sentence scores.

        ``bonus`` (per sentence) favours sentences of the kind the question asks for (a date for
        "when"); it moves the ranking and the highlight, never the confidence the refusal reads.
        """
        n = len(index.chunks)
        hits = self._store.query(index.chunk_collection, query, top_k=min(n, self._policy.candidates))
        passage = np.full(n, min((h.similarity for h in hits), default=0.0), dtype=np.float32)
        for hit in hits:
            passage[index.chunk_position[hit.id]] = hit.similarity
        sentence_sim = (index.sentence_vectors @ query).astype(np.float32)
        best = np.full(n, -1.0, dtype=np.float32)
        np.maximum.at(best, index.sentence_owner, sentence_sim)
        boosted = best
        if bonus is not None:
            sentence_sim = (sentence_sim + bonus).astype(np.float32)
            boosted = np.full(n, -1.0, dtype=np.float32)
            np.maximum.at(boosted, index.sentence_owner, sentence_sim)
        lexical = index.chunk_lexical.scores(tokens)
        fused = fuse(passage, boosted, lexical, weights=self._policy.weights, method=self._policy.fusion)
        return fused, best, sentence_sim

    def _passage(
        self, index: LoadedIndex, i: int, score: float, sentence_sim: Vectors, sentence_lex: Vectors
    ) -> Passage:
        chunk = index.chunks[i]
        mine = np.flatnonzero(index.sentence_owner == i)
        lex = sentence_lex[mine]
        lex_norm = lex / lex.max() if lex.max() > 0 else lex
        best = mine[int(np.argmax(sentence_sim[mine] + self._policy.highlight_lexical * lex_norm))]
        refs = index.documents.get(chunk.document, {}).get("references", {})
        citations = tuple(Citation(n, refs.get(n, "")) for n in chunk.footnotes)
        return Passage(chunk.section_title, chunk.text, index.sentences[best].text, citations, score, chunk.document)
