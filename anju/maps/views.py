"""The map page and the points it draws, filtered as the list of communities is."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import EmptyResultSet, PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anju.accounts.jurisdiction import scopes
from anju.audit.context import Actor
from anju.core.access import Capability
from anju.core.conditions import Facility
from anju.core.datum import Datum
from anju.core.eligibility import Status
from anju.core.stock import HOUSED
from anju.divisions.models import Division
from anju.maps.areas import suggestions
from anju.maps.boundaries import BoundaryForm, read_boundary_file, said
from anju.maps.selectors import COLOUR_BY_LABELS, ColourBy, map_points
from anju.policy.library import pack_or_404
from anju.projects.services.stages import ProjectError, area_accept
from anju.registry.eligibility import matching
from anju.registry.filters import CommunityFilter
from anju.registry.lookup import community_or_404
from anju.registry.models import Community
from anju.registry.selectors import boundaries_of, community_list, misplaced
from anju.registry.services import BoundariesRefused, boundaries_load
from anju.stock.selectors import inventory
from anju.supervision.selectors.standing import standing_alert_kinds, user_standings
from anju.web.facilities import Facility as LabelledFacility
from anju.web.paging import kept_until_written


def _readers_only(request: HttpRequest) -> None:
    """The map and all it draws are for those who read the registry somewhere."""
    if scopes(request.user, Capability.REGISTRY_VIEW) == ():
        raise PermissionDenied


def _filtered(request: HttpRequest, judged: bool = True) -> CommunityFilter:
    """The list's filters on the user's area; not ``judged``, without the eligibility status,
    which is worked out community by community and so is left to the answer that is kept."""
    _readers_only(request)
    data = request.GET.copy()
    if not judged:
        data.pop("status", None)
    return CommunityFilter(data, queryset=community_list(user=request.user), user=request.user)


def _colour_by(request: HttpRequest) -> ColourBy:
    asked = request.GET.get("by", "")
    return ColourBy(asked) if asked in set(ColourBy) else ColourBy.STAGE


def _facility(request: HttpRequest) -> Facility:
    asked = request.GET.get("facility", "")
    return Facility(asked) if asked in set(Facility) else Facility.ELDERLY_CARE


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
            "facility": _facility(request),
            "facilities": LabelledFacility.choices,
            "tiles": settings.MAP_TILES,
            "tiles_note": settings.MAP_TILES_NOTE,
            "tiles_zoom": settings.MAP_TILES_MAX_ZOOM,
            "points_query": query.urlencode(),
        },
    )


@login_required
@require_GET
def points(request: HttpRequest) -> HttpResponse:
    """The points as JSON, written once for each query, colouring, pack, year and language
    until the next write: a nation's take seconds to read and write, and officials open the
    same map again and again."""
    filters = _filtered(request, judged=False)
    pack, year = filters.pack_and_year()
    by = _colour_by(request)
    facility = _facility(request)
    communities = filters.qs.order_by("code")
    asked = request.GET.get("status", "")
    status = Status(asked) if asked in set(Status) else None
    stood = (
        user_standings(request.user, pack, timezone.localdate()) if by is ColourBy.ALERTS else []
    )

    stock = inventory(request.user)
    outlines = boundaries_of(request.user)

    def written() -> bytes:
        judged = communities if status is None else matching(communities, pack, year, status)
        found = map_points(
            judged, by, pack, year, standing_alert_kinds(stood), facility, stock, outlines
        )
        # names as UTF-8, not escaped: a nation's points are 16 MB escaped, 12.5 MB so
        return json.dumps(found.as_json(), ensure_ascii=False, separators=(",", ":")).encode()

    # the alerts are the standings' as last read, which a write does not date: their times too
    also = (
        by,
        status,
        facility,
        str(stock.query),
        str(outlines.query),
        pack.id,
        pack.model.version,
        year,
        get_language(),
        [s.computed_at for s in stood],
    )
    try:
        body = kept_until_written("map", communities, also, written)
    except EmptyResultSet:
        body = written()
    return HttpResponse(body, content_type="application/json")


@login_required
@require_GET
def point_name(request: HttpRequest) -> JsonResponse:
    """The name of the point pointed at: the points go without names, which were most of a
    nation's answer, and a name is read only when someone looks at it."""
    _readers_only(request)
    community = community_or_404(request, request.GET.get("code", ""))
    return JsonResponse({"code": community.code, "name": community.name})


