"""Each district's figures as they stood at the end of a month, read from the plans, the money,
the inspections, the residents' evaluations and the publicity sent: what the monthly assessment
scores (core.district_assessment) and a district's standing keeps."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from fractions import Fraction

from django.db.models import Count, Q, Sum
from django.utils import timezone

from anju.core.district_assessment import Figures
from anju.finance.models import Grant, Payment
from anju.participation.selectors import satisfaction_scores
from anju.projects.models import Defect, Project, ProjectStage
from anju.registry.models import Community
from anju.supervision.models import PublicityReport


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def district_figures(codes: list[str], year: int, month: int) -> dict[str, Figures]:
    end = month_end(year, month)
    start = dt.date(year, month, 1)
    planned: dict[str, int] = defaultdict(int)
    started: dict[str, int] = defaultdict(int)
    for district, began in Project.objects.filter(
        community__district_id__in=codes, plan_year=year
    ).values_list("community__district_id", "started_on"):
        planned[district] += 1
        if began is not None and began <= end:
            started[district] += 1
    granted = dict(
        Grant.objects.filter(project__community__district_id__in=codes)
        .values("project__community__district_id")
        .annotate(total=Sum("amount"))
        .values_list("project__community__district_id", "total")
    )
    paid = dict(
        Payment.objects.filter(grant__project__community__district_id__in=codes, paid_on__lte=end)
        .values("grant__project__community__district_id")
        .annotate(total=Sum("amount"))
        .values_list("grant__project__community__district_id", "total")
    )
    building = dict(
        Project.objects.filter(community__district_id__in=codes, stage=ProjectStage.CONSTRUCTION)
        .values("community__district_id")
        .annotate(n=Count("pk"))
        .values_list("community__district_id", "n")
    )
    flawed = dict(
        Defect.objects.filter(
            project__community__district_id__in=codes,
            project__stage=ProjectStage.CONSTRUCTION,
            inspection__on__lte=end,
        )
        .filter(Q(fixed_on__isnull=True) | Q(fixed_on__gt=end))
        .values("project__community__district_id")
        .annotate(n=Count("project", distinct=True))
        .values_list("project__community__district_id", "n")
    )
    rates: dict[str, list[Fraction]] = defaultdict(list)
    closing = timezone.make_aware(dt.datetime.combine(end, dt.time.max))
    communities = Community.objects.filter(district_id__in=codes)
    found = satisfaction_scores(communities.values("pk"), as_of=closing)
    districts = dict(communities.filter(pk__in=list(found)).values_list("pk", "district_id"))
    for community, rate in found.items():
        if rate is not None:
            rates[districts[community]].append(rate)
    reports = dict(
        PublicityReport.objects.filter(district_id__in=codes, sent_on__range=(start, end))
        .values("district_id")
        .annotate(n=Count("pk"))
        .values_list("district_id", "n")
    )
    return {
        code: Figures(
            planned=planned[code],
            started=started[code],
            granted=granted.get(code) or 0,
            paid=paid.get(code) or 0,
            building=building.get(code, 0),
            with_open_defects=flawed.get(code, 0),
            satisfaction=sum(rates[code], Fraction(0)) / len(rates[code]) if rates[code] else None,
            publicity_reports=reports.get(code, 0),
        )
        for code in codes
    }
