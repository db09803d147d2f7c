"""The expert library page, and the design review of a project: drawing its panel and
recording each reviewer's graded opinion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anju.accounts.jurisdiction import bureau_divisions, reaches
from anju.audit.context import Actor
from anju.core import expert_draw
from anju.core.access import Capability
from anju.core.expert_draw import NotEnoughExperts
from anju.core.policy_pack import Pack
from anju.divisions.models import Division
from anju.experts.forms import DrawForm, ExpertForm, ReviewForm
from anju.experts.models import Expert, ReviewDraw, Verdict
from anju.experts.selectors import SPECIALTIES, experts_kept, panels
from anju.experts.services import (
    ExpertError,
    expert_active_set,
    expert_add,
    panel_project,
    review_record,
    reviewers_draw,
)
from anju.experts.wording import short_text
from anju.policy.library import get_pack
from anju.projects.models import Project
from anju.registry.lookup import community_or_404


def _divisions(request: HttpRequest) -> list[Division]:
    found = bureau_divisions(request.user, Capability.EXPERTS_MANAGE)
    if not found:
        raise PermissionDenied
    return found


@login_required
def library(request: HttpRequest) -> HttpResponse:
    divisions = _divisions(request)
    form = ExpertForm(request.POST or None, divisions=divisions)
    if request.method == "POST":
        if form.is_valid():
            division = next(d for d in divisions if d.code == form.cleaned_data["division"])
            try:
                expert_add(
                    actor=Actor.from_request(request),
                    division=division,
                    name=form.cleaned_data["name"],
                    employer=form.cleaned_data["employer"],
                    specialties=form.cleaned_data["specialties"],
                )
            except ExpertError as refused:
                messages.error(request, str(refused))
            else:
                messages.success(request, _("The expert is in the library."))
                return redirect("experts:library")
        else:
            messages.error(request, _("Give the library, name, employer and specialties."))
    experts = [
        (expert, [SPECIALTIES.get(s, s) for s in expert.specialties])
        for expert in experts_kept(request.user)
    ]
    return render(
        request,
        "experts/library.html",
        {
            "experts": experts,
            "form": form,
            "experts_cite": get_pack().authority(expert_draw.CITE),
        },
    )


@login_required
@require_POST
def expert_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    expert = get_object_or_404(experts_kept(request.user), pk=pk)
    expert_active_set(actor=Actor.from_request(request), expert=expert, active=not expert.active)
    return redirect("experts:library")


def _project(request: HttpRequest, code: str) -> Project:
    return panel_project(
        actor=Actor.from_request(request), community=community_or_404(request, code)
    )


def _back(project: Project, request: HttpRequest) -> HttpResponse:
    policy = request.GET.get("policy", "")
    return redirect(
        f"/projects/communities/{project.community.code}/"
        + (f"?policy={policy}" if policy else "")
        + "#review"
    )


@login_required
@require_POST
def draw(request: HttpRequest, code: str) -> HttpResponse:
    project = _project(request, code)
    form = DrawForm(request.POST)
    if not form.is_valid() or not form.needs():
        messages.error(request, _("Name the designer and how many reviewers of each specialty."))
        return _back(project, request)
    try:
        reviewers_draw(
            actor=Actor.from_request(request),
            project=project,
            needs=form.needs(),
            designer=form.cleaned_data["designer"],
            contractor=form.cleaned_data["contractor"],
        )
    except NotEnoughExperts as short:
        messages.error(request, short_text(short))
    else:
        messages.success(request, _("The reviewers are drawn."))
    return _back(project, request)


@login_required
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(ReviewDraw.objects.select_related("project__community"), pk=pk)
    project = _project(request, found.project.community.code)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the verdict, the opinion and the date of the review."))
        return _back(project, request)
    expert = Expert.objects.filter(pk=form.cleaned_data["expert"]).first()
    if expert is None:
        raise Http404
    try:
        review_record(
            actor=Actor.from_request(request),
            draw=found,
            expert=expert,
            verdict=Verdict(form.cleaned_data["verdict"]),
            opinion=form.cleaned_data["opinion"],
            reviewed_on=form.cleaned_data["reviewed_on"],
        )
    except ExpertError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The review is recorded."))
    return _back(project, request)


def project_review_section(request: HttpRequest, project: Project, pack: Pack) -> dict[str, object]:
    """The project page's design review: the panels drawn and, for the bureau that keeps the
    library, the forms to draw and to record a review."""
    return {
        "panels": panels(project),
        "keeps_panel": reaches(
            request.user, Capability.EXPERTS_MANAGE, project.community.division_id
        ),
        "draw_form": DrawForm(initial={"contractor": project.contractor}),
        "review_form": ReviewForm(),
        "experts_cite": pack.authority(expert_draw.CITE),
    }
