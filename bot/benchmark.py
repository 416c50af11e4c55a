"""``summit-bot bench``: warm latency beside a plain-Chroma baseline, cold start, build time and memory."""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bot.app import build_answerer, build_embedder
from config.settings import PROJECT_ROOT, Settings
from corpus.synthetic import shuffled_article
from retrieval.embedding import SentenceEmbedder
from retrieval.store import ChromaStore

QUESTIONS = PROJECT_ROOT / "tests" / "data" / "questions.jsonl"
#: The articles the many-article corpus is shuffled from.
SOURCES = (PROJECT_ROOT / "corpus", PROJECT_ROOT / "tests" / "data" / "articles")
MANY = 50


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


def _many_articles(settings: Settings, embedder: SentenceEmbedder, asked: list[str], root: Path) -> tuple[float, float]:
    """Build a 50-article index (progress bar on stderr) and time the same warm questions: (build s, median ms)."""
    write_many_articles(root / "corpus")
    local = settings.model_copy(update={"corpus_dir": root / "corpus", "chroma_path": root / "chroma"})
    answerer = build_answerer(local, embedder=embedder)
    started = time.perf_counter()
    answerer.manager.rebuild(progress=True)
    build_seconds = time.perf_counter() - started
    answerer.warm_up()
    for warm in asked[:5]:
        answerer.answer(warm)
    median, _ = _percentiles(_time_each(answerer.answer, asked))
    return build_seconds, median


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


def _cold_ask(settings: Settings, runs: int = 3) -> list[float]:
    walls = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bot", "ask", "会場はどの湖を見下ろしていますか", "--json"],
            check=True, capture_output=True, cwd=PROJECT_ROOT,
        )  # fmt: skip
        walls.append(time.perf_counter() - started)
    return walls


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
        many_build, many_med = _many_articles(settings, embedder, asked, Path(tmp) / "many")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    build_answerer(settings, embedder=embedder).warm_up()  # the default index, so cold runs only load it
    cold = _cold_ask(settings)
    cold_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    ours_med, ours_p95 = _percentiles(ours)
    base_med, base_p95 = _percentiles(base)
    return "\n".join([
        f"warm answer over {len(asked)} questions (ms):  summit-bot median {ours_med:.1f}  p95 {ours_p95:.1f}",
        f"                                   baseline (chroma + same model) median {base_med:.1f}  p95 {base_p95:.1f}",
        f"ratio of medians: {ours_med / base_med:.2f}x",
        f"{MANY} articles (shuffled sections): warm median {many_med:.1f} ms = {many_med / ours_med:.2f}x the "
        f"one-article median (target <= 1.5x); index built in {many_build:.1f} s",
        f"cold `summit-bot ask` wall time (s): median {statistics.median(cold):.2f} of {len(cold)} "
        f"({', '.join(f'{c:.2f}' for c in cold)})",
        f"index build (model load + parse + embed + write): {build_seconds:.1f} s",
        f"peak resident memory: bench process {peak_mb:.0f} MB, cold ask {cold_peak_mb:.0f} MB",
    ])  # fmt: skip
