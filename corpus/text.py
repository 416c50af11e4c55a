"""Sentence splitting and footnote markers in the article's Japanese text."""

from __future__ import annotations

import re

FOOTNOTE = re.compile(r"\[(\d{1,3})\]")

_SENTENCE_END = re.compile(
    r"""
    [。！？!?]              # a sentence-final mark
    [」』）)]*              # closing brackets that belong to the sentence
    (?:\s*\[\d{1,3}\])*    # footnote markers that follow it
    """,
    re.VERBOSE,
)
_SPACE_BEFORE_MARK = re.compile(r"\s+(?=[、。])")
_OPENING = "「『"
_CLOSING = "」』"


def footnotes_in(text: str) -> tuple[int, ...]:
    """Return the footnote numbers in ``text``, in order of first appearance."""
    seen: dict[int, None] = {}
    for match in FOOTNOTE.finditer(text):
        seen.setdefault(int(match.group(1)), None)
    return tuple(seen)


def strip_footnotes(text: str) -> str:
    """Return ``text`` without its ``[n]`` markers and the spaces they leave."""
    return _SPACE_BEFORE_MARK.sub("", " ".join(FOOTNOTE.sub(" ", text).split()))


def _depth(text: str) -> int:
    return sum(text.count(c) for c in _OPENING) - sum(text.count(c) for c in _CLOSING)


def _keep_quotes_whole(pieces: list[str]) -> list[str]:
    """Join pieces so that a quotation 「…」 split at its inner sentence ends stays one sentence.

    A piece that opens a quotation takes the following pieces up to the one that closes it (when
    the paragraph closes it at all); a piece that only closes a quotation opened before it (the
    machine translation sometimes drops the opening bracket) joins the piece before it.
    """
    joined: list[str] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        if joined and _depth(piece) < 0 and not any(c in piece for c in _OPENING):
            joined[-1] += piece
            i += 1
            continue
        if _depth(piece) > 0:
            depth, end = _depth(piece), i
            while depth > 0 and end + 1 < len(pieces):
                end += 1
                depth += _depth(pieces[end])
            if depth <= 0:
                piece = "".join(pieces[i : end + 1])
                i = end
        joined.append(piece)
        i += 1
    return joined


def sentence_pieces(text: str) -> list[str]:
    """Split a paragraph at sentence ends into pieces that join back to exactly ``text``.

    Each piece keeps its footnote markers and the white space before it; markers trailing
    the last sentence stay with that sentence; a quotation stays inside one piece.
    """
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        pieces.append(text[start : match.end()])
        start = match.end()
    tail = text[start:]
    if pieces and (not tail.strip() or FOOTNOTE.fullmatch(tail.replace(" ", ""))):
        pieces[-1] += tail
    elif tail:
        pieces.append(tail)
    return _keep_quotes_whole(pieces)


def split_sentences(text: str) -> list[str]:
    """Split a paragraph at sentence ends, keeping each sentence's footnote markers.

    Args:
        text: one paragraph.

    Returns:
        The sentences, stripped, in order; a paragraph without a final mark is one sentence.

    """
    return [piece.strip() for piece in sentence_pieces(text) if piece.strip()]
