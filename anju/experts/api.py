"""Design reviews over the API: draw a project's panel, record each reviewer's graded opinion,
read the panels with the replay check — the same services and jurisdiction as the pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from anju.api_errors import ErrorOut, refusals
from anju.api_fields import ProgramDate, RowId
from anju.audit.context import Actor
from anju.core.expert_draw import NotEnoughExperts
from anju.experts.models import Expert, ReviewDraw, Specialty, Verdict
from anju.experts.selectors import Panel, panels
from anju.experts.services import ExpertError, panel_project, review_record, reviewers_draw
from anju.experts.wording import short_text
from anju.projects.models import Project
from anju.registry import selectors as registry
from anju.registry.models import Community

router = Router(tags=["experts"])


class DrawIn(Schema):
    designer: str = Field(min_length=1, max_length=100)
    contractor: str = Field(default="", max_length=100)
    needs: dict[Specialty, int] = Field(description="Reviewers wanted per specialty.")


class SeatOut(Schema):
    specialty: str
    expert_id: int
    name: str
    verdict: Verdict | None


class PanelOut(Schema):
    id: int
    seed: int
    seats: list[SeatOut]
    excluded: dict[str, list[str]]
    replays: bool
    passed: bool


class ReviewIn(Schema):
    expert_id: RowId
    verdict: Verdict
    opinion: str = Field(min_length=1, max_length=1000)
    reviewed_on: ProgramDate


def _project(request: HttpRequest, code: str) -> Project:
    try:
        community = registry.community_get(user=request.user, code=code)
    except Community.DoesNotExist:
        raise HttpError(404, _("No such community.")) from None
    try:
        return panel_project(actor=Actor.from_request(request), community=community)
    except PermissionDenied:
        raise HttpError(403, _("You do not keep the expert library there.")) from None


def _out(panel: Panel) -> PanelOut:
    return PanelOut(
        id=panel.draw.pk,
        seed=panel.draw.seed,
        seats=[
            SeatOut(
                specialty=specialty,
                expert_id=expert.pk,
                name=expert.name,
                verdict=Verdict(review.verdict) if review else None,
            )
            for specialty, expert, review in panel.seats
        ],
        excluded=panel.draw.excluded,
        replays=panel.replays,
        passed=panel.passed,
    )


@router.get("/projects/{code}/draws", response={200: list[PanelOut], **refusals(403, 404)})
def draws(request: HttpRequest, code: str) -> list[PanelOut]:
    return [_out(panel) for panel in panels(_project(request, code))]


@router.post("/projects/{code}/draws", response={201: PanelOut, **refusals(403, 404)})
def draw(request: HttpRequest, code: str, body: DrawIn) -> Status[PanelOut] | Status[ErrorOut]:
    project = _project(request, code)
    needs = {str(specialty): count for specialty, count in body.needs.items() if count > 0}
    if not needs:
        return Status(422, ErrorOut(detail=_("Ask for at least one reviewer.")))
    try:
        made = reviewers_draw(
            actor=Actor.from_request(request),
            project=project,
            needs=needs,
            designer=body.designer,
            contractor=body.contractor,
        )
    except NotEnoughExperts as short:
        return Status(422, ErrorOut(detail=short_text(short)))
    return Status(201, _out(next(p for p in panels(project) if p.draw.pk == made.pk)))


@router.post("/draws/{draw_id}/reviews", response={201: PanelOut, **refusals(403, 404)})
def review(
    request: HttpRequest, draw_id: RowId, body: ReviewIn
) -> Status[PanelOut] | Status[ErrorOut]:
    found = ReviewDraw.objects.select_related("project__community").filter(pk=draw_id).first()
    if found is None:
        raise HttpError(404, _("No such draw."))
    project = _project(request, found.project.community.code)
    expert = Expert.objects.filter(pk=body.expert_id).first()
    if expert is None:
        raise HttpError(404, _("No such expert."))
    try:
        review_record(
            actor=Actor.from_request(request),
            draw=found,
            expert=expert,
            verdict=body.verdict,
            opinion=body.opinion,
            reviewed_on=body.reviewed_on,
        )
    except ExpertError as refused:
        return Status(422, ErrorOut(detail=str(refused)))
    return Status(201, _out(next(p for p in panels(project) if p.draw.pk == found.pk)))
