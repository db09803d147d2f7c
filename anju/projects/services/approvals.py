"""Approvals granted to a project, one by one or together after a joint review of the plan, and
how they stand against the pack's deadline for the year's approvals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.audit.context import Actor
from anju.audit.services import audit_record
from anju.core import approvals
from anju.core.deadlines import due_date
from anju.core.policy_pack import Pack
from anju.projects.gate_facts import approval_states
from anju.projects.models import Approval, Project
from anju.projects.services.stages import ProjectError

JOINT_REVIEW = "joint_review"


@dataclass(frozen=True, slots=True)
class ApprovalsView:
    states: list[approvals.StepState]
    due: dt.date | None
    late: list[approvals.StepState]
    deadline_cite: str


def approvals_view(project: Project, pack: Pack) -> ApprovalsView:
    """The approvals with the pack's deadline for the project's plan year, if both are known."""
    found = approval_states(project, pack)
    deadline = pack.deadline("approvals")
    if deadline is None or deadline.yearly is None or project.plan_year is None:
        return ApprovalsView(found, None, [], "")
    due = due_date(deadline.yearly, project.plan_year)
    return ApprovalsView(
        found, due, approvals.late_steps(found, due, timezone.localdate()), deadline.cite
    )


@transaction.atomic
def approval_grant(
    *,
    actor: Actor,
    project: Project,
    pack: Pack,
    step: str,
    granted_on: dt.date,
    reference: str = "",
) -> list[Approval]:
    """Record an approval, or with ``step`` "joint_review" every approval the pack grants
    together after a joint review that the project still needs."""
    states = {state.step.key: state for state in approval_states(project, pack)}
    if step == JOINT_REVIEW:
        if pack.model.approvals.joint_review is None:
            raise ProjectError(_("The policy pack has no joint review."))
        keys = [
            key for key, state in states.items() if state.step.joint_review and not state.settled
        ]
        if not keys:
            raise ProjectError(_("Every approval a joint review grants is already settled."))
    elif step not in states:
        raise ProjectError(_("The policy pack has no such approval."))
    elif states[step].waived:
        raise ProjectError(
            _("“{step}” is not needed: a fast path of the policy spares it.").format(
                step=states[step].step.text
            )
        )
    elif states[step].done_on is not None:
        raise ProjectError(
            _("“{step}” was already granted on {date}.").format(
                step=states[step].step.text, date=states[step].done_on
            )
        )
    else:
        keys = [step]
    if granted_on > timezone.localdate():
        raise ProjectError(_("An approval cannot be granted on a day still to come."))
    granted = Approval.objects.bulk_create(
        Approval(
            project=project,
            step=key,
            granted_on=granted_on,
            reference=reference,
            joint_review=step == JOINT_REVIEW,
            recorded_by=actor.user,
        )
        for key in keys
    )
    audit_record(
        actor=actor,
        action="project.approval",
        target=project,
        after={"steps": keys, "granted_on": granted_on.isoformat(), "reference": reference},
    )
    return granted
