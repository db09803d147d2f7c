"""Plan scenarios on the web: ask for one, watch the worker solve it, read the plan, change one
thing and compare. Only those who draw up plans for a division see its scenarios."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anju.audit.context import Actor
from anju.core.priority import score
from anju.planning.comparison import compare
from anju.planning.forms import CRITERION_NAMES, AdoptForm, ScenarioForm, planning_divisions
from anju.planning.models import AnnualPlan, Scenario, ScenarioState
from anju.planning.presentation import ScenarioView
from anju.planning.registry_candidates import priority_facts
from anju.planning.services.annual_plans import (
    AdoptionError,
    annual_plan_adopt,
    current_plan,
    versions,
)
from anju.planning.services.scenarios import (
    ScenarioError,
    plan_heading,
    scenario_create,
    scenario_retry,
)
from anju.planning.wording import fact_text
from anju.planning.workbook import write_plan_workbook
from anju.policy.library import pack_or_404
from anju.registry.models import Community
from anju.registry.selectors import community_get


def _scenario(request: HttpRequest, pk: int) -> Scenario:
    try:
        return Scenario.objects.visible_to(request.user).select_related("division").get(pk=pk)
    except Scenario.DoesNotExist:
        raise Http404(_("No such plan scenario.")) from None


@login_required
@require_GET
def scenario_list(request: HttpRequest) -> HttpResponse:
    if not planning_divisions(request.user):
        raise PermissionDenied
    scenarios = Scenario.objects.visible_to(request.user).select_related("division")[:200]
    latest = AnnualPlan.objects.filter(
        division=OuterRef("division"), year=OuterRef("year")
    ).order_by("-version")
    plans = (
        AnnualPlan.objects.visible_to(request.user)
        .filter(version=Subquery(latest.values("version")[:1]))
        .select_related("division")
        .annotate(communities=Count("entries"))
        .order_by("-year", "division_id")
    )
    return render(request, "planning/scenario_list.html", {"scenarios": scenarios, "plans": plans})


@login_required
@require_http_methods(["GET", "POST"])
def scenario_new(request: HttpRequest) -> HttpResponse:
    if not planning_divisions(request.user):
        raise PermissionDenied
    initial: dict[str, Any] = {}
    if "from" in request.GET and request.GET["from"].isdecimal():
        initial = ScenarioForm.initial_from(_scenario(request, int(request.GET["from"])))
    form = ScenarioForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            scenario = scenario_create(
                actor=Actor.from_request(request),
                name=data["name"],
                division=form.divisions[data["division"]],
                pack=data["pack"],
                first_year=data["first_year"],
                last_year=data["last_year"],
                budgets=data["budgets"],
                weights=form.weights,
                pack_targets=data["pack_targets"],
                shares=data["shares"],
                fixed=data["fixed"],
                groups=data["groups"],
                forecast_built_before=data["forecast_built_before"],
            )
        except ScenarioError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The scenario is queued; the plan appears here when solved.")
            )
            return redirect("planning:scenario_detail", pk=scenario.pk)
    return render(
        request,
        "planning/scenario_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def scenario_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = _scenario(request, pk)
    others = (
        Scenario.objects.visible_to(request.user)
        .filter(state=ScenarioState.DONE)
        .exclude(pk=scenario.pk)[:50]
    )
    return render(
        request,
        "planning/scenario_detail.html",
        {"scenario": scenario, "view": ScenarioView(scenario), "others": others},
    )


@login_required
@require_POST
def scenario_rerun(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = _scenario(request, pk)
    if scenario.state == ScenarioState.DONE:
        messages.info(request, _("This scenario is already solved."))
    else:
        scenario_retry(actor=Actor.from_request(request), scenario=scenario)
        messages.success(request, _("The scenario is queued again."))
    return redirect("planning:scenario_detail", pk=scenario.pk)


@login_required
@require_GET
def scenario_compare(request: HttpRequest) -> HttpResponse:
    ids = [request.GET.get("a", ""), request.GET.get("b", "")]
    if not all(i.isdecimal() for i in ids):
        raise Http404(_("Choose two scenarios to compare."))
    first, second = (_scenario(request, int(i)) for i in ids)
    if first.result is None or second.result is None:
        messages.error(request, _("Both scenarios must be solved before they can be compared."))
        return redirect("planning:scenario_detail", pk=first.pk)
    return render(
        request,
        "planning/scenario_compare.html",
        {"a": first, "b": second, "comparison": compare(first, second)},
    )


@login_required
@require_GET
def scenario_export(request: HttpRequest, pk: int) -> FileResponse:
    scenario = _scenario(request, pk)
    if scenario.result is None:
        raise Http404(_("The scenario is not solved yet."))
    handle = tempfile.TemporaryFile()  # noqa: SIM115 -- FileResponse closes it once sent
    write_plan_workbook(handle, plan_heading(scenario), scenario.result)
    handle.seek(0)
    name = f"anju-plan-{scenario.division_id}-{scenario.first_year}-{scenario.last_year}.xlsx"
    return FileResponse(handle, as_attachment=True, filename=name)


@login_required
@require_POST
def scenario_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = _scenario(request, pk)
    form = AdoptForm(request.POST, scenario=scenario)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("planning:scenario_detail", pk=scenario.pk)
    year = form.cleaned_data["year"]
    try:
        plan = annual_plan_adopt(
            actor=Actor.from_request(request),
            scenario=scenario,
            year=year,
            note=form.cleaned_data["note"],
        )
    except AdoptionError as error:
        messages.error(request, str(error))
        return redirect("planning:scenario_detail", pk=scenario.pk)
    messages.success(
        request,
        _("Adopted as the {year} annual plan, version {version}.").format(
            year=year, version=plan.version
        ),
    )
    return redirect("planning:annual_plan", division=scenario.division_id, year=year)


def _annual_plan_page(
    request: HttpRequest,
    division: str,
    year: int,
    plans: QuerySet[AnnualPlan],
    template: str,
    extra: dict[str, Any],
) -> HttpResponse:
    plan = current_plan(division, year, plans)
    if plan is None:
        raise Http404(_("No annual plan of record for that division and year."))
    entries = list(
        plan.entries.select_related(
            "community",
            "community__district",
            "community__street",
            "community__project",
            "community__bundled_into",
        ).order_by("community__district__name", "community__code")
    )
    return render(
        request,
        template,
        {
            "plan": plan,
            "entries": entries,
            "total_wan": sum((e.cost_wan for e in entries), Decimal(0)),
            "households": sum(e.community.household_count for e in entries),
        }
        | extra,
    )


@login_required
@require_GET
def annual_plan(request: HttpRequest, division: str, year: int) -> HttpResponse:
    return _annual_plan_page(
        request,
        division,
        year,
        AnnualPlan.objects.visible_to(request.user),
        "planning/annual_plan.html",
        {"versions": versions(division, year)},
    )


@require_GET
def annual_plan_public(request: HttpRequest, division: str, year: int) -> HttpResponse:
    """The current annual plan as the public reads it, without signing in: the communities,
    their size and the investment, nothing personal."""
    return _annual_plan_page(
        request, division, year, AnnualPlan.objects.all(), "planning/public_plan.html", {}
    )


@login_required
@require_GET
def community_score(request: HttpRequest, code: str) -> HttpResponse:
    """A community's priority score under a pack, criterion by criterion, with the fact each
    rating came from and the clause that makes it count."""
    try:
        community = community_get(user=request.user, code=code)
    except Community.DoesNotExist:
        raise Http404(_("No such community.")) from None
    pack = pack_or_404(request.GET.get("policy") or None)
    priority = pack.model.priority
    if priority is None:
        raise Http404(
            _("The policy pack {pack} does not say how to rank candidates.").format(pack=pack.id)
        )
    facts = priority_facts(community, pack)
    rated = score(facts, priority.weights, priority.scale)
    criteria = {c.key: c for c in priority.criteria}
    parts = [
        {
            "name": CRITERION_NAMES[part.criterion],
            "text": criteria[part.criterion].text,
            "cite": criteria[part.criterion].cite,
            "fact": fact_text(part.criterion, facts),
            "weight": part.weight,
            "rating": part.rating,
            "points": part.points,
        }
        for part in rated.parts
    ]
    return render(
        request,
        "planning/community_score.html",
        {"community": community, "pack": pack, "score": rated, "parts": parts},
    )
