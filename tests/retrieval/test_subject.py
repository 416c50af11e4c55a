"""Signals read from an article as a whole: its subject and date, its lead, its title, the kinds of answer it holds."""

import re
import shutil

from corpus.text import strip_footnotes
from retrieval.answering import Answerer, AnswerPolicy
from retrieval.generations import IndexManager
from retrieval.lexical import fold
from retrieval.ranking import kinds_missing, of_documents
from retrieval.spans import asked_measures
from retrieval.store import ChromaStore
from retrieval.subject import about_subject
from tests.conftest import ARTICLE_PATH, ROOT, FakeEmbedder


def test_a_question_in_frame_words_only_is_about_the_subject():
    assert about_subject("サミットはいつ？", [], ["サミット"])
    assert about_subject("サミットはいつ開催されましたか", [], ["サミット"])
    assert about_subject("When was the summit held?", ["サミット", "会談", "開催"], ["サミット", "会談"])
    # "date" names the kind of answer asked, not what it is about.
    assert about_subject("What was the date of the summit?", ["サミット"], ["サミット"], unmatched=("date",))


def test_a_question_about_another_act_or_a_part_is_not():
    # Taking office is another thing than the summit, though every noun is the article's frame.
    assert not about_subject("バイデンが大統領に就いたのは何月？", [], ["バイデン", "大統領"])
    assert not about_subject("When did Biden take office?", ["バイデン"], ["バイデン"], unmatched=("office",))
    # A word outside the frame, or a count, asks about something in the article.
    assert not about_subject("サミットの記者会見はいつ？", [], ["サミット"])
    assert not about_subject("2回目のサミットはいつ？", [], ["サミット"])
    assert not about_subject("いつ？", [], [])


def _answerer(tmp_path, *articles):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for article in articles:
        shutil.copy(article, corpus / article.name)
    store = ChromaStore.in_memory()
    embedder = FakeEmbedder()
    manager = IndexManager(store, embedder, corpus_dir=corpus, state_dir=tmp_path / "state")
    return Answerer(manager=manager, store=store, embedder=embedder, policy=AnswerPolicy(refusal_threshold=0.0))


def test_the_sentences_stating_the_articles_own_date_are_marked(tmp_path):
    index = _answerer(tmp_path, ARTICLE_PATH).index
    marked = [s.text for s, on in zip(index.sentences, index.subject_dates, strict=True) if on]
    assert any(t.startswith("2021年米露首脳会談(別名") for t in marked)  # the lead
    assert "日にち | 2021年6月16日[1]" in marked  # the infobox row
    assert all("2021年6月16日" in t.replace(" ", "") for t in marked)


def test_the_subject_date_lifts_only_the_article_the_question_frames(tmp_path):
    helsinki = ROOT / "tests" / "data" / "articles" / "helsinki-2018-summit.ja.txt"
    answerer = _answerer(tmp_path, ARTICLE_PATH, helsinki)
    index = answerer.index
    lifted = answerer._stating_date(index, ["バイデン"])
    documents = {index.documents[index.chunks[i].document].title for i in range(len(index.chunks)) if lifted[i]}
    assert documents == {"2021年米露首脳会談"}
    # Prose only: the infobox row gives the date without what took place.
    assert not any(lifted[i] for i in range(len(index.chunks)) if index.infoboxes[i])


def test_the_lead_is_marked_apart_from_the_infobox(tmp_path):
    index = _answerer(tmp_path, ARTICLE_PATH).index
    leads = [c for c, on in zip(index.chunks, index.leads, strict=True) if on]
    assert leads and all(c.section_title == "2021年米露首脳会談" for c in leads)
    assert any(c.text.startswith("2021年米露首脳会談(別名") for c in leads)
    assert not any(c.text.startswith("日にち | ") for c in leads)


POTSDAM = ROOT / "tests" / "data" / "articles" / "potsdam-1945.ja.txt"


