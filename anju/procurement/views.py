"""A project's lots on its page, each kept up to date from announcement to award, and the
tendering check of a CSV of lots, the same as ``anju procurement-check``."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from anju.accounts.jurisdiction import bureau_divisions, reaches, scopes
from anju.audit.context import Actor
from anju.core.access import Capability
from anju.core.ballot_codes import grouped
from anju.core.documents import LISTS
from anju.core.money import fen_of, yuan_text
from anju.core.policy_pack import Pack
from anju.core.procurement import Kind, Method, tender_checks
from anju.csv_input import CsvInputError
from anju.finance.money.selectors import project_money
from anju.policy.library import pack_or_404
from anju.procurement.debarment_files import read_debarments
from anju.procurement.forms import (
    ApprovalForm,
    AwardForm,
    DebarmentUploadForm,
    LotForm,
    MonitorForm,
    VariationForm,
)
from anju.procurement.lot_files import read_lots
from anju.procurement.models import (
    AnswerCode,
    Debarment,
    Form,
    Lot,
    Monitor,
    Observation,
    ObservationPhoto,
    Variation,
)
from anju.procurement.reports import checks_json, verdict
from anju.procurement.selectors import (
    PERFORMANCE_CITE,
    Findings,
    absences,
    contracted,
    debarred,
    findings,
    overpaid_text,
    project_lots,
    project_monitors,
    project_observations,
    told_late,
    unapproved_changes,
    won_elsewhere,
)
from anju.procurement.services import (
    ProcurementError,
    answer_code_issue,
    codes_shown,
    debarments_replace,
    lot_add,
    lot_change,
    monitor_appoint,
    monitor_stand_down,
    procurement_project,
    variation_add,
    variation_approve,
)
from anju.procurement.wording import KIND_LABELS, publicity_problem_text
from anju.projects.models import Inspection, Project
from anju.registry.lookup import community_or_404
from anju.registry.personal import unseal
from anju.uploads import UploadRefused, served, shown_name, upload_kind
from anju.web.forms import form_errors
from anju.web.qr import qr_svg

T = TypeVar("T")
# 鼓励有技术专长的小区居民参与改造工程监督: Wuhan's words, Anju's practice elsewhere
MONITORS_CITE = "wuhan-2021 §2.(2)3"


def _back(request: HttpRequest, code: str) -> HttpResponse:
    policy = request.GET.get("policy", "")
    query = f"?{urlencode({'policy': policy})}" if policy else ""
    return redirect(f"/projects/communities/{code}/{query}#procurement")


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
    lot = _lot(request, pk)
    community = lot.project.community
    actor = Actor.from_request(request)
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
        request,
        "procurement/lot_edit.html",
        {
            "lot": lot,
            "form": form,
            "community": community,
            "elsewhere": won_elsewhere(request.user, lot, timezone.localdate()),
            "variations": lot.variations.all(),
            "variation_form": VariationForm(),
            "approval_form": ApprovalForm(),
        },
    )


def project_procurement_section(
    request: HttpRequest, project: Project, pack: Pack
) -> dict[str, object]:
    """The project page's procurement: the lots, what the rule makes of them, and for the
    housing bureau over the community the form to add one."""
    lots = project_lots(project)
    found = findings(lots, pack) or Findings((), (), 0, "", contracted=contracted(lots))
    owed = found.contracted
    granted, paid = project_money(project) if project.pk else (0, 0)
    return {
        "lots": lots,
        "contracted": owed,
        "granted": granted,
        "paid": paid,
        "overpaid": overpaid_text(found) if found.overpaid else "",
        "told_late": [text for _day, text in told_late(found)],
        "disclosure_cite": found.disclosure_cite,
        "tender_kinds": [(KIND_LABELS[kind.kind], kind, verdict(kind)) for kind in found.kinds],
        "publicity_problems": [
            publicity_problem_text(lot.name, problem, found.publicity_days)
            for lot, problem in found.publicity
        ],
        "publicity_cite": found.publicity_cite,
        "debarred": [text for _lot, text in debarred(found)],
        "unapproved": [text for _lot, text in unapproved_changes(found)],
        "variations_cite": found.variations_cite,
        "absences": [
            text
            for _day, text in absences(
                Inspection.objects.filter(project=project) if project.pk else []
            )
        ],
        "performance_cite": pack.authority(PERFORMANCE_CITE),
        "keeps_procurement": reaches(
            request.user, Capability.PROCUREMENT_MANAGE, project.community.division_id
        ),
        "lot_form": LotForm(),
        "monitors": project_monitors(project),
        "monitors_cite": pack.authority(MONITORS_CITE),
        "monitor_form": MonitorForm(),
        "observations": project_observations(project),
    }


@login_required
def check(request: HttpRequest) -> HttpResponse:
    """A CSV of lots checked against the pack's line, for anyone who oversees procurement."""
    if scopes(request.user, Capability.PROCUREMENT_MANAGE) == ():
        raise PermissionDenied
    pack = pack_or_404(request.GET.get("policy") or None)
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


