from __future__ import annotations

from collections.abc import Iterable

from django import template

from anju.web.facilities import facility_words

register = template.Library()


@register.filter(name="facility_words")
def facility_words_filter(keys: Iterable[str]) -> str:
    return facility_words(keys)


@register.filter
def facility_words_one(key: str) -> str:
    return facility_words([key])
