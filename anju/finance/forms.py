from __future__ import annotations

import unicodedata
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anju.accounts.jurisdiction import bureau_divisions
from anju.core.access import Capability
from anju.core.funding import HOUSEHOLD_CHANNELS, PUBLIC_CHANNELS, Channels, CostLine
from anju.core.money import NotAnAmount, fen_of
from anju.core.policy_pack import CATEGORIES
from anju.core.years import FIRST_PLAN_YEAR, LAST_PLAN_YEAR
from anju.divisions.models import Division
from anju.finance.models import Channel, OperatingAsset, channel_name
from anju.form_fields import DateField
from anju.web.forms import BareForm, YuanField, name_in_row

CATEGORY_NAMES = {
    "basic": gettext_lazy("Basic"),
    "improvement": gettext_lazy("Improvement"),
    "enhancement": gettext_lazy("Enhancement"),
}


class DrawForm(forms.Form):
    """The first plan: households' share of each category and the public channel for the rest."""

    government = forms.ChoiceField(label=gettext_lazy("Public funds pay the rest from"))

    def __init__(self, *args: Any, channels: Channels, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for category in CATEGORIES:
            self.fields[f"households_{category}"] = forms.DecimalField(
                label=_("Households' share of {category} work (%)").format(
                    category=CATEGORY_NAMES[category]
                ),
                min_value=Decimal(0),
                max_value=Decimal(100),
                decimal_places=2,
                initial=Decimal(0),
            )
        public = [c for c in channels.rules if c in PUBLIC_CHANNELS]
        self.fields["government"].choices = [  # type: ignore[attr-defined]
            (c, channel_name(c)) for c in public
        ]

    def households(self) -> dict[str, Fraction]:
        return {
            category: Fraction(self.cleaned_data[f"households_{category}"]) / 100
            for category in CATEGORIES
        }


def cell_name(key: str, channel: str) -> str:
    return f"amount__{key}__{channel}"


class AllocationForm(forms.Form):
    """The plan as a table: one amount in yuan per line and open channel; cells a channel may
    not pay for are not offered at all."""

    covered_by = forms.ChoiceField(
        label=gettext_lazy("Hardship reductions are paid by"), required=False
    )

    def __init__(
        self,
        *args: Any,
        lines: list[CostLine],
        channels: Channels,
        amounts: dict[tuple[str, str], int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lines = lines
        self.channels = [c for c in channels.rules]
        for line in lines:
            for channel in channels.open_to(line):
                fen = amounts.get((line.key, channel), 0)
                self.fields[cell_name(line.key, channel)] = cell = forms.CharField(
                    label=channel_name(channel),
                    required=False,
                    initial=f"{Decimal(fen) / 100:.2f}" if fen else "",
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 11}),
                )
                name_in_row([cell], line.name)
        self.fields["covered_by"].choices = [  # type: ignore[attr-defined]
            ("", _("the other households (shared among them)"))
        ] + [(c, channel_name(c)) for c in self.channels if c not in HOUSEHOLD_CHANNELS]

    def amounts(self) -> dict[tuple[str, str], int]:
        found: dict[tuple[str, str], int] = {}
        for line in self.lines:
            for channel in self.channels:
                name = cell_name(line.key, channel)
                if name in self.cleaned_data and self.cleaned_data[name] is not None:
                    found[line.key, channel] = self.cleaned_data[name]
        return found

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in list(self.fields):
            if not name.startswith("amount__"):
                continue
            text = (self.data.get(self.add_prefix(name)) or "").strip()
            if not text:
                cleaned[name] = 0
                continue
            try:
                fen = fen_of(text)
            except NotAnAmount:
                fen = -1
            if fen < 0:
                self.add_error(
                    name, _("“{value}” is not an amount of yuan to the fen.").format(value=text)
                )
            else:
                cleaned[name] = fen
        return cleaned


class ReductionForm(forms.Form):
    dwelling = forms.CharField(label=gettext_lazy("Dwelling (building-unit-room)"), max_length=64)
    waived_pct = forms.DecimalField(
        label=gettext_lazy("Share let off (%)"),
        min_value=Decimal("0.01"),
        max_value=Decimal(100),
        decimal_places=2,
        initial=Decimal(100),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason agreed by the owners"),
        max_length=100,
        help_text=gettext_lazy("e.g. 低保户, 特困人员"),
    )


class PaidForm(forms.Form):
    paid_on = DateField(label=gettext_lazy("Paid on"))


def _yuan_field(label: Any) -> forms.DecimalField:
    return YuanField(
        label=label, min_value=Decimal(0), max_digits=14, decimal_places=2, required=False
    )


class AppraisalForm(forms.Form):
    operator = forms.CharField(label=gettext_lazy("Operator"), max_length=100)
    concession_years = forms.IntegerField(
        label=gettext_lazy("Concession (years)"), min_value=1, max_value=50, initial=15
    )
    discount_pct = forms.DecimalField(
        label=gettext_lazy("Discount rate (%)"),
        min_value=Decimal(0),
        max_value=Decimal(50),
        decimal_places=2,
        initial=Decimal(6),
    )


class AssetForm(BareForm):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=OperatingAsset.Kind.choices)
    name = forms.CharField(label=gettext_lazy("Asset"), max_length=100, required=False)
    investment = _yuan_field(gettext_lazy("Investment (yuan)"))
    yearly_income = _yuan_field(gettext_lazy("Yearly income (yuan)"))
    yearly_cost = _yuan_field(gettext_lazy("Yearly operating cost (yuan)"))

    def row(self) -> tuple[str, str, int, int, int] | None:
        data = self.cleaned_data
        if not data.get("name"):
            return None
        investment, income, cost = (
            fen_of(data.get(f) or Decimal(0))
            for f in ("investment", "yearly_income", "yearly_cost")
        )
        return data["kind"], data["name"], investment, income, cost


