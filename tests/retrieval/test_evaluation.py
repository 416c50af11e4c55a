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


def test_the_suite_reports_each_set_as_it_finishes_and_skips_a_missing_file(tmp_path):
    import json

    from retrieval.answering import Answerer, AnswerPolicy
    from retrieval.evaluation import evaluate_suite, render_suite, suite_header, suite_rows
    from retrieval.generations import IndexManager
    from retrieval.store import ChromaStore
    from tests.conftest import CORPUS_DIR, FakeEmbedder

    store, embedder = ChromaStore.in_memory(), FakeEmbedder()
    manager = IndexManager(store, embedder, corpus_dir=CORPUS_DIR, state_dir=tmp_path / "state")
    answerer = Answerer(manager=manager, store=store, embedder=embedder, policy=AnswerPolicy(refusal_threshold=0.3))
    rows = [{"id": "a", "lang": "ja", "q": "ジュネーブ湖を見下ろす建物はどこ", "answer_any": ["ジュネーブ湖"]},
            {"id": "b", "lang": "en", "q": "What did they eat?", "negative": True}]  # fmt: skip
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    second.write_text(json.dumps(rows[0], ensure_ascii=False), encoding="utf-8")
    sets = (EvalSet("first", first), EvalSet("gone", tmp_path / "gone.jsonl"), EvalSet("second", second))
    seen: list[str] = []
    reports = evaluate_suite(lambda articles: answerer, sets, on_report=lambda name, report: seen.append(name))
    assert seen == list(reports) == ["first", "second"]
    assert reports["first"]["summary"]["ja"]["n"] == 1
    assert reports["first"]["summary"]["en"]["n"] == 1
    whole = render_suite(reports, misses=False)
    streamed = "\n".join([suite_header(), *(suite_rows(n, r) for n, r in reports.items())])
    assert whole.startswith(streamed)
    assert render_suite(reports, misses=False, table=False) == whole[len(streamed) :].lstrip("\n")


def test_a_bad_line_of_a_question_file_is_named_and_skipped_and_the_rest_is_read(tmp_path, caplog):
    import pytest

    from config.errors import EvalFileError
    from retrieval.evaluation import read_questions

    lines = [
        '{"id": "a", "lang": "ja", "q": "会場はどこ", "answer_any": ["ヴィララグランジ"]}',
        "not json",
        "[1, 2]",
        '{"lang": "xx", "q": "x", "negative": true}',
        '{"lang": "en", "q": "where?", "answer_any": "ヴィラ"}',  # a string, not a list: no letter-by-letter hits
        '{"lang": "en", "q": "where?"}',
        "[" * 100_000,
        '{"id": "b", "lang": "en", "q": "What did they eat?", "negative": true}',
    ]
    path = tmp_path / "q.jsonl"
    path.write_bytes("\ufeff".encode() + "\n".join(lines).encode())  # a byte-order mark too
    rows = read_questions(path)
    assert [r["id"] for r in rows] == ["a", "b"]
    assert [f"q.jsonl:{n}" in caplog.text for n in (2, 3, 4, 5, 6, 7)] == [True] * 6
    path.write_bytes(b"\xff\xfe{")
    with pytest.raises(EvalFileError, match="not UTF-8"):
        read_questions(path)
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match="no usable row"):
        read_questions(path)


def test_a_file_none_of_whose_questions_can_be_asked_is_an_error(tmp_path):
    import json

    import pytest

    from config.errors import EvalFileError
    from retrieval.answering import Answerer
    from retrieval.evaluation import evaluate_file
    from retrieval.generations import IndexManager
    from retrieval.store import ChromaStore
    from tests.conftest import CORPUS_DIR, FakeEmbedder

    store, embedder = ChromaStore.in_memory(), FakeEmbedder()
    manager = IndexManager(store, embedder, corpus_dir=CORPUS_DIR, state_dir=tmp_path / "state")
    answerer = Answerer(manager=manager, store=store, embedder=embedder)
    rows = [{"lang": "en", "q": "   ", "negative": True}, {"lang": "ja", "q": "x" * 3000, "negative": True}]
    path = tmp_path / "unaskable.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    with pytest.raises(EvalFileError, match="none of its questions can be asked"):
        evaluate_file(answerer, path)
    path.write_text(json.dumps({"lang": "en", "q": "What did they eat?", "negative": True}), encoding="utf-8")
    assert evaluate_file(answerer, path)["summary"]["en"]["n"] == 1
