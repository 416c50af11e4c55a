"""The thing a question asks to name ("which hotel", "the name of the pilot"), and whether an article speaks of it."""

from __future__ import annotations

import re

import simplemma

from retrieval.coverage import KIND_NOUNS_JA, synonym_used
from retrieval.lexical import fold
from retrieval.morphology import morphemes
from retrieval.question import FUNCTION_WORDS, WHAT_CALLED_JA, language_of
from retrieval.translation import is_listed, terms_for

#: Where an English question names the kind of thing it asks for: after which / what (past "kind of"), after
#: "what was the", after "name of the". That word and the next, up to the first small word, are its phrase.
_ASKED = re.compile(
    r"""
    \bwhat(?:['’]s|\s+(?:is|was|were|are))\s+(?:the\s+)?(?!names?\s+of\b)(?P<the>[a-z]+)
  | \b(?:which|what)\s+(?:(?:kind|type|sort)\s+of\s+)?(?P<which>[a-z]+)
  | \bnames?\s+of\s+(?:the\s+|his\s+|her\s+|their\s+|its\s+)?(?P<name>[a-z]+)
  | \bwho\s+(?:was|were|is|are)\s+(?:the\s+|his\s+|her\s+|their\s+|[a-z]+['’]s\s+)(?P<who>[a-z]+)
    """,
    re.IGNORECASE | re.VERBOSE,
)

#: "Who interpreted for Biden": the deed of the person asked for, done for someone.
_DONE_FOR = re.compile(r"\bwho\s+(?P<did>[a-z]+ed)\s+for\b", re.IGNORECASE)

#: What a "what did they … for / on the …" question asks for: what they had for *lunch*, what was on the *menu*.
_ASKED_FOR = re.compile(
    r"^what\s+(?:did|do|does|was|were|is)\b[^?]*?\b(?:for|on\s+the)\s+(?P<for>[a-z]+)", re.IGNORECASE
)

#: Words that end the phrase: English function words (pronouns, determiners, prepositions, verbs of asking), and
#: those that say when or how rather than what (before, during, like, happened).
_SMALL = FUNCTION_WORDS | {"after", "before", "during", "else", "happen", "happened", "happens", "like", "us"}

#: Kinds of thing an article names without the kind's word: a city by its name, a job by its title, a number.
_KINDS = frozenset(
    [
        "name", "names", "time", "times", "day", "days", "date", "dates", "year", "years", "month", "months",
        "hour", "hours", "minute", "minutes", "kind", "type", "sort", "way", "ways", "part", "parts", "thing",
        "things", "reason", "reasons", "purpose", "result", "results", "outcome", "number", "numbers", "amount",
        "figure", "share", "rate", "percentage", "percent", "proportion", "city", "cities", "town", "towns",
        "country", "countries", "place", "places", "location", "area", "region", "person", "people", "man",
        "men", "woman", "women", "animal", "job", "jobs", "role", "roles", "position", "positions", "title",
        "titles", "post", "office", "group", "groups", "organisation", "organization", "team", "teams", "side",
        "event", "events", "word", "words", "message", "first", "last", "main", "final", "total", "company",
        "companies", "firm", "firms", "outfit", "business", "corporation", "subject", "subjects", "topic",
        "topics", "issue", "issues", "matter", "matters", "capacity", "body", "politician", "politicians",
        "official", "officials", "head", "chief", "boss", "officer", "officers"
    ]
)  # fmt: skip


def _verb_like(word: str) -> bool:
    """A past tense or other inflected verb ("built", "decided"), which ends the thing named before it."""
    return not word.endswith("s") and simplemma.lemmatize(word, lang="en") != word


def _adverb_like(word: str) -> bool:
    """An adverb made with -ly from a known word ("actually", "exactly"): "what actually killed" asks no thing."""
    return len(word) > 4 and word.endswith("ly") and simplemma.is_known(word[:-2], lang="en")


def _phrase_at(question: str, start: int) -> list[str]:
    """The one or two known English words from ``start``, up to a small word, a verb or an adverb."""
    phrase: list[str] = []
    for word in re.findall(r"[A-Za-z]+", question[start:]):
        lower = word.lower()
        if (
            lower in _SMALL
            or _verb_like(lower)
            or _adverb_like(lower)
            or not simplemma.is_known(lower, lang="en")
            or len(phrase) == 2
        ):
            break
        phrase.append(word)
    return phrase


def asked_nouns(question: str) -> list[str]:
    """The things an English question asks to be named, in lower case, in order, once each.

    A thing is the one or two words after ``_ASKED`` (which hotel, what wind speed, who was the interpreter), up
    to a small word or a verb; its last word is its head. "Who interpreted for…" asks after the deed (interpret).
    A phrase holding a kind (``_KINDS``: which Swiss city, the total time, who was the head of) and a capitalised
    head (a name) are left out.
    """
    found: list[str] = []
    for match in [*_ASKED.finditer(question), *_ASKED_FOR.finditer(question), *_DONE_FOR.finditer(question)]:
        group = next(name for name, value in match.groupdict().items() if value)
        if group == "did":  # the deed itself, as the dictionary lists it: interpreted → interpret
            phrase = [simplemma.lemmatize(match.group(group).lower(), lang="en")]
        else:
            phrase = _phrase_at(question, match.start(group))
        if not phrase:
            continue
        if len(phrase) > 1 and phrase[-1].lower() in ("name", "names"):
            phrase.pop()  # "the interpreters' names"
        head = phrase[-1]
        if any(w.lower() in _KINDS for w in phrase) or (head[0].isupper() and match.start(group) > 0):
            continue  # "the total time", "which Swiss city"; a name
        asked = " ".join(phrase).lower()
        if asked not in found:
            found.append(asked)
    return found


