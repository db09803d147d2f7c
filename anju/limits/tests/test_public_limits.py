"""What anyone may send without signing in is limited per client and per target, in Anju
itself; a request over a limit is told when to try again and keeps what it wrote; a flood of
one objection is recognised and answered together, every copy still kept and shown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from anju.accounts.models import User
from anju.audit.models import AuditEntry
from anju.limits.services import COMMENTS_PER_CLIENT
from anju.participation.models import CommentKind, Notice, NoticeComment, NoticeSubject
from anju.participation.notices.services import notice_create, notice_post, unanswered_objections
from anju.registry.models import Community
from anju.testing import SYSTEM

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(hualong_community: Community) -> Notice:
    draft = notice_create(
        actor=SYSTEM,
        community=hualong_community,
        subject=NoticeSubject.PLAN,
        title="改造方案公示",
        body="加装电梯",
        days=7,
    )
    return notice_post(actor=SYSTEM, notice=draft, now=timezone.now() - timedelta(hours=1))


def _object(client: Client, notice: Notice, text: str) -> object:
    return client.post(
        reverse("notice:public", args=[notice.pk]),
        {"kind": CommentKind.OBJECTION, "text": text, "name": "", "contact": ""},
    )


def test_one_client_is_limited_the_next_is_not_and_the_limited_text_is_kept(
    notice: Notice,
) -> None:
    flooder = Client(REMOTE_ADDR="10.6.6.6")
    for n in range(COMMENTS_PER_CLIENT.count):
        assert _object(flooder, notice, f"反对 {n}").status_code == 302  # type: ignore[attr-defined]
    refused = _object(flooder, notice, "第十一条意见")
    page = refused.content.decode()  # type: ignore[attr-defined]
    assert refused.status_code == 429  # type: ignore[attr-defined]
    assert "过于频繁" in page and "第十一条意见" in page and "书面提出" in page
    assert NoticeComment.objects.count() == COMMENTS_PER_CLIENT.count
    neighbour = Client(REMOTE_ADDR="10.1.2.3")
    assert _object(neighbour, notice, "我也反对").status_code == 302  # type: ignore[attr-defined]


def test_a_flood_of_one_objection_is_answered_together_and_every_copy_kept(
    notice: Notice, hualong_user: User, logged_in: Callable[[str], Client]
) -> None:
    words = [
        "反对加装电梯！影响一楼采光。",
        "反对加装电梯 影响一楼采光",
        "反对加装电梯，影响一楼采光",
    ]
    for n in range(20):
        _object(Client(REMOTE_ADDR=f"10.8.0.{n}"), notice, words[n % 3])
    _object(Client(REMOTE_ADDR="10.8.1.1"), notice, "车棚不要拆")
    clerk = logged_in("hualong")
    url = reverse("participation:notice_detail", args=[notice.pk])
    page = clerk.get(url).content.decode()
    assert "另有 19 条内容相同" in page and "同时答复内容相同的 19 条" in page
    first = NoticeComment.objects.order_by("pk").first()
    assert first is not None
    done = clerk.post(
        url,
        {
            "action": "answer",
            "comment": first.pk,
            "answer": "电梯位于北侧，不影响采光。",
            "copies": "1",
        },
        follow=True,
    )
    assert "已答复 20 条意见" in done.content.decode()
    assert list(unanswered_objections(notice.community).values_list("text", flat=True)) == [
        "车棚不要拆"
    ]
    copies = NoticeComment.objects.exclude(pk=first.pk).filter(answered_at__isnull=False)
    assert copies.count() == 19 and all(c.answered_with_id == first.pk for c in copies)
    assert AuditEntry.objects.filter(action="notice.answer").count() == 20
    public = Client().get(reverse("notice:public", args=[notice.pk])).content.decode()
    assert public.count("电梯位于北侧，不影响采光。") == 20
