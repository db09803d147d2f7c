"""A form's fields shown to those who may read but not change them."""

from __future__ import annotations

from typing import Any

from django import forms, template

register = template.Library()


@register.filter
def chosen(field: forms.BoundField) -> str:
    """A choice field's value by its label (老化破损或不足, not damaged), or — when empty."""
    value: Any = field.value()
    if value in (None, ""):
        return "—"
    choices = dict(getattr(field.field, "choices", ()))
    return str(choices.get(value, value))
