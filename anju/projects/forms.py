from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from anju.projects.models import Step


class RecordForm(forms.Form):
    step = forms.ChoiceField(label=gettext_lazy("Step"), choices=Step.choices)
    done_on = forms.DateField(
        label=gettext_lazy("Done on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)