def _read_upload(
    request: HttpRequest, upload: UploadedFile, read: Callable[[Path], list[T]]
) -> list[T] | None:
    """A CSV list uploaded, checked by its kind and size, read under the name it came with (so
    the problems name it); None, with every problem said, where it cannot be."""
    try:
        upload_kind(upload, LISTS)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / shown_name(upload.name or "list.csv", 80)
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            return read(path)
    except UploadRefused as refused:
        messages.error(request, refused.message)
    except CsvInputError as error:
        for problem in error.problems[:50]:
            messages.error(request, problem)
    return None


def _checked(request: HttpRequest, upload: UploadedFile, pack: Pack) -> dict[str, object] | None:
    lines = pack.tender_lines
    if lines is None:
        messages.error(
            request,
            _("The pack {pack} sets no line at which lots must be tendered.").format(pack=pack.id),
        )
        return None
    lots = _read_upload(request, upload, read_lots)
    if lots is None:
        return None
    checks = tender_checks(lots, lines)
    report = checks_json(checks)
    for project, checked in zip(report["projects"], checks, strict=True):
        for kind, found in zip(project["kinds"], checked.kinds, strict=True):
            kind["label"] = KIND_LABELS[found.kind]
            kind["verdict"] = verdict(found)
    return report


def _monitor(request: HttpRequest, pk: int) -> Monitor:
    monitor = get_object_or_404(
        Monitor.objects.select_related("project__community").filter(
            project__in=Project.objects.visible_to(request.user)
        ),
        pk=pk,
    )
    procurement_project(actor=Actor.from_request(request), community=monitor.project.community)
    return monitor


@login_required
@require_POST
def monitor_new(request: HttpRequest, code: str) -> HttpResponse:
    actor = Actor.from_request(request)
    project = procurement_project(actor=actor, community=community_or_404(request, code))
    form = MonitorForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return _back(request, code)
    try:
        monitor, _code = monitor_appoint(
            actor=actor,
            project=project,
            name=form.cleaned_data["name"],
            skill=form.cleaned_data["skill"],
        )
    except ProcurementError as refused:
        messages.error(request, str(refused))
        return _back(request, code)
    return redirect("procurement:monitor_slip", pk=monitor.pk)


@login_required
def monitor_slip(request: HttpRequest, pk: int) -> HttpResponse:
    """The monitor's slip to print: their code, and the address and QR code to open with it."""
    monitor = _monitor(request, pk)
    code = unseal(monitor.code_cipher)
    codes_shown(actor=Actor.from_request(request), project=monitor.project, what="monitor")
    return _slip(
        request,
        monitor.project,
        code,
        _("Residents' monitor: {name}").format(name=monitor.name),
        _("Report what you see on the site, with photos; the contractor answers you here."),
    )


@login_required
@require_POST
def monitor_stand_down_view(request: HttpRequest, pk: int) -> HttpResponse:
    monitor = _monitor(request, pk)
    monitor_stand_down(actor=Actor.from_request(request), monitor=monitor)
    messages.success(request, _("The monitor's code no longer opens the project."))
    return _back(request, monitor.project.community.code)


def _lot(request: HttpRequest, pk: int) -> Lot:
    lot = get_object_or_404(
        Lot.objects.visible_to(request.user).select_related("project__community"), pk=pk
    )
    procurement_project(actor=Actor.from_request(request), community=lot.project.community)
    return lot