AssetFormSet = forms.formset_factory(AssetForm, extra=3)


def money_divisions(user: Any) -> list[Division]:
    """The divisions whose money the user keeps: their own, and the districts under a city."""
    return bureau_divisions(user, Capability.MONEY_MANAGE)


class BudgetForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    channel = forms.ChoiceField(label=gettext_lazy("Funding channel"), choices=Channel.choices)
    year = forms.IntegerField(
        label=gettext_lazy("Year"), min_value=FIRST_PLAN_YEAR, max_value=LAST_PLAN_YEAR
    )
    amount = YuanField(
        label=gettext_lazy("Amount (yuan)"), min_value=Decimal("0.01"), decimal_places=2
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.divisions = {d.code: d for d in money_divisions(user)}
        self.fields["division"] = forms.ChoiceField(
            label=_("Held by"), choices=[(c, d.name) for c, d in self.divisions.items()]
        )


class GrantForm(forms.Form):
    community = forms.CharField(label=gettext_lazy("Community code"), max_length=20)
    amount = YuanField(
        label=gettext_lazy("Amount (yuan)"), min_value=Decimal("0.01"), decimal_places=2
    )


class PaymentForm(forms.Form):
    grant = forms.IntegerField(widget=forms.HiddenInput)
    amount = YuanField(
        label=gettext_lazy("Amount (yuan)"), min_value=Decimal("0.01"), decimal_places=2
    )
    paid_on = DateField(label=gettext_lazy("Paid on"))
    voucher = forms.CharField(label=gettext_lazy("Voucher number"), max_length=60)


class AdjustmentForm(forms.Form):
    channel = forms.ChoiceField(
        label=gettext_lazy("Subsidy from"), choices=Channel.choices, initial="central_subsidy"
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"), min_value=FIRST_PLAN_YEAR, max_value=LAST_PLAN_YEAR
    )
    pool = YuanField(
        label=gettext_lazy("Subsidy to share (yuan)"), min_value=Decimal("0.01"), decimal_places=2
    )
    scores = forms.CharField(
        label=gettext_lazy("Each district's assessment score, one a line"),
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "华龙区: 92.5"}),
    )

    def __init__(self, *args: Any, districts: dict[str, Division], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.districts = districts

    def clean_scores(self) -> dict[str, Fraction]:
        by_name = {d.name: code for code, d in self.districts.items()}
        found: dict[str, Fraction] = {}
        problems = []
        for number, line in enumerate(self.cleaned_data["scores"].splitlines(), start=1):
            if not line.strip():
                continue
            name, _sep, score = unicodedata.normalize("NFKC", line).partition(":")
            code = by_name.get(name.strip())
            try:
                value = Fraction(Decimal(score.strip()))
            except (ArithmeticError, ValueError):
                value = Fraction(-1)
            if code is None or not 0 <= value <= 100 or code in found:
                problems.append(
                    _(
                        'Line {n} "{line}": write a district of yours and a score 0–100, like 华龙区: 92.5.'
                    ).format(n=number, line=line.strip())
                )
                continue
            found[code] = value
        if problems:
            raise forms.ValidationError(problems)
        missing = [d.name for code, d in self.districts.items() if code not in found]
        if missing:
            raise forms.ValidationError(
                _("Give a score for every district: {names}.").format(names="、".join(missing))
            )
        return found
