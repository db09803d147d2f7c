from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q
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
from anju.planning.services.scenarios import LONGEST_HORIZON
from anju.policy.library import pack_choices
from anju.web.forms import name_in_row, row_number

CRITERION_NAMES: dict[Criterion, Any] = {
    "age": gettext_lazy("Age of the buildings"),
    "risk": gettext_lazy("Condition and safety risk"),
    "households": gettext_lazy("Households benefited"),
    "willingness": gettext_lazy("Residents' willingness"),
    "participation": gettext_lazy("Residents' participation"),
    "market": gettext_lazy("Market partners"),
    "readiness": gettext_lazy("Readiness (content decided by vote)"),
}


def planning_divisions(user: Any) -> list[Division]:
    """The divisions the user draws up plans for; everywhere means every city."""
    codes = scopes(user, Capability.PLAN_MANAGE)
    if codes is ALL:
        return list(Division.objects.filter(level__lte=Level.CITY).order_by("code"))
    return list(Division.objects.filter(code__in=codes).order_by("code"))


BUDGET_ROWS = LONGEST_HORIZON  # a row for each year the longest plan may run
SHARE_ROWS = 4
FIXED_ROWS = 5
GROUP_ROWS = 3
WAN = Decimal(10_000)
# the tables of the form, each by the names its columns' fields start with
BUDGET_COLUMNS = ("budget_year_", "budget_wan_")
SHARE_COLUMNS = ("share_district_", "share_low_", "share_high_")
FIXED_COLUMNS = ("fixed_code_", "fixed_year_")
GROUP_COLUMNS = ("group_name_", "group_codes_")
TABLES = (BUDGET_COLUMNS, SHARE_COLUMNS, FIXED_COLUMNS, GROUP_COLUMNS)
DISTRICT_LIST = "district-names"  # the page's <datalist> of the districts offered


