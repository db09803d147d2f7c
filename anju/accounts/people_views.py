"""The accounts of the officials beneath a user: listed, opened one by one or from a staff
workbook, given a new password, closed when they leave. Issued passwords are shown once, on
the answer to the request that made them, and kept nowhere."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from anju.accounts.forms import StaffForm, StaffWorkbookForm
from anju.accounts.jurisdiction import scopes
from anju.accounts.models import User
from anju.accounts.people import (
    grantable_posts,
    issued_rows,
    kept_by,
    posts_of,
    read_staff_workbook,
    role_label,
    row_problems_said,
    staff_template,
)
from anju.accounts.services import (
    staff_open,
    staff_open_many,
    staff_reset_password,
    staff_rows_problems,
    staff_set_active,
)
from anju.audit.context import Actor
from anju.core.access import Capability, Role
from anju.core.staffing import keeps
from anju.divisions.models import Division
from anju.uploads import UploadRefused
from anju.web.paging import page_of, reading_order, sorted_by

# The model's fields as the form names them.
FORM_FIELDS = {"username": "username", "first_name": "display_name"}


def _opener(request: HttpRequest) -> User:
    if scopes(request.user, Capability.ACCOUNTS_MANAGE) == ():
        raise PermissionDenied
    return request.user  # type: ignore[return-value]


def _kept(request: HttpRequest, pk: int) -> User:
    """An account the user keeps; any other is not found, whether or not it exists."""
    user = _opener(request)
    person = get_object_or_404(User, pk=pk)
    if person.pk == user.pk or not keeps(posts_of(user), posts_of(person) or []):
        raise Http404
    return person


def _issued(request: HttpRequest, opened: list[tuple[User, str]], title: str) -> HttpResponse:
    return render(request, "accounts/issued.html", {"issued": issued_rows(opened), "title": title})


def _place_labels(places: list[Division]) -> list[tuple[str, str]]:
    """Each division named with its parents within the list: 华龙区 · 交通街道 · 中原社区."""
    named = {d.code: d for d in places}

    def path(division: Division) -> str:
        parent = named.get(division.parent_id or "")
        return f"{path(parent)} · {division.name}" if parent else division.name

    return [(d.code, f"{path(d)}（{d.code}）") for d in places]


@login_required
def people(request: HttpRequest) -> HttpResponse:
    user = _opener(request)
    page = page_of(request, sorted_by(request, kept_by(user), PEOPLE_SORTS, "username"))
    rows = [
        {
            "person": person,
            "posts": [(role_label(Role(m.role)), m.division) for m in person.memberships.all()],
        }
        for person in page
    ]
    return render(request, "accounts/people.html", {"rows": rows, "page": page})


def _state(person: User) -> int:
    """In use, then not signed in yet, then deactivated: as the list's state column reads."""
    return 2 if not person.is_active else 0 if person.password_changed_at else 1


PEOPLE_SORTS: dict[str, Callable[[User], Any]] = {
    "username": lambda u: u.username,
    "name": lambda u: reading_order(u.first_name) if u.first_name else None,
    "post": lambda u: min(((m.division_id, m.role) for m in u.memberships.all()), default=None),
    "state": _state,
}


@never_cache
@login_required
def person_new(request: HttpRequest) -> HttpResponse:
    user = _opener(request)
    roles, places = grantable_posts(user)
    form = StaffForm(
        request.POST or None,
        roles=[(r.value, role_label(r)) for r in roles],
        places=_place_labels(places),
    )
    if request.method == "POST" and form.is_valid():
        try:
            opened = staff_open(
                actor=Actor.from_request(request),
                username=form.cleaned_data["username"].strip(),
                display_name=form.cleaned_data["display_name"].strip(),
                role=Role(form.cleaned_data["role"]),
                division_code=form.cleaned_data["division"],
            )
        except ValidationError as refused:
            by_field = refused.message_dict if hasattr(refused, "error_dict") else {}
            for field, errors in by_field.items() or [("", refused.messages)]:
                for error in errors:
                    form.add_error(FORM_FIELDS.get(field), error)
        else:
            return _issued(request, [opened], _("Account opened"))
    return render(request, "accounts/person_new.html", {"form": form})


@never_cache
@login_required
def people_import(request: HttpRequest) -> HttpResponse:
    _opener(request)
    form = StaffWorkbookForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        actor = Actor.from_request(request)
        try:
            rows, unread = read_staff_workbook(upload.read(), upload.name or "")
            problems = row_problems_said(unread + staff_rows_problems(actor=actor, rows=rows))
            if not problems:
                opened = staff_open_many(actor=actor, rows=rows)
                return _issued(request, opened, _("Accounts opened from the staff workbook"))
        except UploadRefused as refused:
            problems = [refused.message]
        except ValidationError as refused:
            problems = refused.messages
    return render(request, "accounts/people_import.html", {"form": form, "problems": problems})


@login_required
def people_template(request: HttpRequest) -> FileResponse:
    user = _opener(request)
    return FileResponse(
        io.BytesIO(staff_template(user)), as_attachment=True, filename="人员名册.xlsx"
    )


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    found = _kept(request, pk)
    posts = [
        (role_label(Role(m.role)), m.division) for m in found.memberships.select_related("division")
    ]
    return render(request, "accounts/person.html", {"person": found, "posts": posts})


@never_cache
@login_required
@require_POST
def person_password(request: HttpRequest, pk: int) -> HttpResponse:
    found = _kept(request, pk)
    if not found.is_active:
        messages.error(request, _("Open the account again before issuing it a password."))
        return redirect("accounts:person", pk=found.pk)
    password = staff_reset_password(actor=Actor.from_request(request), user=found)
    return _issued(request, [(found, password)], _("New password issued"))


@login_required
@require_POST
def person_active(request: HttpRequest, pk: int) -> HttpResponse:
    found = _kept(request, pk)
    active = request.POST.get("active") == "1"
    staff_set_active(actor=Actor.from_request(request), user=found, active=active)
    messages.success(
        request,
        (_("%(name)s can sign in again.") if active else _("%(name)s can no longer sign in."))
        % {"name": found.first_name or found.username},
    )
    return redirect("accounts:person", pk=found.pk)
