"""Direct short answers: the span of the answering sentence that a factoid question asks for.

Pure functions over text, no model. Candidates of the kinds the question asks for are read from
the highlighted sentence (from the passage's other sentences when it holds none, and from list
lines such as 「ロシア外務大臣、セルゲイ・ラブロフ[34]」 as label/value pairs); each is scored by
how near the question's own words stand to it, and one is given only when it clearly wins.
Precision over recall: any doubt gives ``None``, and the passage stands alone.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, NamedTuple

from corpus.delegations import DELEGATION_HEADING, is_member_line, parse_member
from corpus.parsing import Paragraph
from corpus.text import FOOTNOTE, footnotes_in, split_sentences, strip_footnotes
from corpus.timeline import first_full_date, last_year
from retrieval._span_questions import (
    BUILDING_ASKED,
    COUNTRY_ASKED,
    HOW_OLD,
    PERIOD_ASKED,
    PERSON_NOUNS_JA,
    SINCE,
    VOTE_ASKED,
    asked_counter,
    asked_heads,
    asked_measures,
    asked_units,
    kind_words,
    named_kinds,
    question_keys,
    verb_cues,
    wanted_types,
)
from retrieval._span_shapes import (
    BUILDING_PART,
    GENERIC_COUNTERS,
    KANJI,
    KATAKANA,
    LIST_LINE,
    Candidate,
    SpanType,
    candidates_in,
    countries_in,
    is_name,
    is_tally,
    value_candidate,
)
from retrieval.coverage import is_place_name, shares_synonym
from retrieval.english import english_duration, english_quantity
from retrieval.features import WHY_ASKED, AnswerType
from retrieval.lexical import fold, with_variants, without_glosses
from retrieval.morphology import morphemes
from retrieval.question import WHAT_CALLED_JA, language_of
from retrieval.types import Short

__all__ = ["SpanContext", "asked_measures", "find_short"]

#: Offices a question can name (ambassador → 大使): a member whose label lacks the one asked is not the answer.
#: Titles of office, as a list's labels and running text write them.
_TITLES = r"大統領|首相|長官|大臣|補佐官|大使|報道官|書記長|次官|顧問|参謀本部長|市長|知事"
_ROLE_NOUNS = re.compile(rf"{_TITLES}|代表(?!団)")
#: の and an office after a name (…の議長, …の報道官): the name is whose office it is, not who holds it.
_OFFICE_OF = re.compile(rf"の(?:{PERSON_NOUNS_JA})")
#: What joins a role or a kind to the name after it: 通訳のパヴロフ, 新興財閥であるドミトロ・フィルターシュ,
#: 海損精算事務所であるリチャーズ・ホッグ・リンドレー.
_JOINED = r"の|である"
#: What follows a kind of body that a name after it is: 事務所である…, 事務所の….
_DESCRIBES = re.compile(_JOINED)
_SINCE_DATE = re.compile(r"以来|から|以降")
_SINCE_ONLY = re.compile(r"以来")
#: Weights of a question word by where it stands from the candidate: its own segment, the next, the one before.
_SAME, _NEXT, _PREVIOUS = 1.0, 0.5, 0.25
#: What may stand beside a span in a segment of its own: a prefix (翌, 同), a particle, the comma.
_BARE = re.compile(r"[翌同約\s]*(?:には|にも|に|は|で|から|まで)?[、,，\s]*")
_SEGMENT_END = re.compile(r"[、。,，（）()「」『』]")
#: A clear winner beats the runner-up by this much; a span from outside the highlight needs this much at least.
_MARGIN = 0.5
_DECAY_CHARS = 10
#: What stands between a span and the word it is said of, in a list of such pairs (ノルウェーには1パーセント、
#: オーストラリアには8パーセント): a particle, a hedge. That word labels the span.
_LABEL_GAP = r"(?:には|にも|では|とは|は|が|も|の|に)?(?:約|およそ|最大)?"
_FALLBACK_MIN = 1.0


class SpanContext(NamedTuple):
    """What the index knows besides the passage: infobox facts, English names, the question's Japanese terms."""

    facts: Mapping[str, Mapping[str, Any]] = {}
    english: Mapping[str, str] = {}
    """Japanese form → English word: the index's English→Japanese word list read backwards."""
    terms: tuple[str, ...] = ()
    """Japanese terms found for an English question."""
    section: str = ""
    frame: tuple[str, ...] = ()
    """The question's words that are its article's frame (in most passages): they support a span only when the
    question has no other words."""
    year: int | None = None
    """The year the article wrote last before the passage: what a month with no year means when the article has
    no date of its own (an infobox 日にち)."""
    subject: bool = False
    """The question asks about the article's subject itself (``subject.about_subject``): its own date answers it."""
    family: frozenset[str] = frozenset()
    """The names people go by alone in the corpus (``_span_shapes.family_names``): チャーチル."""


#: A question after someone's age: 何歳, 年齢, "how old", "what age".
_AGE_ASKED = re.compile(rf"歳|年齢|{HOW_OLD.pattern}|\bage[sd]?\b", re.IGNORECASE)
#: A question after a number of times: 何回, 何度, "how many times", "how often".
_TIMES_ASKED = re.compile(r"何回|何度|\bhow\s+often\b|\btimes\b", re.IGNORECASE)


