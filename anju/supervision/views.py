"""The alerts of the user's area with the unit that answers for each, and the districts to be
called in for an interview."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from anju.accounts.jurisdiction import scopes
from anju.core.access import Capability
from anju.core.alerts import AlertKind, interview_list
from anju.divisions.models import Division
from anju.policy.library import pack_or_404
from anju.registry.models import Community
from anju.supervision.alerts import alerts_for

PAGE_SIZE = 100
KIND_NAMES = {
    AlertKind.CONSTRUCTION_OVERDUE: gettext_lazy("Works past their due date"),
    AlertKind.SLOW_PROGRESS: gettext_lazy("Works behind schedule"),
    AlertKind.APPROVALS_LATE: gettext_lazy("Approvals past the deadline"),
    AlertKind.CENTRAL_SUBSIDY_YEAR: gettext_lazy("Central-subsidy project outside its year"),
    AlertKind.OBJECTION_UNANSWERED: gettext_lazy("Objections unanswered"),
    AlertKind.FUND_BELOW_LINE: gettext_lazy("Maintenance fund under the line"),
    AlertKind.DEFECT_OPEN: gettext_lazy("Defects still open"),
}


@login_required
def alerts(request: HttpRequest) -> HttpResponse:
    if scopes(request.user, Capability.REGISTRY_VIEW) == ():
        raise PermissionDenied
    pack = pack_or_404(request.GET.get("policy") or None)
    found = alerts_for(request.user, pack, timezone.localdate())
    laggards = interview_list(found)
    kind = request.GET.get("kind", "")
    district = request.GET.get("district", "")
    shown = [
        a
        for a in found
        if (not kind or a.kind == kind) and (not district or a.district == district)
    ]
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    names = dict(
        Community.objects.filter(code__in={a.community for a in page}).values_list("code", "name")
    )
    districts = dict(
        Division.objects.filter(code__in={a.district for a in found}).values_list("code", "name")
    )
    counts = {k: 0 for k in AlertKind}
    for alert in found:
        counts[alert.kind] += 1
    return render(
        request,
        "supervision/alerts.html",
        {
            "pack": pack,
            "rows": [(a, KIND_NAMES[a.kind], names.get(a.community, a.community)) for a in page],
            "page": page,
            "counts": [(k, KIND_NAMES[k], n) for k, n in counts.items()],
            "laggards": [
                (
                    districts.get(laggard.district, laggard.district),
                    laggard.alerts,
                    [(KIND_NAMES[k], n) for k, n in sorted(laggard.by_kind.items())],
                )
                for laggard in laggards
            ],
            "districts": sorted(districts.items()),
            "kind": kind,
            "district": district,
            "interviews": pack.model.supervision.interviews,
            "slow": pack.model.supervision.slow_progress,
        },
    )
