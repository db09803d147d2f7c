"""A project's page: where it stands, what the next stage asks, its approvals, the works with
their progress, inspections and defects, the utilities' plans beside them, and its timeline.
Each form posts to its own address and comes back to the page; a refusal comes back as a
message naming what is wrong, and nothing is written."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from anju.audit.context import Actor
from anju.core import utility_works
from anju.core.approvals import StepState
from anju.core.policy_pack import FastPath, Pack
from anju.core.project_stages import Stage, is_past_plan
from anju.policy.library import pack_or_404
from anju.projects import selectors
from anju.projects.forms import (
    ApprovalForm,
    DefectFixForm,
    DetailsForm,
    InspectionForm,
    OutcomesForm,
    ProgressForm,
    RecordForm,
    UtilityWorkForm,
)
from anju.projects.models import (
    BundleMember,
    Defect,
    Inspection,
    ProgressPhoto,
    ProgressReport,
    Project,
    ProjectStage,
    Step,
    UtilityWork,
)
from anju.projects.outcomes import project_lines
from anju.projects.sections import contributed
from anju.projects.services.approvals import approval_grant, approvals_view
from anju.projects.services.construction import (
    defect_fix,
    inspection_record,
    progress_report_add,
    project_update,
)
from anju.projects.services.outcomes import outcomes_record
from anju.projects.services.stages import (
    BUNDLE_CITE,
    MoveRefused,
    ProjectError,
    bundle_add,
    bundle_remove,
    project_advance,
    project_of,
    record_step,
)
from anju.projects.services.utility_works import dig_twice_warnings, utility_work_add
from anju.projects.wording import refusal_text
from anju.registry import selectors as registry
from anju.registry.lookup import community_or_404
from anju.registry.models import Community
from anju.uploads import served
from anju.web.forms import form_errors

SECTIONS = [
    ("particulars", gettext_lazy("Particulars")),
    ("approvals", gettext_lazy("Approvals")),
    ("review", gettext_lazy("Design review")),
    ("procurement", gettext_lazy("Procurement")),
    ("progress", gettext_lazy("Progress of the works")),
    ("inspections", gettext_lazy("Inspections and acceptance")),
    ("outcomes", gettext_lazy("What the works left behind")),
    ("utilities", gettext_lazy("Utilities' plans")),
    ("bundle", gettext_lazy("Packed with")),
    ("timeline", gettext_lazy("Timeline")),
]


def _page(request: HttpRequest, pack: Pack, code: str, anchor: str = "") -> HttpResponse:
    return redirect(
        f"/projects/communities/{code}/?policy={pack.id}" + (f"#{anchor}" if anchor else "")
    )


def _project_for_writing(request: HttpRequest, code: str) -> tuple[Community, Project, Pack, Actor]:
    community = community_or_404(request, code, write=True)
    actor = Actor.from_request(request)
    project = project_of(actor=actor, community=community)
    return (
        community,
        project,
        pack_or_404(request.GET.get("policy") or None),
        actor,
    )


def _attempt(request: HttpRequest, done: str, act: Callable[[], object]) -> None:
    try:
        act()
    except ProjectError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, done)


def fast_path(pack: Pack, state: StepState) -> FastPath | None:
    """The fast path that spares or defers the step, if the works take one."""
    path = (
        state.step.waived_by if state.waived else state.step.deferred_by if state.deferred else None
    )
    return getattr(pack.model.low_risk, path.value) if path is not None else None


def _stages(current: ProjectStage) -> list[tuple[str, str, str]]:
    """Every stage with whether the project has passed it, stands in it or has it to come: the
    bar an official reads the whole procedure from at a glance."""
    at = list(ProjectStage).index(current)
    return [
        (stage.value, str(stage.label), "done" if i < at else "current" if i == at else "coming")
        for i, stage in enumerate(ProjectStage)
    ]


@login_required
def project_detail(request: HttpRequest, code: str) -> HttpResponse:
    if request.method == "POST":
        return _procedure_post(request, code)
    community = community_or_404(request, code)
    pack = pack_or_404(request.GET.get("policy") or None)
    project = Project.objects.filter(community=community).first() or Project(community=community)
    following, gates = selectors.next_gates(project, pack)
    approvals = approvals_view(project, pack)
    saved = project.pk is not None
    return render(
        request,
        "projects/project_detail.html",
        {
            "community": community,
            "project": project,
            "pack": pack,
            "following": following,
            "gates": gates,
            "unmet": sum(not state.met for state in gates),
            "stages": _stages(ProjectStage(project.stage)),
            "timeline": selectors.timeline(project, pack) if saved else [],
            "form": RecordForm(),
            "details_form": DetailsForm(instance=project),
            "approvals": approvals,
            "approval_form": ApprovalForm(
                states=approvals.states,
                joint_review=pack.model.approvals.joint_review is not None,
            ),
            "joint_review": pack.model.approvals.joint_review,
            "approval_rows": [
                (
                    state,
                    fast_path(pack, state),
                )
                for state in approvals.states
            ],
            "reports": ProgressReport.objects.filter(project=project).prefetch_related("photos")
            if saved
            else [],
            "progress_form": ProgressForm(),
            "inspections": Inspection.objects.filter(project=project).prefetch_related("defects")
            if saved
            else [],
            "inspection_form": InspectionForm(),
            "fix_form": DefectFixForm(),
            "outcomes_form": OutcomesForm(lines=project_lines(project, pack)),
            "accepted": saved
            and Inspection.objects.acceptances_passed().filter(project=project).exists(),
            "utility_works": UtilityWork.objects.filter(community=community),
            "dig_twice": dig_twice_warnings(community),
            "dig_twice_cite": pack.authority(utility_works.CITE),
            "bundle_cite": pack.authority(BUNDLE_CITE),
            "bundle_open": not is_past_plan(Stage(project.stage)),
            "sections": SECTIONS,
            "utility_form": UtilityWorkForm(),
            "can_edit": registry.community_editable(user=request.user, community=community),
            "bundle": BundleMember.objects.filter(project=project).select_related(
                "community__district"
            )
            if saved
            else [],
            "bundled_into": BundleMember.objects.filter(community=community)
            .select_related("project__community")
            .first(),
            **contributed(request, project, pack),
        },
    )


def _procedure_post(request: HttpRequest, code: str) -> HttpResponse:
    _community, project, pack, actor = _project_for_writing(request, code)
    if request.POST.get("action") == "advance":
        to = request.POST.get("to", "")
        try:
            project_advance(
                actor=actor,
                project=project,
                to_stage=ProjectStage(to) if to in ProjectStage.values else ProjectStage.RESERVE,
                pack=pack,
                reason=request.POST.get("reason", ""),
            )
        except MoveRefused as refused:
            for refusal in refused.refusals:
                messages.error(request, refusal_text(refusal))
        else:
            messages.success(request, _("The project has moved on."))
        return _page(request, pack, code)
    form = RecordForm(request.POST)
    if form.is_valid():
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
    return _page(request, pack, code)


def _submit(
    request: HttpRequest,
    pack: Pack,
    code: str,
    anchor: str,
    form: forms.BaseForm,
    done: str,
    act: Callable[[], object],
) -> HttpResponse:
    """Run ``act`` once ``form`` is valid; either way come back to the page's section."""
    if form.is_valid():
        _attempt(request, done, act)
    else:
        form_errors(request, form)
    return _page(request, pack, code, anchor)


