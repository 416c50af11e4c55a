"""The index on a Chroma server (``chroma run``): a store that survives the server going away, and a backoff."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

from config.errors import StoreUnavailableError
from retrieval.store import ChromaStore, _chroma_settings
from retrieval.types import Chunk, Hit, Vectors

log = logging.getLogger(__name__)


class Backoff:
    """Spaces out attempts to reach a server that failed: ``first`` seconds, doubling up to ``most``."""

    def __init__(self, *, first: float = 0.5, most: float = 10.0, clock: Callable[[], float] = time.monotonic) -> None:
        """Set the first and the longest wait.

        Raises:
            ValueError: ``first`` is not positive or ``most`` is below it.

        """
        if first <= 0 or most < first:
            raise ValueError(f"need 0 < first <= most, got first={first}, most={most}")
        self._first = first
        self._most = most
        self._clock = clock
        self._delay: float | None = None
        self._until = 0.0

    @property
    def down(self) -> bool:
        """Whether the last attempt failed."""
        return self._delay is not None

    @property
    def waiting(self) -> float:
        """Seconds before the next attempt may be made (0 when it may be made now)."""
        return max(0.0, self._until - self._clock())

    def failed(self) -> float:
        """Note a failed attempt; returns how long to wait before the next."""
        self._delay = self._first if self._delay is None else min(self._most, self._delay * 2)
        self._until = self._clock() + self._delay
        return self._delay

    def succeeded(self) -> None:
        """Note a successful attempt: the next failure starts the waits over."""
        self._delay = None
        self._until = 0.0


def _unreachable() -> tuple[type[BaseException], ...]:
    """The errors that mean the server cannot be reached or refuses us (not that a request was wrong)."""
    import httpx
    from chromadb.errors import AuthorizationError, ChromaAuthError

    return (httpx.TransportError, OSError, ChromaAuthError, AuthorizationError)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


class ServerStore(ChromaStore):
    """A ``ChromaStore`` over ``chromadb.HttpClient``: connected on first use, never at construction.

    Every call that cannot reach the server raises ``StoreUnavailableError`` naming host and port, and
    starts a ``Backoff``: until it has passed, calls fail at once without a request, so a busy bot does
    not hammer a server that is down; the first call after it tries again, and recovers the store when
    the server is back. Collection handles are cached (one request per query instead of two).
    """

    def __init__(
        self,
        *,
        host: str,
        port: int,
        ssl: bool = False,
        token: str | None = None,
        backoff: Backoff | None = None,
        timeout: float = 60.0,
    ) -> None:
        """Aim at a server; ``token`` is sent as ``Authorization: Bearer`` (Chroma's token auth header).

        ``timeout`` bounds each request (chroma's client waits forever by default, so a server that stops
        answering without closing its connections would hang every question); connecting waits 5 s at most.
        """
        if timeout <= 0:
            raise ValueError(f"timeout must be positive, got {timeout}")
        super().__init__(None, where=f"{host}:{port}")
        self._host = host
        self._port = port
        self._ssl = ssl
        self._token = token
        self._backoff = backoff or Backoff()
        self._timeout = timeout
        self._handles: dict[str, Any] = {}

    @property
    def address(self) -> str:
        """``host:port`` of the server."""
        return f"{self._host}:{self._port}"

    def describe(self) -> dict[str, Any]:
        """Where the index lives, for ``status`` (never the token)."""
        return {"mode": "server", "path": None, "host": self._host, "port": self._port, "ssl": self._ssl}

    def __repr__(self) -> str:
        return f"ServerStore({self.address}, ssl={self._ssl})"

    def _unavailable(self, reason: str) -> StoreUnavailableError:
        return StoreUnavailableError(
            f"the index is unavailable: cannot reach the Chroma server at {self.address} "
            f"(SUMMIT_STORE__HOST, SUMMIT_STORE__PORT): {reason}"
        )

    def _connect(self) -> Any:
        import chromadb
        import httpx

        headers = {"Authorization": f"Bearer {self._token}"} if self._token else {}
        limit = httpx.Timeout(self._timeout, connect=min(5.0, self._timeout))
        # chroma's client talks to the server while it is built, with no time limit: check it answers first.
        scheme = "https" if self._ssl else "http"
        httpx.get(f"{scheme}://{self.address}/api/v2/heartbeat", headers=headers, timeout=limit).raise_for_status()
        client = chromadb.HttpClient(
            host=self._host, port=self._port, ssl=self._ssl, headers=headers or None, settings=_chroma_settings()
        )
        session = getattr(getattr(client, "_server", None), "_session", None)
        if isinstance(session, httpx.Client):
            session.timeout = limit
        return client

    @contextlib.contextmanager
    def guarded(self) -> Iterator[Any]:
        """Run requests to the server: connect if needed, and turn its being out of reach into one error.

        Yields:
            The chroma client.

        Raises:
            StoreUnavailableError: the server cannot be reached now, or could not a moment ago (backoff).

        """
        with self._lock.hold(exclusive=False), self._guard_locked() as client:
            yield client

    @contextlib.contextmanager
    def _guard_locked(self) -> Iterator[Any]:
        from chromadb.errors import NotFoundError

        waiting = self._backoff.waiting
        if waiting > 0:
            raise self._unavailable(f"it did not answer; trying again in {waiting:.1f} s")
        try:
            if self._client is None:
                try:
                    self._client = self._connect()
                except Exception as exc:  # chroma wraps a refused connection in ValueError
                    self._lost()
                    raise self._unavailable(_one_line(exc)) from exc
            yield self._client
        except StoreUnavailableError:
            raise  # already told apart: the server lost (by this guard or one within it), or a record missing
        except _unreachable() as exc:
            self._lost()
            raise self._unavailable(_one_line(exc)) from exc
        except NotFoundError as exc:
            self._handles.clear()
            raise StoreUnavailableError(f"the Chroma server at {self.address}: {_one_line(exc)}") from exc
        else:
            if self._backoff.down:
                log.warning("the Chroma server at %s is reachable again", self.address)
            self._backoff.succeeded()

    def _lost(self) -> None:
        self._handles.clear()
        self._client = None
        wait = self._backoff.failed()
        log.debug("Chroma server at %s unreachable; next attempt in %.1f s", self.address, wait)

    def _collection(self, collection: str) -> Any:
        found = self._handles.get(collection)
        if found is None:
            try:
                found = self._client.get_collection(collection, embedding_function=None)
            except _unreachable():
                raise
            except Exception as exc:
                raise StoreUnavailableError(
                    f"collection {collection} is missing from the Chroma server at {self.address}"
                ) from exc
            self._handles[collection] = found
        return found

    def collection(self, name: str, *, create: bool = False) -> Any:
        """The chroma collection ``name`` (created, cosine space, if ``create``); call within ``guarded``."""
        if create and name not in self._handles:
            self._handles[name] = self._client.get_or_create_collection(
                name, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
            )
        return self._collection(name)

    def add(self, collection: str, chunks: list[Chunk], vectors: Vectors) -> None:
        """Create ``collection`` on the server with the chunks and their vectors."""
        with self.guarded():
            self._handles.pop(collection, None)
            super().add(collection, chunks, vectors)

    def query(self, collection: str, vector: Vectors, *, top_k: int) -> list[Hit]:
        """The ``top_k`` nearest chunks, nearest first."""
        with self.guarded():
            return super().query(collection, vector, top_k=top_k)

    def chunks(self, collection: str) -> tuple[list[Chunk], Vectors]:
        """Every chunk with its vector, in the order they were added."""
        with self.guarded():
            return super().chunks(collection)

    def count(self, collection: str) -> int:
        """How many records ``collection`` holds."""
        with self.guarded():
            return super().count(collection)

    def drop(self, collection: str) -> None:
        """Delete ``collection`` if it exists."""
        with self.guarded():
            self._handles.pop(collection, None)
            super().drop(collection)

    def collections(self) -> list[str]:
        """Names of the collections on the server."""
        with self.guarded():
            return super().collections()

    def reopen(self) -> None:
        """Forget cached collection handles (another process may have replaced them)."""
        self._handles.clear()

    def quarantine(self, reason: str) -> None:
        """Nothing is moved on a server: a generation that fails its checks is rebuilt beside it.

        Raises:
            StoreUnavailableError: the server is out of reach (rebuilding would fail too).

        """
        if self._backoff.down:
            raise self._unavailable(reason)
        log.warning("the index on the Chroma server at %s cannot be used (%s); building it again", self.address, reason)
