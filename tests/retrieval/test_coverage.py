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