def _fits(candidate: Candidate, question: str, terms: Iterable[str]) -> bool:
    """Whether a candidate of a wanted type can answer: not the asker's own words, the counter and "since" asked."""
    if _answered_already(candidate, question, terms):
        return False
    counter = asked_counter(question)
    if candidate.type == "count" and counter and counter not in candidate.text:
        # 何隻 takes 3つ; 何個, asked with a counter for anything, takes 5件 as well.
        return counter in GENERIC_COUNTERS or candidate.text.endswith(GENERIC_COUNTERS)
    if candidate.type == "date" and HOW_OLD.search(question) and not candidate.text.endswith("世紀"):
        return False  # "how old was he when he died": 89歳, not the day he died
    if candidate.type == "count" and candidate.text.endswith("歳") and not _AGE_ASKED.search(question):
        return False  # 「どんくらい放っとかれたの」: 約50分, not the 18歳 of the man left there
    if candidate.type == "count" and candidate.text.endswith("回") and not _TIMES_ASKED.search(question):
        # "how big was the crowd", 「どのくらい」: a number of times answers only "how many times", or a question
        # after the thing it counts ("how many toasts": 45回の乾杯).
        return _counts_asked_thing(candidate, question, terms)
    if candidate.type == "duration" and counter and counter not in candidate.text:
        return False
    if candidate.type == "date" and PERIOD_ASKED.search(question) and not _RANGE.search(candidate.text):
        return False  # a period asked: a range of dates, not one day
    if candidate.type == "date" and SINCE.search(question) and not _UNTIL_ASKED.search(question):
        return bool(_SINCE_DATE.match(candidate.sentence, candidate.end))
    if candidate.text.endswith("世紀") and _century_of_another_thing(candidate, question, terms):
        return False
    # 「2014年以来…広めていると報告」: a date before 以来 is when something began, not when the asked event happened.
    return not (candidate.type == "date" and _SINCE_ONLY.match(candidate.sentence, candidate.end))


def _counts_asked_thing(candidate: Candidate, question: str, terms: Iterable[str]) -> bool:
    """Whether a count stands before の and a word of the question (45回の乾杯 for "how many toasts")."""
    after = _OF_NOUN.match(candidate.sentence, candidate.end)
    if after is None:
        return False
    asked = fold(" ".join([question, *terms]))
    noun = fold(after.group("noun"))
    return any(noun[i : i + 2] in asked for i in range(len(noun) - 1))


#: A question after the next or the last one of a kind (次の首脳会談, "the previous summit"): not the article's.
_ANOTHER_ONE = re.compile(r"次の|次回|前回|前の|\b(?:next|previous|upcoming|following)\b", re.IGNORECASE)
#: A question after the end of a range too (いつからいつまで, "from when until when"): the range answers, not a
#: date followed by から (since).
_UNTIL_ASKED = re.compile(r"まで|\buntil\b|\btill\b", re.IGNORECASE)
#: A question after a century or an age: 何世紀, "which century", "how old", いつ頃.
_CENTURY_ASKED = re.compile(r"世紀|century|how\s+old|いつ頃|いつごろ|時代", re.IGNORECASE)
#: A span standing before の and the noun it describes: 18世紀の建物.
_OF_NOUN = re.compile(r"の(?P<noun>[\u4e00-\u9fff\u30a1-\u30fa\u30fc]{1,8})")


def _century_of_another_thing(candidate: Candidate, question: str, terms: Iterable[str]) -> bool:
    """Whether a century describes a thing the question does not ask about: 「18世紀の建物」 for 「サミットはいつ？」.

    The building's century answers a question after a century or an age ("how old is the villa", 何世紀), or
    one naming the thing (「建物はいつ建てられた」: a kanji of 建物 in the question or its terms); a question after
    when the summit was held wants its date, which the sentence does not give.
    """
    match = _OF_NOUN.match(candidate.sentence, candidate.end)
    if match is None or _CENTURY_ASKED.search(question):
        return False
    asked = fold(" ".join([question, *terms]))
    noun = fold(match.group("noun"))
    pieces = {c for c in noun if "\u4e00" <= c <= "\u9fff"} | {noun[i : i + 2] for i in range(len(noun) - 1)}
    return not any(piece in asked for piece in pieces or {noun})


def _segments(sentence: str) -> list[tuple[int, int]]:
    bounds = [0, *(m.end() for m in _SEGMENT_END.finditer(sentence)), len(sentence)]
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def score(candidate: Candidate, keys: frozenset[str], others: list[Candidate]) -> float:
    """How near the question's words stand to the candidate.

    Each word counts once, at its best place: in the candidate's own segment (between commas) it
    weighs most, in the next segment half, in the one before a quarter, farther nothing; and less
    the more characters stand between. Words inside other candidates do not count: 全長は3911メートル、
    中央支間は1991メートル must tell the two lengths apart by their labels, not by メートル.
    """
    text = candidate.sentence
    taken = [(o.start, o.end) for o in others if o.sentence == text]
    segments = _segments(text)
    own = next((i for i, (a, b) in enumerate(segments) if a <= candidate.start < b), 0)
    weights = {own: _SAME, own + 1: _NEXT, own - 1: _PREVIOUS}
    if own < len(segments) and _BARE.fullmatch(
        text[segments[own][0] : candidate.start] + text[candidate.end : segments[own][1]]
    ):
        # 「翌6月28日、ホワイトハウスは…発表し」: a span standing alone before a comma belongs to the clause after it.
        weights[own + 1] = _SAME
    total = 0.0
    for key in keys:
        best = 0.0
        for match in re.finditer(re.escape(key), text):
            if any(a <= match.start() < b for a, b in taken):
                continue
            segment = next(i for i, (a, b) in enumerate(segments) if a <= match.start() < b)
            gap = max(candidate.start - match.end(), match.start() - candidate.end, 0)
            best = max(best, weights.get(segment, 0.0) / (1 + gap / _DECAY_CHARS))
        total += best
    return total


def _choose(candidates: list[Candidate], keys: frozenset[str], *, minimum: float) -> Candidate | None:
    """The clear winner among ``candidates``, or ``None`` when two score alike or the best scores under ``minimum``."""
    if not candidates:
        return None
    scored = sorted(((score(c, keys, candidates), c) for c in candidates), key=lambda pair: -pair[0])
    distinct = [pair for pair in scored if pair[1].text != scored[0][1].text]
    top = scored[0][0]
    if top < minimum or (distinct and top - distinct[0][0] < _MARGIN):
        return None
    return scored[0][1]


def _choose_entry(candidates: list[Candidate], keys: frozenset[str]) -> Candidate | None:
    """The list entry whose label holds the most of the question's words, one more than any other; else ``None``."""
    scored = sorted(((sum(k in c.sentence[: c.start] for k in keys), c) for c in candidates), key=lambda p: -p[0])
    if not scored or scored[0][0] < 1:
        return None
    rivals = [s for s, c in scored if c.text != scored[0][1].text]
    return scored[0][1] if not rivals or scored[0][0] > rivals[0] else None


