"""The facts the monthly report reads of each project in an area (core.monthly_report): its
size with the communities bundled into it, its plan year and dates, the funding plan's total,
what its progress reports say was spent, and the outcomes its acceptance counted."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Sum

from anju.accounts.jurisdiction import within
from anju.core.money import fen_of
from anju.core.monthly_report import Counted, Month, ProjectFacts
from anju.core.outcomes import Indicator
from anju.core.policy_pack import Pack
from anju.core.report_package import Return, month_text, read
from anju.finance.models import FundingLine
from anju.projects.models import BundleMember, Inspection, ProgressReport, Project
from anju.projects.outcomes import accepted_on, outcome_lines, totals
from anju.supervision.models import ReturnReceived
from anju.supervision.selectors.ledger import ledger_projects


def _of_the_year(projects: QuerySet[Project], year: int) -> QuerySet[Project]:
    """The projects with anything to report in ``year``: planned for it, or started,
    completed, spent on or accepted in it."""
    return projects.filter(
        Q(plan_year=year)
        | Q(started_on__year=year)
        | Q(completed_on__year=year)
        | Exists(ProgressReport.objects.filter(project=OuterRef("pk"), on__year=year))
        | Exists(
            Inspection.objects.acceptances_passed().filter(project=OuterRef("pk"), on__year=year)
        )
    )


@dataclass(frozen=True, slots=True)
class Uncounted:
    """A line of an accepted project whose outcome the acceptance has not counted."""

    code: str
    name: str
    line: str


@dataclass(frozen=True, slots=True)
class YearFacts:
    facts: list[ProjectFacts]
    uncounted: list[Uncounted]


def project_facts(viewer: Any, pack: Pack, year: int) -> YearFacts:
    projects = _of_the_year(ledger_projects(viewer), year)
    sizes: dict[int, list[Any]] = {}
    for pk, _member, buildings, households, area in BundleMember.objects.filter(
        project__in=projects
    ).values_list(
        "project",
        "pk",
        "community__building_count",
        "community__household_count",
        "community__floor_area",
    ):
        size = sizes.setdefault(pk, [0, 0, 0, Decimal(0)])
        size[0] += 1
        size[1] += buildings
        size[2] += households
        size[3] += area
    planned = dict(
        FundingLine.objects.filter(plan__project__in=projects)
        .values("plan__project")
        .annotate(total=Sum("cost"))
        .values_list("plan__project", "total")
    )
    spent: dict[int, list[tuple[dt.date, int]]] = {}
    for pk, day, yuan in (
        ProgressReport.objects.filter(project__in=projects, on__lte=dt.date(year, 12, 31))
        .order_by("project", "on", "pk")
        .values_list("project", "on", "spent_yuan")
    ):
        days = spent.setdefault(pk, [])
        if days and days[-1][0] == day:
            days.pop()  # the later report of a day stands
        days.append((day, fen_of(yuan)))
    accepted = accepted_on(projects)
    lines = outcome_lines(projects, pack)
    found, uncounted = [], []
    for row in projects.values(
        "pk",
        "community__code",
        "community__name",
        "community__district_id",
        "community__building_count",
        "community__household_count",
        "community__floor_area",
        "plan_year",
        "started_on",
        "completed_on",
    ):
        pk = row["pk"]
        more = sizes.get(pk, [0, 0, 0, Decimal(0)])
        on = accepted.get(pk)
        found.append(
            ProjectFacts(
                code=row["community__code"],
                name=row["community__name"],
                district=row["community__district_id"],
                communities=1 + more[0],
                buildings=row["community__building_count"] + more[1],
                households=row["community__household_count"] + more[2],
                area=row["community__floor_area"] + more[3],
                plan_year=row["plan_year"],
                started_on=row["started_on"],
                completed_on=row["completed_on"],
                planned=planned.get(pk) or 0,
                spent=tuple(spent.get(pk, ())),
                outcomes=tuple(
                    Counted(line.indicator, line.counted, on)
                    for line in lines.get(pk, [])
                    if on is not None and line.counted is not None
                ),
            )
        )
        if on is not None:
            uncounted += [
                Uncounted(row["community__code"], row["community__name"], line.name)
                for line in lines.get(pk, [])
                if line.counted is None
            ]
    return YearFacts(found, uncounted)


def received(area_code: str, month: Month) -> list[tuple[ReturnReceived, Return]]:
    """The returns held for ``month`` from the areas under ``area_code``, read back as they
    were signed (each was checked when it was received)."""
    held = ReturnReceived.objects.filter(
        within("area__code", area_code), month=month_text(month)
    ).exclude(area_id=area_code)
    return [(kept, read(json.loads(kept.body))) for kept in held.select_related("area")]


def outcomes_between(
    viewer: Any, pack: Pack, start: dt.date, end: dt.date
) -> dict[Indicator, Decimal]:
    """What the works of the projects first accepted from ``start`` to ``end`` left behind, by
    indicator: the dashboard's and the bulletin's outcomes, counted as the monthly report
    counts them."""
    projects = ledger_projects(viewer).filter(
        Exists(
            Inspection.objects.acceptances_passed().filter(
                project=OuterRef("pk"), on__range=(start, end)
            )
        )
    )
    accepted = accepted_on(projects)
    counted = [
        line
        for pk, lines in outcome_lines(projects, pack).items()
        if pk in accepted and start <= accepted[pk] <= end
        for line in lines
    ]
    return totals(counted)


def year_outcomes(viewer: Any, pack: Pack, year: int) -> dict[Indicator, Decimal]:
    return outcomes_between(viewer, pack, dt.date(year, 1, 1), dt.date(year, 12, 31))
