"""Build retrieval/data/en_ja_lexicon.tsv: English words mapped to the article's Japanese words, from JMdict.

Run once after editing the corpus (`make lexicon`); needs the dev extra (jamdict, jamdict-data).
JMdict is © the Electronic Dictionary Research and Development Group, CC BY-SA 3.0
(see retrieval/data/JMDICT-LICENSE.md).
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus import load_corpus  # noqa: E402

_PAREN = re.compile(r"\([^)]*\)")
_LEADING = re.compile(r"^(?:to|a|an|the) ")
_KATAKANA = re.compile(r"[\u30a0-\u30ff]+")
_MIN_KANA = 3
_MAX_GLOSS_WORDS = 3
_MAX_SENSES = 3
_FORMS_PER_KEY = 4


def _article_text(corpus_dir: Path) -> str:
    parts = []
    for document in load_corpus(corpus_dir).documents:
        article = document.article
        parts.append(article.title)
        parts.extend(p.text for s in article.sections for p in s.paragraphs)
        parts.extend(s.path[-1] for s in article.sections)
    return "\n".join(parts)


def _usable(form: str, table: str) -> bool:
    # Hiragana-only words match inside longer words too often (かし in しかし): keep kanji
    # forms and katakana loanwords only.
    if table == "Kanji":
        return True
    return len(form) >= _MIN_KANA and bool(_KATAKANA.fullmatch(form))


def _keys(gloss: str) -> list[str]:
    text = _LEADING.sub("", _PAREN.sub("", gloss).strip().lower()).strip(" .;")
    if not text or len(text.split()) > _MAX_GLOSS_WORDS:
        return []
    return [text]


def build(db: Path, corpus_dir: Path) -> dict[str, list[str]]:
    """Map each English gloss to the article's words that JMdict translates it by, best first."""
    text = _article_text(corpus_dir)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    forms: dict[int, list[tuple[str, bool]]] = defaultdict(list)
    for table, prio in (("Kanji", "KJP"), ("Kana", "KNP")):
        rows = con.execute(f"SELECT k.idseq, k.text, EXISTS(SELECT 1 FROM {prio} p WHERE p.kid = k.ID) FROM {table} k")  # noqa: S608
        for idseq, form, has_prio in rows:
            if form and _usable(form, table) and form in text:
                forms[idseq].append((form, bool(has_prio)))
    candidates: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    senses: dict[int, int] = defaultdict(int)
    query = (
        "SELECT s.idseq, s.ID, g.text FROM Sense s JOIN SenseGloss g ON g.sid = s.ID WHERE g.lang = 'eng' ORDER BY s.ID"
    )
    last_sense: dict[int, int] = {}
    for idseq, sid, gloss in con.execute(query):
        if idseq not in forms:
            continue
        if last_sense.get(idseq) != sid:
            last_sense[idseq] = sid
            senses[idseq] += 1
        rank = senses[idseq]
        if rank > _MAX_SENSES:
            continue
        for key in _keys(gloss):
            for form, has_prio in forms[idseq]:
                # Earlier senses, dictionary-priority words and longer (more specific) words first.
                candidates[key].append((rank * 2 - has_prio, -len(form), form))
    lexicon: dict[str, list[str]] = {}
    for key, found in candidates.items():
        ordered: list[str] = []
        for _, _, form in sorted(found):
            if form not in ordered:
                ordered.append(form)
        lexicon[key] = ordered[:_FORMS_PER_KEY]
    return lexicon


def main() -> None:
    """Write the lexicon file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--out", type=Path, default=ROOT / "retrieval" / "data" / "en_ja_lexicon.tsv")
    args = parser.parse_args()
    from jamdict_data import JAMDICT_DB_PATH

    lexicon = build(Path(JAMDICT_DB_PATH), args.corpus)
    lines = [f"{key}\t{'|'.join(forms)}" for key, forms in sorted(lexicon.items())]
    header = "# English gloss -> Japanese words of the corpus. Derived from JMdict (EDRDG, CC BY-SA 3.0).\n"
    args.out.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} entries to {args.out}")


if __name__ == "__main__":
    main()
