"""``manifest.json``: which generation of the index is current, what it was built from, and its documents' facts."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from corpus.delegations import Delegation
from corpus.timeline import Event

log = logging.getLogger(__name__)

#: How a manifest file is told apart from the one read before: replaced files get a new inode.
Stamp = tuple[int, int, int]


class DocumentInfo(BaseModel):
    """What the index keeps of each document besides its chunks: built with the generation, served from it."""

    model_config = ConfigDict(frozen=True)

    title: str
    references: dict[int, str]
    facts: dict[str, dict[str, Any]] = {}
    delegations: tuple[Delegation, ...] = ()
    events: tuple[Event, ...] = ()


class Counts(BaseModel):
    """Sizes of one generation."""

    documents: int
    chunks: int
    sentences: int


class Manifest(BaseModel):
    """The current generation and what it was built from."""

    generation: str
    corpus_hash: str
    model: str
    chunker_version: int
    lexicon_version: str = ""
    documents: dict[str, DocumentInfo]
    counts: Counts
    built_at: float = 0.0
    """When the generation was built (seconds since the epoch; 0 for manifests written before it was kept)."""
    dimension: int = 0
    """The length of the stored vectors."""


def stamp_of(path: Path) -> Stamp | None:
    """What identifies this version of ``path`` (inode, mtime, size), or ``None`` if it is absent."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)


def read_manifest(path: Path) -> Manifest | None:
    """The manifest at ``path``; ``None`` if there is none, or (logged) if it is unreadable or of the wrong shape."""
    try:
        return Manifest.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError, ValidationError) as exc:
        log.warning("index manifest %s is unreadable (%s); rebuilding", path, str(exc)[:200])
        return None


def write_manifest(manifest: Manifest, path: Path) -> None:
    """Replace the manifest at ``path`` in one step: readers see the old one or the new one, never half."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(manifest.model_dump_json(indent=1), encoding="utf-8")
    os.replace(tmp, path)
