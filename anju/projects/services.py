"""Moving projects between stages, each move on the project's timeline and in the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import transaction

from anju.audit.context import Actor
from anju.audit.services import audit_record, audit_record_changes
from anju.core.lifecycle import Refusal, refusals
from anju.core.policy_pack import Pack
from anju.core.project_stages import Stage
from anju.projects.facts import project_facts
from anju.projects.models import Project, ProjectStage, Record, StageChange, Step
from anju.registry.models import Community


@transaction.atomic
def projects_move(
    *,
    actor: Actor,
    communities: Iterable[Community],
    to_stage: ProjectStage,
    reason: str,
    plan_year: int | None = None,
) -> list[Project]:
    """Put each community's project in ``to_stage``, opening it in the reserve if it has none;
    a project already there is left as it is. A project put in the plan stage takes the plan's
    year; one sent back to the reserve loses it."""
    moved: list[Project] = []
    changes: list[StageChange] = []
    for community in communities:
        project, _created = Project.objects.select_for_update().get_or_create(community=community)
        year = plan_year if to_stage == ProjectStage.PLANNED else project.plan_year
        if to_stage == ProjectStage.RESERVE:
            year = None
        if year != project.plan_year:
            project.plan_year = year
            project.save(update_fields=["plan_year", "updated_at"])
        if project.stage == to_stage:
            continue
        changes.append(
            StageChange(
                project=project,
                from_stage=project.stage,
                to_stage=to_stage,
                reason=reason,
                by=actor.user,
            )
        )
        project.stage = to_stage
        project.save(update_fields=["stage", "updated_at"])
        moved.append(project)
    StageChange.objects.bulk_create(changes)
    audit_record_changes(
        actor=actor,
        action="project.stage",
        target="projects.Project",
        changes=[
            (str(c.project_id), {"stage": c.from_stage}, {"stage": c.to_stage, "reason": reason})
            for c in changes
        ],
    )
    return moved


class ProjectError(ValueError):
    """Why a record about the project cannot be written, in the user's language."""


class MoveRefused(ValueError):
    """A move the pack's gates refuse, with every reason and its clause; nothing is written."""

    def __init__(self, refused: Sequence[Refusal]) -> None:
        super().__init__(refused)
        self.refusals = list(refused)


@transaction.atomic
def project_advance(
    *, actor: Actor, project: Project, to_stage: ProjectStage, pack: Pack, reason: str = ""
) -> Project:
    """Move the project one stage on, if every gate of ``pack`` on the way in is met."""
    project = Project.objects.select_for_update().select_related("community").get(pk=project.pk)
    found = refusals(
        Stage(project.stage), Stage(to_stage), project_facts(project, pack), pack.gates
    )
    if found:
        raise MoveRefused(found)
    projects_move(
        actor=actor, communities=[project.community], to_stage=to_stage, reason=reason[:200]
    )
    project.refresh_from_db()
    return project


@transaction.atomic
def record_step(
    *, actor: Actor, project: Project, step: Step, done_on: dt.date, note: str = ""
) -> Record:
    record = Record.objects.create(
        project=project, requirement=step, done_on=done_on, note=note, recorded_by=actor.user
    )
    audit_record(
        actor=actor,
        action="project.record",
        target="projects.Project",
        target_id=project.community.code,
        after={"step": step.value, "done_on": done_on.isoformat(), "note": note},
    )
    return record
