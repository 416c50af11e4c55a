"""Parse a machine-translated Wikipedia article (plain text) into sections, references and infobox facts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from config.errors import CorpusParseError
from corpus.text import FOOTNOTE, footnotes_in

_INFOBOX_ROW = re.compile(
    r"""
    ^(?P<key>[^|!\[\]]+?)\s*\|   # a label cell, no image or pipe in it
    \s*(?P<value>[^|]*?)\s*\|\s*$ # a value cell, then the row's closing pipe
    """,
    re.VERBOSE,
)
_REFERENCE = re.compile(
    r"""
    ^-\s*\^\s*                    # the '- ^' that opens a reference entry
    (?:a(?:\s[a-z]{1,2})+\s+)?    # backlink letters 'a b c' (or a merged 'a b cd')
    (?P<text>.*)$
    """,
    re.VERBOSE,
)
_SENTENCE_MARK = re.compile(r"[。！？!?]")
_WORD = re.compile(r"\w")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")
#: Infobox labels we know, mapped to the names the rest of the program uses.
INFOBOX_KEYS = {"日にち": "date", "日付": "date", "開催日": "date", "会場": "venue", "都市": "city"}
_MAX_HEADING_CHARS = 40
#: A list entry, a label and its value ("1人目:フロレンシオ・アバロス", "会場: ヴィラ・ラ・グランジュ"): no heading.
_LABELLED = re.compile(r"\S\s*[:：]\s*\S")
#: Headings nest this deep at most (section, subsection, sub-subsection). A longer run of short lines without a
#: sentence end is a section and its subsection heading a list (a schedule, names), whose lines are its text.
_MAX_DEPTH = 3
_LIST_HEADINGS = 2


class Paragraph(NamedTuple):
    """One paragraph (or one list line) of the article body."""

    text: str
    footnotes: tuple[int, ...]
    line: int
    """1-based line number in the source file."""


class Section(NamedTuple):
    """A section: its heading path (outermost first) and its paragraphs."""

    path: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]

    @property
    def title(self) -> str:
        """The heading path joined for display."""
        return " > ".join(self.path)


class Fact(NamedTuple):
    """An infobox value with its footnotes."""

    label: str
    value: str
    footnotes: tuple[int, ...]


class Article(NamedTuple):
    """A parsed article."""

    title: str
    lead: str
    sections: tuple[Section, ...]
    references: dict[int, str]
    facts: dict[str, Fact]
    infobox: tuple[Paragraph, ...] = ()
    """The infobox's rows as written, 「会場 | ヴィララグランジ[2]」 (flag images dropped): a passage of their own."""


def _is_prose(line: str) -> bool:
    return "|" not in line and bool(_SENTENCE_MARK.search(line))


def _is_heading(line: str) -> bool:
    # A short line without a sentence end is a heading, unless it enumerates: a list line such as
    # "イギリス、リシ・スナク(首相)" (a country and its leader) has a comma no heading has.
    return (
        len(line) <= _MAX_HEADING_CHARS
        and not FOOTNOTE.search(line)
        and not _SENTENCE_MARK.search(line)
        and "|" not in line
        and "、" not in line
        and not line.endswith((",", ":", "："))
        and not _LABELLED.search(line)
    )


def _headings(lines: list[str]) -> list[bool]:
    """Which lines are headings: those shaped like one, except inside a run deeper than headings nest.

    Of such a run only the first two lines and the last (which heads the text after it) are headings; the lines
    between are a list.
    """
    flags = [_is_heading(line) for line in lines]
    start = 0
    while start < len(flags):
        end = start
        while end < len(flags) and flags[end]:
            end += 1
        if end - start > _MAX_DEPTH:
            # The run's last line, when text follows it, heads that text: the next section after the list.
            last = end - 1 if end < len(flags) else end
            flags[start + _LIST_HEADINGS : last] = [False] * (last - start - _LIST_HEADINGS)
        start = end + 1
    return flags


def _join_wrapped(head: str, tail: str) -> str:
    if _CJK.search(head[-1:]) or _CJK.search(tail[:1]) or head.endswith("、"):
        return head + tail
    return f"{head} {tail}"


def _infobox_cells(lines: list[tuple[int, str]]) -> Iterator[tuple[int, str, str]]:
    """Each infobox row's line number, label and value cell (stripped), as written."""
    for number, line in lines:
        if match := _INFOBOX_ROW.match(line):
            yield number, match.group("key").strip(), match.group("value").strip()


def _parse_facts(lines: list[tuple[int, str]]) -> dict[str, Fact]:
    facts: dict[str, Fact] = {}
    for _, label, value in _infobox_cells(lines):
        if "![" in value or not (_WORD.search(label) and _WORD.search(value)):
            continue
        key = INFOBOX_KEYS.get(label, label)
        facts[key] = Fact(label, FOOTNOTE.sub("", value).strip(), footnotes_in(value))
    return facts


