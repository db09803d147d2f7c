"""What the pages share in handling forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest


def form_errors(request: HttpRequest, form: forms.BaseForm) -> None:
    """Each error of a refused form as a message, named by its field's label."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}：{error}" if label else str(error))


class BareForm(forms.Form):
    """A form whose fields stand bare, in a table's cells under column headers or inline in a
    sentence, not beside labels: each carries its label for those who hear the page rather than
    see it (WCAG 1.3.1, 4.1.2)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.label and not field.widget.is_hidden:
                field.widget.attrs.setdefault("aria-label", str(field.label))
