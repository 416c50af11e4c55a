import math

import numpy as np
import pytest

from retrieval.lexical import LexicalIndex, is_synonym_term, tokenize
from retrieval.ranking import Weights, fuse, specifics_bonus, top_indices


def test_tokenize_makes_bigrams_for_japanese_and_words_for_latin():
    # Bigrams and Latin words first, then the analyser's Japanese words (会場, 湖, 制裁; は is grammar), each of two
    # letters or more followed by its SudachiDict synonym groups (制裁's one; 会場 has none).
    *words, synonym = tokenize("会場は湖[2] CAATSA制裁")
    assert words == ["会場", "場は", "は湖", "caatsa", "制裁", "会場", "湖", "制裁"]
    assert is_synonym_term(synonym)
    assert tokenize("の") == []
    assert tokenize("湖") == ["湖", "湖"]


def test_top_indices_matches_argsort_reference():
    rng = np.random.default_rng(7)
    for _ in range(20):
        scores = rng.random(30).astype(np.float32)
        assert top_indices(scores, 5) == list(np.argsort(-scores)[:5])


def test_weighted_fusion_is_min_max_normalised_sum():
    passage = np.array([0.9, 0.8, 0.7], dtype=np.float32)
    sentence = np.array([0.7, 0.9, 0.8], dtype=np.float32)
    lexical = np.array([0.0, 0.0, 10.0], dtype=np.float32)
    fused = fuse(passage, sentence, lexical, weights=Weights(1.0, 1.0, 0.5))
    np.testing.assert_allclose(fused, [1.0, 1.5, 1.0], atol=1e-6)


def test_constant_signal_contributes_nothing():
    flat = np.ones(4, dtype=np.float32)
    varied = np.array([0.0, 1.0, 2.0, 3.0], dtype=np.float32)
    fused = fuse(flat, flat, varied, weights=Weights())
    assert top_indices(fused, 1) == [3]


def test_rrf_prefers_items_ranked_high_in_every_list():
    a = np.array([3.0, 2.0, 1.0], dtype=np.float32)
    fused = fuse(a, a, np.array([0.0, 5.0, 0.0], dtype=np.float32), weights=Weights(1, 1, 1), method="rrf")
    assert top_indices(fused, 1) == [0]


def test_bm25_ranks_the_text_sharing_rare_terms_first():
    index = LexicalIndex(["ジュネーブ湖を見下ろす建物", "核兵器について話し合った", "ジュネーブで会談"])
    scores = index.scores(tokenize("どの湖を見下ろす"))
    assert int(np.argmax(scores)) == 0
    assert index.scores([]).tolist() == [0.0, 0.0, 0.0]


@pytest.mark.parametrize("texts", [[], [""]])
def test_bm25_accepts_degenerate_corpora(texts):
    assert len(LexicalIndex(texts).scores(["ab"])) == len(texts)


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        ("2019年5月1日:天皇徳仁が即位。\n2019年5月4日:即位後初の一般参賀。[39]", True),  # Reiwa's timeline
        ("2023年12月16日 再建された尖塔の頂部に新しい雄鶏の風見が取り付けられた。[16]", True),  # Notre-Dame's
        ("3月23日(火曜日):午前7時40分頃、エバーギブンが座礁した。[1]", False),  # no year: not a full date
        ("2021年6月16日、スイスのジュネーブで開催された。[1]", False),  # prose that opens with a date
        ("2010年10月13日:33人全員が救出される。[1]\n救出は世界中で生中継された。\n映像は10億人が見た。", False),
    ],
)
def test_a_timeline_is_a_passage_of_dated_entries(text, dated):
    from retrieval.index import is_dated_list

    assert is_dated_list(text) is dated


def test_specifics_bonus_is_the_rarity_weighted_share_scaled_by_the_rarest():
    # Ten sentences; a rare specific held by sentence 0 only, a common one by sentences 0-4.
    rare, common = np.array([0]), np.arange(5)
    w_rare, w_common, top = math.log(1 + 10 / 1), math.log(1 + 10 / 5), math.log(1 + 10)
    both = specifics_bonus([rare, common], 10)
    np.testing.assert_allclose(both[:2], [1.0 * w_rare / top, w_common / (w_rare + w_common) * w_rare / top], rtol=1e-6)
    assert both[5:].max() == 0.0
    # A question naming only what half the article holds lifts those sentences by far less than a rare one does.
    assert specifics_bonus([common], 10)[0] == pytest.approx(w_common / top)
    assert specifics_bonus([common], 10)[0] < specifics_bonus([rare], 10)[0] == pytest.approx(1.0)
    # Specifics the corpus does not hold weigh nothing.
    assert not specifics_bonus([np.array([], dtype=np.intp)], 10).any()
