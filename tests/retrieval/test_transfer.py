"""Who gave what to whom (transfer.py): a gift asked one way and told the other way round."""

import re

import pytest

from corpus.text import strip_footnotes
from retrieval.lexical import fold
from retrieval.transfer import Transfer, asked_transfer, told_backwards
from retrieval.translation import TermExpander
from tests.conftest import CORPUS_DIR, ROOT

NAMES = {"putin": "プーチン", "biden": "バイデン", "trump": "トランプ"}


def name_of(word: str) -> str:
    return NAMES.get(word.lower(), "")


def sentences(path) -> list[str]:
    """An article's sentences, footnotes stripped."""
    text = strip_footnotes(path.read_text(encoding="utf-8"))
    return [s for s in re.split(r"(?<=。)|\n", text) if s.strip()]


@pytest.fixture(scope="module")
def summit() -> list[str]:
    return sentences(CORPUS_DIR / "2021-us-russia-summit.ja.txt")


@pytest.fixture(scope="module")
def helsinki() -> list[str]:
    return sentences(ROOT / "tests" / "data" / "articles" / "helsinki-2018-summit.ja.txt")


PUTIN_TO_BIDEN = Transfer(fold("プーチン"), fold("バイデン"))
BIDEN_TO_PUTIN = Transfer(fold("バイデン"), fold("プーチン"))


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("What gift did Putin give Biden in return?", PUTIN_TO_BIDEN),
        ("did putin give biden anything back?", PUTIN_TO_BIDEN),
        ("what presents did biden hand putin", BIDEN_TO_PUTIN),
        ("Putin's gift to Biden, what was it?", PUTIN_TO_BIDEN),
        ("Did Biden get anything from Putin?", PUTIN_TO_BIDEN),
        ("プーチンからバイデンへの贈り物は何だった？", PUTIN_TO_BIDEN),
        ("バイデンがプーチンに贈ったものは？", BIDEN_TO_PUTIN),
        ("バイデンはプーチンから何をもらったの", PUTIN_TO_BIDEN),
        # No giving, or no second person: nothing asked.
        ("What did Biden tell Putin about cyberattacks?", None),
        ("what did kim give him?", None),
        ("プーチンはバイデンについて何と言った？", None),
    ],
)
def test_a_question_asks_after_a_giving_by_its_giver_and_receiver(question, asked):
    assert asked_transfer(question, name_of) == asked


def test_english_asks_after_no_giving_without_names():
    assert asked_transfer("What gift did Putin give Biden in return?") is None


def test_a_gift_told_only_the_other_way_round(summit, helsinki):
    # バイデンはプーチンにカスタムメイドのサングラスと…をプレゼントしました: Biden to Putin, never back.
    assert told_backwards(PUTIN_TO_BIDEN, summit)
    assert not told_backwards(BIDEN_TO_PUTIN, summit)
    # プーチンはワールドカップの公式試合球をトランプに手渡し: the ball went from Putin to Trump.
    assert told_backwards(Transfer(fold("トランプ"), fold("プーチン")), helsinki)
    assert not told_backwards(Transfer(fold("プーチン"), fold("トランプ")), helsinki)


def test_a_gift_told_both_ways_or_not_at_all_is_not_backwards():
    both = ["バイデンはプーチンにサングラスを贈った。", "プーチンもバイデン大統領に絵画を贈った。"]
    assert not told_backwards(PUTIN_TO_BIDEN, both)
    assert not told_backwards(PUTIN_TO_BIDEN, ["バイデンとプーチンは握手した。"])
    # Received from: the giver comes after から.
    assert told_backwards(PUTIN_TO_BIDEN, ["プーチンはバイデンからサングラスを受け取った。"])


def test_the_expander_names_one_word_by_the_corpus_spelling_and_nothing_for_a_small_word():
    expander = TermExpander({"give": ("与える",)}, spellings={"urzua": "ウルスア"})
    assert expander.name_for("Urzua") == "ウルスア"
    assert expander.name_for("give") == ""
    assert expander.name_for("him") == ""
