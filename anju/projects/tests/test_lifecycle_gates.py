"""A project is refused each stage whose gates are not met, with the clause, and moves when
they are; the facts come from the records and from what the rest of Anju holds."""

from __future__ import annotations

import datetime as dt

import pytest

from anju.audit.models import AuditEntry
from anju.core.lifecycle import MoveProblem, Requirement
from anju.policy.library import get_pack
from anju.projects.gate_facts import project_facts
from anju.projects.models import Project, ProjectStage, StageChange, Step
from anju.projects.services.stages import (
    MoveRefused,
    ProjectError,
    bundle_add,
    bundle_remove,
    project_advance,
    projects_plan,
    record_step,
)
from anju.registry.models import Community
from anju.testing import SYSTEM

PACK = get_pack("puyang-2020")
DAY = dt.date(2026, 3, 1)


@pytest.fixture
def project(hualong_community: Community) -> Project:
    return Project.objects.create(community=hualong_community)


def test_generation_waits_for_training_and_publicity(project: Project) -> None:
    with pytest.raises(MoveRefused) as refused:
        project_advance(actor=SYSTEM, project=project, to_stage=ProjectStage.GENERATION, pack=PACK)
    assert [(r.gate.requirement, r.gate.cite) for r in refused.value.refusals if r.gate] == [
        (Requirement.TRAINING, "puyang-2020 §3.(1)1"),
        (Requirement.PUBLICITY, "puyang-2020 §3.(1)2"),
    ]
    assert not StageChange.objects.exists()
    record_step(actor=SYSTEM, project=project, step=Step.TRAINING, done_on=DAY)
    record_step(actor=SYSTEM, project=project, step=Step.PUBLICITY, done_on=DAY)
    moved = project_advance(
        actor=SYSTEM, project=project, to_stage=ProjectStage.GENERATION, pack=PACK
    )
    assert moved.stage == ProjectStage.GENERATION
    assert StageChange.objects.filter(project=project).count() == 1
    assert AuditEntry.objects.filter(action="project.record").count() == 2


def test_no_step_is_skipped(project: Project) -> None:
    with pytest.raises(MoveRefused) as refused:
        project_advance(
            actor=SYSTEM, project=project, to_stage=ProjectStage.CONSTRUCTION, pack=PACK
        )
    assert [r.problem for r in refused.value.refusals] == [MoveProblem.NOT_NEXT]


def test_no_completion_acceptance_without_management_and_handover_agreement(
    project: Project,
) -> None:
    Project.objects.filter(pk=project.pk).update(stage=ProjectStage.CONSTRUCTION)
    project.refresh_from_db()
    with pytest.raises(MoveRefused) as refused:
        project_advance(actor=SYSTEM, project=project, to_stage=ProjectStage.ACCEPTANCE, pack=PACK)
    unmet = {r.gate.requirement for r in refused.value.refusals if r.gate}
    assert {
        Requirement.MANAGEMENT_ARRANGED,
        Requirement.HANDOVER_AGREEMENT,
        Requirement.DEFECTS_FIXED,
    } <= unmet
    # Wuhan's 民意验收 is Wuhan's: Puyang's acceptance does not wait for a satisfaction survey
    assert Requirement.SATISFACTION not in unmet
    assert Requirement.NO_OPEN_OBJECTIONS not in unmet


def test_facts_read_what_anju_already_holds(project: Project) -> None:
    facts = project_facts(project, PACK)
    assert facts[Requirement.NO_OPEN_OBJECTIONS] is True
    assert facts[Requirement.FUNDING_PLAN] is False
    assert facts[Requirement.PLAN_SIGNED_OFF] is False


def test_a_plan_listing_moves_only_a_project_that_has_reached_approval_and_a_drop_steps_back(
    project: Project, qingfeng_community: Community
) -> None:
    early = Project.objects.create(community=qingfeng_community)
    Project.objects.filter(pk=project.pk).update(stage=ProjectStage.APPROVAL)
    communities = [project.community, qingfeng_community]
    projects_plan(
        actor=SYSTEM, communities=communities, year=2027, listed=True, reason="列入", pack=PACK
    )
    project.refresh_from_db()
    early.refresh_from_db()
    assert (project.stage, project.plan_year) == (ProjectStage.PLANNED, 2027)
    assert (early.stage, early.plan_year) == (ProjectStage.RESERVE, 2027)
    # taken out of another year's plan, nothing changes; out of its own, it steps back
    projects_plan(
        actor=SYSTEM, communities=communities, year=2026, listed=False, reason="调出", pack=PACK
    )
    project.refresh_from_db()
    assert (project.stage, project.plan_year) == (ProjectStage.PLANNED, 2027)
    projects_plan(
        actor=SYSTEM, communities=communities, year=2027, listed=False, reason="调出", pack=PACK
    )
    project.refresh_from_db()
    assert (project.stage, project.plan_year) == (ProjectStage.APPROVAL, None)
    assert StageChange.objects.filter(project=project).count() == 2
    assert AuditEntry.objects.filter(action="project.plan_year").count() == 4


def test_the_plan_stage_waits_for_a_place_in_the_annual_plan(project: Project) -> None:
    Project.objects.filter(pk=project.pk).update(stage=ProjectStage.APPROVAL)
    project.refresh_from_db()
    with pytest.raises(MoveRefused) as refused:
        project_advance(actor=SYSTEM, project=project, to_stage=ProjectStage.PLANNED, pack=PACK)
    assert [(r.gate.requirement, r.gate.cite) for r in refused.value.refusals if r.gate] == [
        (Requirement.IN_ANNUAL_PLAN, "puyang-2020 §5.(3)")
    ]


def test_a_scattered_block_of_the_same_street_is_packed_in_and_moves_only_with_its_project(
    project: Project, qingfeng_community: Community
) -> None:
    neighbour = (
        Community.objects.filter(street_id=project.community.street_id)
        .exclude(pk=project.community.pk)
        .order_by("code")
        .first()
    )
    assert neighbour is not None
    with pytest.raises(ProjectError, match=qingfeng_community.name):
        bundle_add(actor=SYSTEM, project=project, community=qingfeng_community)
    member = bundle_add(actor=SYSTEM, project=project, community=neighbour)
    with pytest.raises(ProjectError):
        bundle_add(actor=SYSTEM, project=project, community=neighbour)
    own = Project.objects.create(community=neighbour)
    with pytest.raises(MoveRefused) as refused:
        project_advance(actor=SYSTEM, project=own, to_stage=ProjectStage.GENERATION, pack=PACK)
    assert [r.problem for r in refused.value.refusals] == [MoveProblem.BUNDLED]
    Project.objects.filter(pk=project.pk).update(stage=ProjectStage.CONSTRUCTION)
    member.project.refresh_from_db()
    with pytest.raises(ProjectError):
        bundle_remove(actor=SYSTEM, member=member)
    assert AuditEntry.objects.filter(action="project.bundle_add").count() == 1
