import pytest

from corpus import load_corpus
from retrieval.chunking import Chunker
from tests.conftest import CORPUS_DIR


@pytest.fixture(scope="module")
def document():
    return load_corpus(CORPUS_DIR).documents[0]


def test_every_paragraph_lands_in_exactly_one_chunk(document):
    chunks = Chunker(len, max_tokens=400).chunk(document)
    for section in document.article.sections:
        for paragraph in section.paragraphs:
            holders = [c for c in chunks if paragraph.text in c.text and c.section == section.path]
            assert len(holders) == 1, paragraph.text


@pytest.mark.parametrize("window", [40, 80, 400])
def test_no_chunk_exceeds_the_window_and_nothing_is_lost(document, window):
    chunks = Chunker(len, max_tokens=window).chunk(document)
    assert all(len(c.text) <= window for c in chunks)
    infobox = "".join(p.text for p in document.article.infobox)
    body = infobox + "".join(p.text for s in document.article.sections for p in s.paragraphs)
    # Chunks keep the article's text (the infobox's rows first); only the white space between list lines may differ.
    assert "".join("".join(c.text.split()) for c in chunks) == "".join(body.split())


def test_chunk_ids_are_stable_and_unique(document):
    first = [c.id for c in Chunker(len, max_tokens=400).chunk(document)]
    second = [c.id for c in Chunker(len, max_tokens=400).chunk(document)]
    assert first == second
    assert len(set(first)) == len(first)


def test_delegation_members_form_one_list_chunk_with_footnotes(document):
    chunks = Chunker(len, max_tokens=400).chunk(document)
    russian = [c for c in chunks if c.section == ("委任", "ロシアの代表団")]
    assert len(russian) == 1
    assert len(russian[0].sentences) == 9
    assert russian[0].footnotes == (34,)
    assert "クレムリン報道官、ドミトリー・ペスコフ[34]" in russian[0].sentences


def test_the_infobox_is_the_first_passage_one_row_a_sentence(document):
    chunks = Chunker(len, max_tokens=400).chunk(document)
    first = chunks[0]
    assert first.section == (document.article.title,)
    assert first.sentences == ("日にち | 2021年6月16日[1]", "会場 | ヴィララグランジ[2]", "都市 | ジュネーブ")
    assert first.footnotes == (1, 2)
    assert chunks[1].text.startswith("2021年米露首脳会談(別名")


def test_window_must_be_positive():
    with pytest.raises(ValueError, match="max_tokens"):
        Chunker(len, max_tokens=0)


def test_a_paragraph_repeated_word_for_word_is_one_chunk(tmp_path):
    # Hundreds of equal vectors lose records in the vector index's search graph: the repeats are dropped.
    repeated = "同じ段落が何度も繰り返される。[1]"
    body = "\n".join([repeated] * 300)
    text = f"繰り返しの記事\n概要\n{body}\n別の段落です。\n参照\n- ^ 「出典」。新聞。2021年。\n"
    (tmp_path / "repeat.txt").write_text(text, encoding="utf-8")
    chunks = Chunker(len, max_tokens=400).chunk(load_corpus(tmp_path).documents[0])
    assert [c.text for c in chunks].count(repeated) == 1
    assert any("別の段落です。" in c.text for c in chunks)