def test_a_title_word_no_other_article_writes_names_its_article(tmp_path):
    answerer = _answerer(tmp_path, ARTICLE_PATH, POTSDAM)
    index = answerer.index
    words = {index.documents[d].title: w for d, w in index.title_words.items()}
    assert words["ポツダム会談"] == ("ポツダム",)  # 会談 is written in the other article too
    named = index.named_documents(fold("ポツダム会談で最初の本会議はいつ始まった？"))
    assert {index.documents[d].title for d in named} == {"ポツダム会談"}
    assert not index.named_documents(fold("最初の会議はいつ始まった？"))
    # The named article's passages gain, the other's do not.
    signals = answerer._article_signals(index, "ポツダム会談で最初の本会議は何回開かれた？", [])
    potsdam = [i for i, d in enumerate(index.chunk_documents) if d in named]
    others = [i for i, d in enumerate(index.chunk_documents) if d not in named]
    assert signals[potsdam].max() > signals[others].max()


def test_title_words_are_left_out_of_the_lexical_query(tmp_path):
    # ポツダム names the article: as a search term it picks the lead, which writes it most.
    answerer = _answerer(tmp_path, ARTICLE_PATH, POTSDAM)
    index = answerer.index
    question = "ポツダム会談を取材した記者たちはどこに滞在してた？"
    assert "ポツダム" in answerer._titled(index, question, [])
    frame = answerer._frame(index, question, [])
    query = answerer._lexical_query(question, [], [*frame, *answerer._titled(index, question, [])])
    assert "ポツダム" not in query and "取材" in query


def test_a_passage_without_the_kind_of_answer_asked_is_marked(tmp_path):
    index = _answerer(tmp_path, ARTICLE_PATH).index
    n = len(index.chunks)
    missing = kinds_missing(["duration"], index.chunk_types, n)
    lasting = [i for i, c in enumerate(index.chunks) if "3時間半" in c.text]
    assert lasting and not missing[lasting].any()  # it holds a length of time
    assert missing.any()  # others hold none
    assert not kinds_missing([], index.chunk_types, n).any()  # "why" asks no kind
    # Against a reference: a chunk misses the kinds when none of its sentences holds one.
    for i in range(n):
        held = any(index.sentence_types[k][j] for k in ("date", "place") for j in index.members(i))
        assert kinds_missing(["date", "place"], index.chunk_types, n)[i] == (0.0 if held else 1.0)


def test_of_documents_marks_the_chunks_of_the_documents_given():
    assert of_documents({"b"}, ["a", "b", "b", "c"]).tolist() == [0.0, 1.0, 1.0, 0.0]
    assert of_documents(set(), ["a", "b"]).tolist() == [0.0, 0.0]


VIENNA = ROOT / "tests" / "data" / "articles" / "vienna-summit-1961.ja.txt"


def test_a_passage_counting_in_the_asked_unit_is_marked(tmp_path):
    # "how many cops were on duty" asks a count of people: the passage with 約6,000人の警察官, not the one
    # about the police's estimate of the crowd in its own words only.
    answerer = _answerer(tmp_path, ARTICLE_PATH, VIENNA)
    index = answerer.index
    assert asked_measures("how many cops were on duty in vienna") == ("人",)
    assert asked_measures("how tall is the mountain")[-1] == "メートル"
    assert asked_measures("why did they meet") == ()
    counting = answerer._counting(index, "how many cops were on duty in vienna")
    police = [i for i, c in enumerate(index.chunks) if "約6,000人の警察官" in c.text]
    assert police and counting[police].all()
    # Against a reference: a chunk is marked when one of its sentences holds a number counted in 人.
    for i, chunk in enumerate(index.chunks):
        held = any(re.search(r"\d人", strip_footnotes(index.sentences[j].text)) for j in index.members(i))
        assert counting[i] == (1.0 if held else 0.0), chunk.text[:40]
    assert not answerer._counting(index, "why did they meet").any()


def test_an_amount_of_money_asked_is_counted_in_any_currency():
    assert "円" in asked_measures("いくらかかった？") and "ドル" in asked_measures("how much did it cost?")
    assert asked_measures("how much time did it take") == ()  # time spent is no money
    assert "トン" in asked_measures("銅像ってどのくらい重い?")
    assert asked_measures("どのくらい長く続いた？") == ()  # a length of time, not of a thing
