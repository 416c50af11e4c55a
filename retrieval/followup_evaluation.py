"""Follow-up evaluation: the follow-up's answering passage first, without and with the previous question."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from config.errors import QuestionError
from config.settings import PROJECT_ROOT
from retrieval.answering import Answerer
from retrieval.eval_rows import FollowupRow, read_rows
from retrieval.followup import answer_followup
from retrieval.types import Answer

log = logging.getLogger(__name__)
_DATA = PROJECT_ROOT / "tests" / "data"
FOLLOWUPS = _DATA / "followups_v1.jsonl"


class FollowupSet(NamedTuple):
    """A file of follow-up pairs and the articles, beside the corpus's own, that they are about."""

    name: str
    path: Path
    articles: tuple[Path, ...] = ()


#: What ``eval-followups`` runs with no file. v2 was written from the articles before tuning on v1, and is
#: not looked at while tuning; some of its pairs are about the second article, indexed beside the corpus.
FOLLOWUP_SUITE = (
    FollowupSet("v1", FOLLOWUPS),
    FollowupSet("v2", _DATA / "followups_v2.jsonl", (_DATA / "articles" / "akashi-kaikyo-bridge.ja.txt",)),
    FollowupSet("v3", _DATA / "followups_v3.jsonl"),  # blind until measured once, before and after (README)
)


def _hit(answer: Answer, wanted: list[str]) -> bool:
    return bool(answer.passages) and any(a in answer.passages[0].text for a in wanted)


def evaluate_followups(answerer: Answerer, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Answer each follow-up alone and in context; hit@1 per language, and the pairs context did not fix.

    Args:
        answerer: answers the questions.
        rows: ``{"first", "followup", "answer_any", "lang"}`` objects.

    Returns:
        ``{"languages": {lang: {"n", "without", "with"}}, "misses": [...]}``.

    """
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "without": 0, "with": 0})
    misses: list[dict[str, Any]] = []
    for row in rows:
        lang = row.get("lang") or ("ja" if any(ord(c) > 0x3000 for c in row["followup"]) else "en")
        try:
            alone = answerer.answer(row["followup"], top_k=3)
            in_context = answer_followup(
                lambda q: answerer.answer(q, top_k=3), row["first"], row["followup"], spell_names=answerer.spell_names
            )
        except QuestionError as exc:  # empty, too long, no words: the pair is named and the run goes on
            log.warning("skipped follow-up %r: %s", row["followup"][:40], exc)
            continue
        tally = counts[lang]
        tally["n"] += 1
        tally["without"] += _hit(alone, row["answer_any"])
        hit = _hit(in_context, row["answer_any"])
        tally["with"] += hit
        if not hit:
            top = in_context.passages[0].text[:60] if in_context.passages else ""
            misses.append({"id": row.get("id", ""), "asked": in_context.question, "first_passage": top})
    languages = {
        lang: {"n": c["n"], "without": round(c["without"] / c["n"], 3), "with": round(c["with"] / c["n"], 3)}
        for lang, c in sorted(counts.items())
    }
    total = sum(c["n"] for c in counts.values())
    languages["all"] = {
        "n": total,
        "without": round(sum(c["without"] for c in counts.values()) / max(total, 1), 3),
        "with": round(sum(c["with"] for c in counts.values()) / max(total, 1), 3),
    }
    return {"languages": languages, "misses": misses}


def evaluate_followup_file(answerer: Answerer, path: Path = FOLLOWUPS) -> dict[str, Any]:
    """``evaluate_followups`` over a JSON-lines file."""
    return evaluate_followups(answerer, read_rows(path, FollowupRow))


def evaluate_followup_suite(
    answerer_for: Callable[[tuple[Path, ...]], Answerer], sets: tuple[FollowupSet, ...] = FOLLOWUP_SUITE
) -> dict[str, dict[str, Any]]:
    """``evaluate_followups`` on every set whose file exists, each over the corpus plus its own articles."""
    return {s.name: evaluate_followup_file(answerer_for(s.articles), s.path) for s in sets if s.path.is_file()}


def render_followup_suite(reports: dict[str, dict[str, Any]], *, misses: bool = True) -> str:
    """Each set's table under its name."""
    return "\n\n".join(f"## {name}\n{render_followups(report, misses=misses)}" for name, report in reports.items())


def render_followups(report: dict[str, Any], *, misses: bool = True) -> str:
    """The report as a table (hit@1 of the follow-up's answering passage), then the misses."""
    lines = ["| lang | pairs | hit@1 without context | hit@1 with context |", "|---|---|---|---|"]
    lines += [
        f"| {lang} | {r['n']} | {r['without']:.3f} | {r['with']:.3f} |" for lang, r in report["languages"].items()
    ]
    if misses and report["misses"]:
        lines += ["", "missed with context:"]
        lines += [f"  {m['id']}: {m['asked']} -> {m['first_passage']}" for m in report["misses"]]
    return "\n".join(lines)
