"""What is true of a project, as the gates of its pack ask: read from the records clerks keep
and from the votes, notices, sign-offs, evaluations and funding plans Anju already holds, so
nothing is entered twice."""

from __future__ import annotations

from django.utils import timezone

from anju.core import approvals, funding
from anju.core.lifecycle import Requirement
from anju.core.policy_pack import Pack
from anju.core.votes import Matter
from anju.experts.selectors import design_reviewed
from anju.finance.models import FundingPlan
from anju.finance.selectors import plan_allocations, plan_cost_lines
from anju.participation.models import PlanSignOff, Poll, PollKind
from anju.participation.notices.services import unanswered_objections
from anju.participation.selectors import satisfaction_score, vote_result
from anju.projects.models import (
    Approval,
    Defect,
    Inspection,
    ManagementModel,
    Project,
    Record,
)


def approval_states(project: Project, pack: Pack) -> list[approvals.StepState]:
    granted = (
        dict(Approval.objects.filter(project=project).values_list("step", "granted_on"))
        if project.pk
        else {}
    )
    return approvals.states(pack.model.approvals.core(), approval_traits(project), granted)


def approval_traits(project: Project) -> approvals.Traits:
    return approvals.Traits(
        project.structural_change, project.land_ownership_change, project.by_commitment
    )


def _management_arranged(project: Project) -> bool:
    if project.management_model == ManagementModel.SELF_MANAGEMENT:
        return True
    return bool(project.management_model and project.manager)


def _funding_reconciled(project: Project, pack: Pack) -> bool:
    plan = FundingPlan.objects.filter(project=project).first() if project.pk else None
    if plan is None:
        return False
    lines = plan_cost_lines(plan)
    return bool(lines) and not funding.check(
        lines, plan_allocations(plan), funding.Channels.of(pack.model.funding)
    )


def project_facts(project: Project, pack: Pack) -> dict[Requirement, bool]:
    community = project.community
    recorded = (
        set(Record.objects.filter(project=project).values_list("requirement", flat=True))
        if project.pk
        else set()
    )
    facts = {requirement: requirement.value in recorded for requirement in Requirement}
    closed = Poll.objects.filter(
        community=community, published_at__isnull=False, closes_at__lte=timezone.now()
    )
    facts[Requirement.CONSULTATION] |= closed.filter(kind=PollKind.NEEDS).exists()
    facts[Requirement.RENOVATION_VOTE] = any(
        vote_result(poll).passed
        for poll in closed.filter(kind=PollKind.VOTE, matter=Matter.RENOVATE, building=None)
    )
    facts[Requirement.PLAN_SIGNED_OFF] = PlanSignOff.objects.filter(community=community).exists()
    facts[Requirement.NO_OPEN_OBJECTIONS] = not unanswered_objections(community).exists()
    facts[Requirement.SATISFACTION] = satisfaction_score(community) is not None
    facts[Requirement.FUNDING_PLAN] = _funding_reconciled(project, pack)
    facts[Requirement.DESIGN_REVIEWED] = design_reviewed(project)
    facts[Requirement.IN_ANNUAL_PLAN] = project.plan_year is not None
    states = approval_states(project, pack)
    facts[Requirement.APPROVALS] = approvals.complete(states)
    facts[Requirement.APPROVALS_ALL] = approvals.all_done(states)
    facts[Requirement.CONTRACTOR] = bool(project.contractor)
    facts[Requirement.COMPLETED] = project.completed_on is not None
    facts[Requirement.MANAGEMENT_ARRANGED] = _management_arranged(project)
    inspections = Inspection.objects.filter(project=project) if project.pk else None
    facts[Requirement.DEFECTS_FIXED] = bool(
        inspections is not None
        and inspections.exists()
        and not Defect.objects.filter(project=project, fixed_on__isnull=True).exists()
    )
    facts[Requirement.ACCEPTANCE_PASSED] = bool(
        inspections is not None and inspections.acceptances_passed().exists()
    )
    return facts
