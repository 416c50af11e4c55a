"""Keeps the index loaded while the bot runs: retried with backoff while its store is out of reach."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from config.errors import StoreUnavailableError, SummitError
from retrieval.answering import Answerer

log = logging.getLogger(__name__)


async def watch_index(
    answerer: Answerer,
    *,
    first: float = 1.0,
    most: float = 60.0,
    healthy: float = 30.0,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> None:
    """Load the index now, and check it every ``healthy`` seconds; forever (cancel the task to stop).

    While the store cannot be reached (a Chroma server that is down), questions get "the index is
    unavailable" and this retries after ``first`` seconds, doubling up to ``most``; it logs one line
    when the index goes and one when it is back, so the bot recovers without a restart. A healthy
    check also follows a reindex made by another process.

    Args:
        answerer: the bot's answerer.
        first: the first wait after a failure, in seconds.
        most: the longest wait.
        healthy: the wait between checks while all is well.
        sleep: how to wait (tests pass a fake).

    """
    delay = first
    down = False
    while True:
        try:
            generation = await asyncio.to_thread(_load, answerer)
        except StoreUnavailableError as exc:
            if not down:
                log.warning("the index is unavailable (%s); retrying with backoff", exc)
            down = True
            await sleep(delay)
            delay = min(most, delay * 2)
            continue
        except SummitError as exc:
            log.warning("the index cannot be loaded (%s); retrying in %.0f s", exc, most)
            await sleep(most)
            continue
        except Exception:
            log.exception("loading the index failed; retrying in %.0f s", most)
            await sleep(most)
            continue
        if down:
            log.warning("the index is available again (generation %s)", generation)
        down = False
        delay = first
        await sleep(healthy)


def _load(answerer: Answerer) -> str:
    answerer.warm_up()
    return answerer.index.generation
