from retrieval.lexical import tokenize
from retrieval.morphology import in_pieces


def test_pieces_fit_the_limit_and_give_back_the_text():
    text = "\n".join(["短い行。"] * 50 + ["長い文です。" * 40, "終わり"])
    pieces = list(in_pieces(text, limit=200))
    assert all(len(p.encode("utf-8")) <= 200 for p in pieces)
    assert "".join(pieces).replace("\n", "") == text.replace("\n", "")
    assert list(in_pieces("一行", limit=200)) == ["一行"]


def test_a_text_over_the_analysers_limit_is_tokenised_whole():
    text = "通航料収入を失った。" * 6000  # 180,000 bytes: Sudachi alone refuses over 49,149
    assert tokenize(text).count("通航") == 6000 * 2  # each time as a bigram and as the analyser's word