#: An image in an infobox cell (a flag before a participant's name): markup, not text.
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")


def _infobox_rows(lines: list[tuple[int, str]]) -> tuple[Paragraph, ...]:
    """Each infobox row with a label and a value, as 「label | value」 with the value's footnote markers."""
    rows = []
    for number, label, cell in _infobox_cells(lines):
        value = " ".join(_IMAGE.sub(" ", cell).split())
        if _WORD.search(label) and _WORD.search(FOOTNOTE.sub("", value)):
            rows.append(Paragraph(f"{label} | {value}", footnotes_in(value), number))
    return tuple(rows)


class _SectionBuilder:
    """Assigns heading paths: a heading directly followed by another is the latter's parent."""

    def __init__(self, lead_title: str) -> None:
        self.sections: list[Section] = []
        self._path: tuple[str, ...] = (lead_title,)
        self._paragraphs: list[Paragraph] = []
        self._pending_parent = False
        self._parent: tuple[str, ...] = ()

    def heading(self, text: str) -> None:
        if self._pending_parent:
            # The previous heading had no text of its own: it is this one's parent.
            self._parent = self._path
        elif self._parent and not self._is_sibling(text):
            self._parent = ()
        self._flush()
        self._path = (*self._parent, text)
        self._pending_parent = True

    def _is_sibling(self, text: str) -> bool:
        # Without markup, only a heading shaped like the previous child (same ending, as in
        # "…の代表団") is taken to stay under the same parent.
        return len(text) >= 2 and text[-2:] == self._path[-1][-2:]

    def paragraph(self, paragraph: Paragraph) -> None:
        self._paragraphs.append(paragraph)
        self._pending_parent = False

    def _flush(self) -> None:
        if self._paragraphs:
            self.sections.append(Section(self._path, tuple(self._paragraphs)))
        self._paragraphs = []

    def finish(self) -> list[Section]:
        self._flush()
        return self.sections


def _parse_references(lines: list[tuple[int, str]], source: str) -> dict[int, str]:
    refs: list[str] = []
    for number, line in lines:
        match = _REFERENCE.match(line)
        if match:
            refs.append(match.group("text").strip())
        elif refs:
            refs[-1] = _join_wrapped(refs[-1], line)
        else:
            raise CorpusParseError(source, number, "text after the references begin is not a reference entry")
    return dict(enumerate(refs, start=1))


def parse_article(text: str, *, source: str = "<text>") -> Article:
    """Parse one article.

    Args:
        text: the whole file's text.
        source: the file name used in error messages.

    Returns:
        The article's title, lead, sections, references and infobox facts.

    Raises:
        CorpusParseError: the text has no title or no prose paragraph, or is not text.

    """
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1)]
    lines = [(n, line) for n, line in lines if line]
    if not lines:
        raise CorpusParseError(source, 1, "the file is empty")
    for number, line in lines:
        if "\x00" in line:
            raise CorpusParseError(source, number, "the line holds NUL bytes: this is not a text file")
    title = lines[0][1].split("|")[0].strip()
    first_prose = next((i for i, (_, line) in enumerate(lines) if i > 0 and _is_prose(line)), None)
    if first_prose is None:
        raise CorpusParseError(source, lines[-1][0], "no paragraph found (expected sentences ending in 。)")
    facts = _parse_facts(lines[1:first_prose])
    body = lines[first_prose:]
    ref_start = next((i for i, (_, line) in enumerate(body) if _REFERENCE.match(line)), len(body))
    references = _parse_references(body[ref_start:], source)
    builder = _SectionBuilder(title)
    text_lines = body[:ref_start]
    for (number, line), heading in zip(text_lines, _headings([line for _, line in text_lines]), strict=True):
        if heading:
            builder.heading(line)
        else:
            builder.paragraph(Paragraph(line, footnotes_in(line), number))
    sections = tuple(builder.finish())
    lead = " ".join(p.text for p in sections[0].paragraphs) if sections and sections[0].path == (title,) else ""
    return Article(title, lead, sections, references, facts, _infobox_rows(lines[1:first_prose]))


def read_article(path: Path) -> Article:
    """Read and parse one article file.

    Raises:
        CorpusParseError: the file cannot be read (or is no regular file, or its name is not UTF-8), is not UTF-8
            text, or does not parse.

    """
    shown = str(path).encode("utf-8", "backslashreplace").decode()  # a name that is not UTF-8, printable
    if path.name != path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"):
        raise CorpusParseError(shown, 0, "the file name is not UTF-8 text: rename the file")
    if path.exists() and not path.is_file():
        raise CorpusParseError(shown, 0, "not a regular file (a directory or a named pipe): remove it from the corpus")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusParseError(shown, 0, f"cannot read the file: {exc.strerror}") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CorpusParseError(str(path), line, "not valid UTF-8 text") from exc
    # A byte-order mark some editors write first is no part of the title.
    return parse_article(text.removeprefix("\ufeff"), source=str(path))
