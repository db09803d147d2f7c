from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django import template

from anju.core.content_list import wan
from anju.core.money import yuan_read

register = template.Library()


@register.filter
def yuan(fen: int | None) -> str:
    """Fen as yuan with thousands separators, to the fen."""
    return "—" if fen is None else yuan_read(fen)


@register.filter
def fen_wan(fen: int | None) -> str:
    return "—" if fen is None else f"{wan(Decimal(fen) / 100):,.2f}"


@register.filter
def share(value: Fraction | None) -> str:
    return "—" if value is None else f"{float(value) * 100:.1f}%"