@login_required
@require_POST
def details_update(request: HttpRequest, code: str) -> HttpResponse:
    _community, project, pack, actor = _project_for_writing(request, code)
    form = DetailsForm(request.POST, instance=Project.objects.get(pk=project.pk))
    return _submit(
        request,
        pack,
        code,
        "particulars",
        form,
        _("The project's particulars are saved."),
        lambda: project_update(
            actor=actor,
            project=Project.objects.get(pk=project.pk),
            **{name: form.cleaned_data[name] for name in form.changed_data},
        ),
    )


@login_required
@require_POST
def approval_add(request: HttpRequest, code: str) -> HttpResponse:
    _community, project, pack, actor = _project_for_writing(request, code)
    form = ApprovalForm(
        request.POST,
        states=approvals_view(project, pack).states,
        joint_review=pack.model.approvals.joint_review is not None,
    )
    return _submit(
        request,
        pack,
        code,
        "approvals",
        form,
        _("The approval is recorded."),
        lambda: approval_grant(actor=actor, project=project, pack=pack, **form.cleaned_data),
    )


@login_required
@require_POST
def progress_add(request: HttpRequest, code: str) -> HttpResponse:
    _community, project, pack, actor = _project_for_writing(request, code)
    form = ProgressForm(request.POST, request.FILES)
    return _submit(
        request,
        pack,
        code,
        "progress",
        form,
        _("The progress report is recorded."),
        lambda: progress_report_add(actor=actor, project=project, **form.values()),
    )