@login_required
def answer_slip(request: HttpRequest, pk: int) -> HttpResponse:
    """The winner's slip. Sent, a new code is made (the one before stops working); opened, the
    current one is shown for printing."""
    lot = _lot(request, pk)
    actor = Actor.from_request(request)
    if request.method == "POST":
        try:
            answer_code_issue(actor=actor, lot=lot)
        except ProcurementError as refused:
            messages.error(request, str(refused))
            return redirect("procurement:lot_edit", pk=lot.pk)
        return redirect("procurement:answer_slip", pk=lot.pk)
    issued = AnswerCode.objects.filter(lot=lot).first()
    if issued is None:
        return redirect("procurement:lot_edit", pk=lot.pk)
    codes_shown(actor=actor, project=lot.project, what="winner")
    return _slip(
        request,
        lot.project,
        unseal(issued.code_cipher),
        _("{winner}, winner of “{lot}”").format(winner=lot.winner, lot=lot.name),
        _("Answer what the residents' monitors report from the site."),
    )


def _slip(request: HttpRequest, project: Project, code: str, whose: str, what: str) -> HttpResponse:
    entry = request.build_absolute_uri(reverse("site:entry"))
    return render(
        request,
        "procurement/slip.html",
        {
            "community": project.community,
            "whose": whose,
            "what": what,
            "code": grouped(code),
            "entry_url": entry,
            "qr": qr_svg(f"{entry}?{urlencode({'code': code})}"),
        },
    )


@login_required
@require_GET
def observation_photo(request: HttpRequest, pk: int) -> FileResponse:
    """A site photo, to those who may see the project; never from a public folder."""
    found = get_object_or_404(
        ObservationPhoto.objects.filter(
            observation__in=Observation.objects.visible_to(request.user)
        ),
        pk=pk,
    )
    return served(found.image)


@login_required
def debarments(request: HttpRequest) -> HttpResponse:
    """The lists of untrustworthy parties the user's bureaus keep, and the upload that replaces
    one with the list as now published."""
    held = bureau_divisions(request.user, Capability.PROCUREMENT_MANAGE)
    if not held:
        raise PermissionDenied
    form = DebarmentUploadForm(request.POST or None, divisions=held)
    upload = request.FILES.get("entries")
    if request.method == "POST":
        if not form.is_valid() or upload is None:
            form_errors(request, form)
            if upload is None:
                messages.error(request, _("Choose the CSV of the list."))
        else:
            entries = _read_upload(request, upload, read_debarments)
            if entries is not None:
                division = next(d for d in held if d.code == form.cleaned_data["division"])
                count = debarments_replace(
                    actor=Actor.from_request(request), division=division, entries=entries
                )
                messages.success(
                    request,
                    _("The list of {division} now holds {count} entries.").format(
                        division=division.name, count=count
                    ),
                )
                return redirect("procurement:debarments")
    return render(
        request,
        "procurement/debarments.html",
        {
            "form": form,
            "entries": Debarment.objects.visible_to(request.user).select_related("division")[:500],
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def variation_new(request: HttpRequest, pk: int) -> HttpResponse:
    lot = _lot(request, pk)
    form = VariationForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("procurement:lot_edit", pk=lot.pk)
    try:
        variation_add(
            actor=Actor.from_request(request),
            lot=lot,
            amount=fen_of(form.cleaned_data["amount"]),
            reason=form.cleaned_data["reason"],
            agreed_on=form.cleaned_data["agreed_on"],
            approved_on=form.cleaned_data["approved_on"],
            approval=form.cleaned_data["approval"],
        )
    except ProcurementError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The change is recorded."))
    return redirect("procurement:lot_edit", pk=lot.pk)


@login_required
@require_POST
def variation_approved(request: HttpRequest, pk: int) -> HttpResponse:
    variation = get_object_or_404(
        Variation.objects.filter(lot__in=Lot.objects.visible_to(request.user)).select_related(
            "lot__project__community"
        ),
        pk=pk,
    )
    form = ApprovalForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
    else:
        try:
            variation_approve(
                actor=Actor.from_request(request),
                variation=variation,
                approved_on=form.cleaned_data["approved_on"],
                approval=form.cleaned_data["approval"],
            )
        except ProcurementError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The approval is recorded."))
    return redirect("procurement:lot_edit", pk=variation.lot_id)
