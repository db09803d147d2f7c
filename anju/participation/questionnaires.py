"""The questions each kind of consultation starts with, written in the language of the person
creating it (residents read them as stored)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from anju.core.content_list import Line
from anju.core.policy_pack import CATEGORIES, Pack
from anju.core.surveys import Question, QuestionKind


def _agree_options() -> tuple[str, ...]:
    return (_("Agree"), _("Disagree"), _("No opinion"))


def _suggestions() -> Question:
    return Question("", _("Anything else you need or suggest?"), QuestionKind.TEXT, required=False)


def needs(pack: Pack) -> list[Question]:
    """Before the plan (问需于民): whether the household supports renovating, and what it wants
    most, from the pack's menu category by category."""
    questions = [
        Question(
            "",
            _("Do you support renovating this community?"),
            QuestionKind.CHOICE,
            (_("Support"), _("Do not support"), _("No opinion")),
        )
    ]
    for category in CATEGORIES:
        rule = getattr(pack.content.categories, category)
        names = tuple(item.name for item in pack.content.items if item.category == category)
        if names:
            questions.append(
                Question(
                    "",
                    _("%(category)s: which would your household most like done?")
                    % {"category": rule.name},
                    QuestionKind.MULTIPLE,
                    names,
                    required=False,
                )
            )
    questions.append(_suggestions())
    return questions


def content(lines: Sequence[Line]) -> list[Question]:
    """On the proposed plan (问计于民): one question per selected line of the content list."""
    questions = [
        Question(
            "",
            _("Do you agree to include “%(item)s”?") % {"item": line.name},
            QuestionKind.CHOICE,
            _agree_options(),
        )
        for line in lines
        if line.selected
    ]
    questions.append(_suggestions())
    return questions


def satisfaction() -> list[Question]:
    """After completion (问效于民, 民意验收)."""
    aspects = (
        _("Quality of the work"),
        _("Organisation of the works and tidiness on site"),
        _("Result of the renovation"),
        _("Management and services after the renovation"),
        _("Overall satisfaction"),
    )
    return [Question("", aspect, QuestionKind.RATING) for aspect in aspects] + [_suggestions()]
