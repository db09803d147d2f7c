from __future__ import annotations

from decimal import Decimal

from django import template

from anju.assessment.models import Category, Per, Proposal
from anju.core.content_list import wan

register = template.Library()


@register.filter(name="wan")
def wan_filter(yuan: Decimal | None) -> str:
    """Yuan shown as 万元 with two decimals, as officials read budgets."""
    return "—" if yuan is None else f"{wan(yuan):,.2f}"


@register.filter
def category_label(value: str) -> str:
    return str(Category(value).label)


@register.filter
def per_label(value: str) -> str:
    return str(Per(value).label)


@register.filter
def proposal_label(value: str) -> str:
    return str(Proposal(value).label)
