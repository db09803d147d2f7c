"""The money pages: a division's budgets and where their money went, each budget's grants and
payments, the trace of every yuan for the auditors, and the reward/penalty adjustment."""

from __future__ import annotations

import io
from fractions import Fraction
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from anju.accounts.jurisdiction import scopes
from anju.audit.context import Actor
from anju.core.access import Capability
from anju.core.divisions import Level
from anju.core.money import fen_of
from anju.core.pack_compare import disbursement_side
from anju.core.subsidy import AdjustmentRule, adjust
from anju.finance.forms import (
    AdjustmentForm,
    BudgetForm,
    GrantForm,
    PaymentForm,
    money_divisions,
)
from anju.finance.models import Allocation, Budget, Grant, channel_name
from anju.finance.money import services as money
from anju.finance.money.selectors import Flow, managed_budgets, overview, trace, visible_budgets
from anju.finance.money.workbook import write_trace_workbook
from anju.finance.services import FundingRefused
from anju.finance.wording import refusal_text
from anju.policy.library import get_pack, pack_or_404
from anju.projects.services.stages import project_of
from anju.registry import selectors as registry
from anju.registry.models import Community

SERIES = (
    ("budgeted", gettext_lazy("Budgeted")),
    ("granted", gettext_lazy("Set aside for projects")),
    ("paid", gettext_lazy("Paid out")),
)


def _may_manage(request: HttpRequest) -> bool:
    return scopes(request.user, Capability.MONEY_MANAGE) != ()


def _year(request: HttpRequest) -> int | None:
    text = request.GET.get("year") or ""
    return int(text) if text.isdecimal() else None


def _chart(rows: list[tuple[str, Flow]]) -> dict[str, Any]:
    """Names and one series per flow, in 万元, as the chart script reads them."""
    return {
        "names": [name for name, _flow in rows],
        "series": [
            {
                "name": str(label),
                "values": [round(getattr(flow, key) / 1_000_000, 2) for _name, flow in rows],
            }
            for key, label in SERIES
        ],
    }


