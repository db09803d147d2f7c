"""A bureau keeps its expert library, draws a project's reviewers from the page with the
conflicted left out and the replay shown, records each drawn reviewer's graded opinion, and the
design counts as reviewed only when the whole latest panel has passed it."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from anju.accounts.models import User
from anju.audit.models import AuditEntry
from anju.divisions.models import Division
from anju.experts.models import Expert, Review, ReviewDraw, Specialty
from anju.experts.selectors import design_reviewed
from anju.projects.models import Project
from anju.registry.models import Community
from anju.testing import HUALONG, QINGFENG


@pytest.fixture
def clerk(hualong_user: User, logged_in: Callable[[str], Client]) -> Client:
    return logged_in("hualong")


def _expert(name: str, employer: str, division: str = HUALONG) -> Expert:
    return Expert.objects.create(
        name=name,
        employer=employer,
        specialties=[Specialty.STRUCTURE, Specialty.WATER],
        division=Division.objects.get(code=division),
    )


def test_a_district_keeps_its_own_library_and_sees_no_other(
    clerk: Client, qingfeng_user: User, logged_in: Callable[[str], Client]
) -> None:
    added = clerk.post(
        "/experts/",
        {
            "division": HUALONG,
            "name": "王工",
            "employer": "市设计院",
            "specialties": [Specialty.STRUCTURE, Specialty.FIRE],
        },
        follow=True,
    )
    expert = Expert.objects.get()
    assert expert.specialties == ["fire", "structure"] and "结构" in added.content.decode()
    outside = clerk.post(
        "/experts/",
        {"division": QINGFENG, "name": "李工", "employer": "x", "specialties": ["structure"]},
    )
    assert outside.status_code == 200 and Expert.objects.count() == 1
    qingfeng = logged_in("qingfeng")
    assert "王工" not in qingfeng.get("/experts/").content.decode()
    assert qingfeng.post(f"/experts/{expert.pk}/toggle").status_code == 404
    clerk.post(f"/experts/{expert.pk}/toggle")
    assert not Expert.objects.get().active
    assert AuditEntry.objects.filter(action__startswith="experts.").count() == 2


def test_the_page_draws_reviewers_without_the_conflicted_and_records_graded_reviews(
    hualong_community: Community, clerk: Client
) -> None:
    conflicted = _expert("赵工", "恒达建设")
    for i in range(4):
        _expert(f"专家{i}", f"大学{i}")
    page = f"/projects/communities/{hualong_community.code}/"
    drawn = clerk.post(
        f"/experts/projects/{hualong_community.code}/draw",
        {
            "designer": "市设计院",
            "contractor": "恒达建设",
            "need_structure": "2",
            "need_water": "1",
        },
        follow=True,
    )
    shown = drawn.content.decode()
    # the conflicted expert is named among those left out, with the reason
    assert 'data-replays="yes"' in shown and "因利害关系回避：赵工（施工单位员工）" in shown
    draw = ReviewDraw.objects.get()
    chosen = [int(key) for _s, key in draw.chosen]
    assert conflicted.pk not in chosen and str(conflicted.pk) in draw.excluded
    project = Project.objects.get(community=hualong_community)
    outsider = Expert.objects.exclude(pk__in=[*chosen, conflicted.pk]).first()
    assert outsider is not None
    refused = clerk.post(
        f"/experts/draws/{draw.pk}/reviews",
        {"expert": outsider.pk, "verdict": "pass", "opinion": "同意", "reviewed_on": date.today()},
        follow=True,
    )
    assert "未被抽中" in refused.content.decode() and not Review.objects.exists()
    for key in chosen[:-1]:
        clerk.post(
            f"/experts/draws/{draw.pk}/reviews",
            {"expert": key, "verdict": "pass", "opinion": "同意", "reviewed_on": date.today()},
        )
    assert not design_reviewed(project)  # one reviewer still to answer
    clerk.post(
        f"/experts/draws/{draw.pk}/reviews",
        {
            "expert": chosen[-1],
            "verdict": "changes",
            "opinion": "雨污分流需细化",
            "reviewed_on": date.today(),
        },
    )
    assert design_reviewed(project)
    assert 'data-verdict="changes"' in clerk.get(page).content.decode()


def test_a_failed_review_calls_for_a_new_panel_of_new_people(
    hualong_community: Community, clerk: Client
) -> None:
    for i in range(4):
        _expert(f"专家{i}", f"大学{i}")
    code = hualong_community.code
    clerk.post(f"/experts/projects/{code}/draw", {"designer": "市设计院", "need_structure": "2"})
    first = ReviewDraw.objects.get()
    for _s, key in first.chosen:
        clerk.post(
            f"/experts/draws/{first.pk}/reviews",
            {
                "expert": key,
                "verdict": "fail",
                "opinion": "结构加固方案不足",
                "reviewed_on": date.today(),
            },
        )
    project = Project.objects.get(community=hualong_community)
    assert not design_reviewed(project)
    clerk.post(f"/experts/projects/{code}/draw", {"designer": "市设计院", "need_structure": "2"})
    second = ReviewDraw.objects.exclude(pk=first.pk).get()
    assert not {k for _s, k in first.chosen} & {k for _s, k in second.chosen}
    short = clerk.post(
        f"/experts/projects/{code}/draw",
        {"designer": "市设计院", "need_structure": "2"},
        follow=True,
    )
    assert "专家不足" in short.content.decode() and ReviewDraw.objects.count() == 2


def test_the_api_draws_only_where_the_user_keeps_the_library_and_names_a_shortage(
    hualong_community: Community,
    clerk: Client,
    qingfeng_user: User,
    logged_in: Callable[[str], Client],
) -> None:
    _expert("专家1", "大学1")
    url = f"/api/v1/experts/projects/{hualong_community.code}/draws"
    body = json.dumps({"designer": "市设计院", "needs": {"structure": 2}})
    foreign = logged_in("qingfeng").post(url, body, content_type="application/json")
    assert foreign.status_code == 404
    short = clerk.post(url, body, content_type="application/json")
    assert short.status_code == 422 and "需要2人，无利害关系的仅1人" in short.json()["detail"]
    nothing = clerk.post(
        url, json.dumps({"designer": "x", "needs": {}}), content_type="application/json"
    )
    assert nothing.status_code == 422 and not ReviewDraw.objects.exists()


def test_a_review_sent_for_another_districts_expert_is_refused_without_naming_them(
    hualong_community: Community, clerk: Client
) -> None:
    for number in range(1, 4):
        _expert(f"专家{number}", f"大学{number}")
    stranger = _expert("青丰专家", "青丰大学", QINGFENG)
    url = f"/api/v1/experts/projects/{hualong_community.code}/draws"
    body = json.dumps({"designer": "市设计院", "needs": {"structure": 2}})
    draw = clerk.post(url, body, content_type="application/json").json()
    review = {
        "expert_id": stranger.pk,
        "verdict": "pass",
        "opinion": "同意",
        "reviewed_on": date.today().isoformat(),
    }
    answer = clerk.post(
        f"/api/v1/experts/draws/{draw['id']}/reviews",
        json.dumps(review),
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert "青丰专家" not in answer.content.decode() and "未被抽中" in answer.json()["detail"]
    assert not Review.objects.exists()