@login_required
@require_GET
def area_page(request: HttpRequest) -> HttpResponse:
    """The 片区 suggested in one district at a time: a district's communities are what one
    bureau packs, and a nation's at once would be millions of pairs to weigh."""
    _readers_only(request)
    pack = pack_or_404(request.GET.get("policy") or None)
    communities = community_list(user=request.user)
    districts = list(
        Division.objects.filter(pk__in=communities.values("district_id")).order_by("code")
    )
    asked = request.GET.get("district", "")
    district = next((d for d in districts if d.code == asked), districts[0] if districts else None)
    rule = pack.model.areas
    found = (
        suggestions(
            communities.filter(district=district),
            rule,
            pack.model.stock.reach if pack.model.stock else HOUSED,
        )
        if rule is not None and district is not None
        else []
    )
    return render(
        request,
        "maps/areas.html",
        {
            "pack": pack,
            "rule": rule,
            "districts": districts,
            "district": district,
            "suggestions": found,
            "editable": {
                c.pk
                for c in Community.objects.editable_by(request.user).filter(
                    pk__in=[s.lead.pk for s in found]
                )
            },
        },
    )


@login_required
@require_POST
def area_accept_view(request: HttpRequest) -> HttpResponse:
    pack = pack_or_404(request.POST.get("policy") or None)
    lead = community_or_404(request, request.POST.get("lead", ""), write=True)
    others = [
        community_or_404(request, code, write=True)
        for code in dict.fromkeys(request.POST.getlist("others"))
        if code != lead.code
    ]
    if not others:
        messages.error(request, _("Choose at least one neighbour to pack with it."))
        return redirect(f"{reverse('maps:areas')}?policy={pack.id}&district={lead.district_id}")
    try:
        area_accept(actor=Actor.from_request(request), lead=lead, others=others)
    except ProjectError as refused:
        messages.error(request, str(refused))
        return redirect(f"{reverse('maps:areas')}?policy={pack.id}&district={lead.district_id}")
    messages.success(
        request,
        _(
            "{lead} and {count} neighbours are one project now, and start together in any plan."
        ).format(lead=lead.name, count=len(others)),
    )
    return redirect(f"{reverse('projects:detail', args=[lead.code])}?policy={pack.id}#bundle")


@login_required
@require_http_methods(["GET", "POST"])
def boundaries_page(request: HttpRequest) -> HttpResponse:
    """The outlines on file for the user's area, the communities whose coordinates fall outside
    them, and the upload of a bureau's file."""
    _readers_only(request)
    editor = scopes(request.user, Capability.REGISTRY_EDIT) != ()
    form = BoundaryForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST":
        if not editor:
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data["file"]
            outlines, found = read_boundary_file(upload.read(), Datum(form.cleaned_data["datum"]))
            try:
                if not found:
                    loaded = boundaries_load(
                        actor=Actor.from_request(request),
                        outlines=outlines,
                        source=upload.name or "",
                        map_number=form.cleaned_data["map_number"].strip(),
                    )
                    messages.success(
                        request,
                        ngettext("{n} outline loaded.", "{n} outlines loaded.", loaded).format(
                            n=loaded
                        ),
                    )
                    return redirect("maps:boundaries")
            except BoundariesRefused as refused:
                found = list(refused.problems)
            problems = [said(p) for p in found[:200]]
    communities = community_list(user=request.user)
    try:
        astray = kept_until_written("misplaced", communities, None, lambda: misplaced(communities))
    except EmptyResultSet:
        astray = {}
    named = dict(Division.objects.filter(pk__in=set(astray.values())).values_list("code", "name"))
    return render(
        request,
        "maps/boundaries.html",
        {
            "form": form,
            "problems": problems,
            "editor": editor,
            "boundaries": boundaries_of(request.user),
            "astray": [
                (c, named[astray[c.code]])
                for c in communities.filter(code__in=list(astray)[:500]).order_by("code")
            ],
            "astray_count": len(astray),
        },
        status=400 if problems or form.errors else 200,
    )
