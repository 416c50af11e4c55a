"""Plain-text rendering of answers and references for the terminal."""

from __future__ import annotations

import textwrap

from retrieval.types import Answer, Citation

_WIDTH = 100


def render_answer(answer: Answer, *, citations: bool = True) -> str:
    """The answer as a terminal user reads it: the highlighted sentence first, then each passage."""
    if not answer.answered:
        sections = list(dict.fromkeys(p.section for p in answer.passages))
        closest = f"\nClosest sections: {'; '.join(sections)}" if sections else ""
        return f"The article does not cover this.{closest}"
    lines: list[str] = []
    for rank, passage in enumerate(answer.passages, start=1):
        where = f"{passage.document} > {passage.section}" if passage.document else passage.section
        lines.append(f"[{rank}] {where}  (score {passage.score:.2f})")
        lines.append(textwrap.indent(f">> {passage.highlight}", "    "))
        lines.extend(textwrap.indent(line, "    ") for line in passage.text.splitlines())
        if citations:
            lines.extend(f"      [{c.n}] {textwrap.shorten(c.text, _WIDTH)}" for c in passage.citations)
        lines.append("")
    return "\n".join(lines).rstrip()


def render_citation(citation: Citation) -> str:
    """One reference entry."""
    return f"[{citation.n}] {citation.text}"
