"""A year of the demo city's programme, so the monthly report has months to report: projects
in this year's plan and last year's, started month after month, some completed and accepted
with what their works left behind counted, one packing two neighbouring communities, each
with a funding plan and monthly progress reports. Every step goes through the services a
clerk uses."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from anju.assessment.selectors import content_lines
from anju.assessment.services import content_list_save
from anju.audit.context import Actor
from anju.core.policy_pack import Pack
from anju.demo.money import HOUSEHOLDS
from anju.demo.projects import approved_on_commitment, walked_to_approval
from anju.finance.services import FundingRefused, funding_plan_draw
from anju.policy.library import get_pack
from anju.projects.models import InspectionKind, ManagementModel, Project, ProjectStage, Step
from anju.projects.outcomes import project_lines
from anju.projects.services.construction import (
    inspection_record,
    progress_report_add,
    project_update,
)
from anju.projects.services.outcomes import outcomes_record
from anju.projects.services.stages import (
    bundle_add,
    project_advance,
    project_of,
    projects_plan,
    record_step,
)
from anju.registry.models import Community

PROJECTS = 20  # four in five in this year's plan, the rest in last year's
CONTRACTORS = ("恒达建设工程有限公司", "中原建工集团", "濮阳市政建设有限公司")


def _day(start: date, end: date, share: float) -> date:
    return start + timedelta(days=int((end - start).days * share))


def _counted(actor: Actor, project: Project, pack: Pack, quantity_of: dict[str, Decimal]) -> None:
    """The acceptance's counts: each line's own quantity where it counts the indicator, else
    the demo's figure for its kind of works."""
    lines = project_lines(project, pack)
    outcomes_record(
        actor=actor,
        project=project,
        pack=pack,
        quantities={
            line.key: line.counted
            if line.counted is not None
            else quantity_of.get(line.indicator, Decimal(1))
            for line in lines
        },
    )


def _built(clerk: Actor, project: Project, pack: Pack, started: date, contractor: str) -> Project:
    """Approved and building from ``started``."""
    approved_on_commitment(
        clerk, project, pack, started - timedelta(days=20), started - timedelta(days=10)
    )
    project_update(
        actor=clerk,
        project=project,
        contractor=contractor,
        started_on=started,
        due_on=started + timedelta(days=240),
    )
    return project_advance(
        actor=clerk, project=project, to_stage=ProjectStage.CONSTRUCTION, pack=pack, reason="开工"
    )


def _finished(clerk: Actor, project: Project, pack: Pack, completed: date) -> Project:
    """Completed, its management arranged and handed over on paper: ready for acceptance."""
    project_update(
        actor=clerk,
        project=project,
        completed_on=completed,
        management_model=ManagementModel.PROFESSIONAL,
        manager="濮阳市安居物业服务有限公司",
    )
    record_step(actor=clerk, project=project, step=Step.HANDOVER_AGREEMENT, done_on=completed)
    return project_advance(
        actor=clerk, project=project, to_stage=ProjectStage.ACCEPTANCE, pack=pack
    )


def demo_programme(actor: Actor, clerk: Actor | None) -> int:
    """Returns how many projects the year holds; none when the demo already has them."""
    if clerk is None or Project.objects.filter(plan_year__isnull=False).count() > 2:
        return 0
    pack = get_pack()
    today = timezone.localdate()
    taken = set(Project.objects.values_list("community_id", flat=True))
    candidates = [c for c in Community.objects.order_by("code") if c.pk not in taken]
    # one community in five at most, so that a small demo keeps neighbours to suggest as 片区
    pool = candidates[:: max(5, len(candidates) // PROJECTS)][:PROJECTS]
    if len(pool) < 2:
        return 0
    split = len(pool) * 4 // 5
    this_year, last_year = pool[:split], pool[split:]
    used = taken | {c.pk for c in this_year + last_year}
    neighbour = next(
        (
            c
            for c in Community.objects.filter(street=this_year[0].street).order_by("code")
            if c.pk not in used
        ),
        None,
    )
    for community in this_year + last_year:
        _saved, lines = content_lines(community, pack)
        content_list_save(actor=clerk, community=community, pack=pack, lines=lines)
        with contextlib.suppress(FundingRefused):
            funding_plan_draw(
                actor=clerk,
                community=community,
                pack=pack,
                households=HOUSEHOLDS,
                government="local_budget",
            )
    if neighbour is not None:
        first = project_of(actor=clerk, community=this_year[0])
        bundle_add(actor=clerk, project=first, community=neighbour)
    new_year = date(today.year, 1, 1)
    for number, community in enumerate(last_year + this_year):
        project = Project.objects.filter(community=community, funding_plan__isnull=False).first()
        if project is None:
            continue  # its list has nothing priced to fund
        ours = community in this_year
        started = (
            _day(new_year, today, number / len(pool))
            if ours
            else date(today.year - 1, 9 + number % 4, 1)
        )
        waiting = ours and number % 4 == 3  # a quarter of the year's plan has yet to start
        project = walked_to_approval(
            clerk, project, pack, today - timedelta(days=10) if waiting else started
        )
        year = today.year if ours else today.year - 1
        projects_plan(
            actor=clerk,
            communities=[community],
            year=year,
            listed=True,
            reason=f"列入{year}年度改造计划",
            pack=pack,
        )
        if waiting:
            continue
        project = Project.objects.get(pk=project.pk)
        project = _built(clerk, project, pack, started, CONTRACTORS[number % len(CONTRACTORS)])
        completed = started + timedelta(days=150) if started + timedelta(days=180) < today else None
        end = completed or today
        for month in range(1, 6):
            on = _day(started, end, month / 5)
            if on > started:
                progress_report_add(
                    actor=clerk,
                    project=project,
                    on=on,
                    percent=min(100, month * 20),
                    spent_yuan=Decimal(300_000 * month + 10_000 * number),
                )
        inspection_record(
            actor=clerk,
            project=project,
            kind=InspectionKind.QUALITY,
            on=_day(started, end, 0.5),
            by="区建设工程质量监督站",
            passed=True,
        )
        if completed is None:
            continue
        project = _finished(clerk, project, pack, completed)
        accepted = completed + timedelta(days=20)
        inspection_record(
            actor=clerk,
            project=project,
            kind=InspectionKind.ACCEPTANCE,
            on=accepted,
            by="区住建局、质监站、供水公司、燃气公司",
            residents="居民代表周建国、李秀英",
            passed=True,
        )
        project_advance(actor=clerk, project=project, to_stage=ProjectStage.HANDOVER, pack=pack)
        _counted(
            clerk,
            project,
            pack,
            {
                "pipelines": Decimal(800 + 40 * number),
                "parking": Decimal(30 + number),
                "car_charging": Decimal(8 + number % 5),
                "sports_space": Decimal(260 + 20 * number),
            },
        )
    return len(this_year) + len(last_year)
