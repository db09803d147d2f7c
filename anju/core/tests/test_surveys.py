"""Answers are kept only when they are among the options; summaries add up."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from anju.core.surveys import (
    RATINGS,
    AnswerProblem,
    Question,
    QuestionKind,
    clean_answers,
    satisfaction_rate,
    summarise,
)

SUPPORT = Question("q1", "支持改造吗？", QuestionKind.CHOICE, ("支持", "不支持", "无所谓"))
WANTS = Question("q2", "希望改造", QuestionKind.MULTIPLE, ("电梯", "停车", "绿化"), required=False)
QUALITY = Question("q3", "工程质量", QuestionKind.RATING)
OVERALL = Question("q4", "总体满意度", QuestionKind.RATING)
NOTES = Question("q5", "建议", QuestionKind.TEXT, required=False)
QUESTIONS = (SUPPORT, WANTS, QUALITY, OVERALL, NOTES)


def test_clean_answers_keep_the_options_in_their_order() -> None:
    answers, errors = clean_answers(
        QUESTIONS,
        {"q1": ["支持"], "q2": ["绿化", "电梯"], "q3": ["5"], "q4": ["3"], "q5": [" 好 "]},
    )
    assert errors == []
    assert answers == {"q1": "支持", "q2": ("电梯", "绿化"), "q3": 5, "q4": 3, "q5": "好"}


def test_every_problem_is_reported_by_question() -> None:
    _answers, errors = clean_answers(
        QUESTIONS, {"q1": ["支持", "不支持"], "q2": ["游泳池"], "q3": ["6"], "q5": ["长" * 501]}
    )
    assert {(e.question, e.problem) for e in errors} == {
        ("q1", AnswerProblem.ONE_ONLY),
        ("q2", AnswerProblem.NOT_AN_OPTION),
        ("q3", AnswerProblem.NOT_AN_OPTION),
        ("q4", AnswerProblem.REQUIRED),
        ("q5", AnswerProblem.TOO_LONG),
    }


def test_optional_questions_may_be_left_blank() -> None:
    answers, errors = clean_answers(QUESTIONS, {"q1": ["无所谓"], "q3": ["1"], "q4": ["2"]})
    assert errors == [] and "q2" not in answers and "q5" not in answers


def test_fairly_satisfied_counts_as_satisfied() -> None:
    items = summarise(QUESTIONS, [{"q3": 3, "q4": 2}, {"q3": 5, "q4": 1}])
    quality = items[2]
    assert quality.mean == 4 and quality.satisfied == 1
    assert satisfaction_rate(items) == Fraction(2, 4)
    assert satisfaction_rate(summarise(QUESTIONS, [])) is None


answer_sets = st.lists(
    st.fixed_dictionaries(
        {"q1": st.sampled_from(SUPPORT.options), "q3": st.sampled_from(RATINGS)},
        optional={"q2": st.lists(st.sampled_from(WANTS.options), unique=True).map(tuple)},
    ),
    max_size=40,
)


@given(answer_sets)
def test_counts_add_up_to_the_answers(sets: list[dict[str, Any]]) -> None:
    items = summarise(QUESTIONS, sets)
    support, wants, quality = items[0], items[1], items[2]
    assert support.answered == sum(support.counts.values()) == len(sets)
    assert quality.answered == sum(quality.counts.values()) == len(sets)
    assert sum(wants.counts.values()) == sum(len(s.get("q2", ())) for s in sets)
    rate = satisfaction_rate(items)
    if not sets:
        assert rate is None
    else:
        assert rate is not None and 0 <= rate <= 1
        assert sum(support.share(o) for o in SUPPORT.options) == 1
