"""The generations' record on a Chroma server: one small collection every process reads, wherever it runs."""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Hashable, Iterator
from typing import Any

from pydantic import ValidationError

from config.errors import IndexBuildError, StoreUnavailableError, SummitError
from retrieval.manifest import Manifest
from retrieval.registry import Lexicon, lexicon_of, lexicon_text
from retrieval.remote import ServerStore

log = logging.getLogger(__name__)

#: The collection holding the manifest, the word lists of each generation and the build lock.
META_COLLECTION = "summit-meta"
_MANIFEST = "manifest"
_LOCK = "build-lock"
#: chroma stores a vector with every record; these records are found by id, so one placeholder does.
_PLACEHOLDER = [1.0]


class ServerRegistry:
    """``GenerationRegistry`` kept in the ``summit-meta`` collection of a Chroma server.

    Records: ``manifest`` (the manifest as JSON; its metadata's ``stamp`` changes with every publish, so the
    check before each question is one small request), ``lexicon:G`` and ``vocabulary:G`` per generation, and
    ``build-lock``. The lock is a lease (owner, expiry), renewed while a build runs, so a killed builder frees
    it after ``lease_seconds``; chroma has no compare-and-set, so a write is read back after ``settle_seconds``
    before the lock counts as taken.
    """

    def __init__(
        self,
        store: ServerStore,
        *,
        collection: str = META_COLLECTION,
        lease_seconds: float = 60.0,
        settle_seconds: float = 0.3,
        wait_seconds: float = 1800.0,
    ) -> None:
        """Keep the record in ``collection`` on ``store``'s server (another name keeps another index apart)."""
        self._store = store
        self._name = collection
        self._lease = lease_seconds
        self._settle = settle_seconds
        self._wait = wait_seconds
        # One owner per process: a lease this process could not release (the server went away mid-build) is
        # its own to take again; the threads of the process are kept apart by an ordinary lock.
        self._owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._threads = threading.Lock()

    @property
    def where(self) -> str:
        """The server and the collection."""
        return f"{self._store.address}/{self._name}"

    @contextlib.contextmanager
    def _meta(self) -> Iterator[Any]:
        with self._store.guarded():
            yield self._store.collection(self._name, create=True)

    def _put(self, record_id: str, document: str, metadata: dict[str, Any]) -> None:
        with self._meta() as meta:
            meta.upsert(ids=[record_id], embeddings=[_PLACEHOLDER], documents=[document], metadatas=[metadata])

    def current(self) -> tuple[Hashable | None, Manifest | None]:
        """The manifest record's stamp and the manifest (``None`` if absent or, logged, unreadable)."""
        with self._meta() as meta:
            got = meta.get(ids=[_MANIFEST], include=["metadatas", "documents"])
        if not got["ids"]:
            return None, None
        stamp = str((got["metadatas"][0] or {}).get("stamp", ""))
        try:
            return stamp, Manifest.model_validate_json(got["documents"][0] or "")
        except (ValueError, ValidationError) as exc:
            log.warning("index manifest on %s is unreadable (%s); rebuilding", self.where, str(exc)[:200])
            return stamp, None

    def stamp(self) -> Hashable | None:
        """The manifest record's stamp: one request."""
        with self._meta() as meta:
            got = meta.get(ids=[_MANIFEST], include=["metadatas"])
        return str((got["metadatas"][0] or {}).get("stamp", "")) if got["ids"] else None

    def publish(self, manifest: Manifest) -> Hashable | None:
        """Replace the manifest record (one upsert: readers see the old one or the new one)."""
        stamp = uuid.uuid4().hex
        self._put(_MANIFEST, manifest.model_dump_json(), {"generation": manifest.generation, "stamp": stamp})
        return stamp

    def save_extras(self, generation: str, lexicon: Lexicon, vocabulary: frozenset[str]) -> None:
        """Store the generation's lexicon and vocabulary as two records."""
        with self._meta() as meta:
            meta.upsert(
                ids=[f"lexicon:{generation}", f"vocabulary:{generation}"],
                embeddings=[_PLACEHOLDER, _PLACEHOLDER],
                documents=[lexicon_text(lexicon), "\n".join(sorted(vocabulary))],
                metadatas=[
                    {"kind": "lexicon", "generation": generation},
                    {"kind": "vocabulary", "generation": generation},
                ],
            )

    def load_extras(self, generation: str) -> tuple[Lexicon, frozenset[str]]:
        """The generation's lexicon and vocabulary.

        Raises:
            StoreUnavailableError: the server lacks them, or cannot be reached.

        """
        with self._meta() as meta:
            got = meta.get(ids=[f"lexicon:{generation}", f"vocabulary:{generation}"], include=["documents"])
        found = dict(zip(got["ids"], got["documents"], strict=True))
        if len(found) != 2:
            raise StoreUnavailableError(f"the word lists of generation {generation} are missing from {self.where}")
        return lexicon_of(found[f"lexicon:{generation}"] or ""), frozenset(
            (found[f"vocabulary:{generation}"] or "").split()
        )

    def has_extras(self, generation: str) -> bool:
        """Whether both records exist."""
        with self._meta() as meta:
            got = meta.get(ids=[f"lexicon:{generation}", f"vocabulary:{generation}"], include=[])
        return len(got["ids"]) == 2

    def generations(self) -> set[str]:
        """Every generation with a word-list record."""
        with self._meta() as meta:
            got = meta.get(where={"kind": {"$in": ["lexicon", "vocabulary"]}}, include=["metadatas"])
        return {str(m["generation"]) for m in got["metadatas"] if m}

    def forget(self, generation: str) -> None:
        """Delete the generation's word-list records."""
        with self._meta() as meta:
            meta.delete(ids=[f"lexicon:{generation}", f"vocabulary:{generation}"])

    def _holder(self) -> tuple[str, float] | None:
        with self._meta() as meta:
            got = meta.get(ids=[_LOCK], include=["metadatas"])
        if not got["ids"] or not got["metadatas"][0]:
            return None
        found = got["metadatas"][0]
        return str(found.get("owner", "")), float(found.get("expires", 0.0))

    def _take(self, owner: str) -> bool:
        holder = self._holder()
        if holder is not None and holder[0] != owner and holder[1] > time.time():
            return False
        self._put(_LOCK, "", {"owner": owner, "expires": time.time() + self._lease})
        time.sleep(self._settle)  # a rival that wrote at the same moment shows up in the read below
        holder = self._holder()
        return holder is not None and holder[0] == owner

    def _renew(self, owner: str, stop: threading.Event) -> None:
        while not stop.wait(self._lease / 4):
            try:
                self._put(_LOCK, "", {"owner": owner, "expires": time.time() + self._lease})
            except SummitError as exc:
                log.debug("could not renew the build lock on %s: %s", self.where, exc)

    @contextlib.contextmanager
    def lock(self, *, wait: bool) -> Iterator[None]:
        """The build lock: a lease on the server, renewed while held.

        Raises:
            IndexBuildError: another process holds it and ``wait`` is false (or it did not free in time).
            StoreUnavailableError: the server cannot be reached.

        """
        if not self._threads.acquire(blocking=wait):
            raise IndexBuildError("another reindex is running; try again when it has finished")
        try:
            with self._leased(wait=wait):
                yield
        finally:
            self._threads.release()

    @contextlib.contextmanager
    def _leased(self, *, wait: bool) -> Iterator[None]:
        owner = self._owner
        deadline = time.monotonic() + self._wait
        while not self._take(owner):
            if not wait or time.monotonic() > deadline:
                raise IndexBuildError("another reindex is running; try again when it has finished")
            time.sleep(1.0)
        stop = threading.Event()
        renewer = threading.Thread(target=self._renew, args=(owner, stop), name="summit-build-lock", daemon=True)
        renewer.start()
        try:
            yield
        finally:
            stop.set()
            renewer.join(timeout=5)
            with contextlib.suppress(SummitError):
                if (self._holder() or ("", 0.0))[0] == owner:
                    with self._meta() as meta:
                        meta.delete(ids=[_LOCK])
