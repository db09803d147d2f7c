from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django import template
from django.utils.translation import gettext as _

from anju.core.votes import Check, Measure, fraction_text
from anju.participation.models import Rating

register = template.Library()


@register.filter
def fraction(value: Fraction) -> str:
    return fraction_text(value)


@register.filter
def percent(value: Fraction | None) -> str:
    """For reading only: the exact fraction is what decides and is shown beside it."""
    if value is None:
        return "—"
    exact = Decimal(value.numerator) * 100 / Decimal(value.denominator)
    return f"{exact.quantize(Decimal('0.01'), ROUND_HALF_UP)}%"


@register.filter
def measure_label(check: Check) -> str:
    labels = {
        Measure.PARTICIPATION_AREA: _("Exclusive area taking part"),
        Measure.PARTICIPATION_HEADCOUNT: _("Owners taking part"),
        Measure.CONSENT_AREA: _("Agreeing area, of the area taking part"),
        Measure.CONSENT_HEADCOUNT: _("Agreeing owners, of the owners taking part"),
    }
    return labels[check.measure]


@register.filter
def bound_text(check: Check) -> str:
    if check.strict:
        return _("more than %(bound)s") % {"bound": fraction_text(check.bound)}
    return _("at least %(bound)s") % {"bound": fraction_text(check.bound)}


@register.filter
def rating_label(value: str) -> str:
    return str(Rating(int(value)).label)
