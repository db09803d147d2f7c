"""Moving projects between stages, each move on the project's timeline and in the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from anju.audit.context import Actor
from anju.audit.services import audit_record, audit_record_changes, saved_and_audited
from anju.core.lifecycle import MoveProblem, Refusal, refusals
from anju.core.policy_pack import Pack
from anju.core.project_stages import Stage, is_past_plan
from anju.projects.gate_facts import project_facts
from anju.projects.models import BundleMember, Project, ProjectStage, Record, StageChange, Step
from anju.registry.models import Community


def _move(*, actor: Actor, project: Project, to_stage: ProjectStage, reason: str) -> None:
    """Write one stage change on the timeline and in the audit log; callers have judged it."""
    change = StageChange.objects.create(
        project=project,
        from_stage=project.stage,
        to_stage=to_stage,
        reason=reason[:200],
        by=actor.user,
    )
    project.stage = to_stage
    saved_and_audited(
        project,
        actor=actor,
        action="project.stage",
        before={"stage": change.from_stage},
        after={"stage": change.to_stage, "reason": change.reason},
        fields=["stage", "updated_at"],
    )


@transaction.atomic
def project_of(*, actor: Actor, community: Community) -> Project:
    """The community's project, opened the first time anyone records work on it: a project
    begins with its first record, not with a separate step; its opening is audited like any
    other write, so the counts that follow the audit log see it."""
    project, created = Project.objects.get_or_create(community=community)
    if created:
        audit_record(
            actor=actor,
            action="project.open",
            target=project,
            after={"stage": project.stage},
        )
    return project


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
    if BundleMember.objects.filter(community=project.community).exists():
        raise MoveRefused([Refusal(MoveProblem.BUNDLED)])
    found = refusals(
        Stage(project.stage), Stage(to_stage), project_facts(project, pack), pack.gates
    )
    if found:
        raise MoveRefused(found)
    _move(actor=actor, project=project, to_stage=to_stage, reason=reason)
    return project


@transaction.atomic
def projects_plan(
    *,
    actor: Actor,
    communities: Iterable[Community],
    year: int,
    listed: bool,
    reason: str,
    pack: Pack,
) -> list[Project]:
    """Put each community's project in the annual plan of ``year``, or take it out. Being in a
    plan is a fact the gate into the plan stage reads, not a jump over the gates before it: a
    project that has reached approval and meets every gate moves into the plan stage now, one
    still earlier keeps its stage and walks there. A project taken out while in the plan stage
    steps back to approval; one in another year's plan keeps that year. Returns the projects
    whose stage changed."""
    chosen = {c.pk: c for c in communities}
    projects = {
        p.community_id: p
        for p in Project.objects.select_for_update().filter(community_id__in=list(chosen))
    }
    Project.objects.bulk_create(
        Project(community=community) for pk, community in chosen.items() if pk not in projects
    )
    projects = {
        p.community_id: p
        for p in Project.objects.select_for_update()
        .select_related("community")
        .filter(community_id__in=list(chosen))
    }
    changed = [
        p
        for p in projects.values()
        if (year if listed else None) != p.plan_year and (listed or p.plan_year == year)
    ]
    years = [
        (p.community.code, {"plan_year": p.plan_year}, {"plan_year": year if listed else None})
        for p in changed
    ]
    Project.objects.filter(pk__in=[p.pk for p in changed]).update(
        plan_year=year if listed else None
    )
    moved: list[Project] = []
    for project in changed:
        project.plan_year = year if listed else None
        if listed and project.stage == ProjectStage.APPROVAL:
            found = refusals(
                Stage.APPROVAL, Stage.PLANNED, project_facts(project, pack), pack.gates
            )
            if not found:
                _move(actor=actor, project=project, to_stage=ProjectStage.PLANNED, reason=reason)
                moved.append(project)
        elif not listed and project.stage == ProjectStage.PLANNED:
            _move(actor=actor, project=project, to_stage=ProjectStage.APPROVAL, reason=reason)
            moved.append(project)
    audit_record_changes(
        actor=actor, action="project.plan_year", target="projects.Project", changes=years
    )
    return moved


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
        target=project,
        after={"step": step.value, "done_on": done_on.isoformat(), "note": note},
    )
    return record


BUNDLE_CITE = "puyang-2020 §3.(1)4"


@transaction.atomic
def bundle_add(*, actor: Actor, project: Project, community: Community) -> BundleMember:
    """Pack a neighbouring block into the project: same street (就近成片), not already packed
    elsewhere or leading a bundle of its own, not moving on its own, and before building."""
    if community.pk == project.community_id:
        raise ProjectError(_("A community is not packed into its own project."))
    if community.street_id != project.community.street_id:
        raise ProjectError(
            _("{name} is in another street; a bundle packs neighbouring blocks.").format(
                name=community.name
            )
        )
    if is_past_plan(Stage(project.stage)):
        raise ProjectError(_("The bundle is settled before building starts."))
    if BundleMember.objects.filter(community=community).exists():
        raise ProjectError(
            _("{name} is already packed into a project.").format(name=community.name)
        )
    own = Project.objects.filter(community=community).first()
    if own is not None and (own.stage != ProjectStage.RESERVE or own.bundle.exists()):
        raise ProjectError(
            _("{name} has a project of its own under way.").format(name=community.name)
        )
    if BundleMember.objects.filter(community=project.community).exists():
        raise ProjectError(_("This project is itself packed into another."))
    member = BundleMember.objects.create(project=project, community=community)
    audit_record(
        actor=actor,
        action="project.bundle_add",
        target=project,
        after={"community": community.code},
    )
    return member


@transaction.atomic
def bundle_remove(*, actor: Actor, member: BundleMember) -> None:
    if is_past_plan(Stage(member.project.stage)):
        raise ProjectError(_("The bundle is settled before building starts."))
    code = member.community.code
    member.delete()
    audit_record(
        actor=actor,
        action="project.bundle_remove",
        target=member.project,
        before={"community": code},
    )


@transaction.atomic
def area_accept(
    *, actor: Actor, lead: Community, others: Sequence[Community]
) -> tuple[Project, list[BundleMember]]:
    """A suggested 片区 taken as one project: the lead community's, with the others packed into
    it; all of them or, where one cannot be packed, none."""
    project = project_of(actor=actor, community=lead)
    return project, [bundle_add(actor=actor, project=project, community=c) for c in others]
