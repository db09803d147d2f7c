"""What the pages share in handling forms."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest


def form_errors(request: HttpRequest, form: forms.BaseForm) -> None:
    """Each error of a refused form as a message, named by its field's label."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}：{error}" if label else str(error))
