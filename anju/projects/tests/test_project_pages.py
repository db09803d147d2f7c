"""The project page and the API walk a project through its gates, refusing with the clause."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.test import Client

from anju.projects.models import Project, ProjectStage
from anju.registry.models import Community


def test_the_page_shows_the_next_gates_and_refuses_with_the_clause(
    hualong_community: Community, hualong_user: object, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    url = f"/projects/communities/{hualong_community.code}/?policy=puyang-2020"
    page = client.get(url).content.decode()
    assert 'data-gate="training"' in page and "濮政办〔2020〕31号 三（一）1" in page
    refused = client.post(url, {"action": "advance", "to": "generation"}, follow=True)
    assert "濮政办〔2020〕31号 三（一）2" in refused.content.decode()
    for step in ("training", "publicity"):
        client.post(url, {"action": "record", "step": step, "done_on": "2026-03-01"})
    client.post(url, {"action": "advance", "to": "generation", "reason": "培训宣传完成"})
    project = Project.objects.get(community=hualong_community)
    assert project.stage == ProjectStage.GENERATION
    assert "培训宣传完成" in client.get(url).content.decode()


def test_the_api_refuses_with_409_naming_each_gate_then_moves(
    hualong_community: Community, hualong_user: object, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    base = f"/api/v1/projects/{hualong_community.code}"
    refused = client.post(
        f"{base}/advance?policy=puyang-2020",
        json.dumps({"to": "generation"}),
        content_type="application/json",
    )
    assert refused.status_code == 409
    assert [(r["requirement"], r["cite"]) for r in refused.json()] == [
        ("training", "puyang-2020 §3.(1)1"),
        ("publicity", "puyang-2020 §3.(1)2"),
    ]
    for step in ("training", "publicity"):
        made = client.post(
            f"{base}/records",
            json.dumps({"step": step, "done_on": "2026-03-01"}),
            content_type="application/json",
        )
        assert made.status_code == 201
    moved = client.post(
        f"{base}/advance?policy=puyang-2020",
        json.dumps({"to": "generation"}),
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["stage"] == "generation"
    assert moved.json()["next_stage"] == "approval"


def test_another_district_cannot_see_or_move_it(
    hualong_community: Community, qingfeng_user: object, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("qingfeng")
    assert client.get(f"/api/v1/projects/{hualong_community.code}").status_code == 404
    assert client.get(f"/projects/communities/{hualong_community.code}/").status_code == 404
