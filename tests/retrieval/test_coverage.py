"""The coverage check's word analysis is safe on the bot's worker threads."""

from concurrent.futures import ThreadPoolExecutor

from retrieval.coverage import vocabulary_of

TEXT = "2021年6月16日、ジュネーブのラ・グランジュ邸で米国とロシアの首脳会談が開かれた。" * 20


def test_words_are_analysed_from_many_threads_at_once():
    alone = vocabulary_of(TEXT)
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(vocabulary_of, [TEXT] * 64))
    assert all(words == alone for words in together)
    assert "首脳" in alone or "首脳会談" in alone


def test_a_word_the_corpus_never_uses_is_found_but_not_the_kind_of_answer_asked():
    from retrieval.coverage import uncovered_words
    from retrieval.lexical import fold

    vocabulary = vocabulary_of(TEXT)
    folded = fold(TEXT)
    assert uncovered_words("首脳会談の日の天気は？", vocabulary=vocabulary, folded_text=folded) == ["天気"]
    # 日付 and 名前 name what is asked; the article gives a date without writing 日付.
    assert uncovered_words("首脳会談の日付は？", vocabulary=vocabulary, folded_text=folded) == []
    assert uncovered_words("会談した邸の名前は？", vocabulary=vocabulary, folded_text=folded) == []
