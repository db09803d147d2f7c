from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from anju.form_fields import DateField, DateTimeField
from anju.participation.models import CommentKind, Matter, NoticeSubject, Poll, PollKind
from anju.policy.library import pack_choices
from anju.registry.models import Building, Community


class PollForm(forms.Form):
    """The terms of a new poll; what is asked follows from its kind."""

    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(
        label=_("What is asked, and why"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    opens_at = DateTimeField(label=_("Opens"))
    closes_at = DateTimeField(label=_("Closes"))

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


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class _MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the service, which names any it refuses."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", _MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class NoticeForm(forms.Form):
    subject = forms.ChoiceField(label=_("Subject"), choices=NoticeSubject.choices)
    title = forms.CharField(label=_("Title"), max_length=120)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))
    days = forms.IntegerField(label=_("Period (days)"), min_value=1, max_value=365, initial=7)
    poll = forms.ModelChoiceField(
        label=_("Vote or consultation it announces"), queryset=Poll.objects.none(), required=False
    )
    documents = _MultipleFileField(
        label=_("Documents (PDF, Word, Excel, JPG, PNG; up to 20 MB each)"), required=False
    )

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["poll"].queryset = Poll.objects.filter(community=community)  # type: ignore[attr-defined]


class ExtendForm(forms.Form):
    ends_at = DateTimeField(label=_("New end of the period"))


class CommentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("This is"), choices=CommentKind.choices, widget=forms.RadioSelect, initial="comment"
    )
    text = forms.CharField(
        label=_("Your opinion"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5})
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=30, required=False)
    contact = forms.CharField(
        label=_("Phone, for the answer (optional, never shown)"), max_length=20, required=False
    )


class AnswerForm(forms.Form):
    comment = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))


class SignOffForm(forms.Form):
    signed_on = DateField(label=_("Signed on"))
    body = forms.CharField(
        label=_("Signed by (body)"), max_length=60, initial=_("Owners' committee")
    )
    signatories = forms.CharField(
        label=_("Signatories, one per line"), widget=forms.Textarea(attrs={"rows": 4})
    )
    scan = forms.FileField(label=_("Scan of the signed plan (PDF, JPG or PNG)"))
