from retrieval.lexical import fold, frame_words, is_synonym_term, tokenize


def passages(*texts):
    folded = [fold(t) for t in texts]
    return folded, "\n".join(folded)


def test_a_word_in_a_quarter_of_one_documents_passages_is_frame():
    summit = passages("バイデンとプーチン", "バイデンは言った", "会場は湖の畔", "会談は3時間半")
    bridge = passages("橋は長い", "主塔の高さ", "ケーブル", "開通", "地震", "観光", "記録", "愛称")
    words = ["バイデン", "会場", "橋", "プーチン"]
    assert frame_words(words, [summit, bridge], share=0.5) == ["バイデン"]
    assert frame_words(words, [summit, bridge], share=0.25) == ["バイデン", "会場", "プーチン"]


def test_a_word_repeated_within_few_passages_is_not_frame():
    # written four times, but in one passage of four: the passages holding it are counted, not its occurrences
    summit = passages("湖、湖、湖、湖", "会談", "会場", "声明")
    assert frame_words(["湖"], [summit], share=0.5) == []
    assert frame_words(["湖"], [summit], share=0.25) == ["湖"]


def test_spelling_variants_count_as_the_same_word():
    summit = passages("プーチン大統領", "プーチンは言った", "会場")
    assert frame_words(["プチン"], [summit], share=0.5) == ["プチン"]


def test_no_documents_no_frame():
    assert frame_words(["バイデン"], [], share=0.25) == []
    assert frame_words(["バイデン"], [([], "")], share=0.25) == []


def test_latin_glosses_in_brackets_are_not_search_terms():
    from retrieval.lexical import without_glosses

    lead = "明石海峡大橋(あかしかいきょうおおはし、英語: Akashi Kaikyō Bridge)は吊り橋である。"
    assert "akashi" not in tokenize(without_glosses(lead))
    assert "明石" in "".join(tokenize(without_glosses(lead)))
    assert tokenize(without_glosses("「Ryugu」を選んだ")) == tokenize("「」を選んだ")
    assert "sci" in tokenize(without_glosses("衝突装置SCI(小型搭載型衝突装置)を分離した"))  # used, not glossed


def test_a_query_also_searches_the_other_form_of_a_country_and_of_posted_in():
    from retrieval.lexical import tokenize, with_variants

    query = tokenize(with_variants("駐ロシアのアメリカ大使は誰？"))
    sentence = set(tokenize("在ロシア米国大使、ジョン・サリバン"))
    assert {"在ロ", "米国", "国大"} <= sentence & set(query)
    assert with_variants("会談は何時間続いた？") == "会談は何時間続いた？"


def test_a_query_for_words_said_back_also_searches_answered():
    from retrieval.lexical import tokenize, with_variants

    assert "答え" in tokenize(with_variants("プーチンはどう返した？"))


def test_a_query_also_searches_the_next_day_in_one_word_and_a_ministers_full_title():
    from retrieval.lexical import tokenize, with_variants

    # The article writes サミットの翌日 and ロシア外務大臣; people ask 次の日 and 外相.
    query = set(tokenize(with_variants("首脳会談の次の日、プーチンは何と言った？")))
    assert "翌日" in query & set(tokenize("サミットの翌日、プーチンはその結果を賞賛し"))
    assert "外務" in set(tokenize(with_variants("ロシアの外相は誰？"))) & set(
        tokenize("ロシア外務大臣、セルゲイ・ラブロフ")
    )
    assert "外相" in set(tokenize(with_variants("外務大臣は誰")))  # each form is searched as the other
    assert "ソ連" in with_variants("ソビエト軍は何人いた？")  # the Soviet Union's long and short names


def test_terms_are_bigrams_without_grammar_and_the_analysers_words():
    tokens = tokenize("運河が止まってた間、通航料の損失は")
    assert {"通航", "航料", "損失", "止ま"} <= set(tokens)  # bigrams, a kanji and its kana included
    assert not {"って", "てた"} & set(tokens)  # two hiragana are an ending, not content
    assert {"通航", "料", "損失", "止まる"} <= set(tokens)  # the analyser's words, verbs in their dictionary form
    assert "が" not in tokens and "は" not in tokens
    # Latin words once, as written; the analyser does not respell them (Biden → バイデン).
    assert tokenize("Did Biden talk? 会談") == ["did", "biden", "talk", "会談", "会談"]


def test_a_verb_matches_its_other_inflections_through_the_analyser():
    asked, said = set(tokenize("どこで造られたの")), set(tokenize("船を造った。"))
    assert {t for t in asked & said if not is_synonym_term(t)} == {"作る"}  # 造ら and 造っ share no bigram; both 作る


def _lucene_bm25(query, documents, k1, b):
    """The reference: Lucene's BM25 (idf ln(1 + (N - df + .5) / (df + .5)), tf / (tf + k1 (1 - b + b dl / avgdl)))."""
    import math

    avgdl = sum(len(d) for d in documents) / len(documents)
    scores = []
    for d in documents:
        total = 0.0
        for term in set(query):
            df = sum(term in other for other in documents)
            tf = d.count(term)
            if tf:
                idf = math.log(1 + (len(documents) - df + 0.5) / (df + 0.5))
                total += idf * tf / (tf + k1 * (1 - b + b * len(d) / avgdl))
        scores.append(total)
    return scores


def test_bm25_is_lucenes_with_its_length_normalisation_eased():
    import pytest

    from retrieval.lexical import BM25_B, BM25_K1, LexicalIndex

    lead = "ジュネーブ 首脳会談"
    history = "1955年 ジュネーブ 首脳 会議 冷戦 ジュネーブ 英国 フランス 米国 ソ連 指導者 安全保障"
    texts = [lead, history, "バイデン プーチン 会談 時間", "制裁 ロシア 大使 返還 合意"]
    documents = [tokenize(t) for t in texts]
    query = tokenize("ジュネーブ")
    scores = LexicalIndex(texts).scores(query)
    assert list(scores) == pytest.approx(_lucene_bm25(query, documents, BM25_K1, BM25_B), rel=1e-4)
    # The long paragraph naming Geneva twice outscores the short lead naming it once (not so at Lucene's 0.75).
    assert scores[1] > scores[0]
    lucene = _lucene_bm25(query, documents, 1.5, 0.75)
    assert lucene[1] < lucene[0]


def test_a_word_and_its_synonym_share_a_term():
    from retrieval.lexical import is_synonym_term

    asked, said = set(tokenize("注射した医者の名前は")), set(tokenize("医師が鎮痛剤を注射した。"))
    shared = {t for t in asked & said if is_synonym_term(t)}
    assert len(shared) >= 2  # 注射's group, and the one of 医者 and 医師, which share no bigram
    assert not {t for t in set(tokenize("会談の天気は")) & said if is_synonym_term(t)}
