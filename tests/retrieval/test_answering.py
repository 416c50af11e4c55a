import json
import shutil
import threading

import pytest

from config.errors import IndexBuildError, QuestionError, ReferenceNotFoundError
from corpus.timeline import mentions_date
from retrieval.answering import Answerer, AnswerPolicy
from retrieval.generations import IndexManager
from retrieval.store import ChromaStore
from tests.conftest import AKASHI_PATH, ARTICLE_PATH, FakeEmbedder


@pytest.fixture
def corpus_dir(tmp_path):
    directory = tmp_path / "corpus"
    directory.mkdir()
    shutil.copy(ARTICLE_PATH, directory / "summit.txt")
    return directory


@pytest.fixture(scope="module")
def store():
    return ChromaStore.in_memory()


def make_answerer(store, corpus_dir, state_dir, embedder=None, **policy):
    embedder = embedder or FakeEmbedder()
    manager = IndexManager(store, embedder, corpus_dir=corpus_dir, state_dir=state_dir)
    policy.setdefault("refusal_threshold", 0.3)
    return Answerer(manager=manager, store=store, embedder=embedder, policy=AnswerPolicy(**policy))


def test_answer_finds_the_passage_sharing_the_question_words(store, corpus_dir, tmp_path):
    answerer = make_answerer(store, corpus_dir, tmp_path / "state")
    answer = answerer.answer("ジュネーブ湖を見下ろす建物はどこ")
    assert answer.answered
    top = answer.passages[0]
    assert top.section == "会場"
    assert "ジュネーブ湖" in top.highlight
    assert top.highlight in top.text
    assert [c.n for c in top.citations] == [2]
    assert top.citations[0].text.startswith("Walters")


def test_passages_are_best_first_and_top_k_is_honoured(store, corpus_dir, tmp_path):
    answerer = make_answerer(store, corpus_dir, tmp_path / "state")
    answer = answerer.answer("ロシアの代表団の報道官", top_k=5)
    assert len(answer.passages) == 5
    scores = [p.score for p in answer.passages]
    assert scores == sorted(scores, reverse=True)
    with pytest.raises(ValueError, match="top_k"):
        answerer.answer("会場はどこ", top_k=0)


def test_json_shape_matches_the_contract(store, corpus_dir, tmp_path):
    answer = make_answerer(store, corpus_dir, tmp_path / "state").answer("核兵器の削減について")
    data = json.loads(json.dumps(answer.to_dict(), ensure_ascii=False))
    assert set(data) == {"question", "answered", "reason", "short", "passages"}
    assert isinstance(data["answered"], bool)
    assert (data["reason"] == "") == data["answered"]  # why not, only when not answered
    assert data["short"] is None or set(data["short"]) == {"text", "display", "type", "citations"}
    for passage in data["passages"]:
        assert set(passage) == {"document", "section", "text", "highlight", "citations", "score"}
        assert passage["document"] == "2021年米露首脳会談"
        assert all(set(c) == {"n", "text"} and isinstance(c["n"], int) for c in passage["citations"])
        assert isinstance(passage["score"], float)


def test_greeting_is_not_answered_and_loads_nothing(store, corpus_dir, tmp_path):
    embedder = FakeEmbedder()
    answerer = make_answerer(store, corpus_dir, tmp_path / "state", embedder)
    answer = answerer.answer("hello")
    assert not answer.answered
    assert answer.passages == ()
    assert embedder.calls == 0


def test_low_similarity_is_refused_but_names_closest_sections(store, corpus_dir, tmp_path):
    answerer = make_answerer(store, corpus_dir, tmp_path / "state", refusal_threshold=0.99)
    answer = answerer.answer("ラーメン屋のおすすめを教えてください")
    assert not answer.answered
    assert answer.passages


def test_bad_questions_raise_question_error(store, corpus_dir, tmp_path):
    answerer = make_answerer(store, corpus_dir, tmp_path / "state")
    for text in ["", "？！", "質" * 10_000]:
        with pytest.raises(QuestionError):
            answerer.answer(text)


