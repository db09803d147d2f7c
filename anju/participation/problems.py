"""Ballot-file problems in the user's language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from anju.core.surveys import TEXT_LIMIT, AnswerProblem
from anju.core.votes import BallotFileError, BallotProblem


def describe(error: BallotFileError) -> str:
    messages = {
        BallotProblem.MISSING_COLUMNS: _("missing columns: {value}"),
        BallotProblem.EMPTY: _("dwelling_id and owner_id must not be empty"),
        BallotProblem.BAD_AREA: _("exclusive_area “{value}” is not a positive number of m²"),
        BallotProblem.BAD_CHOICE: _("choice “{value}” must be agree, against, abstain or none"),
        BallotProblem.DUPLICATE_DWELLING: _("dwelling {value} already has a ballot"),
        BallotProblem.INCONSISTENT_OWNER: _(
            "owner {value} chose differently for another dwelling; one owner has one voice"
        ),
        BallotProblem.NO_BALLOTS: _("the file holds no ballots"),
        BallotProblem.MALFORMED: _("not a CSV line Anju can read ({value})"),
    }
    return _("line {line}: {message}").format(
        line=error.line, message=messages[error.problem].format(value=error.value)
    )


def answer_problem(problem: AnswerProblem) -> str:
    messages = {
        AnswerProblem.REQUIRED: _("Please answer this question."),
        AnswerProblem.NOT_AN_OPTION: _("Choose one of the answers offered."),
        AnswerProblem.ONE_ONLY: _("Choose only one answer."),
        AnswerProblem.TOO_LONG: _("Please keep it to {limit} characters.").format(limit=TEXT_LIMIT),
    }
    return messages[problem]