def _list_entries(passage: str, section: str) -> list[tuple[str, str, int]]:
    """Lines of a list passage as (label, value, line number): 「総事業費、約5000億円[29]」, delegation members."""
    entries = []
    lines = [line for line in passage.split("\n") if line.strip()]
    for i, line in enumerate(lines):
        if DELEGATION_HEADING.search(section) and is_member_line(line):
            member = parse_member(Paragraph(line, footnotes_in(line), 0))
            entries.append((member.role, member.name, i))
        elif match := LIST_LINE.fullmatch(strip_footnotes(line)):
            entries.append((match.group("label"), match.group("value"), i))
    return entries if len(entries) * 2 >= len(lines) else []


def _entry_candidates(passage: str, section: str) -> list[Candidate]:
    """Each list entry's value typed by its shape (scored against its label), and its label as a role."""
    found: list[Candidate] = []
    for label, value, _ in _list_entries(passage, section):
        candidate = value_candidate(label, value, people=bool(DELEGATION_HEADING.search(section)))
        if candidate is not None:
            found.append(candidate)
        if is_name(value) and label:
            found.append(Candidate(label, "role", 0, len(label), f"{label} {value}"))
    return found


#: Span types that are names, written in parts (ジョー・バイデン).
_NAMES = frozenset(["place", "person", "role", "org"])


def _answered_already(candidate: Candidate, question: str, terms: Iterable[str]) -> bool:
    """Whether the asker wrote the span themself (or its Japanese term): then it is what they ask about.

    A name counts by its parts too (バイデン of ジョー・バイデン); a number's parts are its counter
    (49か国・地域: "countries and regions" asks for it, it does not give it).
    """
    asked = fold(" ".join([question, *terms]))
    if fold(candidate.text) in asked:
        return True
    number = re.search(r"\d[\d.,]*", candidate.text) if candidate.type in {"count", "quantity"} else None
    if number and re.search(rf"(?<![\d.,]){re.escape(number.group(0))}(?![\d.,])", asked):
        return True  # 「34の実験のうち…何個」: the 34 is what is counted from, not the count asked
    if candidate.type not in _NAMES:
        return False
    # ホワイトハウスのイーストルーム: the place before what stands there is a part too ("where in the White House").
    parts = [*re.split(r"[・=\s]", candidate.text), candidate.text.split("の")[0]]
    # ホテル of ホテル・オクチャブリスカヤ is the kind "which hotel" asks for, not the hotel's name.
    parts = [part for part in parts if not BUILDING_PART.fullmatch(part)]
    if any(len(part) >= 2 and fold(part) in asked for part in parts):
        return True
    if any(_heard_as(fold(part), asked) for part in parts):
        return True
    return _spelled_in_pieces(fold(candidate.text), asked)


#: A katakana run in a question (an English name spelt in katakana by its sound, which may miss a vowel).
_KATAKANA_WORD = re.compile(r"[\u30a1-\u30fa]{3,}")


def _consonant(kana: str) -> str:
    """The consonant of a katakana letter, from its Unicode name (KATAKANA LETTER RE → R; a lone vowel → "")."""
    syllable = unicodedata.name(kana, "").rsplit(" ", 1)[-1]
    return syllable[:-1] if syllable[-1:] in "AIUEO" else syllable


def _heard_as(part: str, asked: str) -> bool:
    """Whether ``asked`` spells the katakana name ``part`` (folded, three letters or more) with one vowel changed.

    "Reagan" spelt by its sound is リーガン where the article writes レーガン: one letter of the same consonant.
    """
    if len(part) < 3 or not _KATAKANA_WORD.fullmatch(part):
        return False
    for word in _KATAKANA_WORD.findall(asked):
        for start in range(len(word) - len(part) + 1):
            piece = word[start : start + len(part)]
            changed = [(a, b) for a, b in zip(piece, part, strict=True) if a != b]
            if len(changed) == 1 and _consonant(changed[0][0]) == _consonant(changed[0][1]):
                return True
    return False


def _spelled_in_pieces(name: str, asked: str) -> bool:
    """Whether every letter of ``name`` lies in a piece of it (two letters or more) that ``asked`` holds.

    「パナマ側の…海事庁のトップは誰」 names パナマ海事庁 in two pieces: it is what the question is about.
    """
    covered = [False] * len(name)
    for start in range(len(name)):
        end = start + 2
        while end <= len(name) and name[start:end] in asked:
            covered[start:end] = [True] * (end - start)
            end += 1
    return all(covered)


def _attached(candidate: Candidate, words: list[str]) -> bool:
    """Whether one of ``words`` (two characters or more) stands right next to the candidate, naming it.

    Right after it (レーガン|大統領), or right before it joined by の or である (新興財閥である|ドミトロ).
    """
    after = candidate.sentence[candidate.end : candidate.end + 8]
    before = _role_before(candidate)
    return any(len(w) >= 2 and (after.startswith(w) or (before and before.endswith(w))) for w in words)


def _labelled(candidate: Candidate, keys: frozenset[str], section: str) -> bool:
    """Whether two of the question's words stand in a list entry's label and not in its section's heading."""
    label = fold(candidate.sentence[: candidate.start])
    return sum(key in label and key not in section for key in keys) >= 2


def _role_candidate(entries: list[Candidate], keys: frozenset[str]) -> Candidate | None:
    """The role of the one member whose name the question gives (ジェイク・サリバン → 国家安全保障補佐官)."""
    scored = [(sum(key in fold(c.sentence[c.end + 1 :]) for key in keys), c) for c in entries if c.type == "role"]
    scored = sorted(((s, c) for s, c in scored if s >= 2), key=lambda pair: -pair[0])
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return scored[0][1]


