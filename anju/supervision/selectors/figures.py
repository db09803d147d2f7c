"""Each district's figures as they stood at the end of a month, read from the plans, the money,
the inspections, the residents' evaluations, the publicity sent and the pack's dated tasks: what the monthly assessment
scores (core.district_assessment) and a district's standing keeps."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from fractions import Fraction

from django.db.models import Count, Min, Q, QuerySet, Sum
from django.utils import timezone

from anju.core import approvals
from anju.core.deadlines import within_year
from anju.core.district_assessment import Figures
from anju.core.policy_pack import Pack
from anju.finance.models import Grant, Payment
from anju.finance.money.selectors import payments_by_project
from anju.finance.selectors import central_subsidy_years
from anju.participation.selectors import satisfaction_scores
from anju.procurement.selectors import covering, findings, irregular, listings, lots_by_project
from anju.projects.gate_facts import approval_traits
from anju.projects.models import Defect, Inspection, Project, ProjectStage
from anju.projects.selectors import approvals_granted
from anju.registry.models import Community
from anju.supervision.models import PublicityReport


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


Kept = tuple[str, bool]  # a dated task's district, and whether it was met by its date


def _day_after(end: dt.date) -> dt.date:
    """When the month's last day is over: a task due that day and not done is missed."""
    return end + dt.timedelta(days=1)


def _targets_kept(projects: QuerySet[Project], pack: Pack, end: dt.date) -> list[Kept]:
    """A plan year's projects through completion acceptance by the date the pack gives the
    year's task (puyang-2020 §1.(3))."""
    accepted = dict(
        Inspection.objects.acceptances_passed()
        .filter(project__in=projects)
        .values("project")
        .annotate(first=Min("on"))
        .values_list("project", "first")
    )
    kept = []
    for deadline in pack.deadlines_for("targets"):
        if deadline.date is None or deadline.date > end:
            continue
        for pk, district in projects.filter(plan_year=deadline.plan_year).values_list(
            "pk", "community__district_id"
        ):
            on = accepted.get(pk)
            kept.append((district, on is not None and on <= deadline.date))
    return kept


def _approvals_kept(projects: QuerySet[Project], pack: Pack, end: dt.date) -> list[Kept]:
    """A project's approvals in hand by the yearly deadline of its plan year (hangjin-2021
    §3.(3): 每年5月底前办理完毕当年老旧小区改造项目所有手续)."""
    if pack.due_in("approvals", end.year) is None:
        return []
    owing = [
        (project, due)
        for project in projects.filter(plan_year__isnull=False).select_related("community")
        if (due := pack.due_in("approvals", project.plan_year or 0)) and due <= end
    ]
    granted = approvals_granted([p for p, _due in owing])
    steps = pack.model.approvals.core()
    return [
        (
            project.community.district_id,
            not approvals.late_steps(
                approvals.states(steps, approval_traits(project), granted.get(project.pk, {})),
                due,
                _day_after(end),
            ),
        )
        for project, due in owing
    ]


def _central_year_kept(projects: QuerySet[Project], pack: Pack, end: dt.date) -> list[Kept]:
    """A central-subsidy project started and finished within its year (hangjin-2021 §3.(4):
    当年开工，当年完工或基本完工)."""
    if pack.due_in("central_subsidy_year", end.year) is None:
        return []
    first_year = central_subsidy_years(projects)
    kept = []
    for pk, district, started_on, completed_on in projects.filter(
        pk__in=list(first_year)
    ).values_list("pk", "community__district_id", "started_on", "completed_on"):
        due = pack.due_in("central_subsidy_year", first_year[pk])
        if due is not None and due <= end:
            check = within_year(due, started_on, completed_on, _day_after(end))
            kept.append((district, not check.problems))
    return kept


def _dated_tasks(codes: list[str], pack: Pack, end: dt.date) -> tuple[Counter[str], Counter[str]]:
    """The pack's dated tasks fallen due by ``end`` in each district, and those met by their
    date. A task met late counts as missed: 不能按计划完成工作任务 (puyang-2020 §5.(3))."""
    projects = Project.objects.filter(community__district_id__in=codes)
    kept = [
        *_targets_kept(projects, pack, end),
        *_approvals_kept(projects, pack, end),
        *_central_year_kept(projects, pack, end),
    ]
    return Counter(d for d, _met in kept), Counter(d for d, met in kept if met)


def _procurement_flagged(codes: list[str], pack: Pack, end: dt.date) -> Counter[str]:
    """The projects of each district with a procurement finding dated by ``end``: a lot let
    without its tender (recorded by then), a publicity that fell short of an award made by
    then, an award told late by then, payments past the contracts by then, a named lead away
    from an inspection held by then."""
    projects = Project.objects.filter(community__district_id__in=codes)
    closing = timezone.make_aware(dt.datetime.combine(end, dt.time.max))
    flagged: set[tuple[int, str]] = set()
    grouped = lots_by_project(projects.filter(lots__recorded_at__lte=closing))
    listed = listings(lot for lots in grouped.values() for lot in lots)
    paid = payments_by_project(project.pk for project in grouped)
    for project, lots in grouped.items():
        checked = findings(
            [lot for lot in lots if lot.recorded_at <= closing],
            pack,
            covering(listed, project.community.division_id),
            [(day, amount) for day, amount in paid.get(project.pk, []) if day <= end],
        )
        if checked is not None and any(
            day is None or day <= end for day, _text in irregular(checked)
        ):
            flagged.add((project.pk, project.community.district_id))
    flagged |= set(
        Inspection.objects.filter(
            Q(manager_on_site=False) | Q(supervisor_on_site=False),
            on__lte=end,
            project__in=projects,
        ).values_list("project", "project__community__district_id")
    )
    return Counter(district for _project, district in flagged)


def district_figures(codes: list[str], pack: Pack, year: int, month: int) -> dict[str, Figures]:
    end = month_end(year, month)
    tasks_due, tasks_met = _dated_tasks(codes, pack, end)
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
    procurement_flagged = _procurement_flagged(codes, pack, end)
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
            tasks_due=tasks_due[code],
            tasks_met=tasks_met[code],
            procurement_flagged=procurement_flagged[code],
        )
        for code in codes
    }
