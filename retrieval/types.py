"""The values that flow through retrieval, and the Protocols of its seams."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


class Chunk(NamedTuple):
    """A paragraph-sized piece of one document, the unit the index stores and answers with."""

    id: str
    document: str
    section: tuple[str, ...]
    text: str
    """The article's own text, footnote markers kept."""
    footnotes: tuple[int, ...]
    sentences: tuple[str, ...]

    @property
    def section_title(self) -> str:
        """The heading path joined for display."""
        return " > ".join(self.section)


class Sentence(NamedTuple):
    """One sentence of a chunk: what is highlighted, and what the refusal's confidence reads."""

    id: str
    chunk: int
    """The position of its chunk in the loaded index."""
    text: str
    footnotes: tuple[int, ...]


class Hit(NamedTuple):
    """One vector-store result."""

    id: str
    similarity: float


class Citation(NamedTuple):
    """A footnote number and its reference entry."""

    n: int
    text: str
    document: str = ""
    """The title of the article whose reference list holds it."""


@dataclass(frozen=True)
class Passage:
    """A passage shown to the user: the chunk, the sentence that answers, and its citations."""

    section: str
    text: str
    highlight: str
    citations: tuple[Citation, ...]
    score: float
    document: str = ""
    """The title of the article the passage comes from."""

    def to_dict(self) -> dict[str, Any]:
        """The ``ask --json`` shape of one passage."""
        return {
            "document": self.document,
            "section": self.section,
            "text": self.text,
            "highlight": self.highlight,
            "citations": [{"n": c.n, "text": c.text} for c in self.citations],
            "score": round(self.score, 4),
        }


class Short(NamedTuple):
    """The span that answers a factoid question: as the article writes it, and as the asker reads it."""

    text: str
    """Exactly as in the article."""
    display: str
    """In the asker's language: Japanese as written; for English, dates and numbers converted exactly."""
    type: str
    """What kind of span: date, duration, count, quantity, money, percent, place, person, role, org."""
    citations: tuple[int, ...]
    """The footnotes of the sentence it comes from."""

    def to_dict(self) -> dict[str, Any]:
        """The ``ask --json`` shape of the short answer."""
        return {"text": self.text, "display": self.display, "type": self.type, "citations": list(self.citations)}


#: The reason given when the article's best passage is not close enough to the question.
NOT_COVERED = "the article does not cover this"


@dataclass(frozen=True)
class Answer:
    """The answer to one question; ``answered`` is false when the article does not cover it."""

    question: str
    answered: bool
    passages: tuple[Passage, ...] = ()
    reason: str = ""
    """Why the question was not answered (empty when it was)."""
    details: dict[str, float] = field(default_factory=dict)
    short: Short | None = None
    """The span that answers, when the question asks for one and it was found with confidence."""

    def to_dict(self) -> dict[str, Any]:
        """The ``ask --json`` shape (DESIGN.md), with ``reason``: why it was not answered, ``""`` when it was."""
        return {
            "question": self.question,
            "answered": self.answered,
            "reason": self.reason,
            "short": self.short.to_dict() if self.short else None,
            "passages": [p.to_dict() for p in self.passages],
        }


class Embedder(Protocol):
    """Turns text into L2-normalised vectors; queries and passages are embedded differently."""

    @property
    def fingerprint(self) -> str:
        """Names the model, so an index built with another one is seen as stale."""
        ...

    def warm_up(self) -> None:
        """Load the model now rather than on first use."""
        ...

    def embed_queries(self, texts: list[str]) -> Vectors:
        """Embed questions."""
        ...

    def embed_passages(self, texts: list[str]) -> Vectors:
        """Embed passages and sentences."""
        ...

    def count_tokens(self, text: str) -> int:
        """How many model tokens a passage takes."""
        ...


class VectorStore(Protocol):
    """Stores chunk vectors in named collections and finds the nearest."""

    def add(self, collection: str, chunks: list[Chunk], vectors: Vectors) -> None:
        """Create ``collection`` holding the chunks and their vectors."""
        ...

    def query(self, collection: str, vector: Vectors, *, top_k: int) -> list[Hit]:
        """The ``top_k`` chunks nearest to ``vector``, nearest first."""
        ...

    def chunks(self, collection: str) -> tuple[list[Chunk], Vectors]:
        """Every chunk in ``collection`` with its vector, in insertion order."""
        ...

    def drop(self, collection: str) -> None:
        """Delete ``collection`` if it exists."""
        ...

    def collections(self) -> list[str]:
        """Names of the collections present."""
        ...
