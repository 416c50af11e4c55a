"""Evaluation on questions with known answers: hit@1, hit@3, highlight@1, citation@1, refusals and short answers."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from config.errors import EvalFileError, QuestionError
from config.settings import PROJECT_ROOT
from retrieval.answering import Answerer
from retrieval.eval_rows import QuestionRow, read_rows
from retrieval.types import Answer

log = logging.getLogger(__name__)

DEFAULT_QUESTIONS = PROJECT_ROOT.parent / "shared" / "eval" / "questions.jsonl"
_DATA = PROJECT_ROOT / "tests" / "data"


class EvalSet(NamedTuple):
    """A question file and the articles, beside the corpus's own, that its questions are about."""

    name: str
    path: Path
    articles: tuple[Path, ...] = ()


#: What ``make eval`` runs with no file: every set the project keeps (the dev set when it is there).
SUITE = (
    EvalSet("dev", DEFAULT_QUESTIONS),
    EvalSet("own", _DATA / "questions.jsonl"),
    EvalSet("second", _DATA / "questions_heldout.jsonl"),
    EvalSet("v3", _DATA / "questions_v3.jsonl"),
    EvalSet("akashi", _DATA / "questions_akashi.jsonl", (_DATA / "articles" / "akashi-kaikyo-bridge.ja.txt",)),
    # Written from the articles alone by a separate session during this work, measured once before and
    # once after it (README); blind then, kept now.
    EvalSet("v4", _DATA / "questions_v4.jsonl"),
    EvalSet("akashi2", _DATA / "questions_akashi_v2.jsonl", (_DATA / "articles" / "akashi-kaikyo-bridge.ja.txt",)),
    # Written the same way in the next session, measured blind once before its changes (README); worked on since.
    EvalSet("v5", _DATA / "questions_v5.jsonl"),
    EvalSet("akashi3", _DATA / "questions_akashi_v3.jsonl", (_DATA / "articles" / "akashi-kaikyo-bridge.ja.txt",)),
    # A third article (Hayabusa2, written for the purpose, invented references) and 36 questions, measured blind
    # once before and once after that session's changes.
    EvalSet("hayabusa", _DATA / "questions_hayabusa2.jsonl", (_DATA / "articles" / "hayabusa2.ja.txt",)),
    # Written from the articles alone in the session after (64 summit questions; a fourth article, the Tokaido
    # Shinkansen, with invented references and 40 questions), measured blind once with that session's starting
    # code and once after its first changes (README), then read.
    EvalSet("v6", _DATA / "questions_v6.jsonl"),
    EvalSet("tokaido", _DATA / "questions_tokaido.jsonl", (_DATA / "articles" / "tokaido-shinkansen.ja.txt",)),
    # Written the same way during that session (60 summit questions, two thirds English; a fifth article, the
    # Kanmon tunnels and bridge, with 40 questions), measured blind with the session's starting code and with its
    # final code, then read.
    EvalSet("v7", _DATA / "questions_v7.jsonl"),
    EvalSet("kanmon", _DATA / "questions_kanmon.jsonl", (_DATA / "articles" / "kanmon.ja.txt",)),
    # Written the same way in the session after (63 summit questions, 18 not answered; a sixth article, the G7
    # Hiroshima summit, with invented references and 40 questions), measured blind with that session's
    # starting and final code (README), then read.
    EvalSet("v8", _DATA / "questions_v8.jsonl"),
    EvalSet("g7", _DATA / "questions_g7.jsonl", (_DATA / "articles" / "g7-hiroshima-summit.ja.txt",)),
    # Written the same way in the session after (64 summit questions, 16 not answered; a seventh article, the 2018
    # Singapore summit, with invented references and 40 questions), measured blind with that session's starting
    # and final code (README), then read.
    EvalSet("v9", _DATA / "questions_v9.jsonl"),
    EvalSet("singapore", _DATA / "questions_singapore.jsonl", (_DATA / "articles" / "singapore-2018-summit.ja.txt",)),
    # Written the same way in the session after (64 summit questions, 16 not answered; an eighth article, the 2018
    # Helsinki summit, with invented references and 40 questions). v10 was measured blind with that session's
    # starting code, then read and worked on; Helsinki was measured blind with its starting code and again after
    # that session's first changes (README), then read.
    EvalSet("v10", _DATA / "questions_v10.jsonl"),
    EvalSet("helsinki", _DATA / "questions_helsinki.jsonl", (_DATA / "articles" / "helsinki-2018-summit.ja.txt",)),
    # Written the same way in the session after (64 summit questions, 16 not answered; a ninth article, the 2021
    # Suez Canal obstruction, with invented references and 40 questions), measured blind with that session's
    # starting code (README), then read and worked on.
    EvalSet("v11", _DATA / "questions_v11.jsonl"),
    EvalSet("suez", _DATA / "questions_suez.jsonl", (_DATA / "articles" / "suez-canal-2021.ja.txt",)),
    # A tenth article (the 2019 Notre-Dame fire and its restoration, invented references, 40 questions) written the
    # same way during that session, measured blind with its starting and with its later code (README), then read.
    EvalSet("notredame", _DATA / "questions_notre_dame.jsonl", (_DATA / "articles" / "notre-dame-fire-2019.ja.txt",)),
    # Two more articles written the same way in the session after (the 1986 Reykjavik summit; the 2019 imperial
    # transition in Japan, both with invented references and 40 questions), measured blind with that session's
    # starting code (README), then read and worked on.
    EvalSet("reykjavik", _DATA / "questions_reykjavik.jsonl", (_DATA / "articles" / "reykjavik-1986.ja.txt",)),
    EvalSet("reiwa", _DATA / "questions_reiwa.jsonl", (_DATA / "articles" / "reiwa-2019.ja.txt",)),
    # A thirteenth (the 2010 Copiapó mine rescue, invented references, 40 questions), written the same way at the
    # start of the session after, measured blind with that session's starting code (README), then read.
    EvalSet("copiapo", _DATA / "questions_copiapo.jsonl", (_DATA / "articles" / "copiapo-2010.ja.txt",)),
    # A fourteenth (the 1970 Apollo 13 flight, invented references, 40 questions), written the same way at the start
    # of the session after, measured blind with that session's starting code (README), then read.
    EvalSet("apollo13", _DATA / "questions_apollo13.jsonl", (_DATA / "articles" / "apollo13-1970.ja.txt",)),
    # A sixteenth (the 2019 Rugby World Cup in Japan, invented references, 40 questions), written the same way at the
    # start of the session after, measured blind with that session's starting code (README), then read.
    EvalSet("rugby", _DATA / "questions_rugby.jsonl", (_DATA / "articles" / "rugby-world-cup-2019.ja.txt",)),
    # A nineteenth (the 2014 eruption of Mount Ontake, invented references, 40 questions), written the same way at the
    # start of the eleventh session, measured blind with that session's starting code (README), then read.
    EvalSet("ontake", _DATA / "questions_ontake.jsonl", (_DATA / "articles" / "ontake-eruption-2014.ja.txt",)),
    # 64 summit questions and a twenty-first article (the 2018 Tham Luang cave rescue, invented references, 40
    # questions), written the same way at the start of the thirteenth session, measured blind with that session's
    # starting code (README), then read.
    EvalSet("v18", _DATA / "questions_v18.jsonl"),
    EvalSet(
        "thamluang", _DATA / "questions_thamluang.jsonl", (_DATA / "articles" / "tham-luang-cave-rescue-2018.ja.txt",)
    ),
    # 64 summit questions and a twenty-second article (the 1975 Apollo-Soyuz Test Project, invented references, 40
    # questions), written the same way in the middle of the thirteenth session, measured blind with that session's
    # middle and final code (README), then read at the start of the fourteenth.
    EvalSet("v19", _DATA / "questions_v19.jsonl"),
    EvalSet("apollosoyuz", _DATA / "questions_apollo_soyuz.jsonl", (_DATA / "articles" / "apollo-soyuz-1975.ja.txt",)),
    # 64 summit questions and a twenty-third article (the 1978 Camp David Accords, some details invented, 40
    # questions), written at the start of the fourteenth session by helpers that saw only the article, measured blind
    # with that session's starting and final code (README), then read at the start of the fifteenth.
    EvalSet("v20", _DATA / "questions_v20.jsonl"),
    EvalSet(
        "campdavid", _DATA / "questions_camp_david.jsonl", (_DATA / "articles" / "camp-david-accords-1978.ja.txt",)
    ),
    # 64 summit questions and a twenty-fifth article (the 1995 Dayton Peace Agreement, some details invented, 40
    # questions), written at the start of the sixteenth session by helpers that saw only the article, measured blind
    # with that session's starting code and after each change (README), and added unread at its end, so the
    # next session starts from them (the fifteenth's blind sets, kept outside the project, were lost with the machine).
    EvalSet("v22", _DATA / "questions_v22.jsonl"),
    EvalSet("dayton", _DATA / "questions_dayton.jsonl", (_DATA / "articles" / "dayton-agreement-1995.ja.txt",)),
    # 64 summit questions and a twenty-sixth article (the 1989 Malta Summit, some details invented, 40 questions),
    # written at the start of the seventeenth session by helpers that saw only the article, measured blind with that
    # session's starting code and after each change (README), and added unread at its end.
    EvalSet("v23", _DATA / "questions_v23.jsonl"),
    EvalSet("malta", _DATA / "questions_malta.jsonl", (_DATA / "articles" / "malta-summit-1989.ja.txt",)),
    # A twenty-seventh article (Nixon's 1972 visit to China, kanji names, some details invented) with 48 questions,
    # written in the seventeenth session by a helper that saw only the article, and read: a development set for
    # English questions about Chinese names in kanji (pinyin), never measured blind.
    EvalSet("nixon", _DATA / "questions_nixon.jsonl", (_DATA / "articles" / "nixon-china-1972.ja.txt",)),
    # A twenty-eighth article (the Potsdam Conference of 1945, some details invented) with 48 questions, written in the
    # eighteenth session by a helper that saw only the article, and read: a development set, never measured blind.
    EvalSet("potsdam", _DATA / "questions_potsdam.jsonl", (_DATA / "articles" / "potsdam-1945.ja.txt",)),
    # 64 summit questions and a twenty-ninth article (the 1961 Vienna summit, some details invented, 40 questions),
    # written at the start of the eighteenth session by helpers that saw only the article, measured blind with that
    # session's starting code and after each change (README), and added unread at its end.
    EvalSet("v24", _DATA / "questions_v24.jsonl"),
    EvalSet("vienna", _DATA / "questions_vienna.jsonl", (_DATA / "articles" / "vienna-summit-1961.ja.txt",)),
    # A thirtieth article (the Yalta Conference of 1945, some details invented) with 48 questions, written at the start
    # of the nineteenth session by a helper that saw only the article, and read: a development set, never measured
    # blind.
    EvalSet("yalta", _DATA / "questions_yalta.jsonl", (_DATA / "articles" / "yalta-conference-1945.ja.txt",)),
    # 64 summit questions and a thirty-first article (the 1972 Moscow summit, some details invented, 40 questions),
    # written at the start of the nineteenth session by helpers that saw only the article, measured blind with that
    # session's starting code and after each change (README), and added unread at its end.
    EvalSet("v25", _DATA / "questions_v25.jsonl"),
    EvalSet("moscow", _DATA / "questions_moscow.jsonl", (_DATA / "articles" / "moscow-summit-1972.ja.txt",)),
    # A thirty-second article (the 2019 Hanoi summit, some details invented) with 48 questions, written at the start of
    # the twentieth session by a helper that saw only the article, and read: a development set, never measured blind.
    EvalSet("hanoi", _DATA / "questions_hanoi.jsonl", (_DATA / "articles" / "hanoi-summit-2019.ja.txt",)),
    # 64 summit questions and a thirty-third article (the 2010 Eyjafjallajökull eruption, some details invented, 40
    # questions), written at the start of the twentieth session by helpers that saw only the article, measured blind
    # with that session's starting code and after each change (README), and added unread at its end.
    EvalSet("v26", _DATA / "questions_v26.jsonl"),
    EvalSet("eyja", _DATA / "questions_eyja.jsonl", (_DATA / "articles" / "eyjafjallajokull-2010.ja.txt",)),
    # A thirty-fifth article (the 2016 referendum on leaving the EU, some details invented) with 48 questions, written
    # at the start of the twenty-first session by a helper that saw only the article, and read: a development set.
    EvalSet("brexit", _DATA / "questions_brexit.jsonl", (_DATA / "articles" / "brexit-referendum-2016.ja.txt",)),
    # 64 summit questions and a thirty-fourth article (the 1985 Geneva summit, some details invented, 40 questions),
    # written at the start of the twenty-first session by helpers that saw only the article, measured blind with that
    # session's starting code and after changes (README), and added unread at its end.
    EvalSet("v27", _DATA / "questions_v27.jsonl"),
    EvalSet("geneva85", _DATA / "questions_geneva85.jsonl", (_DATA / "articles" / "geneva-summit-1985.ja.txt",)),
    # 64 summit questions and a thirty-sixth article (the 2015 Paris climate conference, some details invented, 40
    # questions), written at the start of the twenty-second session by helpers that saw only the article, measured
    # blind with that session's starting code and after changes (README), and added at its end; their negatives (and one
    # cop21 question) were seen after the last measurement, so they count as read from then on.
    EvalSet("v28", _DATA / "questions_v28.jsonl"),
    EvalSet("cop21", _DATA / "questions_cop21.jsonl", (_DATA / "articles" / "paris-agreement-cop21-2015.ja.txt",)),
    # A thirty-seventh article (the 2015 Iran nuclear deal, some details invented) with 48 questions, written at the
    # start of the twenty-second session by a helper that saw only the article, and read: a development set.
    EvalSet("jcpoa", _DATA / "questions_jcpoa.jsonl", (_DATA / "articles" / "iran-nuclear-deal-2015.ja.txt",)),
    # A thirty-eighth article (the 1962 Cuban missile crisis, some details invented) with 48 questions, written at the
    # start of the twenty-third session by a helper that saw only the article, and read: a development set.
    EvalSet("cuba", _DATA / "questions_cuba.jsonl", (_DATA / "articles" / "cuban-missile-crisis-1962.ja.txt",)),
    # 64 summit questions and a thirty-ninth article (the 1993 Oslo Accords, some details invented, 40 questions),
    # written at the start of the twenty-third session by helpers that saw only the article, measured blind with that
    # session's starting code and at its end (README), and added unread at its end.
    EvalSet("v29", _DATA / "questions_v29.jsonl"),
    EvalSet("oslo", _DATA / "questions_oslo.jsonl", (_DATA / "articles" / "oslo-accords-1993.ja.txt",)),
    # A fortieth article (the 1986 Chernobyl disaster, some details invented, half its sections a sentence per line)
    # with 48 questions, written at the start of the twenty-fourth session by a helper that saw only the article,
    # and read: a development set.
    EvalSet("chern", _DATA / "questions_chern.jsonl", (_DATA / "articles" / "chernobyl-disaster-1986.ja.txt",)),
    # 64 summit questions and a forty-first article (the 1998 Good Friday Agreement, some details invented, 40
    # questions), written at the start of the twenty-fourth session by helpers that saw only the article, measured
    # blind with that session's starting code and at its end (README), and added unread at its end.
    EvalSet("v30", _DATA / "questions_v30.jsonl"),
    EvalSet("gfa", _DATA / "questions_gfa.jsonl", (_DATA / "articles" / "good-friday-agreement-1998.ja.txt",)),
    # A forty-second article (the 1989 fall of the Berlin Wall, some details invented, three sections a sentence per
    # line) with 44 questions, written in the twenty-fifth session by a helper that saw only the article, and read:
    # a development set.
    EvalSet("bwall", _DATA / "questions_bwall.jsonl", (_DATA / "articles" / "berlin-wall-fall-1989.ja.txt",)),
    # 64 summit questions and a forty-third article (the 1997 handover of Hong Kong, some details invented, 44
    # questions), written at the start of the twenty-fifth session by helpers that saw only the article, measured
    # blind with that session's starting code and at its end (README), and added unread at its end.
    EvalSet("v31", _DATA / "questions_v31.jsonl"),
    EvalSet("hkh", _DATA / "questions_hkh.jsonl", (_DATA / "articles" / "hong-kong-handover-1997.ja.txt",)),
    # A forty-fourth article (the 1990 Two Plus Four Treaty, some details invented, three sections a sentence per line)
    # with 44 questions, written at the start of the twenty-sixth session by a helper that saw only the article, and
    # read: a development set.
    EvalSet("ttreaty", _DATA / "questions_ttreaty.jsonl", (_DATA / "articles" / "two-plus-four-treaty-1990.ja.txt",)),
    # 64 summit questions and a forty-fifth article (the 1955 Asian-African Conference in Bandung, some details
    # invented, 44 questions), written at the start of the twenty-sixth session by helpers that saw only the article,
    # measured blind with that session's starting code and at its end (README), and added unread at its end.
    EvalSet("v32", _DATA / "questions_v32.jsonl"),
    EvalSet("bandung", _DATA / "questions_bandung.jsonl", (_DATA / "articles" / "bandung-conference-1955.ja.txt",)),
    # A forty-sixth article (COP3 in Kyoto and the Kyoto Protocol, 1997, some details invented) with 44 questions,
    # written at the start of the twenty-seventh session by a helper that saw only the article, and read: a
    # development set.
    EvalSet("kyoto", _DATA / "questions_kyoto.jsonl", (_DATA / "articles" / "kyoto-protocol-cop3-1997.ja.txt",)),
    # 64 summit questions and a forty-seventh article (the 2018 inter-Korean summit at Panmunjom, some details
    # invented, 44 questions), written at the start of the twenty-seventh session by helpers that saw only the
    # article, measured blind with that session's starting code and at its end (README), and added unread at its end.
    EvalSet("v33", _DATA / "questions_v33.jsonl"),
    EvalSet("panmunjom", _DATA / "questions_panmunjom.jsonl", (_DATA / "articles" / "panmunjom-summit-2018.ja.txt",)),
)


