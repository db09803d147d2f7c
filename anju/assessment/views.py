"""Condition assessment and content-list pages, reached from a community's page. The community
is found through the registry's jurisdiction rule; writing needs the right to edit it."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import BaseFormSet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from anju.assessment import selectors
from anju.assessment.exports import write_content_list
from anju.assessment.forms import AddLineForm, ConditionsForm, ContentLineFormSet
from anju.assessment.services import conditions_save, content_list_discard, content_list_save
from anju.audit.context import Actor
from anju.core.conditions import Condition, Facility
from anju.core.content_list import Line, Proposal, approval_path, estimate
from anju.core.policy_pack import CATEGORIES
from anju.policy.library import get_pack, pack_or_404
from anju.registry import selectors as registry
from anju.registry.lookup import community_or_404 as _community
from anju.stock.selectors import offered, taken_for


@login_required
@require_http_methods(["GET", "POST"])
def conditions(request: HttpRequest, code: str) -> HttpResponse:
    community = _community(request, code, write=request.method == "POST")
    stored = selectors.community_conditions(community)
    initial: dict[str, str] = {}
    for facility, row in stored.items():
        initial[facility.value] = row.condition
        initial[f"{facility.value}_note"] = row.note
    form = ConditionsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = conditions_save(
            actor=Actor.from_request(request), community=community, values=form.values()
        )
        messages.success(request, _("Saved: %(count)d facilities changed.") % {"count": changed})
        return redirect("assessment:conditions", code=community.code)
    return render(
        request,
        "assessment/conditions.html",
        {
            "community": community,
            "form": form,
            "assessed": len(stored),
            "can_edit": registry.community_editable(user=request.user, community=community),
        },
        status=400 if request.method == "POST" else 200,
    )


def _edited(lines: list[Line], formset: BaseFormSet[Any], added: AddLineForm) -> list[Line]:
    kept = [
        replace(
            line,
            selected=form.cleaned_data["selected"],
            quantity=form.cleaned_data["quantity"],
            unit_cost_yuan=form.cleaned_data["unit_cost"],
        )
        for line, form in zip(lines, formset.forms, strict=True)
    ]
    extra = added.cleaned_data
    if extra.get("name"):
        kept.append(
            Line(
                key="",
                name=extra["name"],
                category=extra["category"],
                facility=None,
                per=extra["per"],
                quantity=extra["quantity"],
                unit_cost_yuan=extra["unit_cost"],
                selected=True,
                proposal=Proposal.ADDED,
                changes_structure=extra["changes_structure"],
                changes_land_ownership=extra["changes_land_ownership"],
            )
        )
    return kept


@login_required
@require_http_methods(["GET", "POST"])
def content(request: HttpRequest, code: str) -> HttpResponse:
    community = _community(request, code, write=request.method == "POST")
    pack = pack_or_404(request.GET.get("policy") or None)
    saved, lines = selectors.content_lines(community, pack)
    here = f"{reverse('assessment:content', args=[community.code])}?policy={pack.id}"
    status = 200
    if request.method == "POST" and request.POST.get("action") == "repropose":
        content_list_discard(actor=Actor.from_request(request), community=community, pack=pack)
        messages.success(request, _("The list is proposed afresh from the assessment."))
        return redirect(here)
    initial = [
        {
            "line": line.key or line.name,
            "name": line.name,
            "selected": line.selected,
            "quantity": line.quantity,
            "unit_cost": line.unit_cost_yuan,
        }
        for line in lines
    ]
    formset = ContentLineFormSet(request.POST or None, initial=initial, prefix="line")
    added = AddLineForm(request.POST or None, prefix="add")
    if request.method == "POST":
        if formset.is_valid() and [f.cleaned_data["line"] for f in formset] != [
            row["line"] for row in initial
        ]:
            messages.error(request, _("The list changed while you edited it; look again."))
            formset = ContentLineFormSet(initial=initial, prefix="line")
            added = AddLineForm(prefix="add")
        elif formset.is_valid() and added.is_valid():
            content_list_save(
                actor=Actor.from_request(request),
                community=community,
                pack=pack,
                lines=_edited(lines, formset, added),
            )
            messages.success(request, _("Content list saved."))
            return redirect(here)
        status = 400
    result = estimate(lines)
    lacking = [
        facility
        for facility, row in selectors.community_conditions(community).items()
        if row.condition == Condition.MISSING
    ]
    circles = {
        f: circle.name
        for circle in (pack.model.stock.circles if pack.model.stock else ())
        for f in circle.facilities
    }
    return render(
        request,
        "assessment/content.html",
        {
            "community": community,
            "pack": pack,
            "saved": saved,
            "rows": list(zip(lines, formset.forms, strict=True)),
            "formset": formset,
            "added": added,
            "estimate": result,
            "by_category": [
                (getattr(pack.content.categories, c), result.by_category[c]) for c in CATEGORIES
            ],
            "approval": approval_path(pack, lines),
            "unassessed": sum(line.proposal is Proposal.UNASSESSED for line in lines),
            "can_edit": registry.community_editable(user=request.user, community=community),
            "stock": pack.model.stock,
            "offers": [(o, circles[o.offer.facility]) for o in offered(community, lacking, pack)],
            "taken": taken_for(community),
            "lacking": [Facility(f) for f in lacking],
            # whose consent a kind of resource needs is the deployment's own pack's to say
            "consent_rule": get_pack(None).model.stock,
        },
        status=status,
    )


@login_required
def content_export(request: HttpRequest, code: str) -> FileResponse:
    community = _community(request, code)
    pack = pack_or_404(request.GET.get("policy") or None)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 -- FileResponse closes it once sent
    write_content_list(handle, community, pack, selectors.content_lines(community, pack)[1])
    handle.seek(0)
    name = f"anju-content-{community.code}-{pack.id}.xlsx"
    return FileResponse(handle, as_attachment=True, filename=name)
