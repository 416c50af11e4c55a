import os
import re

import pytest

from config.errors import CorpusEmptyError, CorpusParseError
from corpus import load_corpus, parse_article
from corpus.loading import hash_corpus
from corpus.parsing import read_article
from corpus.text import footnotes_in, split_sentences, strip_footnotes
from tests.conftest import ARTICLE_PATH


def test_real_article_has_forty_references_without_backlink_letters(article):
    assert sorted(article.references) == list(range(1, 41))
    assert article.references[1].startswith("「ジョー・バイデン大統領")
    assert article.references[35].startswith("「 バイデン")
    assert article.references[32].startswith("Zeleny")
    for text in article.references.values():
        assert not re.match(r"^a( [a-z]{1,2})+ ", text)


def test_wrapped_reference_nine_is_joined_onto_one_entry(article):
    ref = article.references[9]
    assert ref.startswith("国家情報会議")
    assert "ICが明らかにした主な取り組み" in ref
    assert "\n" not in ref
    assert article.references[10].startswith("バーンズ")


def test_every_body_footnote_from_2_to_40_sits_in_some_paragraph(article):
    cited = {n for s in article.sections for p in s.paragraphs for n in p.footnotes}
    assert set(range(2, 41)) <= cited


def test_section_list_and_heading_paths(article):
    paths = [s.path for s in article.sections]
    assert paths == [
        ("2021年米露首脳会談",),
        ("歴史",),
        ("背景",),
        ("会場",),
        ("議事",),
        ("委任", "アメリカ合衆国の代表団"),
        ("委任", "ロシアの代表団"),
        ("ミーティングセッション",),
        ("議論されたトピック",),
        ("フォローアップ", "記者会見"),
        ("反応",),
    ]


def test_empty_see_also_heading_and_reference_heading_make_no_section(article):
    titles = {s.title for s in article.sections}
    assert not any("も参照してください" in t or t.endswith("参照") for t in titles)


def test_infobox_facts_with_footnotes(article):
    assert article.facts["date"].value == "2021年6月16日"
    assert article.facts["date"].footnotes == (1,)
    assert article.facts["venue"].value == "ヴィララグランジ"
    assert article.facts["venue"].footnotes == (2,)
    assert article.facts["city"].value == "ジュネーブ"
    assert set(article.facts) == {"date", "venue", "city"}


def test_infobox_rows_keep_label_value_and_footnotes_without_flag_images():
    text = (
        "合意\n合意 | |\n---|---|\n![]() | |\n日にち | 1978年9月5日 – 1978年9月17日[1] |\n"
        "参加者 | ![]() ジミー・カーター ![](flag.png) アンワル・サダト |\n開催国 | ![]() |\n"
        "本文です。[2]\n"
    )
    rows = parse_article(text).infobox
    assert [r.text for r in rows] == [
        "日にち | 1978年9月5日 – 1978年9月17日[1]",
        "参加者 | ジミー・カーター アンワル・サダト",
    ]
    assert rows[0].footnotes == (1,)
    assert rows[1].footnotes == ()
    assert rows[0].line == 5


def test_navigation_junk_is_not_content(article):
    for section in article.sections:
        for paragraph in section.paragraphs:
            assert "|" not in paragraph.text
            assert "![]()" not in paragraph.text
            assert "---" not in paragraph.text
            assert "プレミアシップ" not in paragraph.text
    assert article.lead.startswith("2021年米露首脳会談(別名ジュネーブ2021")


def test_lead_is_its_own_section_titled_by_the_article(article):
    assert article.sections[0].path == (article.title,)
    assert article.title == "2021年米露首脳会談"


SMALL = """Test Summit
Test Summit | |
---|---|
日にち | 1999年1月2日[1] |
会場 | どこか[2] |
序文の文です。[1]
経緯
最初の段落です。[2] 次の文です。
親見出し
子見出し
子の段落です。[3]
参照
- ^ a b 最初の参考文献。
- ^ 二番目の参考文献
続きの行。
- ^ a b c d 三番目。
"""


def test_small_article_in_the_same_format():
    article = parse_article(SMALL, source="small.txt")
    assert article.title == "Test Summit"
    assert article.facts["date"].value == "1999年1月2日"
    assert [s.path for s in article.sections] == [("Test Summit",), ("経緯",), ("親見出し", "子見出し")]
    assert article.references == {1: "最初の参考文献。", 2: "二番目の参考文献続きの行。", 3: "三番目。"}


def test_empty_text_is_a_parse_error_naming_the_file():
    with pytest.raises(CorpusParseError, match=r"empty\.txt:1"):
        parse_article("\n\n", source="empty.txt")


def test_text_without_prose_is_a_parse_error():
    with pytest.raises(CorpusParseError, match="no paragraph"):
        parse_article("Title\nHeading\nAnother heading\n", source="x.txt")


def test_binary_file_reports_file_and_line(tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes("タイトル\n本文です。\n".encode() + b"\xff\xfe\x00garbage\n")
    with pytest.raises(CorpusParseError) as info:
        read_article(bad)
    assert info.value.line == 3
    assert "broken.txt" in str(info.value)


def test_one_broken_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02")
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus.documents] == ["good"]
    assert len(corpus.errors) == 1
    assert "bad.txt" in str(corpus.errors[0])