@login_required
@require_POST
def inspection_add(request: HttpRequest, code: str) -> HttpResponse:
    _community, project, pack, actor = _project_for_writing(request, code)
    form = InspectionForm(request.POST)
    return _submit(
        request,
        pack,
        code,
        "inspections",
        form,
        _("The inspection is recorded."),
        lambda: inspection_record(actor=actor, project=project, **form.values()),
    )


@login_required
@require_POST
def outcomes_save(request: HttpRequest, code: str) -> HttpResponse:
    _community, project, pack, actor = _project_for_writing(request, code)
    form = OutcomesForm(request.POST, lines=project_lines(project, pack))
    return _submit(
        request,
        pack,
        code,
        "outcomes",
        form,
        _("What the works left behind is recorded."),
        lambda: outcomes_record(
            actor=actor, project=project, pack=pack, quantities=form.quantities()
        ),
    )


@login_required
@require_POST
def defect_fixed(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    _community, project, pack, actor = _project_for_writing(request, code)
    defect = get_object_or_404(Defect.objects.select_related("inspection"), pk=pk, project=project)
    form = DefectFixForm(request.POST)
    return _submit(
        request,
        pack,
        code,
        "inspections",
        form,
        _("The defect is marked fixed."),
        lambda: defect_fix(actor=actor, defect=defect, **form.cleaned_data),
    )


@login_required
@require_POST
def utility_work_create(request: HttpRequest, code: str) -> HttpResponse:
    community, _project, pack, actor = _project_for_writing(request, code)
    form = UtilityWorkForm(request.POST)
    return _submit(
        request,
        pack,
        code,
        "utilities",
        form,
        _("The works are added to the utilities' plans."),
        lambda: utility_work_add(actor=actor, community=community, **form.values()),
    )


@login_required
@require_POST
def bundle_member_add(request: HttpRequest, code: str) -> HttpResponse:
    _community, project, pack, actor = _project_for_writing(request, code)
    other = request.POST.get("community", "").strip()
    try:
        member = registry.community_get(user=request.user, code=other)
    except Community.DoesNotExist:
        messages.error(request, _("No community with the code {code}.").format(code=other))
        return _page(request, pack, code, "bundle")
    _attempt(
        request,
        _("{name} is packed into this project.").format(name=member.name),
        lambda: bundle_add(actor=actor, project=project, community=member),
    )
    return _page(request, pack, code, "bundle")


@login_required
@require_POST
def bundle_member_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    _community, project, pack, actor = _project_for_writing(request, code)
    member = get_object_or_404(BundleMember, pk=pk, project=project)
    _attempt(
        request,
        _("The community is taken out of the bundle."),
        lambda: bundle_remove(actor=actor, member=member),
    )
    return _page(request, pack, code, "bundle")


@login_required
@require_GET
def photo(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """A progress photo, only to those who may see the community; photos are never served
    from a public folder."""
    community = community_or_404(request, code)
    found = get_object_or_404(ProgressPhoto, pk=pk, report__project__community=community)
    return served(found.image)
