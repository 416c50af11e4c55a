"""Why the article does not answer a question: the checks after retrieval, in order of cost.

Similarity alone lets through questions on the article's topic whose answer it lacks ("what did they eat for
lunch", "which Swiss president welcomed them"): each check here reads one thing the question asks for and
looks for it in the best passages or their article. The answerer runs them on the ranking before any bonus
for the unit asked, so no bonus can vouch for what the article does not say.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from retrieval.asked import absent_asked, absent_codes
from retrieval.coverage import uncovered_words, without_words
from retrieval.described import details_missing
from retrieval.measures import measures_missing
from retrieval.qualified import absent_next, absent_offices
from retrieval.question import language_of
from retrieval.transfer import asked_transfer, told_backwards
from retrieval.types import NOT_COVERED, Vectors

if TYPE_CHECKING:
    from retrieval.answering import AnswerPolicy
    from retrieval.index import LoadedIndex

#: Embeds texts as questions (``Embedder.embed_queries``).
EmbedQueries = Callable[[list[str]], Vectors]


def refusal_reason(
    index: LoadedIndex,
    text: str,
    order: list[int],
    confidence: float,
    *,
    policy: AnswerPolicy,
    embed_queries: EmbedQueries,
    name_of: Callable[[str], str] | None = None,
) -> str:
    """Why the article does not answer ``text``, or ``""`` when it does.

    - The best passage's raw similarity (``confidence``) is under the threshold (lower for English).
    - The question holds Japanese words the corpus never uses that the passage does not speak to
      (``unsupported_words``), or asks for a thing by its word that the passage's article never names
      (``asked.absent_asked``), or writes a code it never writes (G7, COP26: ``asked.absent_codes``).
    - It asks for a measure (a cost, a weight) that none of the best passages gives (``measures``), or for a
      detail none of them tells of (``described``: what was eaten, the weather, a colour).
    - It names an office of a country the article never joins to that country, or a next meeting the article
      never tells of (``qualified``: "which Swiss president", 次の首脳会談).
    - It asks after a gift from one person to another that the article tells of only the other way round
      (``transfer``: "what did Putin give Biden in return").

    Args:
        index: the loaded index.
        text: the cleaned question.
        order: chunk positions, best first.
        confidence: the best prose passage's best sentence similarity (``Answerer._confidence``).
        policy: the threshold, the margin of the word ablation and the passages a measure is looked for in.
        embed_queries: the model, for the word ablation.
        name_of: an English word to the corpus's name for it; ``None`` for a Japanese question.

    """
    threshold = policy.refusal_threshold + (policy.english_offset if language_of(text) == "en" else 0.0)
    if not order or confidence < threshold:
        return NOT_COVERED
    top = order[0]
    chunks = index.chunks
    document = index.folded_documents[chunks[top].document]
    missing = (
        unsupported_words(index, text, top, confidence, margin=policy.unsupported_margin, embed_queries=embed_queries)
        or absent_asked(text, document, index.lexicon, index.vocabulary)
        or absent_codes(text, document)
    )
    if missing:
        return f"the article does not mention {', '.join(missing)}"
    best = [chunks[i].text for i in order[: policy.measure_passages]]
    measures = measures_missing(text, best)
    if measures:
        return f"the article gives no {' or '.join(sorted(measures))} for this"
    details = details_missing(text, best)
    if details:
        return f"the article does not say {' or '.join(details)}"
    offices = absent_offices(text, document, name_of)
    if offices:
        return f"the article does not mention {', '.join(offices)}"
    if absent_next(text, document):
        return "the article tells of no next meeting"
    asked = asked_transfer(text, name_of)
    if asked and told_backwards(
        asked, (s.text for s in index.sentences if chunks[s.chunk].document == chunks[top].document)
    ):
        return "the article tells of a gift the other way round only"
    return ""


def unsupported_words(
    index: LoadedIndex, text: str, top: int, confidence: float, *, margin: float, embed_queries: EmbedQueries
) -> list[str]:
    """The words of a Japanese question the corpus never uses that passage ``top`` does not speak to.

    Checked by ablation, word by word: the question without the word is embedded (one batch), and if the
    passage matches that more than ``margin`` better than the whole question (``confidence``), the word found
    nothing in it.
    """
    if language_of(text) != "ja":
        return []
    missing = uncovered_words(text, vocabulary=index.vocabulary, folded_text=index.folded_text)
    rests = [without_words(text, [word]) for word in missing]
    if not missing or not all(re.search(r"\w", rest) for rest in rests):
        return missing
    vectors = embed_queries(rests)
    vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    without = (index.sentence_vectors[index.members(top)] @ vectors.T).max(axis=0)
    return [word for word, sim in zip(missing, without, strict=True) if confidence - sim < -margin]
