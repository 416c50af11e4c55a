"""Index generations on a real chroma directory: switching, retiring, leftovers, damage, an emptied corpus."""

import logging
import re
import shutil

import pytest

from config.errors import IndexBuildError, ReferenceNotFoundError
from retrieval._build import collection_names, write_generation
from retrieval.answering import Answerer, AnswerPolicy
from retrieval.generations import IndexManager
from retrieval.store import ChromaStore
from tests.conftest import AKASHI_PATH, ARTICLE_PATH, FakeEmbedder, corpus_of

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.fixture
def corpus_dir(tmp_path):
    return corpus_of(tmp_path / "corpus")


def open_answerer(chroma, corpus_dir, *, grace=0.0):
    """What one process builds: its own store client on the shared directory, its own manager."""
    store = ChromaStore.persistent(chroma)
    embedder = FakeEmbedder()
    manager = IndexManager(store, embedder, corpus_dir=corpus_dir, state_dir=chroma, grace_seconds=grace)
    return Answerer(manager=manager, store=store, embedder=embedder, policy=AnswerPolicy(refusal_threshold=0.3))


def ours(store):
    return sorted(name for name in store.collections() if name.startswith("summit-"))


def test_a_running_answerer_switches_to_each_new_generation_and_keeps_answering(tmp_path, corpus_dir):
    chroma = tmp_path / "chroma"
    reader = open_answerer(chroma, corpus_dir)
    first = reader.index.generation
    assert reader.answer("ジュネーブ湖を見下ろす建物").passages
    writer = open_answerer(chroma, corpus_dir)
    seen = [first]
    for _ in range(2):
        writer.reindex()
        assert reader.answer("ジュネーブ湖を見下ろす建物").answered
        seen.append(reader.index.generation)
        assert seen[-1] == writer.index.generation
    assert len(set(seen)) == 3
    assert ours(writer.manager.store) == sorted(collection_names(seen[-1]))


def test_loading_never_deletes_and_a_replaced_generation_stays_through_the_grace_period(tmp_path, corpus_dir):
    chroma = tmp_path / "chroma"
    first = open_answerer(chroma, corpus_dir)
    old = first.index.generation
    second = open_answerer(chroma, corpus_dir, grace=0.5)
    kept_during_grace = []
    second.manager.rebuild(progress=False, on_switch=lambda _: kept_during_grace.extend(ours(second.manager.store)))
    assert set(collection_names(old)) <= set(kept_during_grace)
    assert not set(collection_names(old)) & set(ours(second.manager.store))
    open_answerer(chroma, corpus_dir).warm_up()  # a third process starting: loads, deletes nothing
    assert ours(second.manager.store) == sorted(collection_names(second.index.generation))


def test_a_killed_rebuilds_leftovers_go_with_the_next_rebuild_but_collections_not_ours_stay(tmp_path, corpus_dir):
    chroma = tmp_path / "chroma"
    answerer = open_answerer(chroma, corpus_dir)
    index = answerer.index
    store = answerer.manager.store
    # A rebuild killed after writing its files and collections, before the switch:
    (chroma / "lexicon-gkilled.tsv").write_text("", encoding="utf-8")
    (chroma / "vocabulary-gkilled.txt").write_text("", encoding="utf-8")
    sentences = [c._replace(id=f"{c.id}/0") for c in index.chunks[:2]]
    write_generation(store, "gkilled", index.chunks[:2], sentences, index.sentence_vectors[:4])
    store.add("summit-someone-else-chunks", index.chunks[:1], index.sentence_vectors[:1])
    answerer.reindex()
    assert "summit-gkilled-chunks" not in store.collections()
    assert not (chroma / "lexicon-gkilled.tsv").exists()
    assert "summit-someone-else-chunks" in store.collections()


def test_reindexing_leaves_no_segment_folders_behind(tmp_path, corpus_dir):
    chroma = tmp_path / "chroma"
    answerer = open_answerer(chroma, corpus_dir)
    answerer.warm_up()
    for _ in range(3):
        answerer.reindex()
    folders = [p for p in chroma.iterdir() if p.is_dir() and UUID.match(p.name)]
    assert len(folders) <= 2  # at most the current generation's two vector segments