def _pick(
    question: str, wanted: frozenset[SpanType], highlight: str, passage: str, context: SpanContext, *, sole: bool
) -> Candidate | None:
    """The span that answers: from a list passage's lines, else the highlight, else the passage's other sentences.

    With ``sole`` (the type comes only from the noun of "which president…", whose Japanese the
    sentence may not echo), a sentence must hold exactly one span of that type.
    """
    keys = question_keys(question, context.terms)
    entries = _entry_candidates(passage, context.section)
    if entries:
        role = _role_candidate(entries, keys) if "role" in wanted else None
        # 外相 asks for the 外務大臣 of a list, as BM25 searches it (``with_variants``).
        roles = set(_ROLE_NOUNS.findall(" ".join([with_variants(question), *context.terms])))
        section = fold(context.section)
        pool = [
            c
            for c in entries
            if c.type in wanted - {"role"}
            and _fits(c, question, context.terms)
            # A member is the answer only when the question names their office, or two of its words stand in the
            # label and not in the list's heading: "who was in the delegation?" asks for the list, not a line.
            and (c.type != "person" or any(r in c.sentence[: c.start] for r in roles) or _labelled(c, keys, section))
        ]
        return role or _choose_entry(pool, question_keys(with_variants(question), context.terms))
    anchor = _own_date(context)
    sentence = strip_footnotes(highlight)
    people = "person" in wanted
    if wanted == {"role"} and (held := _role_in_text(question, sentence, context.terms)):
        return held
    if named := _infobox_value(question, wanted, sentence, context):
        return named

    building = BUILDING_ASKED.search(question) is not None

    def answers(c: Candidate) -> bool:
        if building and c.type == "place" and is_place_name(c.text):
            return False  # "which building in Paris": エリゼ宮, not フランス
        return c.type in wanted and _fits(c, question, context.terms) and not _loanword_place(c, context.english)

    year = _year_before(passage, highlight, anchor, context)
    # A name people go by alone is a person's only: a question after a body or a place does not take it.
    family = context.family if people else frozenset()
    found = candidates_in(sentence, anchor, people=people, year=year, family=family)
    found += _headed(sentence, asked_heads(question), "place" if wanted == {"place"} else "org", found)
    if "place" in wanted and COUNTRY_ASKED.search(question) and (countries := countries_in(sentence, found)):
        # Asked which country, the countries answer, not a city beside them (スイス, not ジュネーブ).
        found = [c for c in found if c.type != "place"] + countries
    pool = [c for c in _as_bodies(found, wanted) if answers(c)]
    pool = _without_affiliations(pool)
    if sole and len({c.text for c in pool}) > 1:
        # 「米国のロナルド・レーガン大統領とソビエトのミハイル・ゴルバチョフ書記長」: "which US president" takes
        # the one name its kind noun (大統領, from the question's terms) stands right next to.
        attached = [c for c in pool if _attached(c, [*context.terms, *kind_words(question)])]
        pool = attached if len({c.text for c in attached}) == 1 else []
        if not pool:
            return None
    pool = _with_unit_asked(_with_counter_asked(_without_starting_values(pool, question), question), question)
    pool = _as_pair(_narrowed(_votes(pool, question), question, keys, context.terms))
    if pool:
        return _choose(pool, keys, minimum=0.0)
    others = [
        c
        for s in split_sentences(passage)
        if strip_footnotes(s) != sentence
        # Kanji names are the lit sentence's only: no ``people`` here.
        for c in candidates_in(
            strip_footnotes(s), anchor, year=_year_before(passage, s, anchor, context), family=family
        )
        if answers(c)
    ]
    others = _votes(others, question)
    if sole and len({c.text for c in others}) > 1:
        return None
    return _choose(others, keys, minimum=_FALLBACK_MIN)


#: What joins a range of dates' two ends (``_span_shapes._ranges``).
_RANGE = re.compile(r"から|[–—~～〜-]")
#: A question after a total: 全部で, 合計, 計, "in total", "altogether".
_TOTAL_ASKED = re.compile(r"全部で|合計|総計|総数|全体で|\bin\s+(?:total|all)\b|\baltogether\b|\btotal\b", re.I)
#: What a total is written after: 合計8回, 計3人, 延べ100人, 総勢150人, 合わせて約54万6,000人.
_TOTAL_BEFORE = re.compile(r"(?:合計|総計|計|全部で|全体で|延べ|総勢|総数|合わせて|あわせて)(?:で|は)?(?:約|およそ)?$")
#: A question after a part of a whole: 「診断された人のうち…何人」, "how many of them", "of those".
_PART_ASKED = re.compile(r"うち(?!に)|\bhow\s+many\s+of\b|\bof\s+(?:them|those|these)\b", re.I)
#: What a part is written after: 「134人が診断され、このうち28人が死亡した」, 「そのうち」.
_PART_BEFORE = re.compile(r"うち(?!に)")
#: How far before a person's の the role naming them may start (通訳の, 国家安全保障担当補佐官の).
_ROLE_REACH = 8


#: The letters of a word, katakana and kanji, as a character class body.
_WORD_CHARS = KATAKANA + KANJI
#: The thing an amount written before の measures: 約40万立方メートルのコンクリート.
_THING_AFTER = re.compile(rf"の(?P<noun>[{_WORD_CHARS}]{{2,}})")
#: Letters a name is written in, unlike a common noun of kanji: katakana or Latin.
_NAME_LETTERS = re.compile(r"[\u30a1-\u30faA-Za-z]")
#: One of a thing (1本の, 1人の): "each", not how many.
_ONE = re.compile(r"(?:約|およそ)?1(?!\d|[.,]\d)")
#: A role joined to the name after it (``_JOINED``), where the text before the name ends.
_ROLE_JOIN = re.compile(rf"(?:{_JOINED})$")
#: The word a text ends on: a run of katakana or of kanji.
_LAST_WORD = re.compile(rf"(?:[{KATAKANA}・]+|[{KANJI}]+)$")


def _headed(sentence: str, heads: list[str], kind: SpanType, found: list[Candidate]) -> list[Candidate]:
    """Names ending on a noun the question asks for (``asked_heads``): クルチャトフ研究所 for 「どこの研究所」.

    The name is the run of kanji and katakana from a word's start up to the noun, its own words holding katakana
    or Latin letters (大統領選挙 is a kind of election, no name); where the shapes found a span already
    (サン＝ジェルマン＝ロクセロワ教会), that span stands.
    """
    names = []
    for head in heads:
        pattern = rf"(?<![{_WORD_CHARS}・A-Za-z])[{_WORD_CHARS}・A-Za-z]{{2,24}}?{re.escape(head)}"
        for match in re.finditer(pattern, sentence):
            own = match.group(0)[: -len(head)]
            overlaps = any(c.start < match.end() and match.start() < c.end for c in found)
            if _NAME_LETTERS.search(own) and not overlaps:
                names.append(Candidate(match.group(0), kind, match.start(), match.end(), sentence))
    return names


