from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from anju.core.eligibility import Status, Verdict
from anju.registry.eligibility import STATUS_LABELS

register = template.Library()


@register.filter
def status_label(status: Status) -> str:
    return str(STATUS_LABELS[Status(status)])


@register.filter
def verdict_badge(verdict: Verdict) -> SafeString:
    """A filter, not an included template: the registry writes one in every row."""
    return format_html(
        '<span class="status status-{}">{}</span>', verdict.status, status_label(verdict.status)
    )
