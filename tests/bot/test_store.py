import sqlite3
import threading
import time

import pytest

from bot.store import MIGRATIONS, SCHEMA_VERSION, Store
from retrieval.types import Answer, Citation, Passage


def _answer(question="Where was the summit?", answered=True):
    passage = Passage("Venue", "The summit was at Villa La Grange.", "The summit was at Villa La Grange.",
                      (Citation(3, "ref three"),), 0.9, "Summit")  # fmt: skip
    return Answer(question, answered, (passage,), "" if answered else "not covered")


def test_an_answer_comes_back_as_it_was_stored(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    answer_id = store.record(_answer(), locale="ja", owner=42)
    stored = store.load(answer_id)
    assert stored.answer == _answer()
    assert stored.locale == "ja"
    assert stored.owner == store.person(42)


def test_the_database_is_in_wal_mode_with_the_schema_version(tmp_path):
    Store(tmp_path / "s.sqlite3")
    db = sqlite3.connect(tmp_path / "s.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_message_finds_its_answer(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    answer_id = store.record(_answer(), locale="en", owner=1)
    store.attach_message(answer_id, 777)
    assert store.by_message(777).id == answer_id
    assert store.by_message(778) is None


def test_old_state_expires(tmp_path):
    store = Store(tmp_path / "s.sqlite3", state_days=1)
    answer_id = store.record(_answer(), locale="en", owner=1)
    with sqlite3.connect(tmp_path / "s.sqlite3") as db:
        db.execute("UPDATE answers SET created = ?", (time.time() - 2 * 86400,))
    assert store.load(answer_id) is None
    assert store.load("nosuchanswer") is None


def test_one_vote_per_person_per_answer_the_last_one_counts(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    answer_id = store.record(_answer(), locale="en", owner=1)
    assert store.vote(answer_id, 5, 1)
    assert store.vote(answer_id, 5, 1)
    assert store.votes(answer_id) == (1, 0)
    store.vote(answer_id, 5, -1)
    store.vote(answer_id, 6, 1)
    assert store.votes(answer_id) == (1, 1)
    assert not store.vote("unknown", 5, 1)
    with pytest.raises(ValueError):
        store.vote(answer_id, 5, 2)


def test_no_user_id_in_clear_in_the_file(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    user = 900000000000001234
    store.vote(store.record(_answer(), locale="en", owner=user), user, 1)
    with sqlite3.connect(tmp_path / "s.sqlite3") as db:
        dump = "\n".join(db.iterdump())
    assert str(user) not in dump


def test_stats_count_questions_votes_and_the_most_asked_refused(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    ok = store.record(_answer(), locale="en", owner=1)
    for _ in range(3):
        store.record(_answer("What did Biden eat?", answered=False), locale="en", owner=2)
    store.record(_answer("what did biden eat?", answered=False), locale="en", owner=3)
    store.record(_answer("Weather?", answered=False), locale="en", owner=3)
    store.vote(ok, 1, 1)
    store.vote(ok, 2, -1)
    stats = store.stats()
    assert (stats.questions, stats.answered, stats.refused, stats.up, stats.down) == (6, 1, 5, 1, 1)
    assert stats.top_refused[0][1] == 4
    assert stats.top_refused[1] == ("Weather?", 1)


def test_export_since_a_time(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    first = store.record(_answer("old"), locale="en", owner=1)
    with sqlite3.connect(tmp_path / "s.sqlite3") as db:
        db.execute("UPDATE answers SET created = 1000 WHERE id = ?", (first,))
    new = store.record(_answer("new"), locale="ja", owner=1)
    store.vote(new, 9, 1)
    rows = store.export(since=2000)
    assert [r["question"] for r in rows] == ["new"]
    assert rows[0]["up"] == 1 and rows[0]["passages"][0]["section"] == "Venue"
    assert len(store.export()) == 2


def test_concurrent_writes_from_threads_lose_nothing(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    answer_id = store.record(_answer(), locale="en", owner=1)
    errors = []

    def work(worker):
        try:
            for i in range(25):
                store.record(_answer(f"q{worker}-{i}"), locale="en", owner=worker)
                store.vote(answer_id, worker * 1000 + i, 1)
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.votes(answer_id) == (200, 0)
    assert store.stats().questions == 201


def test_a_version_1_database_is_migrated_without_loss(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(MIGRATIONS[0])
        db.execute("PRAGMA user_version=1")
        db.execute("INSERT INTO meta VALUES ('salt', 'oldsalt')")
        db.execute(
            "INSERT INTO answers VALUES ('abc', ?, 'Where?', 'en', 1, ?)",
            (time.time(), '[{"section": "Venue", "text": "t", "highlight": "t", "citations": [], "score": 0.5}]'),
        )
        db.execute("INSERT INTO votes VALUES ('abc', 'someone', 1, ?)", (time.time(),))
    store = Store(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    old = store.load("abc")
    assert old.answer.question == "Where?" and old.answer.passages[0].section == "Venue"
    assert old.owner is None
    assert store.votes("abc") == (1, 0)
    assert store.person(1) == Store(path).person(1)  # the salt survived
    store.attach_message("abc", 5)
    assert store.by_message(5).id == "abc"


def test_a_newer_database_is_refused(tmp_path):
    path = tmp_path / "new.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(RuntimeError, match="schema version"):
        Store(path)


def test_feedback_command_exports_json_since_a_date(tmp_path):
    import json

    from click.testing import CliRunner

    from bot.cli import main

    store = Store(tmp_path / "summit.sqlite3")
    old = store.record(_answer("old question"), locale="en", owner=1)
    with sqlite3.connect(tmp_path / "summit.sqlite3") as db:
        db.execute("UPDATE answers SET created = 0 WHERE id = ?", (old,))
    store.vote(store.record(_answer("新しい質問"), locale="ja", owner=1), 7, -1)
    env = {"SUMMIT_DATA_DIR": str(tmp_path)}
    result = CliRunner().invoke(main, ["feedback", "--json", "--since", "2000-01-01"], env=env)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["question"], r["down"]) for r in rows] == [("新しい質問", 1)]
    plain = CliRunner().invoke(main, ["feedback"], env=env)
    assert "old question" in plain.stdout and "-1" in plain.stdout
    bad = CliRunner().invoke(main, ["feedback", "--since", "yesterday"], env=env)
    assert bad.exit_code == 2
