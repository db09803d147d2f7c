"""Projects API: where a project stands, recording a step, moving it on — the same gates and
jurisdiction as the pages."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from anju.audit.context import Actor
from anju.core.policy_pack import Pack
from anju.policy.library import UnknownPack, get_pack
from anju.projects import selectors
from anju.projects.models import Project, ProjectStage, Step
from anju.projects.services import MoveRefused, project_advance, record_step
from anju.projects.wording import refusal_text
from anju.registry import selectors as registry
from anju.registry.models import Community

router = Router(tags=["projects"])


class GateOut(Schema):
    requirement: str
    text: str
    cite: str
    met: bool


class ProjectOut(Schema):
    community_code: str
    stage: str
    next_stage: str | None
    gates: list[GateOut]


class RecordIn(Schema):
    step: Step
    done_on: dt.date
    note: str = ""


class AdvanceIn(Schema):
    to: ProjectStage
    reason: str = ""


class RefusalOut(Schema):
    problem: str
    requirement: str | None
    cite: str | None
    message: str


def _community(request: HttpRequest, code: str, *, write: bool = False) -> Community:
    try:
        community = registry.community_get(user=request.user, code=code)
    except Community.DoesNotExist:
        raise HttpError(404, _("No such community.")) from None
    if write and not registry.community_editable(user=request.user, community=community):
        raise HttpError(403, _("You may not change communities there."))
    return community


def _pack(policy: str | None) -> Pack:
    try:
        return get_pack(policy)
    except UnknownPack:
        raise HttpError(404, _("No policy pack named {pack}.").format(pack=policy)) from None


def _out(project: Project, policy: str | None) -> ProjectOut:
    following, gates = selectors.next_gates(project, _pack(policy))
    return ProjectOut(
        community_code=project.community.code,
        stage=project.stage,
        next_stage=following.value if following else None,
        gates=[
            GateOut(
                requirement=state.gate.requirement,
                text=state.gate.text,
                cite=state.gate.cite,
                met=state.met,
            )
            for state in gates
        ],
    )


@router.get("/{code}", response=ProjectOut)
def project(request: HttpRequest, code: str, policy: str | None = None) -> ProjectOut:
    community = _community(request, code)
    found = Project.objects.filter(community=community).first() or Project(community=community)
    return _out(found, policy)


@router.post("/{code}/records", response={201: ProjectOut})
def add_record(
    request: HttpRequest, code: str, body: RecordIn, policy: str | None = None
) -> Status[ProjectOut]:
    community = _community(request, code, write=True)
    found, _created = Project.objects.get_or_create(community=community)
    record_step(
        actor=Actor.from_request(request),
        project=found,
        step=body.step,
        done_on=body.done_on,
        note=body.note,
    )
    return Status(201, _out(found, policy))


@router.post("/{code}/advance", response={200: ProjectOut, 409: list[RefusalOut]})
def advance(
    request: HttpRequest, code: str, body: AdvanceIn, policy: str | None = None
) -> Status[ProjectOut] | Status[list[RefusalOut]]:
    community = _community(request, code, write=True)
    found, _created = Project.objects.get_or_create(community=community)
    try:
        moved = project_advance(
            actor=Actor.from_request(request),
            project=found,
            to_stage=body.to,
            pack=_pack(policy),
            reason=body.reason,
        )
    except MoveRefused as refused:
        return Status(
            409,
            [
                RefusalOut(
                    problem=r.problem,
                    requirement=r.gate.requirement if r.gate else None,
                    cite=r.gate.cite if r.gate else None,
                    message=refusal_text(r),
                )
                for r in refused.refusals
            ],
        )
    return Status(200, _out(moved, policy))