def read_questions(path: Path) -> list[dict[str, Any]]:
    """Read JSON lines; each has ``q``, ``lang`` and either ``answer_any`` (+ ``cites``) or ``negative``.

    A line that is no such row is named and skipped (``eval_rows.read_rows``).

    Raises:
        EvalFileError: the file cannot be read or holds no usable row.

    """
    return read_rows(path, QuestionRow)


def _judge(row: dict[str, Any], answer: Answer) -> dict[str, Any]:
    if row.get("negative"):
        return {"refused": not answer.answered}
    wanted = row["answer_any"]
    texts = [p.text for p in answer.passages]
    first = answer.passages[0] if answer.passages else None
    return {
        "hit1": bool(texts) and any(a in texts[0] for a in wanted),
        "hit3": any(a in t for t in texts[:3] for a in wanted),
        "highlight1": first is not None and any(a in first.highlight for a in wanted),
        "citation1": first is not None and set(row.get("cites", [])) <= {c.n for c in first.citations},
        "refused": not answer.answered,
    }


def _judge_short(row: dict[str, Any], answer: Answer) -> dict[str, bool]:
    """For a question whose answer is a span: was a short answer given, and does it hold the expected span.

    ``precision`` and ``display`` are judged only when a short answer was given (a missing one is
    a coverage miss, not a wrong answer); ``display`` only for English questions with ``display_any``.
    """
    expected = row.get("short")
    if not expected or row.get("negative"):
        return {}
    verdict = {"coverage": answer.short is not None}
    if answer.short is None:
        return verdict
    verdict["precision"] = any(a in answer.short.text for a in expected.get("answer_any", []))
    shown = expected.get("display_any") or row.get("display_any")
    if row["lang"] == "en" and shown:
        verdict["display"] = any(d.lower() in answer.short.display.lower() for d in shown)
    return verdict