def _named_by(candidate: Candidate, keys: frozenset[str]) -> bool:
    """Whether a person stands right after one of the question's words and の or である.

    通訳のパヴロフ for 「通訳は誰」, 新興財閥であるドミトロ・フィルターシュ for "which oligarch".
    """
    before = fold(_role_before(candidate)[-_ROLE_REACH:]) if candidate.type == "person" else ""
    return bool(before) and any(before.endswith(key) for key in keys if len(key) >= 2)


def _said_of(candidate: Candidate, terms: Iterable[str]) -> bool:
    """Whether one of the question's terms labels the span in its list: オーストラリアには8パーセント for Australia.

    English questions only: a Japanese one has no terms, and its own words label too much (ウィーンの国際原子力機関).
    """
    before = candidate.sentence[: candidate.start]
    return any(re.search(rf"{re.escape(term)}{_LABEL_GAP}$", before) for term in terms if len(term) >= 2)


def _measures_asked_thing(candidate: Candidate, question: str, terms: Iterable[str]) -> bool:
    """Whether an amount stands before の and a word the question asks about: 約1,200台のバス for 「バスは何台」.

    The word is a whole one in the question (訓練 of 訓練施設 is not 4回の訓練), or one of its terms. Not the end
    of a range (1400万ドルから1500万ドル: the range answers), nor one of a thing (1本のケーブル: "each cable").
    """
    if candidate.type not in _AMOUNTS or candidate.sentence[: candidate.start].endswith("から"):
        return False
    thing = _THING_AFTER.match(candidate.sentence, candidate.end)
    if thing is None or _ONE.match(candidate.text):
        return False
    noun = thing.group("noun")
    alone = rf"(?<![{_WORD_CHARS}]){re.escape(noun)}(?![{_WORD_CHARS}])"
    return noun in terms or re.search(alone, question) is not None


def _role_before(candidate: Candidate) -> str:
    """The text before a name joined to it by の or である, where a role naming it ends; ``""`` when none.

    None either when the word before is a place: ウクライナのペトロ・ポロシェンコ is of a country, no role.
    """
    text = candidate.sentence[: candidate.start]
    join = _ROLE_JOIN.search(text)
    if not join:
        return ""
    before = text[: join.start()]
    word = _LAST_WORD.search(before)
    return "" if word and is_place_name(word.group(0)) else before


def _narrowed(pool: list[Candidate], question: str, keys: frozenset[str], terms: Iterable[str]) -> list[Candidate]:
    """Of several spans, the one a sign in the question singles out; ``pool`` as it is when none does.

    - "which lake": the one ending on the kind the question names (ジュネーブ湖, not ヴィララグランジ).
    - 「全部で何回」: of 「毎日1回、合計8回開かれ」, the total; of 「約155キロメートル(うち…43.1キロメートル)」,
      the whole.
    - 「…のうち何人」: of 「134人が診断され、このうち28人が死亡した」, the part.
    - 「スターリンの通訳は誰」: of 「モロトフと通訳のパヴロフ」, the one person the asked role names.
    - "Australia … by how much": of 「ノルウェーには1パーセント、オーストラリアには8パーセント」, the one its term
      labels.
    - 「コンクリートはどのくらい」: of 「約40万立方メートルのコンクリートと約7,300トンの金属構造材」, the amount
      written before の and the thing asked about.
    """
    kinds = [*terms, *named_kinds(question)]
    # Amounts of one kind (two volumes, two prices) are told apart by the thing each measures; of two kinds
    # (「約2,200キロメートルの飛行には約7時間」 for "how long was the flight") the kind asked tells them apart.
    alike = len({c.type for c in pool}) == 1
    signs: list[Callable[[Candidate], bool]] = [
        lambda c: _of_named_kind(c, kinds),
        lambda c: _named_by(c, keys),
        # 「ノルウェーには1パーセント、オーストラリアには8パーセント、アイスランドには10パーセントの増加」: the
        # country asked labels its figure; the thing measured (増加) is the whole list's.
        lambda c: _said_of(c, terms),
        lambda c: alike and _measures_asked_thing(c, question, terms),
    ]
    if _TOTAL_ASKED.search(question):
        signs.insert(1, lambda c: _TOTAL_BEFORE.search(c.sentence[: c.start]) is not None)
        # 「約155キロメートル(うち東西ベルリン間は43.1キロメートル)」: with no word of a total, the one that is no part.
        signs.insert(2, lambda c: _PART_BEFORE.search(c.sentence[: c.start]) is None)
    if _PART_ASKED.search(question):
        signs.insert(1, lambda c: _PART_BEFORE.search(c.sentence[: c.start]) is not None)
    for sign in signs:
        if len({c.text for c in pool}) < 2:
            break
        singled = [c for c in pool if sign(c)]
        pool = singled if len({c.text for c in singled}) == 1 else pool
    return pool


def _as_pair(pool: list[Candidate]) -> list[Candidate]:
    """Two people or two dates joined by と, the only two that answer: the pair answers together.

    「最初のセッションは、ブリンケンとラブロフも参加した」: "who sat in on the first session" is both;
    「2016年と2020年の大統領選挙」: "which elections" is both years. Neither is the asker's own (``_fits`` left
    both), else the other alone would be the answer.
    """
    two = sorted({c.text: c for c in pool}.values(), key=lambda c: c.start)
    if len(two) != 2 or two[0].type != two[1].type or two[0].type not in {"person", "date"}:
        return pool
    first, second = two
    if first.sentence != second.sentence or first.sentence[first.end : second.start] != "と":
        return pool
    english = f"{first.english} and {second.english}" if first.english and second.english else None
    text = first.sentence[first.start : second.end]
    return [Candidate(text, first.type, first.start, second.end, first.sentence, english)]


#: The sides of a vote as a tally writes them, their English, and how a question asks for one (賛成票は何票, "how many
#: voted against").
_SIDES = (
    ("賛成", "for", re.compile(r"賛成|\bvot(?:e|es|ed)\s+(?:for|yes)\b|\bin\s+favou?r\b|\byes\b", re.IGNORECASE)),
    ("反対", "against", re.compile(r"反対|\bagainst\b|\bvot(?:e|es|ed)\s+no\b|\bno\s+votes?\b", re.IGNORECASE)),
    ("棄権", "abstaining", re.compile(r"棄権|\babstain", re.IGNORECASE)),
)


