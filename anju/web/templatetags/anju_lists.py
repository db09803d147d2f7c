"""The parts every long list shares: numbered pages with a choice of size, and column headers
that sort the list by themselves, each saying which way it is sorted."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import template
from django.core.paginator import Paginator
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from anju.web.paging import PAGE_SIZES

register = template.Library()


@register.filter
def elided(paginator: Paginator[Any], number: int) -> Iterator[Any]:
    return paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)


@register.simple_tag
def page_sizes() -> tuple[int, ...]:
    return PAGE_SIZES


@register.simple_tag(takes_context=True)
def sort_header(
    context: Any, key: str, label: str, num: bool = False, default: str = ""
) -> SafeString:
    """A header that sorts by its column, ascending first and reversed on the next click; the
    current direction is marked for the eye (▲▼) and for a screen reader (aria-sort)."""
    request = context["request"]
    current = request.GET.get("sort") or default
    query = request.GET.copy()
    query.pop("page", None)
    if current == key:
        query["sort"], state, arrow = f"-{key}", "ascending", " ▲"
        hint = _("Sorted ascending; choose to sort descending")
    elif current == f"-{key}":
        query["sort"], state, arrow = key, "descending", " ▼"
        hint = _("Sorted descending; choose to sort ascending")
    else:
        query["sort"], state, arrow = key, "none", ""
        hint = _("Choose to sort by this column")
    return format_html(
        '<th{} aria-sort="{}"><a href="?{}" title="{}" data-sort="{}">{}{}</a></th>',
        mark_safe(' class="num"') if num else "",
        state,
        query.urlencode(),
        hint,
        key,
        label,
        arrow,
    )
