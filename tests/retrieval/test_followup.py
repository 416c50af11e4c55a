from retrieval.followup import (
    answer_followup,
    context_of,
    is_contrast,
    is_elliptical,
    points_to_people,
    replaces,
    resolve_followup,
    set_against,
)
from retrieval.types import Answer, Passage, Short


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


def test_a_pronoun_in_a_question_with_its_own_topic_carries_the_people_not_the_previous_topic():
    resolved = resolve_followup("When did Alice Brown visit the harbour?", "What did she say about the museum plans?")
    assert "Alice" in resolved and "Brown" in resolved
    assert "visit" not in resolved and "harbour" not in resolved
    resolved = resolve_followup("山田は東京で誰に会った？", "彼女は翌年の選挙について何と言った？")
    assert "山田" in resolved


def test_a_pronoun_with_a_thin_topic_of_its_own_keeps_the_previous_topic():
    assert not points_to_people("What did Smith give him?")
    resolved = resolve_followup("How long did the Smith and Jones meeting last?", "What did Smith give him?")
    assert "meeting" in resolved and "Jones" in resolved


def test_pointing_back_to_a_time_or_place_is_not_people_only():
    assert not points_to_people("What did she say there about the new museum plans?")
    assert not points_to_people("そのとき彼女は翌年の選挙について何と言った？")
    assert not points_to_people("What did they say about the new museum plans?")  # they: often the two sides


def test_and_before_a_full_question_goes_on_rather_than_contrasts():
    assert is_contrast("And the other side?")
    assert is_contrast("but what about the mayor?")
    assert not is_contrast("And what did she call the mayor?")
    assert not is_contrast("So, when did it open?")
    resolved = resolve_followup("What did Alice Brown say the day after the vote?", "And what did she call Smith?")
    assert "Alice" in resolved  # the person "she" stands for is not replaced by the one the follow-up names


def test_the_other_way_round_is_the_previous_question_with_its_two_sides_swapped():
    assert resolve_followup("フランスからドイツへの輸出額は？", "逆は？") == "ドイツからフランスへの輸出額は?"
    assert resolve_followup("フランスの輸出額は？", "逆は？") != "フランスの輸出額は?"  # one side: completed as usual


def test_what_replaces_the_previous_question():
    assert replaces("Who represented France at the conference?", "And Germany?")
    assert replaces("1990年の会議には誰が出た？", "1995年のは？")
    assert replaces("フランスからドイツへの輸出額は？", "逆は？")  # the two sides swapped
    assert not replaces("フランスの輸出額は？", "逆は？")  # nothing to swap
    assert not replaces("Who represented France at the conference?", "What did she say there?")
    assert not replaces("What was agreed at the conference?", "And the budget?")  # no name or number to replace


def _passage(section, text):
    return Passage(section, text, text, (), 1.0)


FRANCE = _passage("France", "France sent its foreign minister in 1990.")
GERMANY = _passage("Germany", "Germany sent its chancellor.")
OTHER = _passage("Other", "The conference was held in a castle.")
YEAR = _passage("Later", "In 1995 the conference moved.")


def _with(*passages, short=None):
    return Answer("q", True, passages, short=short)


def test_a_contrast_moves_the_previous_passage_last():
    result = set_against(_with(FRANCE, OTHER, GERMANY), _with(FRANCE), _with(GERMANY), ["Germany"])
    assert result.passages == (GERMANY, OTHER, FRANCE)


def test_a_contrast_keeps_the_previous_passage_when_the_follow_up_alone_finds_it_first():
    answer = _with(FRANCE, OTHER)
    assert set_against(answer, _with(FRANCE), _with(FRANCE, GERMANY), ["Germany"]) is answer


def test_a_contrast_changes_nothing_when_the_previous_passage_is_not_among_the_passages():
    answer = _with(OTHER, GERMANY)
    assert set_against(answer, _with(FRANCE), _with(), ["Germany"]) is answer


def test_after_a_contrast_a_passage_with_the_new_number_comes_first_and_a_stale_short_answer_goes():
    short = Short("1990", "1990", "date", ())
    result = set_against(_with(FRANCE, OTHER, YEAR, short=short), _with(FRANCE), _with(), ["1995年", "1995"])
    assert result.passages == (YEAR, OTHER, FRANCE)
    assert result.short is None


def test_after_a_contrast_the_follow_up_alone_can_bring_the_passage_with_the_new_number():
    result = set_against(_with(FRANCE, OTHER, GERMANY), _with(FRANCE), _with(GERMANY, YEAR), ["1995"])
    assert result.passages == (YEAR, OTHER, FRANCE)


def test_a_contrast_follow_up_is_answered_against_the_previous_answer():
    asked = []

    def answer(question):
        asked.append(question)
        if question == "Who represented France at the conference?":
            return _with(FRANCE)
        if question == "And Germany?":
            return _with(OTHER)
        return _with(FRANCE, GERMANY)

    result = answer_followup(answer, "Who represented France at the conference?", "And Germany?")
    assert result.passages[0] == GERMANY
    assert "conference" in asked[0]
    assert set(asked[1:]) == {"Who represented France at the conference?", "And Germany?"}


def test_names_typed_in_lower_case_are_set_against_each_other_once_spelled():
    asked = []

    def answer(question):
        asked.append(question)
        return _with(FRANCE)

    capitalised = {"biden": "Biden", "putin": "Putin"}

    def spell(text):
        return " ".join(capitalised.get(w, w) for w in text.split(" "))

    answer_followup(answer, "what did biden tell reporters?", "what about putin", spell_names=spell)
    assert "Biden" not in asked[0] and "Putin" in asked[0]  # Putin replaces Biden, the topic carries over
    assert "reporters" in asked[0]