def test_reference_lookup(store, corpus_dir, tmp_path):
    answerer = make_answerer(store, corpus_dir, tmp_path / "state")
    assert answerer.reference(35).text.startswith("「 バイデン")
    with pytest.raises(ReferenceNotFoundError, match="1 to 40"):
        answerer.reference(99)


def test_index_is_reused_then_rebuilt_when_the_corpus_changes(store, corpus_dir, tmp_path):
    state = tmp_path / "state"
    first = make_answerer(store, corpus_dir, state).index
    again = make_answerer(store, corpus_dir, state).index
    assert again.generation == first.generation
    with (corpus_dir / "summit.txt").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    (corpus_dir / "extra.txt").write_text("追加記事\n追加記事の本文です。新しい文があります。\n", encoding="utf-8")
    rebuilt = make_answerer(store, corpus_dir, state).index
    assert rebuilt.generation != first.generation
    assert {c.document for c in rebuilt.chunks} == {"summit", "extra"}


def test_index_is_rebuilt_when_the_model_changes(store, corpus_dir, tmp_path):
    state = tmp_path / "state"
    first = make_answerer(store, corpus_dir, state).index
    other = make_answerer(store, corpus_dir, state, FakeEmbedder("another-model")).index
    assert other.generation != first.generation


def test_failed_reindex_leaves_the_old_index_answering(store, corpus_dir, tmp_path, monkeypatch):
    answerer = make_answerer(store, corpus_dir, tmp_path / "state")
    before = answerer.answer("ジュネーブ湖").passages[0]
    old_generation = answerer.index.generation

    def broken_add(self, collection, chunks, vectors):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ChromaStore, "add", broken_add)
    with pytest.raises(IndexBuildError, match="previous index stays in use"):
        answerer.reindex()
    monkeypatch.undo()
    assert answerer.index.generation == old_generation
    assert answerer.answer("ジュネーブ湖").passages[0] == before
    reloaded = make_answerer(store, corpus_dir, tmp_path / "state").index
    assert reloaded.generation == old_generation


def test_questions_during_reindex_are_answered(store, corpus_dir, tmp_path):
    answerer = make_answerer(store, corpus_dir, tmp_path / "state")
    answerer.warm_up()
    errors = []

    def ask_many():
        for _ in range(20):
            try:
                assert answerer.answer("ジュネーブ湖を見下ろす").passages
            except Exception as exc:
                errors.append(exc)

    thread = threading.Thread(target=ask_many)
    thread.start()
    report = answerer.reindex()
    thread.join()
    assert not errors
    assert report.documents == 1
    assert report.chunks == report.previous_chunks


def test_corrupt_extra_file_is_skipped_and_reported(store, corpus_dir, tmp_path):
    (corpus_dir / "broken.txt").write_bytes(b"\xff\xfe\xfa")
    answerer = make_answerer(store, corpus_dir, tmp_path / "state")
    report = answerer.reindex()
    assert report.documents == 1
    assert any("broken.txt" in e for e in report.errors)
    assert answerer.answer("ジュネーブ湖").answered


def test_a_when_question_prefers_dated_sentences_without_raising_confidence(store, corpus_dir, tmp_path):
    question = "冷戦中のジュネーブのサミットはいつ"
    dated = make_answerer(store, corpus_dir, tmp_path / "b", type_bonus=1.0).answer(question)
    assert all(mentions_date(p.highlight) for p in dated.passages)
    assert dated.details["confidence"] <= 1.0  # a cosine: the bonus of 1.0 did not leak into it


def test_a_number_in_the_question_moves_the_highlight_to_the_sentence_holding_it(store, corpus_dir, tmp_path):
    answerer = make_answerer(store, corpus_dir, tmp_path / "n", specifics_bonus=1.0)
    answer = answerer.answer("1985年の会談では何が話し合われた")
    assert "1985年" in answer.passages[0].highlight
    assert answer.details["confidence"] <= 1.0


