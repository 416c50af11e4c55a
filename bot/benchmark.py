"""``summit-bot bench``: warm latency beside a plain-Chroma baseline, cold start, build time, memory and load."""

from __future__ import annotations

import asyncio
import contextlib
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.app import build_answerer, build_embedder
from bot.load import LEVELS, LoadLevel, drive_levels, format_table
from config.settings import PROJECT_ROOT, Settings
from corpus.synthetic import shuffled_article
from retrieval.answering import Answerer
from retrieval.embedding import SentenceEmbedder
from retrieval.store import ChromaStore

QUESTIONS = PROJECT_ROOT / "tests" / "data" / "questions.jsonl"
#: The articles the many-article corpus is shuffled from.
SOURCES = (PROJECT_ROOT / "corpus", PROJECT_ROOT / "tests" / "data" / "articles")
MANY = 50
#: A store mode for the load table: settings, the shared model and a scratch directory in, a warmed-up answerer out.
StoreMode = Callable[[Settings, SentenceEmbedder, Path], contextlib.AbstractContextManager[Answerer]]


def write_many_articles(directory: Path, *, count: int = MANY) -> list[Path]:
    """Write ``count`` articles shuffled from the corpus's and the test articles' sections into ``directory``."""
    from corpus.parsing import read_article

    sources = [read_article(path) for folder in SOURCES for path in sorted(folder.glob("*.txt"))]
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(count):
        article = sources[i % len(sources)]
        path = directory / f"article-{i:02d}.txt"
        path.write_text(shuffled_article(article, seed=i, title=f"{article.title} ({i + 1})"), encoding="utf-8")
        written.append(path)
    return written


def _many_articles(
    settings: Settings, embedder: SentenceEmbedder, asked: list[str], root: Path
) -> tuple[float, Answerer]:
    """Build a 50-article index (progress bar on stderr) and warm it: (build s, its answerer)."""
    write_many_articles(root / "corpus")
    local = settings.model_copy(update={"corpus_dir": root / "corpus", "chroma_path": root / "chroma"})
    answerer = build_answerer(local, embedder=embedder)
    started = time.perf_counter()
    answerer.manager.rebuild(progress=True)
    build_seconds = time.perf_counter() - started
    answerer.warm_up()
    for warm in asked[:5]:
        answerer.answer(warm)
    return build_seconds, answerer


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def _time_each(call: Callable[[str], object], questions: list[str]) -> list[float]:
    samples = []
    for question in questions:
        started = time.perf_counter()
        call(question)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


#: Runs one command and prints its wall time and peak memory. A child forked from the bench would count the
#: bench's own pages in its peak (Linux keeps the pre-exec high-water mark), so a small process forks it.
_MEASURE_ONE = """
import resource, subprocess, sys, time
started = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, capture_output=True)
print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _cold_ask(settings: Settings, runs: int = 3) -> tuple[list[float], float]:
    """Wall seconds of each cold ``summit-bot ask``, and the highest peak memory of one (MB)."""
    walls, peaks = [], []
    for _ in range(runs):
        command = [sys.executable, "-m", "bot", "ask", "会場はどの湖を見下ろしていますか", "--json"]
        done = subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments
            [sys.executable, "-c", _MEASURE_ONE, *command], check=True, capture_output=True, text=True, cwd=PROJECT_ROOT
        )
        wall, peak_kb = done.stdout.split()
        walls.append(float(wall))
        peaks.append(int(peak_kb) / 1024)
    return walls, max(peaks)


@contextlib.contextmanager
def _embedded(settings: Settings, embedder: SentenceEmbedder, root: Path) -> Iterator[Answerer]:
    """Chroma inside the bot's process, on disk (the default store)."""
    answerer = build_answerer(settings.model_copy(update={"chroma_path": root / "chroma"}), embedder=embedder)
    answerer.warm_up()
    yield answerer


@contextlib.contextmanager
def _server(settings: Settings, embedder: SentenceEmbedder, root: Path) -> Iterator[Answerer]:
    """A Chroma server of its own (``chroma run`` from this environment) on a free loopback port."""
    from bot.chroma_server import ChromaServer
    from config.settings import StoreSettings

    server = ChromaServer(root / "chroma-server").start()
    try:
        store = StoreSettings(mode="server", host=server.host, port=server.port)
        answerer = build_answerer(settings.model_copy(update={"store": store}), embedder=embedder)
        answerer.warm_up()
        yield answerer
    finally:
        server.stop()


def store_modes(settings: Settings) -> dict[str, StoreMode]:
    """The store modes run side by side: Chroma embedded in the process, and a Chroma server of the bench's own."""
    return {"embedded": _embedded, "server": _server}


