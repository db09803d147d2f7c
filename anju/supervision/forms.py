"""The supervision pages' forms: closing a project in the ledger, a district's publicity
report, a responsible unit's report on its task, and the bulletin asked for."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anju.core.policy_pack import Pack
from anju.core.report_periods import PeriodKind, begun, parse_period, period_words
from anju.core.responsibilities import units
from anju.divisions.models import Division
from anju.form_fields import DateField


class CloseForm(forms.Form):
    closed_on = DateField(label=gettext_lazy("Closed on"))
    evidence = forms.CharField(label=gettext_lazy("Evidence"), max_length=200)


class PublicityForm(forms.Form):
    district = forms.ChoiceField(label=gettext_lazy("District"))
    sent_on = DateField(label=gettext_lazy("Sent on"))
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)

    def __init__(self, *args: Any, districts: list[Division], **kw: Any) -> None:
        super().__init__(*args, **kw)
        field = self.fields["district"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(d.code, d.name) for d in districts]


class TaskReportForm(forms.Form):
    task = forms.ChoiceField(label=gettext_lazy("Task"))
    unit = forms.ChoiceField(label=gettext_lazy("Unit"))
    reported_on = DateField(label=gettext_lazy("Reported on"))
    summary = forms.CharField(
        label=gettext_lazy("Summary"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, pack: Pack, **kw: Any) -> None:
        super().__init__(*args, **kw)
        for name, choices in (
            ("task", [(d.task, d.task) for d in pack.duties]),
            ("unit", [(u, u) for u in units(pack.duties)]),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices


class ReportForm(forms.Form):
    """The period is picked from those begun, named as the bulletin's title names them."""

    area = forms.ChoiceField(label=gettext_lazy("Area"))
    period = forms.TypedChoiceField(label=gettext_lazy("Period"), coerce=parse_period)

    def __init__(self, *args: Any, areas: list[Division], today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["area"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(d.code, d.name) for d in areas]
        field = self.fields["period"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (group, [(str(p), period_words(p)) for p in begun(kind, today, count)])
            for group, kind, count in (
                (_("Monthly bulletins"), PeriodKind.MONTH, 24),
                (_("Quarterly bulletins"), PeriodKind.QUARTER, 8),
                (_("Annual summaries"), PeriodKind.YEAR, 3),
            )
        ]