def _votes(pool: list[Candidate], question: str) -> list[Candidate]:
    """Of a vote's counts, what the question asks: the side it names (賛成票は何票 → 161票), else the whole tally.

    A question after no vote leaves the tallies out: its counts answer as any count does.
    """
    if not any(is_tally(c) for c in pool):
        return pool
    if not VOTE_ASKED.search(question):
        return [c for c in pool if not is_tally(c)]
    sides = [(side, english) for side, english, asked in _SIDES if asked.search(question)]
    if len(sides) == 1:
        side, english = sides[0]
        one = [c for c in pool if not is_tally(c) and c.sentence[: c.start].endswith(side)]
        if len({c.text for c in one}) == 1:
            # 賛成487票: the side with its count, as the tally writes it
            count = one[0]
            shown = f"{english_quantity(count.text)} {english}"
            return [Candidate(side + count.text, "count", count.start - len(side), count.end, count.sentence, shown)]
    tallies = [c for c in pool if is_tally(c)]
    return tallies if len({c.text for c in tallies}) == 1 else pool


def _own_date(context: SpanContext) -> date | None:
    """The article's own date, the first day its infobox's 日にち gives (2021年6月16日), if any."""
    return first_full_date(str(context.facts.get("date", {}).get("value", "")))


def _year_before(passage: str, sentence: str, anchor: date | None, context: SpanContext) -> int | None:
    """With no article date to read 「10月5日」 by, the last year written before ``sentence``."""
    if anchor is not None:
        return None
    return last_year(passage[: max(passage.find(sentence), 0)]) or context.year


#: The span type of an infobox value, by the key ``corpus.parsing`` files it under.
_INFOBOX_TYPES: dict[str, SpanType] = {"venue": "place", "city": "place", "date": "date"}


def _infobox_value(question: str, wanted: frozenset[SpanType], sentence: str, context: SpanContext) -> Candidate | None:
    """The infobox's value for the row the question names by its label (会場, "venue" → 会場), if the sentence holds it.

    A venue's name may have no shape of a place (ヴィララグランジ: no 宮殿, no ホテル); the infobox says what it is.
    """
    for kind, value in _infobox_rows_asked(question, context):
        at = sentence.find(value)
        if kind in wanted and at >= 0:
            return Candidate(value, kind, at, at + len(value), sentence)
    return None


def _infobox_rows_asked(question: str, context: SpanContext) -> list[tuple[SpanType, str]]:
    """The (span type, value) of each infobox row the question asks for by its label.

    A Japanese question asks for it when the label is its topic or follows どの (「会場は？」, 「どの都市で」; not
    「会場の建物は」 or 「会場からは何という湖」); an English one when its Japanese terms are the label and the
    article's frame only ("what was the venue called?", not "which lake does the venue overlook?").
    """
    english = language_of(question) == "en"
    rows = []
    for key, kind in _INFOBOX_TYPES.items():
        fact = context.facts.get(key, {})
        label, value = str(fact.get("label", "")), str(fact.get("value", ""))
        if not (label and value):
            continue
        if english:
            asked = label in context.terms and all(t == label or t in context.frame for t in context.terms)
        else:
            named = rf"(?:どの|{WHAT_CALLED_JA}){re.escape(label)}|{re.escape(label)}(?=は|って|が|[?？]|$)"
            asked = re.search(named, question) is not None
        if asked:
            rows.append((kind, value))
    return rows


_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}")
#: An office in running text: a title, with the words that qualify it (副大統領, 神戸市長, 国鉄技師長), the country or
#: body's name before them too (ノルウェー外務副大臣, ソ連共産党中央委員会国際部長).
_OFFICE = (
    rf"(?:[{KATAKANA}]{{1,10}})?[{KANJI}]{{0,12}}?"
    rf"(?:{_TITLES}|参謀総長|総裁|技師長|議長|委員長|社長|会長|総長|部長|局長|所長)"
)
#: The words a question asks an office with: the person it names nearest to them is the one asked about.
_OFFICE_ASKED = re.compile(r"役職|立場|肩書|ポスト|地位|役割|\b(?:position|role|job|title|office|post)\b", re.I)
_KATAKANA_NAME = re.compile(r"[\u30a1-\u30fa\u30fc]{2,}(?:・[\u30a1-\u30fa\u30fc]{2,})*")


def _role_in_text(question: str, sentence: str, terms: Iterable[str]) -> Candidate | None:
    """The office a sentence gives the person a question asks about (「プーチンが首相だったとき」 → 首相).

    The person is one the question names (its katakana names, or an English question's Japanese terms): in
    Japanese the one nearest before the asking word (「…バイデンと会ったとき、プーチンの役職は」), in English the one
    nearest after it ("what position did Biden hold when he met Putin"). The office stands right after the name
    with が / は and だった / で, or right before or after it (ゼレンスキー大統領, 神戸市長の原口忠次郎).
    """
    asked = _OFFICE_ASKED.search(question)
    if asked is None:
        return None
    if language_of(question) == "ja":
        names = [m.group(0) for m in _KATAKANA_NAME.finditer(question[: asked.start()])][::-1]
    else:
        names = [t for t in terms if len(t) > 1]
    for name in names:
        quoted = re.escape(name)
        for pattern in (
            rf"{quoted}(?:氏)?(?:が|は|も)(?P<role>{_OFFICE})(?:で|だった|であった|として|を務め|に就任)",
            rf"{quoted}(?:氏)?(?P<role>{_OFFICE})(?![\u4e00-\u9fff])",
            # 国際部長のワレンチン・ファーリン: the given name may stand between
            rf"(?<![{_WORD_CHARS}])(?P<role>{_OFFICE})(?:の|である|、)?(?:[{KATAKANA}]+・)?{quoted}",
        ):
            if match := re.search(pattern, sentence):
                return Candidate(match.group("role"), "role", match.start("role"), match.end("role"), sentence)
    return None


_AMOUNTS = frozenset(["count", "quantity", "money", "percent"])
#: What stands after the value something changed from (66%から) and after the one it changed to (75%に).
_FROM = re.compile(r"から")
_TO = re.compile(r"に|まで|へ")


