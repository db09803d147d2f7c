"""Signing in: the password check with its lock after repeated failures, and the audit entry of
every sign-in, failure and sign-out (GB/T 22239-2019 8.1.4.1 b, 8.1.4.3)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from anju.accounts.models import Role, SignInAttempts, User
from anju.accounts.services import access_record, signin_failed, signin_succeeded
from anju.audit.context import request_origin

SEEN = "anju_seen"  # the session's last activity, in seconds since the epoch
SIGNED_IN = "anju_signed_in"  # when the session signed in, in seconds since the epoch


def _origin(request: HttpRequest | None) -> str:
    if request is None:
        return "?"
    return request_origin(request)


def attempts_key(username: str, request: HttpRequest | None) -> str:
    """The pair a lock holds: the user name as typed (case folded) and the client's address."""
    return salted_hmac("anju.signin", f"{username.casefold()}|{_origin(request)}").hexdigest()


class LockoutBackend(ModelBackend):
    """Django's password check behind a lock on the pair of user name and client: after the
    policy's failures that pair waits, before any password is looked at; every other client
    still reaches the account. A name that does not exist is counted and locked alike and
    costs the same hashing, so no answer tells which accounts exist. Why it refused is left on
    the request for the form."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None or password is None:
            return None
        now = timezone.now()
        key = attempts_key(username, request)
        locked_until = (
            SignInAttempts.objects.filter(key=key, locked_until__gt=now)
            .values_list("locked_until", flat=True)
            .first()
        )
        if locked_until is not None:
            _refused(request, locked_until)
            return None
        user = User.objects.filter(username=username).first()
        if user is None:
            User().set_password(password)  # as long as a wrong password takes
        elif user.check_password(password) and self.user_can_authenticate(user):
            signin_succeeded(key=key)
            return user
        locked_until = signin_failed(key=key, now=now)
        if locked_until is not None:
            access_record(request=request, user=user, action="login.locked", name=username)
            _refused(request, locked_until)
        return None


def _refused(request: HttpRequest | None, until: datetime) -> None:
    if request is not None:
        request.anju_locked_until = until  # type: ignore[attr-defined]


def needs_second_factor(user: User) -> bool:
    """Superusers and staff reach the whole registry or its settings, so they never sign in
    with a password alone; a deployment may require it of more roles."""
    if user.is_superuser or user.is_staff:
        return True
    roles = settings.SECOND_FACTOR_ROLES
    return bool(roles) and user.memberships.filter(role__in=[Role(r) for r in roles]).exists()


@receiver(user_logged_in)
def _logged_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SEEN] = request.session[SIGNED_IN] = int(timezone.now().timestamp())
    access_record(request=request, user=user, action="login", name=user.username)


@receiver(user_logged_out)
def _logged_out(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        access_record(request=request, user=user, action="logout", name=user.username)


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    name = str(credentials.get("username") or "")
    access_record(
        request=request,
        user=User.objects.filter(username=name).first(),
        action="login.failed",
        name=name,
    )
