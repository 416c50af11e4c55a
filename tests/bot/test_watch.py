"""The bot's index watch: retries with doubling waits while the store is down, one log line each way, never dies."""

import asyncio
import logging
from types import SimpleNamespace

import pytest

from bot.watch import watch_index
from config.errors import StoreUnavailableError


class FlakyAnswerer:
    """Fails ``down`` times to load, then loads; ``RuntimeError`` once after that (a bug must not end the watch)."""

    def __init__(self, down):
        self.down = down
        self.calls = 0
        self.index = SimpleNamespace(generation="g1")

    def warm_up(self):
        self.calls += 1
        if self.calls <= self.down:
            raise StoreUnavailableError("the index is unavailable: cannot reach the Chroma server at 127.0.0.1:8000")
        if self.calls == self.down + 2:
            raise RuntimeError("unexpected")


def run_watch(answerer, rounds):
    waits = []

    async def sleep(seconds):
        waits.append(seconds)
        if len(waits) >= rounds:
            raise asyncio.CancelledError

    async def main():
        with pytest.raises(asyncio.CancelledError):
            await watch_index(answerer, first=1.0, most=4.0, healthy=30.0, sleep=sleep)

    asyncio.run(main())
    return waits


def test_the_watch_backs_off_while_the_store_is_down_and_recovers_with_one_line_each_way(caplog):
    caplog.set_level(logging.WARNING, logger="bot.watch")
    answerer = FlakyAnswerer(down=4)
    waits = run_watch(answerer, rounds=7)
    assert waits == [1.0, 2.0, 4.0, 4.0, 30.0, 4.0, 30.0]
    messages = [r.getMessage() for r in caplog.records]
    assert sum("the index is unavailable" in m for m in messages) == 1
    assert sum("available again (generation g1)" in m for m in messages) == 1
