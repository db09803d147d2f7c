"""A project's funding plan and its households' shares, reached from the community's page. The
community is found through the registry's jurisdiction rule; writing needs the right to edit it."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from anju.audit.context import Actor
from anju.core import funding, investment
from anju.core.apportion import REDUCTIONS_CITE, ApportionError
from anju.core.ballot_codes import grouped
from anju.core.household_shares import UNITS_MISMATCH, Bills
from anju.core.investment import Asset as InvestedAsset
from anju.core.investment import balance, concession, cumulative
from anju.core.money import yuan
from anju.core.pack_compare import by_floor_side
from anju.core.policy_pack import Pack
from anju.finance import selectors
from anju.finance.apportion_reports import write_bills_workbook
from anju.finance.forms import (
    AllocationForm,
    AppraisalForm,
    AssetFormSet,
    DrawForm,
    PaidForm,
    ReductionForm,
    cell_name,
)
from anju.finance.models import Appraisal, FundingPlan, FundTopUp, Reduction, channel_name
from anju.finance.services import (
    FundingRefused,
    appraisal_save,
    elevators_fit_votes,
    funding_plan_draw,
    funding_plan_save,
    reductions_save,
    share_codes_issue,
    share_codes_shown,
    top_up_open,
    top_up_paid,
)
from anju.finance.wording import apportion_problem, finding_text, refusal_text
from anju.policy.library import citation_words, get_pack, pack_or_404
from anju.projects.models import Project
from anju.projects.wording import year_problem_text
from anju.registry import selectors as registry
from anju.registry.lookup import community_or_404 as _community
from anju.registry.models import Community
from anju.web.paging import page_of, reading_order, sorted_by
from anju.web.qr import qr_svg


def _plan(community: Community) -> FundingPlan | None:
    return FundingPlan.objects.filter(project__community=community).first()


def _bills(plan: FundingPlan, pack: Pack) -> tuple[Bills | None, ApportionError | None]:
    try:
        return selectors.plan_bills(plan, pack), None
    except ApportionError as error:
        return None, error


def _settled(
    request: HttpRequest, community: Community
) -> tuple[FundingPlan, Bills] | HttpResponse:
    """The plan and every household's share; back to the plan's page, saying why, while the
    shares cannot be worked out."""
    plan = _plan(community)
    if plan is None:
        raise Http404(_("This project has no funding plan yet."))
    bills, error = _bills(plan, pack_or_404(plan.pack))
    if bills is None:
        messages.error(request, apportion_problem(error) if error else "")
        return redirect("finance:funding_plan", code=community.code)
    return plan, bills


def _table(plan: FundingPlan, form: AllocationForm) -> list[dict[str, Any]]:
    """The plan as rows of the edit table: each line with its cell per channel (None where the
    channel may not pay for it) and what is paid so far."""
    paid = selectors.plan_allocations(plan)
    rows = []
    for line in form.lines:
        cells = [
            form[cell_name(line.key, channel)]
            if cell_name(line.key, channel) in form.fields
            else None
            for channel in form.channels
        ]
        funded = sum(a.amount for a in paid if a.key == line.key)
        rows.append({"line": line, "cells": cells, "funded": funded})
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def funding_plan(request: HttpRequest, code: str) -> HttpResponse:
    community = _community(request, code, write=request.method == "POST")
    plan = _plan(community)
    pack = pack_or_404(plan.pack if plan else request.GET.get("policy") or None)
    channels = funding.Channels.of(pack.model.funding)
    actor = Actor.from_request(request)
    action = request.POST.get("action") if request.method == "POST" else None
    draw = DrawForm(request.POST if action == "draw" else None, channels=channels)
    status = 200
    if action == "draw" and draw.is_valid():
        try:
            funding_plan_draw(
                actor=actor,
                community=community,
                pack=pack,
                households=draw.households(),
                government=draw.cleaned_data["government"],
            )
        except FundingRefused as refused:
            messages.error(request, refusal_text(refused))
        else:
            messages.success(request, _("The funding plan is drawn from the content list."))
        return redirect("finance:funding_plan", code=community.code)
    if action == "fit" and plan is not None:
        try:
            elevators_fit_votes(actor=actor, plan=plan, pack=pack)
        except FundingRefused as refused:
            messages.error(request, refusal_text(refused))
        else:
            messages.success(
                request,
                _("Elevators are priced for the units that voted, and the plan drawn again."),
            )
        return redirect("finance:funding_plan", code=community.code)
    edit: AllocationForm | None = None
    if plan is not None:
        lines = selectors.plan_cost_lines(plan)
        current = {(a.key, a.channel): a.amount for a in selectors.plan_allocations(plan)}
        edit = AllocationForm(
            request.POST if action == "save" else None,
            lines=lines,
            channels=channels,
            amounts=current,
            initial={"covered_by": plan.covered_by},
        )
        if action == "save":
            if edit.is_valid():
                try:
                    funding_plan_save(
                        actor=actor,
                        plan=plan,
                        amounts=edit.amounts(),
                        covered_by=edit.cleaned_data["covered_by"],
                        pack=pack,
                    )
                except FundingRefused as refused:
                    edit.add_error(
                        None,
                        [finding_text(f, lines) for f in refused.findings]
                        or [refusal_text(refused)],
                    )
                else:
                    messages.success(request, _("The funding plan is saved."))
                    return redirect("finance:funding_plan", code=community.code)
            status = 400
    context: dict[str, Any] = {
        "community": community,
        "pack": pack,
        "reductions_cite": citation_words(pack.authority(REDUCTIONS_CITE)),
        "floors": by_floor_side(pack),
        "plan": plan,
        "draw": draw,
        "edit": edit,
        "can_edit": registry.community_editable(user=request.user, community=community),
        "changed_by": (
            (plan.updated_by.first_name or plan.updated_by.username)
            if plan and plan.updated_by
            else "—"
        ),
        "stage": Project.objects.filter(community=community)
        .values_list("stage", flat=True)
        .first(),
    }
    if plan is not None and edit is not None:
        lines = edit.lines
        paid = selectors.plan_allocations(plan)
        summary = funding.summarise(lines, paid)
        bills, bills_error = _bills(plan, pack)
        labels = selectors.dwelling_labels(community)
        context |= {
            "rows": _table(plan, edit),
            "channels": [channel_name(c) for c in edit.channels],
            "summary": summary,
            "households_share": (
                Fraction(summary.households, summary.total) if summary.total else None
            ),
            "by_channel": [
                (channel_name(c), fen, summary.share(c))
                for c, fen in sorted(summary.by_channel.items(), key=lambda kv: -kv[1])
            ],
            "findings": [finding_text(f, lines) for f in funding.check(lines, paid, channels)],
            "bills": bills,
            "bills_problem": apportion_problem(bills_error) if bills_error else "",
            "fit_offered": bills_error is not None and bills_error.problem == UNITS_MISMATCH,
            "bill_rows": (
                sorted(
                    ((labels.get(b.dwelling_id, b.dwelling_id), b) for b in bills.bills),
                    key=lambda row: row[0],
                )
                if bills
                else []
            ),
            "served": selectors.elevator_units(community),
            "reductions": Reduction.objects.filter(plan=plan).select_related("dwelling__building"),
            "reduction_form": ReductionForm(),
        }
    return render(request, "finance/funding_plan.html", context, status=status)


@login_required
@require_http_methods(["POST"])
def reductions(request: HttpRequest, code: str) -> HttpResponse:
    community = _community(request, code, write=True)
    plan = _plan(community)
    if plan is None:
        raise Http404(_("This project has no funding plan yet."))
    current = {r.dwelling_id: (r.waived_pct, r.reason) for r in Reduction.objects.filter(plan=plan)}
    if request.POST.get("remove"):
        removed = request.POST["remove"]
        current.pop(int(removed) if removed.isdecimal() else 0, None)
    else:
        form = ReductionForm(request.POST)
        labels = {label: int(pk) for pk, label in selectors.dwelling_labels(community).items()}
        if not form.is_valid():
            messages.error(
                request, " ".join(str(e) for errors in form.errors.values() for e in errors)
            )
            return redirect("finance:funding_plan", code=community.code)
        dwelling = labels.get(form.cleaned_data["dwelling"].strip())
        if dwelling is None:
            messages.error(
                request,
                _("No dwelling {label} in this community; write it as building-unit-room.").format(
                    label=form.cleaned_data["dwelling"]
                ),
            )
            return redirect("finance:funding_plan", code=community.code)
        current[dwelling] = (Decimal(form.cleaned_data["waived_pct"]), form.cleaned_data["reason"])
    reductions_save(actor=Actor.from_request(request), plan=plan, reductions=current)
    messages.success(request, _("The hardship reductions are saved."))
    return redirect("finance:funding_plan", code=community.code)


@login_required
@require_GET
def shares_export(request: HttpRequest, code: str) -> HttpResponseBase:
    community = _community(request, code)
    settled = _settled(request, community)
    if isinstance(settled, HttpResponse):
        return settled
    _plan_found, bills = settled
    buffer = io.BytesIO()
    write_bills_workbook(buffer, community, bills, selectors.dwelling_labels(community))
    buffer.seek(0)
    return FileResponse(
        buffer,
        as_attachment=True,
        filename=f"{community.code}-household-shares.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@login_required
@require_http_methods(["GET", "POST"])
def share_notices(request: HttpRequest, code: str) -> HttpResponse:
    """The notices of household shares to print, one per household, each with its own code;
    only staff who may edit the community see codes. Codes are issued on the first visit."""
    community = _community(request, code, write=True)
    settled = _settled(request, community)
    if isinstance(settled, HttpResponse):
        return settled
    plan, bills = settled
    if request.method == "POST":
        issued = share_codes_issue(actor=Actor.from_request(request), plan=plan)
        messages.success(request, _("Share codes issued: {n}.").format(n=issued))
        return redirect("finance:share_notices", code=community.code)
    entry = request.build_absolute_uri(reverse("share:entry"))
    slips = []
    by_dwelling = {b.dwelling_id: b for b in bills.bills}
    for dwelling, share_code in selectors.share_codes(plan):
        bill = by_dwelling.get(str(dwelling.pk))
        url = request.build_absolute_uri(reverse("share:detail", args=[share_code]))
        slips.append(
            {
                "dwelling": dwelling,
                "bill": bill,
                "code": grouped(share_code),
                "qr": qr_svg(url),
            }
        )
    if slips:
        share_codes_shown(actor=Actor.from_request(request), community=community, count=len(slips))
    return render(
        request,
        "finance/share_notices.html",
        {
            "community": community,
            "slips": slips,
            "entry_url": entry,
            "missing": len(bills.bills) - len(slips),
        },
    )


@login_required
@require_GET
def fund_list(request: HttpRequest) -> HttpResponse:
    """Communities whose maintenance fund is missing or under the line (puyang-2020 §4.(3))."""
    pack = pack_or_404(request.GET.get("policy") or None)
    rule = pack.model.cost_sharing.maintenance_fund
    flagged = selectors.flagged_funds(user=request.user, pack=pack)
    shown = sorted_by(request, flagged, FUND_SORTS, "district")
    return render(
        request,
        "finance/fund_list.html",
        {
            "pack": pack,
            "rule": rule,
            "count": len(flagged),
            "page": page_of(request, shown),
            "needed": sum(f.check.needed for f in flagged),
        },
    )


FUND_SORTS: dict[str, Callable[[selectors.FlaggedFund], Any]] = {
    "name": lambda f: reading_order(f.community.name),
    "district": lambda f: (f.community.district_id, f.community.code),
    "initial": lambda f: f.check.initial,
    "balance": lambda f: f.check.balance,
    "ratio": lambda f: f.check.ratio,
    "needed": lambda f: f.check.needed,
}


@login_required
@require_http_methods(["GET", "POST"])
def fund_detail(request: HttpRequest, code: str) -> HttpResponse:
    community = _community(request, code, write=request.method == "POST")
    pack = pack_or_404(request.GET.get("policy") or None)
    actor = Actor.from_request(request)
    open_top_up = FundTopUp.objects.filter(community=community, closed_at__isnull=True).first()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "open":
                top_up_open(actor=actor, community=community, pack=pack)
                messages.success(request, _("The households' parts are worked out and opened."))
            elif open_top_up is not None:
                form = PaidForm(request.POST)
                if form.is_valid():
                    marked = top_up_paid(
                        actor=actor,
                        top_up=open_top_up,
                        dwelling_ids=[int(d) for d in request.POST.getlist("dwelling")],
                        paid_on=form.cleaned_data["paid_on"],
                    )
                    messages.success(request, _("Recorded as paid: {n}.").format(n=marked))
                else:
                    messages.error(request, _("Give the date the money came in."))
        except FundingRefused as refused:
            messages.error(request, refusal_text(refused))
        return redirect("finance:fund_detail", code=community.code)
    labels = selectors.dwelling_labels(community)
    parts = (
        sorted(
            ((labels.get(str(s.dwelling_id), ""), s) for s in open_top_up.shares.all()),
            key=lambda row: row[0],
        )
        if open_top_up
        else []
    )
    return render(
        request,
        "finance/fund_detail.html",
        {
            "community": community,
            "pack": pack,
            "rule": pack.model.cost_sharing.maintenance_fund,
            "check": selectors.fund_check(community, pack),
            "open_top_up": open_top_up,
            "parts": parts,
            "paid": sum(s.amount for _label, s in parts if s.paid_on),
            "history": FundTopUp.objects.filter(community=community, closed_at__isnull=False),
            "paid_form": PaidForm(),
            "can_edit": registry.community_editable(user=request.user, community=community),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def appraisal(request: HttpRequest, code: str) -> HttpResponse:
    """投入与收益平衡测算: what social capital puts in, earns and gets back, and when."""
    community = _community(request, code, write=request.method == "POST")
    stored = Appraisal.objects.filter(project__community=community).first()
    initial = (
        {
            "operator": stored.operator,
            "concession_years": stored.concession_years,
            "discount_pct": stored.discount_pct,
        }
        if stored
        else None
    )
    rows = (
        [
            {
                "kind": a.kind,
                "name": a.name,
                "investment": yuan(a.investment),
                "yearly_income": yuan(a.yearly_income),
                "yearly_cost": yuan(a.yearly_cost),
            }
            for a in stored.assets.all()
        ]
        if stored
        else []
    )
    data = request.POST if request.method == "POST" else None
    form = AppraisalForm(data, initial=initial)
    assets = AssetFormSet(data, initial=rows, prefix="asset")
    if data is not None and form.is_valid() and assets.is_valid():
        appraisal_save(
            actor=Actor.from_request(request),
            community=community,
            operator=form.cleaned_data["operator"],
            concession_years=form.cleaned_data["concession_years"],
            discount_pct=form.cleaned_data["discount_pct"],
            assets=[row for f in assets.forms if (row := f.row()) is not None],
        )
        messages.success(request, _("The appraisal is saved."))
        return redirect("finance:appraisal", code=community.code)
    context: dict[str, Any] = {
        "community": community,
        "form": form,
        "assets": assets,
        "stored": stored,
        "can_edit": registry.community_editable(user=request.user, community=community),
        "cite": get_pack().authority(investment.CITE),
    }
    if stored is not None and stored.assets.exists():
        flows = concession(
            [
                InvestedAsset(a.investment, a.yearly_income, a.yearly_cost)
                for a in stored.assets.all()
            ],
            stored.concession_years,
        )
        result = balance(flows, Fraction(stored.discount_pct) / 100)
        context |= {
            "result": result,
            "years": list(
                zip(range(len(flows.flows)), flows.flows, cumulative(flows), strict=True)
            ),
        }
    return render(
        request, "finance/appraisal.html", context, status=400 if data is not None else 200
    )


def project_year_section(request: HttpRequest, project: Project, pack: Pack) -> dict[str, object]:
    """The project page's central-subsidy year: started and finished within it (hangjin-2021
    §3.(4))."""
    check = selectors.central_subsidy_check(project, pack)
    deadline = pack.deadline("central_subsidy_year")
    return {
        "year_check": check,
        "year_problems": [year_problem_text(p, check.due) for p in check.problems] if check else [],
        "year_cite": deadline.cite if deadline else "",
    }
