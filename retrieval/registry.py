"""Where the index's generations are recorded: the manifest naming the current one, each one's word lists, a lock.

Two places keep them: a state directory beside an embedded Chroma store (``FileRegistry``), and a small
collection on a Chroma server (``retrieval.remote.ServerRegistry``), so processes on other machines see
one truth.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
from collections.abc import Hashable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from config.errors import IndexBuildError
from retrieval.manifest import Manifest, read_manifest, stamp_of, write_manifest
from retrieval.translation import read_lexicon, write_lexicon

Lexicon = dict[str, tuple[str, ...]]


class GenerationRegistry(Protocol):
    """The record of which generation is current and what each generation needs besides its collections."""

    @property
    def where(self) -> str:
        """Names the place in log lines and errors."""
        ...

    def current(self) -> tuple[Hashable | None, Manifest | None]:
        """A marker that changes whenever the manifest is replaced, and the manifest itself (``None`` if none)."""
        ...

    def stamp(self) -> Hashable | None:
        """Only the marker: the cheap check made before every question."""
        ...

    def publish(self, manifest: Manifest) -> Hashable | None:
        """Make ``manifest`` current in one step; returns its marker."""
        ...

    def save_extras(self, generation: str, lexicon: Lexicon, vocabulary: frozenset[str]) -> None:
        """Keep a generation's word lists (written before its collections: they mark the collections as ours)."""
        ...

    def load_extras(self, generation: str) -> tuple[Lexicon, frozenset[str]]:
        """A generation's word lists.

        Raises:
            OSError: they are missing or unreadable (a server registry raises ``StoreUnavailableError``).

        """
        ...

    def has_extras(self, generation: str) -> bool:
        """Whether a generation's word lists are kept."""
        ...

    def generations(self) -> set[str]:
        """Every generation whose word lists are kept: the current one, and leftovers to retire."""
        ...

    def forget(self, generation: str) -> None:
        """Drop a retired generation's word lists."""
        ...

    def lock(self, *, wait: bool) -> AbstractContextManager[None]:
        """Hold the build lock (one reindex at a time); ``IndexBuildError`` if busy and not ``wait``."""
        ...


def lexicon_text(lexicon: Lexicon) -> str:
    """``lexicon`` in the tab-separated form ``read_lexicon`` reads."""
    buffer = io.StringIO()
    for key, forms in sorted(lexicon.items()):
        buffer.write(f"{key}\t{'|'.join(forms)}\n")
    return buffer.getvalue()


def lexicon_of(text: str) -> Lexicon:
    """The lexicon ``lexicon_text`` wrote."""
    lexicon: Lexicon = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, forms = line.partition("\t")
            lexicon.setdefault(key.strip().lower(), tuple(f for f in forms.split("|") if f))
    return lexicon


class FileRegistry:
    """The embedded default: ``manifest.json``, ``lexicon-G.tsv`` and ``vocabulary-G.txt`` in a state directory.

    The marker is the manifest file's (inode, mtime, size): one ``stat``. The lock is an ``flock`` on
    ``build.lock`` there, so it holds for the processes of one machine.
    """

    def __init__(self, state_dir: Path) -> None:
        """Keep the records in ``state_dir`` (created when first written)."""
        self._dir = state_dir
        self._manifest_path = state_dir / "manifest.json"

    @property
    def where(self) -> str:
        """The state directory."""
        return str(self._dir)

    def current(self) -> tuple[Hashable | None, Manifest | None]:
        """The manifest file's stamp, then its contents."""
        return stamp_of(self._manifest_path), read_manifest(self._manifest_path)

    def stamp(self) -> Hashable | None:
        """One ``stat`` of the manifest file."""
        return stamp_of(self._manifest_path)

    def publish(self, manifest: Manifest) -> Hashable | None:
        """Replace the manifest file in one ``rename``."""
        self._dir.mkdir(parents=True, exist_ok=True)
        write_manifest(manifest, self._manifest_path)
        return stamp_of(self._manifest_path)

    def _lexicon_path(self, generation: str) -> Path:
        return self._dir / f"lexicon-{generation}.tsv"

    def _vocabulary_path(self, generation: str) -> Path:
        return self._dir / f"vocabulary-{generation}.txt"

    def save_extras(self, generation: str, lexicon: Lexicon, vocabulary: frozenset[str]) -> None:
        """Write the two files."""
        self._dir.mkdir(parents=True, exist_ok=True)
        write_lexicon(lexicon, self._lexicon_path(generation))
        self._vocabulary_path(generation).write_text("\n".join(sorted(vocabulary)), encoding="utf-8")

    def load_extras(self, generation: str) -> tuple[Lexicon, frozenset[str]]:
        """Read the two files (``OSError`` if either is missing)."""
        lexicon = read_lexicon(self._lexicon_path(generation))
        vocabulary = frozenset(self._vocabulary_path(generation).read_text(encoding="utf-8").split())
        return lexicon, vocabulary

    def has_extras(self, generation: str) -> bool:
        """Both files exist."""
        return self._lexicon_path(generation).is_file() and self._vocabulary_path(generation).is_file()

    def generations(self) -> set[str]:
        """The generations named by files in the directory."""
        files = [*self._dir.glob("lexicon-*.tsv"), *self._dir.glob("vocabulary-*.txt")]
        return {p.name.split("-", 1)[1].rsplit(".", 1)[0] for p in files}

    def forget(self, generation: str) -> None:
        """Delete the two files."""
        for path in (self._lexicon_path(generation), self._vocabulary_path(generation)):
            path.unlink(missing_ok=True)

    @contextlib.contextmanager
    def lock(self, *, wait: bool) -> Iterator[None]:
        """``flock`` on ``build.lock`` in the state directory."""
        self._dir.mkdir(parents=True, exist_ok=True)
        with (self._dir / "build.lock").open("w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise IndexBuildError("another reindex is running; try again when it has finished") from exc
            yield
