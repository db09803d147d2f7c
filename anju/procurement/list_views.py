"""Every lot in the user's area, to find one and see where its letting stands; and, where the
pack encourages it (集中招标采购, chongqing-2021 §5.(1)), the goods several projects are yet to
buy under one name, offered for buying together."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from anju.accounts.jurisdiction import reaches
from anju.core.access import Capability
from anju.core.procurement import Kind
from anju.policy.library import pack_or_404
from anju.procurement.models import Lot
from anju.procurement.selectors import bulk_offers
from anju.procurement.wording import KIND_LABELS, STATE_LABELS, LotState
from anju.registry.models import Community
from anju.web.paging import Counted, Order, ordered, page_of

STATES = {
    LotState.NOT_LET: Q(method=""),
    LotState.BEING_LET: ~Q(method="") & Q(awarded_on__isnull=True),
    LotState.AWARDED: Q(awarded_on__isnull=False),
}
SORTS: dict[str, Order] = {
    "community": "project__community__code",
    "estimate": "estimate",
    "awarded": F("awarded_on"),
    "price": F("price"),
}


@login_required
@require_GET
def lot_list(request: HttpRequest) -> HttpResponse:
    pack = pack_or_404(request.GET.get("policy") or None)
    lots = Lot.objects.visible_to(request.user).select_related("project__community__district")
    state = request.GET.get("state", "")
    if state in STATES:
        lots = lots.filter(STATES[LotState(state)])
    kind = request.GET.get("kind", "")
    if kind in set(Kind):
        lots = lots.filter(kind=kind)
    words = request.GET.get("q", "").strip()[:50]
    if words:
        lots = lots.filter(
            Q(name__icontains=words)
            | Q(winner__icontains=words)
            | Q(project__community__name__icontains=words)
            | Q(project__community__code=words)
        )
    page = page_of(request, Counted(ordered(lots, request.GET.get("sort", ""), SORTS, "community")))
    offers = bulk_offers(request.user, pack)
    line = pack.tender_lines.goods if pack.tender_lines else None
    named = dict(
        Community.objects.filter(
            code__in={lot.project for offer in offers for lot in offer.lots}
        ).values_list("code", "name")
    )
    return render(
        request,
        "procurement/lot_list.html",
        {
            "pack": pack,
            "page": page,
            "kept": {
                lot.pk
                for lot in page
                if reaches(
                    request.user, Capability.PROCUREMENT_MANAGE, lot.project.community.division_id
                )
            },
            "states": STATE_LABELS,
            "kinds": KIND_LABELS,
            "state": state,
            "kind": kind,
            "words": words,
            "offers": [
                (
                    offer,
                    line is not None and offer.total >= line,
                    sorted({(lot.project, named[lot.project]) for lot in offer.lots}),
                )
                for offer in offers
            ],
            "goods_line": line,
            "central": pack.model.procurement.central_purchasing,
        },
    )
