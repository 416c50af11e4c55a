"""The follow-up evaluation: each kept set over its own articles, hit@1 per language alone and in context."""

import json

from retrieval.followup_evaluation import (
    FOLLOWUP_SUITE,
    FollowupSet,
    evaluate_followup_suite,
    render_followup_suite,
)
from retrieval.types import Answer, Passage


class _Answerer:
    """Finds the villa passage only when the question names the venue, so context can be seen to help."""

    def answer(self, question, top_k=None):
        text = "the venue was a villa" if "venue" in question else "nothing useful"
        return Answer(question, True, (Passage("s", text, text, (), 1.0),))

    def spell_names(self, text):
        return text


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_every_kept_set_is_scored_over_its_own_articles(tmp_path):
    pairs = _write(tmp_path / "p.jsonl", [
        {"id": "x-1", "lang": "en", "first": "Where was the venue?", "followup": "And what about it?",
         "answer_any": ["villa"]},
    ])  # fmt: skip
    article = tmp_path / "other.ja.txt"
    asked_for = []

    def answerer_for(articles):
        asked_for.append(articles)
        return _Answerer()

    sets = (FollowupSet("a", pairs), FollowupSet("b", pairs, (article,)), FollowupSet("gone", tmp_path / "no.jsonl"))
    reports = evaluate_followup_suite(answerer_for, sets)
    assert list(reports) == ["a", "b"]
    assert asked_for == [(), (article,)]
    assert reports["a"]["languages"]["en"] == {"n": 1, "without": 0.0, "with": 1.0}
    assert "## b" in render_followup_suite(reports)


def test_the_kept_sets_exist_and_the_second_brings_its_article():
    assert [s.name for s in FOLLOWUP_SUITE] == ["v1", "v2", "v3"]
    for followup_set in FOLLOWUP_SUITE:
        assert followup_set.path.is_file()
        assert all(article.is_file() for article in followup_set.articles)
    assert FOLLOWUP_SUITE[1].articles
