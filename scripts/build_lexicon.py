"""Build retrieval/data/en_ja_jmdict.tsv.gz: English glosses mapped to Japanese words, from all of JMdict.

Run once when the dictionary changes (`make lexicon`; needs the `lexicon` extra: jamdict, jamdict-data).
The list covers the whole dictionary, not one article: the index cuts it down to the corpus's own
vocabulary each time it is built (retrieval/translation.py), so any Japanese article added to
corpus/ gets English questions answered.
JMdict is © the Electronic Dictionary Research and Development Group, CC BY-SA 3.0
(see retrieval/data/JMDICT-LICENSE.md).
"""

from __future__ import annotations

import argparse
import gzip
import re
import sqlite3
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_PAREN = re.compile(r"\([^)]*\)")
_LEADING = re.compile(r"^(?:to|a|an|the) ")
_KATAKANA = re.compile(r"[\u30a0-\u30ff]+")
_MIN_KANA = 3
_MAX_GLOSS_WORDS = 3
_MAX_SENSES = 3
_FORMS_PER_KEY = 12


def _usable(form: str, table: str) -> bool:
    # Hiragana-only words match inside longer words too often (かし in しかし): keep kanji
    # forms and katakana loanwords only.
    if table == "Kanji":
        return True
    return len(form) >= _MIN_KANA and bool(_KATAKANA.fullmatch(form))


def _keys(gloss: str) -> list[str]:
    text = _LEADING.sub("", _PAREN.sub("", gloss).strip().lower()).strip(" .;")
    if not text or len(text.split()) > _MAX_GLOSS_WORDS or "\t" in text:
        return []
    return [text]


def build(db: Path) -> dict[str, list[str]]:
    """Map each English gloss to the Japanese words JMdict translates it by, best first."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    forms: dict[int, list[tuple[str, bool]]] = defaultdict(list)
    for table, prio in (("Kanji", "KJP"), ("Kana", "KNP")):
        rows = con.execute(f"SELECT k.idseq, k.text, EXISTS(SELECT 1 FROM {prio} p WHERE p.kid = k.ID) FROM {table} k")  # noqa: S608
        for idseq, form, has_prio in rows:
            if form and _usable(form, table):
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
    parser.add_argument("--out", type=Path, default=ROOT / "retrieval" / "data" / "en_ja_jmdict.tsv.gz")
    args = parser.parse_args()
    from jamdict_data import JAMDICT_DB_PATH

    lexicon = build(Path(JAMDICT_DB_PATH))
    lines = [f"{key}\t{'|'.join(forms)}" for key, forms in sorted(lexicon.items())]
    header = "# English gloss -> Japanese words, best first. Derived from JMdict (EDRDG, CC BY-SA 3.0).\n"
    # mtime=0: the same dictionary gives the same bytes, so the file's hash versions the list.
    with gzip.GzipFile(args.out, "wb", mtime=0) as handle:
        handle.write((header + "\n".join(lines) + "\n").encode("utf-8"))
    print(f"wrote {len(lines)} entries to {args.out}")


if __name__ == "__main__":
    main()
