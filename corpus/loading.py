"""Read every ``*.txt`` article in a corpus directory, keeping going past a file that fails."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import NamedTuple

from config.errors import CorpusEmptyError, CorpusParseError
from corpus.parsing import Article, read_article


class Document(NamedTuple):
    """One parsed corpus file."""

    id: str
    """The file name without ``.txt``; stable across runs."""
    path: Path
    article: Article


class Corpus(NamedTuple):
    """The documents that parsed and the errors of those that did not."""

    documents: tuple[Document, ...]
    errors: tuple[CorpusParseError, ...]


def corpus_files(directory: Path) -> list[Path]:
    """List the corpus's article files in a stable order: every ``*.txt`` but hidden ones.

    A name starting with a dot is an editor's or a copy tool's file (``.#article.txt``, ``._article.txt``), not an
    article of the corpus.

    Raises:
        CorpusEmptyError: the directory does not exist or holds no ``*.txt``.

    """
    if not directory.is_dir():
        raise CorpusEmptyError(f"corpus directory {directory} does not exist (setting SUMMIT_CORPUS_DIR)")
    files = sorted(path for path in directory.glob("*.txt") if not path.name.startswith("."))
    if not files:
        raise CorpusEmptyError(f"corpus directory {directory} holds no *.txt article (setting SUMMIT_CORPUS_DIR)")
    return files


def hash_corpus(directory: Path) -> str:
    """Hash the names and bytes of every article file, to tell when the index is stale.

    A file that cannot be read (a link to nothing, one another process just removed, no permission) counts by
    its name and the reason: loading the corpus skips it with that message, and the hash changes once it reads.
    """
    digest = hashlib.sha256()
    for path in corpus_files(directory):
        digest.update(os.fsencode(path.name))  # a name that is not UTF-8 too (its bytes as the file system has them)
        digest.update(b"\0")
        if not path.is_file():  # a directory or a named pipe (which would block the read) is no article
            digest.update(b"not a file")
            continue
        try:
            digest.update(path.read_bytes())
        except OSError as exc:
            digest.update(f"unreadable: {exc.strerror}".encode())
    return digest.hexdigest()


def load_corpus(directory: Path) -> Corpus:
    """Parse every article in ``directory``.

    Raises:
        CorpusEmptyError: no file parsed; the message lists why each one failed.

    """
    documents: list[Document] = []
    errors: list[CorpusParseError] = []
    for path in corpus_files(directory):
        try:
            documents.append(Document(path.name.removesuffix(".txt"), path, read_article(path)))
        except CorpusParseError as exc:
            errors.append(exc)
    if not documents:
        raise CorpusEmptyError("no article in the corpus could be parsed: " + "; ".join(map(str, errors)))
    return Corpus(tuple(documents), tuple(errors))
