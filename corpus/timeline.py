"""Dated events in the article body: absolute, month-only and summit-relative dates, with honest precision.

A date keeps the precision the text gives it: ``1955年`` is a year, ``2021年3月`` a month,
``サミットの2日前に`` a day, ``会談の数日前に`` only the month (or year) that every "few days
before" falls in. Dates relative to the summit are resolved against the summit date the article
gives (its infobox, else the first full date in the lead). Reference entries are not body text, so
their publication and retrieval dates never become events.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, timedelta
from typing import NamedTuple

from corpus.parsing import Article
from corpus.text import footnotes_in, sentence_pieces, strip_footnotes

#: Words the article uses for the summit itself, which relative dates hang from.
_ANCHOR = r"(?:首脳会談|サミット|会談|会議)"
#: How many units "数" (a few / several) can mean.
_FEW = range(2, 10)

#: A year named by the one before it (同年10月12日: the year last written), as the years it counts away.
_YEAR_WORDS = {"同年": 0, "翌年": 1, "前年": -1}
_YEAR_WORD_LENGTH = 2  # each of them: the lookbehind below is fixed-width (``re`` refuses to compile it otherwise)
_ABSOLUTE = re.compile(
    rf"""
    (?<![\d.])(?P<year>\d{{3,4}})年(?!間|代|前|後|ぶり|以上)  # a year, not "5年間" (a span) or "1990年代"
    (?:(?P<month>\d{{1,2}})月(?!間)
       (?:(?P<day>\d{{1,2}})日(?!間))?)?
    |
    (?:(?<={"|".join(_YEAR_WORDS)})|(?<![\d年.]))              # the same, next or previous year's month,
    (?P<month_only>\d{{1,2}})月(?!間)                        # or one whose year comes from context
    (?:(?P<day_only>\d{{1,2}})日(?!間))?
    """,
    re.VERBOSE,
)
_RELATIVE = re.compile(
    rf"""
    {_ANCHOR}の
    (?:
        (?P<count>\d+|数)(?P<unit>日|週間|か月|ヶ月|カ月|ヵ月|年)(?P<direction>前|後)
      | (?P<eve>前夜|前日)
      | (?P<next>翌日|翌週|翌月)
      | (?P<same>当日)
    )
    """,
    re.VERBOSE,
)


class When(NamedTuple):
    """A date at the precision the text gives it."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def covers(self, other: When) -> bool:
        """Whether ``other`` falls inside this (less or equally precise) date."""
        return (
            self.year == other.year
            and (self.month is None or self.month == other.month)
            and (self.day is None or self.day == other.day)
        )

    def sort_key(self) -> tuple[int, int, int]:
        """Oldest first; a year sorts before its months, a month before its days."""
        return (self.year, self.month or 0, self.day or 0)

    @classmethod
    def parse(cls, text: str) -> When:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        Raises:
            ValueError: the text is none of those or not a real date.

        """
        match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None  # noqa: S101 - the pattern requires it
        if month is not None:
            date(year, month, day or 1)  # raises ValueError for month 13 or 30 February
        return cls(year, month, day)

    def end_key(self) -> tuple[int, int, int]:
        """The sort key of the last day this date covers (for inclusive ``--to`` filters)."""
        return (self.year, self.month or 12, self.day or 31)


class Event(NamedTuple):
    """One dated event: its date, the sentence it comes from, its section and footnotes."""

    when: When
    text: str
    section: str
    footnotes: tuple[int, ...]
    document: str = ""
    """The title of the article the sentence is in."""


class DateMention(NamedTuple):
    """A date as a sentence writes it: where it stands, and the date it means."""

    start: int
    end: int
    when: When
    relative: bool
    """Whether it hangs from the summit (サミットの2日前) rather than the calendar."""


def summit_date(article: Article) -> date | None:
    """The summit's date: the infobox date, else the first full date in the lead."""
    return first_full_date(article.facts["date"].value if "date" in article.facts else "") or first_full_date(
        article.lead
    )


def first_full_date(text: str) -> date | None:
    """The first date in ``text`` with year, month and day (2021年6月16日), if any."""
    for when in _absolute_dates(text, default_year=None):
        if when.month is not None and when.day is not None:
            return date(when.year, when.month, when.day)
    return None


def date_mentions(text: str, *, anchor: date | None, year: int | None = None) -> list[DateMention]:
    """Every date written in ``text`` with its place, in order; relative ones only when ``anchor`` is known.

    A month with no year (1月) takes the sentence's last year, else ``anchor``'s, else ``year`` (the
    last one its context wrote, ``last_year``). Offsets are into ``text`` as given (the article
    writes its digits in ASCII).
    """
    found = (
        [DateMention(m.start(), m.end(), _resolve(m, anchor), relative=True) for m in _RELATIVE.finditer(text)]
        if anchor
        else []
    )
    year = anchor.year if anchor else year
    for match in _ABSOLUTE.finditer(text):
        when = _when(match, year)
        if when is not None and _valid(when):
            year = when.year
            found.append(DateMention(match.start(), match.end(), when, relative=False))
    return sorted(found)


def last_year(text: str) -> int | None:
    """The year ``text`` wrote last (1995年11月, 1996年), or ``None``: what a later 「10月5日」 with no year means."""
    years = [when.year for when in _absolute_dates(text, default_year=None)]
    return years[-1] if years else None


