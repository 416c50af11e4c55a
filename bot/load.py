"""Load on the bot's own off-loop answering path: throughput, latency percentiles and the longest event-loop stall."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

#: How many asks are in flight at once, level by level.
LEVELS = (1, 5, 20, 50)


@dataclass(frozen=True)
class LoadLevel:
    """What one level of concurrent asks measured."""

    concurrency: int
    """Asks in flight at once (each worker asks again as soon as its answer is back)."""
    asks: int
    seconds: float
    throughput: float
    """Answers per second over the level."""
    p50_ms: float
    p95_ms: float
    max_stall_ms: float
    """The longest the event loop was late to wake a ticking task: how long it was blocked."""
    idle_stall_ms: float | None = None
    """The longest stall an idle process on the same machine saw meanwhile: the machine's share of ``max_stall_ms``."""

    def as_dict(self) -> dict[str, Any]:
        """The level as JSON-ready numbers."""
        return asdict(self)


class StallMeter:
    """Ticks on the running event loop every ``interval`` seconds and keeps the longest lateness of a tick.

    A tick late by more than a few milliseconds means something held the loop: a sync call on it, or a thread
    holding the GIL. Use as ``async with StallMeter() as meter: ...``, then read ``longest`` (seconds).
    """

    def __init__(self, interval: float = 0.01, *, clock: Callable[[], float] = time.perf_counter) -> None:
        """Tick every ``interval`` seconds, timed with ``clock``.

        Raises:
            ValueError: ``interval`` is not positive.

        """
        if interval <= 0:
            raise ValueError(f"interval must be positive, got {interval}")
        self.interval = interval
        self.longest = 0.0
        self.ticks = 0
        self._clock = clock
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> StallMeter:
        """Start ticking."""
        self._task = asyncio.create_task(self._tick())
        await asyncio.sleep(0)
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Stop ticking."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _tick(self) -> None:
        while True:
            before = self._clock()
            await asyncio.sleep(self.interval)
            self.longest = max(self.longest, self._clock() - before - self.interval)
            self.ticks += 1


class IdleProbe:
    """An idle process ticking beside the load (``python -m bot.load``): the stalls it sees are the machine's own.

    On a shared machine the operating system alone can hold a process off the CPU for 100 ms; the probe tells that
    apart from the bot blocking its own loop.
    """

    def __init__(self) -> None:
        """Not started yet; use as a context manager, then read ``longest_ms``."""
        self.longest_ms: float | None = None
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> IdleProbe:
        """Start the idle process and wait until it ticks."""
        root = Path(__file__).resolve().parents[1]
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bot.load"], cwd=root, stdout=subprocess.PIPE, text=True
        )
        assert self._process.stdout is not None  # noqa: S101 - PIPE was asked for
        self._process.stdout.readline()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Stop the idle process and read its longest stall."""
        if self._process is None:
            return
        self._process.terminate()
        out, _ = self._process.communicate(timeout=30)
        lines = out.split()
        self.longest_ms = float(lines[-1]) if lines else None


async def _tick_until_terminated() -> None:
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with StallMeter() as meter:
        sys.stdout.write("ticking\n")
        sys.stdout.flush()
        await stop.wait()
    sys.stdout.write(f"{meter.longest * 1000:.3f}\n")


def percentile(samples: Sequence[float], share: float) -> float:
    """The nearest-rank ``share`` percentile of ``samples`` (0.5 is the median)."""
    ordered = sorted(samples)
    if share == 0.5:
        return statistics.median(ordered)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def drive(
    ask: Callable[[str], Awaitable[object]],
    questions: Sequence[str],
    *,
    concurrency: int,
    asks: int,
    clock: Callable[[], float] = time.perf_counter,
    probe: bool = False,
) -> LoadLevel:
    """Keep ``concurrency`` asks in flight until ``asks`` are answered, with a stall meter on the loop.

    Args:
        ask: one ask, as the bot runs it (the answering core off the loop, the reply built on it).
        questions: asked in turn, cycled.
        concurrency: asks in flight at once.
        asks: answers to collect in all.
        clock: the clock latencies are timed with.
        probe: also run an ``IdleProbe`` meanwhile, for the machine's own stalls.

    Returns:
        The level's throughput, latency percentiles and longest stall.

    Raises:
        ValueError: no questions, or ``concurrency`` or ``asks`` is not positive.

    """
    if not questions or concurrency <= 0 or asks <= 0:
        raise ValueError(f"need questions and positive counts, got {len(questions)}, {concurrency}, {asks}")
    turns = iter(range(asks))
    cycle = itertools.cycle(questions)
    latencies: list[float] = []

    async def worker() -> None:
        for _ in turns:  # one shared iterator: the workers take turns until all asks are out
            started = clock()
            await ask(next(cycle))
            latencies.append(clock() - started)

    with IdleProbe() if probe else contextlib.nullcontext() as idle:
        async with StallMeter(clock=clock) as meter:
            started = clock()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            seconds = clock() - started
    return LoadLevel(
        concurrency=concurrency,
        asks=len(latencies),
        seconds=seconds,
        throughput=len(latencies) / seconds if seconds > 0 else 0.0,
        p50_ms=percentile(latencies, 0.5) * 1000,
        p95_ms=percentile(latencies, 0.95) * 1000,
        max_stall_ms=meter.longest * 1000,
        idle_stall_ms=idle.longest_ms if idle is not None else None,
    )


async def drive_levels(
    ask: Callable[[str], Awaitable[object]],
    questions: Sequence[str],
    *,
    levels: Sequence[int] = LEVELS,
    asks_per_worker: int = 4,
    least: int = 40,
    probe: bool = False,
) -> list[LoadLevel]:
    """``drive`` at each level in turn, on one event loop (one default thread pool, as in the bot).

    Each level collects ``asks_per_worker`` answers per worker, and at least ``least``; ``probe`` as in ``drive``.
    """
    return [
        await drive(ask, questions, concurrency=n, asks=max(least, asks_per_worker * n), probe=probe) for n in levels
    ]


def format_table(results: dict[str, list[LoadLevel]]) -> str:
    """The load table: one row per level, one column group per store mode."""
    modes = list(results)
    columns = f"{'answers/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'stall ms':>10}{'idle ms':>9}"
    lines = [
        " " * 12 + "   ".join(f"{mode:^{len(columns)}}" for mode in modes).rstrip(),
        "in flight | " + " | ".join(columns for _ in modes),
    ]
    for row in zip(*(results[mode] for mode in modes), strict=True):
        cells = (
            f"{lv.throughput:>9.1f}{lv.p50_ms:>9.0f}{lv.p95_ms:>9.0f}{lv.max_stall_ms:>10.1f}"
            + (f"{lv.idle_stall_ms:>9.1f}" if lv.idle_stall_ms is not None else f"{'-':>9}")
            for lv in row
        )
        lines.append(f"{row[0].concurrency:>9} | " + " | ".join(cells))
    return "\n".join(lines)


if __name__ == "__main__":
    asyncio.run(_tick_until_terminated())
