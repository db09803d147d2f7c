"""Public notices: a period that can grow but never shrink, comments only while posted,
objections answered before the plan is signed off, and nothing personal on the public page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from anju.accounts.models import User
from anju.audit.context import Actor
from anju.audit.models import AuditEntry
from anju.participation.models import CommentKind, Notice, NoticeDocument, NoticeSubject
from anju.participation.notices.services import (
    comment_add,
    comment_answer,
    notice_create,
    notice_extend,
    notice_post,
    sign_off_record,
    unanswered_objections,
)
from anju.participation.services import ParticipationError
from anju.registry.models import Community
from anju.testing import SYSTEM

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(name: str = "方案.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture
def settings_media(settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


@pytest.fixture
def plan(hualong_community: Community, settings_media: None) -> Notice:
    notice = notice_create(
        actor=SYSTEM,
        community=hualong_community,
        subject=NoticeSubject.PLAN,
        title="改造方案公示",
        body="改造内容：供水、道路、加装电梯。",
        days=7,
        documents=[_pdf()],
    )
    return notice_post(actor=SYSTEM, notice=notice, now=timezone.now() - timedelta(days=1))


def _clerk(user: User) -> Actor:
    return Actor(user=user, origin="test")


def test_a_posted_notice_can_be_extended_never_shortened(plan: Notice) -> None:
    assert plan.ends_at is not None and plan.posted_at is not None
    assert plan.ends_at - plan.posted_at == timedelta(days=7)
    with pytest.raises(ParticipationError, match="不能缩短"):
        notice_extend(actor=SYSTEM, notice=plan, ends_at=plan.ends_at - timedelta(hours=1))
    with pytest.raises(ParticipationError):
        notice_extend(actor=SYSTEM, notice=plan, ends_at=plan.ends_at)
    longer = notice_extend(actor=SYSTEM, notice=plan, ends_at=plan.ends_at + timedelta(days=3))
    assert longer.ends_at == plan.ends_at + timedelta(days=3)
    with pytest.raises(ParticipationError):
        notice_post(actor=SYSTEM, notice=plan)
    assert AuditEntry.objects.filter(action="notice.extend", target_id=str(plan.pk)).count() == 1


def test_comments_are_taken_only_while_the_notice_is_up(plan: Notice) -> None:
    comment_add(actor=SYSTEM, notice=plan, kind=CommentKind.COMMENT, text="支持")
    assert plan.ends_at is not None
    with pytest.raises(ParticipationError):
        comment_add(
            actor=SYSTEM, notice=plan, kind=CommentKind.COMMENT, text="晚了", now=plan.ends_at
        )
    with pytest.raises(ParticipationError):
        comment_add(actor=SYSTEM, notice=plan, kind=CommentKind.COMMENT, text="   ")


def test_an_unanswered_objection_holds_the_sign_off(
    plan: Notice, city_user: User, hualong_community: Community
) -> None:
    objection = comment_add(
        actor=SYSTEM, notice=plan, kind=CommentKind.OBJECTION, text="反对拆除自行车棚"
    )
    assert list(unanswered_objections(hualong_community)) == [objection]
    Notice.objects.filter(pk=plan.pk).update(
        posted_at=timezone.now() - timedelta(days=10), ends_at=timezone.now() - timedelta(days=3)
    )
    plan.refresh_from_db()
    signed = {
        "actor": _clerk(city_user),
        "notice": plan,
        "signed_on": date.today(),
        "body": "业主委员会",
        "signatories": ["张三", "李四"],
    }
    with pytest.raises(ParticipationError, match="异议"):
        sign_off_record(**signed, scan=_pdf("签字.pdf"))  # type: ignore[arg-type]
    comment_answer(actor=_clerk(city_user), comment=objection, answer="车棚异地重建，不减少车位。")
    assert not unanswered_objections(hualong_community).exists()
    with pytest.raises(ParticipationError):
        comment_answer(actor=_clerk(city_user), comment=objection, answer="再答一次")
    sign_off = sign_off_record(**signed, scan=_pdf("签字.pdf"))  # type: ignore[arg-type]
    assert sign_off.signatories == "张三\n李四" and len(sign_off.scan_sha256) == 64


def test_a_plan_is_not_signed_off_during_its_notice_period(plan: Notice, city_user: User) -> None:
    with pytest.raises(ParticipationError, match="公示期"):
        sign_off_record(
            actor=_clerk(city_user),
            notice=plan,
            signed_on=date.today(),
            body="业主委员会",
            signatories=["张三"],
            scan=_pdf(),
        )


def test_a_disguised_or_unknown_file_is_refused_and_nothing_is_kept(
    hualong_community: Community, settings_media: None
) -> None:
    for upload in (
        SimpleUploadedFile("方案.pdf", b"MZ\x90\x00 not a pdf"),
        SimpleUploadedFile("run.exe", b"MZ\x90\x00"),
        SimpleUploadedFile("空.pdf", b""),
    ):
        with pytest.raises(ParticipationError, match=upload.name):
            notice_create(
                actor=SYSTEM,
                community=hualong_community,
                subject=NoticeSubject.OTHER,
                title="x",
                body="x",
                days=5,
                documents=[_pdf(), upload],
            )
    assert not Notice.objects.exists() and not NoticeDocument.objects.exists()


def test_the_public_page_shows_no_personal_data_and_takes_an_objection(plan: Notice) -> None:
    comment_add(
        actor=SYSTEM,
        notice=plan,
        kind=CommentKind.COMMENT,
        text="希望保留大树",
        name="王建国",
        contact="13812345678",
    )
    public = Client()
    page = public.get(reverse("notice:public", args=[plan.pk])).content.decode()
    assert "希望保留大树" in page and "王**" in page
    assert "王建国" not in page and "1381" not in page and "5678" not in page
    reply = public.post(
        reverse("notice:public", args=[plan.pk]),
        {"kind": "objection", "text": "反对占用绿地", "name": "", "contact": ""},
    )
    assert reply.status_code == 302
    assert plan.comments.filter(kind="objection").count() == 1


def test_documents_are_public_only_once_posted_and_always_downloaded(
    hualong_community: Community, settings_media: None
) -> None:
    draft = notice_create(
        actor=SYSTEM,
        community=hualong_community,
        subject=NoticeSubject.PLAN,
        title="草稿",
        body="x",
        days=5,
        documents=[_pdf()],
    )
    document = draft.documents.get()
    url = reverse("notice:document", args=[draft.pk, document.pk])
    assert Client().get(url).status_code == 404
    assert Client().get(reverse("notice:public", args=[draft.pk])).status_code == 404
    notice_post(actor=SYSTEM, notice=draft)
    reply = Client().get(url)
    assert reply.status_code == 200
    assert reply["Content-Disposition"].startswith("attachment")
    assert b"".join(reply.streaming_content) == PDF  # type: ignore[attr-defined]


def test_staff_post_and_answer_from_the_notice_page(
    plan: Notice, hualong_user: User, logged_in: Callable[[str], Client]
) -> None:
    objection = comment_add(actor=SYSTEM, notice=plan, kind=CommentKind.OBJECTION, text="反对")
    client = logged_in("hualong")
    url = reverse("participation:notice_detail", args=[plan.pk])
    client.post(url, {"action": "answer", "comment": objection.pk, "answer": "已调整方案"})
    objection.refresh_from_db()
    assert objection.answer == "已调整方案" and objection.answered_by == hualong_user
    client.post(url, {"action": "answer", "comment": "abc", "answer": "x"})
    assert plan.ends_at is not None
    client.post(url, {"action": "extend", "ends_at": "2000-01-01T00:00"})
    plan.refresh_from_db()
    assert plan.ends_at > timezone.now()