class ScenarioForm(forms.Form):
    """A scenario in tables an official fills in: a budget a row per year, a district's share
    a row, a start fixed by hand a row, a 片区 that starts together a row; no format to type.
    A row left empty asks nothing."""

    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    first_year = forms.IntegerField(
        label=gettext_lazy("First year"), min_value=FIRST_PLAN_YEAR, max_value=LAST_PLAN_YEAR
    )
    last_year = forms.IntegerField(
        label=gettext_lazy("Last year"), min_value=FIRST_PLAN_YEAR, max_value=LAST_PLAN_YEAR
    )
    pack_targets = forms.BooleanField(
        label=gettext_lazy("Hold the plan to the pack's targets"), required=False, initial=True
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
        self._row_fields()
        self.order_fields(["name", "division", "pack", "first_year", "last_year"])
        if not self.is_bound and "first_year" not in self.initial:
            year = timezone.localdate().year + 1
            self.initial.update(first_year=year, last_year=year + 4)
            self.initial.update(
                _budget_rows({y: Decimal(30_000) * WAN for y in range(year, year + 5)})
            )

    def _row_fields(self) -> None:
        def year(label: Any) -> forms.IntegerField:
            return forms.IntegerField(
                label=label, required=False, min_value=FIRST_PLAN_YEAR, max_value=LAST_PLAN_YEAR
            )

        def percent(label: Any) -> forms.DecimalField:
            return forms.DecimalField(
                label=label, required=False, min_value=0, max_value=100, decimal_places=2
            )

        self.districts = district_names(self.divisions)
        for i in range(BUDGET_ROWS):
            self.fields[f"budget_year_{i}"] = year(_("Year"))
            self.fields[f"budget_wan_{i}"] = forms.DecimalField(
                label=_("Budget (万元)"),
                required=False,
                min_value=0,
                decimal_places=6,  # a fen is a millionth of 万元
                error_messages={"max_decimal_places": _("The amount is finer than a fen.")},
            )
        for i in range(SHARE_ROWS):
            # a box that offers the districts as one types (DISTRICT_LIST): a country's planner
            # plans for thousands, too many to scroll through in a select
            self.fields[f"share_district_{i}"] = forms.CharField(
                label=_("District"),
                required=False,
                max_length=100,
                widget=forms.TextInput(attrs={"list": DISTRICT_LIST, "autocomplete": "off"}),
            )
            self.fields[f"share_low_{i}"] = percent(_("At least (%)"))
            self.fields[f"share_high_{i}"] = percent(_("At most (%)"))
        for i in range(FIXED_ROWS):
            self.fields[f"fixed_code_{i}"] = forms.CharField(
                label=_("Community code"), required=False, max_length=32
            )
            self.fields[f"fixed_year_{i}"] = year(_("Starts in"))
        for i in range(GROUP_ROWS):
            self.fields[f"group_name_{i}"] = forms.CharField(
                label=_("片区 or bundle"), required=False, max_length=100
            )
            self.fields[f"group_codes_{i}"] = forms.CharField(
                label=_("Its communities' codes"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

        for columns in TABLES:
            for i, names in enumerate(self._row_names(columns), start=1):
                name_in_row((self.fields[name] for name in names), row_number(i))

    def _row_names(self, columns: tuple[str, ...]) -> list[list[str]]:
        count = sum(1 for name in self.fields if name.startswith(columns[0]))
        return [[f"{column}{i}" for column in columns] for i in range(count)]

    def _rows(self, columns: tuple[str, ...]) -> list[list[forms.BoundField]]:
        return [[self[name] for name in names] for names in self._row_names(columns)]

    @property
    def plain_fields(self) -> list[forms.BoundField]:
        return [
            field
            for field in self
            if not field.name.startswith(("weight_", *(c for columns in TABLES for c in columns)))
        ]

    @property
    def weight_fields(self) -> list[forms.BoundField]:
        return [field for field in self if field.name.startswith("weight_")]

    @property
    def budget_rows(self) -> list[list[forms.BoundField]]:
        return self._rows(BUDGET_COLUMNS)

    @property
    def share_rows(self) -> list[list[forms.BoundField]]:
        return self._rows(SHARE_COLUMNS)

    @property
    def fixed_rows(self) -> list[list[forms.BoundField]]:
        return self._rows(FIXED_COLUMNS)

    @property
    def group_rows(self) -> list[list[forms.BoundField]]:
        return self._rows(GROUP_COLUMNS)

    @classmethod
    def initial_from(cls, scenario: Scenario) -> dict[str, object]:
        """A copy of a scenario to change one thing in: the what-if."""
        initial: dict[str, object] = {
            "name": _("{name} (changed)").format(name=scenario.name),
            "division": scenario.division_id,
            "pack": scenario.pack,
            "first_year": scenario.first_year,
            "last_year": scenario.last_year,
            "pack_targets": scenario.pack_targets,
            "forecast_built_before": scenario.forecast_built_before,
        }
        initial |= _budget_rows({int(y): Decimal(a) for y, a in scenario.budgets.items()})
        for i, (district, low, high) in enumerate(scenario.shares):
            initial |= {
                f"share_district_{i}": district,
                f"share_low_{i}": _percent(low),
                f"share_high_{i}": _percent(high),
            }
        for i, (code, year) in enumerate(scenario.fixed.items()):
            initial |= {f"fixed_code_{i}": code, f"fixed_year_{i}": year}
        for i, (name, codes) in enumerate(scenario.groups.items()):
            initial |= {f"group_name_{i}": name, f"group_codes_{i}": " ".join(codes)}
        return initial | {f"weight_{k}": v for k, v in scenario.weights.items()}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["budgets"] = self._budgets(data)
        data["shares"] = self._shares(data)
        data["fixed"] = self._fixed(data)
        data["groups"] = self._groups(data)
        return data

    def _budgets(self, data: dict[str, Any]) -> dict[int, Decimal]:
        found: dict[int, Decimal] = {}
        for i in range(BUDGET_ROWS):
            year, wan = data.get(f"budget_year_{i}"), data.get(f"budget_wan_{i}")
            if year is None and wan is None:
                continue
            if year is None or wan is None:
                self.add_error(f"budget_year_{i}", _("Give both the year and its budget."))
            elif year in found:
                self.add_error(f"budget_year_{i}", _("{year} is given twice.").format(year=year))
            else:
                found[year] = wan * WAN
        first, last = data.get("first_year"), data.get("last_year")
        if first is not None and last is not None:
            for i in range(BUDGET_ROWS):
                year = data.get(f"budget_year_{i}")
                if year is not None and not first <= year <= last:
                    self.add_error(
                        f"budget_year_{i}",
                        _("{year} is outside the plan's years; empty the row.").format(year=year),
                    )
            missing = [y for y in range(first, last + 1) if y not in found]
            if missing:
                self.add_error(
                    "budget_year_0",
                    _("Give the budget of every year of the plan; missing: {years}.").format(
                        years="、".join(str(y) for y in missing)
                    ),
                )
        return found

    def _shares(self, data: dict[str, Any]) -> list[DistrictShare]:
        found = []
        for i in range(SHARE_ROWS):
            district = (data.get(f"share_district_{i}") or "").strip()
            low, high = data.get(f"share_low_{i}"), data.get(f"share_high_{i}")
            if not district:
                if low is not None or high is not None:
                    self.add_error(f"share_district_{i}", _("Choose the district."))
                continue
            if district not in self.districts:
                self.add_error(
                    f"share_district_{i}",
                    _("“{name}” is not a district of the divisions planned for.").format(
                        name=district
                    ),
                )
                continue
            if low is not None and high is not None and low > high:
                self.add_error(f"share_low_{i}", _("The least is above the most."))
                continue
            found.append(DistrictShare(district, _fraction(low), _fraction(high)))
        return found

    def _fixed(self, data: dict[str, Any]) -> dict[str, int]:
        found: dict[str, int] = {}
        for i in range(FIXED_ROWS):
            code, year = (data.get(f"fixed_code_{i}") or "").strip(), data.get(f"fixed_year_{i}")
            if not code and year is None:
                continue
            if not code or year is None:
                self.add_error(f"fixed_code_{i}", _("Give both the community and its year."))
            else:
                found[code] = year
        return found

    def _groups(self, data: dict[str, Any]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for i in range(GROUP_ROWS):
            name = (data.get(f"group_name_{i}") or "").strip()
            codes = [c for c in re.split(r"[\s,，、;；]+", data.get(f"group_codes_{i}") or "") if c]
            if not name and not codes:
                continue
            if not name or len(codes) < 2:
                self.add_error(
                    f"group_name_{i}", _("Name the 片区 and give at least two communities.")
                )
            else:
                found[name] = codes
        return found

    @property
    def weights(self) -> dict[Criterion, int]:
        return {
            c: self.cleaned_data[f"weight_{c}"]
            for c in CRITERIA
            if self.cleaned_data.get(f"weight_{c}") is not None
        }


def _budget_rows(budgets: dict[int, Decimal]) -> dict[str, object]:
    """Budgets in yuan as the table's rows, in 万元, oldest year first."""
    rows: dict[str, object] = {}
    for i, (year, yuan) in enumerate(sorted(budgets.items())):
        rows |= {f"budget_year_{i}": year, f"budget_wan_{i}": f"{(yuan / WAN).normalize():f}"}
    return rows


def _fraction(percent: Decimal | None) -> Fraction | None:
    return None if percent is None else Fraction(percent) / 100


def _percent(stored: str | None) -> str:
    """A share as the scenario keeps it (a fraction in a decimal string) in per cent."""
    return "" if stored in (None, "") else f"{(Decimal(str(stored)) * 100).normalize():f}"


def district_names(divisions: dict[str, Division]) -> list[str]:
    """The districts a planner may hold a share for: those of the divisions they plan for."""
    codes = list(divisions)
    rows = Division.objects.filter(level=Level.DISTRICT).filter(
        Q(parent_id__in=codes) | Q(code__in=codes)
    )
    return sorted(set(rows.values_list("name", flat=True)))


class AdoptForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, scenario: Scenario, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [  # type: ignore[attr-defined]
            (y, str(y)) for y in range(scenario.first_year, scenario.last_year + 1)
        ]
