"""Registry API: list, read and change communities, within the caller's jurisdiction."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, ModelSchema, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from anju.api_errors import refusals
from anju.api_fields import BuildYear, PlanYear
from anju.audit.context import Actor
from anju.policy.library import UnknownPack, get_pack
from anju.registry import selectors
from anju.registry.eligibility import community_verdict, plan_year
from anju.registry.filters import ordered
from anju.registry.models import Community, ManagementMode, PropertyNature
from anju.registry.selectors import COMMUNITY_FIELDS
from anju.registry.services import community_update

router = Router(tags=["registry"])


class CommunityOut(ModelSchema):
    district_code: str = Field(alias="district_id")
    street_code: str = Field(alias="street_id")
    committee_code: str | None = Field(alias="committee_id")

    class Meta:
        model = Community
        fields = ("code", *COMMUNITY_FIELDS)


class Pages(PageNumberPagination):
    """Pages numbered as far as any register reaches, so no page asks the database for an
    offset past its integers."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=1000)


class CommunityFilters(Schema):
    q: str | None = None
    district: str | None = None
    street: str | None = None
    built_from: BuildYear | None = None
    built_to: BuildYear | None = None
    property_nature: PropertyNature | None = None
    management_mode: ManagementMode | None = None
    sort: str = "code"


class CommunityPatch(ModelSchema):
    class Meta:
        model = Community
        fields = COMMUNITY_FIELDS
        fields_optional = "__all__"


@router.get("/communities", response={200: list[CommunityOut], **refusals()})
@paginate(Pages, page_size=50)
def communities(request: HttpRequest, filters: Query[CommunityFilters]):  # type: ignore[no-untyped-def]
    queryset = selectors.community_list(user=request.user)
    if filters.q:
        queryset = queryset.filter(name__icontains=filters.q)
    if filters.district:
        queryset = queryset.filter(district_id=filters.district)
    if filters.street:
        queryset = queryset.filter(street_id=filters.street)
    if filters.built_from is not None:
        queryset = queryset.filter(build_year__gte=filters.built_from)
    if filters.built_to is not None:
        queryset = queryset.filter(build_year__lte=filters.built_to)
    if filters.property_nature:
        queryset = queryset.filter(property_nature=filters.property_nature)
    if filters.management_mode:
        queryset = queryset.filter(management_mode=filters.management_mode)
    return ordered(queryset, filters.sort, "code")


def _get(request: HttpRequest, code: str) -> Community:
    try:
        return selectors.community_get(user=request.user, code=code)
    except Community.DoesNotExist:
        raise HttpError(404, _("No such community.")) from None


@router.get("/communities/{code}", response={200: CommunityOut, **refusals(404)})
def community(request: HttpRequest, code: str) -> Community:
    return _get(request, code)


@router.patch("/communities/{code}", response={200: CommunityOut, **refusals(403, 404)})
def community_patch(request: HttpRequest, code: str, patch: CommunityPatch) -> Community:
    found = _get(request, code)
    if not selectors.community_editable(user=request.user, community=found):
        raise HttpError(403, _("You may not change communities there."))
    try:
        return community_update(
            actor=Actor.from_request(request),
            community=found,
            values=patch.dict(exclude_unset=True),
        )
    except ValidationError as error:
        raise HttpError(
            422, "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        ) from None


class ReasonOut(Schema):
    text: str
    citation: str


class VerdictOut(Schema):
    """The same object per community as ``anju eligibility --format json``."""

    community_code: str
    status: str
    reasons: list[ReasonOut]


@router.get("/communities/{code}/eligibility", response={200: VerdictOut, **refusals(404)})
def community_eligibility(
    request: HttpRequest, code: str, policy: str | None = None, year: PlanYear | None = None
) -> VerdictOut:
    community = _get(request, code)
    try:
        pack = get_pack(policy)
    except UnknownPack:
        raise HttpError(404, _("No such policy pack.")) from None
    verdict = community_verdict(community, pack, year or plan_year())
    return VerdictOut(
        community_code=verdict.community_code,
        status=verdict.status.value,
        reasons=[ReasonOut(text=r.text, citation=r.citation) for r in verdict.reasons],
    )
