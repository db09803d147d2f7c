from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from anju.assessment.models import Category, Condition, Per
from anju.web.facilities import Facility
from anju.web.forms import BareForm, name_in_row

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NOT_ASSESSED = [("", _("Not assessed"))]


def _amount(label: StrOrPromise, *, required: bool, digits: int = 14) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=required, max_digits=digits, decimal_places=2, min_value=Decimal(0)
    )


class ConditionsForm(forms.Form):
    """One condition and note per facility, in the checklist's order."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for facility in Facility:
            self.fields[facility.value] = forms.ChoiceField(
                label=facility.label, choices=NOT_ASSESSED + Condition.choices, required=False
            )
            self.fields[f"{facility.value}_note"] = note = forms.CharField(
                label=_("Note"), max_length=200, required=False
            )
            name_in_row([note], facility.label)

    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[facility.value], self[f"{facility.value}_note"]) for facility in Facility]

    def values(self) -> dict[str, tuple[str, str]]:
        return {
            facility.value: (
                self.cleaned_data[facility.value],
                self.cleaned_data[f"{facility.value}_note"].strip(),
            )
            for facility in Facility
        }


class ContentLineForm(BareForm):
    # which line the row edits, so that a list that changed meanwhile is caught, not mis-edited
    line = forms.CharField(widget=forms.HiddenInput, max_length=100)
    selected = forms.BooleanField(label=_("In the plan"), required=False)
    quantity = _amount(_("Quantity"), required=False)
    unit_cost = _amount(_("Unit price (yuan)"), required=True, digits=12)

    def row_name(self) -> object:
        return self.initial.get("name", "")


ContentLineFormSet = forms.formset_factory(ContentLineForm, extra=0)


class AddLineForm(forms.Form):
    """A line the menu does not have, put on the list by staff."""

    name = forms.CharField(label=_("Content"), max_length=100, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    per = forms.ChoiceField(label=_("Priced"), choices=Per.choices)
    quantity = _amount(_("Quantity"), required=False)
    unit_cost = _amount(_("Unit price (yuan)"), required=False, digits=12)
    changes_structure = forms.BooleanField(label=_("Changes the main structure"), required=False)
    changes_land_ownership = forms.BooleanField(label=_("Changes land ownership"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("name") and data.get("unit_cost") is None:
            self.add_error("unit_cost", _("Give the unit price of the added line."))
        return data
