"""The map page and the points it draws, filtered as the list of communities is."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import EmptyResultSet, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from anju.accounts.jurisdiction import scopes
from anju.core.access import Capability
from anju.maps.selectors import COLOUR_BY_LABELS, ColourBy, map_points
from anju.registry.filters import CommunityFilter
from anju.registry.selectors import community_list
from anju.supervision.selectors.standing import standing_alert_kinds, user_standings
from anju.web.paging import kept_until_written


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
def points(request: HttpRequest) -> HttpResponse:
    """The points as JSON, written once for each query, colouring, pack, year and language
    until the next write: a nation's take seconds to read and write, and officials open the
    same map again and again."""
    filters = _filtered(request)
    pack, year = filters.pack_and_year()
    by = _colour_by(request)
    communities = filters.qs.order_by("code")
    stood = (
        user_standings(request.user, pack, timezone.localdate()) if by is ColourBy.ALERTS else []
    )

    def written() -> bytes:
        found = map_points(communities, by, pack, year, standing_alert_kinds(stood))
        # names as UTF-8, not escaped: a nation's points are 16 MB escaped, 12.5 MB so
        return json.dumps(found.as_json(), ensure_ascii=False, separators=(",", ":")).encode()

    # the alerts are the standings' as last read, which a write does not date: their times too
    also = (by, pack.id, pack.model.version, year, get_language(), [s.computed_at for s in stood])
    try:
        body = kept_until_written("map", communities, also, written)
    except EmptyResultSet:
        body = written()
    return HttpResponse(body, content_type="application/json")
