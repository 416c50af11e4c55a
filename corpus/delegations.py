"""Delegation lists: one group per sub-heading naming a delegation, each line a member with role and footnotes."""

from __future__ import annotations

import re
from typing import NamedTuple

from corpus.parsing import Article, Paragraph
from corpus.text import FOOTNOTE, footnotes_in

#: Headings that introduce a delegation list ("…の代表団", "Delegation").
DELEGATION_HEADING = re.compile(r"(代表団|delegation)$", re.IGNORECASE)
_KATAKANA_NAME = re.compile(
    r"""
    ^(?P<name>[\u30a1-\u30fa\u30fc\u30fb\uff65\u2015\u2010-\u2014\-]+)  # katakana, middle dots and odd dashes
    (?P<role>[^\u30a1-\u30fa].*)$                                      # then the role, starting with no katakana
    """,
    re.VERBOSE,
)


_LATIN_NAME = re.compile(r"^(?P<name>[A-Za-z][A-Za-z .'-]*[A-Za-z])\s*(?P<role>[^\x00-\x7f].*)$")
#: A member line is a role and a name, no sentence: the longest of the summit's lists is 37 characters.
_MEMBER_MAX_CHARS = 60


def is_member_line(text: str) -> bool:
    """Whether a line under a delegation heading is a member (国務長官、アントニー・ブリンケン[32]), not prose.

    An article may tell of its delegations in sentences under the same heading (「米国の代表団は…が率いた。」):
    those are no list, and their words are no names or roles.
    """
    plain = " ".join(FOOTNOTE.sub(" ", text).split())
    return 0 < len(plain) <= _MEMBER_MAX_CHARS and "。" not in plain


class Member(NamedTuple):
    """One delegation member."""

    name: str
    role: str
    footnotes: tuple[int, ...]


class Delegation(NamedTuple):
    """A delegation: the sub-heading that names it and its members in the article's order."""

    heading: str
    members: tuple[Member, ...]
    document: str = ""
    """The title of the article the list is in."""


def parse_member(paragraph: Paragraph) -> Member:
    """Split a member line into name and role.

    Two shapes occur: ``role、name[n]`` and ``name+role[n]`` with no separator
    (ビクトリア・ヌーランド政治問題担当次官), where the name is the leading katakana or Latin run.
    """
    text = " ".join(FOOTNOTE.sub(" ", paragraph.text).split())
    if "、" in text:
        role, _, name = text.rpartition("、")
        return Member(name.strip(), role.strip(), paragraph.footnotes)
    match = _KATAKANA_NAME.match(text) or _LATIN_NAME.match(text)
    if match:
        return Member(match.group("name"), match.group("role").strip(), footnotes_in(paragraph.text))
    return Member(text, "", paragraph.footnotes)


def parse_delegations(article: Article) -> list[Delegation]:
    """Every delegation list in the article, in order: a delegation heading over member lines (``is_member_line``)."""
    found = []
    for section in article.sections:
        if DELEGATION_HEADING.search(section.path[-1]):
            members = tuple(parse_member(p) for p in section.paragraphs if is_member_line(p.text))
            if members:
                found.append(Delegation(section.path[-1], members, article.title))
    return found
