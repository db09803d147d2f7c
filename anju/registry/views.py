"""Registry pages. Views are thin: they read through selectors, write through services, and let
the jurisdiction rule decide what exists for the user (a record outside it is a 404)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from anju.accounts.jurisdiction import scopes
from anju.audit.context import Actor
from anju.core.access import Capability
from anju.core.ledger_layout import WordingRefused
from anju.registry import selectors
from anju.registry.eligibility import community_verdict
from anju.registry.filters import CommunityFilter
from anju.registry.forms import (
    CommunityForm,
    LedgerUploadForm,
    LedgerWordingsForm,
    PolicyChoiceForm,
)
from anju.registry.issues import LEFT_OUT, describe, wording_refusal
from anju.registry.lookup import community_or_404 as _community_or_404
from anju.registry.models import Community, LedgerImport, LedgerWording
from anju.registry.services import (
    community_update,
    ledger_export,
    ledger_import_request,
    ledger_import_told,
    ledger_wording_forget,
)
from anju.uploads import UploadRefused
from anju.web.paging import Counted, page_of


def _can_edit_somewhere(request: HttpRequest) -> bool:
    return scopes(request.user, Capability.REGISTRY_EDIT) != ()


def _filtered(request: HttpRequest) -> CommunityFilter:
    """The list as its address filters and sorts it, for the page and for its export alike."""
    data = request.GET.copy()
    data.setdefault("sort", "place")
    queryset = selectors.community_list(user=request.user)
    return CommunityFilter(data, queryset=queryset, user=request.user)


@login_required
def community_list(request: HttpRequest) -> HttpResponse:
    filters = _filtered(request)
    page = page_of(request, Counted(filters.qs))
    pack, year = filters.pack_and_year()

    def rows() -> Iterator[Community]:  # read only if the list is written, not when it is kept
        for community in page:
            community.verdict = community_verdict(community, pack, year)
            yield community

    return render(
        request,
        "registry/community_list.html",
        {
            "filter": filters,
            "page": page,
            "rows": rows(),
            "can_edit": _can_edit_somewhere(request),
            "pack": pack,
            "year": year,
        },
    )


@login_required
def community_detail(request: HttpRequest, code: str) -> HttpResponse:
    community = _community_or_404(request, code)
    buildings = list(selectors.community_buildings(community=community))
    choice = PolicyChoiceForm(request.GET or None)
    pack, year = choice.pack_and_year()
    return render(
        request,
        "registry/community_detail.html",
        {
            "community": community,
            "choice": choice,
            "pack": pack,
            "year": year,
            "verdict": community_verdict(community, pack, year),
            "buildings": buildings,
            "dwelling_total": selectors.community_dwelling_count(community=community),
            "can_edit": selectors.community_editable(user=request.user, community=community),
            "outside": selectors.division_outside(community),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def community_edit(request: HttpRequest, code: str) -> HttpResponse:
    community = _community_or_404(request, code)
    if not selectors.community_editable(user=request.user, community=community):
        raise PermissionDenied
    form = CommunityForm(request.POST or None, instance=community)
    if request.method == "POST" and form.is_valid():
        # Validating the form wrote its values onto ``community``; the service is handed the
        # stored record so that the audit row holds the true values before the change.
        fresh = Community.objects.get(pk=community.pk)
        community_update(
            actor=Actor.from_request(request),
            community=fresh,
            values=form.values(),
        )
        messages.success(request, _("Saved."))
        return redirect("registry:community_detail", code=community.code)
    return render(request, "registry/community_edit.html", {"community": community, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def ledger_import_view(request: HttpRequest) -> HttpResponse:
    if not _can_edit_somewhere(request):
        raise PermissionDenied
    form = LedgerUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = ledger_import_request(
                actor=Actor.from_request(request),
                source=upload,
                name=upload.name,
                dry_run=form.cleaned_data["dry_run"],
            )
        except UploadRefused as refused:
            form.add_error("file", refused.message)
            status = 400
        else:
            return redirect("registry:ledger_import_job", pk=job.pk)
    elif request.method == "POST":
        status = 400
    recent = LedgerImport.objects.filter(requested_by_id=request.user.pk)[:5]
    return render(
        request,
        "registry/ledger_import.html",
        {"form": form, "recent": recent, "wordings": selectors.ledger_wordings_told(request.user)},
        status=status,
    )


@login_required
def ledger_import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """An import as the worker takes it: waiting, its stages as they go, then what it wrote or
    every problem it found. Only the official who sent the file sees it: its problems quote the
    file's cells."""
    job = get_object_or_404(LedgerImport, pk=pk, requested_by_id=request.user.pk)
    return _job_page(request, job, _wordings_form(job))


