"""Procurement API: a project's lots with what the rules make of them, a lot recorded and
brought to its award, and the tendering check of a list of lots — the same services, rules and
jurisdiction as the pages: anyone who reads the project reads its lots; the housing bureau over
it writes them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from anju.accounts.jurisdiction import scopes
from anju.api_errors import ErrorOut, pack_named, refusals
from anju.api_fields import ProgramDate, RowId, Yuan
from anju.audit.context import Actor
from anju.core import procurement
from anju.core.access import Capability
from anju.core.money import fen_of, yuan_text
from anju.core.procurement import Kind, Method, tender_checks
from anju.finance.money.selectors import project_money
from anju.procurement.models import Form, Lot
from anju.procurement.reports import checks_json
from anju.procurement.selectors import contracted, project_findings, project_lots
from anju.procurement.services import ProcurementError, lot_add, lot_change, procurement_project
from anju.projects.models import Project
from anju.registry import selectors as registry
from anju.registry.models import Community

router = Router(tags=["procurement"])

Name = Field(min_length=1, max_length=100)


class LotOut(Schema):
    id: int
    name: str
    kind: Kind
    form: Form
    estimate_yuan: str
    method: Method | None
    announced_on: dt.date | None
    opened_on: dt.date | None
    publicity_from: dt.date | None
    publicity_until: dt.date | None
    awarded_on: dt.date | None
    winner: str
    price_yuan: str | None
    named_lead: str
    published_at: dt.datetime | None = Field(description="When residents were told of the award.")


class FindingOut(Schema):
    since: dt.date | None
    text: str


class ProcurementOut(Schema):
    community_code: str
    lots: list[LotOut]
    findings: list[FindingOut]
    contracted_yuan: str = Field(description="The contracts awarded, with their changes.")
    granted_yuan: str
    paid_yuan: str


class LotIn(Schema):
    name: str = Name
    kind: Kind
    form: Form = Form.SEPARATE
    estimate_yuan: Yuan
    method: Method | None = None


class LotChangeIn(Schema):
    """Only the fields sent change; a null method, winner or named lead clears it, a null date
    or price removes it; a lot keeps its name, kind, form and estimate whatever is sent."""

    name: str | None = Field(default=None, min_length=1, max_length=100)
    kind: Kind | None = None
    form: Form | None = None
    estimate_yuan: Yuan | None = None
    method: Method | None = None
    announced_on: ProgramDate | None = None
    opened_on: ProgramDate | None = None
    publicity_from: ProgramDate | None = None
    publicity_until: ProgramDate | None = None
    awarded_on: ProgramDate | None = None
    winner: str | None = Field(default=None, max_length=100)
    price_yuan: Yuan | None = None
    named_lead: str | None = Field(default=None, max_length=50)


class CheckedLotIn(Schema):
    project_code: str = Field(min_length=1, max_length=40)
    lot: str = Name
    kind: Kind
    estimate_yuan: Yuan
    method: Method | None = None


class CheckIn(Schema):
    lots: list[CheckedLotIn] = Field(min_length=1, max_length=10_000)


class KindOut(Schema):
    kind: Kind
    total_yuan: str
    threshold_yuan: str
    must_tender: bool
    split: bool
    lots_not_tendered: list[str]
    citation: str


class CheckedProjectOut(Schema):
    project_code: str
    kinds: list[KindOut]


class CheckOut(Schema):
    projects: list[CheckedProjectOut]


def _community(request: HttpRequest, code: str) -> Community:
    try:
        return registry.community_get(user=request.user, code=code)
    except Community.DoesNotExist:
        raise HttpError(404, _("No such community.")) from None


def _kept(request: HttpRequest, community: Community) -> Project:
    try:
        return procurement_project(actor=Actor.from_request(request), community=community)
    except PermissionDenied:
        raise HttpError(403, _("The housing bureau over the community records its lots.")) from None


def _lot_out(lot: Lot) -> LotOut:
    return LotOut(
        id=lot.pk,
        name=lot.name,
        kind=Kind(lot.kind),
        form=Form(lot.form),
        estimate_yuan=yuan_text(lot.estimate),
        method=Method(lot.method) if lot.method else None,
        announced_on=lot.announced_on,
        opened_on=lot.opened_on,
        publicity_from=lot.publicity_from,
        publicity_until=lot.publicity_until,
        awarded_on=lot.awarded_on,
        winner=lot.winner,
        price_yuan=yuan_text(lot.price) if lot.price is not None else None,
        named_lead=lot.named_lead,
        published_at=lot.published_at,
    )


def _out(project: Project, policy: str | None) -> ProcurementOut:
    lots = project_lots(project)
    granted, paid = project_money(project) if project.pk else (0, 0)
    return ProcurementOut(
        community_code=project.community.code,
        lots=[_lot_out(lot) for lot in lots],
        findings=[
            FindingOut(since=day, text=text)
            for day, text in project_findings(project, lots, pack_named(policy))
        ],
        contracted_yuan=yuan_text(contracted(lots)),
        granted_yuan=yuan_text(granted),
        paid_yuan=yuan_text(paid),
    )


@router.get("/projects/{code}/lots", response={200: ProcurementOut, **refusals(404)})
def lots(request: HttpRequest, code: str, policy: str | None = None) -> ProcurementOut:
    community = _community(request, code)
    found = Project.objects.filter(community=community).first() or Project(community=community)
    return _out(found, policy)


@router.post("/projects/{code}/lots", response={201: ProcurementOut, **refusals(403, 404)})
def add_lot(
    request: HttpRequest, code: str, body: LotIn, policy: str | None = None
) -> Status[ProcurementOut] | Status[ErrorOut]:
    project = _kept(request, _community(request, code))
    try:
        lot_add(
            actor=Actor.from_request(request),
            project=project,
            name=body.name,
            kind=body.kind,
            estimate=fen_of(body.estimate_yuan),
            form=body.form,
            method=body.method,
        )
    except ProcurementError as refused:
        return Status(422, ErrorOut(detail=str(refused)))
    return Status(201, _out(project, policy))


@router.patch("/lots/{lot_id}", response={200: ProcurementOut, **refusals(403, 404)})
def change_lot(
    request: HttpRequest, lot_id: RowId, body: LotChangeIn, policy: str | None = None
) -> Status[ProcurementOut] | Status[ErrorOut]:
    lot = (
        Lot.objects.visible_to(request.user)
        .select_related("project__community")
        .filter(pk=lot_id)
        .first()
    )
    if lot is None:
        raise HttpError(404, _("No such lot."))
    _kept(request, lot.project.community)
    changes: dict[str, Any] = {}
    for name, value in body.dict(exclude_unset=True).items():
        field = name.removesuffix("_yuan")
        if value is None and field in ("name", "kind", "form", "estimate"):
            continue  # a lot always has these
        changes[field] = fen_of(value) if name.endswith("_yuan") and value is not None else value
    try:
        lot_change(actor=Actor.from_request(request), lot=lot, changes=changes)
    except ProcurementError as refused:
        return Status(422, ErrorOut(detail=str(refused)))
    return Status(200, _out(lot.project, policy))


@router.post("/check", response={200: CheckOut, **refusals(403, 404)})
def check(request: HttpRequest, body: CheckIn, policy: str | None = None) -> CheckOut:
    """The tendering check of a list of lots, as ``anju procurement-check`` answers it; for
    those who oversee procurement, as on the web."""
    if scopes(request.user, Capability.PROCUREMENT_MANAGE) == ():
        raise HttpError(403, _("You do not oversee procurement anywhere."))
    pack = pack_named(policy)
    lines = pack.tender_lines
    if lines is None:
        raise HttpError(
            422,
            _("The pack {pack} sets no line at which lots must be tendered.").format(pack=pack.id),
        )
    checks = tender_checks(
        (
            procurement.Lot(
                lot.project_code, lot.lot, lot.kind, fen_of(lot.estimate_yuan), lot.method
            )
            for lot in body.lots
        ),
        lines,
    )
    return CheckOut.model_validate(checks_json(checks))
