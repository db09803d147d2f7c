"""What a household sees with its share code: its own dwelling's share and how it was reckoned,
the project's totals, and nothing of any other household."""

from __future__ import annotations

from fractions import Fraction
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from anju.core import funding
from anju.core.apportion import ApportionError
from anju.core.ballot_codes import normalise
from anju.finance import selectors
from anju.finance.models import Reduction
from anju.finance.wording import apportion_problem
from anju.limits.services import ON_NOTICE, code_looked_up, too_many_wrong_codes
from anju.policy.library import get_pack


@require_http_methods(["GET", "POST"])
def share_entry(request: HttpRequest) -> HttpResponse:
    typed = request.POST.get("code") or request.GET.get("code") or ""
    problem, status = "", 200
    if typed:
        looked = code_looked_up(request, typed, selectors.share_by_code, ON_NOTICE)
        if looked.found is not None:
            return redirect("share:detail", code=looked.code)
        problem, status = looked.problem, looked.status
    return render(
        request, "finance/public/entry.html", {"typed": typed, "problem": problem}, status=status
    )


@require_GET
def share(request: HttpRequest, code: str) -> HttpResponse:
    if too_many_wrong_codes(request):
        return redirect(f"{reverse('share:entry')}?{urlencode({'code': code})}")
    normal = normalise(code)
    found = selectors.share_by_code(normal) if normal else None
    if found is None:
        return redirect(f"{reverse('share:entry')}?{urlencode({'code': code})}")
    plan, dwelling = found.plan, found.dwelling
    pack = get_pack(plan.pack)
    lines = selectors.plan_cost_lines(plan)
    summary = funding.summarise(lines, selectors.plan_allocations(plan))
    context: dict[str, Any] = {
        "community": plan.project.community,
        "dwelling": dwelling,
        "summary": summary,
        "reduction": Reduction.objects.filter(plan=plan, dwelling=dwelling).first(),
        "problem": "",
    }
    try:
        bills = selectors.plan_bills(plan, pack)
    except ApportionError as error:
        context["problem"] = apportion_problem(error)
    else:
        bill = bills.of(str(dwelling.pk))
        by_floor = pack.model.cost_sharing.by_floor
        coefficient = by_floor.coefficients.get(dwelling.floor) if by_floor else None
        context |= {
            "bill": bill,
            "households": len(bills.bills),
            "coefficient": Fraction(coefficient) if coefficient is not None else None,
            "coefficient_basis": by_floor.basis if by_floor else "",
            "bills": bills,
        }
    return render(request, "finance/public/share.html", context)
