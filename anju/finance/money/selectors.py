"""The money a user may see, summed the ways a bureau reads it: by channel, by district, and
traced yuan by yuan from budget to project to payment."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import QuerySet, Sum

from anju.finance.models import Budget, Grant, Payment
from anju.projects.models import Project
from anju.registry.selectors import Viewer


def visible_budgets(user: Viewer) -> QuerySet[Budget]:
    return Budget.objects.visible_to(user)


def managed_budgets(user: Viewer) -> QuerySet[Budget]:
    return Budget.objects.kept_by(user)


@dataclass
class Flow:
    budgeted: int = 0
    granted: int = 0
    paid: int = 0


@dataclass
class Overview:
    years: list[int]
    year: int | None
    by_channel: dict[str, Flow] = field(default_factory=lambda: defaultdict(Flow))
    by_district: dict[str, Flow] = field(default_factory=lambda: defaultdict(Flow))
    total: Flow = field(default_factory=Flow)


def overview(user: Viewer, year: int | None) -> Overview:
    """Budgets by the channel they come from and the district that holds them, with what is
    set aside for projects and paid out of them; a year, or all years."""
    budgets = visible_budgets(user)
    years = sorted(set(budgets.values_list("year", flat=True)), reverse=True)
    if year is not None:
        budgets = budgets.filter(year=year)
    result = Overview(years=years, year=year)
    for budget in budgets.select_related("division"):
        for flow in (
            result.by_channel[budget.channel],
            result.by_district[budget.division.name],
            result.total,
        ):
            flow.budgeted += budget.amount
            flow.granted += budget.granted
            flow.paid += budget.paid
    return result


@dataclass(frozen=True, slots=True)
class TraceRow:
    budget: Budget
    grant: Grant | None
    payment: Payment | None


def trace(user: Viewer, year: int | None) -> Iterator[TraceRow]:
    """Every yuan from its budget to the project and each payment, in that order."""
    budgets = visible_budgets(user).select_related("division").order_by("year", "pk")
    if year is not None:
        budgets = budgets.filter(year=year)
    grants: dict[int, list[Grant]] = defaultdict(list)
    for grant in Grant.objects.filter(budget__in=budgets).select_related(
        "project__community__district"
    ):
        grants[grant.budget_id].append(grant)
    payments: dict[int, list[Payment]] = defaultdict(list)
    for payment in Payment.objects.filter(grant__budget__in=budgets):
        payments[payment.grant_id].append(payment)
    for budget in budgets:
        if not grants[budget.pk]:
            yield TraceRow(budget, None, None)
        for grant in grants[budget.pk]:
            if not payments[grant.pk]:
                yield TraceRow(budget, grant, None)
            for payment in payments[grant.pk]:
                yield TraceRow(budget, grant, payment)


def payments_by_project(projects: Iterable[int]) -> dict[int, list[tuple[dt.date, int]]]:
    """Each project's payments, day and amount in fen, to set against its contracts."""
    found: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for project, day, amount in Payment.objects.filter(
        grant__project__in=list(projects)
    ).values_list("grant__project", "paid_on", "amount"):
        found[project].append((day, amount))
    return found


def project_money(project: Project) -> tuple[int, int]:
    """What budgets have set aside for the project and what has been paid of it, in fen."""
    granted = Grant.objects.filter(project=project).aggregate(total=Sum("amount"))["total"]
    paid = Payment.objects.filter(grant__project=project).aggregate(total=Sum("amount"))["total"]
    return granted or 0, paid or 0
