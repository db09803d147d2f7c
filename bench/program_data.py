"""A renovation program six years under way, written straight into the tables of a registry
loaded by `anju demo-data`, for the supervision benchmark at national scale.

The demo walks a couple of projects through every service so that each gate is exercised; a
benchmark needs the volume instead — tens of thousands of projects in every stage, with the
approvals, progress reports, inspections, defects, grants, payments, objections, evaluations,
closings and publicity that supervision reads — so this writes them with bulk inserts, past
the services and their gates, in proportions shaped like the national program (a sixth of the
stock planned each year from 2021, the earlier years done, this year's under way, a few works
late or slow, a few defects and objections open).

    program_load(seed=1, today=date(2026, 12, 1))   # after django.setup(), on a loaded registry
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from anju.core.divisions import Level
from anju.divisions.models import Division
from anju.finance.models import Budget, Channel, Grant, Payment
from anju.participation.models import (
    CommentKind,
    Notice,
    NoticeComment,
    NoticeSubject,
    Poll,
    PollKind,
)
from anju.projects.models import (
    Approval,
    Defect,
    Inspection,
    InspectionKind,
    ProgressReport,
    Project,
    ProjectStage,
)
from anju.registry.models import Community
from anju.supervision.models import Closure, PublicityReport

BATCH = 5_000
FIRST_YEAR = 2021
STEPS = ("project_approval", "land", "planning_permit", "drawing_review", "construction_permit")
CONTRACTORS = ("恒达建设", "中原建工", "濮阳市政", "龙都建设", "黄河建安", "开州建筑")


def _day(year: int, rng: random.Random, first: int = 1, last: int = 365) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(first, last) - 1)


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


class _Program:
    def __init__(self, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.projects: list[Project] = []
        self.later: dict[str, list[object]] = defaultdict(list)

    def project(self, community_id: int, district: str) -> Project | None:
        """One community's project: in which year's plan, at which stage, with what dates."""
        rng, today = self.rng, self.today
        roll = rng.random()
        if roll < 0.25:
            return None  # not registered in the program
        if roll < 0.35:
            return Project(community_id=community_id, stage=ProjectStage.RESERVE)
        if roll < 0.40:
            return Project(community_id=community_id, stage=ProjectStage.GENERATION)
        year = rng.randint(FIRST_YEAR, today.year + 1)
        project = Project(
            community_id=community_id,
            plan_year=year,
            contractor=rng.choice(CONTRACTORS),
            structural_change=rng.random() < 0.05,
        )
        if year > today.year:
            project.stage = rng.choice([ProjectStage.APPROVAL, ProjectStage.PLANNED])
            return project
        if year == today.year and rng.random() < 0.15:
            project.stage = rng.choice([ProjectStage.APPROVAL, ProjectStage.PLANNED])
            return project
        project.started_on = _day(year, rng, 60, 200)
        project.due_on = project.started_on + dt.timedelta(days=rng.randint(150, 300))
        late = rng.random() < (0.03 if year < today.year - 1 else 0.2)
        if project.due_on < today - dt.timedelta(days=60) and not late:
            project.completed_on = project.due_on - dt.timedelta(days=rng.randint(0, 40))
            accepted = project.completed_on + dt.timedelta(days=rng.randint(10, 40))
            project.stage = (
                ProjectStage.ACCEPTANCE
                if accepted > today
                else rng.choice(
                    [ProjectStage.HANDOVER, ProjectStage.MANAGEMENT, ProjectStage.EVALUATION]
                )
            )
        else:
            project.stage = ProjectStage.CONSTRUCTION
        return project

    def records(self, project: Project, district: str) -> None:
        """What the project's life has left behind, keyed to its saved primary key."""
        rng, today, later = self.rng, self.today, self.later
        if project.plan_year is None:
            return
        granted_by = _day(project.plan_year, rng, 20, 150)
        waiting = project.stage in (ProjectStage.APPROVAL, ProjectStage.PLANNED)
        for step in STEPS:
            if waiting and rng.random() < 0.3:
                continue
            if step == "land" and not project.land_ownership_change:
                continue
            if granted_by <= today:
                later["approvals"].append(
                    Approval(project_id=project.pk, step=step, granted_on=granted_by)
                )
        if project.started_on is None:
            return
        reports = rng.randint(1, 4)
        span = max(1, ((project.completed_on or today) - project.started_on).days)
        for n in range(1, reports + 1):
            on = project.started_on + dt.timedelta(days=span * n // (reports + 1))
            if on > today:
                break
            done = 100 if project.completed_on and n == reports else None
            expected = (
                100
                * (on - project.started_on).days
                / max(
                    1,
                    (project.due_on - project.started_on).days,  # type: ignore[operator]
                )
            )
            percent = done or max(1, min(99, int(expected * rng.uniform(0.6, 1.1))))
            later["progress"].append(
                ProgressReport(
                    project_id=project.pk,
                    on=on,
                    percent=percent,
                    spent_yuan=Decimal(percent * 12_000),
                )
            )
        inspected = project.started_on + dt.timedelta(days=30)
        if inspected <= today:
            inspection = Inspection(
                project_id=project.pk,
                kind=InspectionKind.QUALITY,
                on=inspected,
                by="质监站",
                passed=True,
            )
            open_defect = project.completed_on is None and rng.random() < 0.08
            later["inspections"].append((inspection, rng.random() < 0.3 or open_defect))
            inspection._open_defect = open_defect  # type: ignore[attr-defined]
        if project.completed_on is not None:
            accepted = project.completed_on + dt.timedelta(days=rng.randint(10, 40))
            if accepted <= today:
                later["inspections"].append(
                    (
                        Inspection(
                            project_id=project.pk,
                            kind=InspectionKind.ACCEPTANCE,
                            on=accepted,
                            by="住建局、街道办、居民代表",
                            passed=True,
                            satisfaction=Decimal(rng.randint(80, 99)),
                        ),
                        False,
                    )
                )
                if project.stage != ProjectStage.ACCEPTANCE and rng.random() < 0.8:
                    later["closures"].append(
                        Closure(
                            project_id=project.pk,
                            closed_on=min(today, accepted + dt.timedelta(days=60)),
                            evidence="竣工验收报告、移交记录",
                        )
                    )
                if project.stage == ProjectStage.EVALUATION:
                    closes = min(today, accepted + dt.timedelta(days=90))
                    later["polls"].append(
                        Poll(
                            kind=PollKind.SATISFACTION,
                            community_id=project.community_id,
                            title="改造后居民满意度评价",
                            opens_at=_aware(closes - dt.timedelta(days=14)),
                            closes_at=_aware(closes),
                            published_at=_aware(closes - dt.timedelta(days=14)),
                        )
                    )
        later["grants"].append((project, district))


def _insert(model: type, rows: list[object]) -> list[object]:
    return model.objects.bulk_create(rows, batch_size=BATCH)  # type: ignore[attr-defined,no-any-return]


@transaction.atomic
def program_load(*, seed: int, today: dt.date) -> dict[str, int]:
    """Writes the program over every community of the registry; returns what it wrote."""
    program = _Program(seed, today)
    communities = list(Community.objects.order_by("pk").values_list("pk", "district_id"))
    made = [
        (project, district)
        for pk, district in communities
        if (project := program.project(pk, district)) is not None
    ]
    _insert(Project, [p for p, _d in made])
    saved = dict(Project.objects.values_list("community_id", "pk"))
    for project, district in made:
        project.pk = saved[project.community_id]
        program.records(project, district)
    later = program.later
    counts = {"projects": len(made)}
    for model, key in (
        (Approval, "approvals"),
        (ProgressReport, "progress"),
        (Closure, "closures"),
        (Poll, "polls"),
    ):
        counts[key] = len(_insert(model, later[key]))
    inspections = [inspection for inspection, _d in later["inspections"]]
    _insert(Inspection, inspections)
    defects = [
        Defect(
            project_id=inspection.project_id,
            inspection_id=inspection.pk,
            description="墙面渗漏",
            fixed_on=None
            if getattr(inspection, "_open_defect", False)
            else inspection.on + dt.timedelta(days=20),
        )
        for inspection, with_defect in later["inspections"]
        if with_defect
    ]
    counts["inspections"] = len(inspections)
    counts["defects"] = len(_insert(Defect, defects))
    counts.update(_money(program, later["grants"]))
    counts.update(_objections(program, [p for p, _d in made]))
    counts["publicity"] = _publicity(program)
    return counts


def _money(program: _Program, funded: list[object]) -> dict[str, int]:
    """A budget per district, channel and year sized to what its projects are granted; each
    planned project granted from the local budget and, one in three, the central subsidy; paid
    by milestone: 30 % once building, 60 % more once accepted."""
    rng, today = program.rng, program.today
    asks: dict[tuple[str, str, int], list[tuple[Project, int]]] = defaultdict(list)
    for project, district in funded:  # type: ignore[misc]
        amount = rng.randint(80, 600) * 10_000_00
        asks[(district, Channel.LOCAL_BUDGET, project.plan_year)].append((project, amount))
        if rng.random() < 0.33:
            asks[(district, Channel.CENTRAL_SUBSIDY, project.plan_year)].append(
                (project, amount // 2)
            )
    budgets = {
        key: Budget(
            name=f"{key[2]}年老旧小区改造资金",
            channel=key[1],
            year=key[2],
            division_id=key[0],
            amount=sum(a for _p, a in grants) * 11 // 10,
        )
        for key, grants in asks.items()
    }
    _insert(Budget, list(budgets.values()))
    grants = [
        (Grant(budget_id=budgets[key].pk, project_id=project.pk, amount=amount), project)
        for key, wanted in asks.items()
        for project, amount in wanted
    ]
    _insert(Grant, [g for g, _p in grants])
    payments = []
    for grant, project in grants:
        if project.started_on is not None and project.started_on <= today:
            payments.append(
                Payment(
                    grant_id=grant.pk,
                    stage="construction",
                    amount=grant.amount * 3 // 10,
                    paid_on=project.started_on + dt.timedelta(days=15),
                    voucher=f"ZF{grant.pk:09d}A",
                )
            )
        if project.completed_on is not None and project.completed_on + dt.timedelta(60) <= today:
            payments.append(
                Payment(
                    grant_id=grant.pk,
                    stage="acceptance",
                    amount=grant.amount * 6 // 10,
                    paid_on=project.completed_on + dt.timedelta(days=60),
                    voucher=f"ZF{grant.pk:09d}B",
                )
            )
    _insert(Payment, payments)
    granted, paid = defaultdict(int), defaultdict(int)
    for grant, _project in grants:
        granted[grant.budget_id] += grant.amount
    by_grant = {grant.pk: grant.budget_id for grant, _project in grants}
    for payment in payments:
        paid[by_grant[payment.grant_id]] += payment.amount
    for budget in budgets.values():
        budget.granted, budget.paid = granted[budget.pk], paid[budget.pk]
    Budget.objects.bulk_update(budgets.values(), ["granted", "paid"])
    return {"budgets": len(budgets), "grants": len(grants), "payments": len(payments)}


def _objections(program: _Program, projects: list[Project]) -> dict[str, int]:
    """A posted plan notice for each project in this year's or next year's plan, one in
    twenty with an objection still waiting for its answer."""
    rng, today = program.rng, program.today
    noticed = [p for p in projects if p.plan_year is not None and p.plan_year >= today.year]
    notices = [
        Notice(
            community_id=p.community_id,
            subject=NoticeSubject.PLAN,
            title="改造方案公示",
            body="改造方案公示，公示期内可提出意见。",
            days=10,
            posted_at=_aware(today - dt.timedelta(days=40)),
            ends_at=_aware(today - dt.timedelta(days=30)),
        )
        for p in noticed
    ]
    _insert(Notice, notices)
    comments = [
        NoticeComment(
            notice_id=notice.pk,
            kind=CommentKind.OBJECTION,
            text="加装电梯影响一楼采光。",
            created_at=_aware(today - dt.timedelta(days=rng.randint(31, 39))),
        )
        for notice in notices
        if rng.random() < 0.05
    ]
    _insert(NoticeComment, comments)
    return {"notices": len(notices), "objections": len(comments)}


def _publicity(program: _Program) -> int:
    """Publicity reports since the program began: most districts send one or two a month."""
    rng, today = program.rng, program.today
    reports = []
    for district in Division.objects.filter(level=Level.DISTRICT):
        month = dt.date(FIRST_YEAR, 1, 1)
        while month <= today:
            for n in range(rng.choice([0, 1, 1, 2])):
                sent = month + dt.timedelta(days=9 + 15 * n)
                if sent <= today:
                    reports.append(
                        PublicityReport(
                            district_id=district.code,
                            sent_on=sent,
                            title=f"{district.name}改造工作信息{sent:%Y%m%d}",
                        )
                    )
            month = (month + dt.timedelta(days=32)).replace(day=1)
    return len(_insert(PublicityReport, reports))