@login_required
@require_http_methods(["GET", "POST"])
def money_overview(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    form = BudgetForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not _may_manage(request):
            raise PermissionDenied
        if form.is_valid():
            money.budget_create(
                actor=Actor.from_request(request),
                name=form.cleaned_data["name"],
                channel=form.cleaned_data["channel"],
                year=form.cleaned_data["year"],
                division=form.divisions[form.cleaned_data["division"]],
                amount=fen_of(form.cleaned_data["amount"]),
            )
            messages.success(request, _("The budget is recorded."))
            return redirect("finance:money")
    summary = overview(request.user, year)
    by_district = sorted(summary.by_district.items())
    by_channel = [
        (channel_name(c), flow)
        for c, flow in sorted(summary.by_channel.items(), key=lambda kv: -kv[1].budgeted)
    ]
    budgets = visible_budgets(request.user).select_related("division")
    if year is not None:
        budgets = budgets.filter(year=year)
    return render(
        request,
        "finance/money.html",
        {
            "summary": summary,
            "by_district": by_district,
            "by_channel": by_channel,
            "chart": {"districts": _chart(by_district), "channels": _chart(by_channel)},
            "budgets": [(b, channel_name(b.channel), b.amount - b.granted) for b in budgets],
            "form": form,
            "can_manage": _may_manage(request),
            "schedule": disbursement_side(get_pack()),
        },
        status=400 if request.method == "POST" else 200,
    )


def _budget(request: HttpRequest, pk: int, *, manage: bool = False) -> Budget:
    found = (managed_budgets if manage else visible_budgets)(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404(_("No such budget."))
    return found


@login_required
@require_http_methods(["GET", "POST"])
def budget_detail(request: HttpRequest, pk: int) -> HttpResponse:
    budget = _budget(request, pk, manage=request.method == "POST")
    actor = Actor.from_request(request)
    grant_form = GrantForm(request.POST if request.POST.get("action") == "grant" else None)
    payment_form = PaymentForm(request.POST if request.POST.get("action") == "pay" else None)
    if request.method == "POST":
        try:
            if grant_form.is_bound and grant_form.is_valid():
                try:
                    community = registry.community_get(
                        user=request.user, code=grant_form.cleaned_data["community"].strip()
                    )
                except Community.DoesNotExist:
                    messages.error(request, _("No community with that code."))
                    return redirect("finance:budget", pk=budget.pk)
                project = project_of(actor=actor, community=community)
                money.grant_create(
                    actor=actor,
                    budget=budget,
                    project=project,
                    amount=fen_of(grant_form.cleaned_data["amount"]),
                )
                messages.success(request, _("The money is set aside for the project."))
            elif payment_form.is_bound and payment_form.is_valid():
                grant = Grant.objects.filter(
                    budget=budget, pk=payment_form.cleaned_data["grant"]
                ).first()
                if grant is None:
                    raise Http404(_("No such grant."))
                money.payment_record(
                    actor=actor,
                    grant=grant,
                    amount=fen_of(payment_form.cleaned_data["amount"]),
                    paid_on=payment_form.cleaned_data["paid_on"],
                    voucher=payment_form.cleaned_data["voucher"],
                    pack=pack_or_404(None),
                )
                messages.success(request, _("The payment is recorded."))
            else:
                messages.error(request, _("Fill in every field of the form."))
        except FundingRefused as refused:
            messages.error(request, refusal_text(refused))
        return redirect("finance:budget", pk=budget.pk)
    grants = list(
        budget.grants.select_related("project__community__district").annotate(
            paid=Sum("payments__amount")
        )
    )
    return render(
        request,
        "finance/budget.html",
        {
            "budget": budget,
            "channel": channel_name(budget.channel),
            "grants": grants,
            "granted": sum(g.amount for g in grants),
            "paid": sum(g.paid or 0 for g in grants),
            "grant_form": grant_form,
            "payment_form": PaymentForm(),
            "can_manage": managed_budgets(request.user).filter(pk=budget.pk).exists(),
        },
    )


@login_required
@require_GET
def trace_export(request: HttpRequest) -> HttpResponseBase:
    """Every yuan from budget to project to payment, as a workbook for audit."""
    buffer = io.BytesIO()
    write_trace_workbook(buffer, trace(request.user, _year(request)))
    buffer.seek(0)
    return FileResponse(
        buffer,
        as_attachment=True,
        filename="money-trace.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@login_required
@require_http_methods(["GET", "POST"])
def adjustment(request: HttpRequest) -> HttpResponse:
    """The subsidy shared among districts by need, raised or lowered by their assessment."""
    if not _may_manage(request):
        raise PermissionDenied
    pack = pack_or_404(request.GET.get("policy") or None)
    rule = pack.model.money.subsidy_adjustment
    districts = {d.code: d for d in money_divisions(request.user) if d.level == Level.DISTRICT}
    form = AdjustmentForm(
        request.POST or None,
        districts=districts,
        initial={"scores": request.GET.get("scores", "")},
    )
    context: dict[str, Any] = {"form": form, "rule": rule, "pack": pack}
    if request.method == "POST" and form.is_valid() and rule is not None:
        channel = form.cleaned_data["channel"]
        scores: dict[str, Fraction] = form.cleaned_data["scores"]
        bases = {
            code: Allocation.objects.filter(
                channel=channel, line__plan__project__community__district_id=code
            ).aggregate(total=Sum("amount"))["total"]
            or 0
            for code in scores
        }
        result = adjust(
            fen_of(form.cleaned_data["pool"]),
            bases,
            scores,
            AdjustmentRule(
                reward=Fraction(rule.reward_pct) / 100,
                penalty=Fraction(rule.penalty_pct) / 100,
                band=Fraction(rule.band_pct) / 100,
            ),
        )
        if request.POST.get("action") == "budgets":
            actor = Actor.from_request(request)
            year = form.cleaned_data["year"]
            for row in result:
                if row.amount:
                    money.budget_create(
                        actor=actor,
                        name=_("{year} {channel}, after the assessment").format(
                            year=year, channel=channel_name(channel)
                        ),
                        channel=channel,
                        year=year,
                        division=districts[row.district],
                        amount=row.amount,
                    )
            messages.success(request, _("Each district's budget is recorded."))
            return redirect(f"{redirect('finance:money').url}?year={year}")
        context |= {
            "rows": [(districts[r.district], bases[r.district], r) for r in result],
            "pool": fen_of(form.cleaned_data["pool"]),
        }
    return render(request, "finance/adjustment.html", context)
