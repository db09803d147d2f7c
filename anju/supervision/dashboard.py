"""The figures behind the supervision dashboard, each for a chart and for the table beside it:
targets against projects planned, started and accepted by year; the year's work by district;
projects by stage; alerts by kind; residents' satisfaction by district."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, Q

from anju.core.alerts import AlertKind
from anju.core.policy_pack import Pack
from anju.divisions.models import Division
from anju.projects.models import Project, ProjectStage
from anju.registry.models import Community
from anju.supervision.alerts import alerts_for
from anju.supervision.assessment import assessed_districts, district_figures
from anju.supervision.ledger import accepted_inspections


@dataclass(frozen=True, slots=True)
class YearRow:
    year: int
    target: int | None
    planned: int
    started: int
    accepted: int


@dataclass(frozen=True, slots=True)
class DistrictRow:
    name: str
    planned: int
    started: int
    accepted: int
    closed: int


@dataclass(frozen=True, slots=True)
class Dashboard:
    years: list[YearRow]
    districts: list[DistrictRow]
    stages: list[tuple[str, int]]
    alerts: list[tuple[AlertKind, int]]
    satisfaction: list[tuple[str, float]]  # percent


def _projects(user: Any) -> Any:
    return Project.objects.filter(
        community__in=Community.objects.visible_to(user).values("pk")
    ).annotate(accepted=Exists(accepted_inspections()))


def _counts(rows: Any) -> Any:
    return rows.annotate(
        planned=Count("pk"),
        started=Count("pk", filter=Q(started_on__isnull=False)),
        accepted_n=Count("pk", filter=Q(accepted=True)),
        closed=Count("pk", filter=Q(closure__isnull=False)),
    )


def dashboard(user: Any, pack: Pack, year: int, today: dt.date) -> Dashboard:
    projects = _projects(user)
    targets = {t.year: t.communities for t in pack.model.targets if t.communities is not None}
    by_year = {
        row["plan_year"]: row
        for row in _counts(
            projects.filter(plan_year__isnull=False).values("plan_year").order_by("plan_year")
        )
    }
    years = sorted(set(by_year) | set(targets))
    year_rows = [
        YearRow(
            y,
            targets.get(y),
            by_year[y]["planned"] if y in by_year else 0,
            by_year[y]["started"] if y in by_year else 0,
            by_year[y]["accepted_n"] if y in by_year else 0,
        )
        for y in years
    ]
    names = dict(Division.objects.values_list("code", "name"))
    district_rows = [
        DistrictRow(
            names.get(row["community__district_id"], row["community__district_id"]),
            row["planned"],
            row["started"],
            row["accepted_n"],
            row["closed"],
        )
        for row in _counts(
            projects.filter(plan_year=year)
            .values("community__district_id")
            .order_by("community__district_id")
        )
    ]
    by_stage = dict(
        projects.order_by().values_list("stage").annotate(n=Count("pk")).values_list("stage", "n")
    )
    stages = [(str(label), by_stage.get(value, 0)) for value, label in ProjectStage.choices]
    kinds = Counter(alert.kind for alert in alerts_for(user, pack, today))
    districts = assessed_districts(user)
    figures = district_figures([d.code for d in districts], today.year, today.month)
    satisfaction = [
        (d.name, round(float(figures[d.code].satisfaction or 0) * 100, 1))
        for d in districts
        if figures[d.code].satisfaction is not None
    ]
    return Dashboard(
        year_rows,
        district_rows,
        stages,
        [(kind, kinds.get(kind, 0)) for kind in AlertKind],
        satisfaction,
    )