def test_a_link_to_nothing_is_skipped_with_its_reason_and_still_counts_in_the_corpus_hash(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")  # or removed by another process meanwhile
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus.documents] == ["good"]
    assert "gone.txt" in str(corpus.errors[0]) and "cannot read" in str(corpus.errors[0])
    unreadable = hash_corpus(tmp_path)
    (tmp_path / "nowhere.txt").write_text(ARTICLE_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    assert hash_corpus(tmp_path) != unreadable  # once it reads, the index is stale


def test_a_named_pipe_or_a_name_that_is_not_utf8_is_skipped_and_never_blocks(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would wait for a writer forever
    (tmp_path / os.fsdecode(b"\xff\xfe.txt")).write_text(ARTICLE_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    assert hash_corpus(tmp_path)
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus.documents] == ["good"]
    reasons = sorted(str(e) for e in corpus.errors)
    assert "not UTF-8" in reasons[0] and "named pipe" in reasons[1]


def test_hidden_files_are_no_articles_and_leave_the_corpus_hash_alone(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    before = hash_corpus(tmp_path)
    (tmp_path / ".#good.txt").write_text("an editor's lock file", encoding="utf-8")
    (tmp_path / "._good.txt").write_bytes(b"\x00\x05\x16\x07")  # a copy tool's resource fork
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus.documents] == ["good"]
    assert corpus.errors == ()
    assert hash_corpus(tmp_path) == before


def test_corpus_with_no_article_says_which_setting(tmp_path):
    with pytest.raises(CorpusEmptyError, match="SUMMIT_CORPUS_DIR"):
        load_corpus(tmp_path)


def test_sentences_keep_their_footnote_markers():
    text = "一つ目の文です。[3] 二つ目の文です。[4] [5]三つ目。"
    assert split_sentences(text) == ["一つ目の文です。[3]", "二つ目の文です。[4] [5]", "三つ目。"]
    assert footnotes_in(text) == (3, 4, 5)
    assert (
        strip_footnotes("会談は合計3時間半続き[35] 、予定よりも短い。[36]") == "会談は合計3時間半続き、予定よりも短い。"
    )


def test_a_quotation_stays_one_sentence():
    text = "彼は「一つ目。二つ目」と述べた。次の文。[1]"
    assert split_sentences(text) == ["彼は「一つ目。二つ目」と述べた。", "次の文。[1]"]


def test_a_closing_bracket_without_its_opening_joins_the_sentence_before():
    text = "彼は次のように述べた。引用の続き。」[2] 次の文。"
    assert split_sentences(text) == ["彼は次のように述べた。引用の続き。」[2]", "次の文。"]


def test_an_unclosed_quotation_does_not_swallow_the_paragraph():
    assert split_sentences("彼は「未完の引用。次の文。") == ["彼は「未完の引用。", "次の文。"]


def test_list_lines_without_footnotes_stay_paragraphs_of_their_section():
    # A participants list whose lines carry no footnote: each line is "country、name(role)", not a heading.
    text = (
        "会議\n会議は東京で開かれた。[1]\n参加者\n首脳\n"
        "日本、山田太郎(首相)\nフランス、ジャン・デュポン(大統領)\nドイツ、ハンス・ミュラー(首相、議長)\n"
        "日程\n初日は会談が行われた。[2]\n参照\n- ^ 「a」。b。2023年。\n- ^ 「c」。d。2023年。\n"
    )
    article = parse_article(text, source="x.txt")
    paths = [s.path for s in article.sections]
    assert paths == [("会議",), ("参加者", "首脳"), ("日程",)]
    members = [p.text for p in article.sections[1].paragraphs]
    assert members == [
        "日本、山田太郎(首相)",
        "フランス、ジャン・デュポン(大統領)",
        "ドイツ、ハンス・ミュラー(首相、議長)",
    ]


def test_labelled_list_lines_are_paragraphs_not_nested_headings():
    # 「1人目:名前」: a label and its value, as in the order the miners were brought up (Copiapó).
    text = (
        "救出\n救出は夜に始まった。[1]\n救出の順番\n次の順番で引き上げられた。[2]\n"
        "1人目:フロレンシオ・アバロス(Florencio Ávalos)\n2人目:マリオ・セプルベダ(Mario Sepúlveda)\n"
        "政府の対応\n大統領は現場を訪れた。[3]\n"
        "参照\n- ^ 「a」。b。2010年。\n- ^ 「c」。d。2010年。\n- ^ 「e」。f。2010年。\n"
    )
    article = parse_article(text, source="x.txt")
    assert [s.path for s in article.sections] == [("救出",), ("救出の順番",), ("政府の対応",)]
    assert [p.text for p in article.sections[1].paragraphs][1:] == [
        "1人目:フロレンシオ・アバロス(Florencio Ávalos)",
        "2人目:マリオ・セプルベダ(Mario Sepúlveda)",
    ]


def test_a_run_of_short_lines_deeper_than_headings_nest_is_a_list():
    # A schedule under 「会談の経過」 > 「日程」 (Reykjavik): no heading nests six deep.
    schedule = [
        "10月11日(土) 午前 第1回会談",
        "10月11日(土) 午後 第2回会談",
        "10月12日(日) 午前 第3回会談",
        "10月12日(日) 午後 第4回会談",
    ]
    text = "\n".join(
        ["会談", "会談は二日間続いた。[1]", "会談の経過", "日程", *schedule, "決裂", "会談は決裂した。[2]"]
    )
    text += "\n参照\n- ^ 「a」。b。1986年。\n- ^ 「c」。d。1986年。\n"
    article = parse_article(text, source="x.txt")
    assert [s.path for s in article.sections] == [("会談",), ("会談の経過", "日程"), ("決裂",)]
    assert [p.text for p in article.sections[1].paragraphs] == schedule


def test_a_byte_order_mark_is_no_part_of_the_title(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff".encode() + ARTICLE_PATH.read_bytes())
    assert read_article(path).title == read_article(ARTICLE_PATH).title
