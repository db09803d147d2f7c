"""The signed-in user's own account: the password and the authenticator."""

from __future__ import annotations

import base64

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from anju.accounts.forms import CodeForm, PasswordRenewForm
from anju.accounts.models import SignInAttempts
from anju.accounts.services import (
    access_record,
    second_factor_confirm,
    second_factor_start,
    second_factor_tried,
    signin_failed,
    user_set_password,
)
from anju.accounts.signin import attempts_key, needs_second_factor
from anju.audit.context import Actor
from anju.web.going_back import back_to
from anju.web.qr import qr_svg


def _next(request: HttpRequest) -> str:
    return back_to(request, settings.LOGIN_REDIRECT_URL)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    policy = settings.SIGNIN_POLICY
    changed = user.password_changed_at  # type: ignore[union-attr]
    return render(
        request,
        "accounts/account.html",
        {
            "expires": changed + policy.password_max_age if changed else None,
            "has_second_factor": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
            "second_factor_required": needs_second_factor(user),  # type: ignore[arg-type]
        },
    )


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    """The holder's new password. The current one typed wrong counts as a failed sign-in of
    that name from that client, is in the log, and at the lock ends the session: an open
    session left on a desk is not a way to guess the password."""
    user = request.user
    form = PasswordRenewForm(user, request.POST or None)
    key = attempts_key(user.get_username(), request)
    now = timezone.now()
    locked = SignInAttempts.objects.filter(key=key, locked_until__gt=now).exists()
    wrong = request.method == "POST" and not locked and not form.is_valid()
    if wrong and form.has_error("old_password", "password_incorrect"):
        name = user.get_username()
        access_record(request=request, user=user, action="password_change.failed", name=name)  # type: ignore[arg-type]
        locked = signin_failed(key=key, now=now) is not None
        if locked:
            access_record(request=request, user=user, action="login.locked", name=name)  # type: ignore[arg-type]
    if locked:
        logout(request)
        messages.error(
            request, _("Too many wrong passwords; you were signed out. Sign in again later.")
        )
        return redirect("login")
    if request.method == "POST" and form.is_valid():
        user = user_set_password(
            actor=Actor.from_request(request),
            user=request.user,  # type: ignore[arg-type]
            password=form.cleaned_data["new_password1"],
        )
        update_session_auth_hash(request, user)
        messages.success(request, _("Your password is changed."))
        return redirect(_next(request))
    return render(request, "accounts/password.html", {"form": form, "next": _next(request)})


@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """Asks for the authenticator's code; for a user without a confirmed authenticator, first
    shows the key to add to one, which the first right code confirms."""
    actor = Actor.from_request(request)
    user = request.user
    device = second_factor_start(actor=actor, user=user)  # type: ignore[arg-type]
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _why = device.verify_is_allowed()  # type: ignore[no-untyped-call]
        if not allowed:
            form.add_error("code", _("Too many wrong codes; wait a little and try again."))
        elif device.verify_token(form.cleaned_data["code"]):  # type: ignore[no-untyped-call]
            if not device.confirmed:
                second_factor_confirm(actor=actor, device=device)
            otp_login(request, device)  # type: ignore[no-untyped-call]
            second_factor_tried(actor=actor, user=user, passed=True)  # type: ignore[arg-type]
            return redirect(_next(request))
        else:
            second_factor_tried(actor=actor, user=user, passed=False)  # type: ignore[arg-type]
            form.add_error("code", _("That code is not right, or has expired."))
    key = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/second_factor.html",
        {
            "form": form,
            "device": device,
            "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
            "qr": None if device.confirmed else qr_svg(device.config_url),
            "next": _next(request),
        },
    )
