"""What is true of a project, as the gates of its pack ask: read from the records clerks keep
and from the votes, notices, sign-offs, evaluations and funding plans Anju already holds, so
nothing is entered twice.

The apps above projects that know a gate's fact — the funding plan (finance), the design review
(experts) — hand it in through ``fact_source``, registered when their app is ready; a fact no
app reports counts as unmet (core.lifecycle).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.utils import timezone

from anju.core import approvals
from anju.core.lifecycle import Requirement
from anju.core.policy_pack import Pack
from anju.core.votes import Matter
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


FactSource = Callable[[Project, Pack], Mapping[Requirement, bool]]
_sources: list[FactSource] = []


def fact_source(source: FactSource) -> FactSource:
    """Register what an app above projects knows of a project's gates."""
    if source not in _sources:
        _sources.append(source)
    return source


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
    for source in _sources:
        facts.update(source(project, pack))
    return facts
