from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from anju.participation.models import Matter, PollKind
from anju.policy.library import pack_choices
from anju.registry.models import Building, Community


class _DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


class PollForm(forms.Form):
    """The terms of a new poll; what is asked follows from its kind."""

    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(
        label=_("What is asked, and why"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    opens_at = forms.DateTimeField(label=_("Opens"), widget=_DateTimeInput())
    closes_at = forms.DateTimeField(label=_("Closes"), widget=_DateTimeInput())

    def __init__(self, *args: Any, community: Community, kind: PollKind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == PollKind.VOTE:
            self.fields["matter"] = forms.ChoiceField(label=_("Matter"), choices=Matter.choices)
            self.fields["building"] = forms.ModelChoiceField(
                label=_("Building (empty: the whole community)"),
                queryset=Building.objects.filter(community=community).order_by("id"),
                required=False,
            )
            self.fields["unit"] = forms.CharField(
                label=_("Stairway unit (empty: the whole building)"), max_length=20, required=False
            )
        if kind in (PollKind.NEEDS, PollKind.CONTENT):
            self.fields["pack"] = forms.ChoiceField(label=_("Policy pack"), choices=pack_choices())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("A poll must close after it opens."))
        if data.get("unit") and not data.get("building"):
            self.add_error("unit", _("Choose the building the stairway unit belongs to."))
        return data


class UnsoldForm(forms.Form):
    unsold = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args: Any, electors: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unsold"].choices = electors  # type: ignore[attr-defined]


class VoidForm(forms.Form):
    reason = forms.CharField(label=_("Reason for voiding"), max_length=200)
