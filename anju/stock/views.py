"""The inventory of stock resources: listed over the user's area, loaded from a workbook, each
resource's page; and a resource taken for a community's project from its content list, or given
back."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anju.accounts.jurisdiction import reaches, scopes
from anju.audit.context import Actor
from anju.core.access import Capability
from anju.core.conditions import Facility
from anju.policy.library import get_pack
from anju.registry.issues import describe, locate
from anju.registry.lookup import community_or_404
from anju.stock.forms import InventoryForm
from anju.stock.models import Kind, Resource
from anju.stock.selectors import inventory
from anju.stock.services import (
    InventoryRefused,
    StockError,
    inventory_load,
    resource_release,
    resource_take,
)
from anju.stock.workbook import inventory_template, read_inventory
from anju.uploads import UploadRefused
from anju.web.going_back import back_to
from anju.web.paging import Counted, Order, ordered, page_of

SORTS: dict[str, Order] = {
    "code": "code",
    "name": "name",
    "area": "area_m2",
    "division": "division_id",
}
TAKEN = {"free": False, "taken": True}


def _reader(request: HttpRequest) -> None:
    if scopes(request.user, Capability.REGISTRY_VIEW) == ():
        raise PermissionDenied


def _editor(request: HttpRequest) -> bool:
    return scopes(request.user, Capability.REGISTRY_EDIT) != ()


@login_required
@require_http_methods(["GET", "POST"])
def resource_list(request: HttpRequest) -> HttpResponse:
    _reader(request)
    form = InventoryForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST":
        if not _editor(request):
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows, issues = read_inventory(upload.read(), upload.name or "")
                if not issues:
                    loaded = inventory_load(actor=Actor.from_request(request), rows=rows)
                    messages.success(
                        request,
                        _(
                            "Inventory loaded: {added} added, {changed} changed, {same} unchanged."
                        ).format(added=loaded.added, changed=loaded.changed, same=loaded.unchanged),
                    )
                    return redirect("stock:list")
            except UploadRefused as refused:
                issues, problems = [], [refused.message]
            except InventoryRefused as refused:
                issues = refused.issues
            problems += [f"{locate(i)}：{describe(i)}" for i in issues[:200]]
    resources = inventory(request.user)
    kind = request.GET.get("kind", "")
    if kind in set(Kind):
        resources = resources.filter(kind=kind)
    taken = request.GET.get("taken", "")
    if taken in TAKEN:
        resources = resources.filter(taken_by__isnull=not TAKEN[taken])
    page = page_of(
        request, Counted(ordered(resources, request.GET.get("sort", ""), SORTS, "code", "code"))
    )
    return render(
        request,
        "stock/list.html",
        {
            "page": page,
            "form": form,
            "problems": problems,
            "editor": _editor(request),
            "kinds": Kind.choices,
            "kind": kind,
            "taken": taken,
        },
        status=400 if problems or form.errors else 200,
    )


@login_required
@require_GET
def template(request: HttpRequest) -> FileResponse:
    _reader(request)
    return FileResponse(
        io.BytesIO(inventory_template()), as_attachment=True, filename="存量资源清单.xlsx"
    )


def _resource(request: HttpRequest, code: str, write: bool = False) -> Resource:
    """The resource, if the user reads it (else 404) and, to ``write``, keeps its area (else
    403)."""
    found = inventory(request.user).filter(code=code).first()
    if found is None:
        raise Http404(_("No such resource."))
    if write and not reaches(request.user, Capability.REGISTRY_EDIT, found.division_id):
        raise PermissionDenied
    return found


@login_required
@require_GET
def resource_detail(request: HttpRequest, code: str) -> HttpResponse:
    resource = _resource(request, code)
    return render(
        request,
        "stock/detail.html",
        {
            "resource": resource,
            "uses": [Facility(u) for u in resource.uses if u in set(Facility)],
            "editable": reaches(request.user, Capability.REGISTRY_EDIT, resource.division_id),
        },
    )


@login_required
@require_POST
def take(request: HttpRequest, code: str) -> HttpResponse:
    resource = _resource(request, code, write=True)
    community = community_or_404(request, request.POST.get("community", ""), write=True)
    asked = request.POST.get("facility", "")
    if asked not in set(Facility):
        raise Http404
    try:
        resource_take(
            actor=Actor.from_request(request),
            resource=resource,
            community=community,
            facility=Facility(asked),
            # the deployment's own pack, whichever a page compares with: it is the city's law
            rule=get_pack(None).model.stock,
            consented=request.POST.get("consented") == "on",
        )
        messages.success(
            request,
            _(
                "{name} is now on the list of {community}: it is offered to no other community."
            ).format(name=resource.name, community=community.name),
        )
    except StockError as refused:
        messages.error(request, str(refused))
    return redirect(back_to(request, resource_url(resource)))


@login_required
@require_POST
def release(request: HttpRequest, code: str) -> HttpResponse:
    resource = _resource(request, code, write=True)
    resource_release(actor=Actor.from_request(request), resource=resource)
    messages.success(request, _("{name} is back on the inventory.").format(name=resource.name))
    return redirect(back_to(request, resource_url(resource)))


def resource_url(resource: Resource) -> str:
    return reverse("stock:detail", args=[resource.code])