def _absolute_dates(text: str, *, default_year: int | None) -> list[When]:
    found: list[When] = []
    year_in_sentence: int | None = None
    for match in _ABSOLUTE.finditer(unicodedata.normalize("NFKC", text)):
        when = _when(match, year_in_sentence if year_in_sentence is not None else default_year)
        if when is None:
            continue
        year_in_sentence = when.year
        if _valid(when):
            found.append(when)
    return found


def _when(match: re.Match[str], year: int | None) -> When | None:
    """The date an ``_ABSOLUTE`` match means; a month alone takes ``year`` (none when that is unknown)."""
    if match.group("year"):
        year, month, day = int(match.group("year")), match.group("month"), match.group("day")
    else:
        month, day = match.group("month_only"), match.group("day_only")
        if year is not None:  # 同年10月12日, 翌年1月: the year before it counted from the context's
            year += _YEAR_WORDS.get(match.string[max(match.start() - _YEAR_WORD_LENGTH, 0) : match.start()], 0)
    if year is None:
        return None
    return When(year, int(month) if month else None, int(day) if day else None)


def _valid(when: When) -> bool:
    if when.month is None:
        return True
    if not 1 <= when.month <= 12:
        return False
    return when.day is None or 1 <= when.day <= calendar.monthrange(when.year, when.month)[1]


def _shift(anchor: date, count: int, unit: str, sign: int) -> tuple[date, str]:
    """The date ``count`` units away from ``anchor`` and the precision that unit allows."""
    if unit == "日":
        return anchor + timedelta(days=sign * count), "day"
    if unit == "週間":
        return anchor + timedelta(weeks=sign * count), "month"
    if unit == "年":
        return anchor.replace(year=anchor.year + sign * count, day=1), "year"
    months = anchor.year * 12 + anchor.month - 1 + sign * count
    return date(months // 12, months % 12 + 1, 1), "month"


def _at(day: date, precision: str) -> When:
    if precision == "day":
        return When(day.year, day.month, day.day)
    if precision == "month":
        return When(day.year, day.month)
    return When(day.year)


def _common(dates: list[When]) -> When:
    """The most precise date that covers all of ``dates``."""
    first = dates[0]
    if all(d.year == first.year and d.month == first.month and d.day == first.day for d in dates):
        return first
    if first.month is not None and all(d.year == first.year and d.month == first.month for d in dates):
        return When(first.year, first.month)
    if all(d.year == first.year for d in dates):
        return When(first.year)
    return When(min(d.year for d in dates))


def _relative_dates(text: str, anchor: date | None) -> list[When]:
    if anchor is None:
        return []
    return [_resolve(match, anchor) for match in _RELATIVE.finditer(unicodedata.normalize("NFKC", text))]


def _resolve(match: re.Match[str], anchor: date) -> When:
    """The date a ``_RELATIVE`` match means, at the precision its unit allows."""
    if match.group("eve"):
        return _at(anchor - timedelta(days=1), "day")
    if match.group("same"):
        return _at(anchor, "day")
    if match.group("next"):
        unit = {"翌日": "日", "翌週": "週間", "翌月": "か月"}[match.group("next")]
        return _at(*_shift(anchor, 1, unit, 1))
    unit = match.group("unit")
    unit = "か月" if unit in {"ヶ月", "カ月", "ヵ月"} else unit
    sign = -1 if match.group("direction") == "前" else 1
    counts = _FEW if match.group("count") == "数" else [int(match.group("count"))]
    return _common([_at(*_shift(anchor, n, unit, sign)) for n in counts])


def _distinct(dates: list[When]) -> list[When]:
    """Drop repeats and any date that only restates a more precise one in the same sentence."""
    kept: list[When] = []
    for when in dates:
        if when in kept or any(when != other and when.covers(other) for other in dates):
            continue
        kept.append(when)
    return kept


def _cited_sentences(text: str) -> list[tuple[str, tuple[int, ...]]]:
    """Each sentence of a paragraph with its footnotes.

    A sentence with no marker of its own is cited by the next marker in its paragraph, as in
    Wikipedia, where a footnote covers the text back to the previous one.
    """
    pieces = sentence_pieces(text)
    cited: list[tuple[str, tuple[int, ...]]] = []
    pending: list[str] = []
    for piece in pieces:
        pending.append(piece)
        notes = footnotes_in(piece)
        if notes:
            cited.extend((p, notes) for p in pending)
            pending = []
    cited.extend((p, ()) for p in pending)
    return [(strip_footnotes(p), notes) for p, notes in cited if strip_footnotes(p)]


def extract_events(article: Article) -> list[Event]:
    """Every dated event in the article body, oldest first (article order within a date)."""
    anchor = summit_date(article)
    default_year = anchor.year if anchor else None
    events: list[Event] = []
    for section in article.sections:
        for paragraph in section.paragraphs:
            for sentence, notes in _cited_sentences(paragraph.text):
                dates = _relative_dates(sentence, anchor) + _absolute_dates(sentence, default_year=default_year)
                events.extend(Event(when, sentence, section.title, notes, article.title) for when in _distinct(dates))
    return sorted(events, key=lambda e: e.when.sort_key())


def mentions_date(text: str) -> bool:
    """Whether ``text`` holds a year, month or day, or a date relative to the summit."""
    normal = unicodedata.normalize("NFKC", text)
    return bool(_ABSOLUTE.search(normal) or _RELATIVE.search(normal))
