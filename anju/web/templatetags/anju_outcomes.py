"""An outcome indicator's name and unit on a page (web.outcomes)."""

from __future__ import annotations

from django import template

from anju.core.outcomes import Indicator
from anju.web.outcomes import RECORDED_UNIT, REPORTED_UNIT, outcome_name

register = template.Library()

register.filter("outcome_name", outcome_name)


@register.filter
def outcome_unit(indicator: str) -> str:
    return str(RECORDED_UNIT[Indicator(indicator)])


@register.filter
def reported_unit(indicator: str) -> str:
    return str(REPORTED_UNIT[Indicator(indicator)])