def _bot_ask(answerer: Answerer) -> Callable[[str], Coroutine[Any, Any, object]]:
    """One ask as the cog runs it: the answering core off the loop, then the reply's embed and buttons on it."""
    from bot.buttons import render_answer
    from bot.cogs.ask import answer_off_loop

    async def ask(question: str) -> object:
        answer = await answer_off_loop(answerer, question)
        return render_answer("0" * 12, answer, "en", follow_up=True)

    return ask


def run_load(
    settings: Settings, embedder: SentenceEmbedder, asked: list[str], root: Path, *, levels: tuple[int, ...] = LEVELS
) -> dict[str, list[LoadLevel]]:
    """Each store mode under 1, 5, 20 and 50 asks in flight; each mode gets its own index under ``root``."""
    results: dict[str, list[LoadLevel]] = {}
    for name, mode in store_modes(settings).items():
        with mode(settings, embedder, root / name) as answerer:
            ask = _bot_ask(answerer)
            for warm in asked[:5]:
                asyncio.run(ask(warm))
            results[name] = asyncio.run(drive_levels(ask, asked, levels=levels, probe=True))
    return results


def write_load(path: Path, results: dict[str, list[LoadLevel]], *, embedder: str) -> None:
    """The load table as JSON (``data/bench.json``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        "path": "bot.cogs.ask.answer_off_loop (asyncio.to_thread) + render_answer on the loop",
        "embedder": embedder,
        "levels": list(LEVELS),
        "modes": {mode: [level.as_dict() for level in levels] for mode, levels in results.items()},
    }
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def run_benchmark(settings: Settings, *, questions: int = 60) -> str:
    """Run the benchmark and return its report.

    Args:
        settings: the settings the bot runs with (model, corpus).
        questions: how many warm questions to time (cycled from the project's own question file).

    """
    rows = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    asked = [rows[i % len(rows)]["q"] for i in range(max(questions, 1))]
    with tempfile.TemporaryDirectory(prefix="summit-bench-") as tmp:
        store = ChromaStore.persistent(Path(tmp) / "chroma")
        embedder = build_embedder(settings)
        local = settings.model_copy(update={"chroma_path": Path(tmp) / "chroma"})
        answerer = build_answerer(local, store=store, embedder=embedder)
        started = time.perf_counter()
        answerer.warm_up()
        build_seconds = time.perf_counter() - started
        collection = answerer.index.chunk_collection

        def baseline(question: str) -> object:
            return store.query(collection, embedder.embed_queries([question])[0], top_k=3)

        for warm in asked[:5]:  # first calls pay one-off allocation costs in both paths
            answerer.answer(warm)
            baseline(warm)
        ours: list[float] = []
        base: list[float] = []
        for question in asked:  # interleaved, so machine noise hits both alike
            ours += _time_each(answerer.answer, [question])
            base += _time_each(baseline, [question])
        # A second pass pairs the one-article answerer with the 50-article one: a fresh 50-article index
        # keeps chroma busy in the background for a while, which must weigh on both sides of that ratio,
        # not on the baseline comparison above.
        many_build, many = _many_articles(settings, embedder, asked, Path(tmp) / "many")
        one: list[float] = []
        fifty: list[float] = []
        for question in asked:
            one += _time_each(answerer.answer, [question])
            fifty += _time_each(many.answer, [question])
        many_med, _ = _percentiles(fifty)
        one_med, _ = _percentiles(one)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        build_answerer(settings, embedder=embedder).warm_up()  # the default index, so cold runs only load it
        cold, cold_peak_mb = _cold_ask(settings)
        load = run_load(settings, embedder, asked, Path(tmp) / "load")
    bench_json = settings.data_dir / "bench.json"
    write_load(bench_json, load, embedder=embedder.query_batching)
    ours_med, ours_p95 = _percentiles(ours)
    base_med, base_p95 = _percentiles(base)
    return "\n".join([
        f"warm answer over {len(asked)} questions (ms):  summit-bot median {ours_med:.1f}  p95 {ours_p95:.1f}",
        f"                                   baseline (chroma + same model) median {base_med:.1f}  p95 {base_p95:.1f}",
        f"ratio of medians: {ours_med / base_med:.2f}x",
        f"{MANY} articles (shuffled sections): warm median {many_med:.1f} ms = {many_med / one_med:.2f}x the "
        f"one-article median of the same pass ({one_med:.1f} ms; target <= 1.5x); index built in {many_build:.1f} s",
        f"cold `summit-bot ask` wall time (s): median {statistics.median(cold):.2f} of {len(cold)} "
        f"({', '.join(f'{c:.2f}' for c in cold)})",
        f"index build (model load + parse + embed + write): {build_seconds:.1f} s",
        f"peak resident memory: bench process {peak_mb:.0f} MB, cold ask {cold_peak_mb:.0f} MB",
        "",
        f"load through the bot's own off-loop path (embedder: {embedder.query_batching}; written to {bench_json}):",
        format_table(load),
    ])  # fmt: skip
