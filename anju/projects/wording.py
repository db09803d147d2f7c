"""Why a project may not move, said in the user's language with the clause behind it."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from anju.core.deadlines import YearProblem
from anju.core.lifecycle import MoveProblem, Refusal
from anju.policy.library import citation_words


def refusal_text(refusal: Refusal) -> str:
    if refusal.problem is MoveProblem.BUNDLED:
        return _("This community is packed into another project, which moves for it.")
    if refusal.problem is MoveProblem.NOT_NEXT or refusal.gate is None:
        return _("A project moves one stage at a time; this is not the next stage.")
    return _("Not yet: {text} ({cite}).").format(
        text=refusal.gate.text, cite=citation_words(refusal.gate.cite)
    )


def year_problem_text(problem: YearProblem, due: dt.date) -> str:
    return {
        YearProblem.NOT_STARTED: _("The works did not start by {due}."),
        YearProblem.STARTED_LATE: _("The works started after {due}."),
        YearProblem.NOT_FINISHED: _("The works were not completed by {due}."),
        YearProblem.FINISHED_LATE: _("The works were completed after {due}."),
    }[problem].format(due=due.isoformat())
