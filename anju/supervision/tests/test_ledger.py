"""The ledger lists the projects registered in the user's area with where each stands, closes a
project only once it is accepted and handed over and only with its evidence, and downloads as a
workbook with the same rows."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from python_calamine import CalamineWorkbook

from anju.accounts.models import User
from anju.audit.models import AuditEntry
from anju.projects.models import Approval, Inspection, ProgressReport, Project, ProjectStage
from anju.registry.models import Community
from anju.supervision.models import Closure


@pytest.fixture
def projects(hualong_community: Community, qingfeng_community: Community) -> list[Project]:
    today = timezone.localdate()
    others = Community.objects.filter(district_id=hualong_community.district_id).order_by("code")
    done = Project.objects.create(
        community=hualong_community,
        stage=ProjectStage.MANAGEMENT,
        plan_year=today.year,
        started_on=today - timedelta(days=100),
        completed_on=today - timedelta(days=20),
    )
    Inspection.objects.create(
        project=done, kind="acceptance", on=today - timedelta(days=10), by="区住建局", passed=True
    )
    ProgressReport.objects.create(
        project=done, on=today - timedelta(days=20), percent=100, spent_yuan=0
    )
    for step in ("project_approval", "planning_permit", "construction_permit"):
        Approval.objects.create(project=done, step=step, granted_on=today - timedelta(days=150))
    building = Project.objects.create(community=others[1], stage=ProjectStage.CONSTRUCTION)
    Project.objects.create(community=others[2])  # reserve, in no plan: not registered
    foreign = Project.objects.create(community=qingfeng_community, stage=ProjectStage.GENERATION)
    return [done, building, foreign]


def test_the_ledger_shows_the_area_s_registered_projects_and_closes_one_with_evidence(
    projects: list[Project], hualong_user: User, logged_in: Callable[[str], Client]
) -> None:
    done, building, foreign = projects
    clerk = logged_in("hualong")
    answer = clerk.get("/supervision/ledger/")
    page = answer.content.decode()
    assert page.count("data-ledger=") == 2 and foreign.community.code not in page
    totals = answer.context["totals"]
    assert (totals.registered, totals.building, totals.accepted, totals.closed) == (2, 2, 1, 0)
    assert "100%" in page
    early = clerk.post(
        "/supervision/ledger/",
        {"project": building.pk, "closed_on": timezone.localdate(), "evidence": "验收报告"},
        follow=True,
    )
    assert "移交" in early.content.decode() and not Closure.objects.exists()
    no_evidence = clerk.post(
        "/supervision/ledger/", {"project": done.pk, "closed_on": timezone.localdate()}
    )
    assert no_evidence.status_code == 302 and not Closure.objects.exists()
    closed = clerk.post(
        "/supervision/ledger/",
        {"project": done.pk, "closed_on": timezone.localdate(), "evidence": "华住建验〔2026〕12号"},
        follow=True,
    )
    assert "data-closed" in closed.content.decode()
    assert Closure.objects.get().evidence == "华住建验〔2026〕12号"
    assert AuditEntry.objects.filter(action="ledger.close").count() == 1
    twice = clerk.post(
        "/supervision/ledger/",
        {"project": done.pk, "closed_on": timezone.localdate(), "evidence": "再次"},
        follow=True,
    )
    assert "已销号" in twice.content.decode() and Closure.objects.count() == 1


def test_a_foreign_district_neither_sees_nor_closes(
    projects: list[Project], qingfeng_user: User, logged_in: Callable[[str], Client]
) -> None:
    done = projects[0]
    other = logged_in("qingfeng")
    assert done.community.code not in other.get("/supervision/ledger/").content.decode()
    refused = other.post(
        "/supervision/ledger/",
        {"project": done.pk, "closed_on": timezone.localdate(), "evidence": "x"},
    )
    assert refused.status_code == 404 and not Closure.objects.exists()


def test_the_workbook_has_the_same_rows(
    projects: list[Project], hualong_user: User, logged_in: Callable[[str], Client]
) -> None:
    answer = logged_in("hualong").get("/supervision/ledger.xlsx")
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(answer.content)).get_sheet_by_index(0).to_python()
    )
    assert rows[0][2] == "小区编号" and len(rows) == 3
    by_code = {row[2]: row for row in rows[1:]}
    done = by_code[projects[0].community.code]
    assert done[5] == "长效管理" and done[7] == 3 and done[10] == 100


def test_a_header_sorts_the_ledger_and_its_workbook_alike(
    projects: list[Project], hualong_user: User, logged_in: Callable[[str], Client]
) -> None:
    done, building, _foreign = projects
    clerk = logged_in("hualong")

    def listed(sort: str) -> list[str]:
        page = clerk.get("/supervision/ledger/", {"sort": sort}).content.decode()
        return [part.split('"', 1)[0] for part in page.split('data-ledger="')[1:]]

    first, second = done.community.code, building.community.code
    # stages in the programme's order, not their keys': construction before acceptance
    Project.objects.filter(pk=done.pk).update(stage=ProjectStage.ACCEPTANCE)
    assert listed("stage") == [second, first] and listed("-stage") == [first, second]
    # a project in no plan yet comes last whichever way
    assert listed("year") == [first, second] == listed("-year")
    assert listed("nonsense") == listed("")
    answer = clerk.get("/supervision/ledger.xlsx", {"sort": "stage"})
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(answer.content)).get_sheet_by_index(0).to_python()
    )
    assert [row[2] for row in rows[1:]] == [second, first]
