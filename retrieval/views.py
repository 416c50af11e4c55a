"""Structured views over the corpus (delegations, timeline), in the shapes the CLI and the bot print."""

from __future__ import annotations

from typing import Any

from corpus.delegations import Delegation, parse_delegations
from corpus.loading import Corpus
from corpus.timeline import Event, When, extract_events

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


def find_events(corpus: Corpus, *, start: When | None = None, end: When | None = None) -> list[Event]:
    """Every dated event in the corpus, oldest first, overlapping ``start``..``end`` (both inclusive).

    A coarse event overlaps a bound it contains: ``--from 2021-06-10`` keeps "June 2021".
    """
    events = [e for document in corpus.documents for e in extract_events(document.article)]
    if start is not None:
        events = [e for e in events if e.when.end_key() >= start.sort_key()]
    if end is not None:
        events = [e for e in events if e.when.sort_key() <= end.end_key()]
    return sorted(events, key=lambda e: e.when.sort_key())


def timeline_to_dict(events: list[Event]) -> dict[str, Any]:
    """The ``timeline --json`` shape (DESIGN.md)."""
    return {
        "events": [
            {"date": e.when.iso(), "text": e.text, "section": e.section, "citations": list(e.footnotes)} for e in events
        ]
    }


def render_timeline(events: list[Event]) -> str:
    """One line per event: date, section, sentence, footnotes."""
    if not events:
        return "No dated events found."
    width = max(len(e.when.iso()) for e in events)
    return "\n".join(
        f"{e.when.iso():<{width}}  [{e.section}] {e.text} {''.join(f'[{n}]' for n in e.footnotes)}".rstrip()
        for e in events
    )
