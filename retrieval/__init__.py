"""Chunking, embedding, the vector store, BM25, fusion and answering."""

from retrieval.answering import Answerer, AnswerPolicy
from retrieval.types import Answer, Citation, Passage

__all__ = ["Answer", "AnswerPolicy", "Answerer", "Citation", "Passage"]
