"""Kinds of lot and ways of letting one, as officials name them; a file may give either the
code or the name (公开招标), in either language."""

from __future__ import annotations

import enum

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from anju.core.procurement import Kind, Method, PublicityProblem

KIND_LABELS: dict[Kind, Promise] = {
    Kind.WORKS: pgettext_lazy("kind of lot", "Works"),
    Kind.GOODS: pgettext_lazy("kind of lot", "Goods"),
    Kind.SERVICES: pgettext_lazy("kind of lot", "Services"),
}
METHOD_LABELS: dict[Method, Promise] = {
    Method.OPEN_TENDER: _("Open tender"),
    Method.INVITED_TENDER: _("Invited tender"),
    Method.COMPETITIVE_CONSULTATION: _("Competitive consultation"),
    Method.COMPETITIVE_NEGOTIATION: _("Competitive negotiation"),
    Method.INQUIRY: _("Request for quotations"),
    Method.SINGLE_SOURCE: _("Single source"),
    Method.DIRECT: _("Direct award"),
}


class LotState(enum.StrEnum):
    NOT_LET = "not_let"  # no way of letting recorded yet
    BEING_LET = "being_let"
    AWARDED = "awarded"


STATE_LABELS: dict[LotState, Promise] = {
    LotState.NOT_LET: _("Not let yet"),
    LotState.BEING_LET: _("Being let"),
    LotState.AWARDED: _("Awarded"),
}


def _names(labels: dict[Kind, Promise] | dict[Method, Promise]) -> dict[str, str]:
    """Every way a file may write each one: its code, and its label in each language."""
    names = {str(code): str(code) for code in labels}
    for language in ("zh-hans", "en"):
        with translation.override(language):
            names |= {str(label).casefold(): str(code) for code, label in labels.items()}
    return names


def kind_of(text: str) -> Kind:
    found = _names(KIND_LABELS).get(text.strip().casefold())
    if found is None:
        raise ValueError(_("is not a kind of lot ({kinds}).").format(kinds=_choices(KIND_LABELS)))
    return Kind(found)


def method_of(text: str) -> Method:
    found = _names(METHOD_LABELS).get(text.strip().casefold())
    if found is None:
        raise ValueError(
            _("is not a way of letting a lot ({methods}).").format(methods=_choices(METHOD_LABELS))
        )
    return Method(found)


def _choices(labels: dict[Kind, Promise] | dict[Method, Promise]) -> str:
    return "、".join(f"{label}（{code}）" for code, label in labels.items())


def publicity_problem_text(lot: str, problem: PublicityProblem, days: int) -> str:
    if problem is PublicityProblem.NONE:
        return gettext(
            "“{lot}” was awarded with no publicity of its winning candidates recorded."
        ).format(lot=lot)
    if problem is PublicityProblem.SHORT:
        return gettext(
            "The winning candidates of “{lot}” were published for fewer than {days} days."
        ).format(lot=lot, days=days)
    return gettext(
        "“{lot}” was awarded before the publicity of its winning candidates had run out."
    ).format(lot=lot)
