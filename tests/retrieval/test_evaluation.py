from pathlib import Path

from retrieval.evaluation import SUITE, EvalSet, together


def test_together_asks_every_set_of_one_corpus_with_all_the_articles():
    sets = (
        EvalSet("summit", Path("a.jsonl")),
        EvalSet("bridge", Path("b.jsonl"), (Path("bridge.ja.txt"),)),
        EvalSet("probe", Path("c.jsonl"), (Path("probe.ja.txt"), Path("bridge.ja.txt"))),
    )
    joined = together(sets)
    assert [s.name for s in joined] == ["summit", "bridge", "probe"]
    assert [s.path for s in joined] == [s.path for s in sets]
    assert {s.articles for s in joined} == {(Path("bridge.ja.txt"), Path("probe.ja.txt"))}


def test_the_kept_suite_together_holds_each_of_its_articles_once():
    articles = {a for s in SUITE for a in s.articles}
    assert len(articles) >= 4
    assert all(sorted(s.articles) == sorted(articles) for s in together(SUITE))