def test_a_word_the_article_never_uses_is_checked_by_ablation_and_named(store, corpus_dir, tmp_path):
    embedder = FakeEmbedder()
    answerer = make_answerer(store, corpus_dir, tmp_path / "abl", embedder, refusal_threshold=0.0)
    answerer.warm_up()
    before = embedder.calls
    covered = answerer.answer("会場はどの湖を見下ろしていますか")
    assert covered.answered
    assert embedder.calls - before == 1  # every word is the article's: no second embedding
    weather = answerer.answer("サミットの日のジュネーブの天気はどうだった")
    assert not weather.answered
    assert "天気" in weather.reason
    assert weather.passages  # the closest passages are still shown


def test_the_index_keeps_its_own_english_word_list_cut_to_the_corpus(store, corpus_dir, tmp_path):
    index = make_answerer(store, corpus_dir, tmp_path / "lex").index
    assert index.lexicon["lake"] == ("湖",)
    assert "首脳会談" in index.lexicon["summit"]
    assert "bridge" not in index.lexicon  # no 橋 in this article: the full list is cut to its words
    assert (tmp_path / "lex" / f"lexicon-{index.generation}.tsv").is_file()


def test_a_second_article_brings_its_own_english_words(store, corpus_dir, tmp_path):
    shutil.copy(AKASHI_PATH, corpus_dir / "akashi.txt")
    answerer = make_answerer(store, corpus_dir, tmp_path / "two")
    assert answerer.index.lexicon["bridge"][0] == "橋"  # the form the corpus uses most comes first
    top = answerer.answer("How long is the suspension bridge?").passages[0]
    assert top.document == "明石海峡大橋"


def test_a_manifest_of_the_wrong_shape_is_rebuilt_not_a_crash(store, corpus_dir, tmp_path):
    state = tmp_path / "shape"
    first = make_answerer(store, corpus_dir, state).index.generation
    for broken in ("[]", '{"generation": "x", "documents": {}}', "not json"):
        (state / "manifest.json").write_text(broken, encoding="utf-8")
        index = make_answerer(store, corpus_dir, state).index
        assert index.generation != first
        assert index.chunks


def test_factoid_question_gets_a_short_answer_in_the_json(store, corpus_dir, tmp_path):
    answer = make_answerer(store, corpus_dir, tmp_path / "state").answer("会談は合計何時間続きましたか")
    assert answer.answered
    assert answer.short is not None
    data = json.loads(json.dumps(answer.to_dict(), ensure_ascii=False))
    assert data["short"] == {"text": "3時間半", "display": "3時間半", "type": "duration", "citations": [35]}
    assert data["short"]["text"] in data["passages"][0]["text"]


def test_a_refused_answer_has_no_short_answer(store, corpus_dir, tmp_path):
    # The same factoid question, but the threshold refuses it: no short answer either.
    answer = make_answerer(store, corpus_dir, tmp_path / "state", refusal_threshold=0.99).answer(
        "会談は合計何時間続きましたか"
    )
    assert not answer.answered
    assert answer.short is None
    assert answer.to_dict()["short"] is None


def test_a_question_that_is_not_a_factoid_has_no_short_answer(store, corpus_dir, tmp_path):
    answer = make_answerer(store, corpus_dir, tmp_path / "state").answer("バイデンは人権問題について何と述べたか")
    assert answer.short is None


def test_the_articles_frame_names_are_left_out_of_the_lexical_query(store, corpus_dir, tmp_path):
    # バイデン and プーチン are in most passages of the summit article: as search terms they pick the
    # passage repeating them, not the one saying how long the talks lasted.
    question = "プーチンとバイデンの会談は何時間続いた"
    framed = make_answerer(store, corpus_dir, tmp_path / "f1")
    assert "3時間半" in framed.answer(question).passages[0].text
    frame = framed._frame(framed.index, question, [])
    assert {"プーチン", "バイデン"} <= set(frame)
    searched = framed._lexical_query(question, [], frame)
    assert not {"プチ", "バイ", "デン", "プーチン", "バイデン"} & set(searched)
    assert "続く" in searched  # what the question asks of them stays


