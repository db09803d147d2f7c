"""The project page records approvals against the pack's fast paths and deadline, progress with
photos only those who may see the community can open, inspections and defects, and flags the
utilities' works that would dig the same ground twice and a central-subsidy project at risk of
missing its year."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from anju.accounts.models import User
from anju.audit.models import AuditEntry
from anju.divisions.models import Division
from anju.finance.models import Budget, Channel, Grant
from anju.projects.models import Approval, Defect, ProgressPhoto, ProgressReport, Project
from anju.registry.models import Community


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 80, 40)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def page(hualong_community: Community) -> str:
    return f"/projects/communities/{hualong_community.code}/"


@pytest.fixture
def clerk(hualong_user: User, logged_in: Callable[[str], Client]) -> Client:
    return logged_in("hualong")


def _messages(answer: Any) -> str:
    return str(answer.content.decode())


def test_the_year_s_approvals_are_due_by_31_may_in_hangjin_and_late_ones_are_named(
    hualong_community: Community, page: str, clerk: Client
) -> None:
    Project.objects.create(community=hualong_community, plan_year=2026, by_commitment=True)
    policy = "?policy=hangjin-2021"
    shown = clerk.get(page + policy).content.decode()
    assert "2026-05-31" in shown and "杭政发〔2021〕124号 三（三）" in shown
    # work that changes neither structure nor land, its builder under 告知承诺制, is spared land
    # and drawing review by Hangjin's own clause, and no other city's is shown
    assert 'data-approval="land"' in shown and "chongqing-2021" not in shown
    joint = clerk.post(
        f"{page}approvals{policy}",
        {"step": "joint_review", "granted_on": "2026-04-10", "reference": "杭住建〔2026〕8号"},
        follow=True,
    )
    assert "审批已登记" in _messages(joint)
    assert set(Approval.objects.values_list("step", flat=True)) == {
        "project_approval",
        "planning_permit",
    }
    clerk.post(
        f"{page}approvals{policy}", {"step": "construction_permit", "granted_on": "2026-06-03"}
    )
    late = clerk.get(page + policy).content.decode()
    assert 'data-late-approval="construction_permit"' in late
    assert 'data-late-approval="planning_permit"' not in late
    twice = clerk.post(
        f"{page}approvals{policy}", {"step": "construction_permit", "granted_on": "2026-06-04"}
    )
    assert Approval.objects.count() == 3 and twice.status_code == 302


def test_progress_photos_are_kept_and_shown_only_to_those_who_may_see_the_community(
    hualong_community: Community,
    page: str,
    clerk: Client,
    qingfeng_user: User,
    logged_in: Callable[[str], Client],
    settings: Any,
    tmp_path: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    start = timezone.localdate() - timedelta(days=20)
    clerk.post(
        f"{page}particulars",
        {"contractor": "恒达建设", "started_on": start.isoformat()},
    )
    assert Project.objects.get(community=hualong_community).started_on == start
    not_a_photo = clerk.post(
        f"{page}progress",
        {
            "on": (start + timedelta(days=5)).isoformat(),
            "percent": "20",
            "spent_yuan": "300000",
            "photo_1": SimpleUploadedFile("p.png", b"<script>alert(1)</script>"),
            "caption_1": "管网开挖",
        },
        follow=True,
    )
    assert not ProgressReport.objects.exists() and "照片" in _messages(not_a_photo)
    reported = clerk.post(
        f"{page}progress",
        {
            "on": (start + timedelta(days=5)).isoformat(),
            "percent": "20",
            "spent_yuan": "300000",
            "photo_1": SimpleUploadedFile("管网.pdf", _png(), content_type="application/pdf"),
            "caption_1": "1号楼北侧管网开挖",
        },
        follow=True,
    )
    assert "进度已报送" in _messages(reported)
    photo = ProgressPhoto.objects.get()
    assert photo.image.name.endswith(".png") and "管网" not in photo.image.name
    url = f"{page}photos/{photo.pk}"
    assert url in reported.content.decode() and "1号楼北侧管网开挖" in reported.content.decode()
    served = clerk.get(url)
    assert served.status_code == 200 and b"".join(served.streaming_content) == _png()  # type: ignore[attr-defined]
    assert logged_in("qingfeng").get(url).status_code == 404
    assert AuditEntry.objects.filter(action="project.progress").count() == 1


def test_acceptance_waits_for_every_defect_to_be_fixed(
    hualong_community: Community, page: str, clerk: Client
) -> None:
    today = timezone.localdate()
    Project.objects.create(
        community=hualong_community,
        contractor="恒达建设",
        started_on=today - timedelta(days=90),
        completed_on=today - timedelta(days=3),
    )
    clerk.post(
        f"{page}inspections",
        {
            "kind": "quality",
            "on": (today - timedelta(days=10)).isoformat(),
            "by": "区质监站",
            "defects": "3号楼雨水管渗漏\n路面沉降",
        },
    )
    assert Defect.objects.filter(fixed_on__isnull=True).count() == 2
    refused = clerk.post(
        f"{page}inspections",
        {
            "kind": "acceptance",
            "on": today.isoformat(),
            "by": "区住建局",
            "residents": "王五",
            "passed": "on",
        },
        follow=True,
    )
    assert "尚有2项问题未整改" in _messages(refused)
    for defect in Defect.objects.all():
        clerk.post(f"{page}defects/{defect.pk}/fixed", {"fixed_on": today.isoformat()})
    accepted = clerk.post(
        f"{page}inspections",
        {
            "kind": "acceptance",
            "on": today.isoformat(),
            "by": "区住建局",
            "residents": "王五",
            "passed": "on",
        },
        follow=True,
    )
    assert "检查已登记" in _messages(accepted)
    assert 'data-inspection="acceptance"' in accepted.content.decode()


def test_works_that_would_dig_the_same_ground_twice_are_flagged_on_the_page_and_in_the_api(
    hualong_community: Community, page: str, clerk: Client
) -> None:
    for network, utility, ground, start, end in (
        ("water", "自来水公司", "主干道A段，1号楼北侧", "2027-04-01", "2027-05-15"),
        ("gas", "燃气公司", "主干道A段", "2027-08-01", "2027-08-30"),
        ("power", "供电公司", "2号楼南侧", "2027-08-01", "2027-08-30"),
    ):
        clerk.post(
            f"{page}utility-works",
            {
                "network": network,
                "utility": utility,
                "ground": ground,
                "starts_on": start,
                "ends_on": end,
            },
        )
    shown = clerk.get(page).content.decode()
    assert shown.count("data-dig-twice") == 1 and "燃气公司" in shown
    api = clerk.get(f"/api/v1/projects/{hualong_community.code}/utility-works").json()
    assert api["works"] == 3
    assert api["dig_twice"] == [
        {"first": "自来水公司", "second": "燃气公司", "ground": ["主干道A段"], "gap_days": 78}
    ]
    backwards = clerk.post(
        f"{page}utility-works",
        {
            "network": "heat",
            "utility": "热力公司",
            "ground": "主干道A段",
            "starts_on": "2027-09-02",
            "ends_on": "2027-09-01",
        },
        follow=True,
    )
    assert "开挖结束日期早于开始日期" in _messages(backwards)


def test_a_central_subsidy_project_not_started_in_its_year_is_flagged(
    hualong_community: Community, page: str, clerk: Client, hualong_user: User
) -> None:
    project = Project.objects.create(community=hualong_community)
    year = timezone.localdate().year - 1
    budget = Budget.objects.create(
        name="中央补助",
        channel=Channel.CENTRAL_SUBSIDY,
        year=year,
        division=Division.objects.get(pk=hualong_community.district_id),
        amount=10_000_000,
    )
    Grant.objects.create(budget=budget, project=project, amount=1_000_000)
    shown = clerk.get(page + "?policy=hangjin-2021").content.decode()
    assert f"工程未于{year}-12-31前开工" in shown and "杭政发〔2021〕124号 三（四）" in shown
    # a pack without the rule says nothing of it
    assert "data-year-problem" not in clerk.get(page + "?policy=puyang-2020").content.decode()
    assert date(year, 12, 31) < timezone.localdate()


def test_a_neighbouring_block_is_packed_in_from_the_page_and_its_own_page_points_to_the_project(
    hualong_community: Community, page: str, clerk: Client
) -> None:
    neighbour = (
        Community.objects.filter(street_id=hualong_community.street_id)
        .exclude(pk=hualong_community.pk)
        .order_by("code")
        .first()
    )
    assert neighbour is not None
    packed = clerk.post(f"{page}bundle", {"community": neighbour.code}, follow=True)
    assert f'data-bundled="{neighbour.code}"' in packed.content.decode()
    unknown = clerk.post(f"{page}bundle", {"community": "000"}, follow=True)
    assert "000" in _messages(unknown)
    own = clerk.get(f"/projects/communities/{neighbour.code}/").content.decode()
    assert "data-bundled-into" in own and 'value="advance"' not in own
