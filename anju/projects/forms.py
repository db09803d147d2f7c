from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy

from anju.core.approvals import StepState
from anju.core.outcomes import QUANTITY_DIGITS, QUANTITY_PLACES
from anju.form_fields import DateField, PhotoField
from anju.projects.models import InspectionKind, Project, Step, UtilityNetwork
from anju.projects.outcomes import OutcomeLine
from anju.projects.services.approvals import JOINT_REVIEW
from anju.projects.services.construction import DETAILS
from anju.projects.services.utility_works import ground_segments
from anju.web.forms import BareForm

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PHOTO_SLOTS = 3


def _date(label: StrOrPromise, *, required: bool = True) -> forms.DateField:
    return DateField(label=label, required=required)


class RecordForm(forms.Form):
    step = forms.ChoiceField(label=gettext_lazy("Step"), choices=Step.choices)
    done_on = _date(gettext_lazy("Done on"))
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)


class DetailsForm(forms.ModelForm[Project]):
    class Meta:
        model = Project
        fields = list(DETAILS)
        widgets = {
            name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for name in ("started_on", "due_on", "completed_on")
        }


class ApprovalForm(forms.Form):
    step = forms.ChoiceField(label=gettext_lazy("Approval"))
    granted_on = _date(gettext_lazy("Granted on"))
    reference = forms.CharField(
        label=gettext_lazy("Document number"), max_length=100, required=False
    )

    def __init__(self, *args: Any, states: list[StepState], joint_review: bool, **kw: Any):
        super().__init__(*args, **kw)
        open_steps: list[tuple[str, StrOrPromise]] = [
            (s.step.key, s.step.text) for s in states if not s.settled or s.owed
        ]
        if joint_review and any(s.step.joint_review and (not s.settled or s.owed) for s in states):
            open_steps.insert(0, (JOINT_REVIEW, gettext_lazy("Joint review (all it grants)")))
        field = self.fields["step"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = open_steps


class ProgressForm(forms.Form):
    on = _date(gettext_lazy("As of"))
    percent = forms.IntegerField(label=gettext_lazy("Percent done"), min_value=0, max_value=100)
    spent_yuan = forms.DecimalField(
        label=gettext_lazy("Spent so far (yuan)"), min_value=0, max_digits=14, decimal_places=2
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        for slot in range(1, PHOTO_SLOTS + 1):
            self.fields[f"photo_{slot}"] = PhotoField(label=gettext_lazy("Photo"), required=False)
            self.fields[f"caption_{slot}"] = forms.CharField(
                label=gettext_lazy("Caption"), max_length=200, required=False
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for slot in range(1, PHOTO_SLOTS + 1):
            if data.get(f"photo_{slot}") and not data.get(f"caption_{slot}", "").strip():
                self.add_error(f"caption_{slot}", gettext_lazy("Say what the photo shows."))
        return data

    def values(self) -> dict[str, Any]:
        """The report as ``progress_report_add`` takes it."""
        data = self.cleaned_data
        return {
            "on": data["on"],
            "percent": data["percent"],
            "spent_yuan": data["spent_yuan"],
            "note": data["note"],
            "photos": [
                (data[f"photo_{slot}"], data[f"caption_{slot}"].strip())
                for slot in range(1, PHOTO_SLOTS + 1)
                if data.get(f"photo_{slot}")
            ],
        }


class InspectionForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=InspectionKind.choices)
    on = _date(gettext_lazy("Held on"))
    by = forms.CharField(
        label=gettext_lazy("Inspected by (departments, utilities)"), max_length=200
    )
    residents = forms.CharField(
        label=gettext_lazy("Residents' representatives"), max_length=200, required=False
    )
    passed = forms.BooleanField(label=gettext_lazy("Passed"), required=False)
    defects = forms.CharField(
        label=gettext_lazy("Defects found, one per line"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    note = forms.CharField(label=gettext_lazy("Findings"), max_length=500, required=False)
    manager_on_site = forms.NullBooleanField(
        label=gettext_lazy("The contractor's project manager on site")
    )
    supervisor_on_site = forms.NullBooleanField(label=gettext_lazy("The chief supervisor on site"))

    def values(self) -> dict[str, Any]:
        """The inspection as ``inspection_record`` takes it, a defect per line."""
        data = self.cleaned_data
        return {
            **data,
            "kind": InspectionKind(data["kind"]),
            "defects": [line for line in data["defects"].splitlines() if line.strip()],
        }


class OutcomesForm(forms.Form):
    """One quantity per line that feeds an outcome, as the acceptance counted it; the lists'
    quantity is offered where it already counts the indicator."""

    def __init__(self, *args: Any, lines: Sequence[OutcomeLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for line in lines:
            self.fields[line.key] = forms.DecimalField(
                label=line.name,
                min_value=Decimal(0),
                max_digits=QUANTITY_DIGITS + QUANTITY_PLACES,
                decimal_places=QUANTITY_PLACES,
                required=False,
                initial=line.counted,
            )
        self.lines = list(lines)

    def rows(self) -> list[tuple[OutcomeLine, forms.BoundField]]:
        return [(line, self[line.key]) for line in self.lines]

    def quantities(self) -> dict[str, Decimal]:
        return {key: value for key, value in self.cleaned_data.items() if value is not None}


class DefectFixForm(BareForm):
    fixed_on = _date(gettext_lazy("Fixed on"))


class UtilityWorkForm(forms.Form):
    network = forms.ChoiceField(label=gettext_lazy("Network"), choices=UtilityNetwork.choices)
    utility = forms.CharField(label=gettext_lazy("Carried out by"), max_length=100)
    ground = forms.CharField(label=gettext_lazy("Ground opened (comma-separated)"), max_length=300)
    starts_on = _date(gettext_lazy("Digging starts"))
    ends_on = _date(gettext_lazy("Digging ends"))

    def values(self) -> dict[str, Any]:
        """The works as ``utility_work_add`` takes them, the ground split into segments."""
        data = self.cleaned_data
        return {
            **data,
            "network": UtilityNetwork(data["network"]),
            "ground": ground_segments(data["ground"]),
        }