def _without_starting_values(pool: list[Candidate], question: str) -> list[Candidate]:
    """Of 「通常の66%から75%に引き上げた」, the value it became: an amount before から gives way to one before に.

    Unless the question asks from what (から, since): then the pool is left as it is, as it is for dates and names.
    """
    if SINCE.search(question):
        return pool
    if not any(c.type in _AMOUNTS and _TO.match(c.sentence, c.end) for c in pool):
        return pool
    return [c for c in pool if not (c.type in _AMOUNTS and _FROM.match(c.sentence, c.end))]


def _with_counter_asked(pool: list[Candidate], question: str) -> list[Candidate]:
    """Counts with the counter asked, when the sentence has any: 158か国 for "how many countries", not 2つ (機関)."""
    counter = asked_counter(question)
    if not counter or not any(c.type == "count" and counter in c.text for c in pool):
        return pool
    return [c for c in pool if c.type != "count" or counter in c.text]


def _with_unit_asked(pool: list[Candidate], question: str) -> list[Candidate]:
    """Quantities in a unit of the measure asked, when the sentence has any: "how heavy" → 約420キログラム."""
    units = asked_units(question)
    if not units or not any(c.type == "quantity" and c.text.endswith(units) for c in pool):
        return pool
    return [c for c in pool if c.type != "quantity" or c.text.endswith(units)]


def _as_bodies(candidates: list[Candidate], wanted: frozenset[SpanType]) -> list[Candidate]:
    """A question after a body, not a person ("which salvage company"): a name written like a person's is its name.

    スミット・サルベージ, ボスカリス(Boskalis): companies are named in katakana and Latin as people are.
    """
    if "org" not in wanted or "person" in wanted or any(_names_a_body(c) for c in candidates):
        # A body the sentence names in a body's shape (イギリス洞窟救助評議会) answers before the people it sent.
        return candidates
    return [c._replace(type="org") if c.type == "person" else c for c in candidates]


def _names_a_body(candidate: Candidate) -> bool:
    """An organisation by name, not the kind of one a name after it is (「海損精算事務所であるリチャーズ…」)."""
    return candidate.type == "org" and not _DESCRIBES.match(candidate.sentence, candidate.end)


def _without_affiliations(pool: list[Candidate]) -> list[Candidate]:
    """``pool`` without a body written before の when it holds a person: the body is the person's.

    「国務省のロシア語専門家であったチャールズ・ボーレン」 answers who with the person. So with a name before の and
    an office, when another person is named: 「ブリテン・ストロンガー・イン・ヨーロッパの議長は、元会長の
    スチュアート・ローズ」 (a body named in katakana as people are).
    """
    if not any(c.type == "person" for c in pool):
        return pool
    pool = [c for c in pool if not (c.type == "org" and c.sentence.startswith("の", c.end))]
    holders = [c for c in pool if c.type == "person" and not _OFFICE_OF.match(c.sentence, c.end)]
    return [c for c in pool if c.type != "person" or c in holders] if holders else pool


def _loanword_place(candidate: Candidate, english: Mapping[str, str]) -> bool:
    """Whether a "place" is a loanword before で: ツイッターで is "on Twitter", not somewhere.

    A katakana word the word list glosses (``english``: the article's Japanese forms read backwards) is a
    common word, unless the analyser knows it as a place name (ジュネーブ, シンガポール are glossed too).
    """
    return candidate.type == "place" and candidate.text in english and not is_place_name(candidate.text)


def _of_named_kind(candidate: Candidate, terms: Iterable[str]) -> bool:
    """Whether the span ends on a kind the question names ("which lake" → 湖: ジュネーブ湖)."""
    return any(candidate.text.endswith(term) for term in terms)


def _free_pairs(text: str, frame: list[str]) -> set[str]:
    """The letter pairs of ``text`` not lying wholly within occurrences of the frame's words."""
    covered = [False] * len(text)
    for word in frame:
        for match in re.finditer(re.escape(word), text):
            covered[match.start() : match.end()] = [True] * len(word)
    return {text[i : i + 2] for i in range(len(text) - 1) if not (covered[i] and covered[i + 1])}


#: A verb in its dictionary form, as the word list gives it: kanji, maybe kana, and a final u-row kana (書く, 務める).
_VERB = re.compile(r"[\u4e00-\u9fff]{1,2}[\u3041-\u3096]{0,2}[うくぐすつぬぶむる]")


def _verbs(question: str) -> list[str]:
    """The dictionary forms of a Japanese question's verbs (続いた → 続く); none for an English one."""
    if language_of(question) != "ja":
        return []
    return [m.dictionary_form() for m in morphemes(question) if m.part_of_speech()[0] == "動詞"]


