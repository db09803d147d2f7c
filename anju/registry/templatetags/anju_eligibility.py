from __future__ import annotations

from django import template

from anju.core.eligibility import Status
from anju.registry.eligibility import STATUS_LABELS

register = template.Library()


@register.filter
def status_label(status: Status) -> str:
    return str(STATUS_LABELS[Status(status)])
