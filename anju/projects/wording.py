"""Why a project may not move, said in the user's language with the clause behind it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from anju.core.lifecycle import MoveProblem, Refusal


def refusal_text(refusal: Refusal) -> str:
    if refusal.problem is MoveProblem.NOT_NEXT or refusal.gate is None:
        return _("A project moves one stage at a time; this is not the next stage.")
    return _("Not yet: {text} ({cite}).").format(text=refusal.gate.text, cite=refusal.gate.cite)
