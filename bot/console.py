"""The console chat: the bot's answers and commands in a terminal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bot.rendering import render_answer, render_citation
from bot.status import full_status, render_full_status
from config.errors import SummitError
from corpus.timeline import When
from retrieval.answering import Answerer
from retrieval.views import find_events, render_delegations, render_timeline

HELP = """Type a question about the 2021 US-Russia summit in Geneva, in Japanese or English.
Commands:
  /source N [TITLE]  show reference entry N (of the document TITLE)
  /delegation [SIDE]  who was in each delegation (SIDE: US, Russia, ロシア…)
  /timeline [FROM] [TO]  dated events, oldest first (dates as YYYY, YYYY-MM or YYYY-MM-DD)
  /reindex    reparse the corpus and rebuild the index
  /status     the index in use: generation, documents, chunks; feedback counts
  /help       this text
  /quit       leave (Ctrl-D works too)"""


class Console:
    """A read-answer loop; reading and writing are injected so tests can drive it."""

    def __init__(
        self,
        answerer: Answerer,
        *,
        corpus_dir: Path,
        store_path: Path | None = None,
        read: Callable[[str], str],
        write: Callable[[str], None],
    ) -> None:
        """Wire the loop to an answerer, the corpus, the feedback store (for /status) and input/output functions."""
        self._answerer = answerer
        self._corpus_dir = corpus_dir
        self._store_path = store_path
        self._read = read
        self._write = write

    def run(self) -> None:
        """Loop until /quit or end of input."""
        self._write(HELP)
        while True:
            try:
                line = self._read("\n? ").strip()
            except (EOFError, KeyboardInterrupt):
                self._write("")
                return
            if line in {"/quit", "/exit"}:
                return
            if line:
                self._write(self.handle(line))

    def handle(self, line: str) -> str:
        """The reply to one input line; errors become a one-line message, the loop goes on."""
        try:
            return self._dispatch(line)
        except SummitError as exc:
            return f"error: {exc}"

    def _dispatch(self, line: str) -> str:
        command, _, rest = line.partition(" ")
        if command == "/help":
            return HELP
        if command == "/source":
            number, _, document = rest.strip().partition(" ")
            if not number.isdigit():
                return "usage: /source N [DOCUMENT TITLE] (a reference number)"
            return render_citation(self._answerer.reference(int(number), document=document or None))
        if command == "/status":
            return render_full_status(full_status(self._answerer, store_path=self._store_path))
        if command == "/delegation":
            return render_delegations(self._answerer.index.documents.values(), side=rest.strip() or None)
        if command == "/timeline":
            try:
                bounds = [When.parse(word) for word in rest.split()[:2]]
                start = bounds[0] if bounds else None
                end = bounds[1] if len(bounds) > 1 else None
                events = find_events(self._answerer.index.documents.values(), start=start, end=end)
            except ValueError as exc:
                return f"usage: /timeline [FROM] [TO]: {exc}"
            return render_timeline(events)
        if command == "/reindex":
            report = self._answerer.reindex()
            return f"reindexed {report.documents} document(s): {report.chunks} chunks in {report.seconds:.1f} s"
        if command.startswith("/"):
            return f"unknown command {command}; /help lists the commands"
        return render_answer(self._answerer.answer(line))