def supported(candidate: Candidate, question: str, context: SpanContext) -> bool:
    """Whether the sentence holding the span shares a word with the question besides the span and the frame.

    A date or a count in a sentence that says nothing the question says is rarely the answer: the
    passage was the wrong one ("when did it arrive at Ryugu?" lit on the sentence about naming it).
    Latin words count whole (NATO, Ryugu), not by their letter pairs.
    """
    own_date = _own_date(context)
    if candidate.type == "date" and own_date and first_full_date(candidate.text) == own_date:
        if _ANOTHER_ONE.search(question):
            return False  # 「次の米露首脳会談はいつ」 asks for another summit's date than the article's own
        if context.subject:
            return True  # 「サミットはいつ？」 asks for its own date, in a sentence naming it otherwise (首脳会談)
    kinds = [*(term for term in context.terms if term not in context.frame), *named_kinds(question)]
    if _of_named_kind(candidate, kinds) or (candidate.type, candidate.text) in _infobox_rows_asked(question, context):
        return True  # the kind asked, or the infobox row asked (会場 → ヴィララグランジ), says what the span is
    written = candidate.sentence[: candidate.start] + " " + candidate.sentence[candidate.end :]
    stems = [term[:-1] for term in kinds if _VERB.fullmatch(term)]
    if any(re.search(rf"{re.escape(stem)}[\u3041-\u3096]", written) for stem in stems):
        return True  # an English question's verb, looked up in its dictionary form (書く), conjugated (書いた)
    if any(len(cue) == 1 and cue in written for cue in verb_cues(question)):
        return True  # "how long did the talks last": 続き written (a cue of one kanji, no letter pair to match)
    own = [verb[:-1] for verb in _verbs(question) if _VERB.fullmatch(verb)]
    if any(re.search(rf"{re.escape(stem)}(?![のをにがはでともへや])[\u3041-\u3096]", written) for stem in own):
        return True  # a Japanese question's verb conjugated otherwise (続いた asked, 続き written; not 上空の for 空く)
    said = question if language_of(question) == "ja" else " ".join(context.terms)
    if shares_synonym(said, written, ignore=context.frame):
        return True  # a word of the question said in a synonym (死んだ asked, 死亡した written)
    outside = fold(written)
    frame = [fold(word) for word in context.frame]
    variants = with_variants(question)  # 外相 is said by a sentence that writes 外務大臣
    folded = fold(variants)
    terms = [*context.terms, *(v for t in context.terms if (v := with_variants(t)) != t)]  # ソビエト: ソ連 too
    japanese = {key for key in question_keys(variants, terms) if not key.isascii()}
    # The frame's words support nothing, nor do letter pairs across two of them (東海道|新幹線 gives 道新); a pair
    # leading out of one into the question's own words (関門|橋) does.
    asked = _free_pairs(folded, frame)
    keys = {k for k in japanese if not any(k in word for word in frame) and (k in asked or k not in folded)}
    if keys:
        outside_pairs = _free_pairs(outside, frame)
        if any(key in outside_pairs if len(key) == 2 else key in outside for key in keys):
            return True  # a pair of the question's letters, or a word of one kanji (軍 asked, ソ連軍 written)
    elif any(key in outside for key in japanese):  # a question made only of the frame's words (「打ち上げ」)
        return True
    # A Latin word counts where the sentence uses it, not where it quotes or glosses a name: 「Ryugu」を選んだ,
    # (英語: Hayabusa2) name the thing, they say nothing about it.
    used = without_glosses(outside)
    words = {fold(w) for w in _LATIN.findall(question)}
    return any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", used) for w in words)


def _next_markers(text: str, position: int) -> tuple[int, ...]:
    """The first run of footnote markers after ``position`` in the same line: a sentence without its own is cited so."""
    line_end = text.find("\n", position)
    rest = text[position : line_end if line_end >= 0 else len(text)]
    first = FOOTNOTE.search(rest)
    if first is None:
        return ()
    run = re.match(r"(?:\s*\[\d{1,3}\])+", rest[first.start() :])
    return footnotes_in(run.group(0)) if run else ()


def _citations(candidate: Candidate, highlight: str, passage: str) -> tuple[int, ...]:
    """The footnotes of the sentence or list line holding the span."""
    units = [highlight, *passage.split("\n"), *split_sentences(passage)]
    unit = next((u for u in units if candidate.text in strip_footnotes(u)), highlight)
    at = passage.find(unit)
    return footnotes_in(unit) or (_next_markers(passage, at + len(unit)) if at >= 0 else ())


def _capitalised(words: str) -> str:
    """Each word with a capital: the word list's "geneva" as a name, Geneva."""
    return " ".join(w[:1].upper() + w[1:] for w in words.split())


def _in_parts(text: str, separator: str, joiner: str, english: Mapping[str, str]) -> str | None:
    """``text`` split at ``separator``, each part in its English capitalised, joined; ``None`` if a part is unknown."""
    parts = text.split(separator)
    if not all(part in english for part in parts):
        return None
    return joiner.join(_capitalised(english[part]) for part in parts)


def display_of(candidate: Candidate, english: Mapping[str, str]) -> str:
    """The span for an English reader; the Japanese as written when no exact English is known.

    Dates, durations and numbers are converted exactly; names take the Latin spelling the sentence gives
    them in brackets (ノリエル・アラウス(Noriel Arauz)), else the English word whose first Japanese form they
    are in the word list (ジュネーブ → Geneva); Latin spans stay as they are.
    """
    converted: str | None = None
    if candidate.type in {"date", "time"} or (candidate.english and candidate.type in _NAMES):
        converted = candidate.english
    elif candidate.english:
        converted = candidate.english  # a range of amounts (約60秒から75秒): both ends rendered
    elif candidate.type == "duration":
        converted = english_duration(candidate.text)
    elif candidate.type in {"count", "quantity", "money", "percent"}:
        converted = english_quantity(candidate.text)
    elif candidate.type == "person" and (people := _in_parts(candidate.text, "と", " and ", english)):
        # One person, or a pair (``_as_pair``): ブリンケンとラブロフ → Blinken and Lavrov.
        converted = people
    elif candidate.text in english:
        word = english[candidate.text]
        converted = word if candidate.type == "role" else _capitalised(word)
    elif candidate.type in {"place", "org"} and "・" in candidate.text:
        # A name of loanwords is their English, part by part: ホテル・インペリアル → Hotel Imperial.
        converted = _in_parts(candidate.text, "・", " ", english)
    return converted or candidate.text


def find_short(
    question: str, *, asked: Iterable[AnswerType], highlight: str, passage: str, context: SpanContext
) -> Short | None:
    """The short span that answers a factoid question, in the asker's language, or ``None`` when unsure.

    Args:
        question: the cleaned question.
        asked: its answer types (``features.asked_types``).
        highlight: the sentence that answers, footnote markers kept.
        passage: the whole passage the sentence stands in.
        context: the document's facts, English names, the question's Japanese terms and the passage's section.

    Returns:
        ``Short`` with the span as the article writes it, its display and type, and its footnotes.

    """
    if WHY_ASKED.search(question):
        return None  # 「なぜジュネーブが開催地に選ばれたのか」 asks for a cause, which no span is
    wanted = wanted_types(question, asked)
    sole = bool(wanted) and not wanted_types(question, asked, kind_nouns=False)
    chosen = _pick(question, wanted, highlight, passage, context, sole=sole) if wanted else None
    if chosen is None or not supported(chosen, question, context):
        return None
    display = chosen.text if language_of(question) == "ja" else display_of(chosen, context.english)
    return Short(chosen.text, display, chosen.type, _citations(chosen, highlight, passage))
