"""What the supervision tests share: a city in trouble."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from anju.divisions.models import Division
from anju.finance.models import Budget, Channel, Grant
from anju.participation.models import CommentKind, NoticeComment, NoticeSubject
from anju.participation.notices.services import notice_create, notice_post
from anju.projects.models import Defect, Inspection, ProgressReport, Project, ProjectStage
from anju.registry.models import Community
from anju.testing import SYSTEM


@pytest.fixture
def troubled(hualong_community: Community, qingfeng_community: Community) -> dict[str, Community]:
    """Hualong: works overdue, works behind, approvals late, a central-subsidy project never
    started, an open defect, an unanswered objection; Qingfeng: works overdue."""
    today = timezone.localdate()
    hualong = list(
        Community.objects.filter(district_id=hualong_community.district_id).order_by("code")[:6]
    )
    overdue, behind, late, central, defective, objected = hualong
    Project.objects.create(
        community=overdue,
        stage=ProjectStage.CONSTRUCTION,
        contractor="恒达建设",
        started_on=today - timedelta(days=200),
        due_on=today - timedelta(days=1),
    )
    slow = Project.objects.create(
        community=behind,
        stage=ProjectStage.CONSTRUCTION,
        contractor="安居建工",
        started_on=today - timedelta(days=50),
        due_on=today + timedelta(days=50),
    )
    ProgressReport.objects.create(project=slow, on=today, percent=30, spent_yuan=0)
    Project.objects.create(community=late, stage=ProjectStage.PLANNED, plan_year=today.year - 1)
    unstarted = Project.objects.create(community=central, stage=ProjectStage.PLANNED)
    budget = Budget.objects.create(
        name="中央补助",
        channel=Channel.CENTRAL_SUBSIDY,
        year=today.year - 1,
        division=Division.objects.get(pk=hualong_community.district_id),
        amount=10**9,
    )
    Grant.objects.create(budget=budget, project=unstarted, amount=10**6)
    flawed = Project.objects.create(
        community=defective, stage=ProjectStage.CONSTRUCTION, contractor="正信建设"
    )
    inspection = Inspection.objects.create(
        project=flawed, kind="safety", on=today - timedelta(days=9), by="区安监站"
    )
    Defect.objects.create(project=flawed, inspection=inspection, description="脚手架未设防护网")
    notice = notice_post(
        actor=SYSTEM,
        notice=notice_create(
            actor=SYSTEM,
            community=objected,
            subject=NoticeSubject.PLAN,
            title="方案公示",
            body="内容",
            days=7,
        ),
    )
    NoticeComment.objects.create(notice=notice, kind=CommentKind.OBJECTION, text="反对拆车棚")
    Project.objects.create(
        community=qingfeng_community,
        stage=ProjectStage.CONSTRUCTION,
        contractor="清丰建工",
        started_on=today - timedelta(days=100),
        due_on=today - timedelta(days=3),
    )
    return {
        "overdue": overdue,
        "behind": behind,
        "late": late,
        "central": central,
        "defective": defective,
        "objected": objected,
        "qingfeng": qingfeng_community,
    }
