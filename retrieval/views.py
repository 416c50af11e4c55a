"""Structured views over the index's documents (delegations, timeline, references), as the CLI and the bot show them.

The facts are those built with the index generation (``DocumentInfo``), so views and answers agree.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from config.errors import ReferenceNotFoundError
from corpus.delegations import Delegation
from corpus.timeline import Event, When
from retrieval.manifest import DocumentInfo

#: English ways to name a side, mapped to the word the article's headings use.
_SIDE_ALIASES = {
    "us": "アメリカ", "usa": "アメリカ", "u.s.": "アメリカ", "america": "アメリカ", "american": "アメリカ",
    "united states": "アメリカ", "米国": "アメリカ", "russia": "ロシア", "russian": "ロシア",
}  # fmt: skip


def find_document(documents: Mapping[str, DocumentInfo], name: str | None) -> tuple[str, DocumentInfo]:
    """The document titled ``name``, or whose file is named so (``.txt`` or not), case-insensitively.

    The first document when ``name`` is ``None`` or blank.

    Raises:
        ReferenceNotFoundError: no document is named so, or the index holds none.

    """
    if not documents:
        raise ReferenceNotFoundError("the index holds no document: run `summit-bot reindex`")
    if name is None or not name.strip():
        return next(iter(documents.items()))
    wanted = name.strip().casefold()
    for doc_id, info in documents.items():
        if wanted in {info.title.casefold(), doc_id.casefold(), f"{doc_id}.txt".casefold()}:
            return doc_id, info
    titles = ", ".join(f"{info.title} (file {doc_id}.txt)" for doc_id, info in documents.items())
    raise ReferenceNotFoundError(f"no document is titled {name.strip()[:100]!r}; the corpus holds: {titles[:300]}")


def references_by_document(documents: Iterable[DocumentInfo]) -> dict[str, dict[int, str]]:
    """Each document's reference list, by title."""
    return {info.title: info.references for info in documents}


def find_delegations(documents: Iterable[DocumentInfo], *, side: str | None = None) -> list[Delegation]:
    """Every delegation of every document, or those whose heading names ``side`` (Japanese or English)."""
    found = [d for info in documents for d in info.delegations]
    if not side:
        return found
    wanted = _SIDE_ALIASES.get(side.strip().lower(), side.strip())
    return [d for d in found if wanted.lower() in d.heading.lower()]


def delegations_to_dict(delegations: list[Delegation]) -> dict[str, Any]:
    """The ``delegation --json`` shape (DESIGN.md)."""
    return {
        "delegations": [
            {
                "document": d.document,
                "heading": d.heading,
                "members": [{"name": m.name, "role": m.role, "citations": list(m.footnotes)} for m in d.members],
            }
            for d in delegations
        ]
    }


def labelled(document: str, text: str, *, many: bool) -> str:
    """``text`` prefixed with its document's title when the corpus holds more than one document."""
    return f"{document} · {text}" if many and document else text


def render_delegations(documents: Collection[DocumentInfo], *, side: str | None = None) -> str:
    """The delegations of ``documents`` (``side``'s only, if given) as tables, labelled by document when several.

    With none, what was asked and the lists there are, so a side that matched nothing can be fixed.
    """
    delegations = find_delegations(documents, side=side)
    if not delegations:
        there = list(dict.fromkeys(d.heading for d in find_delegations(documents)))
        if not side or not side.strip() or not there:
            return "No delegation list found in the corpus."
        return f"No delegation list matches {side.strip()[:100]!r}; the lists are: {', '.join(there)[:300]}"
    many = len({d.document for d in delegations}) > 1
    lines: list[str] = []
    for delegation in delegations:
        lines.append(labelled(delegation.document, f"{delegation.heading} ({len(delegation.members)})", many=many))
        width = max(len(m.name) for m in delegation.members)
        for m in delegation.members:
            refs = "".join(f"[{n}]" for n in m.footnotes)
            lines.append(f"  {m.name:<{width}}  {m.role} {refs}")
        lines.append("")
    return "\n".join(lines).rstrip()


def find_events(
    documents: Iterable[DocumentInfo], *, start: When | None = None, end: When | None = None
) -> list[Event]:
    """Every dated event of every document, oldest first, overlapping ``start``..``end`` (both inclusive).

    A coarse event overlaps a bound it contains: ``--from 2021-06-10`` keeps "June 2021".

    Raises:
        ValueError: ``start`` comes after ``end``.

    """
    if start is not None and end is not None and start.sort_key() > end.end_key():
        raise ValueError(f"the first date {start.iso()} is after the last {end.iso()}")
    events = [e for info in documents for e in info.events]
    if start is not None:
        events = [e for e in events if e.when.end_key() >= start.sort_key()]
    if end is not None:
        events = [e for e in events if e.when.sort_key() <= end.end_key()]
    return sorted(events, key=lambda e: e.when.sort_key())


def timeline_to_dict(events: list[Event]) -> dict[str, Any]:
    """The ``timeline --json`` shape (DESIGN.md)."""
    return {
        "events": [
            {
                "date": e.when.iso(),
                "text": e.text,
                "section": e.section,
                "citations": list(e.footnotes),
                "document": e.document,
            }
            for e in events
        ]
    }


def render_timeline(events: list[Event]) -> str:
    """One line per event: date, section, sentence, footnotes."""
    if not events:
        return "No dated events found."
    width = max(len(e.when.iso()) for e in events)
    many = len({e.document for e in events}) > 1
    return "\n".join(
        f"{e.when.iso():<{width}}  [{labelled(e.document, e.section, many=many)}] {e.text} "
        f"{''.join(f'[{n}]' for n in e.footnotes)}".rstrip()
        for e in events
    )
