from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from anju.core.money import fen_of
from anju.core.procurement import Kind, Method
from anju.divisions.models import Division
from anju.form_fields import DateField, PhotoField
from anju.procurement.models import Form
from anju.procurement.wording import KIND_LABELS, METHOD_LABELS
from anju.web.forms import YuanField

KINDS = [(k.value, KIND_LABELS[k]) for k in Kind]
METHODS = [("", _("Not let yet")), *((m.value, METHOD_LABELS[m]) for m in Method)]


def _yuan(label: Any, required: bool = True) -> YuanField:
    return YuanField(
        label=label,
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=2,
        required=required,
    )


def _day(label: Any) -> DateField:
    return DateField(label=label, required=False)


class LotForm(forms.Form):
    """A lot as it is first set out: what it buys and what it is expected to cost."""

    name = forms.CharField(label=_("Lot"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=KINDS)
    form = forms.ChoiceField(label=_("Let as"), choices=Form.choices, initial=Form.SEPARATE)
    estimate = _yuan(_("Estimate (yuan)"))
    method = forms.ChoiceField(label=_("Method"), choices=METHODS, required=False)

    def fen(self, field: str) -> int | None:
        value = self.cleaned_data.get(field)
        return None if value is None else fen_of(value)


class AwardForm(LotForm):
    """The whole lot, from announcement to award, as the bureau keeps it up to date."""

    announced_on = _day(_("Announced"))
    opened_on = _day(_("Bids opened"))
    publicity_from = _day(_("Candidates published from"))
    publicity_until = _day(_("Candidates published until"))
    awarded_on = _day(_("Awarded"))
    winner = forms.CharField(label=_("Winner"), max_length=100, required=False)
    price = _yuan(_("Contract price (yuan)"), required=False)
    named_lead = forms.CharField(
        label=_("Named lead (project manager, chief supervisor)"), max_length=50, required=False
    )


class MonitorForm(forms.Form):
    name = forms.CharField(label=_("Resident's name"), max_length=30)
    skill = forms.CharField(label=_("Technical background (if any)"), max_length=60, required=False)


PHOTOS_PER_OBSERVATION = 3


class ObservationForm(forms.Form):
    text = forms.CharField(
        label=_("What did you see?"), max_length=500, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for slot in range(1, PHOTOS_PER_OBSERVATION + 1):
            self.fields[f"photo_{slot}"] = PhotoField(
                label=_("Photo {n}").format(n=slot),
                required=False,
                widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),  # camera or album
            )

    def photos(self) -> list[Any]:
        return [
            self.cleaned_data[f"photo_{slot}"]
            for slot in range(1, PHOTOS_PER_OBSERVATION + 1)
            if self.cleaned_data.get(f"photo_{slot}")
        ]


class AnswerForm(forms.Form):
    observation = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(
        label=_("Your answer"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class DebarmentUploadForm(forms.Form):
    division = forms.ChoiceField(label=_("Kept by"))

    def __init__(self, *args: Any, divisions: list[Division], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["division"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(d.code, d.name) for d in divisions]


class VariationForm(forms.Form):
    amount = YuanField(
        label=_("Change to the price (yuan; below zero for a reduction)"),
        max_digits=14,
        decimal_places=2,
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)
    agreed_on = DateField(label=_("Agreed on"))
    approved_on = DateField(label=_("Approved on (if approved)"), required=False)
    approval = forms.CharField(label=_("Approval document"), max_length=100, required=False)


class ApprovalForm(forms.Form):
    approved_on = DateField(label=_("Approved on"))
    approval = forms.CharField(label=_("Approval document"), max_length=100)
