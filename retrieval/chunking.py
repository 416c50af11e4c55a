"""Cut sections into paragraph-sized chunks that fit the embedding model's window."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from corpus.loading import Document
from corpus.parsing import Paragraph
from corpus.text import footnotes_in, sentence_pieces, split_sentences
from retrieval.types import Chunk

#: Bump when chunk boundaries change (the parser's sections too), so existing indexes are rebuilt.
CHUNKER_VERSION = 8
_LIST_ITEM_MAX_CHARS = 80


def _is_list_item(paragraph: Paragraph) -> bool:
    # A short line with no sentence end (a delegation member, say) reads as a list item.
    return (
        len(paragraph.text) <= _LIST_ITEM_MAX_CHARS
        and len(split_sentences(paragraph.text)) == 1
        and not any(mark in paragraph.text for mark in "。！？")
    )


def _group(paragraphs: tuple[Paragraph, ...]) -> Iterator[tuple[list[str], str]]:
    """Yield each prose paragraph's sentences, and each run of list items as one group, with their separator."""
    run: list[str] = []
    for paragraph in paragraphs:
        if _is_list_item(paragraph):
            run.append(paragraph.text)
            continue
        if run:
            yield run, "\n"
            run = []
        yield sentence_pieces(paragraph.text), ""
    if run:
        yield run, "\n"


class Chunker:
    """Splits each section into chunks of at most ``max_tokens`` model tokens."""

    def __init__(self, count_tokens: Callable[[str], int], *, max_tokens: int = 400) -> None:
        """Set the window.

        Args:
            count_tokens: how many tokens the model reads for a text.
            max_tokens: the most tokens one chunk may take (the model reads at most 512,
                and the section heading and prompt are added when embedding).

        Raises:
            ValueError: ``max_tokens`` is not positive.

        """
        if max_tokens <= 0:
            raise ValueError(f"max_tokens must be positive, got {max_tokens}")
        self._count = count_tokens
        self._max = max_tokens

    def chunk(self, document: Document) -> list[Chunk]:
        """Chunk one document; every paragraph lands in exactly one chunk, a passage repeated word for word once.

        A file repeating one paragraph hundreds of times would fill the vector index with equal vectors, among which
        its search graph loses records (the build's check then fails); the repeats add nothing to read.
        """
        article = document.article
        # The infobox is the article's first passage, under its title: 「会場 | ヴィララグランジ[2]」 answers too.
        infobox = ((article.title,), [([p.text for p in article.infobox], "\n")] if article.infobox else [])
        chunks: list[Chunk] = []
        seen: set[str] = set()
        for path, groups in [infobox, *((s.path, _group(s.paragraphs)) for s in article.sections)]:
            for group, separator in groups:
                for sentences in self._fit(group, separator):
                    text = separator.join(sentences).strip()
                    if text in seen:
                        continue
                    seen.add(text)
                    chunk_id = f"{document.id}#{len(chunks):03d}"
                    kept = tuple(s.strip() for s in sentences if s.strip())
                    chunks.append(Chunk(chunk_id, document.id, path, text, footnotes_in(text), kept))
        return chunks

    def _fit(self, sentences: list[str], separator: str) -> Iterator[list[str]]:
        """Pack consecutive sentences into windows, cutting any sentence longer than a window."""
        return self._pack([piece for sentence in sentences for piece in self._split_long(sentence)], separator)

    def _pack(self, parts: list[str], separator: str = "") -> Iterator[list[str]]:
        window: list[str] = []
        for part in parts:
            if window and self._count(separator.join([*window, part]).strip()) > self._max:
                yield window
                window = []
            window.append(part)
        if window:
            yield window

    def _split_long(self, sentence: str) -> list[str]:
        """Cut a sentence longer than the window at its commas, or failing that, in half."""
        if self._count(sentence) <= self._max:
            return [sentence]
        parts = [p for p in re.split(r"(?<=[、,])", sentence) if p]
        if len(parts) == 1:
            half = len(sentence) // 2
            parts = [sentence[:half], sentence[half:]]
        pieces: list[str] = []
        for window in self._pack(parts):
            joined = "".join(window)
            pieces.extend(self._split_long(joined) if len(window) == 1 else [joined])
        return pieces
