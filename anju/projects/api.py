"""Projects API: where a project stands, recording a step, moving it on — the same gates and
jurisdiction as the pages."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from anju.api_errors import ErrorOut, pack_named, refusals
from anju.api_fields import ProgramDate, RowId, Yuan
from anju.audit.context import Actor
from anju.projects import selectors
from anju.projects.models import (
    Defect,
    InspectionKind,
    ManagementModel,
    OwnerModel,
    Project,
    ProjectStage,
    Step,
    UtilityNetwork,
    UtilityWork,
)
from anju.projects.services.approvals import approval_grant
from anju.projects.services.construction import (
    defect_fix,
    inspection_record,
    progress_report_add,
    project_update,
)
from anju.projects.services.stages import (
    MoveRefused,
    ProjectError,
    project_advance,
    project_of,
    record_step,
)
from anju.projects.services.utility_works import dig_twice_warnings, utility_work_add
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
    done_on: ProgramDate
    note: str = ""


class AdvanceIn(Schema):
    to: ProjectStage
    reason: str = ""


class ParticularsIn(Schema):
    owner_model: OwnerModel | None = None
    structural_change: bool | None = None
    land_ownership_change: bool | None = None
    by_commitment: bool | None = None
    builder: str | None = Field(default=None, max_length=100)
    contractor: str | None = Field(default=None, max_length=100)
    supervisor: str | None = Field(default=None, max_length=100)
    started_on: ProgramDate | None = None
    due_on: ProgramDate | None = None
    completed_on: ProgramDate | None = None
    management_model: ManagementModel | None = None
    manager: str | None = Field(default=None, max_length=100)


TEXTS = {"owner_model", "builder", "contractor", "supervisor", "management_model", "manager"}
FLAGS = {"structural_change", "land_ownership_change", "by_commitment"}


class ApprovalIn(Schema):
    step: str = Field(description='An approval key of the pack, or "joint_review".')
    granted_on: ProgramDate
    reference: str = Field(default="", max_length=100)


class ProgressIn(Schema):
    on: ProgramDate
    percent: int = Field(ge=0, le=100)
    spent_yuan: Yuan
    note: str = Field(default="", max_length=300)


class InspectionIn(Schema):
    kind: InspectionKind
    on: ProgramDate
    by: str = Field(max_length=200)
    residents: str = Field(default="", max_length=200)
    passed: bool
    defects: list[str] = []
    note: str = Field(default="", max_length=500)


class InspectionOut(Schema):
    id: int
    defects: dict[str, int]  # description → id, for marking each fixed


class FixIn(Schema):
    fixed_on: ProgramDate


class UtilityWorkIn(Schema):
    network: UtilityNetwork
    utility: str = Field(max_length=100)
    ground: list[str] = Field(min_length=1)
    starts_on: ProgramDate
    ends_on: ProgramDate


class DigTwiceOut(Schema):
    first: str
    second: str
    ground: list[str]
    gap_days: int


class UtilityWorksOut(Schema):
    works: int
    dig_twice: list[DigTwiceOut]


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


def _out(project: Project, policy: str | None) -> ProjectOut:
    following, gates = selectors.next_gates(project, pack_named(policy))
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


@router.get("/{code}", response={200: ProjectOut, **refusals(404)})
def project(request: HttpRequest, code: str, policy: str | None = None) -> ProjectOut:
    community = _community(request, code)
    found = Project.objects.filter(community=community).first() or Project(community=community)
    return _out(found, policy)


@router.post("/{code}/records", response={201: ProjectOut, **refusals(403, 404)})
def add_record(
    request: HttpRequest, code: str, body: RecordIn, policy: str | None = None
) -> Status[ProjectOut]:
    found = _project(request, code)
    record_step(
        actor=Actor.from_request(request),
        project=found,
        step=body.step,
        done_on=body.done_on,
        note=body.note,
    )
    return Status(201, _out(found, policy))


@router.post(
    "/{code}/advance", response={200: ProjectOut, 409: list[RefusalOut], **refusals(403, 404)}
)
def advance(
    request: HttpRequest, code: str, body: AdvanceIn, policy: str | None = None
) -> Status[ProjectOut] | Status[list[RefusalOut]]:
    found = _project(request, code)
    try:
        moved = project_advance(
            actor=Actor.from_request(request),
            project=found,
            to_stage=body.to,
            pack=pack_named(policy),
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


def _project(request: HttpRequest, code: str) -> Project:
    community = _community(request, code, write=True)
    return project_of(actor=Actor.from_request(request), community=community)


def _refused(refused: ProjectError) -> Status[ErrorOut]:
    return Status(422, ErrorOut(detail=str(refused)))


def _recorded(
    found: Project, policy: str | None, status: int, act: Callable[[], object]
) -> Status[ProjectOut] | Status[ErrorOut]:
    """Run ``act``; answer with the project as it now stands, or 422 with the reason."""
    try:
        act()
    except ProjectError as refused:
        return _refused(refused)
    return Status(status, _out(found, policy))


@router.patch("/{code}", response={200: ProjectOut, **refusals(403, 404)})
def particulars(
    request: HttpRequest, code: str, body: ParticularsIn, policy: str | None = None
) -> Status[ProjectOut] | Status[ErrorOut]:
    found = _project(request, code)
    values = body.dict(exclude_unset=True)
    # a null text clears it; a null flag leaves it as it is
    values = {
        name: "" if value is None and name in TEXTS else value
        for name, value in values.items()
        if value is not None or name not in FLAGS
    }
    return _recorded(
        found,
        policy,
        200,
        lambda: project_update(actor=Actor.from_request(request), project=found, **values),
    )


@router.post("/{code}/approvals", response={201: ProjectOut, **refusals(403, 404)})
def add_approval(
    request: HttpRequest, code: str, body: ApprovalIn, policy: str | None = None
) -> Status[ProjectOut] | Status[ErrorOut]:
    found = _project(request, code)
    return _recorded(
        found,
        policy,
        201,
        lambda: approval_grant(
            actor=Actor.from_request(request), project=found, pack=pack_named(policy), **body.dict()
        ),
    )


@router.post("/{code}/progress", response={201: ProjectOut, **refusals(403, 404)})
def add_progress(
    request: HttpRequest, code: str, body: ProgressIn, policy: str | None = None
) -> Status[ProjectOut] | Status[ErrorOut]:
    found = _project(request, code)
    return _recorded(
        found,
        policy,
        201,
        lambda: progress_report_add(
            actor=Actor.from_request(request), project=found, **body.dict()
        ),
    )


@router.post("/{code}/inspections", response={201: InspectionOut, **refusals(403, 404)})
def add_inspection(
    request: HttpRequest, code: str, body: InspectionIn
) -> Status[InspectionOut] | Status[ErrorOut]:
    found = _project(request, code)
    try:
        inspection = inspection_record(
            actor=Actor.from_request(request), project=found, **body.dict()
        )
    except ProjectError as refused:
        return _refused(refused)
    return Status(
        201,
        InspectionOut(
            id=inspection.pk,
            defects={d.description: d.pk for d in inspection.defects.all()},
        ),
    )


@router.post("/{code}/defects/{defect_id}/fixed", response={200: ProjectOut, **refusals(403, 404)})
def fix_defect(
    request: HttpRequest, code: str, defect_id: RowId, body: FixIn, policy: str | None = None
) -> Status[ProjectOut] | Status[ErrorOut]:
    found = _project(request, code)
    defect = Defect.objects.select_related("inspection").filter(pk=defect_id, project=found).first()
    if defect is None:
        raise HttpError(404, _("No such defect."))
    return _recorded(
        found,
        policy,
        200,
        lambda: defect_fix(actor=Actor.from_request(request), defect=defect, **body.dict()),
    )


def _utility_works(community: Community) -> UtilityWorksOut:
    return UtilityWorksOut(
        works=UtilityWork.objects.filter(community=community).count(),
        dig_twice=[
            DigTwiceOut(
                first=first.utility,
                second=second.utility,
                ground=sorted(clash.ground),
                gap_days=clash.gap_days,
            )
            for first, second, clash in dig_twice_warnings(community)
        ],
    )


@router.get("/{code}/utility-works", response={200: UtilityWorksOut, **refusals(404)})
def utility_works(request: HttpRequest, code: str) -> UtilityWorksOut:
    return _utility_works(_community(request, code))


@router.post("/{code}/utility-works", response={201: UtilityWorksOut, **refusals(403, 404)})
def add_utility_work(
    request: HttpRequest, code: str, body: UtilityWorkIn
) -> Status[UtilityWorksOut] | Status[ErrorOut]:
    community = _community(request, code, write=True)
    try:
        utility_work_add(actor=Actor.from_request(request), community=community, **body.dict())
    except ProjectError as refused:
        return _refused(refused)
    return Status(201, _utility_works(community))
