"""Structured views over the corpus (delegations), in the shapes the CLI and the bot print."""

from __future__ import annotations

from typing import Any

from corpus.delegations import Delegation, parse_delegations
from corpus.loading import Corpus

#: English ways to name a side, mapped to the word the article's headings use.
_SIDE_ALIASES = {
    "us": "アメリカ", "usa": "アメリカ", "u.s.": "アメリカ", "america": "アメリカ", "american": "アメリカ",
    "united states": "アメリカ", "米国": "アメリカ", "russia": "ロシア", "russian": "ロシア",
}  # fmt: skip


def find_delegations(corpus: Corpus, *, side: str | None = None) -> list[Delegation]:
    """Every delegation in the corpus, or those whose heading names ``side`` (Japanese or English)."""
    found = [d for document in corpus.documents for d in parse_delegations(document.article)]
    if not side:
        return found
    wanted = _SIDE_ALIASES.get(side.strip().lower(), side.strip())
    return [d for d in found if wanted.lower() in d.heading.lower()]


def delegations_to_dict(delegations: list[Delegation]) -> dict[str, Any]:
    """The ``delegation --json`` shape (DESIGN.md)."""
    return {
        "delegations": [
            {
                "heading": d.heading,
                "members": [{"name": m.name, "role": m.role, "citations": list(m.footnotes)} for m in d.members],
            }
            for d in delegations
        ]
    }


def render_delegations(delegations: list[Delegation]) -> str:
    """A readable table per delegation."""
    if not delegations:
        return "No delegation list found."
    lines: list[str] = []
    for delegation in delegations:
        lines.append(f"{delegation.heading} ({len(delegation.members)})")
        width = max(len(m.name) for m in delegation.members)
        for m in delegation.members:
            refs = "".join(f"[{n}]" for n in m.footnotes)
            lines.append(f"  {m.name:<{width}}  {m.role} {refs}")
        lines.append("")
    return "\n".join(lines).rstrip()
