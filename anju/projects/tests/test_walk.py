"""A project walked from the reserve to its evaluation through the API, each gate refusing with
its clause until what it asks for is recorded; the evidence other parts of Anju keep (the plan
signed off, the funding plan, the satisfaction evaluation) is made by their own services."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from anju.accounts.models import User
from anju.audit.models import AuditEntry
from anju.policy.library import get_pack
from anju.projects.models import Project, ProjectStage, StageChange
from anju.projects.services.stages import projects_plan
from anju.projects.tests.evidence import (
    expert_library,
    funding_planned,
    plan_signed_off,
    satisfaction_closed,
)
from anju.registry.models import Community
from anju.testing import SYSTEM

POLICY = "?policy=puyang-2020"


class Api:
    def __init__(self, client: Client, code: str) -> None:
        self.client, self.base = client, f"/api/v1/projects/{code}"

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(
            f"{self.base}{path}{POLICY}", json.dumps(body), content_type="application/json"
        )

    def patch(self, body: dict[str, Any]) -> Any:
        return self.client.patch(
            f"{self.base}{POLICY}", json.dumps(body), content_type="application/json"
        )

    def refused(self, to: str) -> list[tuple[str, str]]:
        answer = self.post("/advance", {"to": to})
        assert answer.status_code == 409, answer.content
        return [(r["requirement"], r["cite"]) for r in answer.json()]

    def advance(self, to: str) -> None:
        answer = self.post("/advance", {"to": to})
        assert answer.status_code == 200, answer.content
        assert answer.json()["stage"] == to

    def record(self, step: str, day: str) -> None:
        assert self.post("/records", {"step": step, "done_on": day}).status_code == 201


def test_a_project_walks_from_reserve_to_evaluation_through_the_api(
    hualong_community: Community,
    hualong_user: User,
    logged_in: Callable[[str], Client],
    settings: Any,
    tmp_path: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    api = Api(logged_in("hualong"), hualong_community.code)
    today = timezone.localdate()
    day = (today - timedelta(days=60)).isoformat()

    assert api.refused("generation") == [
        ("training", "puyang-2020 §3.(1)1"),
        ("publicity", "puyang-2020 §3.(1)2"),
    ]
    api.record("training", day)
    api.record("publicity", day)
    api.advance("generation")

    assert api.refused("approval") == [
        ("consultation", "puyang-2020 §3.(1)3"),
        ("plan_signed_off", "puyang-2020 §3.(1)3"),
        ("funding_plan", "puyang-2020 §3.(1)4"),
    ]
    api.record("consultation", day)
    plan_signed_off(hualong_community, hualong_user)
    funding_planned(hualong_community)
    api.advance("approval")
    assert api.refused("planned") == [("in_annual_plan", "puyang-2020 §5.(3)")]
    projects_plan(
        actor=SYSTEM,
        communities=[hualong_community],
        year=today.year,
        listed=True,
        reason="列入年度计划",
        pack=get_pack("puyang-2020"),
    )
    assert Project.objects.get(community=hualong_community).stage == ProjectStage.PLANNED

    assert api.refused("construction") == [
        ("approvals", "puyang-2020 §5.(2)"),
        ("contractor", "puyang-2020 §3.(2)4"),
    ]
    expert_library()
    experts = api.client
    drawn = experts.post(
        f"/api/v1/experts/projects/{hualong_community.code}/draws",
        json.dumps({"designer": "市设计院", "needs": {"structure": 3}}),
        content_type="application/json",
    )
    assert drawn.status_code == 201 and drawn.json()["replays"] is True
    panel = drawn.json()
    for seat in panel["seats"]:
        reviewed = experts.post(
            f"/api/v1/experts/draws/{panel['id']}/reviews",
            json.dumps(
                {
                    "expert_id": seat["expert_id"],
                    "verdict": "pass",
                    "opinion": "结构安全，同意实施。",
                    "reviewed_on": today.isoformat(),
                }
            ),
            content_type="application/json",
        )
        assert reviewed.status_code == 201
    assert reviewed.json()["passed"] is True
    # the builder chooses the commitment route, which spares the drawing review
    assert api.patch({"by_commitment": True}).status_code == 200
    assert api.post("/approvals", {"step": "joint_review", "granted_on": day}).status_code == 201
    spared = api.post("/approvals", {"step": "drawing_review", "granted_on": day})
    assert spared.status_code == 422 and "不需要" in spared.json()["detail"]
    assert (
        api.post("/approvals", {"step": "construction_permit", "granted_on": day}).status_code
        == 201
    )
    no_contractor = api.patch({"started_on": day, "contractor": None, "structural_change": None})
    assert no_contractor.status_code == 422
    assert (
        api.patch(
            {"contractor": "恒达建设", "supervisor": "正信监理", "started_on": day}
        ).status_code
        == 200
    )
    api.advance("construction")

    midway = (today - timedelta(days=30)).isoformat()
    assert (
        api.post("/progress", {"on": midway, "percent": 60, "spent_yuan": "1200000"}).status_code
        == 201
    )
    backwards = api.post("/progress", {"on": midway, "percent": 50, "spent_yuan": "1300000"})
    assert backwards.status_code == 422

    assert [r for r, _c in api.refused("acceptance")] == [
        "completed",
        "management_arranged",
        "handover_agreement",
        "defects_fixed",
    ]
    found = api.post(
        "/inspections",
        {
            "kind": "quality",
            "on": midway,
            "by": "区质监站",
            "passed": False,
            "defects": ["3号楼雨水管渗漏"],
        },
    )
    assert found.status_code == 201
    defect = found.json()["defects"]["3号楼雨水管渗漏"]
    done = (today - timedelta(days=5)).isoformat()
    assert (
        api.patch(
            {"completed_on": done, "management_model": "professional", "manager": "安家物业"}
        ).status_code
        == 200
    )
    api.record("handover_agreement", done)
    satisfaction_closed(hualong_community)
    assert api.refused("acceptance") == [("defects_fixed", "puyang-2020 §3.(3)")]
    assert api.post(f"/defects/{defect}/fixed", {"fixed_on": done}).status_code == 200
    api.advance("acceptance")

    assert api.refused("handover") == [("acceptance_passed", "puyang-2020 §3.(3)")]
    meeting = {
        "kind": "acceptance",
        "on": today.isoformat(),
        "by": "区住建局、民政局、城管局、供水公司",
        "passed": True,
    }
    no_residents = api.post("/inspections", meeting)
    assert no_residents.status_code == 422 and "居民代表" in no_residents.json()["detail"]
    accepted = api.post("/inspections", {**meeting, "residents": "王五、赵六"})
    assert accepted.status_code == 201
    api.advance("handover")

    assert api.refused("management") == [("handover_inspected", "puyang-2020 §3.(3)")]
    api.record("handover_inspected", today.isoformat())
    api.advance("management")
    api.advance("evaluation")

    project = Project.objects.get(community=hualong_community)
    assert project.stage == ProjectStage.EVALUATION
    assert list(StageChange.objects.filter(project=project).values_list("to_stage", flat=True)) == [
        stage for stage in ProjectStage.values if stage != ProjectStage.RESERVE
    ]
    assert project.inspections.get(kind="acceptance").satisfaction == 75  # 3 of 4 satisfied
    assert AuditEntry.objects.filter(action="project.stage").count() == 8
