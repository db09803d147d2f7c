"""A project's page: where it stands, what the next stage asks, its timeline; recording a step
and moving on, refused with the clause while a gate is unmet."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from anju.audit.context import Actor
from anju.policy.library import pack_or_404
from anju.projects import selectors
from anju.projects.forms import RecordForm
from anju.projects.models import Project, ProjectStage, Step
from anju.projects.services import MoveRefused, project_advance, record_step
from anju.projects.wording import refusal_text
from anju.registry import selectors as registry
from anju.registry.lookup import community_or_404


@login_required
@require_http_methods(["GET", "POST"])
def project_detail(request: HttpRequest, code: str) -> HttpResponse:
    community = community_or_404(request, code, write=request.method == "POST")
    pack = pack_or_404(request.GET.get("policy") or None)
    project, _created = (
        Project.objects.get_or_create(community=community)
        if request.method == "POST"
        else (
            Project.objects.filter(community=community).first() or Project(community=community),
            False,
        )
    )
    form = RecordForm(request.POST if request.POST.get("action") == "record" else None)
    if request.method == "POST":
        actor = Actor.from_request(request)
        if request.POST.get("action") == "advance":
            to = request.POST.get("to", "")
            try:
                project_advance(
                    actor=actor,
                    project=project,
                    to_stage=ProjectStage(to)
                    if to in ProjectStage.values
                    else ProjectStage.RESERVE,
                    pack=pack,
                    reason=request.POST.get("reason", ""),
                )
            except MoveRefused as refused:
                for refusal in refused.refusals:
                    messages.error(request, refusal_text(refusal))
            else:
                messages.success(request, _("The project has moved on."))
        elif form.is_valid():
            record_step(
                actor=actor,
                project=project,
                step=Step(form.cleaned_data["step"]),
                done_on=form.cleaned_data["done_on"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("The step is recorded."))
        else:
            messages.error(request, _("Give the step and the date it was done."))
        return redirect(f"{request.path}?policy={pack.id}")
    following, gates = selectors.next_gates(project, pack)
    return render(
        request,
        "projects/project_detail.html",
        {
            "community": community,
            "project": project,
            "pack": pack,
            "following": following,
            "gates": gates,
            "timeline": selectors.timeline(project) if project.pk else [],
            "form": form,
            "can_edit": registry.community_editable(user=request.user, community=community),
        },
    )
