"""The load driver and the stall meter, on fake answerers and a fake clock (no timing thresholds)."""

import asyncio
import threading

import pytest

from bot.cogs.ask import answer_off_loop
from bot.load import LEVELS, IdleProbe, LoadLevel, StallMeter, drive, drive_levels, format_table, percentile


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_drive_keeps_the_asked_number_in_flight_and_collects_every_answer():
    in_flight, most, asked = 0, 0, []

    async def ask(question):
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        await asyncio.sleep(0)
        asked.append(question)
        in_flight -= 1

    level = asyncio.run(drive(ask, ["a", "b", "c"], concurrency=5, asks=23))
    assert level.asks == 23
    assert level.concurrency == 5
    assert most == 5
    assert asked.count("a") == 8
    assert asked.count("c") == 7
    assert level.throughput > 0
    assert level.p50_ms <= level.p95_ms


def test_a_sync_call_on_the_loop_shows_as_a_stall_of_its_length():
    clock = FakeClock()

    async def blocking_ask(question):
        await asyncio.sleep(0.02)  # let the meter's tick start waiting
        clock.now += 0.5  # 500 ms of the loop held (fake clock: no real waiting)

    level = asyncio.run(drive(blocking_ask, ["q"], concurrency=1, asks=3, clock=clock))
    assert level.max_stall_ms == pytest.approx(490, abs=1)
    assert level.p50_ms == pytest.approx(500)


def test_answers_off_the_loop_leave_no_stall_on_a_fake_clock():
    clock = FakeClock()

    async def ask(question):
        await asyncio.sleep(0)

    level = asyncio.run(drive(ask, ["q"], concurrency=3, asks=30, clock=clock))
    assert level.max_stall_ms == 0


def test_the_stall_meter_ticks_and_rejects_a_bad_interval():
    async def run():
        async with StallMeter(interval=0.001) as meter:
            while meter.ticks < 3:
                await asyncio.sleep(0.001)
        return meter

    assert asyncio.run(run()).ticks >= 3
    with pytest.raises(ValueError, match="interval"):
        StallMeter(interval=0)


@pytest.mark.parametrize(("concurrency", "asks"), [(0, 5), (5, 0)])
def test_drive_rejects_empty_counts(concurrency, asks):
    async def ask(question):
        return None

    with pytest.raises(ValueError, match="positive"):
        asyncio.run(drive(ask, ["q"], concurrency=concurrency, asks=asks))


def test_the_bots_path_answers_on_a_worker_thread():
    seen = []

    class FakeAnswerer:
        def answer(self, question):
            seen.append(threading.get_ident())
            return f"answer to {question}"

    async def run():
        return threading.get_ident(), await answer_off_loop(FakeAnswerer(), "q")

    loop_thread, answer = asyncio.run(run())
    assert answer == "answer to q"
    assert seen and seen[0] != loop_thread


def test_every_level_is_driven_with_at_least_the_least_asks():
    async def ask(question):
        await asyncio.sleep(0)

    levels = asyncio.run(drive_levels(ask, ["q"], levels=(1, 5, 20), asks_per_worker=4, least=10))
    assert [(lv.concurrency, lv.asks) for lv in levels] == [(1, 10), (5, 20), (20, 80)]


def test_percentile_is_nearest_rank_and_the_median_at_half():
    samples = [float(n) for n in range(1, 101)]
    assert percentile(samples, 0.5) == 50.5
    assert percentile(samples, 0.95) == 95.0


def test_the_table_has_a_row_per_level_and_a_column_group_per_mode():
    def level(n):
        return LoadLevel(n, 4 * n, 1.0, 4.0 * n, 10.0, 20.0, 3.5)

    table = format_table({"embedded": [level(n) for n in LEVELS], "server": [level(n) for n in LEVELS]})
    lines = table.splitlines()
    assert lines[2].split() == ["1", "|", "4.0", "10", "20", "3.5", "-", "|", "4.0", "10", "20", "3.5", "-"]
    assert "embedded" in lines[0]
    assert "server" in lines[0]
    assert [line.split("|")[0].strip() for line in lines[2:]] == [str(n) for n in LEVELS]
    assert LoadLevel(1, 1, 1.0, 1.0, 1.0, 1.0, 1.0).as_dict()["max_stall_ms"] == 1.0


def test_the_idle_probe_reports_the_machines_own_stall_beside_the_load():
    async def ask(question):
        await asyncio.sleep(0.001)

    level = asyncio.run(drive(ask, ["q"], concurrency=2, asks=20, probe=True))
    assert level.idle_stall_ms is not None
    assert level.idle_stall_ms >= 0
    with IdleProbe() as probe:
        pass
    assert probe.longest_ms is not None
