from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from anju.accounts.jurisdiction import restrict, within
from anju.accounts.models import User
from anju.core.access import Capability
from anju.core.divisions import Level, parent_code
from anju.core.eligibility import Status
from anju.core.policy_pack import Pack
from anju.core.years import FIRST_BUILD_YEAR, LAST_PLAN_YEAR
from anju.divisions.models import Division
from anju.registry.eligibility import STATUS_LABELS, matching
from anju.registry.forms import PolicyChoiceForm
from anju.registry.models import Community, ManagementMode, PropertyNature
from anju.web import paging
from anju.web.widgets import LongSelect

SORTS = {
    "place": "division_id",
    "code": "code",
    "name": "name",
    "build_year": "build_year",
    "households": "household_count",
    "area": "floor_area",
    "buildings": "building_count",
}


def ordered(queryset: QuerySet[Community], sort: str, default: str) -> QuerySet[Community]:
    """Communities in the order asked for by name (``SORTS``), else the list's own, ties by
    code."""
    return paging.ordered(queryset, sort, SORTS, default, tie="code")


def visible_divisions(user: User | AnonymousUser, level: Level) -> QuerySet[Division]:
    """Divisions of one level inside the user's jurisdiction, for filter choices."""
    divisions = Division.objects.filter(level=level).order_by("code")
    return restrict(divisions, user, Capability.REGISTRY_VIEW, "code")


class CommunityFilter(django_filters.FilterSet):  # type: ignore[misc]
    q = django_filters.CharFilter(method="search", label=_("Search"))
    district = django_filters.ModelChoiceFilter(
        queryset=Division.objects.none(),
        method="within_division",
        label=_("District / county"),
        empty_label=_("All"),
    )
    street = django_filters.ModelChoiceFilter(
        queryset=Division.objects.none(),
        method="within_division",
        widget=LongSelect,
        label=_("Street / township"),
        empty_label=_("All"),
    )
    built_from = django_filters.NumberFilter(
        field_name="build_year", lookup_expr="gte", label=_("Built from")
    )
    built_to = django_filters.NumberFilter(
        field_name="build_year", lookup_expr="lte", label=_("Built up to")
    )
    property_nature = django_filters.ChoiceFilter(
        choices=PropertyNature.choices, label=_("Property nature"), empty_label=_("All")
    )
    management_mode = django_filters.ChoiceFilter(
        choices=ManagementMode.choices, label=_("Property management"), empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        choices=list(STATUS_LABELS.items()),
        method="by_status",
        label=_("Eligibility"),
        empty_label=_("All"),
    )
    sort = django_filters.ChoiceFilter(
        method="order",
        label=_("Sort by"),
        empty_label=None,
        choices=[(sign + key, sign + key) for key in SORTS for sign in ("", "-")],
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Community
        fields: list[str] = []
        form = PolicyChoiceForm

    def __init__(self, *args: Any, user: User | AnonymousUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        districts = visible_divisions(user, Level.DISTRICT)
        self.filters["district"].queryset = districts
        self.filters["street"].queryset = self._streets(user, districts)
        for name in ("built_from", "built_to"):
            self.filters[name].field.widget = forms.NumberInput(
                attrs={"min": FIRST_BUILD_YEAR, "max": LAST_PLAN_YEAR, "step": 1}
            )

    def _streets(self, user: User | AnonymousUser, districts: QuerySet[Division]) -> Any:
        """The streets of the district chosen (or of the street chosen, or of the user's one
        district); none to pick from before a district is chosen, as a province has thousands."""
        streets = visible_divisions(user, Level.STREET)
        data = self.data or {}
        district, street = str(data.get("district") or ""), str(data.get("street") or "")
        if district.isdecimal():
            return streets.filter(parent_id=district)
        if street.isdecimal() and len(street) == 12:
            return streets.filter(parent_id=parent_code(street))
        if districts[:2].count() > 1:
            self.filters["street"].extra["empty_label"] = _("All (choose a district first)")
            return streets.none()
        return streets

    def within_division(
        self, queryset: QuerySet[Community], name: str, value: Division | None
    ) -> QuerySet[Community]:
        """By the range of division codes under it, which the (division, code) index reads in
        order, rather than by the district or street column."""
        return queryset if value is None else queryset.filter(within("division__code", value.code))

    def search(self, queryset: QuerySet[Community], name: str, value: str) -> QuerySet[Community]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value) | Q(code__startswith=value) | Q(address__icontains=value)
        )

    def filter_queryset(self, queryset: QuerySet[Community]) -> QuerySet[Community]:
        """As django-filter's, passing over the base form's fields (policy, year), which qualify
        the eligibility filter rather than filter on their own."""
        for name, value in self.form.cleaned_data.items():
            if name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def pack_and_year(self) -> tuple[Pack, int]:
        """The pack and plan year the list's eligibility is judged by (fields of the base form)."""
        form: PolicyChoiceForm = self.form
        return form.pack_and_year()

    def by_status(
        self, queryset: QuerySet[Community], name: str, value: str
    ) -> QuerySet[Community]:
        if not value:
            return queryset
        pack, year = self.pack_and_year()
        return matching(queryset, pack, year, Status(value))

    def order(self, queryset: QuerySet[Community], name: str, value: str) -> QuerySet[Community]:
        return ordered(queryset, value, "place")
