"""What the rest of Anju holds before a project may move on: the plan posted and signed off, a
funding plan that reconciles, an expert library to draw the design reviewers from, and the
residents' satisfaction evaluation closed."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from anju.accounts.models import User
from anju.audit.context import Actor
from anju.divisions.models import Division
from anju.experts.models import Expert, Specialty
from anju.finance.tests.conftest import draw_funded
from anju.participation import questionnaires
from anju.participation.models import Channel, Notice, NoticeSubject, Poll, PollKind
from anju.participation.notices.services import notice_create, notice_post, sign_off_record
from anju.participation.services import poll_create, poll_publish, response_submit
from anju.registry.models import Community
from anju.testing import CITY, SYSTEM

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def plan_signed_off(community: Community, clerk: User) -> None:
    notice = notice_create(
        actor=SYSTEM,
        community=community,
        subject=NoticeSubject.PLAN,
        title="改造方案公示",
        body="改造内容：供水、道路、加装电梯。",
        days=7,
        documents=[_pdf("方案.pdf")],
    )
    notice = notice_post(actor=SYSTEM, notice=notice, now=timezone.now() - timedelta(days=10))
    Notice.objects.filter(pk=notice.pk).update(ends_at=timezone.now() - timedelta(days=3))
    notice.refresh_from_db()
    sign_off_record(
        actor=Actor(user=clerk, origin="test"),
        notice=notice,
        signed_on=date.today(),
        body="业主委员会",
        signatories=["张三"],
        scan=_pdf("签字.pdf"),
    )


def funding_planned(community: Community) -> None:
    draw_funded(community)


def satisfaction_closed(community: Community) -> None:
    now = timezone.now()
    poll = poll_create(
        actor=SYSTEM,
        community=community,
        kind=PollKind.SATISFACTION,
        title="改造满意度评价",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=7),
        questions=questionnaires.satisfaction(),
    )
    poll = poll_publish(actor=SYSTEM, poll=poll, now=now - timedelta(hours=2))
    keys = [q.key for q in poll.questions.filter(kind="rating")]
    for elector, rating in zip(poll.electors.order_by("pk")[:4], (5, 5, 4, 2), strict=True):
        response_submit(
            actor=SYSTEM,
            elector=elector,
            raw=dict.fromkeys(keys, (str(rating),)),
            channel=Channel.CODE,
        )
    Poll.objects.filter(pk=poll.pk).update(closes_at=now - timedelta(minutes=1))


def expert_library() -> None:
    """Five structural engineers in the city's library, none working for the designer."""
    city = Division.objects.get(code=CITY)
    for i in range(5):
        Expert.objects.create(
            name=f"结构专家{i}",
            employer=f"设计院{i}",
            specialties=[Specialty.STRUCTURE],
            division=city,
        )
