"""A project's lots on its page, each kept up to date from announcement to award, and the
tendering check of a CSV of lots, the same as ``anju procurement-check``."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anju.accounts.jurisdiction import reaches, scopes
from anju.audit.context import Actor
from anju.core.access import Capability
from anju.core.documents import LOT_LISTS
from anju.core.money import yuan_text
from anju.core.policy_pack import Pack
from anju.core.procurement import Kind, Method, tender_checks
from anju.csv_input import CsvInputError
from anju.policy.library import get_pack
from anju.procurement.forms import AwardForm, LotForm
from anju.procurement.lot_files import read_lots
from anju.procurement.models import Form, Lot
from anju.procurement.reports import checks_json, verdict
from anju.procurement.selectors import Findings, findings, project_lots
from anju.procurement.services import (
    ProcurementError,
    lot_add,
    lot_change,
    procurement_project,
)
from anju.procurement.wording import KIND_LABELS, publicity_problem_text
from anju.projects.models import Project
from anju.registry.lookup import community_or_404
from anju.uploads import UploadRefused, shown_name, upload_kind
from anju.web.forms import form_errors


def _back(request: HttpRequest, code: str) -> HttpResponse:
    policy = request.GET.get("policy", "")
    return redirect(
        f"/projects/communities/{code}/" + (f"?policy={policy}" if policy else "") + "#procurement"
    )


@login_required
@require_POST
def lot_new(request: HttpRequest, code: str) -> HttpResponse:
    actor = Actor.from_request(request)
    project = procurement_project(actor=actor, community=community_or_404(request, code))
    form = LotForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return _back(request, code)
    estimate = form.fen("estimate")
    assert estimate is not None  # a required field
    try:
        lot_add(
            actor=actor,
            project=project,
            name=form.cleaned_data["name"],
            kind=Kind(form.cleaned_data["kind"]),
            form=Form(form.cleaned_data["form"]),
            estimate=estimate,
            method=Method(form.cleaned_data["method"]) if form.cleaned_data["method"] else None,
        )
    except ProcurementError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The lot is recorded."))
    return _back(request, code)


def _initial(lot: Lot) -> dict[str, object]:
    initial: dict[str, object] = {
        field: getattr(lot, field)
        for field in AwardForm.base_fields
        if field not in ("estimate", "price")
    }
    initial["estimate"] = yuan_text(lot.estimate)
    initial["price"] = "" if lot.price is None else yuan_text(lot.price)
    return initial


@login_required
def lot_edit(request: HttpRequest, pk: int) -> HttpResponse:
    lot = get_object_or_404(
        Lot.objects.visible_to(request.user).select_related("project__community"), pk=pk
    )
    community = lot.project.community
    actor = Actor.from_request(request)
    procurement_project(actor=actor, community=community)
    form = AwardForm(request.POST or None, initial=_initial(lot))
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["estimate"] = form.fen("estimate")
            data["price"] = form.fen("price")
            try:
                lot_change(actor=actor, lot=lot, changes=data)
            except ProcurementError as refused:
                messages.error(request, str(refused))
            else:
                messages.success(request, _("The lot is recorded."))
                return _back(request, community.code)
        else:
            form_errors(request, form)
    return render(
        request, "procurement/lot_edit.html", {"lot": lot, "form": form, "community": community}
    )


def project_procurement_section(
    request: HttpRequest, project: Project, pack: Pack
) -> dict[str, object]:
    """The project page's procurement: the lots, what the rule makes of them, and for the
    housing bureau over the community the form to add one."""
    lots = project_lots(project)
    found = findings(lots, pack) or Findings((), (), 0, "")
    return {
        "lots": lots,
        "tender_kinds": [(KIND_LABELS[kind.kind], kind, verdict(kind)) for kind in found.kinds],
        "publicity_problems": [
            publicity_problem_text(lot.name, problem, found.publicity_days)
            for lot, problem in found.publicity
        ],
        "publicity_cite": found.publicity_cite,
        "keeps_procurement": reaches(
            request.user, Capability.PROCUREMENT_MANAGE, project.community.division_id
        ),
        "lot_form": LotForm(),
    }


@login_required
def check(request: HttpRequest) -> HttpResponse:
    """A CSV of lots checked against the pack's line, for anyone who oversees procurement."""
    if scopes(request.user, Capability.PROCUREMENT_MANAGE) == ():
        raise PermissionDenied
    pack = get_pack(request.GET.get("policy") or None)
    result = None
    upload = request.FILES.get("lots")
    if request.method == "POST":
        if upload is None:
            messages.error(request, _("Choose the CSV of lots to check."))
        else:
            result = _checked(request, upload, pack)
    return render(
        request,
        "procurement/check.html",
        {"pack": pack, "result": result, "kinds": KIND_LABELS},
    )


def _checked(request: HttpRequest, upload: UploadedFile, pack: Pack) -> dict[str, object] | None:
    lines = pack.tender_lines
    if lines is None:
        messages.error(
            request,
            _("The pack {pack} sets no line at which lots must be tendered.").format(pack=pack.id),
        )
        return None
    try:
        upload_kind(upload, LOT_LISTS)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / shown_name(upload.name or "lots.csv", 80)
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            checks = tender_checks(read_lots(path), lines)
    except UploadRefused as refused:
        messages.error(request, refused.message)
        return None
    except CsvInputError as error:
        for problem in error.problems[:50]:
            messages.error(request, problem)
        return None
    report = checks_json(checks)
    for project, checked in zip(report["projects"], checks, strict=True):
        for kind, found in zip(project["kinds"], checked.kinds, strict=True):
            kind["label"] = KIND_LABELS[found.kind]
            kind["verdict"] = verdict(found)
    return report
