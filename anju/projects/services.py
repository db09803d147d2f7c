"""Moving projects between stages, each move on the project's timeline and in the audit log."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from anju.audit.context import Actor
from anju.audit.services import audit_record_changes
from anju.projects.models import Project, ProjectStage, StageChange
from anju.registry.models import Community


@transaction.atomic
def projects_move(
    *,
    actor: Actor,
    communities: Iterable[Community],
    to_stage: ProjectStage,
    reason: str,
) -> list[Project]:
    """Put each community's project in ``to_stage``, opening it in the reserve if it has none;
    a project already there is left as it is."""
    moved: list[Project] = []
    changes: list[StageChange] = []
    for community in communities:
        project, _created = Project.objects.select_for_update().get_or_create(community=community)
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
