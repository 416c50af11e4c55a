"""Answers and structured views as Discord embeds, escaped and within Discord's limits."""

from __future__ import annotations

import re

import discord

from bot.labels import Language, label
from corpus.delegations import Delegation
from corpus.text import strip_footnotes
from corpus.timeline import Event
from retrieval.types import Answer, Citation, Passage, Short
from retrieval.views import labelled

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_LIMIT = 1024
FIELDS_PER_EMBED = 25
MESSAGE_EMBED_CHARS = 6000
MAX_EMBEDS = 10
CONTENT_LIMIT = 2000
FOOTER_LIMIT = 2048
COLOUR = discord.Colour.blurple()
#: The longest piece of user input quoted back in a reply (a side, a date): enough to recognise, never a flood.
ECHO_LIMIT = 100
#: The longest short answer shown, display and Japanese each: a span is a few words, never a paragraph.
SHORT_LIMIT = 200
#: Room kept for the footer and title when a page is filled up to the message budget.
_PAGE_BUDGET = 3500
_SENTENCE_END = re.compile(r"[。！？!?.](?:[」』）)\"']*)(?:\s*\[\d{1,3}\])*")


def escape(text: str) -> str:
    """Article or user text made inert: no markdown, no links that format, no mention syntax."""
    lines = (discord.utils.escape_markdown(line, as_needed=False) for line in text.split("\n"))
    return discord.utils.escape_mentions("\n".join(lines))


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a sentence end when one is in the last half, else at a word."""
    if len(text) <= limit:
        return text
    room = limit - 1
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, room) if m.end() >= room // 2]
    cut = ends[-1] if ends else (text.rfind(" ", room // 2, room) if " " in text[room // 2 : room] else room)
    return text[:cut].rstrip() + "…"


def echo(text: str, limit: int = ECHO_LIMIT) -> str:
    """User input quoted back: white space collapsed, cut to ``limit`` characters, made inert."""
    return escape(truncate(" ".join(text.split()), limit))


def _highlighted(passage: Passage) -> str:
    """The passage with its answering sentence in bold, escaped."""
    text, sentence = passage.text, passage.highlight
    start = text.find(sentence) if sentence else -1
    if start < 0:
        return escape(text)
    end = start + len(sentence)
    return f"{escape(text[:start])}**{escape(sentence)}**{escape(text[end:])}"


def _one_sentence(passage: Passage) -> bool:
    """Whether the passage is its highlighted sentence alone (footnote markers aside)."""
    return strip_footnotes(passage.text).strip() == strip_footnotes(passage.highlight).strip()


def citation_line(citation: Citation, limit: int = 300) -> str:
    """``[n] reference text``, escaped and shortened."""
    return f"[{citation.n}] {escape(truncate(citation.text, limit))}"


def short_line(short: Short, limit: int = SHORT_LIMIT) -> str:
    """The short answer in bold, escaped, its Japanese beside a converted display, then its footnote numbers."""
    display = f"**{escape(truncate(short.display, limit))}**"
    original = f" ({escape(truncate(short.text, limit))})" if short.display != short.text else ""
    notes = "".join(f"[{n}]" for n in short.citations)
    return f"{display}{original} {notes}".rstrip()


def passage_embed(answer: Answer, index: int, lang: Language) -> discord.Embed:
    """One passage of an answer: the answering sentence quoted, the passage, its section and footnotes.

    The first passage's embed opens with the short answer, when there is one, as its first line.
    """
    passage = answer.passages[index]
    quote = "> " + escape(passage.highlight).replace("\n", "\n> ")
    if index == 0 and answer.short is not None:
        quote = f"{short_line(answer.short)}\n\n{quote}"
    body = "" if _one_sentence(passage) else _highlighted(passage)  # the quote already shows all of it
    room = DESCRIPTION_LIMIT - len(quote) - 2
    if len(body) > room:
        body = truncate(body, room)
    description = f"{quote}\n\n{body}" if body else quote
    embed = discord.Embed(title=truncate(passage.section, TITLE_LIMIT), description=description, colour=COLOUR)
    if passage.document:
        embed.set_author(name=truncate(passage.document, TITLE_LIMIT))
    refs = "\n".join(citation_line(c, 200) for c in passage.citations) or label("no_references", lang)
    embed.add_field(name=label("references", lang), value=truncate(refs, FIELD_LIMIT), inline=False)
    footer = f"{label('passage', lang, i=index + 1, n=len(answer.passages))} · {answer.question}"
    embed.set_footer(text=truncate(discord.utils.escape_mentions(footer), 200))
    return embed


def not_covered_embed(answer: Answer, lang: Language) -> discord.Embed:
    """The plain refusal, naming the closest sections so the user knows where the article goes."""
    sections = list(dict.fromkeys(p.section for p in answer.passages))
    embed = discord.Embed(description=label("not_covered", lang), colour=discord.Colour.light_grey())
    if sections:
        embed.add_field(name=label("closest", lang), value=truncate(escape("; ".join(sections)), FIELD_LIMIT))
    embed.set_footer(text=truncate(discord.utils.escape_mentions(answer.question), 200))
    return embed


def paged_embeds(title: str, lines: list[str], *, footer: str = "", lang: Language = "en") -> list[discord.Embed]:
    """``lines`` (already escaped) spread over as many embeds as Discord's limits need, one embed per page."""
    pages: list[list[str]] = [[]]
    size = 0
    for line in lines:
        line = truncate(line, _PAGE_BUDGET)
        if pages[-1] and size + len(line) + 1 > _PAGE_BUDGET:
            pages.append([])
            size = 0
        pages[-1].append(line)
        size += len(line) + 1
    embeds = []
    for i, page in enumerate(pages, start=1):
        embed = discord.Embed(title=truncate(title, TITLE_LIMIT), description="\n".join(page), colour=COLOUR)
        count = label("page", lang, i=i, n=len(pages)) if len(pages) > 1 else ""
        text = " · ".join(part for part in (count, footer) if part)
        if text:
            embed.set_footer(text=truncate(text, FOOTER_LIMIT))
        embeds.append(embed)
    return embeds