def test_names_rank_passages_but_the_highlight_counts_only_quantities(store, tmp_path):
    # One passage, two sentences: the first repeats the question's names, the second answers it.
    corpus = tmp_path / "talks"
    corpus.mkdir()
    (corpus / "talks.txt").write_text(
        "ある会談\nある会談は、架空の会談である。\n会談\n"
        "ヤマダ大臣とスズキ大臣は東京で会った。会談では主に貿易が話し合われた。\n"
        "場所\n会談の場所は港の近くの古い建物だった。\n",
        encoding="utf-8",
    )
    answerer = make_answerer(store, corpus, tmp_path / "names", specifics_bonus=1.0)
    answer = answerer.answer("ヤマダとスズキの会談で話し合われたのは")
    assert answer.passages[0].section == "会談"  # the names still find the passage
    assert answer.passages[0].highlight == "会談では主に貿易が話し合われた。"


def test_a_question_asking_for_a_measure_no_passage_gives_is_declined(store, corpus_dir, tmp_path):
    answerer = make_answerer(store, corpus_dir, tmp_path / "measure", refusal_threshold=0.0)
    cost = answerer.answer("How much did Switzerland spend on security for the summit?")
    assert not cost.answered
    assert "money" in cost.reason
    assert cost.passages  # the closest passages are still shown
    assert answerer.answer("会談は合計何時間続きましたか").answered  # a duration is there: answered


def test_the_index_knows_its_kanji_names_by_sound_for_english_questions(store, tmp_path):
    from retrieval.translation import nearest_word

    directory = tmp_path / "akashi"
    directory.mkdir()
    shutil.copy(AKASHI_PATH, directory / "akashi.txt")
    names = make_answerer(store, directory, tmp_path / "names").index.katakana_words
    assert nearest_word("コーベ", names) == "神戸"  # Kobe, as a transliterator spells it
    assert nearest_word("アワジ", names) == "淡路"
    assert nearest_word("ハンバー", names) == "ハンバー"  # katakana names as before


def test_a_name_the_article_spells_once_is_shown_in_latin_wherever_it_stands(store, tmp_path):
    from retrieval._span_shapes import Candidate
    from retrieval.spans import display_of

    directory = tmp_path / "camp-david"
    directory.mkdir()
    shutil.copy(AKASHI_PATH.parent / "camp-david-accords-1978.ja.txt", directory / "camp-david.txt")
    english = make_answerer(store, directory, tmp_path / "latin").index.english_forms
    # 「サイラス・ヴァンス(Cyrus Vance)は…」 once; 「ヴァンスにヘリコプターの用意を求めた」 later, no brackets.
    assert english["サイラス・ヴァンス"] == "cyrus vance"
    later = "交渉の決裂を確信したサダトは帰国の準備を始め、ヴァンスにヘリコプターの用意を求めた"
    vance = Candidate("ヴァンス", "person", later.index("ヴァンス"), later.index("ヴァンス") + 4, later)
    assert display_of(vance, english) == "Vance"


def test_bm25_reads_a_heading_once_when_the_lead_already_opens_with_it():
    """A lead under the article's title repeats it: counted twice, the title's words would favour the lead."""
    from retrieval.index import _lexical_text
    from retrieval.types import Chunk

    lead = Chunk("a", "doc", ("2021年米露首脳会談",), "2021年米露首脳会談(別名ジュネーブ2021)は…でした。", (), ())
    assert _lexical_text(lead) == lead.text
    history = Chunk("b", "doc", ("歴史",), "冷戦中、ジュネーブで2つのサミットが開催されました。", (), ())
    assert _lexical_text(history) == "歴史 冷戦中、ジュネーブで2つのサミットが開催されました。"


def test_an_infobox_row_alone_does_not_vouch_for_the_article(store, corpus_dir, tmp_path):
    # 「都市」 is written only in the infobox row 「都市 | ジュネーブ」: that short row matches it closely, but no prose
    # passage speaks to it, and the refusal reads the best prose passage.
    answerer = make_answerer(store, corpus_dir, tmp_path / "state")
    answer = answerer.answer("都市はどこ")
    assert answer.passages[0].highlight == "都市 | ジュネーブ"
    assert not answer.answered
    assert answerer.answer("ヴィララグランジ 会場はどこ").answered