def test_a_malformed_sqlite_file_is_moved_aside_and_the_index_rebuilt_with_one_log_line(tmp_path, corpus_dir, caplog):
    chroma = tmp_path / "chroma"
    open_answerer(chroma, corpus_dir).warm_up()
    with (chroma / "chroma.sqlite3").open("r+b") as handle:
        handle.seek(4096)
        handle.write(b"\xde\xad" * 2048)
    with caplog.at_level(logging.WARNING):
        healed = open_answerer(chroma, corpus_dir)
        assert healed.answer("ジュネーブ湖を見下ろす建物").answered
    damaged = [r for r in caplog.records if "damaged" in r.getMessage()]
    assert len(damaged) == 1
    assert "moved it to" in damaged[0].getMessage()
    assert list(tmp_path.glob("chroma.damaged-*"))


def test_a_generation_that_no_longer_matches_its_manifest_is_moved_aside_and_rebuilt(tmp_path, corpus_dir, caplog):
    chroma = tmp_path / "chroma"
    answerer = open_answerer(chroma, corpus_dir)
    name = collection_names(answerer.index.generation)[0]
    store = answerer.manager.store
    chunks, vectors = store.chunks(name)
    store.drop(name)
    store.add(name, chunks[:3], vectors[:3])  # records lost
    with caplog.at_level(logging.WARNING):
        healed = open_answerer(chroma, corpus_dir)
        assert len(healed.index.chunks) == len(chunks)
    assert sum("damaged" in r.getMessage() for r in caplog.records) == 1


def test_a_reindex_of_an_emptied_or_deleted_corpus_is_refused_and_the_index_keeps_answering(tmp_path, corpus_dir):
    chroma = tmp_path / "chroma"
    answerer = open_answerer(chroma, corpus_dir)
    generation = answerer.index.generation
    (corpus_dir / ARTICLE_PATH.name).write_text("", encoding="utf-8")
    with pytest.raises(IndexBuildError, match=r"refusing to reindex: .*stays in use"):
        answerer.reindex()
    shutil.rmtree(corpus_dir)
    with pytest.raises(IndexBuildError, match=r"does not exist .*stays in use"):
        answerer.reindex()
    assert answerer.answer("ジュネーブ湖を見下ろす建物").answered
    restarted = open_answerer(chroma, corpus_dir)
    assert restarted.index.generation == generation


def test_two_articles_keep_their_own_references_and_views(tmp_path, corpus_dir):
    shutil.copy(AKASHI_PATH, corpus_dir / "akashi.txt")
    answerer = open_answerer(tmp_path / "chroma", corpus_dir)
    documents = answerer.index.documents
    titles = {info.title for info in documents.values()}
    assert titles == {"2021年米露首脳会談", "明石海峡大橋"}
    summit = answerer.reference(35, document="2021年米露首脳会談")
    assert summit.document == "2021年米露首脳会談"
    bridge = answerer.reference(1, document="明石海峡大橋")
    assert bridge.text != answerer.reference(1, document="2021-us-russia-summit.ja").text
    top = answerer.answer("How long is the suspension bridge?").passages[0]
    assert top.document == "明石海峡大橋"
    assert all(c.document == "明石海峡大橋" for c in top.citations)
    assert {e.document for info in documents.values() for e in info.events} == titles


def test_fifty_shuffled_articles_index_with_a_progress_bar_and_each_keeps_its_own_footnotes(tmp_path, capsys):
    from bot.benchmark import SOURCES, write_many_articles

    write_many_articles(tmp_path / "many")
    answerer = open_answerer(tmp_path / "chroma", tmp_path / "many")
    _, report = answerer.manager.rebuild(progress=True)
    assert report.documents == 50
    assert "embedding passages" in capsys.readouterr().err
    titles = [info.title for info in answerer.index.documents.values()]
    assert len(set(titles)) == 50
    sources = sum(len(list(folder.glob("*.txt"))) for folder in SOURCES)  # article i is source i % sources
    last_summit = max(i for i in range(50) if i % sources == 0) + 1
    last_akashi = max(i for i in range(50) if i % sources == 1) + 1
    summit = f"2021年米露首脳会談 ({last_summit})"
    assert answerer.reference(35, document=summit).document == summit
    assert answerer.reference(1, document="明石海峡大橋 (2)").text.startswith(
        answerer.reference(1, document=f"明石海峡大橋 ({last_akashi})").text
    )
    top = answerer.answer("ジュネーブ湖を見下ろす建物").passages[0]
    assert top.document.startswith("2021年米露首脳会談 (")
    with pytest.raises(ReferenceNotFoundError, match="no document is titled"):
        answerer.reference(1, document="Nowhere")


