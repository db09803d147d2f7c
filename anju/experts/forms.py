from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from anju.divisions.models import Division
from anju.experts.models import Specialty, Verdict
from anju.form_fields import DateField

MAX_PER_SPECIALTY = 9


class ExpertForm(forms.Form):
    division = forms.ChoiceField(label=gettext_lazy("Library of"))
    name = forms.CharField(label=gettext_lazy("Name"), max_length=60)
    employer = forms.CharField(label=gettext_lazy("Employer"), max_length=100)
    specialties = forms.MultipleChoiceField(
        label=gettext_lazy("Specialties"),
        choices=Specialty.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, divisions: list[Division], **kw: Any) -> None:
        super().__init__(*args, **kw)
        field = self.fields["division"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(d.code, d.name) for d in divisions]


class DrawForm(forms.Form):
    """Who the panel must be independent of, and how many reviewers of each specialty."""

    designer = forms.CharField(label=gettext_lazy("Designer"), max_length=100)
    contractor = forms.CharField(label=gettext_lazy("Contractor"), max_length=100, required=False)

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        for value, label in Specialty.choices:
            self.fields[f"need_{value}"] = forms.IntegerField(
                label=label, min_value=0, max_value=MAX_PER_SPECIALTY, required=False
            )

    def needs(self) -> dict[str, int]:
        return {
            value: count
            for value in Specialty.values
            if (count := self.cleaned_data.get(f"need_{value}") or 0)
        }

    def need_fields(self) -> list[forms.BoundField]:
        return [self[f"need_{value}"] for value in Specialty.values]


class ReviewForm(forms.Form):
    expert = forms.IntegerField(widget=forms.HiddenInput)
    verdict = forms.ChoiceField(label=gettext_lazy("Verdict"), choices=Verdict.choices)
    opinion = forms.CharField(
        label=gettext_lazy("Opinion"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    reviewed_on = DateField(label=gettext_lazy("Reviewed on"))