#: Where a Japanese question names the kind of thing it asks for: after どこの / どの / 何の / 何という
#: (どこのホテル, 何の木; not どんな, which asks for a description), before の名前 (小学校の名前), as the
#: topic it ends on (ランチのメニューは?), as the work done by the person asked for (通訳をしたのは誰,
#: 通訳は誰がやった), as the people it asks to count (通訳が何人; not 定員は何人, a capacity), or as the thing whose
#: identity the question ends by asking where (泊まったホテルはどこ: which hotel).
_ASKED_JA = re.compile(
    rf"""
    (?:どこの|どの|何の|なんの|{WHAT_CALLED_JA})(?P<after>[\u30a1-\u30fa\u30fc\u4e00-\u9fff々]+)
  | (?P<before>[\u30a1-\u30fa\u30fc\u4e00-\u9fff々]+)の名前
  | (?P<topic>[\u30a1-\u30fa\u30fc\u4e00-\u9fff々]+)(?:は|って)\s*[?？]?\s*$
  | (?P<did>[\u30a1-\u30fa\u30fc\u4e00-\u9fff々]+)を(?:担当)?し(?:た|ていた)(?:の|人|人物)(?:は|って)(?:誰|だれ)
  | (?P<who>[\u30a1-\u30fa\u30fc\u4e00-\u9fff々]+)(?:は|って)(?:誰|だれ)が
  | (?P<count>[\u30a1-\u30fa\u30fc\u4e00-\u9fff々]+)が何(?:人|名)
  | (?P<where>[\u30a1-\u30fa\u30fc\u4e00-\u9fff々]+)(?:は|って)(?:どこ|どちら)
    (?:だった|でした|ですか|なの|だ)?\s*[?？]?\s*$
    """,
    re.VERBOSE,
)


def asked_nouns_ja(question: str) -> list[str]:
    """The common nouns a Japanese question asks to be named (``_ASKED_JA``): the last of each phrase, kinds aside."""
    found: list[str] = []
    for match in _ASKED_JA.finditer(question):
        phrase = next(g for g in match.groups() if g)
        nouns = [m for m in morphemes(phrase) if tuple(m.part_of_speech()[:2]) == ("名詞", "普通名詞")]
        if not nouns or nouns[-1].surface() != phrase[len(phrase) - len(nouns[-1].surface()) :]:
            continue  # the phrase does not end on a common noun (a name, a verb)
        head = nouns[-1].surface()
        if len(head) >= 2 and head not in KIND_NOUNS_JA and head not in found:
            found.append(head)
    return found


def absent_asked(
    question: str, document: str, lexicon: dict[str, tuple[str, ...]], vocabulary: frozenset[str] = frozenset()
) -> list[str]:
    """The things ``question`` asks to name that ``document`` (folded text) never speaks of: which hotel, どこのホテル.

    An English thing is absent when the word list has its head and none of the Japanese words
    ``lexicon`` gives for it or its head is in the document (a word the list lacks may be there in
    words it cannot look up); a Japanese one when the document does not hold it and the corpus's ``vocabulary``
    holds none of its synonyms (a 医者 the article calls 医師).
    """
    if language_of(question) == "ja":
        return [
            noun
            for noun in asked_nouns_ja(question)
            if fold(noun) not in document and not synonym_used(noun, vocabulary)
        ]
    absent = []
    for asked in asked_nouns(question):
        *modifiers, head = asked.split()
        # "launch pad": the list has "launching pad"; the launch the document speaks of says it is there.
        terms = [
            *terms_for(asked, lexicon),
            *terms_for(head, lexicon),
            *(t for m in modifiers for t in terms_for(m, lexicon)),
        ]
        if is_listed(head) and not any(fold(term) in document for term in terms):
            absent.append(asked)
    return absent


#: Letters and a number written as one word name one thing: G7, COP26, U-2, N700S, KY26. A long word with a
#: number (hayabusa2, はやぶさ2 in the article) is a name read by its sound. A plural "s" is not part of it (R-12s).
_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{1,4}-?\d{1,4}[A-Za-z]?(?<!s)(?![A-Za-z0-9])")
#: Chemical formulas the article writes in words (CO2: 二酸化炭素), and chat for "before".
_NOT_CODES = frozenset({"b4", "co2", "h2o", "ch4", "n2o", "no2", "so2", "o3", "h2", "o2", "pm2", "pm10"})


def absent_codes(question: str, document: str) -> list[str]:
    """The codes ``question`` writes (G7, COP26) that ``document`` (folded text) never does, as written.

    "How long did the G7 summit last?" asked of the Geneva summit's article is not about it, however well the
    rest of the question matches.
    """
    codes = [m.group(0) for m in _CODE.finditer(question) if m.group(0).lower() not in _NOT_CODES]
    if not codes:
        return []
    unhyphenated = document.replace("-", "").replace("‐", "")  # U2 and U-2 are one aircraft
    return [code for code in dict.fromkeys(codes) if fold(code).replace("-", "") not in unhyphenated]