def test_a_build_cuts_the_word_list_it_is_given_to_the_corpus(tmp_path, corpus_dir):
    reads: list[int] = []

    def word_list():
        reads.append(1)
        return {"lake": ("湖", "レイク"), "volcano": ("火山",)}

    store = ChromaStore.persistent(tmp_path / "chroma")
    manager = IndexManager(
        store, FakeEmbedder(), corpus_dir=corpus_dir, state_dir=tmp_path / "chroma", word_list=word_list
    )
    index, _ = manager.rebuild()
    assert reads == [1]
    assert index.lexicon == {"lake": ("湖",)}  # the article says 湖, never レイク or 火山


def test_a_file_repeating_one_sentence_thousands_of_times_indexes(tmp_path, corpus_dir):
    # Thousands of equal sentence vectors: a search of them missed the first record and failed the build. The
    # windows the long line is cut into repeat word for word, and each is kept once (``Chunker.chunk``); the
    # sentences are read whole, never searched: their count checks them.
    (corpus_dir / "repeated.txt").write_text("見出しなし\n" + "これは一つの段落です。" * 2000 + "\n", encoding="utf-8")
    answerer = open_answerer(tmp_path / "chroma", corpus_dir)
    repeated = [c for c in answerer.index.chunks if c.document == "repeated"]
    assert 1 <= len(repeated) <= 2  # full windows alike, and the rest
    assert answerer.answer("ジュネーブ湖を見下ろす建物").answered


def test_a_file_repeating_one_paragraph_hundreds_of_times_indexes(tmp_path, corpus_dir):
    # 300 equal passage vectors: the search graph lost the first article's first record and the build failed.
    line = "1999年に同じことが起きたと記録されている。[1]"
    (corpus_dir / "dup.txt").write_text("重複\n概要\n" + "\n".join([line] * 300) + "\n", encoding="utf-8")
    answerer = open_answerer(tmp_path / "chroma", corpus_dir)
    assert [c.text for c in answerer.index.chunks if c.document == "dup"] == [line]
    assert answerer.answer("ジュネーブ湖を見下ろす建物").answered


def test_when_the_changed_corpus_fails_to_index_the_previous_index_answers(tmp_path, corpus_dir, monkeypatch, caplog):
    chroma = tmp_path / "chroma"
    generation = open_answerer(chroma, corpus_dir).index.generation
    (corpus_dir / "second.txt").write_text(AKASHI_PATH.read_text(encoding="utf-8"), encoding="utf-8")

    def fails(*args, **kwargs):
        raise IndexBuildError("the new index failed its checks; the previous index stays in use")

    monkeypatch.setattr("retrieval.generations.write_generation", fails)
    restarted = open_answerer(chroma, corpus_dir)  # the corpus changed: this process builds, and the build fails
    assert restarted.index.generation == generation
    assert restarted.answer("ジュネーブ湖を見下ろす建物").answered
    assert "answering from the previous index" in caplog.text


def test_an_index_directory_that_cannot_be_created_is_one_error_naming_it(tmp_path):
    from config.errors import StoreUnavailableError

    (tmp_path / "afile").write_text("", encoding="utf-8")
    with pytest.raises(StoreUnavailableError, match=r"afile/chroma cannot be created"):
        ChromaStore.persistent(tmp_path / "afile" / "chroma")


def test_a_process_waiting_for_another_ones_build_says_so(tmp_path, corpus_dir, caplog):
    import threading

    chroma = tmp_path / "chroma"
    assert open_answerer(chroma, corpus_dir).index.generation  # built once
    (corpus_dir / "second.txt").write_text(AKASHI_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    holder = IndexManager(ChromaStore.persistent(chroma), FakeEmbedder(), corpus_dir=corpus_dir, state_dir=chroma)
    released = threading.Event()

    def hold() -> None:
        with holder._registry.lock(wait=True):
            released.wait(2)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        timer = threading.Timer(0.5, released.set)
        timer.start()
        with caplog.at_level(logging.WARNING):
            answerer = open_answerer(chroma, corpus_dir)
            assert answerer.index.generation  # the corpus changed: it builds, after the other process
        assert answerer.answer("ジュネーブ湖を見下ろす建物").answered
    finally:
        released.set()
        thread.join()
    assert "waiting for it to finish" in caplog.text
    assert "changed: building the index again" in caplog.text
