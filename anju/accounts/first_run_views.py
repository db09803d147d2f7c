"""The first page of a fresh install, and the sign-in page that sends there until it is done."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from anju.accounts.first_run import fresh
from anju.accounts.forms import FirstRunForm, SignInForm
from anju.accounts.services import first_run
from anju.audit.context import Actor, request_origin
from anju.divisions.shipped import shipped_cities

_sign_in = LoginView.as_view(template_name="web/login.html", authentication_form=SignInForm)


def sign_in(request: HttpRequest) -> HttpResponseBase:
    if fresh():
        return redirect("setup")
    return _sign_in(request)


@never_cache
def setup(request: HttpRequest) -> HttpResponse:
    """Open while no account exists; the set-up code stands in for the account not yet made."""
    if not fresh():
        raise Http404
    cities = shipped_cities()
    form = FirstRunForm(request.POST or None, cities=cities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            first_run(
                actor=Actor(user=None, origin=request_origin(request), name=_("set-up code")),
                city=data["city"],
                username=data["username"].strip(),
                display_name=data["display_name"].strip(),
                password=data["password1"],
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        except IntegrityError:  # another set-up finished first: its city and account stand
            raise Http404 from None
        else:
            messages.success(
                request,
                _("Anju now serves %(city)s. Log in with the account you made.")
                % {"city": dict(cities)[data["city"]]},
            )
            return redirect("login")
    return render(request, "accounts/setup.html", {"form": form})
