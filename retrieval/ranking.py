"""Ranking maths: fusion of dense and lexical scores, bonuses for what the question asks, highlight choice."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, Literal, NamedTuple, cast

import numpy as np

from retrieval.types import Vectors


class Weights(NamedTuple):
    """How much each signal counts in the fused score."""

    passage: float = 0.8
    sentence: float = 0.8
    lexical: float = 0.4


def _minmax(values: Vectors) -> Vectors:
    low, high = float(np.min(values)), float(np.max(values))
    if high - low < 1e-9:
        return np.zeros_like(values)
    return cast(Vectors, np.asarray((values - low) / (high - low), dtype=np.float32))


def _weighted(passage: Vectors, sentence: Vectors, lexical: Vectors, weights: Weights) -> Vectors:
    total = weights.passage * _minmax(passage) + weights.sentence * _minmax(sentence)
    return cast(Vectors, total + weights.lexical * _minmax(lexical))


def _reciprocal_rank(passage: Vectors, sentence: Vectors, lexical: Vectors, weights: Weights, k: int = 60) -> Vectors:
    total = np.zeros_like(passage)
    for scores, weight in ((passage, weights.passage), (sentence, weights.sentence), (lexical, weights.lexical)):
        ranks = np.empty(len(scores), dtype=np.float32)
        ranks[np.argsort(-scores, kind="stable")] = np.arange(1, len(scores) + 1)
        total += weight / (k + ranks)
    return total


_FUSIONS = {"weighted": _weighted, "rrf": _reciprocal_rank}
Fusion = Literal["weighted", "rrf"]


def fuse(
    passage: Vectors, sentence: Vectors, lexical: Vectors, *, weights: Weights, method: Fusion = "weighted"
) -> Vectors:
    """Combine per-chunk passage similarity, best-sentence similarity and BM25 into one score.

    Args:
        passage: cosine similarity of the question to each chunk.
        sentence: the best cosine similarity of the question to any sentence of each chunk.
        lexical: BM25 score of each chunk.
        weights: how much each signal counts.
        method: ``weighted`` (min-max normalised sum) or ``rrf`` (reciprocal rank fusion).

    Returns:
        One score per chunk; higher is better.

    """
    return _FUSIONS[method](passage, sentence, lexical, weights)


def best_per_chunk(values: Vectors, owner: np.ndarray[Any, np.dtype[np.intp]], chunks: int) -> Vectors:
    """The highest sentence value of each chunk (-1 for a chunk without sentences)."""
    best = np.full(chunks, -1.0, dtype=np.float32)
    np.maximum.at(best, owner, values)
    return best


def held_per_chunk(marks: Vectors, owner: np.ndarray[Any, np.dtype[np.intp]], chunks: int) -> Vectors:
    """1.0 for each chunk with a sentence marked 1.0 in ``marks``, else 0.0 (a chunk without sentences holds none)."""
    return np.maximum(best_per_chunk(marks, owner, chunks), 0.0)


def specifics_bonus(matches: list[np.ndarray[Any, np.dtype[np.intp]]], sentences: int) -> Vectors:
    """Share of the question's specifics each sentence holds, each specific weighted by its rarity.

    A specific's weight is its inverse sentence frequency, ``log(1 + sentences / holding)``. The share
    is scaled by the rarest specific's weight against the most a specific can weigh (held by one
    sentence): a question whose specifics are all common (the article's own subject and place, held
    by sentences all over it) says little about which sentence answers, one naming a rare date or
    person says much.

    Args:
        matches: for each specific of the question that the corpus holds, the sentences holding it.
        sentences: how many sentences there are.

    Returns:
        Per sentence, in 0..1: the rarity-weighted share of the specifics it holds, times the rarest
        one's weight over ``log(1 + sentences)`` (zeros when the question names nothing the corpus holds).

    """
    bonus = np.zeros(sentences, dtype=np.float32)
    weights = [math.log(1 + sentences / len(m)) for m in matches if len(m)]
    if not weights:
        return bonus
    for found, weight in zip((m for m in matches if len(m)), weights, strict=True):
        bonus[found] += weight
    return cast(Vectors, bonus * (max(weights) / math.log(1 + sentences) / sum(weights)))


def type_bonus(asked: Iterable[str], sentence_types: dict[str, Vectors], sentences: int) -> Vectors:
    """1.0 for each sentence that holds a kind of answer the question asks for, else 0.0."""
    bonus = np.zeros(sentences, dtype=np.float32)
    for kind in asked:
        bonus = np.maximum(bonus, sentence_types[kind])
    return bonus


def kinds_missing(asked: Iterable[str], chunk_kinds: Mapping[str, Vectors], chunks: int) -> Vectors:
    """1.0 for each chunk holding none of the kinds of answer ``asked``, else 0.0; all zeros when none is asked.

    ``chunk_kinds`` gives, for each kind, 1.0 for each chunk with a sentence holding it (``LoadedIndex.chunk_types``).
    """
    holding = np.zeros(chunks, dtype=np.float32)
    asked = [kind for kind in asked if kind in chunk_kinds]
    if not asked:
        return holding
    for kind in asked:
        holding = np.maximum(holding, chunk_kinds[kind])
    return cast(Vectors, 1.0 - holding)


def of_documents(documents: Collection[str], owners: Sequence[str]) -> Vectors:
    """1.0 for each chunk whose document (``owners``, one per chunk) is one of ``documents``, else 0.0."""
    if not documents:
        return np.zeros(len(owners), dtype=np.float32)
    return np.array([owner in documents for owner in owners], dtype=np.float32)


def choose_highlight(sentence_scores: Vectors, lexical: Vectors, *, lexical_weight: float) -> int:
    """The position, among one passage's sentences, of the one that answers.

    Args:
        sentence_scores: each sentence's similarity to the question plus its bonuses.
        lexical: each sentence's BM25 score for the question (normalised here by the passage's best).
        lexical_weight: how much the normalised BM25 adds.

    """
    top = float(lexical.max()) if len(lexical) else 0.0
    normalised = lexical / top if top > 0 else lexical
    return int(np.argmax(sentence_scores + lexical_weight * normalised))


def top_indices(scores: Vectors, k: int) -> list[int]:
    """Positions of the ``k`` highest scores, best first; ties keep their original order."""
    return [int(i) for i in np.argsort(-scores, kind="stable")[:k]]
