from retrieval.followup import answer_followup, context_of, is_contrast, is_elliptical, resolve_followup
from retrieval.types import Answer, Passage


def test_a_follow_up_that_stands_alone_is_unchanged():
    previous = "Who was in the US delegation?"
    followup = "Which lake does the Villa La Grange overlook in Geneva?"
    assert resolve_followup(previous, followup) == followup


def test_without_a_previous_question_nothing_is_added():
    assert resolve_followup("", "And the Russian side?") == "And the Russian side?"


def test_a_pronoun_gets_the_previous_people_in_english():
    resolved = resolve_followup("When did Biden and Putin first meet?", "What did he tell him privately?")
    assert "Biden" in resolved and "Putin" in resolved
    assert resolved.endswith("What did he tell him privately?")


def test_a_japanese_pronoun_gets_the_previous_people_numbers_and_topic():
    resolved = resolve_followup("2011年にバイデンとプーチンが会ったのはどこ？", "そのとき彼は何と言った？")
    assert "バイデン" in resolved and "プーチン" in resolved and "2011年" in resolved
    assert resolved.endswith("そのとき彼は何と言った？")


def test_a_contrast_replaces_the_name_and_keeps_the_topic():
    resolved = resolve_followup("バイデンは会談後の記者会見で何を話した？", "プーチンのほうは？")
    assert "バイデン" not in resolved
    assert "記者" in resolved and "プーチンのほうは？" in resolved


def test_a_contrast_replaces_the_number():
    resolved = resolve_followup("1955年のジュネーブ会議では何が話し合われた？", "1985年のは？")
    assert "1955" not in resolved
    assert "ジュネーブ" in resolved


def test_english_follow_up_gets_no_japanese_words():
    resolved = resolve_followup("ラブロフは誰？", "what did he say?")
    assert resolved == "what did he say?"


def test_what_counts_as_elliptical():
    assert is_elliptical("And the Russian side?")
    assert is_elliptical("ロシア側は？")
    assert is_elliptical("which building exactly?")
    assert is_elliptical("当局はどう対応した？")  # names nothing
    assert not is_elliptical("Who was the US Secretary of State at the Geneva summit?")
    assert not is_elliptical("ジュネーブのヴィラ・ラ・グランジはどの湖を見下ろしていますか？")
    assert is_contrast("what about BLM?")
    assert not is_contrast("What did Putin say about BLM?")


def test_context_keeps_names_numbers_and_topic_apart():
    context = context_of("Who was Russia's ambassador to the US in 2021?")
    assert context.names == ("Russia",)
    assert "2021" in context.numbers
    assert "ambassador" in context.topic


def _answer(question, answered):
    return Answer(question, answered, (Passage("s", "text", "text", (), 1.0),))


def test_a_follow_up_refused_alone_is_retried_with_the_previous_question():
    asked = []

    def answer(question):
        asked.append(question)
        return _answer(question, answered="Geneva" in question)

    result = answer_followup(
        answer, "Where did Biden meet Putin in Geneva?", "Who organised the security at Villa La Grange?"
    )
    assert result.answered
    assert asked[0] == "Who organised the security at Villa La Grange?"
    assert "Geneva" in asked[1]


def test_an_answered_follow_up_is_not_retried():
    asked = []

    def answer(question):
        asked.append(question)
        return _answer(question, answered=True)

    answer_followup(answer, "Where was the summit held?", "Who was the US Secretary of State at the Geneva summit?")
    assert len(asked) == 1