def _understood(job: LedgerImport) -> list[dict[str, Any]]:
    return list((job.summary or {}).get("understood", ()))


def _wordings_form(job: LedgerImport, data: Any = None) -> LedgerWordingsForm | None:
    """The columns an import did not read, to say what they are, while its file is kept."""
    understood = [sheet for sheet in _understood(job) if sheet["unknown"]]
    if not job.finished or not understood or not selectors.ledger_import_kept(job):
        return None
    form = LedgerWordingsForm(understood, data)
    return form if form.columns else None


def _job_page(
    request: HttpRequest, job: LedgerImport, wordings: LedgerWordingsForm | None, status: int = 200
) -> HttpResponse:
    progress = None if job.finished else selectors.ledger_import_progress(job)
    return render(
        request,
        "registry/ledger_import_job.html",
        {
            "job": job,
            "progress": progress,
            "issues": [(issue, describe(issue)) for issue in selectors.ledger_import_issues(job)],
            "understood": [sheet for sheet in _understood(job) if not sheet["plain"]],
            "left_out_why": LEFT_OUT,
            "wordings": wordings,
        },
        status=status,
    )


@login_required
@require_POST
def ledger_import_wordings(request: HttpRequest, pk: int) -> HttpResponse:
    """What the official says the unread columns are: remembered, and the file read again."""
    job = get_object_or_404(LedgerImport, pk=pk, requested_by_id=request.user.pk)
    form = _wordings_form(job, request.POST)
    if form is None:
        raise Http404
    if form.is_valid():
        try:
            again = ledger_import_told(actor=Actor.from_request(request), job=job, told=form.told())
        except WordingRefused as refused:
            form.add_error(None, wording_refusal(refused))
        else:
            return redirect("registry:ledger_import_job", pk=again.pk)
    return _job_page(request, job, form, status=400)


@login_required
@require_POST
def ledger_wording_forget_view(request: HttpRequest, pk: int) -> HttpResponse:
    wording = get_object_or_404(LedgerWording, pk=pk)
    ledger_wording_forget(actor=Actor.from_request(request), wording=wording)
    messages.success(request, _("Forgotten: “{written}”.").format(written=wording.written))
    return redirect("registry:ledger_import")


@login_required
def ledger_export_view(request: HttpRequest) -> FileResponse:
    return _ledger_file(request, None, _("Community ledger"))


@login_required
def community_list_export(request: HttpRequest) -> FileResponse:
    """The communities on screen, filtered as they are, as a ledger workbook: corrected in Excel,
    it is imported again like any ledger."""
    return _ledger_file(request, _filtered(request).qs, _("Community ledger, selection"))


def _ledger_file(
    request: HttpRequest, communities: QuerySet[Community] | None, title: str
) -> FileResponse:
    handle = tempfile.TemporaryFile()  # noqa: SIM115 -- FileResponse closes it once sent
    ledger_export(actor=Actor.from_request(request), target=handle, communities=communities)
    handle.seek(0)
    name = f"{title}-{timezone.localdate():%Y%m%d}.xlsx"
    return FileResponse(handle, as_attachment=True, filename=name)
