"""What the pages share in handling forms."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


def form_errors(request: HttpRequest, form: forms.BaseForm) -> None:
    """Each error of a refused form as a message, named by its field's label."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}：{error}" if label else str(error))


def name_in_row(fields: Iterable[forms.Field], row: object = "") -> None:
    """A field in a table's cell or inline in a sentence stands under its column's header or
    beside its row's first cell, not by a label of its own. It carries its label for those who
    hear the page rather than see it (WCAG 1.3.1, 4.1.2), after its row's name where a table
    has rows alike: "供水设施维修改造：数量", "第2行：年度"."""
    for field in fields:
        if field.label and not field.widget.is_hidden:
            field.widget.attrs["aria-label"] = (
                format_lazy("{}：{}", row, field.label) if row else field.label
            )


def row_number(n: int) -> Any:
    return format_lazy(_("Row {n}"), n=n)


class BareForm(forms.Form):
    """A form whose fields stand bare (name_in_row). In a formset, a row is named by its place
    unless the form names it otherwise."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name_in_row(self.fields.values(), self.row_name())

    def row_name(self) -> object:
        place = (self.prefix or "").rpartition("-")[2]
        return row_number(int(place) + 1) if place.isdigit() else ""


class YuanField(forms.DecimalField):
    """Yuan as people type them, thousands separators and full-width digits forgiven: a text
    box, since a number box refuses the separators people copy from a spreadsheet."""

    widget = forms.TextInput

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {"inputmode": "decimal"}

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).replace(",", "").strip()
        return super().to_python(value)
