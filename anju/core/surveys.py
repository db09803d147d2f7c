"""Consultations and satisfaction surveys (征求意见、民意验收): questions, the answers one household
gives, and the per-item summary a residents' committee reads out.

Ratings run from 5 (非常满意) to 1 (非常不满意); the satisfaction rate counts 基本满意 (3) and above
as satisfied, the way Chinese satisfaction surveys report 满意率. Rates are exact fractions.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction


class QuestionKind(enum.StrEnum):
    CHOICE = "choice"
    MULTIPLE = "multiple"
    RATING = "rating"
    TEXT = "text"


RATINGS = (5, 4, 3, 2, 1)
SATISFIED_FROM = 3
TEXT_LIMIT = 500

Answer = str | int | tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    text: str
    kind: QuestionKind
    options: tuple[str, ...] = ()
    required: bool = True


class AnswerProblem(enum.StrEnum):
    REQUIRED = "required"
    NOT_AN_OPTION = "not_an_option"
    ONE_ONLY = "one_only"
    TOO_LONG = "too_long"


@dataclass(frozen=True, slots=True)
class AnswerError:
    question: str
    problem: AnswerProblem


def clean_answers(
    questions: Sequence[Question], raw: Mapping[str, Sequence[str]]
) -> tuple[dict[str, Answer], list[AnswerError]]:
    """The answers as stored, or every problem with them; nothing outside the options is kept."""
    answers: dict[str, Answer] = {}
    errors: list[AnswerError] = []
    for question in questions:
        given = [value.strip() for value in raw.get(question.key, ()) if value.strip()]
        if not given:
            if question.required:
                errors.append(AnswerError(question.key, AnswerProblem.REQUIRED))
            continue
        problem = _problem(question, given)
        if problem is not None:
            errors.append(AnswerError(question.key, problem))
        elif question.kind is QuestionKind.MULTIPLE:
            answers[question.key] = tuple(o for o in question.options if o in given)
        elif question.kind is QuestionKind.RATING:
            answers[question.key] = int(given[0])
        else:
            answers[question.key] = given[0]
    return answers, errors


def _problem(question: Question, given: list[str]) -> AnswerProblem | None:
    if question.kind is not QuestionKind.MULTIPLE and len(given) > 1:
        return AnswerProblem.ONE_ONLY
    if question.kind is QuestionKind.TEXT:
        return AnswerProblem.TOO_LONG if len(given[0]) > TEXT_LIMIT else None
    allowed = (
        {str(r) for r in RATINGS} if question.kind is QuestionKind.RATING else set(question.options)
    )
    return None if set(given) <= allowed else AnswerProblem.NOT_AN_OPTION


@dataclass(slots=True)
class ItemSummary:
    question: Question
    answered: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)

    def share(self, option: str) -> Fraction:
        return Fraction(self.counts.get(option, 0), self.answered) if self.answered else Fraction(0)

    @property
    def mean(self) -> Fraction | None:
        """The mean rating, for rating questions that someone answered."""
        if self.question.kind is not QuestionKind.RATING or not self.answered:
            return None
        return Fraction(sum(int(k) * n for k, n in self.counts.items()), self.answered)

    @property
    def satisfied(self) -> Fraction | None:
        if self.question.kind is not QuestionKind.RATING or not self.answered:
            return None
        yes = sum(n for k, n in self.counts.items() if int(k) >= SATISFIED_FROM)
        return Fraction(yes, self.answered)


def summarise(
    questions: Sequence[Question], answer_sets: Iterable[Mapping[str, Answer]]
) -> list[ItemSummary]:
    """Per question: how many answered and how many chose each option (every option listed,
    chosen or not); free text is collected as written."""
    items = {q.key: ItemSummary(q) for q in questions}
    for item in items.values():
        keys = (
            [str(r) for r in RATINGS]
            if item.question.kind is QuestionKind.RATING
            else list(item.question.options)
        )
        item.counts = dict.fromkeys(keys, 0)
    for answers in answer_sets:
        for key, answer in answers.items():
            target = items.get(key)
            if target is None:
                continue
            target.answered += 1
            if target.question.kind is QuestionKind.TEXT:
                target.texts.append(str(answer))
            elif isinstance(answer, tuple | list):
                for option in answer:
                    target.counts[option] = target.counts.get(option, 0) + 1
            else:
                target.counts[str(answer)] = target.counts.get(str(answer), 0) + 1
    return list(items.values())


def satisfaction_rate(items: Sequence[ItemSummary]) -> Fraction | None:
    """The survey's satisfaction rate: satisfied ratings over all ratings given, every rating
    question weighing alike. None when nobody rated anything."""
    rated = [item for item in items if item.question.kind is QuestionKind.RATING]
    answered = sum(item.answered for item in rated)
    if not answered:
        return None
    satisfied = sum(n for item in rated for k, n in item.counts.items() if int(k) >= SATISFIED_FROM)
    return Fraction(satisfied, answered)
