"""What a signed-in request must still satisfy before its page: a session not left idle nor
older than its lifetime, the second factor where one is required, a password its holder chose
and not past its age. Each sends the user to the
one page that settles it, and lets only that page, signing out and the static files through."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from anju.accounts.signin import SEEN, SIGNED_IN, needs_second_factor
from anju.core.signin import idle_expired, lifetime_expired, password_expired

SEEN_EVERY = 60  # seconds: the session is written at most this often, not on every request
OPEN = {"login", "logout", "set_language", "accounts:second_factor", "accounts:password"}


class SignedInChecks:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated:
            return None
        now = timezone.now()
        policy = settings.SIGNIN_POLICY
        seen = request.session.get(SEEN)
        last = datetime.fromtimestamp(seen, tz=UTC) if seen is not None else None
        if idle_expired(last, now, policy):
            logout(request)
            return _send(request, "login", _("You were signed out after a time without activity."))
        began = request.session.get(SIGNED_IN)
        signed_in = datetime.fromtimestamp(began, tz=UTC) if began is not None else None
        if lifetime_expired(signed_in, now, policy):
            logout(request)
            return _send(
                request,
                "login",
                _("You were signed in for %(hours)d hours; please sign in again.")
                % {"hours": policy.lifetime.total_seconds() // 3600},
            )
        if seen is None or now.timestamp() - seen >= SEEN_EVERY:
            request.session[SEEN] = int(now.timestamp())
        name = request.resolver_match.view_name if request.resolver_match else ""
        if name in OPEN:
            return None
        if needs_second_factor(user) and not user.is_verified():  # type: ignore[attr-defined]
            return _send(
                request, "accounts:second_factor", _("Enter the code from your authenticator app.")
            )
        if password_expired(user.password_changed_at, now, policy):
            return _send(
                request, "accounts:password", _("Your password has expired; choose a new one.")
            )
        return None


def _send(request: HttpRequest, to: str, why: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": why}, status=401 if to == "login" else 403)
    messages.info(request, why)
    return redirect(f"{reverse(to)}?{urlencode({'next': request.get_full_path()})}")
