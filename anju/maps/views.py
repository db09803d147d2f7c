"""The map page and the points it draws, filtered as the list of communities is."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from anju.accounts.jurisdiction import scopes
from anju.core.access import Capability
from anju.maps.selectors import COLOUR_BY_LABELS, ColourBy, map_points
from anju.registry.filters import CommunityFilter
from anju.registry.selectors import community_list


def _filtered(request: HttpRequest) -> CommunityFilter:
    if scopes(request.user, Capability.REGISTRY_VIEW) == ():
        raise PermissionDenied
    return CommunityFilter(
        request.GET, queryset=community_list(user=request.user), user=request.user
    )


def _colour_by(request: HttpRequest) -> ColourBy:
    asked = request.GET.get("by", "")
    return ColourBy(asked) if asked in set(ColourBy) else ColourBy.STAGE


@login_required
@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    filters = _filtered(request)
    query = request.GET.copy()
    return render(
        request,
        "maps/map.html",
        {
            "filter": filters,
            "by": _colour_by(request),
            "choices": COLOUR_BY_LABELS,
            "points_query": query.urlencode(),
        },
    )


@login_required
@require_GET
def points(request: HttpRequest) -> JsonResponse:
    filters = _filtered(request)
    pack, year = filters.pack_and_year()
    found = map_points(filters.qs, _colour_by(request), pack, year)
    # names as UTF-8, not escaped: a nation's points are 16 MB escaped, a good deal less so
    return JsonResponse(
        found.as_json(), json_dumps_params={"ensure_ascii": False, "separators": (",", ":")}
    )