def references_embeds(citations: list[Citation], lang: Language) -> list[discord.Embed]:
    """Full reference entries, paged."""
    if not citations:
        return [discord.Embed(description=label("no_references", lang), colour=COLOUR)]
    return paged_embeds(label("references", lang), [citation_line(c, 1000) for c in citations], lang=lang)


def _notes(references: dict[str, dict[int, str]], document: str) -> dict[int, str]:
    """The reference list of ``document`` (the only one when the item carries no title)."""
    if document in references:
        return references[document]
    return next(iter(references.values())) if len(references) == 1 else {}


def delegation_embeds(
    delegations: list[Delegation], references: dict[str, dict[int, str]], lang: Language
) -> list[discord.Embed]:
    """One page per delegation (more if one is long): each member with role and footnotes, then the references.

    ``references`` holds each document's list by title; with several documents each page names its article.
    """
    many = len(references) > 1
    embeds: list[discord.Embed] = []
    for delegation in delegations:
        lines = [
            f"**{escape(m.name)}** — {escape(m.role)} {''.join(f'[{n}]' for n in m.footnotes)}".rstrip()
            for m in delegation.members
        ]
        refs = _notes(references, delegation.document)
        notes = sorted({n for m in delegation.members for n in m.footnotes})
        lines += ["", *(citation_line(Citation(n, refs.get(n, "")), 200) for n in notes)]
        title = labelled(delegation.document, f"{delegation.heading} ({len(delegation.members)})", many=many)
        embeds += paged_embeds(title, lines, lang=lang)
    return embeds


def timeline_embeds(events: list[Event], references: dict[str, dict[int, str]], lang: Language) -> list[discord.Embed]:
    """The events oldest first, each ``date · section · sentence [n]``; the references of each page at its end.

    With several documents each event names its article, and each footnote is resolved in its own article.
    """
    many = len(references) > 1
    per_page = 8
    embeds: list[discord.Embed] = []
    for start in range(0, len(events), per_page):
        chunk = events[start : start + per_page]
        lines = [
            f"`{e.when.iso()}` *{escape(labelled(e.document, e.section, many=many))}* — "
            f"{escape(truncate(e.text, 300))} {''.join(f'[{n}]' for n in e.footnotes)}".rstrip()
            for e in chunk
        ]
        notes = sorted({(e.document, n) for e in chunk for n in e.footnotes})
        lines += [""] + [
            labelled(escape(doc), citation_line(Citation(n, _notes(references, doc).get(n, "")), 120), many=many)
            for doc, n in notes
        ]
        embeds += paged_embeds(label("timeline", lang), lines, lang=lang)
    total = len(embeds)
    for i, embed in enumerate(embeds, start=1):
        embed.set_footer(text=label("page", lang, i=i, n=total) if total > 1 else "")
    return embeds


def message_size(embeds: list[discord.Embed]) -> int:
    """Characters Discord counts towards the 6000 per message."""
    return sum(len(e) for e in embeds)
