"""An outcome indicator's name and unit on a page (web.outcomes)."""

from __future__ import annotations

from decimal import Decimal

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


@register.filter
def outcome_figure(quantity: Decimal) -> str:
    """As many places as the figure has, none trailing: 18.48, 93, 115828.71."""
    return format(quantity.normalize(), "f") if quantity else "0"
