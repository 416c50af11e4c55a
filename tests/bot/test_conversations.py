import pytest

from bot.conversations import Conversations


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_the_last_question_of_each_conversation_is_kept():
    conversations = Conversations(size=10, max_age=60)
    conversations.remember(1, "first")
    conversations.remember(1, "second")
    conversations.remember(2, "other")
    assert conversations.previous(1) == "second"
    assert conversations.previous(2) == "other"
    assert conversations.previous(3) is None


def test_old_conversations_are_forgotten():
    clock = Clock()
    conversations = Conversations(size=10, max_age=60, clock=clock)
    conversations.remember(1, "q")
    clock.now = 61
    assert conversations.previous(1) is None
    assert len(conversations) == 0


def test_the_number_of_conversations_is_bounded_stalest_first():
    conversations = Conversations(size=3, max_age=60)
    for channel in range(5):
        conversations.remember(channel, f"q{channel}")
    assert len(conversations) == 3
    assert conversations.previous(0) is None
    assert conversations.previous(4) == "q4"


def test_bounds_must_be_positive():
    with pytest.raises(ValueError):
        Conversations(size=0, max_age=1)
