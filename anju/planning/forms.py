from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anju.accounts.jurisdiction import ALL, scopes
from anju.core.access import Capability
from anju.core.divisions import Level
from anju.core.plans import DistrictShare
from anju.core.priority import CRITERIA, Criterion
from anju.core.years import FIRST_BUILD_YEAR, FIRST_PLAN_YEAR, LAST_PLAN_YEAR
from anju.divisions.models import Division
from anju.planning.models import Scenario
from anju.planning.requirement_text import fixed_start, group, share
from anju.policy.library import pack_choices

CRITERION_NAMES: dict[Criterion, Any] = {
    "age": gettext_lazy("Age of the buildings"),
    "risk": gettext_lazy("Condition and safety risk"),
    "households": gettext_lazy("Households benefited"),
    "willingness": gettext_lazy("Residents' willingness"),
    "participation": gettext_lazy("Residents' participation"),
    "market": gettext_lazy("Market partners"),
    "readiness": gettext_lazy("Readiness (content decided by vote)"),
}

T = TypeVar("T")


def parse_lines(text: str, parse: Callable[[str], T], example: str) -> list[T]:
    """One requirement a line; every line that does not read is named with its number."""
    found: list[T] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            found.append(parse(line.strip()))
        except ValueError:
            problems.append(
                _('Line {n} "{line}": write it like {example}.').format(
                    n=number, line=line.strip(), example=example
                )
            )
    if problems:
        raise forms.ValidationError(problems)
    return found


_BUDGET_LINE = re.compile(r"^\s*(\d{4})\s*[:：\s]\s*([\d,，.]+)\s*(?:万元)?\s*$")


def parse_budgets(text: str) -> dict[int, Decimal]:
    """Lines of "YEAR: AMOUNT" in 万元 → yuan per year; each bad line named by its number."""
    found: dict[int, Decimal] = {}
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _BUDGET_LINE.match(line)
        try:
            if match is None:
                raise InvalidOperation
            year = int(match[1])
            amount = Decimal(match[2].replace(",", "").replace("，", "")) * 10_000
        except InvalidOperation:
            problems.append(
                _(
                    'Line {n} "{line}": write the year and the amount in 万元, like 2026: 30000.'
                ).format(n=number, line=line.strip())
            )
            continue
        if year in found:
            problems.append(_("Line {n}: {year} is given twice.").format(n=number, year=year))
        elif amount != amount.quantize(Decimal("0.01")):
            problems.append(_("Line {n}: the amount is finer than a fen.").format(n=number))
        else:
            found[year] = amount
    if problems:
        raise forms.ValidationError(problems)
    return found


def planning_divisions(user: Any) -> list[Division]:
    """The divisions the user draws up plans for; everywhere means every city."""
    codes = scopes(user, Capability.PLAN_MANAGE)
    if codes is ALL:
        return list(Division.objects.filter(level__lte=Level.CITY).order_by("code"))
    return list(Division.objects.filter(code__in=codes).order_by("code"))


class ScenarioForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    first_year = forms.IntegerField(
        label=gettext_lazy("First year"), min_value=FIRST_PLAN_YEAR, max_value=LAST_PLAN_YEAR
    )
    last_year = forms.IntegerField(
        label=gettext_lazy("Last year"), min_value=FIRST_PLAN_YEAR, max_value=LAST_PLAN_YEAR
    )
    budgets = forms.CharField(
        label=gettext_lazy("Budget per year (万元)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("One year a line, like 2026: 30000"),
    )
    pack_targets = forms.BooleanField(
        label=gettext_lazy("Hold the plan to the pack's targets"), required=False, initial=True
    )
    shares = forms.CharField(
        label=gettext_lazy("District shares of the money"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("One district a line, DISTRICT:MIN:MAX, like 华龙区:10%:40%"),
    )
    fixed = forms.CharField(
        label=gettext_lazy("Starts fixed by hand"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("One community a line, CODE:YEAR"),
    )
    groups = forms.CharField(
        label=gettext_lazy("Communities that start together"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("One 片区 or bundle a line, NAME: CODE CODE …"),
    )
    forecast_built_before = forms.IntegerField(
        label=gettext_lazy("Forecast: the year the stock built before this year is all started"),
        required=False,
        min_value=FIRST_BUILD_YEAR,
        max_value=LAST_PLAN_YEAR,
        initial=2001,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.divisions = {d.code: d for d in planning_divisions(user)}
        self.fields["division"] = forms.ChoiceField(
            label=_("Planned for"), choices=[(d.code, d.name) for d in self.divisions.values()]
        )
        self.fields["pack"] = forms.ChoiceField(
            label=_("Policy pack"), choices=pack_choices(), initial=settings.POLICY_PACK
        )
        for criterion in CRITERIA:
            self.fields[f"weight_{criterion}"] = forms.IntegerField(
                label=_("Weight: {criterion}").format(criterion=CRITERION_NAMES[criterion]),
                required=False,
                min_value=0,
                max_value=100,
                help_text=_("Empty: as the pack says"),
            )
        self.order_fields(["name", "division", "pack", "first_year", "last_year", "budgets"])
        if not self.is_bound and "first_year" not in self.initial:
            year = timezone.localdate().year + 1
            self.initial.update(
                first_year=year,
                last_year=year + 4,
                budgets="\n".join(f"{y}: 30000" for y in range(year, year + 5)),
            )

    @classmethod
    def initial_from(cls, scenario: Scenario) -> dict[str, object]:
        """A copy of a scenario to change one thing in: the what-if."""
        return {
            "name": _("{name} (changed)").format(name=scenario.name),
            "division": scenario.division_id,
            "pack": scenario.pack,
            "first_year": scenario.first_year,
            "last_year": scenario.last_year,
            "budgets": "\n".join(
                f"{y}: {Decimal(a) / 10_000:f}" for y, a in sorted(scenario.budgets.items())
            ),
            "pack_targets": scenario.pack_targets,
            "shares": "\n".join(
                f"{d}:{low or ''}:{high or ''}" for d, low, high in scenario.shares
            ),
            "fixed": "\n".join(f"{code}:{year}" for code, year in scenario.fixed.items()),
            "groups": "\n".join(
                f"{name}: {' '.join(codes)}" for name, codes in scenario.groups.items()
            ),
            "forecast_built_before": scenario.forecast_built_before,
        } | {f"weight_{k}": v for k, v in scenario.weights.items()}

    def clean_shares(self) -> list[DistrictShare]:
        return parse_lines(self.cleaned_data["shares"], share, "华龙区:10%:40%")

    def clean_fixed(self) -> dict[str, int]:
        starts = parse_lines(self.cleaned_data["fixed"], fixed_start, "410902001001001:2027")
        return dict(starts)

    def clean_groups(self) -> dict[str, list[str]]:
        return dict(
            parse_lines(
                self.cleaned_data["groups"], group, "老城片区: 410902001001001 410902001001002"
            )
        )

    def clean_budgets(self) -> dict[int, Decimal]:
        return parse_budgets(self.cleaned_data["budgets"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last, budgets = data.get("first_year"), data.get("last_year"), data.get("budgets")
        if first is not None and last is not None and isinstance(budgets, dict):
            missing = [y for y in range(first, last + 1) if y not in budgets]
            if missing:
                self.add_error(
                    "budgets",
                    _("Give the budget of every year of the plan; missing: {years}.").format(
                        years="、".join(str(y) for y in missing)
                    ),
                )
        return data

    @property
    def weights(self) -> dict[Criterion, int]:
        return {
            c: self.cleaned_data[f"weight_{c}"]
            for c in CRITERIA
            if self.cleaned_data.get(f"weight_{c}") is not None
        }


class AdoptForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, scenario: Scenario, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [  # type: ignore[attr-defined]
            (y, str(y)) for y in range(scenario.first_year, scenario.last_year + 1)
        ]
