"""Plain-text rendering of answers and references for the terminal."""

from __future__ import annotations

import textwrap

from retrieval.types import NOT_COVERED, Answer, Citation, Short

_WIDTH = 100


def render_answer(answer: Answer, *, citations: bool = True) -> str:
    """The answer as a terminal user reads it: the short answer first, then each passage, its sentence lit."""
    if not answer.answered:
        sections = list(dict.fromkeys(p.section for p in answer.passages))
        closest = f"\nClosest sections: {'; '.join(sections)}" if sections else ""
        # "the article does not mention hotel" says more than the plain refusal; other reasons do not read as one.
        refusal = answer.reason if answer.reason.startswith("the article ") else NOT_COVERED
        return f"{refusal[:1].upper()}{refusal[1:]}.{closest}"
    lines: list[str] = [f"Answer: {short_text(answer.short)}", ""] if answer.short else []
    for rank, passage in enumerate(answer.passages, start=1):
        where = f"{passage.document} > {passage.section}" if passage.document else passage.section
        lines.append(f"[{rank}] {where}  (score {passage.score:.2f})")
        lines.append(textwrap.indent(f">> {passage.highlight}", "    "))
        lines.extend(textwrap.indent(line, "    ") for line in passage.text.splitlines())
        if citations:
            lines.extend(f"      [{c.n}] {textwrap.shorten(c.text, _WIDTH)}" for c in passage.citations)
        lines.append("")
    return "\n".join(lines).rstrip()


def short_text(short: Short) -> str:
    """The short answer as shown, its Japanese beside a converted display, then its footnote numbers.

    ``16 June 2021 (2021年6月16日) [1]``; ``3時間半 [35]`` when the display is the article's own text.
    """
    original = f" ({short.text})" if short.display != short.text else ""
    notes = "".join(f"[{n}]" for n in short.citations)
    return f"{short.display}{original} {notes}".rstrip()


def render_citation(citation: Citation) -> str:
    """One reference entry."""
    return f"[{citation.n}] {citation.text}"
