"""The morphological analyser (SudachiPy, core dictionary): one dictionary per process, one tokenizer per thread."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any

#: SudachiPy refuses input over 49,149 bytes: longer text is analysed in pieces below this.
MAX_BYTES = 40_000
_opening = threading.Lock()
_per_thread = threading.local()


@functools.cache
def _dictionary() -> Any:
    from sudachipy import dictionary

    return dictionary.Dictionary(dict="core")


def _tokenizer() -> Any:
    """The calling thread's own tokenizer over the one dictionary.

    A SudachiPy tokenizer refuses concurrent use ("Tokenizer is already in use"), and the bot answers several
    questions at once on worker threads.
    """
    tokenizer = getattr(_per_thread, "tokenizer", None)
    if tokenizer is None:
        with _opening:  # one dictionary load, however many threads ask first
            tokenizer = _per_thread.tokenizer = _dictionary().tokenizer()
    return tokenizer


def morphemes(text: str, *, whole_words: bool = False) -> Iterable[Any]:
    """SudachiPy's morphemes of ``text``: short units (mode A), or whole words and compounds (mode C)."""
    from sudachipy import tokenizer

    mode = tokenizer.Tokenizer.SplitMode.C if whole_words else tokenizer.Tokenizer.SplitMode.A
    return _tokenizer().tokenize(text, mode)  # type: ignore[no-any-return]


def in_pieces(text: str, limit: int = MAX_BYTES) -> Iterator[str]:
    """``text`` in pieces of at most ``limit`` UTF-8 bytes, cut between lines, else after a 。, else anywhere.

    Joined with newlines the pieces give back the text, except where a line had to be cut.
    """
    piece: list[str] = []
    size = 0
    for line in text.splitlines():
        for part in _fitting(line, limit):
            length = len(part.encode("utf-8")) + 1
            if piece and size + length > limit:
                yield "\n".join(piece)
                piece, size = [], 0
            piece.append(part)
            size += length
    if piece:
        yield "\n".join(piece)


def _fitting(line: str, limit: int) -> Iterator[str]:
    """``line`` whole if it fits in ``limit`` bytes, else its sentences, and a sentence too long cut to size."""
    if len(line.encode("utf-8")) < limit:
        yield line
        return
    for sentence in re.split(r"(?<=。)", line):
        raw = sentence.encode("utf-8")
        for start in range(0, len(raw), limit - 1):
            yield raw[start : start + limit - 1].decode("utf-8", errors="ignore")
