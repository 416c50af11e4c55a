"""Ranking maths: min-max normalisation and weighted fusion of dense and lexical scores."""

from __future__ import annotations

from typing import Literal, NamedTuple, cast

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


def top_indices(scores: Vectors, k: int) -> list[int]:
    """Positions of the ``k`` highest scores, best first; ties keep their original order."""
    return [int(i) for i in np.argsort(-scores, kind="stable")[:k]]
