"""The monthly assessment of the districts the user oversees: each district's figures as they
stood at the end of the month, read from the plans, the money, the inspections, the residents'
evaluations and the publicity sent, scored and ranked by the pack (core.district_assessment)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.accounts.jurisdiction import bureau_divisions
from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.core.access import Capability
from anju.core.district_assessment import (
    Figures,
    Indicator,
    Ranked,
    indicator_scores,
    ranking,
    total,
)
from anju.core.divisions import Level
from anju.core.policy_pack import Pack
from anju.divisions.models import Division
from anju.finance.models import Grant, Payment
from anju.participation.models import Poll, PollKind
from anju.participation.selectors import satisfaction_score
from anju.projects.models import Defect, Project, ProjectStage
from anju.supervision.models import PublicityReport, SupervisionError


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def assessed_districts(user: Any) -> list[Division]:
    """The districts whose work the user assesses or answers for."""
    return [
        d for d in bureau_divisions(user, Capability.REGISTRY_VIEW) if d.level == Level.DISTRICT
    ]


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
    evaluated = Poll.objects.filter(
        community__district_id__in=codes,
        kind=PollKind.SATISFACTION,
        published_at__isnull=False,
        closes_at__lte=closing,
    ).select_related("community")
    seen: set[int] = set()
    for poll in evaluated:
        if poll.community_id in seen:
            continue
        seen.add(poll.community_id)
        rate = satisfaction_score(poll.community, as_of=closing)
        if rate is not None:
            rates[poll.community.district_id].append(rate)
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


@dataclass(frozen=True, slots=True)
class DistrictRow:
    district: Division
    figures: Figures
    scores: dict[Indicator, Fraction | None]
    ranked: Ranked
    among: int  # the districts of its city it is ranked among


def _peers(districts: list[Division]) -> dict[str | None, list[str]]:
    """The districts of each city above ``districts``, which a district is ranked among."""
    cities = {d.parent_id for d in districts}
    peers: dict[str | None, list[str]] = defaultdict(list)
    found = Division.objects.filter(parent_id__in=cities - {None}, level=Level.DISTRICT)
    for code, city in found.order_by("code").values_list("code", "parent_id"):
        peers[city].append(code)
    for d in districts:
        if d.code not in peers[d.parent_id]:
            peers[d.parent_id].append(d.code)
    return peers


@dataclass(frozen=True, slots=True)
class Assessment:
    rows: list[DistrictRow]  # the user's own districts, best first
    peers: dict[str | None, dict[str, Fraction | None]]  # by city, every district's score


def assessment(user: Any, pack: Pack, year: int, month: int) -> Assessment:
    """The districts the user oversees, each ranked among its city's districts: a district
    sees its own figures and where it stands, not the others' figures."""
    own = {d.code: d for d in assessed_districts(user)}
    peers = _peers(list(own.values()))
    figures = district_figures([code for codes in peers.values() for code in codes], year, month)
    weights = pack.model.assessment.weights
    scores = {code: indicator_scores(f) for code, f in figures.items()}
    totals = {
        city: {code: total(scores[code], weights) for code in codes}
        for city, codes in peers.items()
    }
    rows = [
        DistrictRow(own[r.district], figures[r.district], scores[r.district], r, len(codes))
        for codes in totals.values()
        for r in ranking(codes)
        if r.district in own
    ]
    return Assessment(rows, totals)


@transaction.atomic
def publicity_report_add(
    *, actor: Actor, district: Division, sent_on: dt.date, title: str
) -> PublicityReport:
    if sent_on > timezone.localdate():
        raise SupervisionError(_("A report cannot be sent on a day still to come."))
    if not title.strip():
        raise SupervisionError(_("Give the report's title."))
    report = PublicityReport.objects.create(
        district=district, sent_on=sent_on, title=title.strip(), sent_by=actor.user
    )
    audit_record(
        actor=actor,
        action="supervision.publicity",
        target="divisions.Division",
        target_id=district.code,
        after={"sent_on": sent_on.isoformat(), "title": report.title},
    )
    return report