def evaluate(answerer: Answerer, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Answer every question and aggregate the metrics per language."""
    by_lang: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    misses: list[dict[str, Any]] = []
    answerer.prepare(row["q"] for row in rows)
    for row in rows:
        try:
            answer = answerer.answer(row["q"], top_k=3)
        except QuestionError as exc:  # empty, too long, no words: the row is named and the run goes on
            log.warning("skipped question %s: %s", row.get("id") or repr(row["q"][:40]), exc)
            continue
        verdict = _judge(row, answer)
        kind = "negative" if row.get("negative") else "positive"
        for metric, ok in verdict.items():
            by_lang[row["lang"]][f"{kind}:{metric}"].append(ok)
        short = _judge_short(row, answer)
        for metric, ok in short.items():
            by_lang[row["lang"]][f"short:{metric}"].append(ok)
        failed = (
            [m for m, ok in verdict.items() if (ok if m == "refused" else not ok)]
            if kind == "positive"
            else ([] if verdict["refused"] else ["refused"])
        ) + [f"short-{m}" for m, ok in short.items() if not ok]
        if failed:
            top = answer.passages[0] if answer.passages else None
            misses.append({
                "id": row.get("id", ""), "q": row["q"], "failed": failed,
                "got_section": top.section if top else "", "got_highlight": top.highlight[:80] if top else "",
                "confidence": round(answer.details.get("confidence", 0.0), 3),
                "short": answer.short.display if answer.short else "",
            })  # fmt: skip
    summary = {
        lang: {metric: round(sum(v) / len(v), 3) for metric, v in sorted(metrics.items())}
        | {
            "n": _count(metrics),
            "n_short": len(metrics.get("short:coverage", [])),
            "n_short_given": len(metrics.get("short:precision", [])),
        }
        for lang, metrics in sorted(by_lang.items())
    }
    return {"summary": summary, "misses": misses}


def _count(metrics: dict[str, list[bool]]) -> int:
    return len(metrics.get("positive:hit1", [])) + len(metrics.get("negative:refused", []))


def evaluate_file(answerer: Answerer, path: Path) -> dict[str, Any]:
    """Evaluate the questions in ``path``.

    Raises:
        EvalFileError: the file cannot be read, holds no usable row, or none of its questions can be asked (each
            is named in the log: empty, too long, no words).

    """
    report = evaluate(answerer, read_questions(path))
    if not any(summary["n"] for summary in report["summary"].values()):
        raise EvalFileError(f"{path}: none of its questions can be asked (each skipped one is named above)")
    return report


def together(sets: tuple[EvalSet, ...] = SUITE) -> tuple[EvalSet, ...]:
    """``sets``, each to be asked of one corpus holding every set's articles.

    The many-article case: a question that does not name its article ("how long is the central
    span?") meets another article's bridge.
    """
    articles = tuple(sorted({article for s in sets for article in s.articles}))
    return tuple(s._replace(articles=articles) for s in sets)


def evaluate_suite(
    answerer_for: Callable[[tuple[Path, ...]], Answerer],
    sets: tuple[EvalSet, ...] = SUITE,
    *,
    on_report: Callable[[str, dict[str, Any]], None] | None = None,
) -> dict[str, dict[str, Any]]:
    """Evaluate every set whose file exists, each on the corpus plus its own articles.

    Args:
        answerer_for: an answerer over the corpus and the given extra articles.
        sets: the sets to run; a missing file (the dev set outside the workplace) is skipped.
        on_report: called with each set's name and report as soon as it is done.

    Returns:
        One report per set name, in the order given.

    """
    reports = {}
    for s in sets:
        if s.path.is_file():
            reports[s.name] = evaluate(answerer_for(s.articles), read_questions(s.path))
            if on_report is not None:
                on_report(s.name, reports[s.name])
    return reports


_COLUMNS = [("positive:hit1", "hit@1"), ("positive:hit3", "hit@3"), ("positive:highlight1", "highlight@1"),
            ("positive:citation1", "citation@1"), ("positive:refused", "answerable refused"),
            ("negative:refused", "unanswerable refused")]  # fmt: skip


_SHORT_COLUMNS = [("short:coverage", "coverage"), ("short:precision", "precision"),
                  ("short:display", "display prec.")]  # fmt: skip


def _short_rows(name: str, report: dict[str, Any]) -> list[str]:
    lines = []
    for lang, metrics in report["summary"].items():
        if not metrics.get("n_short"):
            continue
        cells = "  ".join(f"{metrics[key]:>13.3f}" if key in metrics else f"{'-':>13}" for key, _ in _SHORT_COLUMNS)
        lines.append(f"{name:<8} {lang:<4} {metrics['n_short']:>3} {metrics['n_short_given']:>5}  {cells}")
    return lines


def _rows(name: str, report: dict[str, Any]) -> list[str]:
    lines = []
    for lang, metrics in report["summary"].items():
        cells = "  ".join(f"{metrics[key]:>11.3f}" if key in metrics else f"{'-':>11}" for key, _ in _COLUMNS)
        lines.append(f"{name:<8} {lang:<4} {metrics['n']:>3}  {cells}")
    return lines


def suite_header() -> str:
    """The first line of `render_suite`'s table."""
    return "set      lang   n  " + "  ".join(f"{label:>11}" for _, label in _COLUMNS)


def suite_rows(name: str, report: dict[str, Any]) -> str:
    """One set's lines of `render_suite`'s table, one per language."""
    return "\n".join(_rows(name, report))


def render_suite(reports: dict[str, dict[str, Any]], *, misses: bool = True, table: bool = True) -> str:
    """Every set's metrics in one table, then the short answers' table and each set's misses.

    ``table=False`` leaves out the first table (printed set by set as the sets finish).
    """
    lines = (
        [suite_header(), *(line for name, report in reports.items() for line in _rows(name, report))] if table else []
    )
    short_rows = [line for name, report in reports.items() for line in _short_rows(name, report)]
    if short_rows:
        header = "set      lang   n given  " + "  ".join(f"{label:>13}" for _, label in _SHORT_COLUMNS)
        lines += ["", "short answers (questions whose answer is a span)", header, *short_rows]
    if misses:
        for name, report in reports.items():
            lines.append(f"{name}: " + _render_misses(report))
    return "\n".join(lines)


def render_report(report: dict[str, Any]) -> str:
    """The report as a table plus the list of misses."""
    return render_suite({"file": report})


def _render_misses(report: dict[str, Any]) -> str:
    lines = [f"misses ({len(report['misses'])}):"]
    lines.extend(
        f"  {m['id']} {m['q']} -> failed {','.join(m['failed'])}; got [{m['got_section']}] "
        f"{m['got_highlight']} (conf {m['confidence']})" + (f" short: {m['short']}" if m.get("short") else "")
        for m in report["misses"]
    )
    return "\n".join(lines)
